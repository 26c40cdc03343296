import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from './extract.js';

// published 2024-01-10 is a Wednesday
const read = (text: string) =>
  extractArticle({ id: 't', published: '2024-01-10', text }).events.map((e) => [
    e.date,
    e.weapon,
    e.munitions,
    e.killed,
    e.intercepted,
  ]);

type Row = [string | null, string | null, number | null, number | null, boolean | null];

function check(cases: [string, string, Row[]][]) {
  for (const [name, text, want] of cases) it(name, () => assert.deepEqual(read(text), want));
}

describe('outcome-of-its-weapon: a sentence about another weapon gives no count, toll or interception', () => {
  check([
    [
      'a drone that fell and killed, told beside an attack of rockets, is another attack',
      'أفاد مصدر أمني بأن قصفا صاروخيا استهدف معسكر زليكان في محافظة نينوى. وكان المعسكر قد تعرض في تشرين الثاني الماضي لقصف بطائرة مسيرة. وقال مدير الناحية إن طائرة مسيرة سقطت الليلة في معسكر تابع للجيش ما أودى بحياة شخص.',
      [
        ['2024-01-10', 'rocket', null, null, null],
        ['2023-11', 'drone', 1, null, null],
      ],
    ],
    [
      // negative: the same sentence about rockets is the outcome of the rocket attack
      'rockets that fell and killed are the outcome of the attack of rockets',
      'أفاد مصدر أمني بأن قصفا صاروخيا استهدف معسكر زليكان في محافظة نينوى. وكان المعسكر قد تعرض في تشرين الثاني الماضي لقصف بطائرة مسيرة. وقال مدير الناحية إن صاروخين سقطا الليلة في معسكر تابع للجيش ما أودى بحياة شخص.',
      [
        ['2024-01-10', 'rocket', 2, 1, false],
        ['2023-11', 'drone', 1, null, null],
      ],
    ],
    [
      // negative: the munitions a drone fires are the drone strike's count
      'the missiles a drone fired count for the drone strike',
      'استهدف قصف بطائرات مسيرة سيارة في منطقة المشتل ببغداد مساء اليوم. وقال مصدر إن القصف تم بثلاثة صواريخ أصابت السيارة وقتل شخصان.',
      [['2024-01-10', 'drone', 3, 2, false]],
    ],
  ]);
});

describe('counted-after-plural: a count after the weapon named in general is the count of the attack', () => {
  check([
    [
      'a definite plural names the weapon in general, the count after it is the attack’s',
      'استهدفت الفصائل قاعدة حرير بالصواريخ فجر اليوم، موضحة أن 4 صواريخ سقطت داخلها.',
      [['2024-01-10', 'rocket', 4, null, false]],
    ],
    [
      // negative: after an uncounted indefinite plural a count may be a part of it
      'a count after an uncounted indefinite plural is no total',
      'سقطت صواريخ على قاعدة حرير فجر اليوم وسقط صاروخان منها داخل القاعدة.',
      [['2024-01-10', 'rocket', null, null, false]],
    ],
  ]);
});
