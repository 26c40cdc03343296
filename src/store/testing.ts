/**
 * Test support: the engines a DB test runs on (PGlite in memory always, PostgreSQL too when
 * DATABASE_URL is set), each in a schema of its own that is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dropSchema } from '../db/db.js';
import { sql } from '../db/sql.js';
import type { Article } from '../io/types.js';
import { Store } from './store.js';

export type Engine = 'pglite' | 'pg';

export function testEngines(): Engine[] {
  return process.env.DATABASE_URL ? ['pglite', 'pg'] : ['pglite'];
}

export function randomSchema(): string {
  return `rasd_test_${randomBytes(6).toString('hex')}`;
}

export async function openTestStore(engine: Engine, schema = randomSchema()): Promise<Store> {
  return Store.open(
    engine === 'pg' ? { url: process.env.DATABASE_URL, schema } : { dataDir: 'memory://', schema },
  );
}

/** Drops the store's schema and closes it. */
export async function closeTestStore(store: Store): Promise<void> {
  try {
    await dropSchema(store.db);
  } finally {
    await store.close();
  }
}

/** Empties every table (between tests sharing one store). */
export async function truncateAll(store: Store): Promise<void> {
  await store.db.query(sql.truncateAll());
}

/** The articles of src/ingest/testdata/articles.jsonl (written for these tests). */
export function testArticles(): Article[] {
  const url = new URL('../../src/ingest/testdata/articles.jsonl', import.meta.url);
  return readFileSync(url, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Article);
}
