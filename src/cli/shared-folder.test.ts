/**
 * Several `rasd` commands on one PGlite data folder at once (real processes): serve, two
 * ingests, watch and exports side by side end with exactly what one process running them in
 * turn stores; a host killed with SIGKILL mid-ingest loses nothing that a rerun does not
 * restore, doubles nothing, and the folder opens afterwards.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { readHost } from '../db/folder-lock.js';
import { startServer, type TestServer } from '../sources/testserver.js';
import { Store } from '../store/store.js';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const testArticles = fileURLToPath(new URL('../ingest/testdata/articles.jsonl', import.meta.url));
const demoArticles = fileURLToPath(new URL('../../fixtures/demo/articles.jsonl', import.meta.url));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const rasdSync = (...args: string[]): Run =>
  spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8', timeout: 300_000 });

function rasd(...args: string[]): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const done = new Promise<Run>((resolve) =>
    child.once('exit', (status) => resolve({ status, stdout, stderr })),
  );
  return { child, done };
}

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/**
 * `n` distinct articles made from the bundled ones (a different closing line and URL each);
 * many are near-duplicates of each other, which the store keeps and links.
 */
function manyArticles(n: number): string {
  const base = [...lines(testArticles), ...lines(demoArticles)];
  const words = ['نهر', 'جبل', 'سوق', 'باب', 'درب', 'حي', 'شارع', 'ساحة', 'جسر', 'تل'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const b = base[i % base.length];
    const tag = [...String(i)].map((d) => words[Number(d)]).join(' ');
    out.push(
      JSON.stringify({
        ...b,
        id: `many-${i}`,
        url: b.url ? `${b.url}?n=${i}` : undefined,
        text: `${b.text}\nملاحظة المحرر ${tag}.`,
      }),
    );
  }
  return `${out.join('\n')}\n`;
}

/** What a store holds, independent of the order things arrived in. */
interface Holdings {
  articles: number;
  mentions: number;
  incidents: string[];
}

async function holdings(data: string): Promise<Holdings> {
  const store = await Store.open({ dataDir: data });
  try {
    const [a] = await store.db.query<{ n: number }>({ text: 'SELECT count(*)::int AS n FROM articles' });
    const [m] = await store.db.query<{ n: number }>({ text: 'SELECT count(*)::int AS n FROM mentions' });
    const incidents: string[] = [];
    for await (const i of store.allIncidents({ sort: 'date' }))
      incidents.push(`${i.id} ${i.type} ${i.sources.map((s) => s.article_id).sort()}`);
    return { articles: a.n, mentions: m.n, incidents: incidents.sort() };
  } finally {
    await store.close();
  }
}

/** watch takes --allow-private where it refuses loopback addresses otherwise */
/**
 * The dashboard URL `rasd serve` prints once it listens (rejects if serve exits or prints none in
 * 60 s), and what it has written on stderr so far.
 */
function dashboardOf(serve: ReturnType<typeof rasd>): { url: Promise<string>; stderr: () => string } {
  let err = '';
  const url = new Promise<string>((resolve, reject) => {
    serve.child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /dashboard on (http:\/\/\S+\/) /.exec(err);
      if (m) resolve(m[1]);
    });
    serve.done.then((x) => reject(new Error(`serve exited: ${x.stderr}`)));
    setTimeout(() => reject(new Error(`no dashboard line in 60 s: ${err}`)), 60_000).unref();
  });
  return { url, stderr: () => err };
}

function watchFlags(): string[] {
  const help = rasdSync('watch', '--help');
  return help.stdout.includes('--allow-private') ? ['--allow-private'] : [];
}

