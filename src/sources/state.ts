/**
 * What `rasd watch` remembers, in the store's own database (PGlite or PostgreSQL, the store's
 * schema), through a migration module of its own (src/store/migrations.ts is the store's):
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
 * All statements are here, with bound parameters, like src/store/sql.ts for the store.
 */
import { contentHash } from '../ingest/fingerprint.js';
import { storableText } from '../ingest/work.js';
import type { Article } from '../io/types.js';
import type { Db } from '../store/db.js';

interface Migration {
  id: number;
  name: string;
  steps: string[];
}

const MIGRATIONS: Migration[] = [
  {
    id: 1,
    name: 'feeds, items and estimated publication dates',
    steps: [
      `CREATE TABLE IF NOT EXISTS source_feeds (
        feed text PRIMARY KEY,
        etag text,
        last_modified text,
        polled_at timestamptz,
        status text,
        error text,
        items integer NOT NULL DEFAULT 0
      )`,
      `CREATE TABLE IF NOT EXISTS source_items (
        url_key text PRIMARY KEY,
        url text NOT NULL,
        feed text,
        state text NOT NULL CHECK (state IN ('ingested', 'skipped', 'retry', 'failed')),
        reason text,
        attempts integer NOT NULL DEFAULT 0,
        article_id text,
        published date,
        published_estimated boolean NOT NULL DEFAULT false,
        encoding text,
        first_seen timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      "CREATE INDEX IF NOT EXISTS source_items_state ON source_items (state) WHERE state = 'retry'",
      `CREATE TABLE IF NOT EXISTS article_published_estimates (
        content_hash text PRIMARY KEY,
        article_id text NOT NULL,
        published date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
];

/** Creates or updates the tables of this module (idempotent; concurrent callers serialize). */
export async function migrateSources(db: Db): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query({
      text: "SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':rasd:sources-migrate'))::text AS locked",
    });
    await tx.query({
      text: `CREATE TABLE IF NOT EXISTS rasd_source_migrations (
        id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    });
    const done = new Set(
      (await tx.query<{ id: number }>({ text: 'SELECT id FROM rasd_source_migrations' })).map((r) =>
        Number(r.id),
      ),
    );
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue;
      for (const step of m.steps) await tx.query({ text: step });
      await tx.query({
        text: 'INSERT INTO rasd_source_migrations (id, name) VALUES ($1, $2)',
        values: [m.id, m.name],
      });
      applied.push(m.id);
    }
    return applied;
  });
}

export interface FeedState {
  feed: string;
  etag: string | null;
  last_modified: string | null;
}

export async function getFeedState(db: Db, feed: string): Promise<FeedState | null> {
  const rows = await db.query<FeedState>({
    text: 'SELECT feed, etag, last_modified FROM source_feeds WHERE feed = $1',
    values: [feed],
  });
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
  await db.query({
    text: `INSERT INTO source_feeds (feed, etag, last_modified, polled_at, status, error, items)
      VALUES ($1, $2, $3, now(), $4, $5, coalesce($6, 0))
      ON CONFLICT (feed) DO UPDATE SET
        etag = CASE WHEN $7 THEN source_feeds.etag ELSE excluded.etag END,
        last_modified = CASE WHEN $7 THEN source_feeds.last_modified ELSE excluded.last_modified END,
        polled_at = now(), status = excluded.status, error = excluded.error,
        items = coalesce($6, source_feeds.items)`,
    values: [
      s.feed,
      s.etag ?? null,
      s.last_modified ?? null,
      s.status,
      s.error ?? null,
      s.items ?? null,
      s.keepValidators ?? false,
    ],
  });
}

export interface ItemState {
  url_key: string;
  state: 'ingested' | 'skipped' | 'retry' | 'failed';
  attempts: number;
}

export async function getItemStates(db: Db, urlKeys: string[]): Promise<Map<string, ItemState>> {
  if (!urlKeys.length) return new Map();
  const rows = await db.query<ItemState>({
    text: 'SELECT url_key, state, attempts FROM source_items WHERE url_key = ANY($1::text[])',
    values: [urlKeys],
  });
  return new Map(rows.map((r) => [r.url_key, { ...r, attempts: Number(r.attempts) }]));
}

/** Items of a feed waiting for another attempt (a transient failure last time). */
export async function getRetryItems(
  db: Db,
  feed: string,
  maxAttempts: number,
): Promise<{ url_key: string; url: string; published: string | null; attempts: number }[]> {
  const rows = await db.query<{ url_key: string; url: string; published: string | null; attempts: number }>({
    text: `SELECT url_key, url, published::text AS published, attempts FROM source_items
      WHERE feed = $1 AND state = 'retry' AND attempts < $2 ORDER BY first_seen, url_key`,
    values: [feed, maxAttempts],
  });
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
  await db.query({
    text: `INSERT INTO source_items (url_key, url, feed, state, reason, attempts, article_id, published,
        published_estimated, encoding)
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(url_key text, url text, feed text, state text,
        reason text, attempts integer, article_id text, published date, published_estimated boolean, encoding text)
      ON CONFLICT (url_key) DO UPDATE SET
        url = excluded.url, state = excluded.state, reason = excluded.reason,
        attempts = source_items.attempts + excluded.attempts,
        article_id = coalesce(excluded.article_id, source_items.article_id),
        published = coalesce(excluded.published, source_items.published),
        published_estimated = excluded.published_estimated,
        encoding = coalesce(excluded.encoding, source_items.encoding),
        updated_at = now()`,
    values: [
      JSON.stringify(
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
    ],
  });
}

/** Records articles whose `published` was estimated (content hash → article id, date). */
export async function saveEstimates(
  db: Db,
  rows: { content_hash: string; article_id: string; published: string }[],
): Promise<void> {
  if (!rows.length) return;
  await db.query({
    text: `INSERT INTO article_published_estimates (content_hash, article_id, published)
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(content_hash text, article_id text, published date)
      ON CONFLICT (content_hash) DO NOTHING`,
    values: [JSON.stringify(rows)],
  });
}

/** Is the publication date of the stored article with this id an estimate? */
export async function isPublishedEstimated(db: Db, articleId: string): Promise<boolean> {
  const rows = await db.query<{ ok: boolean }>({
    text: `SELECT EXISTS (SELECT 1 FROM article_published_estimates e JOIN articles a
        ON a.content_hash = e.content_hash WHERE a.id = $1) AS ok`,
    values: [articleId],
  });
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
  await migrateSources(db);
  await saveEstimates(db, rows);
  return rows.length;
}
