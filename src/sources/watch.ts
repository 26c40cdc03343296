/**
 * Feeds → articles in the store. One poll:
 *
 * 1. each feed or sitemap (a URL, fetched with a conditional GET from the ETag/Last-Modified
 *    remembered in `source_feeds`, or a file) is parsed; a sitemap index is followed to its
 *    child sitemaps (two levels at most);
 * 2. article URLs never seen before (or whose last fetch failed transiently, up to
 *    `maxAttempts`) are fetched politely (see fetch.ts) — URLs the store already holds are
 *    only marked;
 * 3. each page is decoded (Content-Type charset, <meta charset>, BOM, detection), its article
 *    extracted (io/page.ts), non-Arabic pages skipped with the reason; `published` is the
 *    page's own date, else the feed item's, else an estimate from the text (marked);
 * 4. the articles are ingested (Store.ingest: idempotent, near-duplicates flagged), and what
 *    became of each URL is written to `source_items`.
 *
 * Nothing here throws for bad input: every failure is a problem naming the feed or URL, and
 * the rest of the poll goes on.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from '../db/sql.js';
import { urlKey } from '../ingest/fingerprint.js';
import type { IngestOptions, IngestReport } from '../ingest/ingest.js';
import { createWorkers } from '../ingest/pool.js';
import { decodeBytes } from '../io/decode.js';
import { estimatePublished } from '../io/estimate.js';
import { notArabicReason } from '../io/lang.js';
import { extractPage } from '../io/page.js';
import { notTextReason } from '../io/read.js';
import { problem, truncateText } from '../io/records.js';
import { type Article, DEFAULT_MAX_BYTES, type InputProblem } from '../io/types.js';
import type { Store } from '../store/store.js';
import { FeedError, type FeedItem, parseFeed } from './feed.js';
import { FetchError, Fetcher, type FetcherOptions } from './fetch.js';
import {
  getFeedState,
  getItemStates,
  getRetryItems,
  type ItemOutcome,
  recordEstimatedArticles,
  saveFeedState,
  saveItems,
} from './state.js';

export interface PollOptions {
  /** a Fetcher of your own (else one is made from `fetch`) */
  fetcher?: Fetcher;
  fetch?: FetcherOptions;
  /** new article URLs taken from one feed per poll (default 200) */
  maxItemsPerFeed?: number;
  /** attempts at a URL that keeps failing transiently (default 3) */
  maxAttempts?: number;
  /** pages fetched at once over all hosts (default 8; per host see FetcherOptions.perHost) */
  concurrency?: number;
  /** child sitemaps followed per sitemap index (default 50) */
  maxSitemaps?: number;
  /** passed to Store.ingest */
  ingest?: IngestOptions;
  /** a line per problem as it happens (default: none; the report has them all) */
  onProblem?: (p: InputProblem) => void;
}

export interface FeedReport {
  feed: string;
  status: 'ok' | 'not-modified' | 'error';
  kind?: string;
  items: number;
  new: number;
  error?: string;
}

export interface PollReport {
  feeds: FeedReport[];
  /** pages fetched (successfully answered) */
  fetched: number;
  /** URLs already in the store, marked without fetching */
  known: number;
  skipped: { url: string; reason: string }[];
  failed: { url: string; error: string; retry: boolean }[];
  ingest: IngestReport | null;
  problems: InputProblem[];
  seconds: number;
}

interface Pending {
  item: FeedItem;
  feed: string;
  key: string;
  /** failed attempts so far */
  attempts: number;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** A stable article id for a URL: host and a hash of the URL key ('example.com-3f2a…'). */
export function articleIdForUrl(url: string): string {
  const key = urlKey(url) ?? url;
  let host = 'web';
  try {
    host = new URL(url).hostname.replace(/^www\./, '') || 'web';
  } catch {
    /* keep 'web' */
  }
  return `${host}-${createHash('sha1').update(key).digest('hex').slice(0, 16)}`;
}

async function mapLimit<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, run));
}

const NON_HTML =
  /^(?:image|audio|video|font)\/|^application\/(?:pdf|zip|gzip|x-gzip|octet-stream|msword|vnd\.)/i;

