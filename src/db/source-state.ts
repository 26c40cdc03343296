/**
 * The statements of what `rasd watch` remembers (src/sources/state.ts runs them): the tables
 * `source_feeds`, `source_items` and `article_published_estimates`, made by migration 6
 * (src/db/migrations.ts). Pure functions returning `{ text, values }`, values bound, like
 * src/db/sql.ts for the store.
 */
import type { Sql } from './sql.js';

/** A feed's state as written (`keepValidators`: keep the stored ETag and Last-Modified). */
export interface FeedStateRow {
  feed: string;
  etag: string | null;
  last_modified: string | null;
  status: string;
  error: string | null;
  items: number | null;
  keepValidators: boolean;
}

/** An item's outcome as written (`attempts`: 1 when this outcome counts as an attempt, else 0). */
export interface ItemRow {
  url_key: string;
  url: string;
  feed: string | null;
  state: string;
  reason: string | null;
  attempts: number;
  article_id: string | null;
  published: string | null;
  published_estimated: boolean;
  encoding: string | null;
}

export const sourceStateSql = {
  feedState: (feed: string): Sql => ({
    text: 'SELECT feed, etag, last_modified FROM source_feeds WHERE feed = $1',
    values: [feed],
  }),
  saveFeedState: (s: FeedStateRow): Sql => ({
    text: `INSERT INTO source_feeds (feed, etag, last_modified, polled_at, status, error, items)
      VALUES ($1, $2, $3, now(), $4, $5, coalesce($6, 0))
      ON CONFLICT (feed) DO UPDATE SET
        etag = CASE WHEN $7 THEN source_feeds.etag ELSE excluded.etag END,
        last_modified = CASE WHEN $7 THEN source_feeds.last_modified ELSE excluded.last_modified END,
        polled_at = now(), status = excluded.status, error = excluded.error,
        items = coalesce($6, source_feeds.items)`,
    values: [s.feed, s.etag, s.last_modified, s.status, s.error, s.items, s.keepValidators],
  }),
  itemStates: (urlKeys: string[]): Sql => ({
    text: 'SELECT url_key, state, attempts FROM source_items WHERE url_key = ANY($1::text[])',
    values: [urlKeys],
  }),
  /** Items of a feed waiting for another attempt, oldest first. */
  retryItems: (feed: string, maxAttempts: number): Sql => ({
    text: `SELECT url_key, url, published::text AS published, attempts FROM source_items
      WHERE feed = $1 AND state = 'retry' AND attempts < $2 ORDER BY first_seen, url_key`,
    values: [feed, maxAttempts],
  }),
  saveItems: (rows: ItemRow[]): Sql => ({
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
    values: [JSON.stringify(rows)],
  }),
  saveEstimates: (rows: { content_hash: string; article_id: string; published: string }[]): Sql => ({
    text: `INSERT INTO article_published_estimates (content_hash, article_id, published)
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(content_hash text, article_id text, published date)
      ON CONFLICT (content_hash) DO NOTHING`,
    values: [JSON.stringify(rows)],
  }),
  /** Whether the stored article with this id has an estimated publication date (by content hash). */
  isPublishedEstimated: (articleId: string): Sql => ({
    text: `SELECT EXISTS (SELECT 1 FROM article_published_estimates e JOIN articles a
        ON a.content_hash = e.content_hash WHERE a.id = $1) AS ok`,
    values: [articleId],
  }),
};
