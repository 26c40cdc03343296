/** Which database a store command opens: --data (PGlite) first, then DATABASE_URL, then RASD_DATA / ./rasd-data. */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultDataDir } from '../db/db.js';
import type { StoreOptions } from '../store/store.js';

export interface DbFlags {
  data?: string;
}

export function storeOptions(flags: DbFlags): StoreOptions {
  if (flags.data) return { dataDir: flags.data };
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  return { dataDir: defaultDataDir() };
}

/**
 * For commands that read a store (export, serve, reprocess): the same, but a PGlite folder
 * must already hold one, so a misspelt --data is an error instead of a new empty store.
 * (ingest, watch and demo create the store when it is missing.)
 */
export function existingStoreOptions(flags: DbFlags): StoreOptions {
  const opts = storeOptions(flags);
  const dir = opts.dataDir;
  if (dir && !dir.startsWith('memory://') && !existsSync(join(dir, 'PG_VERSION'))) {
    const given = flags.data ? '--data' : process.env.RASD_DATA ? 'RASD_DATA' : 'the default data folder';
    const what = existsSync(dir) ? 'the folder holds no store' : 'no such folder';
    throw new Error(
      `${given} ${resolve(dir)}: ${what}; check the path (a store is made by \`rasd ingest … --data DIR\`)`,
    );
  }
  return opts;
}

/** Default worker threads: one per core but one (for the database), at most four. */
export function defaultWorkers(): number {
  return Math.max(0, Math.min(4, availableParallelism() - 1));
}

/** Parses a whole number option; throws a readable error. */
export function wholeNumber(name: string, v: string | undefined): number | undefined {
  if (v == null) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name}: expected a whole number, got "${v}"`);
  return n;
}

/** Commander collector for a repeatable option (no comma splitting: paths may contain commas). */
export function repeat(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Commander collector for repeatable, comma-separated list options. */
export function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}
