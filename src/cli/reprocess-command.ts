/** `rasd reprocess`: extract every stored article again and rebuild mentions and incidents. */
import { Store } from '../store/store.js';
import { type DbFlags, defaultWorkers, existingStoreOptions, wholeNumber } from './store-options.js';

export interface ReprocessFlags extends DbFlags {
  workers?: string;
  quiet?: boolean;
}

export async function runReprocess(flags: ReprocessFlags): Promise<number> {
  const workers = wholeNumber('--workers', flags.workers) ?? defaultWorkers();
  const store = await Store.open(existingStoreOptions(flags));
  try {
    const r = await store.reprocess({ workers, progress: !flags.quiet });
    for (const f of r.failures) process.stderr.write(`${f.id}: extraction failed: ${f.error}\n`);
    if (!flags.quiet)
      process.stderr.write(
        `rasd: ${r.articles} articles reprocessed, mentions ${r.mentions_before} → ${r.mentions_after}, ` +
          `incidents ${r.incidents_before} → ${r.incidents_after}${r.failed ? `, ${r.failed} failed` : ''} ` +
          `in ${r.seconds.toFixed(1)} s\n`,
      );
    return 0;
  } finally {
    await store.close();
  }
}
