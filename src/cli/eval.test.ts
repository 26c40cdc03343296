import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const rasd = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8', timeout: 120_000 });

describe('rasd eval', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasd-eval-'));
  const file = (name: string, lines: unknown[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
    return path;
  };
  const record = (o: object) => ({
    type: 'Shelling/artillery/missile attack',
    date: '2024-03-12',
    place: 'Ain al-Asad Air Base',
    lat: 33.786,
    lon: 42.441,
    geo_precision: 1,
    actor: null,
    weapon: 'rocket',
    munitions: 3,
    killed: 0,
    injured: 0,
    intercepted: null,
    evidence: 'استهدفت ثلاثة صواريخ قاعدة عين الأسد الجوية',
    ...o,
  });
  const input = file('articles.jsonl', [
    {
      id: 'a1',
      published: '2024-03-12',
      text: 'استهدفت ثلاثة صواريخ قاعدة عين الأسد الجوية في محافظة الأنبار فجر اليوم، دون وقوع إصابات.',
    },
  ]);
  const gold = file('mine.gold.jsonl', [
    { id: 'a1', events: [record({})] },
    { id: 'gone', events: [record({ date: '2024-03-01' })] },
  ]);

  it('extracts the input, scores it and prints the total and a line per gold file', () => {
    const out = join(dir, 'pred.jsonl');
    const r = rasd('eval', gold, '--input', input, '--out', out);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^articles 2 {2}gold events 2 {2}predicted \d+ {2}matched 1$/m);
    assert.match(r.stdout, /^events {4}P .* F1 .*$/m);
    assert.match(r.stdout, /^strict F1 .*$/m);
    assert.match(r.stdout, /^ {2}mine {3}event F1 \d+\.\d {2}strict F1 \d+\.\d {2}\(2 articles\)$/m);
    assert.match(r.stderr, /warning: gold article "gone" \(.*mine\.gold\.jsonl:2\) is not in the input/);
    assert.ok(existsSync(out));
  });

  it('scores a predictions file: exact numbers, --verbose and --json', () => {
    const other = file('other.gold.jsonl', [{ id: 'b1', events: [record({ date: '2024-03-20' })] }]);
    const pred = file('given.pred.jsonl', [
      { id: 'a1', events: [record({ weapon: 'missile' }), record({ lat: 36.19, lon: 44.01 })] },
      { id: 'gone', events: [] },
      { id: 'b1', events: [record({ date: '2024-03' })] },
    ]);
    const r = rasd('eval', gold, other, '--pred', pred, '--verbose');
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.slice(-8), [
      'articles 3  gold events 3  predicted 3  matched 2',
      'events    P  66.7  R  66.7  F1  66.7',
      'strict    P   0.0  R   0.0  F1   0.0',
      'fields   type 100.0  date  50.0  place 100.0  weapon  50.0  actor 100.0  munitions 100.0  killed 100.0  injured 100.0  intercepted 100.0',
      'incidents n/a (no incident reported by two articles)',
      'strict F1   0.0',
      '  mine    event F1 50.0  strict F1 0.0  (2 articles)',
      '  other   event F1 100.0  strict F1 0.0  (1 articles)',
    ]);
    assert.ok(
      lines.includes(
        'gone MISSED  2024-03-01 Ain al-Asad Air Base Shelling/artillery/missile attack :: استهدفت ثلاثة صواريخ قاعدة عين الأسد الجوية',
      ),
    );
    assert.ok(lines.some((l) => l.startsWith('a1 SPURIOUS 2024-03-12 Ain al-Asad Air Base')));
    assert.ok(lines.includes('a1 WRONG weapon gold={"weapon":"rocket"} pred={"weapon":"missile"}'));
    assert.ok(lines.includes('b1 WRONG date gold={"date":"2024-03-20"} pred={"date":"2024-03"}'));

    const j = rasd('eval', gold, other, '--pred', pred, '--json');
    assert.equal(j.status, 0, j.stderr);
    const report = JSON.parse(j.stdout);
    assert.equal(report.matched, 2);
    assert.equal(report.fields.date, 0.5);
    assert.deepEqual(
      report.sets.map((s: { name: string; events: { f1: number } }) => [s.name, s.events.f1]),
      [
        ['mine', 0.5],
        ['other', 1],
      ],
    );
  });

  it('exits 2 on a malformed gold file, naming file, line and value', () => {
    const bad = file('bad.gold.jsonl', [
      { id: 'x', events: [] },
      { id: 'y', events: [record({ weapon: 'katyusha' })] },
      '{"id": "z", "events": [',
    ]);
    const r = rasd('eval', bad, '--input', input);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /bad\.gold\.jsonl:2: error: article "y", event 1: unknown weapon "katyusha"/);
    assert.match(r.stderr, /bad\.gold\.jsonl:3: error: not JSON/);
    assert.equal(r.stdout, '');
  });

  it('exits 2 on bad usage: no input, a missing gold file', () => {
    const none = rasd('eval', gold);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /give the articles to extract with --input/);
    const missing = rasd('eval', join(dir, 'nope.gold.jsonl'), '--input', input);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope\.gold\.jsonl: error: cannot read gold file/);
  });
});
