import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, normalize } from '../normalize/normalize.js';
import { type DateMention, findDates, shiftDate } from './dates.js';

/** Wednesday */
const PUB = '2021-04-07';

interface Extra {
  since?: boolean;
  vague?: boolean;
  partOfDay?: DateMention['partOfDay'];
  offsetDays?: number;
  precision?: DateMention['precision'];
  stated?: DateMention['stated'];
  /** defaults to true for night and dawn mentions */
  night?: boolean;
  weekdayMismatch?: boolean;
  anchor?: DateMention['anchor'];
}
/** [mention text in ordinary spelling, date, kind, extras] */
type Exp = [string, string | null, DateMention['kind'], Extra?];

const precisionOf = (date: string | null): DateMention['precision'] =>
  date === null ? null : date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year';

function project(norm: string, m: DateMention, withStated: boolean) {
  return {
    t: norm.slice(m.start, m.end),
    date: m.date,
    kind: m.kind,
    precision: m.precision,
    since: m.since ?? false,
    vague: m.vague ?? false,
    partOfDay: m.partOfDay,
    offsetDays: m.offsetDays,
    anchor: m.anchor,
    night: m.night ?? false,
    weekdayMismatch: m.weekdayMismatch ?? false,
    ...(withStated ? { stated: m.stated } : {}),
  };
}

function expected([t, date, kind, x = {}]: Exp) {
  return {
    t: fold(t),
    date,
    kind,
    precision: x.precision !== undefined ? x.precision : precisionOf(date),
    since: x.since ?? false,
    vague: x.vague ?? false,
    partOfDay: x.partOfDay,
    offsetDays: x.offsetDays,
    anchor: x.anchor ?? (kind === 'offset' ? 'preceding' : undefined),
    night: x.night ?? (x.partOfDay === 'night' || x.partOfDay === 'dawn'),
    weekdayMismatch: x.weekdayMismatch ?? false,
    ...(x.stated ? { stated: x.stated } : {}),
  };
}

function check(text: string, published: string | null, exp: Exp[]) {
  const norm = normalize(text).norm;
  const got = findDates(norm, published);
  assert.deepEqual(
    got.map((m, i) => project(norm, m, exp[i]?.[3]?.stated !== undefined)),
    exp.map(expected),
  );
}

