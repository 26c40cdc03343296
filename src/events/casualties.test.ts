import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultLexicon } from '../lexicon/lexicon.js';
import { normalize } from '../normalize/normalize.js';
import { tokenize } from '../segment/segment.js';
import { type Casualties, type Count, findCasualties, resolveTolls } from './casualties.js';

const lex = defaultLexicon();

function read(text: string, withOriginal = false): Casualties {
  const nt = normalize(text);
  const tokens = tokenize(nt.norm);
  return findCasualties(lex, nt.norm, tokens, 0, tokens.length, withOriginal ? { text: nt } : {});
}

/** [sentence, killed, injured, rule of the killed or injured count that the case is about] */
type Case = [string, number | null, number | null, string?];

function check(cases: Case[], withOriginal = false) {
  for (const [text, killed, injured, rule] of cases) {
    it(text, () => {
      const c = read(text, withOriginal);
      assert.deepEqual([c.killed?.value ?? null, c.injured?.value ?? null], [killed, injured]);
      if (rule) assert.ok([c.killed?.rule, c.injured?.rule].includes(rule as Count['rule']), `rule ${rule}`);
    });
  }
}

describe('no-casualties: statements of zero', () => {
  check([
    ['سقطت القذيفة في أرض زراعية دون وقوع خسائر بشرية', 0, 0, 'no-casualties'],
    ['قالت الشرطة إن الانفجار لم تسفر عن اصابات', 0, 0, 'no-casualties'],
    ['القصف على المعسكر لم يسفر عن وقوع ضحايا', 0, 0, 'no-casualties'],
    ['وأكد المصدر أن لا خسائر في الأرواح', 0, 0, 'no-casualties'],
    ['أعلن المتحدث عدم وقوع أي خسائر بشرية أو مادية', 0, 0, 'no-casualties'],
    ['انفجرت العبوة قرب الدورية من دون تسجيل إصابات', 0, 0, 'no-casualties'],
    ['لم تسفر الصواريخ الثلاثة التي أطلقت مساء أمس على المطار عن وقوع أي إصابات', 0, 0, 'no-casualties'],
    ['وأوضح الجهاز أن الهجوم لم يسفر عن أضرار بشرية أو مادية', 0, 0, 'no-casualties'],
    ['لكن المعلومات الأولية لا تشير إلى وقوع أضرار أو إصابات في صفوف الجنود', 0, 0, 'no-casualties'],
    ['واقتصرت الأضرار على الماديات', 0, 0, 'material-only'],
    ['اقتصرت الخسائر على الجانب المادي', 0, 0, 'material-only'],
    // a killed-only negation says nothing of the wounded
    ['سقطت قذائف على الحي دون وقوع قتلى', 0, null, 'no-casualties'],
    // negatives: material damage only, other nouns, a toll that is not known
    ['سقطت القذيفة دون وقوع أضرار مادية', null, null],
    ['لم تسفر المفاوضات عن نتائج تذكر', null, null],
    ['لم يسفر القصف عن خسائر مادية', null, null],
    ['لا تشير التقارير إلى حجم الأضرار', null, null],
    ['لم تشر المصادر إلى وقوع إصابات', null, null],
    ['لم يتم الكشف عن هوية ضحايا الهجوم', null, null],
    ['ولم ترد أنباء عن ضحايا', null, null],
    ['لم ترد أنباء عن وقوع إصابات في صفوف الجنود', null, null],
  ]);
  it('an unreported toll is flagged, not zeroed', () => {
    const c = read('ولم ترد أنباء عن ضحايا حتى الآن');
    assert.equal(c.killed, null);
    assert.ok(c.unreported);
  });
  it('a stated count wins over a later statement of zero of the other field only', () => {
    const c = read('قتل جندي في الانفجار دون وقوع إصابات أخرى');
    assert.equal(c.killed?.value, 1);
    assert.equal(c.injured?.value, 0);
  });
});

