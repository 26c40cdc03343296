/**
 * npm run eval: extract the dev set in ../shared/eval/dev and print the scorer's report.
 * Usage: npm run eval [-- --verbose]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractArticle } from '../src/events/extract.js';
import type { ArticleResult } from '../src/events/record.js';
import { linkIncidents } from '../src/incidents/link.js';

const shared = resolve(process.env.RASD_SHARED ?? '../shared');
const dev = join(shared, 'eval/dev');
if (!existsSync(dev)) {
  console.error(`eval: no dev set at ${dev} (set RASD_SHARED)`);
  process.exit(2);
}
const inputs = readdirSync(dev)
  .filter((f) => f.endsWith('.input.jsonl'))
  .sort();
const results: ArticleResult[] = [];
for (const f of inputs) {
  for (const line of readFileSync(join(dev, f), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const a = JSON.parse(line);
    results.push(extractArticle({ id: a.id, published: a.published ?? null, text: a.text, url: a.url }));
  }
}
linkIncidents(results);
mkdirSync('out', { recursive: true });
const pred = 'out/dev.pred.jsonl';
writeFileSync(pred, results.map((r) => JSON.stringify(r)).join('\n') + '\n');
const golds = inputs.flatMap((f) => ['--gold', join(dev, f.replace('.input.', '.gold.'))]);
const extra = process.argv.slice(2);
const report = execFileSync('node', [join(shared, 'eval/score.mjs'), ...golds, '--pred', pred, ...extra], {
  encoding: 'utf8',
});
process.stdout.write(report);
