/**
 * False-positive and sample check on the real corpus (../shared/corpus):
 * counts records extracted from sport/culture/economy/technology articles (should be near
 * zero) and prints a sample of records from middleEast articles with their evidence, to be
 * read against the text. Usage: npx tsx scripts/corpus-check.ts [--sample 30] [--limit N]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { extractArticle } from '../src/events/extract.js';
import { opt } from './args.js';
import { corpusArticles } from './corpus.js';

const sampleSize = opt('--sample', 30);
const limit = opt('--limit', Number.POSITIVE_INFINITY);
const OFF_TOPIC = new Set(['sport', 'culture', 'economy', 'technology']);

const perTopic = new Map<string, { articles: number; withEvents: number; events: number }>();
const offTopic: { id: string; topic: string; evidence: string; place: string }[] = [];
const middleEast: { id: string; rec: Record<string, unknown> }[] = [];
let n = 0;
for await (const d of corpusArticles('corpus-check', limit)) {
  n++;
  const topic = d.topic ?? 'none';
  const r = extractArticle({ id: d.id, published: d.published, text: d.text });
  const t = perTopic.get(topic) ?? { articles: 0, withEvents: 0, events: 0 };
  t.articles++;
  if (r.events.length) t.withEvents++;
  t.events += r.events.length;
  perTopic.set(topic, t);
  for (const e of r.events) {
    if (OFF_TOPIC.has(topic))
      offTopic.push({ id: d.id, topic, evidence: e.evidence.slice(0, 200), place: e.place });
    if (topic === 'middleEast') {
      const { spans: _spans, ...rec } = e;
      middleEast.push({ id: d.id, rec });
    }
  }
}
// a deterministic sample spread over the middleEast records
const step = Math.max(1, Math.floor(middleEast.length / sampleSize));
const sample = middleEast.filter((_, i) => i % step === 0).slice(0, sampleSize);
const report = {
  articles: n,
  per_topic: Object.fromEntries(perTopic),
  off_topic_records: offTopic.length,
  off_topic_articles: OFF_TOPIC.size
    ? [...perTopic].filter(([k]) => OFF_TOPIC.has(k)).reduce((s, [, v]) => s + v.articles, 0)
    : 0,
};
// the report quotes corpus text (licensed for internal use only): it goes to out/, never into the repo
mkdirSync('out', { recursive: true });
writeFileSync(
  'out/corpus-check.json',
  `${JSON.stringify({ ...report, off_topic: offTopic, sample }, null, 1)}\n`,
);
console.log(JSON.stringify(report, null, 1));
for (const o of offTopic.slice(0, 40)) console.log(`OFF ${o.topic} ${o.id} ${o.place} :: ${o.evidence}`);
for (const s of sample) console.log(`ME ${s.id} ${JSON.stringify(s.rec)}`);
