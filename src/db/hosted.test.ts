/**
 * One PGlite data folder, several clients and processes (src/db/folder-host.ts): the
 * sessions of different clients never mix, a client that dies mid-transaction leaves nothing,
 * a second process goes through the host, the folder is handed over when the host closes, and
 * waiting beyond the bound is refused.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { type Db, openDb } from './db.js';
import { StoreBusyError } from './errors.js';
import { readHost } from './folder-lock.js';

const root = mkdtempSync(join(tmpdir(), 'rasd-hosted-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const folder = () => join(root, `f${n++}`);

/** A plain pg client of the folder's host (as psql would be). */
async function rawClient(dir: string): Promise<pg.Client> {
  const host = readHost(dir)?.socket;
  assert.ok(host, 'the folder is hosted');
  const c = new pg.Client({ host, user: 'postgres', database: 'postgres' });
  c.on('error', () => {});
  await c.connect();
  return c;
}

/** Runs `code` in a child process with `db` open on `dir`; resolves with its stdout. */
function child(dir: string, code: string): Promise<{ status: number | null; out: string; err: string }> {
  const script = `
    const { openDb } = await import(${JSON.stringify(new URL('./db.ts', import.meta.url).href)});
    const db = await openDb({ dataDir: ${JSON.stringify(dir)} });
    try { ${code} } finally { await db.close(); }`;
  const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  p.stdout.on('data', (d) => {
    out += d;
  });
  p.stderr.on('data', (d) => {
    err += d;
  });
  return new Promise((resolve) => p.once('exit', (status) => resolve({ status, out, err })));
}

const count = async (db: Db) =>
  (await db.query<{ n: number }>({ text: 'SELECT count(*)::int AS n FROM t' }))[0].n;

describe('a hosted PGlite folder', () => {
  it('keeps the sessions of concurrent clients apart; a client dying mid-transaction leaves nothing', async () => {
    const dir = folder();
    const a = await openDb({ dataDir: dir });
    const b = await openDb({ dataDir: dir });
    try {
      assert.equal(a.engine, 'pglite');
      await a.query({ text: 'CREATE TABLE t (k int, i int)' });
      const seen = { wrong: 0, torn: 0 };
      const reader = async (db: Db, k: number) => {
        for (let i = 0; i < 40; i++) {
          const [r] = await db.query<{ v: number; s: string; a: number[] }>({
            text: 'SELECT $1::int AS v, $2::text AS s, $3::int[] AS a',
            values: [k * 1000 + i, `c${k}`, [i]],
          });
          if (r.v !== k * 1000 + i || r.s !== `c${k}` || r.a[0] !== i) seen.wrong++;
          // writers add three rows per transaction: a reader never sees one half done
          if ((await count(db)) % 3) seen.torn++;
        }
      };
      const writer = async (db: Db) => {
        for (let i = 0; i < 15; i++) {
          await db.transaction(async (tx) => {
            await tx.query({ text: 'INSERT INTO t VALUES ($1, 1)', values: [i] });
            await new Promise((r) => setTimeout(r, 1));
            await tx.query({ text: 'INSERT INTO t VALUES ($1, 2)', values: [i] });
            await tx.query({ text: 'INSERT INTO t VALUES ($1, 3)', values: [i] });
          });
          await assert.rejects(
            db.transaction(async (tx) => {
              await tx.query({ text: 'INSERT INTO t VALUES ($1, 1)', values: [i] });
              throw new Error('abandoned');
            }),
            /abandoned/,
          );
        }
      };
      const dying = async () => {
        for (let i = 0; i < 10; i++) {
          const c = await rawClient(dir);
          await c.query('BEGIN');
          await c.query('INSERT INTO t VALUES (99, 1)');
          const stream = (c as unknown as { connection: { stream: import('node:net').Socket } }).connection
            .stream;
          // half of them die after sending a Parse with no Sync
          if (i % 2) stream.write(Buffer.from([0x50, 0, 0, 0, 13, 0, 0x73, 0x65, 0x6c, 0x65, 0x63, 0x74, 0]));
          stream.destroy();
        }
      };
      await Promise.all([reader(a, 1), reader(b, 2), reader(a, 3), writer(a), writer(b), dying()]);
      assert.deepEqual(seen, { wrong: 0, torn: 0 });
      assert.equal(await count(a), 2 * 15 * 3);
      const [none] = await b.query<{ n: number }>({ text: 'SELECT count(*)::int AS n FROM t WHERE k = 99' });
      assert.equal(none.n, 0);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('serves a second process through the host, and hands the folder over when the host closes', async () => {
    const dir = folder();
    const host = await openDb({ dataDir: dir });
    await host.query({ text: 'CREATE TABLE t (k int, i int)' });
    assert.equal(readHost(dir)?.pid, process.pid);
    // the child writes 3 rows per transaction, 60 transactions, while this process stops hosting
    const writing = child(
      dir,
      `for (let i = 0; i < 60; i++) {
         await db.transaction(async (tx) => {
           for (const j of [1, 2, 3]) await tx.query({ text: 'INSERT INTO t VALUES ($1, $2)', values: [i, j] });
         });
         if (i === 5) process.stdout.write('started ');
         await new Promise((r) => setTimeout(r, 10));
       }
       process.stdout.write('done');`,
    );
    while ((await count(host)) < 18) await new Promise((r) => setTimeout(r, 20));
    await host.close();
    const r = await writing;
    assert.equal(r.status, 0, r.err);
    assert.equal(r.out, 'started done');
    assert.equal(readHost(dir), null, 'the child released the folder on exit');
    const again = await openDb({ dataDir: dir });
    try {
      assert.equal(await count(again), 180);
    } finally {
      await again.close();
    }
  });

  it('closes a connection left idle while others wait for the session', async () => {
    const dir = folder();
    const db = await openDb({ dataDir: dir });
    try {
      await db.query({ text: 'SELECT 0' }); // the first query starts the host
      const idle = await rawClient(dir);
      let closed = false;
      idle.on('end', () => {
        closed = true;
      });
      assert.deepEqual(await db.query({ text: 'SELECT 1 AS x' }), [{ x: 1 }]);
      assert.equal(closed, true, 'the idle connection made way');
    } finally {
      await db.close();
    }
  });

  it('refuses a query beyond the bound of waiting ones (StoreBusyError), and runs the others', async () => {
    const dir = folder();
    const db = await openDb({ dataDir: dir, maxWaiting: 2 });
    try {
      let open!: () => void;
      const held = new Promise<void>((r) => {
        open = r;
      });
      // a transaction holds this process's session
      const tx = db.transaction(async (t) => {
        await t.query({ text: 'SELECT 1' });
        await held;
        return 'tx';
      });
      await new Promise((r) => setTimeout(r, 50));
      const waiting = [db.query({ text: 'SELECT 2 AS x' }), db.query({ text: 'SELECT 3 AS x' })];
      await assert.rejects(db.query({ text: 'SELECT 4 AS x' }), StoreBusyError);
      await assert.rejects(
        db.transaction(async () => 'no'),
        /the database is busy: 2 queries are waiting/,
      );
      open();
      assert.equal(await tx, 'tx');
      assert.deepEqual(await Promise.all(waiting), [[{ x: 2 }], [{ x: 3 }]]);
    } finally {
      await db.close();
    }
  });
});
