/**
 * Schema migrations of every table Rasd keeps (the store's and `rasd watch`'s): numbered,
 * applied in order inside one transaction, each recorded in `rasd_migrations`. Running them again applies nothing. Two processes starting at once
 * serialize on a transaction-scoped advisory lock, so the second one finds the work done.
 *
 * Each step is one statement (PGlite's extended protocol runs one statement per query).
 */
import type { Db } from './db.js';
import { sql } from './sql.js';
import { monthsMigration, summaryMigration } from './summary.js';

export interface Migration {
  id: number;
  name: string;
  steps: string[];
}

export const MIGRATIONS: Migration[] = [
  {
    id: 1,
    name: 'articles, mentions, incidents, review log',
    steps: [
      `CREATE TABLE articles (
        id text PRIMARY KEY,
        url text,
        url_key text,
        outlet text,
        title text,
        published date,
        text text NOT NULL,
        content_hash text NOT NULL UNIQUE,
        simhash bigint,
        band0 integer,
        band1 integer,
        band2 integer,
        band3 integer,
        duplicate_of text REFERENCES articles (id),
        ingested_at timestamptz NOT NULL DEFAULT now(),
        extractor_version text NOT NULL
      )`,
      'CREATE UNIQUE INDEX articles_url_key ON articles (url_key)',
      'CREATE INDEX articles_band0 ON articles (band0)',
      'CREATE INDEX articles_band1 ON articles (band1)',
      'CREATE INDEX articles_band2 ON articles (band2)',
      'CREATE INDEX articles_band3 ON articles (band3)',
      'CREATE INDEX articles_duplicate_of ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL',
      `CREATE TABLE mentions (
        id serial PRIMARY KEY,
        article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        idx integer NOT NULL,
        type text NOT NULL,
        date text,
        place text NOT NULL,
        place_id text NOT NULL,
        lat double precision,
        lon double precision,
        geo_precision smallint NOT NULL,
        country text NOT NULL,
        admin1 text,
        actor text,
        actor_umbrella text,
        target text,
        weapon text,
        munitions integer,
        killed integer,
        injured integer,
        intercepted boolean,
        evidence text NOT NULL,
        spans jsonb NOT NULL,
        reviewed boolean NOT NULL DEFAULT false,
        UNIQUE (article_id, idx)
      )`,
      'CREATE INDEX mentions_date ON mentions (date)',
      'CREATE INDEX mentions_place_date ON mentions (place_id, date)',
      `CREATE TABLE incidents (
        id text PRIMARY KEY,
        type text NOT NULL,
        date text,
        date_lo date,
        date_hi date,
        sort_date date NOT NULL,
        place text NOT NULL,
        place_id text NOT NULL,
        lat double precision,
        lon double precision,
        geo_precision smallint NOT NULL,
        country text NOT NULL,
        admin1 text,
        actor text,
        actor_umbrella text,
        target text,
        weapon text,
        munitions integer,
        killed integer,
        injured integer,
        intercepted boolean,
        source_count integer NOT NULL,
        conflicts text[] NOT NULL DEFAULT '{}',
        review_status text NOT NULL DEFAULT 'unreviewed'
          CHECK (review_status IN ('unreviewed', 'confirmed', 'edited', 'rejected')),
        edits jsonb,
        evidence_norm text NOT NULL DEFAULT '',
        digest text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX incidents_sort_date ON incidents (sort_date, id)',
      'CREATE INDEX incidents_sources ON incidents (source_count, id)',
      'CREATE INDEX incidents_country ON incidents (country)',
      'CREATE INDEX incidents_admin1 ON incidents (admin1)',
      'CREATE INDEX incidents_type ON incidents (type)',
      'CREATE INDEX incidents_weapon ON incidents (weapon)',
      'CREATE INDEX incidents_actor ON incidents (actor)',
      'CREATE INDEX incidents_actor_umbrella ON incidents (actor_umbrella)',
      'CREATE INDEX incidents_target ON incidents (target)',
      'CREATE INDEX incidents_review_status ON incidents (review_status)',
      'CREATE INDEX incidents_lat_lon ON incidents (lat, lon)',
      `CREATE TABLE incident_mentions (
        incident_id text NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
        mention_id integer NOT NULL UNIQUE REFERENCES mentions (id) ON DELETE CASCADE,
        PRIMARY KEY (incident_id, mention_id)
      )`,
      `CREATE TABLE review_log (
        id serial PRIMARY KEY,
        incident_id text NOT NULL,
        who text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL,
        before jsonb,
        after jsonb
      )`,
      'CREATE INDEX review_log_incident ON review_log (incident_id, at)',
    ],
  },
  {
    id: 2,
    name: 'trigram index over normalized evidence (when pg_trgm is available)',
    steps: [
      // pg_trgm lives in `public` so that every schema (and a dropped test schema) shares it.
      // Where the extension cannot be had, `q` still works: ILIKE over evidence_norm, unindexed.
      `DO $$
      DECLARE s text;
      BEGIN
        SELECT n.nspname INTO s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
          WHERE e.extname = 'pg_trgm';
        IF s IS NULL AND EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
          CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
          s := 'public';
        END IF;
        IF s IS NOT NULL THEN
          EXECUTE format(
            'CREATE INDEX IF NOT EXISTS incidents_evidence_trgm ON incidents USING gin (evidence_norm %I.gin_trgm_ops)',
            s);
        END IF;
      END $$`,
    ],
  },
  {
    id: 3,
    name: 'pinned incidents: membership set by a reviewer (merge, split)',
    steps: ['ALTER TABLE incidents ADD COLUMN IF NOT EXISTS pinned boolean NOT NULL DEFAULT false'],
  },
  {
    id: 4,
    name: 'coreference: dark part of day on mentions, month lookups, why an incident joined its mentions',
    steps: [
      'ALTER TABLE mentions ADD COLUMN IF NOT EXISTS part_of_day text',
      'CREATE INDEX IF NOT EXISTS mentions_month ON mentions (substr(date, 1, 7))',
      'ALTER TABLE incidents ADD COLUMN IF NOT EXISTS coreference jsonb',
    ],
  },
  {
    id: 5,
    name: 'names in both languages: Arabic place and province names, searchable names of place and actors',
    steps: [
      'ALTER TABLE incidents ADD COLUMN IF NOT EXISTS place_ar text',
      'ALTER TABLE incidents ADD COLUMN IF NOT EXISTS admin1_ar text',
      "ALTER TABLE incidents ADD COLUMN IF NOT EXISTS names_norm text NOT NULL DEFAULT ''",
      `DO $$
      DECLARE s text;
      BEGIN
        SELECT n.nspname INTO s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
          WHERE e.extname = 'pg_trgm';
        IF s IS NOT NULL THEN
          EXECUTE format(
            'CREATE INDEX IF NOT EXISTS incidents_names_trgm ON incidents USING gin (names_norm %I.gin_trgm_ops)',
            s);
        END IF;
      END $$`,
    ],
  },
  {
    id: 6,
    name: 'what rasd watch remembers: feeds, items, estimated publication dates (one migrations table)',
    steps: [
      // Until now these tables had a migration runner of their own, recorded in
      // rasd_source_migrations (its one migration made them as below). A store where that ran
      // keeps them and their rows (IF NOT EXISTS); the second record table goes.
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
      'DROP TABLE IF EXISTS rasd_source_migrations',
    ],
  },
  {
    id: 7,
    name: 'the summary: incident counts per facet value, date and point, kept current by triggers (src/db/summary.ts)',
    steps: summaryMigration(),
  },
  {
    id: 8,
    name: 'implied fields: why a mention or incident holds a value the text does not state (a target its site implies)',
    steps: [
      'ALTER TABLE mentions ADD COLUMN IF NOT EXISTS implied jsonb',
      'ALTER TABLE incidents ADD COLUMN IF NOT EXISTS implied jsonb',
    ],
  },
  {
    id: 9,
    name: 'article text compressed with lz4 where the server has it (PostgreSQL 14+ built with lz4; not PGlite)',
    steps: [
      // pglz took about a quarter of a batch's insert (measured on PostgreSQL 15: 200-article
      // batches of corpus text, 1.06-1.31 s against 0.83-0.86 s per 6,000 articles, 20% more
      // space); rows already stored keep theirs
      `DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_settings
            WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
          ALTER TABLE articles ALTER COLUMN text SET COMPRESSION lz4;
        END IF;
      END $$`,
    ],
  },
  {
    id: 10,
    name: 'the summary under a date range (per month, and per day for its ends) and under several list filters (per combination of list fields), src/db/summary.ts',
    steps: monthsMigration(),
  },
];

/** Applies the migrations not yet recorded; returns the ids it applied. */
export async function migrate(db: Db): Promise<number[]> {
  return db.transaction(async (tx) => {
    // a migration that fills a table from a big store runs longer than RASD_QUERY_TIMEOUT_MS
    // allows a query: it must finish, not be cancelled and roll back on every start
    await tx.query(sql.noStatementTimeout());
    // one lock for every schema: CREATE EXTENSION is database-wide
    await tx.query(sql.advisoryLock('rasd:migrate'));
    await tx.query(sql.createMigrationsTable());
    const done = new Set((await tx.query<{ id: number }>(sql.appliedMigrations())).map((r) => Number(r.id)));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue;
      for (const step of m.steps) await tx.query({ text: step });
      await tx.query(sql.recordMigration(m.id, m.name));
      applied.push(m.id);
    }
    return applied;
  });
}
