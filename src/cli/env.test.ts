/** Environment variables that are wrong are named in the error: DATABASE_URL, RASD_SCHEMA. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkPgUrl, openDb, redactUrl } from '../db/db.js';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const rasd = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, DATABASE_URL: '', RASD_SCHEMA: '', ...env },
  });

describe('a bad DATABASE_URL or RASD_SCHEMA', () => {
  const cases: [string, RegExp][] = [
    [
      'notaurl',
      /^DATABASE_URL: not a URL \("notaurl"; expected postgres:\/\/user\[:password\]@host\[:port\]\/database\)$/,
    ],
    ['mysql://x@y/z', /^DATABASE_URL: mysql:\/\/ is not PostgreSQL/],
  ];
  for (const [url, expected] of cases)
    it(`${url}: refused before connecting, naming DATABASE_URL`, () =>
      assert.throws(
        () => checkPgUrl(url),
        (e: Error) => expected.test(e.message),
      ));

  it('a server that cannot be reached: named, with the password hidden', async () => {
    await assert.rejects(
      openDb({ url: 'postgres://root:s3cret@127.0.0.1:1/test' }),
      (e: Error) =>
        /^DATABASE_URL postgres:\/\/root:\*\*\*@127\.0\.0\.1:1\/test: cannot connect \(connect ECONNREFUSED/.test(
          e.message,
        ) && !e.message.includes('s3cret'),
    );
    assert.equal(redactUrl('postgres://u:p@h/d'), 'postgres://u:***@h/d');
  });

  it('the CLI exits 2 with the message', () => {
    const r = rasd(['export', '--format', 'jsonl'], { DATABASE_URL: 'mysql://x@y/z' });
    assert.equal(r.status, 2);
    assert.equal(
      r.stderr,
      'rasd: DATABASE_URL: mysql:// is not PostgreSQL (expected postgres://user[:password]@host[:port]/database)\n',
    );
    const s = rasd(['export', '--format', 'jsonl', '--data', 'memory://'], { RASD_SCHEMA: 'Bad-Name' });
    assert.equal(s.status, 2);
    assert.match(s.stderr, /^rasd: RASD_SCHEMA: invalid schema name "Bad-Name"/);
  });
});
