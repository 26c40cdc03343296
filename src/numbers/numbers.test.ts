import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, normalize } from '../normalize/normalize.js';
import { findNumbers, numberAt, ordinalAt } from './numbers.js';

/** [surface (ordinary spelling, folded before comparing), value, kind, flags ('lb' | 'approx' | '')] */
type Exp = [string, number | null, 'digits' | 'words' | 'several', string?];

function found(text: string): Exp[] {
  const norm = normalize(text).norm;
  return findNumbers(norm).map((m) => {
    const flags = [m.lowerBound ? 'lb' : '', m.approx ? 'approx' : ''].filter(Boolean).join(',');
    return [norm.slice(m.start, m.end), m.value, m.kind, flags];
  });
}

const exp = (xs: Exp[]): Exp[] => xs.map(([s, v, k, f]) => [fold(s), v, k, f ?? '']);

describe('findNumbers', () => {
  const cases: [string, Exp[]][] = [
    // digits
    ['قُتل 7 مدنيين بقصف مدفعي', [['7', 7, 'digits']]],
    ['أصيب ١٢ شخصاً في الانفجار', [['12', 12, 'digits']]],
    ['نزح 1,500 شخص من القرية', [['1,500', 1500, 'digits']]],
    ['بلغت الخسائر 2.5 مليون دولار', [['2.5 مليون', 2500000, 'digits']]],
    ['وصل 3 آلاف مقاتل إلى الجبهة', [['3 آلاف', 3000, 'digits']]],
    ['قُدّر عدد النازحين بـ15 ألفا', [['بـ15 ألفا', 15000, 'digits']]],
    ['هاجموا الموقع بـ 5 طائرات مسيرة', [['بـ 5', 5, 'digits']]],
    ['في الـ26 من الشهر', [['الـ26', 26, 'digits']]],
    // years and calibres are returned too: callers filter
    [
      'قذائف عيار 120 ملم أطلقت عام 2021',
      [
        ['120', 120, 'digits'],
        ['2021', 2021, 'digits'],
      ],
    ],
    // words, masculine and feminine
    [
      'قتل ثلاثة جنود وأصيبت أربع نساء',
      [
        ['ثلاثة', 3, 'words'],
        ['أربع', 4, 'words'],
      ],
    ],
    ['قُتل جندي واحد', [['واحد', 1, 'words']]],
    ['أصيب اثنان من عناصر الشرطة', [['اثنان', 2, 'words']]],
    ['اعتقلت القوات اثنتين من النساء', [['اثنتين', 2, 'words']]],
    ['قتل أحد عشر شخصا', [['أحد عشر', 11, 'words']]],
    ['أصيبت إحدى عشرة امرأة', [['إحدى عشرة', 11, 'words']]],
    ['أسر اثنا عشر جنديا', [['اثنا عشر', 12, 'words']]],
    ['دمرت ثلاث عشرة آلية', [['ثلاث عشرة', 13, 'words']]],
    ['قتل تسعة عشر مسلحا', [['تسعة عشر', 19, 'words']]],
    [
      'سقط عشرون صاروخا وعشرة قذائف',
      [
        ['عشرون', 20, 'words'],
        ['وعشرة', 10, 'words'],
      ],
    ],
    ['قتل خمسة وعشرون شخصا', [['خمسة وعشرون', 25, 'words']]],
    ['اعتقل واحد وثلاثون مطلوبا', [['واحد وثلاثون', 31, 'words']]],
    [
      'نزحت مئة عائلة ومائتا أسرة',
      [
        ['مئة', 100, 'words'],
        ['ومائتا', 200, 'words'],
      ],
    ],
    ['أطلق ثلاثمئة وخمسة وعشرون صاروخا', [['ثلاثمئة وخمسة وعشرون', 325, 'words']]],
    ['شارك ثلاث مئة مقاتل', [['ثلاث مئة', 300, 'words']]],
    ['نحو ألف وخمسمئة مدني', [['نحو ألف وخمسمئة', 1500, 'words', 'approx']]],
    ['نشر ألفين وخمسمائة جندي', [['ألفين وخمسمائة', 2500, 'words']]],
    ['أجلي خمسة آلاف شخص', [['خمسة آلاف', 5000, 'words']]],
    ['فر خمسة وعشرون ألفا من السكان', [['خمسة وعشرون ألفا', 25000, 'words']]],
    ['مئة ألف نازح', [['مئة ألف', 100000, 'words']]],
    [
      'عشرة آلاف لاجئ وأحد عشر ألفا',
      [
        ['عشرة آلاف', 10000, 'words'],
        ['وأحد عشر ألفا', 11000, 'words'],
      ],
    ],
    // clitics and the article
    ['قصفوا البلدة بخمس قذائف', [['بخمس', 5, 'words']]],
    ['بعشرة صواريخ', [['بعشرة', 10, 'words']]],
    ['والثلاثة الآخرون أصيبوا', [['والثلاثة', 3, 'words']]],
    ['للعشرين معتقلا', [['للعشرين', 20, 'words']]],
    // numbers joined by و that are not one number stay apart
    [
      'قتل ثلاثة وأربعة جرحى',
      [
        ['ثلاثة', 3, 'words'],
        ['وأربعة', 4, 'words'],
      ],
    ],
    // qualifiers
    ['قتل أكثر من 15 شخصا', [['أكثر من 15', 15, 'digits', 'lb']]],
    ['أصيب 20 على الأقل', [['20 على الأقل', 20, 'digits', 'lb']]],
    // after the counted noun: flagged, but the span stays on the number
    ['أصيب 20 شخصا على الأقل', [['20', 20, 'digits', 'lb']]],
    ['قتل خمسة مدنيين آخرين على الأقل', [['خمسة', 5, 'words', 'lb']]],
    [
      'قتل 3 أشخاص وأصيب 5 على الأقل',
      [
        ['3', 3, 'digits'],
        ['5 على الأقل', 5, 'digits', 'lb'],
      ],
    ],
    ['قتل ما لا يقل عن عشرة مدنيين', [['ما لا يقل عن عشرة', 10, 'words', 'lb']]],
    ['نزح ما يزيد على ألفي شخص', [['ما يزيد على ألفي', 2000, 'words', 'lb']]],
    ['نزح ما يزيد عن 200 شخص', [['ما يزيد عن 200', 200, 'digits', 'lb']]],
    ['قتل نحو 30 مسلحا', [['نحو 30', 30, 'digits', 'approx']]],
    ['بنحو عشرين صاروخا', [['بنحو عشرين', 20, 'words', 'approx']]],
    [
      'أصيب حوالي 40 شخصا وحوالى خمسين',
      [
        ['حوالي 40', 40, 'digits', 'approx'],
        ['وحوالى خمسين', 50, 'words', 'approx'],
      ],
    ],
    ['قرابة 100 عائلة', [['قرابة 100', 100, 'digits', 'approx']]],
    ['زهاء ثلاثين قتيلا', [['زهاء ثلاثين', 30, 'words', 'approx']]],
    ['ما يقارب 60 جريحا', [['ما يقارب 60', 60, 'digits', 'approx']]],
    ['قتل 12 شخصا تقريبا', [['12', 12, 'digits', 'approx']]],
    // indefinite quantities
    ['سقطت عدة قذائف', [['عدة', null, 'several']]],
    ['أصيب عدد من المدنيين', [['عدد من', null, 'several']]],
    ['اعتقل العديد من الشبان', [['العديد من', null, 'several']]],
    ['قتل بضعة جنود', [['بضعة', null, 'several']]],
    ['شارك عشرات المسلحين', [['عشرات', null, 'several']]],
    ['نزح عشرات الآلاف من السكان', [['عشرات الآلاف', null, 'several']]],
    ['لعدة ساعات', [['لعدة', null, 'several']]],
    // negatives
    ['قال إن واحدة من أكبر العمليات نفذت', []],
    ['أحد الجنود أصيب', []],
    ['اجتمع الطرفان يوم الاثنين', []],
    ['لست متأكدا من ذلك', []],
    ['لا توجد أرقام', []],
  ];
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(found(text), exp(expected)));
  }

  it('limits the search to [from, to)', () => {
    const norm = normalize('قتل 5 وأصيب 7 ونزح 9').norm;
    const i = norm.indexOf('7');
    assert.deepEqual(
      findNumbers(norm, i, norm.length).map((m) => m.value),
      [7, 9],
    );
    assert.deepEqual(
      findNumbers(norm, 0, i).map((m) => m.value),
      [5],
    );
    // an expression crossing `to` is not returned
    const n2 = normalize('قتل خمسة وعشرون شخصا').norm;
    assert.deepEqual(findNumbers(n2, 0, n2.indexOf('وعشرون') + 2), []);
    assert.equal(findNumbers(n2, 0, n2.indexOf(' شخصا'))[0]?.value, 25);
  });
});

