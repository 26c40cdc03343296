/**
 * The queue on PostgreSQL (pg-boss): skipped without DATABASE_URL.
 *
 * The fault test: 2,000 synthetic articles in jobs of 25, three `rasd worker` processes; one
 * is SIGKILLed in the middle of a job and started again, another gets SIGTERM in the middle
 * of a job (it must finish that job and exit 0). In the end every article is stored exactly
 * once and the store equals a single-process ingest of the same articles into another
 * schema: counts of articles, mentions, incidents and memberships, and the incident keys.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type PgBoss from 'pg-boss';
import { dropSchema } from '../db/db.js';
import { sql } from '../db/sql.js';
import { Store } from '../store/store.js';
import { randomSchema } from '../store/testing.js';
import {
  DEAD_LETTER_QUEUE,
  enqueueArticles,
  INGEST_QUEUE,
  openQueue,
  pendingJobs,
  queueSchema,
  runWorker,
} from './queue.js';
import { syntheticArticles } from './synthetic.js';

const url = process.env.DATABASE_URL;
const skip = url ? false : 'DATABASE_URL is not set: the queue tests need PostgreSQL (pg-boss); skipped';
const MAIN = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Snapshot {
  counts: { articles: number; near_duplicates: number; mentions: number; incidents: number };
  memberships: number;
  incidentIds: string[];
  articleIds: string[];
}

async function snapshot(store: Store): Promise<Snapshot> {
  const q = <R>(text: string) => store.db.query<R>({ text });
  return {
    counts: await store.counts(),
    memberships: (await q<{ n: number }>('SELECT count(*)::int AS n FROM incident_mentions'))[0].n,
    incidentIds: (await q<{ id: string }>('SELECT id FROM incidents ORDER BY id')).map((r) => r.id),
    articleIds: (await q<{ id: string }>('SELECT id FROM articles ORDER BY id')).map((r) => r.id),
  };
}

async function dropAll(store: Store, schema: string): Promise<void> {
  await store.db.query(sql.dropSchema(queueSchema(schema))).catch(() => {});
  await dropSchema(store.db).catch(() => {});
  await store.close();
}

class WorkerProc {
  readonly proc: ChildProcess;
  readonly started: string[] = [];
  readonly lines: string[] = [];
  readonly exit: Promise<{ code: number | null; signal: string | null }>;
  private waiters: { n: number; resolve: (id: string) => void }[] = [];

  constructor(schema: string) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker', '--poll', '0.5'], {
      cwd: ROOT,
      env: { ...process.env, RASD_SCHEMA: schema, RASD_QUEUE_MAINTENANCE_SECONDS: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let buf = '';
    this.proc.stderr?.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let i = buf.indexOf('\n');
      while (i >= 0) {
        this.onLine(buf.slice(0, i));
        buf = buf.slice(i + 1);
        i = buf.indexOf('\n');
      }
    });
    this.exit = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
  }

  private onLine(line: string): void {
    this.lines.push(line);
    const m = /\] job (\S+) \(batch \d+\/\d+\): \d+ articles$/.exec(line);
    if (!m) return;
    this.started.push(m[1]);
    this.waiters = this.waiters.filter((w) => {
      if (this.started.length < w.n) return true;
      w.resolve(this.started[w.n - 1]);
      return false;
    });
  }

  /** Resolves with the id of the n-th job this worker starts. */
  nthJob(n: number): Promise<string> {
    if (this.started.length >= n) return Promise.resolve(this.started[n - 1]);
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(t)),
    new Promise<T>((_, reject) => {
      t = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]);
}

