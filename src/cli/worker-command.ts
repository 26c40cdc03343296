/** `rasd worker`: take ingest jobs from the PostgreSQL queue until stopped (SIGTERM/SIGINT: finish the job in hand). */
import { runWorker } from '../queue/queue.js';
import { commandLogger, type LogFlags } from './log.js';
import { wholeNumber } from './store-options.js';

export interface WorkerFlags extends LogFlags {
  threads?: string;
  batchSize?: string;
  poll?: string;
  drain?: boolean;
  quiet?: boolean;
}

export async function runWorkerCommand(flags: WorkerFlags): Promise<number> {
  const url = process.env.DATABASE_URL;
  const logger = commandLogger('worker', flags);
  if (!url) {
    process.stderr.write('rasd worker: the queue lives in PostgreSQL: set DATABASE_URL\n');
    return 2;
  }
  const threads = wholeNumber('--threads', flags.threads) ?? 0;
  const batchSize = wholeNumber('--batch-size', flags.batchSize) || undefined;
  const poll = flags.poll === undefined ? undefined : Number(flags.poll);
  if (poll !== undefined && !(poll >= 0.5))
    throw new Error(`--poll: expected seconds ≥ 0.5, got "${flags.poll}"`);
  const maintenance = Number(process.env.RASD_QUEUE_MAINTENANCE_SECONDS ?? '') || undefined;
  const ctl = new AbortController();
  let signals = 0;
  const onSignal = (sig: string) => {
    signals++;
    if (signals > 1) {
      logger.warn(
        { signal: sig },
        `rasd worker: ${sig} again: exiting now (the job in hand will be retried)`,
      );
      process.exit(130);
    }
    logger.warn({ signal: sig }, `rasd worker: ${sig}: finishing the job in hand, then exiting`);
    ctl.abort();
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
  const log = (line: string) => logger.info(`[worker ${process.pid}] ${line}`);
  const r = await runWorker({
    url,
    threads,
    batchSize,
    pollSeconds: poll,
    drain: flags.drain,
    signal: ctl.signal,
    maintenanceIntervalSeconds: maintenance,
    log,
  });
  logger.info(
    {
      event: 'done',
      jobs: r.jobs,
      articles: r.articles,
      added: r.added,
      duplicates: r.skipped_duplicate,
      mentions: r.mentions,
      failed: r.failed,
      seconds: Number(r.seconds.toFixed(1)),
    },
    `[worker ${process.pid}] ${r.jobs} jobs, ${r.articles} articles: ${r.added} added, ${r.skipped_duplicate} duplicates, ` +
      `${r.mentions} mentions${r.failed ? `, ${r.failed} failed (dead-lettered)` : ''} in ${r.seconds.toFixed(1)} s`,
  );
  return 0;
}