const cases: [string, string | null, Exp[]][] = [
  // ---- absolute dates
  // the year introduced with "من" ("من عام", "من العام")
  [
    'شنت تركيا هجوما بتاريخ 6 كانون الاول من عام 2017',
    PUB,
    [['6 كانون الاول من عام 2017', '2017-12-06', 'absolute']],
  ],
  ['قصفت الميليشيات القاعدة في مارس من العام 2020', PUB, [['مارس من العام 2020', '2020-03', 'month']]],
  ['قُتل ثلاثة مدنيين في 5 يناير 2020 بقصف جوي', PUB, [['5 يناير 2020', '2020-01-05', 'absolute']]],
  [
    'وقع التفجير يوم 5 يناير/كانون الثاني 2020 قرب السوق',
    PUB,
    [['يوم 5 يناير/كانون الثاني 2020', '2020-01-05', 'absolute']],
  ],
  [
    'وفي 8 يناير/ كانون الثاني 2020 سقطت صواريخ',
    PUB,
    [['8 يناير/ كانون الثاني 2020', '2020-01-08', 'absolute']],
  ],
  [
    'في 28 كانون ثاني/يناير 2024 هاجمت مسيرة القاعدة',
    PUB,
    [['28 كانون ثاني/يناير 2024', '2024-01-28', 'absolute']],
  ],
  [
    'في السابع من أبريل- نيسان اعتقلت القوات خمسة أشخاص',
    PUB,
    [
      [
        'السابع من أبريل- نيسان',
        '2021-04-07',
        'absolute',
        { stated: { year: false, month: true, day: true } },
      ],
    ],
  ],
  ['جرت الاشتباكات في الـ 26 من تموز 2021', PUB, [['الـ 26 من تموز 2021', '2021-07-26', 'absolute']]],
  ['الثلاثاء 30 مارس 2021 انفجرت عبوة ناسفة', PUB, [['الثلاثاء 30 مارس 2021', '2021-03-30', 'absolute']]],
  ['بتاريخ 19 ديسمبر 2021 أعلنت الوزارة', PUB, [['19 ديسمبر 2021', '2021-12-19', 'absolute']]],
  [
    'في الحادي والثلاثين من كانون الأول 2019 اقتحم محتجون السفارة',
    PUB,
    [['الحادي والثلاثين من كانون الأول 2019', '2019-12-31', 'absolute']],
  ],
  ['في ١٢ جانفي ٢٠٢١ وقع هجوم', PUB, [['12 جانفي 2021', '2021-01-12', 'absolute']]],
  [
    'صباح الأحد الموافق 5 يناير 2020',
    PUB,
    [['صباح الأحد الموافق 5 يناير 2020', '2020-01-05', 'absolute', { partOfDay: 'morning' }]],
  ],
  [
    'في 17 أكتوبر/تشرين الأول 2019م خرج المتظاهرون',
    PUB,
    [['17 أكتوبر/تشرين الأول 2019م', '2019-10-17', 'absolute']],
  ],
  ['في 5 يونيو (حزيران) 2022 قصفت المدفعية', PUB, [['5 يونيو (حزيران) 2022', '2022-06-05', 'absolute']]],
  // numeric
  ['وثيقة مؤرخة في 3-4-2021 تكشف', PUB, [['3-4-2021', '2021-04-03', 'absolute']]],
  ['بتاريخ 2021/4/3 صدر البيان', PUB, [['2021/4/3', '2021-04-03', 'absolute']]],
  ['حدث ذلك في 2021-04-03', PUB, [['2021-04-03', '2021-04-03', 'absolute']]],
  ['البيان الصادر في 3/4/2021', PUB, [['3/4/2021', '2021-04-03', 'absolute']]],
  ['في 31/2/2021 لا يوجد يوم كهذا', PUB, []],
  // month precision
  ['في يونيو/حزيران 2022 بدأت العملية', PUB, [['يونيو/حزيران 2022', '2022-06', 'month']]],
  ['تشرين الثاني نوفمبر 2020 شهد تصعيدا', PUB, [['تشرين الثاني نوفمبر 2020', '2020-11', 'month']]],
  ['في تموز/ يوليو الماضي قتل قيادي', PUB, [['تموز/ يوليو الماضي', '2020-07', 'month']]],
  ['في أبريل الماضي وقع الهجوم', PUB, [['أبريل الماضي', '2020-04', 'month']]],
  ['في مارس الماضي', PUB, [['مارس الماضي', '2021-03', 'month']]],
  ['في شهر آذار', PUB, [['شهر آذار', '2021-03', 'month']]],
  ['أواخر يناير قتل عشرة', PUB, [['أواخر يناير', '2021-01', 'month']]],
  ['في أيار/مايو المقبل', PUB, [['أيار/مايو المقبل', '2021-05', 'month']]],
  ['في ماي 2020 اندلعت مواجهات', PUB, [['ماي 2020', '2020-05', 'month']]],
  [
    'بين شهري يوليو الجاري وأغسطس المقبل',
    '2021-07-10',
    [
      ['شهري يوليو الجاري', '2021-07', 'month'],
      ['أغسطس المقبل', '2021-08', 'month'],
    ],
  ],
  // night over two days: month precision, day not stated
  [
    'قصفت الطائرات ليلة 13/14 نيسان مواقع عدة',
    PUB,
    [
      [
        'ليلة 13/14 نيسان',
        '2021-04',
        'absolute',
        { partOfDay: 'night', stated: { year: false, month: true, day: false } },
      ],
    ],
  ],
  [
    'في 5 و6 يناير',
    PUB,
    [['5 و6 يناير', '2021-01', 'absolute', { stated: { year: false, month: true, day: false } }]],
  ],
  ['من 5 إلى 10 يناير', PUB, [['5 إلى 10 يناير', '2021-01', 'absolute']]],
  // two different month names: only the first is read
  ['في يناير مارس الجيش ضغوطا', PUB, [['يناير', '2021-01', 'month']]],
  // ---- day + month without a year
  ['في 18 أبريل هاجم مسلحون حاجزا', PUB, [['18 أبريل', '2020-04-18', 'absolute']]],
  ['في 6 أبريل هاجم مسلحون حاجزا', PUB, [['6 أبريل', '2021-04-06', 'absolute']]],
  ['في 20 فبراير الماضي', PUB, [['20 فبراير الماضي', '2021-02-20', 'absolute']]],
  ['في 3 أبريل الماضي', PUB, [['3 أبريل الماضي', '2020-04-03', 'absolute']]],
  ['19 أكتوبر/تشرين الأول', PUB, [['19 أكتوبر/تشرين الأول', '2020-10-19', 'absolute']]],
  ['في 10 مايو المقبل', PUB, [['10 مايو المقبل', '2021-05-10', 'absolute']]],
  ['في 2 أبريل المقبل', PUB, [['2 أبريل المقبل', '2022-04-02', 'absolute']]],
  ['في 25 يناير الجاري', '2021-01-10', [['25 يناير الجاري', '2021-01-25', 'absolute']]],
  ['في العاشر من الشهر الجاري', PUB, [['العاشر من الشهر الجاري', '2021-04-10', 'absolute']]],
  ['في 5 من الشهر الماضي', PUB, [['5 من الشهر الماضي', '2021-03-05', 'absolute']]],
  ['في 5 آب قتل ثلاثة', PUB, [['5 آب', '2020-08-05', 'absolute']]],
  ['في 29 فبراير', PUB, [['29 فبراير', '2021-02', 'absolute', { precision: 'month' }]]],
  ['في 18 أبريل', null, [['18 أبريل', null, 'absolute']]],
  // ---- years
  ['خلال عام 2020 قتل 2500 جندي', PUB, [['عام 2020', '2020', 'year']]],
  ['في 2019 تراجعت الهجمات', PUB, [['2019', '2019', 'year']]],
  [
    'حصيلة عامي 2014 و2015',
    PUB,
    [
      ['عامي 2014', '2014', 'year'],
      ['2015', '2015', 'year'],
    ],
  ],
  ['تقرير حصيلة 2020.', PUB, [['2020', '2020', 'year']]],
  ['نهاية 2020 شهدت', PUB, [['نهاية 2020', '2020', 'year']]],
  // ---- weekdays (PUB is a Wednesday)
  [
    'قصفت مسيرة سيارة فجر اليوم الأربعاء',
    PUB,
    [['فجر اليوم الأربعاء', '2021-04-07', 'weekday', { partOfDay: 'dawn' }]],
  ],
  ['أمس الثلاثاء اغتيل ناشط', PUB, [['أمس الثلاثاء', '2021-04-06', 'weekday']]],
  ['مساء الثلاثاء سقطت قذائف', PUB, [['مساء الثلاثاء', '2021-04-06', 'weekday', { partOfDay: 'evening' }]]],
  ['صباح السبت انفجرت عبوة', PUB, [['صباح السبت', '2021-04-03', 'weekday', { partOfDay: 'morning' }]]],
  ['الاثنين الماضي', PUB, [['الاثنين الماضي', '2021-04-05', 'weekday']]],
  ['يوم الاثنين', PUB, [['يوم الاثنين', '2021-04-05', 'weekday']]],
  ['يوم الأربعاء', PUB, [['يوم الأربعاء', '2021-04-07', 'weekday']]],
  ['الأربعاء الماضي', PUB, [['الأربعاء الماضي', '2021-03-31', 'weekday']]],
  ['يوم الجمعة الماضي', PUB, [['يوم الجمعة الماضي', '2021-04-02', 'weekday']]],
  ['الأحد المقبل', PUB, [['الأحد المقبل', '2021-04-11', 'weekday']]],
  ['الأربعاء المقبل', PUB, [['الأربعاء المقبل', '2021-04-14', 'weekday']]],
  ['ليل الجمعة', PUB, [['ليل الجمعة', '2021-04-02', 'weekday', { partOfDay: 'night' }]]],
  // ليلة + weekday is the night before that day
  ['ليلة الأحد', PUB, [['ليلة الأحد', '2021-04-03', 'weekday', { partOfDay: 'night' }]]],
  ['ليلة الخميس الماضي', PUB, [['ليلة الخميس الماضي', '2021-03-31', 'weekday', { partOfDay: 'night' }]]],
  ['ليلة السبت/الأحد', PUB, [['ليلة السبت/الأحد', '2021-04', 'weekday', { partOfDay: 'night' }]]],
  // a weekday that disagrees with its relative day wins (nearest such day) and is flagged
  ['أمس الخميس', PUB, [['أمس الخميس', '2021-04-08', 'weekday', { weekdayMismatch: true }]]],
  [
    'يومي السبت والأحد',
    PUB,
    [
      ['يومي السبت', '2021-04-03', 'weekday'],
      ['الأحد', '2021-04-04', 'weekday'],
    ],
  ],
  ['صباح يوم الجمعة', null, [['صباح يوم الجمعة', null, 'weekday', { partOfDay: 'morning' }]]],
  // ---- relative days
  ['قال مصدر اليوم إن', PUB, [['اليوم', '2021-04-07', 'relative-day']]],
  ['فجر اليوم', PUB, [['فجر اليوم', '2021-04-07', 'relative-day', { partOfDay: 'dawn' }]]],
  ['فجر هذا اليوم', PUB, [['فجر هذا اليوم', '2021-04-07', 'relative-day', { partOfDay: 'dawn' }]]],
  ['مساء اليوم', PUB, [['مساء اليوم', '2021-04-07', 'relative-day', { partOfDay: 'evening' }]]],
  ['أمس', PUB, [['أمس', '2021-04-06', 'relative-day']]],
  ['البارحة', PUB, [['البارحة', '2021-04-06', 'relative-day']]],
  ['فجر أمس', PUB, [['فجر أمس', '2021-04-06', 'relative-day', { partOfDay: 'dawn' }]]],
  ['مساء يوم أمس', PUB, [['مساء يوم أمس', '2021-04-06', 'relative-day', { partOfDay: 'evening' }]]],
  ['الليلة الماضية', PUB, [['الليلة الماضية', '2021-04-06', 'relative-day', { partOfDay: 'night' }]]],
  ['ليلة أمس', PUB, [['ليلة أمس', '2021-04-06', 'relative-day', { partOfDay: 'night' }]]],
  ['أول أمس', PUB, [['أول أمس', '2021-04-05', 'relative-day']]],
  ['أول من أمس', PUB, [['أول من أمس', '2021-04-05', 'relative-day']]],
  [
    'في الساعات الأولى من صباح اليوم',
    PUB,
    [['الساعات الأولى من صباح اليوم', '2021-04-07', 'relative-day', { partOfDay: 'dawn' }]],
  ],
  ['في وقت سابق من اليوم', PUB, [['في وقت سابق من اليوم', '2021-04-07', 'period', { vague: true }]]],
  ['قبل يومين', PUB, [['قبل يومين', '2021-04-05', 'relative-day']]],
  ['قبل ثلاثة أيام', PUB, [['قبل ثلاثة أيام', '2021-04-04', 'relative-day']]],
  ['منذ يومين', PUB, [['منذ يومين', '2021-04-05', 'relative-day', { since: true }]]],
  ['التاريخ مطبوع: 2021-04-07T22:30:00Z', '2021-04-07T22:30:00Z', [['2021-04-07', '2021-04-07', 'absolute']]],
  [
    'فجر اليوم',
    '2021-04-07T23:59:00+03:00',
    [['فجر اليوم', '2021-04-07', 'relative-day', { partOfDay: 'dawn' }]],
  ],
  ['فجر اليوم', null, [['فجر اليوم', null, 'relative-day', { partOfDay: 'dawn' }]]],
  ['أمس', 'not a date', [['أمس', null, 'relative-day']]],
  ['أمس', '2021-02-30', [['أمس', null, 'relative-day']]],
  ['أمس', '2021-03-01', [['أمس', '2021-02-28', 'relative-day']]],
  // ---- periods
  ['الشهر الماضي', PUB, [['الشهر الماضي', '2021-03', 'period']]],
  ['الشهر الماضي', '2021-01-15', [['الشهر الماضي', '2020-12', 'period']]],
  ['الشهر الجاري', PUB, [['الشهر الجاري', '2021-04', 'period']]],
  ['هذا الشهر', PUB, [['هذا الشهر', '2021-04', 'period']]],
  ['أوائل الشهر الجاري', PUB, [['أوائل الشهر الجاري', '2021-04', 'period']]],
  ['منتصف الشهر الحالي', PUB, [['منتصف الشهر الحالي', '2021-04', 'period']]],
  ['الأسبوع الماضي', PUB, [['الأسبوع الماضي', '2021-03', 'period', { vague: true }]]],
  ['الأسبوع الماضي', '2021-04-20', [['الأسبوع الماضي', '2021-04', 'period', { vague: true }]]],
  ['خلال الأيام الأخيرة', PUB, [['الأيام الأخيرة', '2021-04', 'period', { vague: true }]]],
  ['مؤخراً', PUB, [['مؤخراً', '2021-04', 'period', { vague: true }]]],
  ['الأشهر الأخيرة', PUB, [['الأشهر الأخيرة', '2021', 'period', { vague: true }]]],
  ['العام الماضي', PUB, [['العام الماضي', '2020', 'period']]],
  ['السنة الماضية', PUB, [['السنة الماضية', '2020', 'period']]],
  ['هذا العام', PUB, [['هذا العام', '2021', 'period']]],
  ['العام الجاري', PUB, [['العام الجاري', '2021', 'period']]],
  ['نهاية العام الماضي', PUB, [['نهاية العام الماضي', '2020', 'period']]],
  ['مطلع العام الجاري', PUB, [['مطلع العام الجاري', '2021', 'period']]],
  ['خلال الـ24 ساعة الماضية', PUB, [['الـ24 ساعة الماضية', '2021-04-07', 'period', { vague: true }]]],
  ['الشهر الماضي', null, [['الشهر الماضي', null, 'period']]],
  // ---- since / tallies
  ['منذ بداية 2021 قتل 300 شخص', PUB, [['بداية 2021', '2021', 'year', { since: true }]]],
  ['منذ عام 2014', PUB, [['عام 2014', '2014', 'year', { since: true }]]],
  [
    'منذ 17 أكتوبر/تشرين الأول الماضي',
    PUB,
    [['17 أكتوبر/تشرين الأول الماضي', '2020-10-17', 'absolute', { since: true }]],
  ],
  ['منذ مطلع العام الجاري', PUB, [['مطلع العام الجاري', '2021', 'period', { since: true }]]],
  ['منذ يوم الجمعة', PUB, [['يوم الجمعة', '2021-04-02', 'weekday', { since: true }]]],
  ['اعتبارا من الأول من أيار', PUB, [['الأول من أيار', '2020-05-01', 'absolute', { since: true }]]],
  ['في يناير وحتى الآن قتل 50', PUB, [['يناير', '2021-01', 'month', { since: true }]]],
  ['قتل 50 شخصا حتى الآن', PUB, []],
  ['ارتفعت الحصيلة حتى اليوم', PUB, [['اليوم', '2021-04-07', 'relative-day', { since: true }]]],
  // ---- offsets
  ['بعد يومين من الهجوم', PUB, [['بعد يومين من', null, 'offset', { offsetDays: 2, anchor: 'following' }]]],
  [
    'قبل يومين من الانتخابات',
    PUB,
    [['قبل يومين من', null, 'offset', { offsetDays: -2, anchor: 'following' }]],
  ],
  [
    'قبل ثلاثة أيام من الانتخابات',
    PUB,
    [['قبل ثلاثة أيام من', null, 'offset', { offsetDays: -3, anchor: 'following' }]],
  ],
  ['بعد ثلاثة أيام عثر على الجثة', PUB, [['بعد ثلاثة أيام', null, 'offset', { offsetDays: 3 }]]],
  [
    'بعد أسبوع من الاشتباكات',
    PUB,
    [['بعد أسبوع من', null, 'offset', { offsetDays: 7, vague: true, anchor: 'following' }]],
  ],
  [
    'بعد 15 يوما من اختطافه',
    PUB,
    [['بعد 15 يوما من', null, 'offset', { offsetDays: 15, anchor: 'following' }]],
  ],
  ['وفي اليوم التالي', PUB, [['في اليوم التالي', null, 'offset', { offsetDays: 1 }]]],
  ['في اليوم نفسه', PUB, [['في اليوم نفسه', null, 'offset', { offsetDays: 0 }]]],
  // ---- night and the calendar day (PUB is a Wednesday; see nightShift in dates.json):
  // ليلة X is the night leading into X (its evening is X-1); ليل X is X's own night; after
  // midnight is the next calendar day
  [
    'انفجرت العبوة ليلة السبت قرب الجسر',
    PUB,
    [['ليلة السبت', '2021-04-02', 'weekday', { partOfDay: 'night' }]],
  ],
  [
    'قصفت المدفعية القرية قبل منتصف ليلة السبت',
    PUB,
    [['قبل منتصف ليلة السبت', '2021-04-02', 'weekday', { partOfDay: 'night' }]],
  ],
  [
    'سقطت القذائف بعد منتصف ليلة السبت',
    PUB,
    [['بعد منتصف ليلة السبت', '2021-04-03', 'weekday', { partOfDay: 'night' }]],
  ],
  [
    'في منتصف ليلة السبت دوت انفجارات',
    PUB,
    [['منتصف ليلة السبت', '2021-04-03', 'weekday', { partOfDay: 'night' }]],
  ],
  [
    'في ساعة متأخرة من ليلة الجمعة',
    PUB,
    [['ساعة متأخرة من ليلة الجمعة', '2021-04-01', 'weekday', { partOfDay: 'night' }]],
  ],
  [
    'أغارت طائرات بعد منتصف ليلة أمس الثلاثاء',
    PUB,
    [['بعد منتصف ليلة أمس الثلاثاء', '2021-04-07', 'weekday', { partOfDay: 'night' }]],
  ],
  ['بعد منتصف ليلة أمس', PUB, [['بعد منتصف ليلة أمس', '2021-04-07', 'relative-day', { partOfDay: 'night' }]]],
  ['بعد منتصف ليل السبت', PUB, [['بعد منتصف ليل السبت', '2021-04-04', 'weekday', { partOfDay: 'night' }]]],
  // a night over two named days may be either: month precision, unless after midnight
  ['ليل الاثنين الثلاثاء', PUB, [['ليل الاثنين الثلاثاء', '2021-04', 'weekday', { partOfDay: 'night' }]]],
  [
    'بعد منتصف ليل الاثنين الثلاثاء',
    PUB,
    [['بعد منتصف ليل الاثنين الثلاثاء', '2021-04-06', 'weekday', { partOfDay: 'night' }]],
  ],
  [
    'بعد منتصف ليلة 13/14 آذار',
    PUB,
    [['بعد منتصف ليلة 13/14 آذار', '2021-03-14', 'absolute', { partOfDay: 'night' }]],
  ],
  ['فجر الخميس', PUB, [['فجر الخميس', '2021-04-01', 'weekday', { partOfDay: 'dawn' }]]],
  ['مساء السبت', PUB, [['مساء السبت', '2021-04-03', 'weekday', { partOfDay: 'evening', night: false }]]],
  // ليلة القدر is no night of an event
  ['أحيا المصلون ليلة القدر في المسجد', PUB, []],
  // ---- ordinal days and long forms; Levantine, Egyptian and Maghrebi month names
  [
    'في الثامن من شهر كانون الثاني عام 2021 قصفت',
    PUB,
    [['الثامن من شهر كانون الثاني عام 2021', '2021-01-08', 'absolute']],
  ],
  ['في الرابع عشر من تموز/يوليو', PUB, [['الرابع عشر من تموز/يوليو', '2020-07-14', 'absolute']]],
  ['يوم 14 تموز/يوليو 2020', PUB, [['يوم 14 تموز/يوليو 2020', '2020-07-14', 'absolute']]],
  ['الثلاثاء 14 تموز/يوليو 2020', PUB, [['الثلاثاء 14 تموز/يوليو 2020', '2020-07-14', 'absolute']]],
  // the weekday does not fit the date: flagged, the date kept
  [
    'الاثنين 14 تموز/يوليو 2020',
    PUB,
    [['الاثنين 14 تموز/يوليو 2020', '2020-07-14', 'absolute', { weekdayMismatch: true }]],
  ],
  ['في 2 تشرين الثاني 2020', PUB, [['2 تشرين الثاني 2020', '2020-11-02', 'absolute']]],
  ['في 11 أيلول 2020', PUB, [['11 أيلول 2020', '2020-09-11', 'absolute']]],
  ['في 3 فيفري 2021', PUB, [['3 فيفري 2021', '2021-02-03', 'absolute']]],
  ['في 9 جويلية 2020', PUB, [['9 جويلية 2020', '2020-07-09', 'absolute']]],
  ['في 21 أوت 2020', PUB, [['21 أوت 2020', '2020-08-21', 'absolute']]],
  ['منتصف الشهر الجاري', PUB, [['منتصف الشهر الجاري', '2021-04', 'period']]],
  ['في مطلع الشهر وصلت تعزيزات', PUB, [['مطلع الشهر', '2021-04', 'period']]],
  ['في منتصف الشهر الفضيل', PUB, []],
  ['خلال الشهر قتل عشرة', PUB, []],
  // a month name in a person's name
  ['قال أبو تموز القيادي في الفصيل', PUB, []],
  // ---- weekdays against the publication date
  ['اليوم الأربعاء', PUB, [['اليوم الأربعاء', '2021-04-07', 'weekday']]],
  // published late or in another time zone: the stated weekday wins, flagged
  ['اليوم الخميس', PUB, [['اليوم الخميس', '2021-04-08', 'weekday', { weekdayMismatch: true }]]],
  ['أمس الأحد', PUB, [['أمس الأحد', '2021-04-04', 'weekday', { weekdayMismatch: true }]]],
  ['يوم الجمعة', PUB, [['يوم الجمعة', '2021-04-02', 'weekday']]],
  ['الخميس الماضي', PUB, [['الخميس الماضي', '2021-04-01', 'weekday']]],
  // ---- offsets from another time
  ['قبل ذلك بيومين', PUB, [['قبل ذلك بيومين', null, 'offset', { offsetDays: -2 }]]],
  ['وبعدها بثلاثة أيام', PUB, [['بعدها بثلاثة أيام', null, 'offset', { offsetDays: 3 }]]],
  ['بعد ذلك بأسبوع', PUB, [['بعد ذلك بأسبوع', null, 'offset', { offsetDays: 7, vague: true }]]],
  ['غداة الهجوم', PUB, [['غداة', null, 'offset', { offsetDays: 1, anchor: 'following' }]]],
  ['عشية الانتخابات', PUB, [['عشية', null, 'offset', { offsetDays: -1, anchor: 'following' }]]],
  ['وصلت التعزيزات قبل ذلك', PUB, []],
  ['بعد ذلك بقليل', PUB, []],
  // ---- negatives
  ['نفذ التنظيم 92 هجوما', PUB, []],
  ['شارك 2500 جندي في العملية', PUB, []],
  ['شارك 2000 جندي في العملية', PUB, []],
  ['بعد صلاة الجمعة خرج المصلون', PUB, []],
  ['ألقى خطبة الجمعة', PUB, []],
  ['تجمع الناس في سوق الجمعة', PUB, []],
  ['مارس الجيش ضغوطا على الأهالي', PUB, []],
  ['الطرف الثاني مارس ضغوطا', PUB, []],
  ['وقع الانفجار قرب باب المعظم', PUB, []],
  ['أوصى الأب ابنه', PUB, []],
  ['احتفل العالم باليوم العالمي للمرأة', PUB, []],
  ['في اليوم الأول من المعركة', PUB, []],
  ['قبل يوم الانتخابات', PUB, []],
  ['ماي الأسبوع', PUB, []],
  ['بعد 3 ساعات من الاشتباك', PUB, []],
  ['أصيب 5 أشخاص بجروح', PUB, []],
  ['قتل الاثنان', PUB, []],
  ['', PUB, []],
];

