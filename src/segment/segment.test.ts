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

describe('segment: an ellipsis is a pause, not a stop', () => {
  const sentencesOf = (text: string) => {
    const n = normalize(text);
    return segment(n.norm).sentences.map((s) => n.norm.slice(s.start, s.end));
  };
  it('two or three periods inside a line keep the sentence going', () => {
    assert.deepEqual(sentencesOf('قال إن "القصف.. استهدف سيارتين". وأضاف أن الهجوم وقع... ثم توقف.'), [
      'قال ان "القصف.. استهدف سيارتين".',
      'واضاف ان الهجوم وقع... ثم توقف.',
    ]);
  });
  it('a headline separator ".." is one sentence; a line break after an ellipsis still ends it', () => {
    assert.deepEqual(
      sentencesOf('بعبوة ناسفة.. تفجير يستهدف رتلا\nوقال مصدر إن الرتل تضرر..\nوانتهى الأمر.'),
      ['بعبوه ناسفه.. تفجير يستهدف رتلا', 'وقال مصدر ان الرتل تضرر..', 'وانتهي الامر.'],
    );
  });
});