describe('numberAt', () => {
  it('reads a qualifier that starts at pos', () => {
    const norm = normalize('بلغ عدد القتلى أكثر من 15 شخصا').norm;
    const m = numberAt(norm, norm.indexOf('اكثر'));
    assert.deepEqual(m, {
      start: norm.indexOf('اكثر'),
      end: norm.indexOf(' شخصا'),
      value: 15,
      kind: 'digits',
      lowerBound: true,
    });
  });
  it('reads from a clitic', () => {
    const norm = normalize('وبخمسة صواريخ').norm;
    assert.equal(numberAt(norm, 0)?.value, 5);
  });
  it('returns null where no number starts', () => {
    const norm = normalize('قصف 15 موقعا').norm;
    assert.equal(numberAt(norm, 0), null);
    assert.equal(numberAt(norm, norm.indexOf('15') + 1), null); // inside a number
    assert.equal(numberAt(norm, 999), null);
  });
});

describe('ordinalAt', () => {
  const cases: [string, number | null, string?][] = [
    ['الأول', 1],
    ['الأولى', 1],
    ['الثامن', 8],
    ['العاشرة', 10],
    ['السابع عشر', 17],
    ['الحادية عشرة', 11],
    ['الثاني والعشرين', 22],
    ['الحادي والثلاثين', 31],
    ['العشرين', 20],
    ['الـ26', 26],
    ['الـ 26', 26],
    ['والخامس', 5],
    ['الحادي', null],
    ['السابعة صباحا', 7, 'السابعة'],
    ['الأولوية', null],
    ['خمسة', null],
  ];
  for (const [text, value, span] of cases) {
    it(text, () => {
      const norm = normalize(text).norm;
      const o = ordinalAt(norm, 0);
      assert.equal(o?.value ?? null, value);
      if (o) assert.equal(norm.slice(o.start, o.end), fold(span ?? text));
    });
  }
});
