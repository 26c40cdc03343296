import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultLexicon, type ModalityKind } from '../lexicon/lexicon.js';
import { fold, normalize } from '../normalize/normalize.js';
import { segment } from '../segment/segment.js';
import {
  anniversaryAt,
  anniversaryYear,
  blockedBy,
  isAnniversary,
  modalityCues,
  tallyAt,
  tallySpan,
} from './modality.js';

const lex = defaultLexicon();

function setup(text: string) {
  const norm = normalize(text).norm;
  const { tokens } = segment(norm);
  return { norm, tokens, cues: modalityCues(lex, tokens, 0, tokens.length) };
}

/** [sentence, the trigger word as written in it, what blocks it (null: an attack report)] */
const cases: [string, string, ModalityKind | null][] = [
  // ---- commemoration: the trigger recalls an old event
  ['أحيا أهالي البلدة الذكرى السنوية الأولى لاغتيال القيادي في الفصيل', 'لاغتيال', 'commemoration'],
  ['نظم الطلاب حفلا في ذكرى ضحايا قصف المستشفى', 'قصف', 'commemoration'],
  ['وبمناسبة مرور عام على الهجوم على السفارة أقيمت مراسم رسمية', 'الهجوم', 'commemoration'],
  ['أقيم حفل تأبين لضحايا التفجير في ساحة المدينة', 'التفجير', 'commemoration'],
  // the cue reaches over the event it names, up to a finite verb (not one of a relative clause)
  [
    'أحيا المئات الذكرى السنوية الرابعة لاغتيال القائد ونائبه ورفاقهما بغارة قرب المطار',
    'بغارة',
    'commemoration',
  ],
  // a funeral recalls the event as well
  ['شيع الآلاف جثامين المقاتلين الذين قتلوا في الغارة على المعسكر', 'الغارة', 'commemoration'],
  // an attack on the anniversary, in its own clause, is an attack
  ['تزامنا مع ذكرى اغتيال القائد، قصفت صواريخ قاعدة جوية', 'قصفت', null],
  ['تزامنا مع ذكرى اغتيال القائد، قصفت صواريخ قاعدة جوية', 'اغتيال', 'commemoration'],
  // a finite verb after the anniversary is a new event on that day
  ['وعشية الذكرى الثانية للحرب أطلقت الفصائل صواريخ على المطار', 'أطلقت', null],
  ['بعد يوم من ذكرى الحرب هاجموا القاعدة بالصواريخ', 'هاجموا', null],
  // a cue after the trigger does not reach back
  ['قصفت الطائرات مواقع قرب المدينة التي تحيي ذكرى تأسيسها', 'قصفت', null],
  // أحياء (neighbourhoods) is no commemoration
  ['تعرضت أحياء المدينة الشرقية لقصف مدفعي عنيف', 'لقصف', null],
  // ---- gathering: a protest or vigil at a site is not an attack
  ['نظم العشرات وقفة أمام القاعدة تنديدا بالقصف الذي طال القرية', 'بالقصف', 'gathering'],
  ['تجمع العشرات قرب بوابة القاعدة احتجاجا على الغارة', 'الغارة', 'gathering'],
  ['خرجت تظاهرة حاشدة رفضا للعدوان على البلدة', 'للعدوان', 'gathering'],
  // a trigger after a time connector dates the gathering: the strike is a real event
  ['خرجت تظاهرات غاضبة في المخيم عقب الضربة الجوية على أطرافه', 'الضربة', null],
  // a gathering OF fighters, or one with no site, is no protest
  ['تجمع لعناصر الفصيل قرب المعبر تعرض لقصف مدفعي', 'لقصف', null],
  ['تجمع المقاتلون ثم قصفت المدفعية مواقعهم', 'قصفت', null],
  ['استهدفت غارة تجمعا لعناصر الفصيل قرب الحدود', 'غارة', null],
  ['نظم أنصار الفصيل مسيرة احتجاجية، وفي المساء سقطت قذائف على القاعدة', 'سقطت', null],
  // ---- the kinds whose windows and words moved to modality.json
  ['توعدت الفصائل باستهداف القواعد الأجنبية', 'باستهداف', 'threat'],
  ['نفت الوزارة أن تكون الطائرات قد قصفت أي موقع في المنطقة الحدودية', 'قصفت', 'negation'],
  ['قالت الوزارة إنه لم يقع هجوم على المطار', 'هجوم', 'negation'],
  // a plain negation reaches one token only
  ['لم يعرف مصدر الصواريخ التي أطلقت على المطار', 'أطلقت', null],
  [
    'تتعرض القاعدة منذ أشهر طويلة وبشكل شبه أسبوعي وفي أوقات مختلفة من النهار والليل لهجمات',
    'لهجمات',
    'habitual',
  ],
  ['سقطت ثلاثة صواريخ على القاعدة الجوية فجر اليوم', 'سقطت', null],
];

