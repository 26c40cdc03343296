/**
 * Scale-out ingestion on PostgreSQL with pg-boss.
 *
 * `rasd ingest --queue PATH…` reads the inputs and enqueues batches of articles (the article
 * objects themselves, in the job's JSON) on the `rasd-ingest` queue; any number of
 * `rasd worker` processes take jobs one at a time and run Store.ingest on them.
 *
 * Correctness does not rest on the queue delivering a job exactly once — it cannot, when a
 * worker dies mid-job (the job expires and is handed out again):
 * - Store.ingest is idempotent (content hash, URL): a job run twice adds nothing the second
 *   time; a job cut off mid-way lost only its uncommitted transaction.
 * - Every batch transaction of Store.ingest inserts its articles and mentions (the unique
 *   indexes keep each article once: an insert meeting another worker's uncommitted row waits
 *   for it and is decided again), then takes the per-schema advisory lock
 *   (`pg_advisory_xact_lock(hashtext(schema || ':ingest'))`) for near-duplicates and incident
 *   assignment, so these of one worker always see everything another committed, and two
 *   workers never create two incidents for one. Extraction (the CPU work) and the inserts run
 *   outside the lock, in parallel.
 * - Incident assignment is order-independent (src/incidents/assign.ts), so N workers in any
 *   interleaving store the incidents one process would.
 *
 * Failures: a job that throws (database down, …) is retried with exponential backoff
 * (`retryLimit`, default 3), then moved to the dead-letter queue `rasd-ingest-dead`. Articles
 * whose extraction throws are sent there at once (with the error), without retrying a
 * deterministic failure. A job still active after `expireInSeconds` (its worker was killed)
 * is failed by pg-boss's maintenance and retried.
 *
 * Graceful shutdown: on SIGTERM/SIGINT a worker stops fetching, finishes the job in hand,
 * and exits; a second signal exits at once (the job is then retried after it expires).
 *
 * pg-boss keeps its tables in a schema of its own: `rasd_queue` for the store schema `public`,
 * else `<schema>_queue`.
 */
import { randomBytes } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { IngestReport } from '../ingest/ingest.js';
import { createWorkers, type Workers } from '../ingest/pool.js';
import type { Article } from '../io/types.js';
import { recordEstimatedArticles } from '../sources/state.js';
import { Store } from '../store/store.js';

export const INGEST_QUEUE = 'rasd-ingest';
export const DEAD_LETTER_QUEUE = 'rasd-ingest-dead';

export interface IngestJob {
  articles: Article[];
  /** 1-based batch number and the number of batches of the enqueue run (for logs) */
  batch?: number;
  batches?: number;
}

export interface DeadLetter {
  articles: Article[];
  errors: { id: string; error: string }[];
  from_job: string;
}

export interface QueueOptions {
  /** postgres:// URL (required: the queue lives in PostgreSQL) */
  url: string;
  /** the store's schema (default RASD_SCHEMA or 'public') */
  schema?: string;
  /** how often this process runs pg-boss maintenance (expiring jobs of dead workers; default 30 s) */
  maintenanceIntervalSeconds?: number;
  /** connections of pg-boss's own pool (default 3) */
  poolSize?: number;
}

export interface JobPolicy {
  /** retries of a failing job before it goes to the dead-letter queue (default 3) */
  retryLimit?: number;
  /** seconds before the first retry; doubles (default 5) */
  retryDelay?: number;
  /** a job still active after this many seconds is failed and retried (default 900) */
  expireInSeconds?: number;
}

/** The pg-boss schema for a store schema. */
export function queueSchema(schema: string): string {
  const s = schema === 'public' ? 'rasd_queue' : `${schema}_queue`;
  if (!/^[a-z_][a-z0-9_]{0,49}$/.test(s))
    throw new Error(`schema name "${schema}" is too long for a queue schema`);
  return s;
}

function storeSchema(opts: QueueOptions): string {
  return opts.schema ?? process.env.RASD_SCHEMA ?? 'public';
}

