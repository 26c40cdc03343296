import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

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
