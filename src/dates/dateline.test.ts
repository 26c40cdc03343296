import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, normalize } from '../normalize/normalize.js';
import { datelineDate, findDateline, findDatelinePlace } from './dateline.js';

const PUB = '2024-01-13';

/** [text (\n = line break), kind, dateline text, place, date] — or null for no dateline */
const cases: [string, ['dateline' | 'date-line', string, string | null, string | null] | null][] = [
  [
    'غارات على مواقع للفصائل\nالموصل - 11 كانون الثاني (أ ف ب) - قال مسؤولون إن طائرات قصفت مستودعا',
    ['dateline', 'الموصل - 11 كانون الثاني', 'الموصل', '2024-01-11'],
  ],
  [
    'حلب (رويترز) - الأربعاء 10 يناير 2024 - سقطت قذائف على حي سكني',
    ['dateline', 'حلب (رويترز) - الأربعاء 10 يناير 2024', 'حلب', '2024-01-10'],
  ],
  [
    '(دير الزور) - أفاد ناشطون محليون بأن انفجارات عنيفة هزت مستودعات للذخيرة في ريف المحافظة الشرقي',
    ['dateline', '(دير الزور) - ', 'دير الزور', null],
  ],
  [
    'الحسكة- ذكرت مصادر محلية أن دوريات مشتركة جابت القرى الحدودية طوال ساعات النهار من دون حوادث',
    ['dateline', 'الحسكة- ', 'الحسكة', null],
  ],
  [
    'انفجار في مخزن للسلاح\nالأمن والدفاع الخميس 4 كانون الثاني 2024 الساعة 09:15 صباحاً (المشاهدات 320)\nوقع انفجار',
    [
      'date-line',
      'الأمن والدفاع الخميس 4 كانون الثاني 2024 الساعة 09:15 صباحاً (المشاهدات 320)',
      null,
      '2024-01-04',
    ],
  ],
  [
    'عنوان قصير\nنشر بتاريخ: 09.01.2024 - 14:20\nنص الخبر',
    ['date-line', 'نشر بتاريخ: 09.01.2024 - 14:20', null, '2024-01-09'],
  ],
  // a numeric date year first, and a day spelled out before its month name (the line's cues)
  ['عنوان قصير\nتاريخ النشر 2024/1/9\nنص الخبر', ['date-line', 'تاريخ النشر 2024/1/9', null, '2024-01-09']],
  [
    'عنوان قصير\nالثلاثاء التاسع من كانون الثاني\nنص الخبر',
    ['date-line', 'الثلاثاء التاسع من كانون الثاني', null, '2024-01-09'],
  ],
  // a date inside an ordinary sentence is no date line
  ['عنوان\nقصفت طائرات حربية في 5 يناير مواقع عدة', null],
  // a title with a dash and no date is no dateline (too short for a paragraph)
  ['صواريخ على قاعدة جوية - العراق', null],
  // a month alone is not a story date
  [
    'بغداد - كانون الثاني 2024 - تقرير شهري عن الحوادث الأمنية في المحافظات الوسطى والجنوبية',
    ['dateline', 'بغداد - ', 'بغداد', null],
  ],
  // only the head is read
  ['سطر أول\nسطر ثان\nسطر ثالث\nسطر رابع\nسطر خامس\nالأحد 7 كانون الثاني 2024', null],
];

describe('findDateline', () => {
  for (const [text, exp] of cases)
    it(text.split('\n').join(' / '), () => {
      const norm = normalize(text).norm;
      const d = findDateline(norm, PUB);
      if (exp === null) {
        assert.equal(d, null);
        return;
      }
      assert.ok(d);
      assert.deepEqual(
        {
          kind: d.kind,
          text: norm.slice(d.start, d.end),
          place: d.place ? norm.slice(d.place.start, d.place.end) : null,
          date: d.date?.date ?? null,
        },
        { kind: exp[0], text: normalize(exp[1]).norm, place: exp[2] && fold(exp[2]), date: exp[3] },
      );
      assert.equal(datelineDate(norm, PUB), exp[3]);
    });
  it('vets the place of a dateline with no date when asked', () => {
    const norm = normalize(
      'المرصد - أفاد ناشطون محليون بأن انفجارات عنيفة هزت مستودعات للذخيرة في ريف المحافظة الشرقي',
    ).norm;
    assert.equal(findDateline(norm, PUB)?.place?.text, fold('المرصد'));
    assert.equal(
      findDateline(norm, PUB, (name) => name === fold('دير الزور')),
      null,
    );
  });
});

describe('findDatelinePlace', () => {
  const place = (text: string) => {
    const norm = normalize(text).norm;
    const p = findDatelinePlace(norm, PUB);
    return p && norm.slice(...p);
  };
  // the place of the dateline findDateline finds, on its cases and on these
  const more = [
    // a date line before a dateline wins: no place
    'عنوان قصير\nنشر بتاريخ: 09.01.2024 - 14:20\nالموصل - 11 كانون الثاني (أ ف ب) - قال مسؤولون إن طائرات قصفت مستودعا',
    // a line with a date and words is no date line: the dateline after it gives the place
    'عنوان\nقصفت طائرات حربية في 5 يناير مواقع عدة\nالموصل - 11 كانون الثاني (أ ف ب) - قال مسؤولون إن طائرات قصفت مستودعا',
  ];
  for (const text of [...cases.map(([t]) => t), ...more])
    it(text.split('\n').join(' / '), () => {
      const norm = normalize(text).norm;
      const d = findDateline(norm, PUB);
      assert.equal(place(text), d?.place ? norm.slice(d.place.start, d.place.end) : null);
    });
  it('reads the cases above as findDateline does', () => {
    assert.equal(place(more[0]), null);
    assert.equal(place(more[1]), fold('الموصل'));
    assert.equal(place(cases[0][0]), fold('الموصل'));
  });
});