describe('no-casualties: more wordings of zero', () => {
  check([
    // a verb of being or finding, with the casualty noun after a few words
    ['وأكد المتحدث أنه لا توجد خسائر بشرية', 0, 0, 'no-casualties'],
    ['وقال إنه لم يكن هناك جرحى بين الحراس', null, 0, 'no-casualties'],
    ['ولم يسقط قتلى في القصف على الحي', 0, null, 'no-casualties'],
    // a report of no casualties is a zero, as "عدم الإبلاغ عن إصابات" is
    ['ولم يبلغ عن وقوع إصابات في صفوف العاملين', 0, 0, 'no-casualties'],
    ['وأوضح أنه لم يتم الإبلاغ عن أي إصابات', 0, 0, 'no-casualties'],
    // quotes around the words, and "حالات إصابة"
    ['مشددا على عدم وقوع "أي خسائر بشرية" في المعسكر', 0, 0, 'no-casualties'],
    ['وأعلنت الخلية عدم تسجيل أي حالات إصابة', 0, 0, 'no-casualties'],
    // negatives: large losses are not none; a zero negated or prevented in turn; nothing known
    ['وانتهى القصف بدون خسائر كبيرة', null, null],
    ['غير أن الهجوم لم يكن بلا خسائر، إذ قتل فيه جنديان', 2, null],
    ['وهو ما حال دون وقوع خسائر كبيرة في الأرواح', null, null],
    ['ولا توجد معلومات حتى اللحظة عن أي إصابات', null, null],
    ['لم ترد تقارير عن وقوع إصابات', null, null],
  ]);
});

describe('nobody-hurt: a negated casualty verb whose subject is nobody', () => {
  check([
    ['سقطت القذيفة في ساحة خالية ولم يصب أحد بأذى', 0, 0, 'nobody-hurt'],
    ['انفجرت العبوة دون أن يصاب أحد', 0, 0, 'nobody-hurt'],
    ['سقط الصاروخ خارج السياج دون أن يقتل أو يجرح أحدا من الحراس', 0, 0, 'nobody-hurt'],
    ['وأكد البيان أنه لم يصب أي من الجنود', 0, 0, 'nobody-hurt'],
    ['ولم يتعرض أي من العاملين في المطار لأذى', 0, 0, 'nobody-hurt'],
    // a killing verb alone says nothing of the wounded
    ['ولم يقتل أحد في الانفجار', 0, null, 'nobody-hurt'],
    // negatives: no people ("أي من الأهداف"), a verb of exposure without harm, an exception,
    // a missed target
    ['لم يصب أي من الأهداف المعلنة', null, null],
    ['ولم يتعرض أي من الجنود للمساءلة', null, null],
    ['لم يصب أحد سوى السائق بجروح طفيفة', null, 1],
    ['لكن الصاروخ لم يصب هدفه', null, null],
  ]);
});

describe('named-list: persons listed after "كل من"', () => {
  check([
    ['أسفرت الغارة عن مقتل كل من سامر يوسف وخالد حمدان والقيادي نزار عباس', 3, null, 'named-list'],
    ['قتل في الضربة كل من أبو حيدر، وأبو زينب، والمستشار فراس مهدي', 3, null, 'named-list'],
    ['أسفر الاستهداف عن مقتل كل من ناصر علي وعمار هادي', 2, null, 'named-list'],
    // a name that begins with و is one name, not "و" + a name
    ['أدى القصف إلى مقتل كل من وليد حسن ووسام كريم', 2, null, 'named-list'],
    // a title with its organisation, then the list ends at an attack word
    ['مقتل كل من القيادي في الفصيل أبو مصطفى ومرافقه في غارة بطائرة مسيرة', 2, null, 'named-list'],
    // a name in apposition to a title is the same person; "كل من فيها" is everyone, not a list
    ['مقتل كل من قائد الكتيبة في الفصيل، أبو علي، والقيادي حسن جاسم', 2, null, 'named-list'],
    ['أدى الانفجار إلى مقتل كل من فيها', null, null],
    // an age after a name, a slash after a rank, an additive connector between two names
    ['أسفر القصف عن مقتل كل من سالم جاسم 45 عاما وحيدر كاظم 38 عاما', 2, null, 'named-list'],
    ['استشهاد كل من الرقيب / علي ناصر والعريف / حسن كريم', 2, null, 'named-list'],
    ['مقتل كل من الجندي سام كولنز بالإضافة إلى الرقيب بيل براون', 2, null, 'named-list'],
    // one name after "كل من" is "everyone who …", no list
    ['قتل كل من حولها', null, null],
    ['تتعهد الجماعة بقتل كل من يقترب من السياج', null, null],
    // without the intro, no list is counted
    ['مقتل سامر يوسف في الهجوم', null, null],
  ]);
});

