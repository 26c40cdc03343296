/**
 * `rasd serve` on a PGlite folder under load: the database works in the host's worker
 * thread, so a long query does not hold up static files, and API requests beyond the bound of
 * waiting queries get 503 with Retry-After instead of waiting without end.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { readHost } from '../db/folder-lock.js';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const articles = fileURLToPath(new URL('../ingest/testdata/articles.jsonl', import.meta.url));

function startServe(
  data: string,
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', main, 'serve', '--data', data, '--port', '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /dashboard on (http:\/\/\S+\/) /.exec(err);
      if (m) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${err}`)));
  });
}

async function rawClient(dir: string): Promise<pg.Client> {
  const host = readHost(dir)?.socket;
  assert.ok(host);
  const c = new pg.Client({ host, user: 'postgres', database: 'postgres' });
  c.on('error', () => {});
  await c.connect();
  return c;
}

describe('rasd serve on a PGlite folder, under load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasd-serve-load-'));
  const data = join(dir, 'data');
  let url: string;
  let serve: ChildProcess;
  before(async () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', main, 'ingest', articles, '--data', data, '-q'],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    assert.equal(r.status, 0, r.stderr);
    ({ url, child: serve } = await startServe(data, { RASD_MAX_WAITING: '1' }));
    const first = await fetch(`${url}api/incidents`);
    assert.equal(first.status, 200);
    // serve opened the folder first: it hosts it
    assert.equal(readHost(data)?.pid, serve.pid);
  });
  after(async () => {
    if (serve.exitCode === null) {
      const exited = new Promise((r) => serve.once('exit', r));
      serve.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a static file while the database runs a long query', async () => {
    const c = await rawClient(data);
    try {
      let queryDone = false;
      const long = c.query('SELECT count(*)::int AS n FROM generate_series(1, 10000000)').then((r) => {
        queryDone = true;
        return r.rows[0].n;
      });
      const page = await fetch(url);
      assert.equal(page.status, 200);
      await page.text();
      assert.equal(queryDone, false, 'the page came while the query was still running');
      assert.equal(await long, 10_000_000);
    } finally {
      await c.end();
    }
  });

  it('answers 503 with Retry-After beyond the bound of waiting queries, and the rest once the database is free', async () => {
    // another client holds the database's session (a transaction left open)
    const c = await rawClient(data);
    await c.query('BEGIN');
    const answers: Promise<Response>[] = [];
    let busy: Response | undefined;
    try {
      for (let i = 0; i < 40 && !busy; i++) {
        const r = fetch(`${url}api/incidents?limit=5`);
        answers.push(r);
        const first = await Promise.race([r, new Promise<null>((ok) => setTimeout(() => ok(null), 100))]);
        if (first?.status === 503) busy = first;
      }
      assert.ok(busy, 'a request beyond the bound was refused');
      assert.equal(busy.headers.get('retry-after'), '1');
      const body = (await busy.json()) as { error: { status: number; code: string; message: string } };
      assert.equal(body.error.status, 503);
      assert.equal(body.error.code, 'busy');
      assert.match(body.error.message, /the database is busy: 1 queries are waiting/);
      // a static file meanwhile
      const page = await fetch(url);
      assert.equal(page.status, 200);
    } finally {
      await c.query('COMMIT');
      await c.end();
    }
    const statuses = await Promise.all(answers.map(async (r) => (await r).status));
    // the first in line waited and got its answer; only those beyond the bound were refused
    assert.deepEqual(statuses.slice(0, 2), [200, 200]);
    assert.equal(statuses.at(-1), 503);
    assert.ok(statuses.every((s) => s === 200 || s === 503));
    assert.equal((await fetch(`${url}api/incidents?limit=5`)).status, 200);
  });
});
