import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer, type TestServer } from '../sources/testserver.js';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const articles = fileURLToPath(new URL('../ingest/testdata/articles.jsonl', import.meta.url));
const rasd = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8', timeout: 120_000 });

describe('rasd ingest / export (PGlite data folder)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasd-store-cli-'));
  const data = join(dir, 'data');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('ingests, and a second run adds nothing', () => {
    const first = rasd('ingest', articles, '--data', data, '--workers', '0');
    assert.equal(first.status, 0, first.stderr);
    assert.match(
      first.stderr,
      /14 articles added, 0 duplicates skipped, 1 near-duplicates, 14 mentions, 9 new incidents/,
    );
    const second = rasd('ingest', articles, '--data', data, '--workers', '1');
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stderr, /0 articles added, 14 duplicates skipped/);
  });

  it('accepts a country as alpha-3, numeric or English name, and refuses an unknown one with exit code 2', () => {
    const asCode = rasd('export', '--format', 'jsonl', '--data', data, '--country', 'IQ', '-q');
    assert.equal(asCode.status, 0, asCode.stderr);
    assert.ok(asCode.stdout.length > 0);
    for (const spelling of ['irq', '368', 'Iraq']) {
      const r = rasd('export', '--format', 'jsonl', '--data', data, '--country', spelling, '-q');
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, asCode.stdout, spelling);
    }
    const bad = rasd('export', '--format', 'jsonl', '--data', data, '--country', 'Narnia');
    assert.equal(bad.status, 2);
    assert.equal(bad.stdout, '');
    assert.equal(
      bad.stderr,
      'rasd: --country: unknown country "Narnia": an ISO 3166-1 alpha-2, alpha-3 or numeric code or English name (IQ, IRQ, 368, Iraq)\n',
    );
    const badType = rasd('export', '--format', 'acled-csv', '--data', data, '--type', 'Explosions');
    assert.equal(badType.status, 2);
    assert.match(
      badType.stderr,
      /^rasd: --type: unknown type "Explosions": one of Shelling\/artillery\/missile attack, .*Strategic developments\n$/,
    );
    const byEventType = rasd(
      'export',
      '--format',
      'acled-csv',
      '--data',
      data,
      '--type',
      'explosions/remote violence',
      '-q',
    );
    assert.equal(byEventType.status, 0, byEventType.stderr);
    const rows = byEventType.stdout.trim().split('\n').slice(1);
    assert.ok(rows.length > 0);
    for (const r of rows) assert.match(r, /,Explosions\/Remote violence,/);
  });

  it('writes Parquet, and refuses an unknown --columns or --inter', () => {
    const out = join(dir, 'out.parquet');
    const r = rasd('export', '--format', 'parquet', '--data', data, '--out', out, '-q');
    assert.equal(r.status, 0, r.stderr);
    const bytes = readFileSync(out);
    assert.equal(bytes.subarray(0, 4).toString(), 'PAR1');
    assert.equal(bytes.subarray(-4).toString(), 'PAR1');
    const badColumns = rasd('export', '--format', 'geojson', '--data', data, '--columns', 'qgis');
    assert.equal(badColumns.status, 2);
    assert.equal(badColumns.stderr, 'rasd: --columns: one of rasd, acled, not "qgis"\n');
    const badInter = rasd('export', '--format', 'acled-csv', '--data', data, '--inter', 'words');
    assert.equal(badInter.status, 2);
    assert.equal(badInter.stderr, 'rasd: --inter: one of text, numeric, not "words"\n');
  });

  it('exports the filtered incidents', () => {
    const out = join(dir, 'out.jsonl');
    const r = rasd(
      'export',
      '--format',
      'jsonl',
      '--data',
      data,
      '--out',
      out,
      '--country',
      'IQ',
      '--min-sources',
      '2',
    );
    assert.equal(r.status, 0, r.stderr);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    assert.equal(lines.length, 3);
    for (const l of lines) {
      const i = JSON.parse(l);
      assert.equal(i.country, 'IQ');
      assert.ok(i.source_count >= 2);
    }
    const bad = rasd('export', '--format', 'xlsx', '--data', data);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /--format/);
  });
});

describe('commands that read refuse a folder that holds no store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasd-nostore-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const commands: [string, string[]][] = [
    ['export', ['--format', 'jsonl']],
    ['reprocess', ['--workers', '0']],
    ['serve', ['--port', '0']],
  ];
  for (const [cmd, extra] of commands) {
    it(`${cmd} --data <misspelt>: an error, and no folder made`, () => {
      const missing = join(dir, `rasd-dtaa-${cmd}`);
      const r = rasd(cmd, '--data', missing, ...extra);
      assert.equal(r.status, 2, r.stderr);
      assert.ok(r.stderr.includes(`rasd: --data ${missing}: no such folder; check the path`), r.stderr);
      assert.equal(existsSync(missing), false);
      const empty = join(dir, `empty-${cmd}`);
      mkdirSync(empty);
      const e = rasd(cmd, '--data', empty, ...extra);
      assert.equal(e.status, 2, e.stderr);
      assert.ok(e.stderr.includes(`rasd: --data ${empty}: the folder holds no store`), e.stderr);
      assert.deepEqual(readdirSync(empty), []);
    });
  }
});

/** Runs rasd without blocking this process (a test server here must keep answering). */
function rasdAsync(...args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('exit', (status) => resolve({ status, stderr }));
  });
}

describe('rasd watch refuses private addresses unless --allow-private', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasd-watch-cli-'));
  let srv: TestServer;
  before(async () => {
    srv = await startServer({
      '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nAllow: /\n' },
      '/a': {
        body: '<html lang="ar"><head><meta charset="utf-8"><meta name="date" content="2024-01-28"></head><body><article><p>سقطت ثلاثة صواريخ على قاعدة عين الأسد الجوية في محافظة الأنبار غربي العراق فجر اليوم الأحد دون أن تسفر عن إصابات بحسب مصدر أمني.</p></article></body></html>',
      },
    });
    writeFileSync(
      join(dir, 'feed.xml'),
      `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title><link>${srv.base}/a</link></item></channel></rss>`,
    );
  });
  after(async () => {
    await srv.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('without the flag: the item is refused and the server never contacted; with it: ingested', async () => {
    const data = join(dir, 'data');
    const feed = join(dir, 'feed.xml');
    const refused = await rasdAsync('watch', feed, '--once', '--data', data, '--workers', '0');
    assert.match(
      refused.stderr,
      /refused to connect to 127\.0\.0\.1: not a public address .*--allow-private/,
    );
    assert.match(refused.stderr, /1 failed/);
    assert.equal(srv.hits.get('/a'), undefined);
    const allowed = await rasdAsync(
      'watch',
      feed,
      '--once',
      '--data',
      data,
      '--workers',
      '0',
      '--allow-private',
    );
    assert.equal(allowed.status, 0, allowed.stderr);
    assert.match(allowed.stderr, /1 pages fetched.* 1 articles added/);
    assert.equal(srv.hits.get('/a'), 1);
  });
});
