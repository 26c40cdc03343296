import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const rasd = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8', timeout: 120_000 });

describe('rasd extract', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasd-cli-'));
  const line = (o: object) => JSON.stringify(o);
  const input = join(dir, 'in.jsonl');
  writeFileSync(
    input,
    [
      line({ id: 'ok', published: '2024-01-10', text: 'سقطت ثلاثة صواريخ على قاعدة عين الأسد فجر اليوم.' }),
      '{"id": "broken", "text": "سقط',
      line({ id: 'empty', published: '2024-01-10', text: '' }),
      line({ id: 'english', published: '2024-01-10', text: 'Rockets hit a base on Monday.' }),
      line({
        id: 'badpub',
        published: 'yesterday',
        text: 'سقطت صواريخ على قاعدة حرير في 5 كانون الثاني 2022.',
      }),
      line({
        id: 'big',
        published: '2024-01-10',
        text: `${'نص عادي بلا أحداث. '.repeat(60000)}سقطت صواريخ على قاعدة حرير أمس.`,
      }),
    ].join('\n'),
  );

  it('processes the good lines and names the bad ones', () => {
    const out = join(dir, 'out.jsonl');
    const r = rasd('extract', input, '--out', out);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /in\.jsonl:2: error: invalid JSON/);
    assert.match(r.stderr, /in\.jsonl:3: .*empty text/);
    assert.match(r.stderr, /no Arabic text/);
    assert.match(r.stderr, /invalid published date "yesterday"/);
    const results = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const byId = new Map(results.map((x) => [x.id, x]));
    assert.equal(byId.get('ok').events.length, 1);
    assert.equal(byId.get('ok').events[0].date, '2024-01-10');
    assert.deepEqual(byId.get('english').events, []);
    // an absolute date still resolves when the publication date is invalid
    assert.equal(byId.get('badpub').events[0]?.date, '2022-01-05');
    assert.equal(byId.get('big').events[0]?.date, '2024-01-09');
  });

  it('exits non-zero only when nothing could be processed', () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, 'not json\n{"x": 1}\n');
    const r = rasd('extract', bad);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /bad\.jsonl:1: error: invalid JSON/);
  });

  it('runs the demo', () => {
    const r = rasd('demo');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Tower 22/);
    assert.match(r.stderr, /10 articles/);
  });
});
