/**
 * npm run bench:scale: end-to-end ingest rate through the queue (pg-boss on PostgreSQL) with
 * 1 and with 2 `rasd worker` processes, and the ratio.
 *
 * For each worker count: a fresh schema; the first N (default 20,000) articles of
 * ../shared/corpus/arabic-news.jsonl.gz are enqueued (`enqueue_seconds`), then W processes of
 * the built CLI (`node dist/cli/main.js worker --drain`) take the jobs until none is left
 * (`workers_seconds`, from spawning the processes to the last exit: process start-up, store
 * and queue connections, extraction, writes, incidents). `articles_per_s` = N / workers_seconds;
 * `end_to_end_per_s` = N / (enqueue + workers). For reference, the same articles are ingested
 * in one process without the queue (`direct`, Store.ingest, in-process extraction).
 *
 * Writes bench/scale.json and prints one JSON line (with the cores and the load averages: the
 * machine may be shared, and the ratio means little under load). Needs DATABASE_URL.
 * `--out FILE` writes elsewhere (to compare builds without touching bench/scale.json).
 * Options: --limit N  --workers 1,2  --job-size J (articles per job, default 200)
 *          --threads T (extraction threads per worker, default 0)  --skip-direct
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropSchema } from '../dist/db/db.js';
import { sql } from '../dist/db/sql.js';
// the shipped build (dist/) is what is measured
import { enqueueArticles, openQueue, pendingJobs, queueSchema } from '../dist/queue/queue.js';
import { Store } from '../dist/store/store.js';
import { readCorpus } from './corpus.js';

process.env.RASD_QUERY_TIMEOUT_MS ??= '0';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const limit = Number(opt('--limit', '20000'));
const workerCounts = opt('--workers', '1,2')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const jobSize = Number(opt('--job-size', '200'));
const threads = Number(opt('--threads', '0'));
const skipDirect = args.includes('--skip-direct');
const url = process.env.DATABASE_URL;
const log = (s: string) => process.stderr.write(`${s}\n`);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist/cli/main.js');

function runWorkers(n: number, schema: string): Promise<number> {
  const t0 = performance.now();
  const procs = Array.from({ length: n }, () =>
    spawn(process.execPath, [CLI, 'worker', '--drain', '--quiet', '--threads', String(threads)], {
      cwd: ROOT,
      env: { ...process.env, RASD_SCHEMA: schema },
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  );
  return Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((res, rej) =>
          p.on('exit', (code) => (code === 0 ? res() : rej(new Error(`worker exited with ${code}`)))),
        ),
    ),
  ).then(() => (performance.now() - t0) / 1000);
}

async function main() {
  if (!url) {
    log('bench-scale: set DATABASE_URL (the queue lives in PostgreSQL)');
    process.exit(2);
  }
  if (!existsSync(CLI)) {
    log('bench-scale: dist/ missing: run `npm run build` (npm run bench:scale does)');
    process.exit(2);
  }
  const loadBefore = loadavg().map((x) => Number(x.toFixed(2)));
  const docs = await readCorpus('bench-scale', limit);
  log(`bench-scale: ${docs.length} articles, workers ${workerCounts.join(' and ')}, jobs of ${jobSize}`);
  const runs: Record<string, unknown>[] = [];
  for (const w of workerCounts) {
    const schema = `bench_scale_${randomBytes(4).toString('hex')}`;
    const store = await Store.open({ url, schema });
    const boss = await openQueue({ url, schema, supervise: false });
    try {
      const enq = await enqueueArticles(boss, docs, { batchSize: jobSize });
      log(`  ${w} worker(s): ${enq.jobs} jobs enqueued in ${enq.seconds.toFixed(1)} s`);
      const seconds = await runWorkers(w, schema);
      const pending = await pendingJobs(boss);
      if (pending.unfinished !== 0) throw new Error(`jobs left unfinished: ${JSON.stringify(pending)}`);
      const counts = await store.counts();
      const run = {
        workers: w,
        jobs: enq.jobs,
        enqueue_seconds: Number(enq.seconds.toFixed(2)),
        workers_seconds: Number(seconds.toFixed(2)),
        articles_per_s: Math.round(docs.length / seconds),
        end_to_end_per_s: Math.round(docs.length / (seconds + enq.seconds)),
        dead_lettered: pending.dead,
        ...counts,
      };
      log(`  ${w} worker(s): ${JSON.stringify(run)}`);
      runs.push(run);
    } finally {
      await boss.stop({ graceful: false }).catch(() => {});
      await store.db.query(sql.dropSchema(queueSchema(schema))).catch(() => {});
      await dropSchema(store.db).catch(() => {});
      await store.close();
    }
  }
  let direct: Record<string, unknown> | null = null;
  if (!skipDirect) {
    const schema = `bench_scale_${randomBytes(4).toString('hex')}`;
    const store = await Store.open({ url, schema });
    try {
      const t0 = performance.now();
      const r = await store.ingest(docs, { workers: 0 });
      const seconds = (performance.now() - t0) / 1000;
      direct = {
        seconds: Number(seconds.toFixed(2)),
        articles_per_s: Math.round(docs.length / seconds),
        added: r.added,
        mentions: r.mentions,
        incidents: r.incidents_after,
      };
      log(`  direct (one process, no queue): ${JSON.stringify(direct)}`);
    } finally {
      await dropSchema(store.db).catch(() => {});
      await store.close();
    }
  }
  const rate = (w: number) =>
    (runs.find((r) => r.workers === w)?.articles_per_s as number | undefined) ?? null;
  const r1 = rate(1);
  const r2 = rate(2);
  const out = {
    articles: docs.length,
    job_size: jobSize,
    threads_per_worker: threads,
    cores: availableParallelism(),
    // the machine is shared: 1, 5 and 15 minute load averages before and after the run
    load_before: loadBefore,
    load_after: loadavg().map((x) => Number(x.toFixed(2))),
    runs,
    ratio_2_to_1: r1 && r2 ? Number((r2 / r1).toFixed(2)) : null,
    direct,
    node: process.version,
    when: new Date().toISOString(),
  };
  const file = opt('--out', join(ROOT, 'bench/scale.json'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err) => {
  log(`bench-scale: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
