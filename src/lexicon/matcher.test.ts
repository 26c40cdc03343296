import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalize } from '../normalize/normalize.js';
import { tokenize } from '../segment/segment.js';
import { cliticVariants, PhraseMatcher } from './matcher.js';

describe('cliticVariants', () => {
  const cases: [string, string[]][] = [
    ['والانبار', ['والانبار', 'الانبار', 'انبار']],
    ['بالصواريخ', ['بالصواريخ', 'الصواريخ', 'صواريخ']],
    ['للتحالف', ['للتحالف', 'التحالف', 'تحالف']],
    ['وبصاروخين', ['وبصاروخين', 'بصاروخين', 'صاروخين']],
    ['بلد', ['بلد']],
  ];
  for (const [word, expected] of cases) {
    it(word, () => {
      const stems = cliticVariants(word).map((v) => v.stem);
      for (const e of expected) assert.ok(stems.includes(e), `${e} in ${stems.join(',')}`);
    });
  }
  it('does not strip a clitic that would leave one letter', () => {
    assert.deepEqual(
      cliticVariants('بل').map((v) => v.stem),
      ['بل'],
    );
  });
});

describe('PhraseMatcher', () => {
  const m = new PhraseMatcher<string>();
  m.add('عين الأسد', 'ain');
  m.add('قاعدة عين الأسد الجوية', 'ain-full');
  m.add('صاروخ', 'rocket-sg');
  m.add('استهدف*', 'target-verb');
  m.add('أرض-أرض', 'ssm');
  const find = (text: string) => {
    const nt = normalize(text);
    return m.findLongest(tokenize(nt.norm)).map((x) => [x.value, nt.norm.slice(x.start, x.end)]);
  };
  const cases: [string, string[][]][] = [
    [
      'سقط صاروخ على عين الأسد',
      [
        ['rocket-sg', 'صاروخ'],
        ['ain', 'عين الاسد'],
      ],
    ],
    ['بقاعدة "عين الأسد" الجوية', [['ain-full', 'قاعده "عين الاسد" الجويه']]],
    ['في قاعدة عين الأسد الجوية', [['ain-full', 'قاعده عين الاسد الجويه']]],
    ['وبصاروخ واحد', [['rocket-sg', 'صاروخ']]],
    ['واستهدفت القاعدة', [['target-verb', 'استهدفت']]],
    [
      'صاروخ أرض - أرض',
      [
        ['rocket-sg', 'صاروخ'],
        ['ssm', 'ارض - ارض'],
      ],
    ],
    ['عين الماء', []],
    ['الاستهداف', []],
  ];
  for (const [text, expected] of cases) it(text, () => assert.deepEqual(find(text), expected));

  it('findAll keeps overlapping matches', () => {
    const nt = normalize('قاعدة عين الأسد الجوية');
    const all = m.findAll(tokenize(nt.norm)).map((x) => x.value);
    assert.deepEqual(all.sort(), ['ain', 'ain-full']);
  });
});

describe('PhraseMatcher.findLongestIn', () => {
  const m = new PhraseMatcher<string>();
  m.add('هجوم*', 'attack');
  m.add('غارة جوية', 'air');
  m.add('استهدف*', 'target');
  const cases = [
    'وبالهجوم على القاعدة استهدفت غارة جوية الموقع',
    'لا شيء هنا',
    'الهجومين، والغارة الجوية؛ واستهدافها',
    '',
  ];
  for (const text of cases) {
    it(`agrees with findLongest: ${text || '(empty)'}`, () => {
      const nt = normalize(text);
      const toks = tokenize(nt.norm);
      const slow = m.findLongest(toks).map((x) => [x.first, x.last, x.value]);
      const fast = m.findLongestIn(nt.norm, toks).map((x) => [x.first, x.last, x.value]);
      assert.deepEqual(fast, slow);
    });
  }
});

