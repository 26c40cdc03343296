import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalize } from '../normalize/normalize.js';
import { segment, tokenize } from './segment.js';

describe('tokenize', () => {
  const cases: [string, string[]][] = [
    ['سقطت 4 صواريخ.', ['سقطت', '4', 'صواريخ', '.']],
    ['بـ5 صواريخ', ['ب', '5', 'صواريخ']],
    ['عيار 240 ملم', ['عيار', '240', 'ملم']],
    ['3-4-2021', ['3', '-', '4', '-', '2021']],
    ['2021/4/3', ['2021/4/3']],
    ['الساعة 2:00', ['الساعه', '2:00']],
    ['"عين الأسد"', ['"', 'عين', 'الاسد', '"']],
  ];
  for (const [input, expected] of cases) {
    it(input, () =>
      assert.deepEqual(
        tokenize(normalize(input).norm).map((t) => t.text),
        expected,
      ),
    );
  }
});

describe('segment', () => {
  it('splits at stops and line breaks, not inside numbers', () => {
    const { sentences, tokens } = segment(
      normalize('سقط 2.5 صاروخ. ثم دوى انفجار؟ نعم\nفقرة جديدة; أخرى').norm,
    );
    assert.equal(sentences.length, 5);
    assert.deepEqual(
      sentences.map((s) => s.paragraph),
      [0, 0, 0, 1, 1],
    );
    assert.ok(tokens.every((t) => t.sentence >= 0));
  });
  it('keeps a closing quote with its sentence', () => {
    const { sentences, tokens } = segment(normalize('قال: "انتهى." ثم بدأ').norm);
    assert.equal(sentences.length, 2);
    assert.equal(tokens[sentences[0].tokenEnd - 1].text, '"');
  });
  it('handles empty text', () => {
    assert.deepEqual(segment('').sentences, []);
  });
});