describe('ambiguous-du-pl: -ين forms of sound plurals', () => {
  check([
    ['مقتل جنود أمريكيين في الهجوم', null, null],
    ['أعلن البنتاغون إصابة عسكريين أمريكيين بجروح طفيفة', null, null],
    ['أصيب مقاتلين من الفصيل', null, null],
    // true duals (broken plurals) and explicit "اثنين"
    ['أعلن الجيش إصابة جنديين بجروح', null, 2],
    ['قتل جنديين اثنين قرب الحدود', 2, null],
    ['أسفر الهجوم عن إصابة عسكريين اثنين', null, 2],
    ['أصيب مدنيان بشظايا', null, 2],
    // a dual verb agrees with the noun
    ['عسكريين أمريكيين أصيبا في الهجوم', null, 2, 'person-before'],
    // a conjunct after an exact count is read by its form
    ['أسفر عن إصابة 4 جنود ومتعاقدين أجنبيين', null, 6],
  ]);
  describe('vocalized', () => {
    check(
      [
        ['قُتل مدنيَين في القصف', 2, null],
        ['قُتل مدنيِّين في القصف', null, null],
      ],
      true,
    );
  });
});

describe('nationality-person: a nationality stands for a person', () => {
  check([
    ['أسفر القصف عن مقتل أمريكيين اثنين وبريطاني', 3, null, 'nationality-person'],
    ['أدى الهجوم إلى مقتل جنديين أمريكيين وبريطاني', 3, null, 'nationality-person'],
    ['قتل في الانفجار ثلاثة سوريين وعراقي', 4, null, 'nationality-person'],
    ['مقتل أمريكي وإصابة آخر في القصف', 1, 1, 'nationality-person'],
    ['أعلن الجيش إصابة عسكريين أمريكيين اثنين', null, 2],
    // the nationalities break a number of three or more down; with the article or after another
    // word, a nationality qualifies, it counts no one
    ['مقتل خمسة مهندسين أمريكيين وبريطانيين وأسترالي', 5, null],
    ['مقتل 4 جنود فرنسيين وبلجيكي', 4, null],
    ['مقتل ثلاثة في القصف الإيراني', 3, null],
    ['قتل 3 جنود في هجوم أمريكي وبريطاني', 3, null],
    ['إصابة جندي أمريكي بجروح طفيفة', null, 1],
  ]);
});

describe('count-after: the next conjunct past qualifiers, a comma, an additive connector', () => {
  check([
    ['أسفرت الغارة عن مقتل قائد الكتيبة في الفصيل المسلح ونائبه', 2, null],
    ['ما أدى إلى إصابة آمر اللواء بجروح خطيرة، ومقاتل آخر بجروح طفيفة', null, 2],
    ['مما أسفر عن مقتل قائد فوج، وضابط آخر، وعنصر أمن', 3, null],
    ['قتل مدني وأصيب ثلاثة عسكريين بالإضافة إلى متعاقد أجنبي', 1, 4],
    ['استشهاد 8 من عناصر الشرطة إضافة إلى اثنين من المدنيين', 10, null],
    // negatives: an additive before a verbal noun, another casualty word, an attack word
    ['إصابة عنصرين بالإضافة إلى تدمير عجلة', null, 2],
    ['مقتل جندي، وإصابة آخر', 1, 1],
    ['مقتل جندي في هجوم على الحاجز ومدني', 1, null],
  ]);
});

describe('person-before: the subject before the casualty verb', () => {
  check([
    ['وأكد المسؤولون أن أمريكيين اثنين وبريطاني قتلا في القصف', 3, null, 'person-before'],
    ['ونشر الجيش أسماء الجنود الأربعة الذين قتلوا في الكمين', 4, null, 'person-before'],
    ['عسكريان أمريكيان أصيبا في الهجوم', null, 2, 'person-before'],
    // a plural of unknown size, a year: no count
    ['وقال إن جنودا أمريكيين أصيبوا بجروح', null, null],
  ]);
});