/** One poll of the given feeds into the store. */
export async function pollFeeds(store: Store, feeds: string[], opts: PollOptions = {}): Promise<PollReport> {
  const t0 = Date.now();
  const db = store.db;
  const fetcher = opts.fetcher ?? new Fetcher(opts.fetch);
  const maxItems = opts.maxItemsPerFeed ?? 200;
  const maxAttempts = opts.maxAttempts ?? 3;
  const report: PollReport = {
    feeds: [],
    fetched: 0,
    known: 0,
    skipped: [],
    failed: [],
    ingest: null,
    problems: [],
    seconds: 0,
  };
  const note = (source: string, severity: InputProblem['severity'], message: string, line?: number) => {
    const p = problem({ source, ...(line !== undefined ? { line } : {}) }, severity, message);
    report.problems.push(p);
    opts.onProblem?.(p);
  };

  // ---------------------------------------------------------------- 1. feeds
  const pending: Pending[] = [];
  const queued = new Set<string>();
  const readFeed = async (feed: string, depth: number): Promise<void> => {
    const fr: FeedReport = { feed, status: 'ok', items: 0, new: 0 };
    report.feeds.push(fr);
    let bytes: Buffer;
    let contentType: string | null = null;
    let validators: { etag: string | null; last_modified: string | null } | null = null;
    try {
      if (isUrl(feed)) {
        const prev = await getFeedState(db, feed);
        const res = await fetcher.get(feed, {
          unpaced: true,
          etag: prev?.etag,
          lastModified: prev?.last_modified,
          accept:
            'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
        });
        if (res.notModified) {
          fr.status = 'not-modified';
          await saveFeedState(db, { feed, status: 'not-modified', keepValidators: true });
          // the feed is unchanged, but URLs that failed transiently are due another attempt
          for (const r of await getRetryItems(db, feed, maxAttempts)) {
            if (queued.has(r.url_key)) continue;
            queued.add(r.url_key);
            pending.push({
              item: { url: r.url, title: null, published: r.published },
              feed,
              key: r.url_key,
              attempts: r.attempts,
            });
            fr.new++;
          }
          return;
        }
        bytes = res.body;
        contentType = res.headers.get('content-type');
        validators = { etag: res.headers.get('etag'), last_modified: res.headers.get('last-modified') };
      } else {
        const st = await stat(feed);
        if (!st.isFile()) throw new Error('not a file');
        if (st.size > DEFAULT_MAX_BYTES)
          throw new Error(`file too large (${st.size.toLocaleString('en')} bytes)`);
        bytes = await readFile(feed);
      }
    } catch (err) {
      const msg =
        err instanceof FetchError
          ? err.reason
          : (err as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'no such file'
            : (err as Error).message;
      fr.status = 'error';
      fr.error = msg;
      note(feed, 'error', `feed not read: ${msg}`);
      await saveFeedState(db, { feed, status: 'error', error: msg, keepValidators: true });
      return;
    }
    const why = notTextReason(bytes);
    let parsed: ReturnType<typeof parseFeed>;
    try {
      if (why) throw new FeedError(why);
      parsed = parseFeed(decodeBytes(bytes, { contentType }).text, isUrl(feed) ? feed : undefined);
    } catch (err) {
      const msg = err instanceof FeedError ? err.message : `unreadable feed: ${(err as Error).message}`;
      fr.status = 'error';
      fr.error = msg;
      note(feed, 'error', `feed skipped: ${msg}`, err instanceof FeedError ? err.line : undefined);
      // a broken document is not remembered as seen: its validators are not saved
      await saveFeedState(db, { feed, status: 'error', error: msg, keepValidators: true });
      return;
    }
    fr.kind = parsed.kind;
    fr.items = parsed.items.length;
    await saveFeedState(db, {
      feed,
      etag: validators?.etag,
      last_modified: validators?.last_modified,
      status: 'ok',
      items: parsed.items.length,
    });
    if (parsed.kind === 'sitemapindex') {
      if (depth >= 2) {
        note(feed, 'warning', 'sitemap index nested too deep; its sitemaps are not followed');
        return;
      }
      const children = parsed.sitemaps.slice(0, opts.maxSitemaps ?? 50);
      if (parsed.sitemaps.length > children.length) {
        note(
          feed,
          'note',
          `${parsed.sitemaps.length} sitemaps listed; the first ${children.length} are read`,
        );
      }
      for (const child of children) await readFeed(child, depth + 1);
      return;
    }
    const keys = parsed.items.map((i) => urlKey(i.url) ?? i.url);
    const states = await getItemStates(db, keys);
    let taken = 0;
    parsed.items.forEach((item, i) => {
      const key = keys[i];
      if (queued.has(key)) return;
      const s = states.get(key);
      if (s && (s.state !== 'retry' || s.attempts >= maxAttempts)) return;
      if (taken >= maxItems) return;
      taken++;
      queued.add(key);
      pending.push({ item, feed, key, attempts: s?.attempts ?? 0 });
    });
    fr.new = taken;
    const left = parsed.items.filter((_, i) => !queued.has(keys[i]) && !states.has(keys[i])).length;
    if (left > 0)
      note(feed, 'note', `${left} more new items left for the next poll (at most ${maxItems} per poll)`);
  };
  for (const feed of feeds) await readFeed(feed, 0);

  // ---------------------------------------------------------------- 2. known URLs
  const outcomes: ItemOutcome[] = [];
  let todo = pending;
  if (pending.length) {
    const stored = await db.query<{ url_key: string | null; id: string }>(
      sql.existingArticles(
        [],
        pending.map((p) => p.key),
        [],
      ),
    );
    const byKey = new Map(stored.filter((r) => r.url_key).map((r) => [r.url_key as string, r.id]));
    todo = pending.filter((p) => {
      const id = byKey.get(p.key);
      if (id === undefined) return true;
      report.known++;
      outcomes.push({
        url_key: p.key,
        url: p.item.url,
        feed: p.feed,
        state: 'ingested',
        article_id: id,
        attempted: false,
      });
      return false;
    });
  }

  // ---------------------------------------------------------------- 3. pages
  const articles: { article: Article; p: Pending; encoding: string }[] = [];
  const usedIds = new Set<string>();
  await mapLimit(todo, opts.concurrency ?? 8, async (p) => {
    const url = p.item.url;
    const skip = (reason: string) => {
      report.skipped.push({ url, reason });
      note(url, 'warning', `skipped: ${reason}`);
      outcomes.push({ url_key: p.key, url, feed: p.feed, state: 'skipped', reason });
    };
    let res: Awaited<ReturnType<Fetcher['get']>>;
    try {
      res = await fetcher.get(url);
    } catch (err) {
      const fe = err instanceof FetchError ? err : null;
      const msg = fe ? fe.reason : (err as Error).message;
      if (fe?.refused) {
        // not recorded: the next poll refuses it again without contacting anything, or,
        // run with --allow-private, fetches it
        report.failed.push({ url, error: msg, retry: false });
        note(url, 'error', `not fetched: ${msg}`);
        return;
      }
      const attempt = p.attempts + 1;
      const retry = (fe ? fe.transient : false) && attempt < maxAttempts;
      report.failed.push({ url, error: msg, retry });
      const when = fe?.transient
        ? retry
          ? ` (poll ${attempt} of ${maxAttempts}: tried again on the next poll)`
          : ` (poll ${attempt} of ${maxAttempts}: given up)`
        : '';
      note(url, 'error', `not fetched: ${msg}${when}`);
      outcomes.push({
        url_key: p.key,
        url,
        feed: p.feed,
        state: retry ? 'retry' : 'failed',
        reason: msg,
        published: p.item.published,
      });
      return;
    }
    report.fetched++;
    const contentType = res.headers.get('content-type');
    if (contentType && NON_HTML.test(contentType))
      return skip(`not a web page (Content-Type ${contentType})`);
    const bin = notTextReason(res.body);
    if (bin) return skip(bin);
    if (res.body.length === 0) return skip('empty response');
    const decoded = decodeBytes(res.body, { contentType });
    const bin2 = notTextReason(res.body, decoded.text);
    if (bin2) return skip(bin2);
    if (decoded.invalidSequences) {
      note(url, 'warning', `${decoded.invalidSequences} invalid UTF-8 byte sequence(s) replaced with U+FFFD`);
    }
    const page = extractPage(decoded.text, { url: res.url });
    for (const w of page.warnings) note(url, 'warning', w);
    if (!page.text.trim()) return skip('no article text found in the page');
    const notArabic = notArabicReason(page.text, page.lang);
    if (notArabic) return skip(notArabic);
    let published = page.published ?? p.item.published;
    let estimated = false;
    if (!published) {
      const est = estimatePublished(page.text);
      if (est) {
        published = est.date;
        estimated = true;
        note(url, 'note', `no publication date; estimated ${est.date} from ${est.basis}`);
      }
    }
    let id = articleIdForUrl(url);
    for (let n = 2; usedIds.has(id); n++) id = `${articleIdForUrl(url)}#${n}`;
    usedIds.add(id);
    const text = truncateText(page.text);
    articles.push({
      article: {
        id,
        published,
        text,
        // the item's URL: that is what the feed will list again (the canonical one may differ)
        url,
        title: page.title ?? p.item.title,
        outlet: page.outlet,
        ...(estimated ? { published_estimated: true } : {}),
      },
      p,
      encoding: decoded.encoding,
    });
  });

  // ---------------------------------------------------------------- 4. ingest
  if (articles.length) {
    articles.sort((a, b) => (a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0));
    const r = await store.ingest(
      articles.map((a) => a.article),
      opts.ingest,
    );
    report.ingest = r;
    const failed = new Map(r.failures.map((f) => [f.id, f.error]));
    for (const { article, p, encoding } of articles) {
      const error = failed.get(article.id);
      if (error) note(p.item.url, 'error', `extraction failed: ${error}`);
      outcomes.push({
        url_key: p.key,
        url: p.item.url,
        feed: p.feed,
        state: error ? 'retry' : 'ingested',
        reason: error ?? null,
        article_id: error ? null : article.id,
        published: article.published,
        published_estimated: article.published_estimated ?? false,
        encoding,
      });
    }
    await recordEstimatedArticles(
      db,
      articles.map((a) => a.article),
    );
  }
  // a URL that failed transiently for the last allowed time is given up
  if (outcomes.some((o) => o.state === 'retry')) {
    const states = await getItemStates(
      db,
      outcomes.filter((o) => o.state === 'retry').map((o) => o.url_key),
    );
    for (const o of outcomes) {
      if (o.state === 'retry' && (states.get(o.url_key)?.attempts ?? 0) + 1 >= maxAttempts)
        o.state = 'failed';
    }
  }
  await saveItems(db, outcomes);
  report.seconds = (Date.now() - t0) / 1000;
  return report;
}

export interface WatchOptions extends PollOptions {
  /** seconds between polls (default 300) */
  intervalSeconds?: number;
  /** one poll, then return */
  once?: boolean;
  /** stops the loop after the poll in progress */
  signal?: AbortSignal;
  /** called after every poll */
  onPoll?: (r: PollReport) => void;
}

/** Polls the feeds every `intervalSeconds` until `signal` aborts (or once). Returns the number of polls. */
export async function watchFeeds(store: Store, feeds: string[], opts: WatchOptions = {}): Promise<number> {
  const fetcher = opts.fetcher ?? new Fetcher(opts.fetch);
  // one extraction pool (threads with their lexicon loaded) for every poll
  const pool = opts.ingest?.pool ?? (await createWorkers(opts.ingest?.workers ?? 0));
  try {
    return await pollEvery(store, feeds, { ...opts, fetcher, ingest: { ...opts.ingest, pool } });
  } finally {
    if (!opts.ingest?.pool) await pool.close();
  }
}

async function pollEvery(store: Store, feeds: string[], opts: WatchOptions): Promise<number> {
  let polls = 0;
  for (;;) {
    const r = await pollFeeds(store, feeds, opts);
    polls++;
    opts.onPoll?.(r);
    if (opts.once || opts.signal?.aborted) return polls;
    const ms = Math.max(1, opts.intervalSeconds ?? 300) * 1000;
    // timers/promises removes its abort listener when the wait ends (a listener per poll would pile up)
    await sleep(ms, undefined, { signal: opts.signal }).catch(() => {});
    if (opts.signal?.aborted) return polls;
  }
}
