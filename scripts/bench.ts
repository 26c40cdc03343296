/**
 * npm run bench: extraction throughput on one core.
 * Reads the first N (default 20,000) articles of ../shared/corpus/arabic-news.jsonl.gz,
 * times a normalize + tokenize pass (the baseline) and the full extraction over the
 * same articles in the same run, and prints a JSON line:
 *   {"articles": N, "extract_per_s": X, "baseline_per_s": Y}
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
const result = {
  articles: docs.length,
  extract_per_s: Math.round(docs.length / extract),
  baseline_per_s: Math.round(docs.length / baseline),
};
const detail = {
  ...result,
  chars,
  tokens,
  events,
  extract_seconds: extract,
  baseline_seconds: baseline,
  ratio_extract_to_baseline: Number((baseline / extract).toFixed(3)),
  rss_mb: Math.round(mem.rss / 1e6),
  heap_used_mb: Math.round(mem.heapUsed / 1e6),
  node: process.version,
  when: new Date().toISOString(),
};
mkdirSync('bench', { recursive: true });
writeFileSync('bench/extract.json', `${JSON.stringify(detail, null, 2)}\n`);
console.error(JSON.stringify(detail));
console.log(JSON.stringify(result));