describe('counts: a definite numeral, family nouns, a combined figure after an approximator', () => {
  check([
    ['أصيب الجنود الخمسة بجروح متفاوتة', null, 5],
    ['أسفر القصف عن استشهاد رجل وزوجته وطفليهما', 4, null],
    ['مقتل شاب وفتاة في الغارة على الحي', 2, null],
    ['أسفر الكمين عن مقتل وجرح نحو /15/ عنصرا', null, null],
    ['أدى التفجير إلى مقتل وإصابة حوالي 30 شخصا', null, null],
  ]);
});

describe('partitive', () => {
  check([
    ['مقتل اثنين منهم متأثرين بجراحهم', 2, null],
    ['أصيب ثلاثة من عناصر الحشد في الانفجار', null, 3],
    ['وقتل أحدهم على الفور', 1, null],
    ['مقتل أحد الحراس في الهجوم', 1, null],
    ['أصيب بعضهم بجروح', null, null],
    ['قتل جميع ركاب السيارة', null, null],
    // "الأحد" is Sunday
    ['انفجرت عبوة يوم الأحد دون وقوع إصابات', 0, 0],
  ]);
});

describe('partitive: a repeated figure and an agreeing numeral', () => {
  check([
    ['أدى الهجوم إلى مقتل شخصين، وإصابة مثلهما', 2, 2],
    ['قتل جندي وأصيب مثله في القصف', 1, 1],
    // "واحد" after a singular noun agrees with it: one, not two
    ['أدى الهجوم إلى مقتل جندي واحد', 1, null],
    ['أسفر القصف عن مقتل جنديين اثنين وإصابة ثلاثة', 2, 3],
    ['أسفر القصف عن مقتل جندي وثلاثة مدنيين', 4, null],
  ]);
});

describe('subset', () => {
  check([
    ['مقتل 6 أشخاص بينهم طفلان', 6, null],
    ['إصابة 7 جنود، بينهم ضابطان اثنان', null, 7],
    ['مقتل 12 مدنيا على الأقل، بينهم 4 أطفال', 12, null],
    ['مقتل 5 أشخاص بينهم طفل وامرأتان', 5, null],
    ['قتل ثمانية مسلحين من بينهم قياديان', 8, null],
    // with no total number, the subset is a lower bound
    ['مقتل مدنيين بينهم 3 أطفال', 3, null, 'subset-lower-bound'],
  ]);
});

describe('subset-before-verb: a subset inside the subject before a plural casualty verb', () => {
  check([
    ['وقال المرصد إن 12 مدنيا بينهم 4 أطفال قتلوا في القصف', 12, null, 'number-before'],
    ['وذكر أن 9 مدنيين على الأقل من عائلة واحدة بينهم 3 نساء قتلوا في الغارة', 9, null, 'number-before'],
    ['وأكد أن 7 جنود من بينهم ضابطان أصيبوا في الهجوم', null, 7, 'number-before'],
    // no total before the marker: the subset's figure stays, a lower bound
    ['وقال إن مدنيين بينهم 4 أطفال قتلوا في القصف', 4, null, 'number-before'],
    // no marker: the number right before the verb's subject noun is the count
    ['وقال إن 4 أطفال قتلوا في القصف', 4, null, 'number-before'],
  ]);
});

describe('combined-pair: one figure for the killed and the wounded together', () => {
  check([
    ['تم استشهاد وإصابة 22 شخصا جراء القصف على المدينة', null, null],
    ['أدى الانفجار إلى مقتل أو جرح 7 أشخاص', null, null],
    ['أسفرت الغارة عن سقوط قتلى وجرحى', null, null],
    // each with its own number, or a singular pair: counted apart
    ['أسفر الهجوم عن مقتل 3 وإصابة 5 آخرين', 3, 5, 'count-after'],
    ['سقط قتيل وجريح في القصف', 1, 1],
  ]);
});