describe('findDates', () => {
  for (const [text, published, exp] of cases) {
    it(`${text} [${published}]`, () => check(text, published, exp));
  }

  it('returns offsets into the normalized text, sorted and non-overlapping', () => {
    const norm = normalize('قصف الطيران أمس الاثنين مواقع في 5 يناير 2020 والشهر الماضي').norm;
    const ds = findDates(norm, PUB);
    assert.equal(ds.length, 3);
    for (let i = 1; i < ds.length; i++) assert.ok(ds[i].start >= ds[i - 1].end);
    assert.deepEqual(
      ds.map((d) => norm.slice(d.start, d.end)),
      ['امس الاثنين', '5 يناير 2020', 'الشهر الماضي'],
    );
  });

  it('states which components the text gives', () => {
    const norm = normalize('في 5 يناير وفي 2020 وأمس').norm;
    assert.deepEqual(
      findDates(norm, PUB).map((d) => d.stated),
      [
        { year: false, month: true, day: true },
        { year: true, month: false, day: false },
        { year: false, month: false, day: false },
      ],
    );
  });
});

describe('shiftDate', () => {
  const cases: [string, number, string][] = [
    ['2021-04-07', 2, '2021-04-09'],
    ['2021-04-07', -7, '2021-03-31'],
    ['2020-02-28', 1, '2020-02-29'],
    ['2021-02-28', 1, '2021-03-01'],
    ['2020-12-31', 1, '2021-01-01'],
    ['2021-01-01', -1, '2020-12-31'],
    ['2021-04-07', 0, '2021-04-07'],
  ];
  for (const [d, n, out] of cases) it(`${d} ${n}`, () => assert.equal(shiftDate(d, n), out));
  it('rejects a malformed date', () => assert.throws(() => shiftDate('2021-13-01', 1), RangeError));
});
