/** `rasd watch FEED…`: poll RSS/Atom feeds and sitemaps, fetch new articles politely, ingest them. */
import { formatProblem } from '../io/records.js';
import { type PollReport, watchFeeds } from '../sources/watch.js';
import { Store } from '../store/store.js';
import { commandLogger, type LogFlags } from './log.js';
import { type DbFlags, defaultWorkers, storeOptions, wholeNumber } from './store-options.js';

export interface WatchFlags extends DbFlags, LogFlags {
  interval?: string;
  once?: boolean;
  workers?: string;
  maxItems?: string;
  quiet?: boolean;
  /** contact loopback, private and link-local addresses too (a feed on this machine or the LAN) */
  allowPrivate?: boolean;
}

/** The poll's figures, as fields of a structured log line. */
function fields(r: PollReport) {
  return {
    feeds: r.feeds.length,
    feeds_read: r.feeds.filter((f) => f.status === 'ok').length,
    feeds_not_modified: r.feeds.filter((f) => f.status === 'not-modified').length,
    feeds_failed: r.feeds.filter((f) => f.status === 'error').length,
    fetched: r.fetched,
    skipped: r.skipped.length,
    failed: r.failed.length,
    ...(r.ingest
      ? { added: r.ingest.added, duplicates: r.ingest.skipped_duplicate, mentions: r.ingest.mentions }
      : {}),
    seconds: Number(r.seconds.toFixed(1)),
  };
}

function line(r: PollReport): string {
  const ok = r.feeds.filter((f) => f.status === 'ok').length;
  const same = r.feeds.filter((f) => f.status === 'not-modified').length;
  const bad = r.feeds.filter((f) => f.status === 'error').length;
  const i = r.ingest;
  const parts = [
    `${r.feeds.length} feeds (${ok} read, ${same} not modified, ${bad} failed)`,
    `${r.fetched} pages fetched`,
    `${r.skipped.length} skipped`,
    `${r.failed.length} failed`,
  ];
  if (i) parts.push(`${i.added} articles added, ${i.skipped_duplicate} duplicates, ${i.mentions} mentions`);
  return `rasd watch: ${parts.join(', ')} in ${r.seconds.toFixed(1)} s`;
}

/** The numbers of the watch flags (throws naming a bad one). */
export function watchSettings(flags: WatchFlags): { interval: number; workers: number; maxItems?: number } {
  const interval = wholeNumber('--interval', flags.interval) ?? 300;
  if (interval < 1) throw new Error('--interval: at least 1 second');
  const workers = wholeNumber('--workers', flags.workers) ?? Math.min(1, defaultWorkers());
  const maxItems = wholeNumber('--max-items', flags.maxItems);
  return { interval, workers, maxItems };
}

/** A watch loop over an open store: stop() ends it after the poll in progress; done tells if the last poll read a feed. */
export interface Watching {
  stop(): void;
  done: Promise<boolean>;
}

/** Checks the watch flags (throws naming the bad one) and starts polling. */
export function startWatching(store: Store, feeds: string[], flags: WatchFlags): Watching {
  const { interval, workers, maxItems } = watchSettings(flags);
  const log = commandLogger('watch', flags);
  const ctl = new AbortController();
  let lastOk = false;
  const done = watchFeeds(store, feeds, {
    intervalSeconds: interval,
    once: flags.once,
    signal: ctl.signal,
    maxItemsPerFeed: maxItems,
    fetch: { allowPrivate: flags.allowPrivate === true },
    ingest: { workers },
    onProblem: (p) => log.warn({ problem: p }, formatProblem(p)),
    onPoll: (r) => {
      lastOk = r.feeds.some((f) => f.status !== 'error');
      log.info({ event: 'poll', ...fields(r) }, line(r));
      for (const f of r.feeds)
        log.debug(
          { event: 'feed', feed: f.feed, status: f.status, items: f.items, new: f.new, error: f.error },
          `rasd watch: ${f.feed}: ${f.status}${f.error ? ` (${f.error})` : ''}, ${f.items} items, ${f.new} new`,
        );
    },
  }).then(() => lastOk);
  return { stop: () => ctl.abort(), done };
}

export async function runWatch(feeds: string[], flags: WatchFlags): Promise<number> {
  const log = commandLogger('watch', flags);
  const store = await Store.open(storeOptions(flags));
  let signals = 0;
  let watching: Watching;
  try {
    watching = startWatching(store, feeds, flags);
  } catch (err) {
    await store.close();
    throw err;
  }
  const onSignal = (sig: string) => {
    signals++;
    if (signals > 1) process.exit(130);
    log.warn({ signal: sig }, `rasd watch: ${sig}: stopping after this poll`);
    watching.stop();
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
  try {
    return (await watching.done) ? 0 : 1;
  } finally {
    await store.close();
  }
}
