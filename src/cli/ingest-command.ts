/** `rasd ingest`: read inputs, store articles, mentions and incidents, print a summary. */
// the reader itself, not io/index.js (which loads the HTML libraries for every command)
import { inputStream, readInputsEach } from '../io/read.js';
import { formatProblem } from '../io/records.js';
import type { Article, InputProblem } from '../io/types.js';
import { type EstimateRow, estimateRows, recordEstimates } from '../sources/state.js';
import { Store } from '../store/store.js';
import { enqueueCommand } from './queue-options.js';
import { type DbFlags, defaultWorkers, storeOptions, wholeNumber } from './store-options.js';

export interface IngestFlags extends DbFlags {
  workers?: string;
  published?: string;
  batchSize?: string;
  quiet?: boolean;
  /** enqueue for `rasd worker` processes instead of ingesting here (PostgreSQL) */
  queue?: boolean;
  /** articles per queue job (default 100) */
  jobSize?: string;
  /** seconds after which a job whose worker died is handed out again (default 900) */
  jobTimeout?: string;
}

/** Returns the exit code: non-zero when there was nothing to ingest or nothing could be stored. */
export async function runIngest(paths: string[], flags: IngestFlags): Promise<number> {
  const workers = wholeNumber('--workers', flags.workers) ?? defaultWorkers();
  const batchSize = wholeNumber('--batch-size', flags.batchSize);
  let problems = 0;
  const readOpts = {
    published: flags.published ?? null,
    estimatePublished: true,
    onProblem: (p: InputProblem) => {
      problems++;
      process.stderr.write(`${formatProblem(p)}\n`);
    },
  };
  if (flags.queue) {
    const articles: Article[] = [];
    await readInputsEach(paths, readOpts, (batch) => {
      articles.push(...batch);
    });
    if (!articles.length) return nothingToIngest();
    return enqueueCommand(articles, flags);
  }
  // a stream: the store is opened once there is an article to put in it
  // the reader runs ahead (a few batches) while the store opens and while it answers
  const input = inputStream(paths, { ...readOpts, ahead: 4 * (batchSize || 200) });
  const first = await input.next();
  if (first.done) return nothingToIngest();
  const estimates: EstimateRow[] = [];
  async function* articles(): AsyncGenerator<Article> {
    for (let a: IteratorResult<Article> = first; !a.done; a = await input.next()) {
      if (a.value.published_estimated) estimates.push(...estimateRows([a.value]));
      yield a.value;
    }
  }
  const store = await Store.open(storeOptions(flags));
  try {
    const r = await store.ingest(articles(), {
      workers,
      batchSize: batchSize || undefined,
      progress: !flags.quiet,
    });
    await recordEstimates(store.db, estimates);
    for (const f of r.failures) process.stderr.write(`${f.id}: extraction failed: ${f.error}\n`);
    if (!flags.quiet) {
      const parts = [
        `${r.added} articles added`,
        `${r.skipped_duplicate} duplicates skipped`,
        `${r.near_duplicates} near-duplicates`,
        `${r.mentions} mentions`,
        `${r.incidents_after - r.incidents_before} new incidents (${r.incidents_after} in store)`,
      ];
      if (r.renamed) parts.push(`${r.renamed} renamed (id taken)`);
      if (r.failed) parts.push(`${r.failed} failed`);
      if (r.urls_dropped) parts.push(`${r.urls_dropped} URLs dropped (not http/https)`);
      if (problems) parts.push(`${problems} input problems`);
      process.stderr.write(`rasd: ${parts.join(', ')} in ${r.seconds.toFixed(1)} s\n`);
    }
    return r.added + r.skipped_duplicate === 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

function nothingToIngest(): number {
  process.stderr.write('rasd: nothing to ingest\n');
  return 1;
}