/** Starts pg-boss on the store's database and makes sure both queues exist. */
export async function openQueue(
  opts: QueueOptions & { supervise?: boolean; onError?: (err: Error) => void },
  policy: JobPolicy = {},
): Promise<PgBoss> {
  if (!opts.url) throw new Error('the queue needs PostgreSQL: set DATABASE_URL (PGlite is one process only)');
  const boss = new PgBoss({
    connectionString: opts.url,
    schema: queueSchema(storeSchema(opts)),
    max: opts.poolSize ?? 3,
    application_name: 'rasd-queue',
    supervise: opts.supervise ?? true,
    schedule: false,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 30,
  });
  boss.on('error', (err) => (opts.onError ?? (() => {}))(err));
  await boss.start();
  await boss.createQueue(DEAD_LETTER_QUEUE, { name: DEAD_LETTER_QUEUE, policy: 'standard' });
  await boss.createQueue(INGEST_QUEUE, {
    name: INGEST_QUEUE,
    policy: 'standard',
    retryLimit: policy.retryLimit ?? 3,
    retryDelay: policy.retryDelay ?? 5,
    retryBackoff: true,
    expireInSeconds: policy.expireInSeconds ?? 900,
    deadLetter: DEAD_LETTER_QUEUE,
  });
  return boss;
}

export interface EnqueueReport {
  jobs: number;
  articles: number;
  seconds: number;
}

/**
 * A time-ordered UUID (version 7 layout: 48-bit milliseconds, then a sequence number, then
 * random bits). pg-boss hands out jobs by priority, creation time, then id: ids that sort in
 * enqueue order make one worker take the jobs in input order, as a single `rasd ingest` would
 * (which matters when two inputs share a URL: the first one read is the one kept).
 */
export function orderedJobId(ms: number, seq: number): string {
  const t = ms.toString(16).padStart(12, '0').slice(-12);
  const s = (seq & 0xffffff).toString(16).padStart(6, '0');
  const r = randomBytes(6).toString('hex');
  return `${t.slice(0, 8)}-${t.slice(8)}-7${s.slice(0, 3)}-${(0x8 | ((seq >> 24) & 0x3)).toString(16)}${s.slice(3)}-${r}`;
}

/** Text per job, in UTF-16 code units (about 8 MB of UTF-8 Arabic). */
export const MAX_JOB_CHARS = 4_000_000;

/** Enqueues the articles in jobs of `batchSize` (default 100) and at most MAX_JOB_CHARS, in input order. */
export async function enqueueArticles(
  boss: PgBoss,
  articles: Article[],
  opts: JobPolicy & { batchSize?: number } = {},
): Promise<EnqueueReport> {
  const t0 = Date.now();
  const size = Math.max(1, opts.batchSize ?? 100);
  // a job holds at most `size` articles and about MAX_JOB_CHARS of text (long articles make small jobs)
  const groups: Article[][] = [];
  let group: Article[] = [];
  let chars = 0;
  for (const a of articles) {
    const n = (a.text?.length ?? 0) + (a.title?.length ?? 0) + 200;
    if (group.length && (group.length >= size || chars + n > MAX_JOB_CHARS)) {
      groups.push(group);
      group = [];
      chars = 0;
    }
    group.push(a);
    chars += n;
  }
  if (group.length) groups.push(group);
  const batches = groups.length;
  const now = Date.now();
  const jobs: PgBoss.JobInsert<IngestJob>[] = groups.map((g, b) => ({
    id: orderedJobId(now, b),
    name: INGEST_QUEUE,
    data: { articles: g, batch: b + 1, batches },
    retryLimit: opts.retryLimit ?? 3,
    retryDelay: opts.retryDelay ?? 5,
    retryBackoff: true,
    expireInSeconds: opts.expireInSeconds ?? 900,
    deadLetter: DEAD_LETTER_QUEUE,
  }));
  // a few jobs per statement: each carries its articles' full text
  for (let i = 0; i < jobs.length; i += 8) await boss.insert(jobs.slice(i, i + 8));
  return { jobs: jobs.length, articles: articles.length, seconds: (Date.now() - t0) / 1000 };
}

/** Jobs not yet done: waiting, waiting for a retry, or in a worker's hands. */
export async function pendingJobs(
  boss: PgBoss,
): Promise<{ waiting: number; unfinished: number; dead: number }> {
  const [waiting, unfinished, dead] = await Promise.all([
    boss.getQueueSize(INGEST_QUEUE, { before: 'active' }),
    boss.getQueueSize(INGEST_QUEUE, { before: 'completed' }),
    boss.getQueueSize(DEAD_LETTER_QUEUE, { before: 'completed' }),
  ]);
  return { waiting, unfinished, dead };
}

export interface WorkerOptions extends QueueOptions {
  /** extraction threads inside this process (default 0: in-process; scale with processes) */
  threads?: number;
  /** articles per transaction inside a job (default 200) */
  batchSize?: number;
  /** seconds between polls for jobs when idle (default 1, at least 0.5) */
  pollSeconds?: number;
  /** return once no job is waiting and this worker is idle */
  drain?: boolean;
  /** stops the worker: no new job is taken, the one in hand is finished */
  signal?: AbortSignal;
  /** how long to wait for the job in hand at shutdown (default 10 min) */
  stopTimeoutSeconds?: number;
  log?: (line: string) => void;
}

