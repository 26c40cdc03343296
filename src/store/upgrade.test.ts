/**
 * A store made before the migrations were one table opens with this code and keeps its data.
 *
 * Until migration 6, the tables of `rasd watch` (source_feeds, source_items,
 * article_published_estimates) had a runner of their own, recorded in rasd_source_migrations.
 * OLD_SOURCE_LAYOUT is what that runner made (its migration 1, verbatim); the store's tables
 * are migrations 1–5, which are unchanged. The test builds that layout, with rows in every
 * table, in a PGlite data folder and in a PostgreSQL schema, then opens it with Store.open.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type Db, dropSchema, openDb } from '../db/db.js';
import { MIGRATIONS } from '../db/migrations.js';
import { sql } from '../db/sql.js';
import { getFeedState, getItemStates, isPublishedEstimated } from '../sources/state.js';
import { Store } from './store.js';
import { randomSchema, testArticles, testEngines } from './testing.js';

const OLD_SOURCE_LAYOUT = [
  `CREATE TABLE IF NOT EXISTS rasd_source_migrations (
    id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE TABLE IF NOT EXISTS source_feeds (
    feed text PRIMARY KEY, etag text, last_modified text, polled_at timestamptz, status text, error text,
    items integer NOT NULL DEFAULT 0)`,
  `CREATE TABLE IF NOT EXISTS source_items (
    url_key text PRIMARY KEY, url text NOT NULL, feed text,
    state text NOT NULL CHECK (state IN ('ingested', 'skipped', 'retry', 'failed')),
    reason text, attempts integer NOT NULL DEFAULT 0, article_id text, published date,
    published_estimated boolean NOT NULL DEFAULT false, encoding text,
    first_seen timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now())`,
  "CREATE INDEX IF NOT EXISTS source_items_state ON source_items (state) WHERE state = 'retry'",
  `CREATE TABLE IF NOT EXISTS article_published_estimates (
    content_hash text PRIMARY KEY, article_id text NOT NULL, published date NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now())`,
  "INSERT INTO rasd_source_migrations (id, name) VALUES (1, 'feeds, items and estimated publication dates')",
];

/** One article, its mention, the incident it makes and a review, as the old code wrote them. */
const OLD_ROWS = [
  `INSERT INTO articles (id, url, url_key, outlet, published, text, content_hash, extractor_version)
    VALUES ('old-1', 'https://news.example/a', 'news.example/a', 'news.example', '2024-01-15',
      'استهدف هجوم بطائرة مسيرة قاعدة عين الأسد في الأنبار', 'hash-old-1', 'old')`,
  `INSERT INTO mentions (article_id, idx, type, date, place, place_id, lat, lon, geo_precision, country,
      admin1, weapon, evidence, spans, reviewed)
    VALUES ('old-1', 0, 'Air/drone strike', '2024-01-15', 'Ain al-Asad Air Base', 'iq-ain-al-asad', 33.8, 42.44,
      1, 'IQ', 'Anbar', 'drone', 'استهدف هجوم بطائرة مسيرة قاعدة عين الأسد', '{}', true)`,
  `INSERT INTO incidents (id, type, date, date_lo, date_hi, sort_date, place, place_id, lat, lon, geo_precision,
      country, admin1, weapon, source_count, review_status, evidence_norm, names_norm)
    VALUES ('2024-01-15-old', 'Air/drone strike', '2024-01-15', '2024-01-15', '2024-01-15', '2024-01-15',
      'Ain al-Asad Air Base', 'iq-ain-al-asad', 33.8, 42.44, 1, 'IQ', 'Anbar', 'drone', 1, 'confirmed',
      'استهدف هجوم بطائره مسيره قاعده عين الاسد', 'ain al-asad air base')`,
  `INSERT INTO incident_mentions (incident_id, mention_id)
    SELECT '2024-01-15-old', id FROM mentions WHERE article_id = 'old-1'`,
  `INSERT INTO review_log (incident_id, who, action, before, after)
    VALUES ('2024-01-15-old', 'analyst', 'confirm', '{}', '{"review_status":"confirmed"}')`,
  `INSERT INTO source_feeds (feed, etag, last_modified, polled_at, status, items)
    VALUES ('https://news.example/feed.xml', 'W/"7"', 'Mon, 15 Jan 2024 10:00:00 GMT', now(), 'ok', 1)`,
  `INSERT INTO source_items (url_key, url, feed, state, attempts, article_id, published, published_estimated)
    VALUES ('news.example/a', 'https://news.example/a', 'https://news.example/feed.xml', 'ingested', 1, 'old-1',
      '2024-01-15', true)`,
  `INSERT INTO article_published_estimates (content_hash, article_id, published)
    VALUES ('hash-old-1', 'old-1', '2024-01-15')`,
];

