/**
 * Where ingestion's CPU work runs: a piscina pool of worker threads, or the calling thread
 * when `threads` is 0. The worker file is this folder's extract-worker (.js when running
 * from dist/, .ts under tsx, whose loader the workers inherit through execArgv).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Fingerprint, fingerprint } from './fingerprint.js';
import type { Extracted, WorkArticle } from './work.js';

export interface Workers {
  readonly threads: number;
  /**
   * true once the work has begun: the threads started (threaded), the extractor loaded
   * (in-process). Until then ingest fingerprints in its own thread (see ingest.ts).
   */
  readonly started: boolean;
  fingerprint(items: { text: string; url?: string | null }[]): Promise<Fingerprint[]>;
  extract(items: WorkArticle[]): Promise<Extracted[]>;
  close(): Promise<void>;
}

/** Articles per task sent to a worker. */
const CHUNK = 25;

function chunks<T>(items: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}

export function workerFile(): string {
  const js = fileURLToPath(new URL('./extract-worker.js', import.meta.url));
  if (existsSync(js)) return js;
  return fileURLToPath(new URL('./extract-worker.ts', import.meta.url));
}

export async function createWorkers(threads: number): Promise<Workers> {
  if (!threads || threads < 1) {
    let loaded = false;
    return {
      threads: 0,
      get started() {
        return loaded;
      },
      fingerprint: async (items) => items.map((a) => fingerprint(a.text, a.url)),
      // the extractor (and its lexicons) is loaded on the first article to extract: a re-run that
      // finds every article stored never loads it
      extract: async (items) => {
        if (!items.length) return [];
        loaded = true;
        return (await import('./work.js')).extractMany(items);
      },
      close: async () => {},
    };
  }
  const { Piscina } = await import('piscina');
  // the threads start (and load the lexicon) when there is work: a re-run that finds every
  // article stored never starts them
  let pool: InstanceType<typeof Piscina> | null = null;
  const run = async <T, R>(items: T[], name: string): Promise<R[]> => {
    if (!items.length) return [];
    pool ??= new Piscina({ filename: workerFile(), minThreads: threads, maxThreads: threads });
    const p = pool;
    const parts = await Promise.all(chunks(items, CHUNK).map((c) => p.run(c, { name }) as Promise<R[]>));
    return parts.flat();
  };
  return {
    threads,
    get started() {
      return pool != null;
    },
    fingerprint: (items) => run(items, 'fingerprint'),
    extract: (items) => run(items, 'extract'),
    close: async () => {
      await pool?.destroy();
    },
  };
}