describe('PhraseMatcher: readings shared by every matcher', () => {
  const read = (text: string) => tokenize(normalize(text).norm);
  const values = (m: PhraseMatcher<string>, toks: ReturnType<typeof read>) =>
    m.findAll(toks).map((x) => x.value);

  it('finds a phrase added after the tokens were read', () => {
    const m = new PhraseMatcher<string>();
    m.add('صاروخ', 'rocket');
    const toks = read('أطلقوا صاروخ كاتيوشا وبالكاتيوشا');
    assert.deepEqual(values(m, toks), ['rocket']);
    m.add('كاتيوشا', 'katyusha');
    assert.deepEqual(values(m, toks), ['rocket', 'katyusha', 'katyusha']);
  });

  it("does not find one matcher's phrases with another", () => {
    const a = new PhraseMatcher<string>();
    const b = new PhraseMatcher<string>();
    a.add('قاعدة', 'base');
    b.add('أطلق*', 'fire');
    const toks = read('أطلقوا صاروخا على القاعدة');
    assert.deepEqual(values(a, toks), ['base']);
    assert.deepEqual(values(b, toks), ['fire']);
    assert.deepEqual(
      a.findAll(toks).map((x) => x.clitic),
      ['ال'],
    );
  });

  it('reads a number only as itself', () => {
    const m = new PhraseMatcher<string>();
    m.add('11', 'eleven');
    assert.deepEqual(values(m, read('11 و110 و 11')), ['eleven', 'eleven']);
  });
});

describe('PhraseMatcher.findLongestAmong', () => {
  const m = new PhraseMatcher<string>();
  m.add('التحالف الدولي', 'coalition');
  m.add('الحشد', 'pmf');
  m.add('حزب الله', 'hezbollah');
  m.add('كتائب*', 'brigades');
  const cases = [
    'قصف للتحالف الدولي، ومقاتلو الحشد وحزب الله',
    'وللحشد بيان؛ وكتائبه في الميدان. والتحالف',
    'لا شيء هنا',
    '',
  ];
  for (const text of cases) {
    it(`agrees with findLongest: ${text || '(empty)'}`, () => {
      const nt = normalize(text);
      const toks = tokenize(nt.norm);
      const starts = m.startCandidates(nt.norm, toks);
      for (const [from, to] of [
        [0, toks.length],
        [1, Math.max(1, toks.length - 1)],
      ]) {
        const slow = m.findLongest(toks, from, to).map((x) => [x.first, x.last, x.value]);
        const fast = m.findLongestAmong(starts, toks, from, to).map((x) => [x.first, x.last, x.value]);
        assert.deepEqual(fast, slow);
      }
    });
  }
  it('reads "للتحالف" as "التحالف"', () => {
    const nt = normalize('قصف للتحالف الدولي');
    const toks = tokenize(nt.norm);
    assert.deepEqual(
      m.findLongestAmong(m.startCandidates(nt.norm, toks), toks, 0, toks.length).map((x) => x.value),
      ['coalition'],
    );
  });
});

describe('PhraseMatcher: a first word of many phrases (indexed by the second word)', () => {
  // more phrases on "تل" than INDEX_AT, in an order the matches must keep
  const m = new PhraseMatcher<string>();
  m.add('تل أبيض', 'abyad-1');
  for (let k = 0; k < 20; k++) m.add(`تل قرية${k}`, `q${k}`);
  m.add('تل', 'tal');
  m.add('تل أبيض الشرقي', 'abyad-east');
  m.add('تل اب*', 'ab-prefix');
  m.add('تل أبيض', 'abyad-2');
  m.add('تل "قرية3"', 'q3-again');
  const all = (text: string) =>
    m.findAll(tokenize(normalize(text).norm)).map((x) => [x.value, x.first, x.last]);
  const cases: [string, (string | number)[][]][] = [
    [
      'في تل أبيض الشرقي',
      [
        ['abyad-1', 1, 2],
        ['tal', 1, 1],
        ['abyad-east', 1, 3],
        ['ab-prefix', 1, 2],
        ['abyad-2', 1, 2],
      ],
    ],
    [
      'وتل "قرية3" شمالا',
      [
        ['q3', 0, 3],
        ['tal', 0, 0],
        ['q3-again', 0, 3],
      ],
    ],
    // the last token: only the one-word phrase
    ['بلدة تل', [['tal', 1, 1]]],
    [
      'تل ابراهيم',
      [
        ['tal', 0, 0],
        ['ab-prefix', 0, 1],
      ],
    ],
  ];
  for (const [text, expected] of cases) it(text, () => assert.deepEqual(all(text), expected));
});
