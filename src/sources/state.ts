/**
 * What `rasd watch` remembers, in the store's own database (PGlite or PostgreSQL, the store's
 * schema; the tables are made by the store's migrations, src/db/migrations.ts):
 *
 * - `source_feeds`: per feed or sitemap URL (or file path), the ETag and Last-Modified of its
 *   last 200 answer (sent back as If-None-Match / If-Modified-Since), when it was polled, how it
 *   went;
 * - `source_items`: per article URL found in a feed (its URL key: no fragment, no trailing
 *   slash), what became of it — `ingested` (with the article id), `skipped` (not Arabic, no
 *   text, …, with the reason), `retry` (a transient failure; tried again on the next polls, up
 *   to a limit) or `failed` (with the error) — so a URL is fetched once;
 * - `article_published_estimates`: articles whose publication date was estimated from their
 *   text (by content hash, which survives the store renaming an id), for any ingest path.
 *
 * The statements are in the database layer (src/db/source-state.ts); this module decides what to write.
 */
import type { Db } from '../db/db.js';
import { sourceStateSql as q } from '../db/source-state.js';
import { contentHash } from '../ingest/fingerprint.js';
import { storableText } from '../ingest/text.js';
import type { Article } from '../io/types.js';

export interface FeedState {
  feed: string;
  etag: string | null;
  last_modified: string | null;
}

export async function getFeedState(db: Db, feed: string): Promise<FeedState | null> {
  const rows = await db.query<FeedState>(q.feedState(feed));
  return rows[0] ?? null;
}

export async function saveFeedState(
  db: Db,
  s: {
    feed: string;
    etag?: string | null;
    last_modified?: string | null;
    status: string;
    error?: string | null;
    items?: number;
    /** keep the stored validators (a 304, an error) */
    keepValidators?: boolean;
  },
): Promise<void> {
  await db.query(
    q.saveFeedState({
      feed: s.feed,
      etag: s.etag ?? null,
      last_modified: s.last_modified ?? null,
      status: s.status,
      error: s.error ?? null,
      items: s.items ?? null,
      keepValidators: s.keepValidators ?? false,
    }),
  );
}

export interface ItemState {
  url_key: string;
  state: 'ingested' | 'skipped' | 'retry' | 'failed';
  attempts: number;
}

export async function getItemStates(db: Db, urlKeys: string[]): Promise<Map<string, ItemState>> {
  if (!urlKeys.length) return new Map();
  const rows = await db.query<ItemState>(q.itemStates(urlKeys));
  return new Map(rows.map((r) => [r.url_key, { ...r, attempts: Number(r.attempts) }]));
}

/** Items of a feed waiting for another attempt (a transient failure last time). */
export async function getRetryItems(
  db: Db,
  feed: string,
  maxAttempts: number,
): Promise<{ url_key: string; url: string; published: string | null; attempts: number }[]> {
  const rows = await db.query<{ url_key: string; url: string; published: string | null; attempts: number }>(
    q.retryItems(feed, maxAttempts),
  );
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
}

export interface ItemOutcome {
  url_key: string;
  url: string;
  feed: string | null;
  state: ItemState['state'];
  reason?: string | null;
  article_id?: string | null;
  published?: string | null;
  published_estimated?: boolean;
  encoding?: string | null;
  /** count this outcome as an attempt (fetch failures and successes; not "not yet tried") */
  attempted?: boolean;
}

export async function saveItems(db: Db, items: ItemOutcome[]): Promise<void> {
  if (!items.length) return;
  await db.query(
    q.saveItems(
      items.map((i) => ({
        url_key: i.url_key,
        url: i.url,
        feed: i.feed,
        state: i.state,
        reason: i.reason ?? null,
        attempts: i.attempted === false ? 0 : 1,
        article_id: i.article_id ?? null,
        published: i.published ?? null,
        published_estimated: i.published_estimated ?? false,
        encoding: i.encoding ?? null,
      })),
    ),
  );
}

/** Records articles whose `published` was estimated (content hash → article id, date). */
export async function saveEstimates(
  db: Db,
  rows: { content_hash: string; article_id: string; published: string }[],
): Promise<void> {
  if (!rows.length) return;
  await db.query(q.saveEstimates(rows));
}

/** Is the publication date of the stored article with this id an estimate? */
export async function isPublishedEstimated(db: Db, articleId: string): Promise<boolean> {
  const rows = await db.query<{ ok: boolean }>(q.isPublishedEstimated(articleId));
  return rows[0]?.ok === true;
}

/** Records the articles of a batch whose publication date is an estimate (after Store.ingest). */
export async function recordEstimatedArticles(db: Db, articles: Article[]): Promise<number> {
  return recordEstimates(db, estimateRows(articles));
}

/** What is recorded of the articles whose publication date was estimated. */
export function estimateRows(articles: Article[]): EstimateRow[] {
  return articles
    .filter((a) => a.published_estimated && a.published)
    .map((a) => ({
      content_hash: contentHash(storableText(a.text)),
      article_id: a.id,
      published: a.published as string,
    }));
}

export interface EstimateRow {
  content_hash: string;
  article_id: string;
  published: string;
}

export async function recordEstimates(db: Db, rows: EstimateRow[]): Promise<number> {
  if (!rows.length) return 0;
  await saveEstimates(db, rows);
  return rows.length;
}
