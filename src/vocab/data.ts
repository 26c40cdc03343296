/**
 * Reads a data file under data/ on first use (never at module load, so a module that only
 * names its vocabularies can be bundled for the browser).
 */
import { readFileSync } from 'node:fs';

const DATA_DIR = new URL('../../data/', import.meta.url);

/** A lazily read JSON data file: the getter reads and parses it once. */
export function lazyData<T>(relative: string): () => T {
  let value: T | undefined;
  return () => {
    value ??= JSON.parse(readFileSync(new URL(relative, DATA_DIR), 'utf8')) as T;
    return value;
  };
}
