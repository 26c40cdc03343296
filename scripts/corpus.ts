/**
 * Reading ../shared/corpus/arabic-news.jsonl.gz for the benchmarks and checks (never at run
 * time or in `npm test`). One place for the path, the gunzip stream and the field names.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

export interface CorpusArticle {
  id: string;
  /** calendar date (the corpus calls it `date`) */
  published: string | null;
  text: string;
  url: string | null;
  title: string | null;
  outlet: string | null;
  topic: string | null;
}

/** The corpus file; exits with a message naming the path when it is missing. */
export function corpusPath(tool: string): string {
  const path = join(resolve(process.env.RASD_SHARED ?? '../shared'), 'corpus/arabic-news.jsonl.gz');
  if (!existsSync(path)) {
    process.stderr.write(`${tool}: corpus not found at ${path} (set RASD_SHARED)\n`);
    process.exit(2);
  }
  return path;
}

function dateOf(d: Record<string, unknown>): string | null {
  const v = typeof d.date === 'string' ? d.date : typeof d.published === 'string' ? d.published : null;
  return v && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null;
}

/** The first `limit` articles, in corpus order. */
export async function* corpusArticles(
  tool: string,
  limit = Number.POSITIVE_INFINITY,
): AsyncGenerator<CorpusArticle> {
  const rl = createInterface({
    input: createReadStream(corpusPath(tool)).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  let n = 0;
  try {
    for await (const line of rl) {
      if (n >= limit) break;
      const d = JSON.parse(line) as Record<string, unknown>;
      yield {
        id: String(d.id ?? `c${n}`),
        published: dateOf(d),
        text: String(d.text ?? ''),
        url: (d.url as string | undefined) ?? null,
        title: (d.title as string | undefined) ?? null,
        outlet: (d.outlet as string | undefined) ?? null,
        topic: (d.topic as string | undefined) ?? null,
      };
      n++;
    }
  } finally {
    rl.close();
  }
}

/** The first `limit` articles as an array. */
export async function readCorpus(tool: string, limit: number): Promise<CorpusArticle[]> {
  const docs: CorpusArticle[] = [];
  for await (const d of corpusArticles(tool, limit)) docs.push(d);
  return docs;
}
