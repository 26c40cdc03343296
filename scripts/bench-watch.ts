/**
 * npm run bench:watch: from publication to the API. A local feed server publishes attack reports
 * (corpus articles whose extraction gives a dated event) one at a time; the time from adding the
 * item to the feed to the article's id appearing among the sources of /api/incidents is measured.
 *
 * Modes: `serve-watch` (one process: `rasd serve --create --watch FEED`, this build) and
 * `watch+serve` (two processes on one data folder: `rasd serve --create` and `rasd watch FEED`, any
 * build). Both with --interval I (default 1) and --workers W (default 1, as `watch` defaults).
 * Writes bench/watch.json and prints one JSON line.
 * Options: --mode serve-watch|watch+serve  --interval I  --articles N (default 10)  --workers W
 *          --dist DIR (the build to run, default dist)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { corpusArticles } from './corpus.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const mode = opt('--mode', 'serve-watch');
const interval = opt('--interval', '1');
const nArticles = Number(opt('--articles', '10'));
const workers = opt('--workers', '1');
const dist = resolve(opt('--dist', 'dist'));
const { extractArticle } = await import(join(dist, 'events/extract.js'));
const { articleIdForUrl } = await import(join(dist, 'sources/watch.js'));

// attack reports with a dated event, of distinct days (each its own incident)
const picked: { text: string; published: string }[] = [];
const days = new Set<string>();
for await (const a of corpusArticles('bench:watch', 200_000)) {
  if (picked.length >= nArticles) break;
  if (!a.published || !/قصف|صاروخ|استهدف|هجوم/.test(a.text) || a.text.length > 6000) continue;
  const r = extractArticle({ id: a.id, published: a.published, text: a.text });
  const day = r.events.find((e: { date: string | null }) => e.date?.length === 10)?.date;
  if (!day || days.has(day)) continue;
  days.add(day);
  picked.push({ text: a.text, published: a.published });
}

const published: { path: string; at: number }[] = [];
const page = (a: { text: string; published: string }) =>
  `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>خبر</title>
  <meta property="article:published_time" content="${a.published}"></head><body><article><h1>خبر</h1>${a.text
    .split('\n')
    .map((p) => `<p>${p.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</p>`)
    .join('')}</article></body></html>`;
const server = createServer((req, res) => {
  const path = req.url ?? '/';
  if (path === '/robots.txt') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('User-agent: *\nAllow: /\n');
  } else if (path === '/feed.xml') {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(
      `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>f</title>${published
        .map((p) => `<item><title>خبر</title><link>${p.path}</link></item>`)
        .join('')}</channel></rss>`,
    );
  } else if (/^\/a\/\d+$/.test(path)) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(picked[Number(path.slice(3))]));
  } else {
    res.writeHead(404);
    res.end();
  }
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const feed = `${base}/feed.xml`;

const dir = mkdtempSync(join(tmpdir(), 'rasd-bench-watch-'));
const data = join(dir, 'data');
const children: ChildProcess[] = [];
const rasd = (...a: string[]) => {
  const child = spawn(process.execPath, [join(dist, 'cli/main.js'), ...a], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  return child;
};
const watchFlags = ['--interval', interval, '--workers', workers, '--allow-private', '-q'];
const serve =
  mode === 'serve-watch'
    ? rasd('serve', '--data', data, '--port', '0', '--create', '--watch', feed, ...watchFlags)
    : rasd('serve', '--data', data, '--port', '0', '--create');
const api = await new Promise<string>((ok, fail) => {
  let err = '';
  serve.stderr?.on('data', (d) => {
    err += String(d);
    const m = /dashboard on (http:\/\/\S+\/) /.exec(err);
    if (m) ok(m[1]);
  });
  serve.once('exit', () => fail(new Error(`serve exited: ${err}`)));
});
if (mode !== 'serve-watch') rasd('watch', feed, '--data', data, ...watchFlags);

async function sourcesNow(): Promise<Set<string>> {
  const r = await fetch(`${api}api/incidents?limit=500`);
  if (!r.ok) return new Set();
  const body = (await r.json()) as { items: { sources: { article_id: string }[] }[] };
  return new Set(body.items.flatMap((i) => i.sources.map((s) => s.article_id)));
}

const latencies: number[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
await sleep(3000); // the first poll and the pool up
for (let k = 0; k < picked.length; k++) {
  const path = `/a/${k}`;
  const id = articleIdForUrl(`${base}${path}`);
  const at = Date.now();
  published.push({ path, at });
  let seen = false;
  while (!seen && Date.now() - at < 60_000) {
    await sleep(25);
    seen = (await sourcesNow()).has(id);
  }
  latencies.push(seen ? (Date.now() - at) / 1000 : Number.NaN);
  // the next one at another phase of the poll
  await sleep(700 + ((k * 373) % 900));
}
for (const c of children) c.kill('SIGTERM');
await sleep(1500);
server.close();
rmSync(dir, { recursive: true, force: true });

const ok = latencies.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
const result = {
  mode,
  interval_s: Number(interval),
  articles: picked.length,
  seen: ok.length,
  median_s: ok.length ? Number(ok[Math.floor(ok.length / 2)].toFixed(2)) : null,
  min_s: ok.length ? Number(ok[0].toFixed(2)) : null,
  max_s: ok.length ? Number(ok[ok.length - 1].toFixed(2)) : null,
};
const detail = {
  ...result,
  latencies_s: latencies.map((x) => Number(x.toFixed(2))),
  workers: Number(workers),
  cores: availableParallelism(),
  node: process.version,
  when: new Date().toISOString(),
};
if (!process.env.RASD_BENCH_NO_WRITE)
  writeFileSync('bench/watch.json', `${JSON.stringify(detail, null, 2)}\n`);
console.error(JSON.stringify(detail));
console.log(JSON.stringify(result));
process.exit(0);