describe('number-before: the count before a plural verb comes before a count after it', () => {
  check([
    ['وأكد المصدر أن 13 شخصا استشهدوا وتسعة آخرين أصيبوا نتيجة القصف', 13, 9, 'number-before'],
    ['وقال إن أربعة عناصر جرحوا في الهجوم', null, 4, 'number-before'],
    ['استشهد ثلاثة مدنيين وجرح خمسة', 3, 5, 'count-after'],
  ]);
});

describe('updated-toll', () => {
  check([
    ['وارتفعت حصيلة القتلى إلى 9', 9, null, 'updated-toll'],
    ['وارتفع عدد المصابين إلى 41 شخصا', null, 41, 'updated-toll'],
    ['قتل 4 أشخاص في التفجير ثم ارتفعت حصيلة القتلى من 4 إلى 11', 11, null, 'updated-toll'],
    ['لترتفع حصيلة الهجوم إلى 6 قتلى و20 جريحا', 6, 20, 'updated-toll'],
    // "إلى" without a verb of rising is no update
    ['مقتل 3 جنود نقلت جثثهم إلى 2 من المستشفيات', 3, null],
    // the new figure ends where a clause of its own begins: the one who died is part of the 9
    ['وارتفع عدد القتلى إلى 9 بعد أن توفي أحدهم متأثرا بجروحه', 9, null, 'updated-toll'],
    ['ووصل عدد الجرحى إلى 40', null, 40, 'updated-toll'],
    // the kind of the toll stated before the verb; none for a figure of both kinds together
    ['مقتل 4 جنود وفق حصيلة أولية، قبل أن ترتفع إلى 6', 6, null, 'updated-toll'],
    ['وارتفعت أعداد قتلى وجرحى الفصيل جراء القصف إلى 23 عنصرا', null, null],
    // wounded-who-died: the wounded named after a death word are among the dead
    ['وارتفعت الحصيلة إلى 6 قتلى بعد وفاة جريحين متأثرين بجروحهما', 6, null, 'updated-toll'],
  ]);
});

describe('deaths: "وفاة", "توفي" are a toll too', () => {
  check([
    ['أعلنت الوزارة وفاة متعاقد أمريكي أثناء الهجوم', 1, null, 'count-after'],
    ['وتوفي جنديان متأثرين بجروحهما', 2, null, 'count-after'],
  ]);
});

describe('party-zero: a zero said of one party', () => {
  const party = (text: string) => {
    const c = read(text);
    return [c.killed?.value ?? null, c.killed?.party ?? false, c.injured?.value ?? null];
  };
  it('is marked, and stands while no one else is reported hurt', () => {
    assert.deepEqual(party('سقط الصاروخ دون وقوع إصابات في صفوف القوات الأمريكية'), [0, true, 0]);
    assert.deepEqual(party('ولم يصب أي من الجنود'), [0, true, 0]);
    assert.deepEqual(party('سقط الصاروخ دون وقوع إصابات'), [0, false, 0]);
  });
  it('is void beside someone else hurt', () => {
    assert.deepEqual(party('لم تقع إصابات بين الجنود الأمريكيين، وأصيب مقاتلان'), [null, false, 2]);
  });
});

describe('counts: bounds, indefinites, number words, casualty nouns', () => {
  check([
    ['مقتل ما لا يقل عن 14 شخصا', 14, null],
    ['إصابة أكثر من 20 مدنيا', null, 20],
    ['مقتل 15 شخصا على الأقل', 15, null],
    ['إصابة عشرات المدنيين', null, null],
    ['مقتل عدد من العناصر', null, null],
    ['أصيب عدة أشخاص', null, null],
    ['إصابة ٣ جنود', null, 3],
    ['قتلت أربع نساء وأصيب ثلاثة رجال', 4, 3],
    ['سقوط قتيل وجريحين', 1, 2, 'casualty-noun'],
    ['سقط قتيلان وجريح', 2, 1, 'casualty-noun'],
    ['سقط ثلاثة قتلى وخمسة جرحى', 3, 5, 'number-before'],
    ['خلف الهجوم 16 قتيلا', 16, null, 'number-before'],
    ['وصل عشرات الجرحى إلى المستشفى', null, null],
    ['سقوط 10 بين قتيل وجريح', null, null],
    ['لقي متعاقد أمريكي حتفه', 1, null, 'count-after'],
    ['متعاقد أمريكي لقي حتفه', 1, null, 'person-before'],
    // a year before the trigger is no count: the commander is the one killed
    ['شهد عام 2019 مقتل القائد', 1, null],
    // negatives: a known person, a rank in a series
    ['ثأرا للشهيد القائد', null, null],
    ['وسط توقعات بسقوط قتيل ثالث', null, null],
    ['هجوم مسلح على الحاجز', null, null],
  ]);
});