describe('queue (pg-boss on PostgreSQL)', { skip }, () => {
  it('cuts jobs by article count and by text size, in input order', async () => {
    const schema = randomSchema();
    const store = await Store.open({ url, schema });
    const boss = await openQueue({ url: url as string, schema, supervise: false });
    try {
      const long = 'خبر '.repeat(1_000_000); // 4,000,000 characters: a job of its own
      const small = syntheticArticles(5, { seed: 3 });
      const r = await enqueueArticles(
        boss,
        [...small.slice(0, 3), { id: 'long', published: null, text: long }, ...small.slice(3)],
        {
          batchSize: 2,
        },
      );
      assert.equal(r.jobs, 4);
      const sizes: number[] = [];
      for (;;) {
        const [job] = await boss.fetch<{ articles: { id: string }[] }>(INGEST_QUEUE);
        if (!job) break;
        sizes.push(job.data.articles.length);
        await boss.complete(INGEST_QUEUE, job.id);
      }
      assert.deepEqual(sizes, [2, 1, 1, 2], 'in input order: 2, then 1 before the long one, the long one, 2');
    } finally {
      await boss.stop({ graceful: false }).catch(() => {});
      await dropAll(store, schema);
    }
  });

  it('a job without articles is retried, then dead-lettered; workers drain the rest', async () => {
    const schema = randomSchema();
    const store = await Store.open({ url, schema });
    const boss = await openQueue({ url: url as string, schema, supervise: false }, { retryDelay: 1 });
    try {
      const articles = syntheticArticles(120, { seed: 7 });
      await enqueueArticles(boss, articles, { batchSize: 40, retryDelay: 1 });
      await boss.send(
        INGEST_QUEUE,
        { nothing: true },
        { retryLimit: 1, retryDelay: 1, deadLetter: DEAD_LETTER_QUEUE },
      );
      const logs: string[] = [];
      const [a, b] = await Promise.all(
        [1, 2].map(() =>
          runWorker({ url: url as string, schema, drain: true, pollSeconds: 0.5, log: (l) => logs.push(l) }),
        ),
      );
      assert.equal(a.articles + b.articles, 120);
      const p = await pendingJobs(boss);
      assert.equal(p.unfinished, 0, logs.join('\n'));
      assert.equal(p.dead, 1, 'the broken job went to the dead-letter queue');
      const [dead] = await boss.fetch<{ nothing: boolean }>(DEAD_LETTER_QUEUE);
      assert.deepEqual(dead.data, { nothing: true });
      const expected = new Set(articles.map((x) => x.id)).size;
      assert.ok((await store.counts()).articles <= expected);
      assert.ok((await store.counts()).articles > 100);
    } finally {
      await boss.stop({ graceful: false }).catch(() => {});
      await dropAll(store, schema);
    }
  });

  describe('fault test: 3 worker processes, one killed mid-run', () => {
    const schema = randomSchema();
    const refSchema = randomSchema();
    let store: Store;
    let ref: Store;
    let boss: PgBoss;
    const articles = syntheticArticles(2000);
    const workers: WorkerProc[] = [];
    let killedJob = '';
    let termJob = '';
    let restarted: WorkerProc;

    before(async () => {
      store = await Store.open({ url, schema });
      ref = await Store.open({ url, schema: refSchema });
      boss = await openQueue(
        { url: url as string, schema, supervise: false },
        { expireInSeconds: 8, retryDelay: 1, retryLimit: 5 },
      );
    });
    after(async () => {
      for (const w of [...workers, restarted]) if (w && w.proc.exitCode === null) w.proc.kill('SIGKILL');
      await boss?.stop({ graceful: false }).catch(() => {});
      if (store) await dropAll(store, schema);
      if (ref) await dropAll(ref, refSchema);
    });

    it(
      'runs: SIGKILL one worker mid-job and restart it; SIGTERM another mid-job',
      { timeout: 120_000 },
      async () => {
        const r = await enqueueArticles(boss, articles, {
          batchSize: 25,
          expireInSeconds: 8,
          retryDelay: 1,
          retryLimit: 5,
        });
        assert.equal(r.jobs, 80);
        for (let i = 0; i < 3; i++) workers.push(new WorkerProc(schema));

        killedJob = await within(workers[0].nthJob(2), 60_000, 'worker 0 to start its second job');
        workers[0].proc.kill('SIGKILL');
        const killed = await workers[0].exit;
        assert.equal(killed.signal, 'SIGKILL');
        restarted = new WorkerProc(schema);

        termJob = await within(workers[1].nthJob(3), 60_000, 'worker 1 to start its third job');
        workers[1].proc.kill('SIGTERM');
        const termed = await within(workers[1].exit, 60_000, 'worker 1 to exit after SIGTERM');
        assert.equal(termed.code, 0, workers[1].lines.join('\n'));
        assert.ok(workers[1].lines.some((l) => /SIGTERM: finishing the job in hand/.test(l)));

        const t0 = Date.now();
        for (;;) {
          const p = await pendingJobs(boss);
          if (p.unfinished === 0) break;
          if (Date.now() - t0 > 90_000)
            throw new Error(`jobs still unfinished after 90 s: ${JSON.stringify(p)}`);
          await new Promise((res) => setTimeout(res, 300));
        }
        for (const w of [workers[2], restarted]) w.proc.kill('SIGTERM');
        for (const w of [workers[2], restarted]) {
          const e = await within(w.exit, 60_000, 'a worker to exit after SIGTERM');
          assert.equal(e.code, 0, w.lines.join('\n'));
        }
        assert.equal((await pendingJobs(boss)).dead, 0, 'nothing dead-lettered');
      },
    );

    it('the job in hand at SIGTERM was finished by its worker', async () => {
      const job = await boss.getJobById(INGEST_QUEUE, termJob, { includeArchive: true });
      assert.equal(job?.state, 'completed');
      assert.ok(workers[1].lines.some((l) => l.includes(`job ${termJob} (`) && l.includes(' done: ')));
    });

    it('the job in hand at SIGKILL was completed after all (retried after it expired, or done just before)', async (t) => {
      const job = await boss.getJobById(INGEST_QUEUE, killedJob, { includeArchive: true });
      assert.equal(job?.state, 'completed');
      t.diagnostic(`the killed worker's job was retried ${job?.retryCount} time(s)`);
    });

    it('every article is stored exactly once, with nothing renamed', async () => {
      const snap = await snapshot(store);
      const uniqueIds = [...new Set(articles.map((a) => a.id))].sort();
      // exact copies (same text) are skipped: every stored id is one of the inputs, each once
      assert.equal(new Set(snap.articleIds).size, snap.articleIds.length);
      assert.ok(snap.articleIds.every((id) => uniqueIds.includes(id)));
      assert.ok(!snap.articleIds.some((id) => id.includes('~')), 'no article stored twice under a new id');
    });

    it('equals a single-process ingest into another schema', { timeout: 60_000 }, async () => {
      await ref.ingest(articles, { workers: 0 });
      const [got, want] = [await snapshot(store), await snapshot(ref)];
      assert.deepEqual(got.counts, want.counts);
      assert.equal(got.memberships, want.memberships);
      assert.equal(got.memberships, got.counts.mentions, 'every mention in exactly one incident');
      assert.deepEqual(got.articleIds, want.articleIds);
      assert.deepEqual(got.incidentIds, want.incidentIds);
      assert.ok(want.counts.incidents > 300, `many incidents (${want.counts.incidents})`);
      assert.ok(want.counts.articles < articles.length, 'some duplicates were skipped');
      assert.ok(want.counts.near_duplicates > 0, 'some near-duplicates');
    });
  });
});
