/**
 * The piscina worker: runs fingerprinting and extraction off the main thread.
 * Loaded as dist/ingest/extract-worker.js, or as this .ts file under tsx (tests).
 */
import type { Fingerprint } from './fingerprint.js';
import { type Extracted, extractMany, fingerprintMany, type WorkArticle } from './work.js';

export function fingerprint(items: { text: string; url?: string | null }[]): Fingerprint[] {
  return fingerprintMany(items);
}

export function extract(items: WorkArticle[]): Extracted[] {
  return extractMany(items);
}

export default extract;
