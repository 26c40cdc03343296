/**
 * The per-article work of ingestion, the same in a worker thread and in-process:
 * fingerprints (for deduplication) and extraction.
 */
import { extractArticle } from '../events/extract.js';
import type { EventRecord } from '../record/record.js';
import { type Fingerprint, fingerprint } from './fingerprint.js';

export interface WorkArticle {
  id: string;
  published: string | null;
  text: string;
  url?: string | null;
}

export type Extracted =
  | { id: string; events: EventRecord[]; error?: undefined }
  | { id: string; error: string };

export function fingerprintMany(items: { text: string; url?: string | null }[]): Fingerprint[] {
  return items.map((a) => fingerprint(a.text, a.url));
}

export function extractMany(items: WorkArticle[]): Extracted[] {
  return items.map((a) => {
    try {
      const r = extractArticle({ id: a.id, published: a.published, text: a.text, url: a.url ?? null });
      return { id: a.id, events: r.events };
    } catch (err) {
      return { id: a.id, error: err instanceof Error ? err.message : String(err) };
    }
  });
}