describe('several rasd commands on one PGlite data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasd-shared-'));
  const many = join(dir, 'many.jsonl');
  let site: TestServer;
  let watchArgs: string[];
  let reference: Holdings;

  before(async () => {
    writeFileSync(many, manyArticles(240));
    const demo = lines(demoArticles).slice(0, 3);
    const page = (a: Record<string, unknown>) =>
      `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>خبر</title>
      <meta property="article:published_time" content="${a.published}"></head>
      <body><article><h1>خبر</h1>${String(a.text)
        .split('\n')
        .map((p) => `<p>${p}</p>`)
        .join('')}</article></body></html>`;
    site = await startServer({
      '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nAllow: /\n' },
      '/feed.xml': {
        headers: { 'content-type': 'application/rss+xml' },
        body: `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>f</title>${demo
          .map((_, k) => `<item><title>خبر ${k}</title><link>/a/${k}</link></item>`)
          .join('')}</channel></rss>`,
      },
      ...Object.fromEntries(demo.map((a, k) => [`/a/${k}`, { body: page(a) }])),
    });
    watchArgs = ['watch', `${site.base}/feed.xml`, '--once', '--workers', '0', ...watchFlags()];
    // the single-process run: each command in turn
    const ref = join(dir, 'reference');
    for (const args of [
      ['ingest', testArticles, '--data', ref, '--workers', '0'],
      ['ingest', many, '--data', ref, '--workers', '0'],
      [...watchArgs, '--data', ref],
    ]) {
      // not spawnSync: the feed is served by this process
      const r = await rasd(...args).done;
      assert.equal(r.status, 0, r.stderr);
    }
    reference = await holdings(ref);
    assert.equal(reference.articles, 14 + 240 + 3);
  });
  after(async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serve, two ingests, watch and exports at once store what one process does', async () => {
    const data = join(dir, 'together');
    const serve = rasd('serve', '--data', data, '--port', '0', '--create');
    const url = await dashboardOf(serve).url;
    try {
      const host = readHost(data);
      assert.equal(host?.pid, serve.child.pid, 'serve, the first opener, hosts the folder');
      const exportsDuring: Promise<Run>[] = [];
      const work = [
        rasd('ingest', many, '--data', data, '--workers', '1', '--batch-size', '20').done,
        rasd('ingest', testArticles, '--data', data, '--workers', '0').done,
        rasd(...watchArgs, '--data', data).done,
      ];
      // exports and API reads while they run
      const reads: number[] = [];
      let running = true;
      const reader = (async () => {
        while (running) {
          exportsDuring.push(rasd('export', '--format', 'jsonl', '--data', data, '-q').done);
          const r = await fetch(`${url}api/incidents?limit=5`);
          reads.push(r.status);
          await r.arrayBuffer();
          await exportsDuring.at(-1);
        }
      })();
      const results = await Promise.all(work);
      running = false;
      await reader;
      for (const r of [...results, ...(await Promise.all(exportsDuring))])
        assert.equal(r.status, 0, r.stderr);
      assert.ok(exportsDuring.length >= 1);
      assert.ok(reads.every((s) => s === 200));
      assert.match(results[0].stderr, /240 articles added/);
      assert.match(results[1].stderr, /14 articles added/);
      assert.match(results[2].stderr, /3 articles added/);
      // serve sees everything written beside it
      const items: unknown[] = [];
      for (let next: string | null = `${url}api/incidents?limit=500`; next; ) {
        const page = (await (await fetch(next)).json()) as { items: unknown[]; next: string | null };
        items.push(...page.items);
        next = page.next ? new URL(page.next, url).href : null;
      }
      assert.equal(items.length, reference.incidents.length);
      const exported = rasdSync('export', '--format', 'jsonl', '--data', data, '-q');
      assert.equal(exported.status, 0, exported.stderr);
      assert.equal(exported.stdout.trim().split('\n').length, reference.incidents.length);
    } finally {
      serve.child.kill('SIGTERM');
    }
    assert.equal((await serve.done).status, 0);
    assert.equal(readHost(data), null, 'the last one out released the folder');
    assert.deepEqual(await holdings(data), reference);
  });

  it('serve --watch: one process polls the feed and serves what it stored, as watch then serve would', async () => {
    const ref = join(dir, 'watch-reference');
    const r = await rasd(...watchArgs, '--data', ref).done;
    assert.equal(r.status, 0, r.stderr);
    const want = await holdings(ref);
    assert.equal(want.articles, 3);
    const data = join(dir, 'serve-watch');
    const feed = watchArgs[1];
    const serve = rasd(
      'serve',
      '--data',
      data,
      '--port',
      '0',
      '--create',
      '--watch',
      feed,
      '--interval',
      '1',
      '--workers',
      '0',
      ...watchFlags(),
    );
    const served = dashboardOf(serve);
    const url = await served.url;
    try {
      let items: unknown[] = [];
      for (let t = 0; t < 600 && items.length < want.incidents.length; t++) {
        await new Promise((res) => setTimeout(res, 100));
        items = ((await (await fetch(`${url}api/incidents?limit=500`)).json()) as { items: unknown[] }).items;
      }
      assert.equal(items.length, want.incidents.length, served.stderr());
      // later polls find nothing new: 0 added, the feed not refetched for its pages
      while (!/rasd watch: .*0 pages fetched/.test(served.stderr()))
        await new Promise((res) => setTimeout(res, 100));
    } finally {
      serve.child.kill('SIGTERM');
    }
    assert.equal((await serve.done).status, 0);
    assert.match(served.stderr(), /rasd watch: .*3 articles added/);
    assert.deepEqual(await holdings(data), want);
  });

  it('serve --watch -q: the poll lines are quiet, the line saying where the dashboard is is not', async () => {
    const serve = rasd(
      'serve',
      '--data',
      join(dir, 'serve-watch-quiet'),
      '--port',
      '0',
      '--create',
      '--watch',
      watchArgs[1],
      '--interval',
      '1',
      '--workers',
      '0',
      '-q',
      ...watchFlags(),
    );
    const served = dashboardOf(serve);
    const url = await served.url;
    try {
      let items: unknown[] = [];
      for (let t = 0; t < 600 && items.length === 0; t++) {
        await new Promise((res) => setTimeout(res, 100));
        items = ((await (await fetch(`${url}api/incidents?limit=500`)).json()) as { items: unknown[] }).items;
      }
      assert.ok(items.length > 0, served.stderr());
    } finally {
      serve.child.kill('SIGTERM');
    }
    assert.equal((await serve.done).status, 0);
    assert.doesNotMatch(served.stderr(), /rasd watch:/);
  });

  it('serve: watch flags without --watch are an error', () => {
    const r = rasdSync('serve', '--data', join(dir, 'nothing'), '--interval', '1');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /--interval: goes with --watch FEEDS/);
  });

  it('a host killed mid-ingest: the other command goes on or fails clearly, a rerun restores everything once', async () => {
    const data = join(dir, 'killed');
    const host = rasd('ingest', many, '--data', data, '--workers', '0', '--batch-size', '10');
    // wait until it hosts the folder and has stored a few batches
    let rec = readHost(data);
    while (!(rec?.state === 'ready' && rec.pid === host.child.pid)) {
      await new Promise((r) => setTimeout(r, 50));
      rec = readHost(data);
    }
    // a connection holds the folder's only session: one per look
    const storedNow = async () => {
      const peek = new pg.Client({ host: rec?.socket, user: 'postgres', database: 'postgres' });
      peek.on('error', () => {});
      try {
        await peek.connect();
        return (await peek.query('SELECT count(*)::int AS n FROM articles')).rows[0].n as number;
      } catch {
        return 0; // the schema is not there yet
      } finally {
        await peek.end().catch(() => {});
      }
    };
    let stored = 0;
    while (stored < 30) {
      await new Promise((r) => setTimeout(r, 50));
      stored = await storedNow();
    }
    // a second command works through the host when it dies
    const other = rasd('ingest', testArticles, '--data', data, '--workers', '0', '--batch-size', '2');
    await new Promise((r) => setTimeout(r, 300));
    host.child.kill('SIGKILL');
    await host.done;
    assert.ok(stored < 240, 'killed mid-ingest');
    const o = await other.done;
    // it took the folder over and finished, or it says what happened and fails
    if (o.status !== 0) assert.match(o.stderr, /lost the database host of .* \(process \d+\)/);
    else assert.match(o.stderr, /14 articles added/);
    // the folder opens, and the reruns complete what is missing
    const again = rasdSync('ingest', many, '--data', data, '--workers', '0');
    assert.equal(again.status, 0, again.stderr);
    const added = Number(/(\d+) articles added/.exec(again.stderr)?.[1]);
    assert.ok(added > 0 && added <= 240 - 30, again.stderr);
    const test = rasdSync('ingest', testArticles, '--data', data, '--workers', '0');
    assert.equal(test.status, 0, test.stderr);
    // against one process ingesting the same two files in turn
    const alone = join(dir, 'alone');
    for (const f of [testArticles, many]) {
      const r = rasdSync('ingest', f, '--data', alone, '--workers', '0');
      assert.equal(r.status, 0, r.stderr);
    }
    const expected = await holdings(alone);
    assert.equal(expected.articles, 14 + 240);
    assert.deepEqual(await holdings(data), expected);
  });
});
