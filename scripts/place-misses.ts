/**
 * Reads ../shared/corpus/beat-excerpts.jsonl and lists what follows a place cue word
 * (قرية، بلدة، منطقة، معبر، حقل، مزار، طريق، بادية …) when the extractor finds no place
 * there: the places the gazetteer misses. Prints counts of the two words after the cue;
 * never writes corpus text into the repository (the list goes to stdout / out/).
 *   npx tsx scripts/place-misses.ts [--file path.jsonl] [--all]
 */
import { readFileSync } from 'node:fs';
import { defaultLexicon } from '../src/lexicon/lexicon.js';
import { normalize } from '../src/normalize/normalize.js';
import { findPlaces } from '../src/places/places.js';
import { segment } from '../src/segment/segment.js';

const args = process.argv.slice(2);
const fileArg = args.indexOf('--file');
const file = fileArg >= 0 ? args[fileArg + 1] : '../shared/corpus/beat-excerpts.jsonl';
const CUE =
  /^(?:و|ف|ب|ل)?(?:قريه|بلده|منطقه|ناحيه|حي|معبر|منفذ|حقل|مزار|مقام|طريق|باديه|مخيم|مزرعه|مزارع|مدينه|قاعده|مطار|جبل|تل|سد|جسر)$/u;
const lex = defaultLexicon();
const counts = new Map<string, number>();
let found = 0;
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const { text } = JSON.parse(line) as { text: string };
  const nt = normalize(text);
  const { tokens, sentences } = segment(nt.norm);
  for (const s of sentences) {
    const places = findPlaces(lex, tokens, s.tokenStart, s.tokenEnd);
    found += places.length;
    const covered = new Set<number>();
    for (const p of places) for (let k = p.first - 1; k <= p.last; k++) covered.add(k);
    for (let i = s.tokenStart; i < s.tokenEnd - 1; i++) {
      if (!CUE.test(tokens[i].text) || covered.has(i)) continue;
      const next = tokens.slice(i + 1, Math.min(i + 3, s.tokenEnd)).filter((t) => t.kind !== 'punct');
      if (next.length === 0 || covered.has(i + 1)) continue;
      const key = `${tokens[i].text} ${next.map((t) => t.text).join(' ')}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
}
console.log(`places found: ${found}`);
for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(n, k);
