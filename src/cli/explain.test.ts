import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const rasd = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8', timeout: 120_000 });

describe('rasd explain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasd-explain-'));
  const input = join(dir, 'in.jsonl');
  writeFileSync(
    input,
    [
      JSON.stringify({
        id: 'a',
        published: '2024-01-10',
        text: 'استهدف هجوم بثلاثة صواريخ قاعدة عين الأسد الجوية مساء أمس الثلاثاء.\nوأسفر الهجوم عن إصابة جنديين.\nهل تستطيع واشنطن وقف الهجمات؟',
      }),
      JSON.stringify({ id: 'b', published: '2024-01-10', text: 'سقط صاروخ على قاعدة حرير فجر اليوم.' }),
      JSON.stringify({
        id: 'c',
        published: '2024-01-10',
        text: 'استهدفت عبوة ناسفة فجر اليوم رتلا لنقل الإمدادات للتحالف في قاعدة حرير.',
      }),
    ].join('\n'),
  );

  it('prints the mentions, the links with their rules, the dropped candidates with their reasons and the records', () => {
    const r = rasd('explain', input, '--id', 'a');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^article a {2}published 2024-01-10/);
    assert.match(
      r.stdout,
      /m0 .* @ Ain al-Asad Air Base date:clause date=2024-01-09 weapon=rocket munitions=3/,
    );
    assert.match(r.stdout, /m1 .* @ \(no place\) date:none injured=2/);
    assert.match(r.stdout, /m0 → m1 {2}fold {2}outcome-donor/);
    assert.match(r.stdout, /dropped هجمات: question: a question reports nothing/);
    assert.match(r.stdout, /2024-01-09 {2}Shelling\/artillery\/missile attack {2}Ain al-Asad Air Base \(1\)/);
    // the site implies the target: the event line shows the fill, the record line its reason
    assert.match(
      r.stdout,
      /event of m0\+m1: Ain al-Asad Air Base .* \(filled: .*target←site-hosts: base:ain-al-asad/,
    );
    assert.match(
      r.stdout,
      /Ain al-Asad Air Base \(1\) {2}actor=- target=coalition \(implied: site-hosts base:ain-al-asad\) /,
    );
    assert.doesNotMatch(r.stdout, /article b/);
  });

  it('gives the whole explanation as JSON', () => {
    const r = rasd('explain', input, '--id', 'b', '--json');
    assert.equal(r.status, 0, r.stderr);
    const x = JSON.parse(r.stdout);
    assert.equal(x.id, 'b');
    assert.deepEqual(
      x.records.map((e: { place: string; date: string }) => [e.place, e.date]),
      [['Harir Air Base', '2024-01-10']],
    );
  });

  it('a target the text states is no fill', () => {
    const r = rasd('explain', input, '--id', 'c');
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /site-hosts/);
    assert.match(r.stdout, /Harir Air Base \(1\) {2}actor=- target=logistics weapon=/);
  });

  it('says so when no article has the id', () => {
    const r = rasd('explain', input, '--id', 'nope');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no article with id "nope"/);
  });
});
