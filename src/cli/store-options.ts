/** Which database a store command opens: --data (PGlite) first, then DATABASE_URL, then RASD_DATA / ./rasd-data. */
import { availableParallelism } from 'node:os';
import { defaultDataDir } from '../store/db.js';
import type { StoreOptions } from '../store/store.js';

export interface DbFlags {
  data?: string;
}

export function storeOptions(flags: DbFlags): StoreOptions {
  if (flags.data) return { dataDir: flags.data };
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  return { dataDir: defaultDataDir() };
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