export interface WorkerReport {
  jobs: number;
  articles: number;
  added: number;
  skipped_duplicate: number;
  failed: number;
  mentions: number;
  seconds: number;
}

function summary(r: IngestReport): string {
  return `added ${r.added}, duplicates ${r.skipped_duplicate}, near-duplicates ${r.near_duplicates}, mentions ${r.mentions}${r.failed ? `, failed ${r.failed}` : ''}`;
}

/** Runs one worker until `signal` aborts (or, with `drain`, until the queue is empty). */
export async function runWorker(opts: WorkerOptions): Promise<WorkerReport> {
  const t0 = Date.now();
  const log = opts.log ?? (() => {});
  const schema = storeSchema(opts);
  const store = await Store.open({ url: opts.url, schema, poolSize: 2 });
  let boss: PgBoss | null = null;
  let pool: Workers | null = null;
  const report: WorkerReport = {
    jobs: 0,
    articles: 0,
    added: 0,
    skipped_duplicate: 0,
    failed: 0,
    mentions: 0,
    seconds: 0,
  };
  let busy = false;
  // with `drain`: asks whether the queue is empty (every 500 ms, and as soon as a job is done)
  let drainCheck: (() => void) | null = null;
  try {
    pool = await createWorkers(opts.threads ?? 0);
    boss = await openQueue({ ...opts, schema, onError: (e) => log(`queue error: ${e.message}`) });
    const b = boss;
    const workers = pool;
    let workerId: string | null = null;
    workerId = await b.work<IngestJob>(
      INGEST_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: Math.max(0.5, opts.pollSeconds ?? 1) },
      async (jobs) => {
        const out: object[] = [];
        for (const job of jobs) {
          busy = true;
          try {
            const articles = job.data?.articles;
            if (!Array.isArray(articles)) throw new Error(`job ${job.id}: no articles in the job data`);
            const where = job.data.batch ? ` (batch ${job.data.batch}/${job.data.batches})` : '';
            log(`job ${job.id}${where}: ${articles.length} articles`);
            const r = await store.ingest(articles, { pool: workers, batchSize: opts.batchSize });
            await recordEstimatedArticles(store.db, articles);
            if (r.failures.length) {
              const bad = new Set(r.failures.map((f) => f.id));
              const dead: DeadLetter = {
                articles: articles.filter((a) => bad.has(a.id)),
                errors: r.failures,
                from_job: job.id,
              };
              await b.send(DEAD_LETTER_QUEUE, dead);
              for (const f of r.failures)
                log(`job ${job.id}: ${f.id}: extraction failed: ${f.error} (dead-lettered)`);
            }
            report.jobs++;
            report.articles += articles.length;
            report.added += r.added;
            report.skipped_duplicate += r.skipped_duplicate;
            report.failed += r.failed;
            report.mentions += r.mentions;
            log(`job ${job.id}${where} done: ${summary(r)}`);
            out.push({
              added: r.added,
              skipped_duplicate: r.skipped_duplicate,
              failed: r.failed,
              mentions: r.mentions,
            });
          } finally {
            busy = false;
          }
        }
        // pg-boss waits out the polling interval after every job, even when more are waiting;
        // a notified worker fetches again at once
        if (workerId) b.notifyWorker(workerId);
        drainCheck?.();
        return out;
      },
    );
    await new Promise<void>((resolve) => {
      if (opts.signal?.aborted) return resolve();
      opts.signal?.addEventListener('abort', () => resolve(), { once: true });
      if (opts.drain) {
        let asking = false;
        let timer: NodeJS.Timeout | undefined;
        const check = async () => {
          if (opts.signal?.aborted || asking) return;
          asking = true;
          clearTimeout(timer);
          try {
            const { waiting } = await pendingJobs(b);
            if (waiting === 0 && !busy) return resolve();
          } catch (err) {
            log(`queue error: ${(err as Error).message}`);
          } finally {
            asking = false;
          }
          timer = setTimeout(check, 500);
        };
        drainCheck = () => void check();
        timer = setTimeout(check, 500);
      }
    });
    log('stopping: no new jobs; finishing the one in hand');
  } finally {
    // graceful: stop fetching, wait for the job in hand, then close
    await boss
      ?.stop({ graceful: true, wait: true, timeout: (opts.stopTimeoutSeconds ?? 600) * 1000 })
      .catch(() => {});
    await pool?.close().catch(() => {});
    await store.close().catch(() => {});
  }
  report.seconds = (Date.now() - t0) / 1000;
  return report;
}