describe('resolveTolls: across sentences', () => {
  const c = (value: number | null, updated = false): Count => ({ value, start: 0, end: 1, updated });
  it('the latest update wins', () => {
    const r = resolveTolls([
      { killed: c(3), injured: c(10) },
      { killed: c(5, true), injured: null },
      { killed: c(7, true), injured: null },
    ]);
    assert.deepEqual(r.killed, { value: 7, from: 2, reason: 'latest-update' });
    assert.deepEqual(r.injured, { value: 10, from: 0, reason: 'only-figure' });
  });
  it('disagreeing figures give the largest (a later subset does not shrink the total)', () => {
    const r = resolveTolls([
      { killed: c(6), injured: null },
      { killed: c(2), injured: null },
    ]);
    assert.deepEqual(r.killed, { value: 6, from: 0, reason: 'largest-figure' });
  });
  it('a figure wins over a zero; zeros alone stay zero; nothing is null', () => {
    const r = resolveTolls([
      { killed: c(0), injured: c(0) },
      { killed: null, injured: c(1) },
    ]);
    assert.deepEqual(r.injured, { value: 1, from: 1, reason: 'figure-over-zero' });
    assert.deepEqual(r.killed, { value: 0, from: 0, reason: 'zero' });
    assert.deepEqual(resolveTolls([{ killed: null, injured: c(null) }]), { killed: null, injured: null });
  });
});

describe('findCasualties: a count before a plural casualty verb', () => {
  const read = (text: string) => {
    const nt = normalize(text);
    const tokens = tokenize(nt.norm);
    const c = findCasualties(defaultLexicon(), nt.norm, tokens, 0, tokens.length);
    return [c.killed?.value ?? null, c.injured?.value ?? null];
  };
  const cases: [string, (number | null)[]][] = [
    ['أكدت القيادة أن ثلاثة من أفراد الخدمة قتلوا وأصيب 25 آخرون في الهجوم.', [3, 25]],
    ['وقالت المصادر إن ثلاثة جنود قتلوا وأصيب خمسة آخرون.', [3, 5]],
    // the verb is singular: the count after it belongs to it
    ['وقتل ثلاثة جنود في الهجوم.', [3, null]],
    // a number that is not the subject (a date) counts nothing
    ['في عام 2020 قتلوا في هجوم مماثل.', [null, null]],
  ];
  for (const [text, want] of cases)
    it(text, () => {
      assert.deepEqual(read(text), want);
    });
});

describe('denied-casualties: a verb of denial before the event noun', () => {
  check([
    ['ونفت قيادة العمليات في بيان وقوع أضرار مادية أو خسائر بشرية جراء القصف', 0, 0, 'denied-casualties'],
    ['وأكد المتحدث الهجوم نافيا وقوع إصابات في صفوف القوات', 0, 0, 'denied-casualties'],
    ['ونفى المصدر سقوط قتلى في الانفجار', 0, null, 'denied-casualties'],
    // negatives: a denial of the attack itself, a negated denial
    ['نفت الوزارة وقوع الهجوم على المطار', null, null],
    ['لا ينفي البيان وقوع إصابات بين الجنود', null, null],
  ]);
});

describe('no-casualties: damage "material or human" named together', () => {
  check([
    ['سقطت الصواريخ قرب الحقل دون أضرار مادية أو بشرية', 0, 0, 'no-casualties'],
    ['لم يسفر الانفجار عن خسائر مادية وبشرية', 0, 0, 'no-casualties'],
    // negative: material damage alone
    ['سقطت الصواريخ قرب الحقل دون أضرار مادية', null, null],
  ]);
});