/** Makes the layout of a store before migration 6, with rows in every table. */
async function buildOldStore(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(sql.createMigrationsTable());
    for (const m of MIGRATIONS.filter((m) => m.id <= 5)) {
      for (const step of m.steps) await tx.query({ text: step });
      await tx.query(sql.recordMigration(m.id, m.name));
    }
    for (const step of [...OLD_SOURCE_LAYOUT, ...OLD_ROWS]) await tx.query({ text: step });
  });
}

const tables = async (db: Db) =>
  (
    await db.query<{ t: string }>({
      text: `SELECT table_name AS t FROM information_schema.tables
        WHERE table_schema = current_schema() ORDER BY 1`,
    })
  ).map((r) => r.t);

for (const engine of testEngines()) {
  describe(`a store of the old layout on ${engine}`, () => {
    it('opens with one migrations table, keeps every row and takes new articles', async () => {
      const schema = randomSchema();
      const dir = engine === 'pglite' ? mkdtempSync(join(tmpdir(), 'rasd-old-')) : null;
      const where = dir ? { dataDir: dir, schema } : { url: process.env.DATABASE_URL, schema };
      const old = await openDb(where);
      try {
        await buildOldStore(old);
      } finally {
        await old.close();
      }
      const store = await Store.open(where);
      try {
        const t = await tables(store.db);
        assert.ok(!t.includes('rasd_source_migrations'), 'the second migrations table is gone');
        assert.ok(t.includes('rasd_migrations'));
        const applied = await store.db.query<{ id: number }>(sql.appliedMigrations());
        assert.deepEqual(
          applied.map((r) => Number(r.id)),
          MIGRATIONS.map((m) => m.id),
        );
        // the store's rows
        assert.deepEqual(await store.counts(), {
          articles: 1,
          near_duplicates: 0,
          mentions: 1,
          incidents: 1,
        });
        const inc = await store.getIncident('2024-01-15-old');
        assert.equal(inc?.review_status, 'confirmed');
        assert.equal(inc?.sources.length, 1);
        assert.deepEqual(
          (await store.reviewLog('2024-01-15-old')).map((e) => [e.who, e.action]),
          [['analyst', 'confirm']],
        );
        // what rasd watch remembered
        assert.deepEqual(await getFeedState(store.db, 'https://news.example/feed.xml'), {
          feed: 'https://news.example/feed.xml',
          etag: 'W/"7"',
          last_modified: 'Mon, 15 Jan 2024 10:00:00 GMT',
        });
        assert.deepEqual(
          [...(await getItemStates(store.db, ['news.example/a'])).values()],
          [{ url_key: 'news.example/a', state: 'ingested', attempts: 1 }],
        );
        assert.equal(await isPublishedEstimated(store.db, 'old-1'), true);
        // the summary (migration 7) holds the incidents stored before it
        const live = new Store(store.db, { summary: false });
        assert.equal(await store.countIncidents({ country: ['IQ'] }), 1);
        assert.deepEqual(await store.facets(), await live.facets());
        assert.deepEqual(await store.timeline(), await live.timeline());
        // and it goes on: new articles are stored beside the old ones
        const report = await store.ingest(testArticles());
        assert.equal(report.added, testArticles().length);
        assert.equal((await store.counts()).articles, 1 + testArticles().length);
        assert.deepEqual(await store.facets(), await live.facets());
      } finally {
        try {
          if (engine === 'pg') await dropSchema(store.db);
        } finally {
          await store.close();
          if (dir) rmSync(dir, { recursive: true, force: true });
        }
      }
    });
  });
}
