/** `rasd ingest --queue`: enqueue the articles read for `rasd worker` processes (PostgreSQL and pg-boss). */
import type { Article } from '../io/types.js';
import { enqueueArticles, openQueue, pendingJobs } from '../queue/queue.js';
import { wholeNumber } from './store-options.js';

export async function enqueueCommand(
  articles: Article[],
  flags: { data?: string; jobSize?: string; jobTimeout?: string; quiet?: boolean },
): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (flags.data || !url) {
    process.stderr.write(
      'rasd ingest --queue: the queue lives in PostgreSQL: set DATABASE_URL (and no --data)\n',
    );
    return 2;
  }
  const batchSize = wholeNumber('--job-size', flags.jobSize) || 100;
  const expireInSeconds = wholeNumber('--job-timeout', flags.jobTimeout) || 900;
  const boss = await openQueue({ url, supervise: false }, { expireInSeconds });
  try {
    const r = await enqueueArticles(boss, articles, { batchSize, expireInSeconds });
    const p = await pendingJobs(boss);
    if (!flags.quiet) {
      process.stderr.write(
        `rasd: ${r.articles} articles enqueued in ${r.jobs} jobs in ${r.seconds.toFixed(1)} s ` +
          `(${p.unfinished} jobs not yet done; run \`rasd worker\` to ingest them)\n`,
      );
    }
    return 0;
  } finally {
    await boss.stop({ graceful: false, close: true }).catch(() => {});
  }
}