describe('blockedBy', () => {
  for (const [text, trigger, want] of cases)
    it(`${text} [${trigger}]`, () => {
      const { tokens, cues } = setup(text);
      const t = tokens.findIndex((k) => k.text === fold(trigger));
      assert.ok(t >= 0, `no token ${trigger}`);
      assert.equal(blockedBy(cues, tokens, 0, t), want);
    });
});

describe('anniversaryAt', () => {
  it('returns the commemoration cue before the trigger', () => {
    const { norm, tokens, cues } = setup('في الذكرى السنوية الثانية لقصف المطار نظمت الجمعية معرضا');
    const t = tokens.findIndex((k) => k.text === fold('لقصف'));
    const cue = anniversaryAt(cues, tokens, 0, t);
    assert.ok(cue);
    assert.equal(norm.slice(cue.start, cue.end), fold('الذكرى السنوية'));
  });
  it('is null for a report with no commemoration', () => {
    const { tokens, cues } = setup('استهدفت طائرة مسيرة سيارة على طريق المطار');
    assert.equal(anniversaryAt(cues, tokens, 0, 0), null);
  });
});

describe('tallyAt', () => {
  const tally: [string, string | null][] = [
    ['سجلت الوزارة 45 هجوما على القوات منذ بداية العام', 'هجوما'],
    ['تعرضت القاعدة للقصف ثلاث مرات', 'مرات'],
    ['أحصى المرصد أكثر من 30 غارة على المنطقة', 'غارة'],
    ['وقع هجوم واحد على القاعدة', null],
    // a noun after و is coordinated, not counted
    ['منذ بداية 2021 وهجمات على القوات تتواصل', null],
    // the quantity word may carry the conjunction: "وعدد من الاستهدافات" counts attacks
    ['وعدد من الاستهدافات لأرتال التحالف في ثلاث محافظات', 'الاستهدافات'],
    ['ووقع استهداف واحد لرتل التحالف', null],
    // "ب" + a number: the means of one event, not a count of events
    ['واستهدفت الطائرات بأربع غارات الفرقة الأولى في الكسوة', null],
    ['استهدف مقاتلوها قاعدة عين الأسد بثلاثة هجمات', null],
    ['قصفت الطائرات المنطقة بـ4 غارات', null],
    // "بضع" is a quantity word, not ب + a number
    ['شنت الطائرات بضع غارات على المنطقة', 'غارات'],
  ];
  for (const [text, noun] of tally)
    it(text, () => {
      const { norm, tokens } = setup(text);
      const k = tallyAt(norm, tokens, 0, tokens.length);
      assert.equal(k === null ? null : tokens[k].text, noun === null ? null : fold(noun));
    });
});

describe('anniversary-year: the year an anniversary counts back to', () => {
  const year = (text: string, published: string | null = '2024-01-10') => {
    const { norm, tokens, cues } = setup(text);
    const cue = cues.matches.find((m) => m.value === 'commemoration');
    assert.ok(cue);
    return [isAnniversary(cue), anniversaryYear(norm, tokens, cue, published)];
  };
  it('an ordinal, a span, a count of years', () => {
    assert.deepEqual(year('في الذكرى السنوية الرابعة لاغتيال القائد'), [true, '2020']);
    assert.deepEqual(year('بمناسبة مرور عامين على الهجوم'), [true, '2022']);
    assert.deepEqual(year('بمناسبة مرور 3 سنوات على القصف'), [true, '2021']);
  });
  it('no count, no publication date, a funeral: no year', () => {
    assert.deepEqual(year('في ذكرى اغتيال القائد'), [true, null]);
    assert.deepEqual(year('في الذكرى الأولى لاغتيال القائد', null), [true, null]);
    assert.deepEqual(year('شيع الآلاف ضحايا القصف'), [false, null]);
  });
});

describe('tally-over-a-span', () => {
  const span = (text: string) => {
    const { tokens } = setup(text);
    return tallySpan(tokens, 0, tokens.length);
  };
  it('a span opener and a time word', () => {
    assert.equal(span('شنت القوات 73 هجوما خلال الأيام الثلاثة الماضية'), true);
    assert.equal(span('نفذت الفصائل خمس عمليات خلال 24 ساعة'), true);
    assert.equal(span('على مدى أسبوع تعرضت القاعدة لهجمات'), true);
  });
  it('no time word after the opener', () => {
    assert.equal(span('نفذت الفصائل ثلاث هجمات خلال زيارة الوزير'), false);
    assert.equal(span('نفذت الفصائل ثلاث هجمات على قاعدتي عين الأسد وحرير يوم أمس'), false);
  });
});
