/**
 * npm run bench:stream: `rasd extract` over many articles, peak memory and time.
 *
 * Writes the first N (default 70,000) articles of ../shared/corpus/arabic-news.jsonl.gz to a
 * temporary folder — as one .jsonl file, and as files of at most 40 MB (for a build that caps
 * the size of a file) — and runs the built CLI (`node dist/cli/main.js extract … --out …`) on
 * each, reading its peak resident memory (getrusage maxrss, through a preloaded exit hook).
 * With --gb, also a file of at least 1 GB (the articles repeated under new ids) in one run.
 * Writes bench/stream.json and prints one JSON line.
 * Options: --limit N  --gb  --dist DIR (a build to measure, default dist)
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { corpusArticles } from './corpus.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const limit = Number(opt('--limit', '70000'));
const dist = resolve(opt('--dist', 'dist'));
const dir = mkdtempSync(join(tmpdir(), 'rasd-bench-stream-'));

function write(path: string, lines: Iterable<string>): Promise<void> {
  return new Promise((ok, fail) => {
    const out = createWriteStream(path);
    out.on('error', fail);
    for (const l of lines) out.write(l);
    out.end(ok);
  });
}

const lines: string[] = [];
for await (const a of corpusArticles('bench:stream', limit))
  lines.push(
    `${JSON.stringify({ id: a.id, published: a.published, url: a.url, title: a.title, text: a.text })}\n`,
  );
const single = join(dir, 'all.jsonl');
await write(single, lines);
const parts = join(dir, 'parts');
{
  const { mkdirSync } = await import('node:fs');
  mkdirSync(parts);
  let chunk: string[] = [];
  let bytes = 0;
  let k = 0;
  for (const l of lines) {
    const b = Buffer.byteLength(l);
    if (bytes + b > 40 * 1024 * 1024 && chunk.length) {
      await write(join(parts, `part-${String(k++).padStart(3, '0')}.jsonl`), chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(l);
    bytes += b;
  }
  if (chunk.length) await write(join(parts, `part-${String(k++).padStart(3, '0')}.jsonl`), chunk);
}

const hook = join(dir, 'peak.cjs');
writeFileSync(
  hook,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the hook is JavaScript source
  "process.on('exit', () => require('node:fs').writeSync(2, `\\nPEAK_RSS_KB ${process.resourceUsage().maxRSS}\\n`));\n",
);

interface Run {
  input: string;
  input_mb: number;
  exit: number;
  seconds: number;
  peak_rss_mb: number | null;
  summary: string;
}

function run(input: string): Promise<Run> {
  const out = join(dir, 'out.jsonl');
  const t0 = Date.now();
  return new Promise((ok) => {
    const child = spawn(
      process.execPath,
      ['--require', hook, join(dist, 'cli/main.js'), 'extract', input, '--out', out],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let err = '';
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    child.on('close', (code) => {
      const peak = /PEAK_RSS_KB (\d+)/.exec(err);
      const size = input.endsWith('.jsonl') ? statSync(input).size : 0;
      ok({
        input: input.replace(dir, '<tmp>'),
        input_mb: Math.round(size / 1e6),
        exit: code ?? -1,
        seconds: (Date.now() - t0) / 1000,
        peak_rss_mb: peak ? Math.round(Number(peak[1]) / 1024) : null,
        summary: err
          .split('\n')
          .filter((l) => l.startsWith('rasd:') || l.includes('too large'))
          .join(' | ')
          .slice(0, 300),
      });
    });
  });
}

const runs: Run[] = [];
runs.push(await run(parts));
runs.push(await run(single));
if (args.includes('--gb')) {
  const big = join(dir, 'big.jsonl');
  const out = createWriteStream(big);
  let size = 0;
  for (let copy = 0; size < 1024 ** 3; copy++)
    for (const l of lines) {
      const s = copy ? l.replace('{"id":"', `{"id":"c${copy}-`) : l;
      size += Buffer.byteLength(s);
      if (!out.write(s)) await new Promise((r) => out.once('drain', r));
    }
  await new Promise((r) => out.end(r));
  runs.push(await run(big));
}
rmSync(dir, { recursive: true, force: true });
const detail = {
  articles: lines.length,
  runs,
  cores: availableParallelism(),
  node: process.version,
  when: new Date().toISOString(),
};
if (!process.env.RASD_BENCH_NO_WRITE)
  writeFileSync('bench/stream.json', `${JSON.stringify(detail, null, 2)}\n`);
console.error(JSON.stringify(detail));
console.log(
  JSON.stringify({
    articles: lines.length,
    runs: runs.map((r) => ({
      input_mb: r.input_mb,
      exit: r.exit,
      seconds: r.seconds,
      peak_rss_mb: r.peak_rss_mb,
    })),
  }),
);
