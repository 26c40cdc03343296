/**
 * npm run eval: extract the dev sets in ../shared/eval/dev and print the total report and one line
 * per set, exactly as `rasd eval <dev>/*.gold.jsonl --input <dev>/*.input.jsonl` does (same reading,
 * extraction, incident linking and scorer). The records are kept in out/dev.pred.jsonl.
 * Usage: npm run eval [-- --verbose] [-- --json]
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runEval } from '../src/cli/eval-command.js';

const shared = resolve(process.env.RASD_SHARED ?? '../shared');
const dev = join(shared, 'eval/dev');
if (!existsSync(dev)) {
  console.error(`eval: no dev set at ${dev} (set RASD_SHARED)`);
  process.exit(2);
}
const extra = process.argv.slice(2);
const unknown = extra.filter((a) => a !== '--verbose' && a !== '--json');
if (unknown.length) {
  console.error(`eval: unknown argument ${unknown[0]} (usage: npm run eval [-- --verbose] [-- --json])`);
  process.exit(2);
}
const inputs = readdirSync(dev)
  .filter((f) => f.endsWith('.input.jsonl'))
  .sort()
  .map((f) => join(dev, f));
const golds = inputs.map((f) => f.replace(/\.input\.jsonl$/, '.gold.jsonl'));
mkdirSync('out', { recursive: true });
process.exitCode = await runEval(golds, {
  input: inputs,
  out: 'out/dev.pred.jsonl',
  verbose: extra.includes('--verbose'),
  json: extra.includes('--json'),
});
