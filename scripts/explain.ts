/**
 * Shows how the extractor reads one article: per sentence, the triggers, places and
 * dates it found, and the records that came out. For lexicon work and debugging.
 * Usage: npx tsx scripts/explain.ts FILE.jsonl ID
 */
import { readFileSync } from 'node:fs';
import { findDates } from '../src/dates/dates.js';
import { extractArticle } from '../src/events/extract.js';
import { defaultLexicon } from '../src/lexicon/lexicon.js';
import { normalize } from '../src/normalize/normalize.js';
import { findPlaces } from '../src/places/places.js';
import { segment } from '../src/segment/segment.js';

const [file, id] = process.argv.slice(2);
const line = readFileSync(file, 'utf8')
  .split('\n')
  .find((l) => l.includes(`"id": "${id}"`) || l.includes(`"id":"${id}"`));
if (!line) throw new Error(`no article ${id} in ${file}`);
const a = JSON.parse(line);
const lex = defaultLexicon();
const nt = normalize(a.text);
const { tokens, sentences } = segment(nt.norm);
for (const s of sentences) {
  const trig = lex.triggers.findLongest(tokens, s.tokenStart, s.tokenEnd);
  if (!trig.length) continue;
  const places = findPlaces(lex, tokens, s.tokenStart, s.tokenEnd);
  const dates = findDates(nt.norm.slice(s.start, s.end), a.published);
  console.log(`\n[${s.index}] ${nt.norm.slice(s.start, s.end).slice(0, 300)}`);
  console.log(`  triggers: ${trig.map((t) => `${t.phrase}(${t.value.kind})`).join(', ')}`);
  console.log(
    `  places: ${places.map((p) => `${p.place.name}[${p.place.kind}${p.near ? ',near' : ''}${p.origin ? ',origin' : ''}]`).join(', ')}`,
  );
  console.log(`  dates: ${dates.map((d) => `${d.date}(${d.kind}${d.since ? ',since' : ''})`).join(', ')}`);
}
const r = extractArticle(a);
for (const e of r.events) {
  const { spans, evidence, ...rest } = e;
  console.log(JSON.stringify(rest));
}