describe('killed words and person nouns: "أودى بحياة", ranks and village heads', () => {
  check([
    ['انفجرت عبوة ناسفة مما أودى بحياة شرطي وإصابة اثنين آخرين', 1, 2, 'count-after'],
    ['غارات على ريف المدينة تودي بحياة 4 أشخاص', 4, null, 'count-after'],
    ['أسفر الهجوم عن مقتل عريف في الشرطة', 1, null, 'count-after'],
    ['قتل مختار القرية برصاص مسلحين', 1, null, 'count-after'],
    // negative: the life of a project is no toll
    ['أودى القرار بالمشروع إلى الفشل', null, null],
  ]);
});

describe('breakdown: nationalities set off by commas break a count down, the count goes on after them', () => {
  check([
    ['أسفر القصف عن مقتل جنديين، فرنسي وإيطالي، ومتعاقد محلي', 2 + 1, null, 'count-after'],
    ['وأصيب في الانفجار جنديان، إيطالي وإسباني، وشرطي عراقي', null, 3, 'count-after'],
    // negatives: the breakdown alone adds nothing; a comma and a place end the count
    ['قتل جنديان، فرنسي وإيطالي، في الهجوم على القافلة', 2, null, 'count-after'],
    ['قتل جنديان، في الهجوم على القافلة ومترجم', 2, null, 'count-after'],
  ]);
});

describe('partitive: "one of" a thing is a hit, not a casualty', () => {
  check([
    ['واقتصرت نتائج القصف على إصابة أحد المستودعات داخل المطار', null, null],
    ['أدى الانفجار إلى إصابة إحدى العربات بأضرار', null, null],
    // negatives: one of the soldiers, one of them
    ['أدى الانفجار إلى إصابة أحد الجنود بجروح طفيفة', null, 1, 'count-after'],
    ['أسفر الهجوم عن مقتل شخصين أحدهما طفل', 2, null],
  ]);
});

describe('no-casualties: "لم يتسبب في"', () => {
  check([
    ['وقال المتحدث إن القصف لم يتسبب في أي إصابات أو أضرار', 0, 0, 'no-casualties'],
    ['مشيرا إلى أن الانفجار لم يتسبب في وقوع إصابات', 0, 0, 'no-casualties'],
    // negative: material losses only
    ['لم يتسبب الحريق في خسائر مادية كبيرة', null, null],
  ]);
});

describe('subject-with-qualifiers: a counted subject, its qualifiers and an aside, then the plural verb', () => {
  check([
    ['وقالت الوكالة إن 4 عناصر من قوى الأمن الداخلي (الأسايش) قتلوا في القصف', 4, null, 'number-before'],
    ['أكد المصدر أن 3 جنود من الفرقة الخامسة في الجيش قتلوا', 3, null, 'number-before'],
    // negatives: no person noun after the number, a casualty word between count and verb
    ['قصفت الطائرات 3 مواقع للجيش قتلوا فيها', null, null],
    ['أصيب 3 جنود في الهجوم الذي قتلوا فيه', null, 3],
  ]);
});

describe('others-conjunct: past the usual reach, a count of "others" still adds', () => {
  check([
    [
      'قتل السبت مختار قرية صغيرة في ريف المحافظة الشمالي قرب الحدود، وأربعة مدنيين آخرين',
      5,
      null,
      'count-after',
    ],
    // negatives: past the reach without "others"; the others of another casualty word
    ['قتل السبت مختار قرية صغيرة في ريف المحافظة الشمالي قرب الحدود، وأربعة مدنيين', 1, null, 'count-after'],
    ['قتل السبت مختار قرية صغيرة في ريف المحافظة الشمالي قرب الحدود، وأصيب أربعة مدنيين آخرين', 1, 4],
  ]);
});

describe('illness: an injured word before an illness is no wound', () => {
  check([
    ['أصيب متعاقد مدني بنوبة قلبية أثناء الاحتماء من القصف', null, null],
    ['أصيب ثلاثة مدنيين بحالات هلع جراء القصف', null, null],
    // negatives: a wound stays one
    ['أصيب متعاقد مدني بجروح أثناء القصف', null, 1],
    ['أصيب ثلاثة جنود بشظايا الصواريخ', null, 3],
  ]);
});
