/**
 * npm run bench: extraction throughput on one core.
 * Reads the first N (default 20,000) articles of ../shared/corpus/arabic-news.jsonl.gz,
 * times a normalize + tokenize pass (the baseline) and the full extraction over the
 * same articles in the same run, and prints a JSON line:
 *   {"articles": N, "extract_per_s": X, "baseline_per_s": Y, "ratio": Y/X, "us_per_kb_1mb_to_10kb": R}
 * It also times one long article of 10 KB, 100 KB and 1 MB (corpus texts joined by blank lines) and
 * reports the CPU per KB of each (min of 3 runs): the cost of an article should grow with its length,
 * not faster; and the same 1 MB cut into 100 articles of 10 KB (us_per_kb_1mb_to_its_10kb_parts:
 * one long article against its parts, the same text). Writes bench/extract.json.
 * Options: --limit N
 */
import { mkdirSync, writeFileSync } from 'node:fs';
// the shipped build (dist/, made by `npm ci`/`npm run build`) is what is measured
import { extractArticle } from '../dist/events/extract.js';
import { defaultLexicon } from '../dist/lexicon/lexicon.js';
import { normalize } from '../dist/normalize/normalize.js';
import { segment } from '../dist/segment/segment.js';
import { readCorpus } from './corpus.js';

const args = process.argv.slice(2);
const limitArg = args.indexOf('--limit');
const limit = limitArg >= 0 ? Number(args[limitArg + 1]) : 20000;
const docs = await readCorpus('bench', limit);
const chars = docs.reduce((n, d) => n + d.text.length, 0);
defaultLexicon(); // load data outside the timed part

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

// warm up both paths on a slice, then time them
const warm = docs.slice(0, 500);
for (const d of warm) segment(normalize(d.text).norm);
for (const d of warm) extractArticle({ id: d.id, published: d.published, text: d.text });

let tokens = 0;
const baseline = time(() => {
  for (const d of docs) tokens += segment(normalize(d.text).norm).tokens.length;
});
let events = 0;
const extract = time(() => {
  for (const d of docs)
    events += extractArticle({ id: d.id, published: d.published, text: d.text }).events.length;
});
const mem = process.memoryUsage();

// one long article: CPU per KB at 10 KB, 100 KB and 1 MB (UTF-16 code units, as JS strings count)
function longText(chars: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < chars; i = (i + 1) % docs.length) {
    parts.push(docs[i].text);
    n += docs[i].text.length + 2;
  }
  return parts.join('\n\n').slice(0, chars);
}
const perKb: Record<string, number> = {};
for (const [label, chars] of [
  ['10kb', 10_000],
  ['100kb', 100_000],
  ['1mb', 1_000_000],
] as const) {
  const text = longText(chars);
  const reps = Math.max(1, Math.round(200_000 / chars));
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 3; r++)
    best = Math.min(
      best,
      time(() => {
        for (let k = 0; k < reps; k++) extractArticle({ id: `long-${label}`, published: '2024-03-01', text });
      }) / reps,
    );
  perKb[label] = Number(((best * 1e6) / (chars / 1000)).toFixed(1));
}
// the same 1 MB as 100 articles of 10 KB: what length alone costs, the text being the same (the
// first 10 KB is one kind of text, the 1 MB many: their per-KB costs differ by content too)
const mb = longText(1_000_000);
const parts = Array.from({ length: 100 }, (_, i) => mb.slice(i * 10_000, (i + 1) * 10_000));
let partsBest = Number.POSITIVE_INFINITY;
for (let r = 0; r < 3; r++)
  partsBest = Math.min(
    partsBest,
    time(() => {
      for (const [k, text] of parts.entries())
        extractArticle({ id: `part-${k}`, published: '2024-03-01', text });
    }),
  );
perKb['1mb_as_10kb_articles'] = Number(((partsBest * 1e6) / 1000).toFixed(1));

const result = {
  articles: docs.length,
  extract_per_s: Math.round(docs.length / extract),
  baseline_per_s: Math.round(docs.length / baseline),
  ratio: Number((baseline / extract).toFixed(3)),
  us_per_kb_1mb_to_10kb: Number((perKb['1mb'] / perKb['10kb']).toFixed(2)),
  us_per_kb_1mb_to_its_10kb_parts: Number((perKb['1mb'] / perKb['1mb_as_10kb_articles']).toFixed(2)),
};
const detail = {
  ...result,
  chars,
  tokens,
  events,
  extract_seconds: extract,
  baseline_seconds: baseline,
  ratio_extract_to_baseline: Number((baseline / extract).toFixed(3)),
  us_per_kb: perKb,
  rss_mb: Math.round(mem.rss / 1e6),
  heap_used_mb: Math.round(mem.heapUsed / 1e6),
  node: process.version,
  when: new Date().toISOString(),
};
mkdirSync('bench', { recursive: true });
if (!process.env.RASD_BENCH_NO_WRITE)
  writeFileSync('bench/extract.json', `${JSON.stringify(detail, null, 2)}\n`);
console.error(JSON.stringify(detail));
console.log(JSON.stringify(result));
