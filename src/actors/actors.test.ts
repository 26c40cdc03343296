import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultLexicon } from '../lexicon/lexicon.js';
import { normalize, originalSlice } from '../normalize/normalize.js';
import { segment } from '../segment/segment.js';
import {
  actorRoles,
  claimTokenSet,
  findActors,
  firstPersonAgents,
  speakerOfFirstPerson,
  statementSpeaker,
  WordClass,
} from './actors.js';

const lex = defaultLexicon();

/** The record's actor for a text, as extraction picks it: a claimant, else a perpetrator. */
function actorOf(text: string, range?: (tokens: ReturnType<typeof segment>['tokens']) => [number, number]) {
  const nt = normalize(text);
  const { tokens } = segment(nt.norm);
  const [from, to] = range ? range(tokens) : [0, tokens.length];
  const trig = new Set<number>();
  for (const t of lex.triggers.findLongest(tokens, from, to))
    for (let k = t.first; k <= t.last; k++) trig.add(k);
  const roles = actorRoles(
    lex,
    tokens,
    from,
    to,
    findActors(lex, tokens, from, to),
    trig,
    claimTokenSet(lex, tokens, from, to),
  );
  const r = roles.find((x) => x.role === 'claimant') ?? roles.find((x) => x.role === 'perpetrator') ?? null;
  return r && { actor: r.actor.name, role: r.role, rule: r.rule, text: originalSlice(nt, r.start, r.end) };
}

type Expect = { actor: string; role: 'claimant' | 'perpetrator'; rule: string } | null;
const CASES: [string, string, Expect][] = [
  // 1. a first-person agent inside a statement is the statement's speaker
  [
    'speaker of a quoted statement, same sentence',
    'أعلنت كتائب حزب الله في بيان: «هاجم مجاهدونا قاعدة حرير بطائرتين مسيرتين»',
    { actor: "Kata'ib Hezbollah", role: 'claimant', rule: 'statement_speaker' },
  ],
  [
    'speaker of an indirect statement with a possessive agent',
    'وقالت حركة النجباء إن مجاهديها استهدفوا قاعدة التنف بالصواريخ',
    { actor: 'Harakat al-Nujaba', role: 'claimant', rule: 'statement_speaker' },
  ],
  [
    'speaker named through an appositive',
    'وذكرت الجماعة التي تسمي نفسها "أصحاب الكهف" أن مقاتليها قصفوا رتلا قرب الناصرية',
    { actor: 'Ashab al-Kahf', role: 'claimant', rule: 'statement_speaker' },
  ],
  [
    'an armed group before "استهدفت" is its subject, quoted or not',
    'وقالت وكالة سانا إن "المقاومة الإسلامية في العراق" استهدفت قاعدة تل بيدر بطائرة مسيرة',
    { actor: 'Islamic Resistance in Iraq', role: 'perpetrator', rule: 'subject_before_verb' },
  ],
  ['forces before "استهدفت" may be read passive: no actor', 'القوات الأمريكية استهدفت في قاعدة حرير', null],
  // 2. fighters of X as the subject
  [
    'fighters of X, an adverbial, then the verb',
    'مقاتلو حزب العمال الكردستاني، فجر اليوم، هاجموا نقطة للجيش التركي',
    { actor: 'PKK', role: 'perpetrator', rule: 'fighters_of' },
  ],
  [
    'members of X before an object-first verb',
    'عناصر من الجيش التركي استهدفوا نقطة لقوات سوريا الديمقراطية في منبج',
    { actor: 'Turkey', role: 'perpetrator', rule: 'fighters_of' },
  ],
  [
    'an armed group right before an object-first verb is its subject',
    'عناصر من تنظيم داعش استهدفوا حاجزا للجيش العراقي في كركوك',
    { actor: 'Islamic State', role: 'perpetrator', rule: 'subject_before_verb' },
  ],
  [
    'the verb, then gunmen affiliated with X',
    'هاجم مسلحون تابعون لتنظيم داعش قرية في ديالى',
    { actor: 'Islamic State', role: 'perpetrator', rule: 'verb_filler_subject' },
  ],
  // 3. a phrase between the claim verb and its clause
  [
    'announcement, "in a statement of its own", that its fighters shelled',
    'أعلنت كتائب سيد الشهداء في بيان لها أن مقاتليها قصفوا موقعا للقوات التركية',
    { actor: "Kata'ib Sayyid al-Shuhada", role: 'claimant', rule: 'statement_speaker' },
  ],
  [
    'a long comma phrase before "إنها هاجمت"',
    'قالت سرايا أولياء الدم، في بيان نشرته مساء اليوم على قناتها في تلغرام، إنها هاجمت قاعدة بلد',
    { actor: 'Saraya Awliya al-Dam', role: 'claimant', rule: 'statement_clause' },
  ],
  [
    'an announced act after a comma phrase',
    'أعلنت المقاومة الإسلامية في العراق، في بيان، استهداف قاعدة حرير',
    { actor: 'Islamic Resistance in Iraq', role: 'claimant', rule: 'statement_clause' },
  ],
  [
    'a claim verb with a short phrase before its object',
    'تبنت حركة النجباء، في بيان مقتضب، الهجوم على قاعدة فكتوريا',
    { actor: 'Harakat al-Nujaba', role: 'claimant', rule: 'claim_word' },
  ],
  // 4. hashtags
  [
    'a hashtag name',
    'تبنت #المقاومة_الإسلامية_في_العراق قصف قاعدة عين الأسد',
    { actor: 'Islamic Resistance in Iraq', role: 'claimant', rule: 'claim_word' },
  ],
  // perpetrators kept
  [
    'a nationality adjective on a strike noun, fighters of the victim mentioned',
    'قصف العدو الأمريكي مواقع مجاهدينا قرب القائم، حسبما قالت كتائب حزب الله',
    { actor: 'United States', role: 'perpetrator', rule: 'nationality_adjective' },
  ],
  [
    'an agent phrase after an attack word',
    'تعرضت قاعدة بلد لقصف صاروخي من قبل تنظيم داعش',
    { actor: 'Islamic State', role: 'perpetrator', rule: 'agent_phrase' },
  ],
  ['"من قبل" after no attack word', 'وتجري التحقيقات من قبل القوات العراقية في مطار أربيل', null],
  // 5. negatives: accusation, blame, target, host, owner, stationed, threat
  ['an accuser and the accused', 'اتهمت واشنطن كتائب حزب الله بقصف قاعدة عين الأسد', null],
  [
    'an armed group right after "استهدف" is its subject',
    'استهدفت كتائب سيد الشهداء قاعدة فكتوريا قرب مطار بغداد بصاروخين',
    { actor: "Kata'ib Sayyid al-Shuhada", role: 'perpetrator', rule: 'verb_subject' },
  ],
  [
    'fighters of an armed group after "استهدف" are its subject',
    'واستهدف عناصر من تنظيم داعش نقطة للجيش في بادية الحضر',
    { actor: 'Islamic State', role: 'perpetrator', rule: 'verb_filler_subject' },
  ],
  [
    'a claim in the present tense, as headlines write it',
    '"سرايا أولياء الدم" يتبنى استهداف قوات التحالف في أربيل',
    { actor: 'Saraya Awliya al-Dam', role: 'claimant', rule: 'claim_word' },
  ],
  [
    'an agent phrase with fighter words before the group',
    'تعرض خمسة عناصر من الفصيل لهجوم من قبل خلايا تنظيم داعش في البادية',
    { actor: 'Islamic State', role: 'perpetrator', rule: 'agent_phrase' },
  ],
  [
    'the genitive of a launch is who launched',
    'قتل ثلاثة جنود في إطلاق إسرائيل عدة صواريخ على ريف القنيطرة',
    { actor: 'Israel', role: 'perpetrator', rule: 'agent_genitive' },
  ],
  [
    'the passive: a group after "استهدفت" struck by an air raid',
    'استهدفت كتائب حزب الله بغارة في القائم',
    null,
  ],
  [
    'the passive: a group after "استهدفت" with its agent',
    'استهدفت كتائب حزب الله من قبل طائرات مجهولة',
    null,
  ],
  [
    'a state force after "استهدف" is what was attacked',
    'استهدفت القوات الأمريكية بصاروخين في حقل العمر',
    null,
  ],
  [
    'rule object-after: forces, their means, then an object: the forces are the subject',
    'استهدفت القوات الأمريكية بغارات جوية مواقع لكتائب حزب الله في القائم',
    { actor: 'United States', role: 'perpetrator', rule: 'verb_subject' },
  ],
  [
    'rule object-after: the object right after the forces',
    'واستهدف الجيش التركي مقرات لحزب العمال الكردستاني في جبل قنديل',
    { actor: 'Turkey', role: 'perpetrator', rule: 'verb_subject' },
  ],
  [
    'rule object-after: a vehicle after a drone means',
    'استهدف الجيش الأمريكي بطائرة مسيرة سيارة تقل قياديين قرب المطار',
    { actor: 'United States', role: 'perpetrator', rule: 'verb_subject' },
  ],
  [
    'rule object-after: means then a place, no object: still read passive',
    'استهدفت القوات الأمريكية بطائرة مسيرة في قاعدة حرير',
    null,
  ],
  [
    'subject before an object-first verb with an object after it: active',
    'وذكر المرصد أن التحالف الدولي استهدف قبل منتصف ليل الخميس بلدة السوسة',
    { actor: 'Global Coalition against ISIS', role: 'perpetrator', rule: 'subject_before_verb' },
  ],
  [
    'subject before an object-first verb, then a place: may be passive',
    'وقال المرصد إن القوات الأمريكية استهدفت في قاعدة حرير بصواريخ',
    null,
  ],
  [
    'rule object-after: means then "near": no object, still read passive',
    'استهدفت القوات الأمريكية بصواريخ كاتيوشا قرب المطار',
    null,
  ],
  [
    'rule object-after: a relative pronoun before the verb: the forces are its object',
    'الهجوم الذي استهدف القوات الأمريكية بالصواريخ مواقعها في حرير',
    null,
  ],
  [
    'the object of an attack that is the subject',
    'أدى الهجوم الذي استهدف عناصر الحشد الشعبي إلى مقتل اثنين',
    null,
  ],
  [
    'the object of a drone that is the subject',
    'قتل ثلاثة حين استهدفت طائرة مسيرة عناصر من كتائب حزب الله',
    null,
  ],
  ['a patron of the attackers', 'وذكرت فصائل موالية لإيران أنها استهدفت قاعدة عين الأسد بالصواريخ', null],
  ['backed by a patron', 'وقالت واشنطن إن ميليشيات مدعومة من إيران قصفت قاعدة حرير', null],
  ['blame', 'حملت القوات العراقية تنظيم داعش مسؤولية الهجوم على الحاجز', null],
  ['a base that hosts US forces', 'سقطت ثلاثة صواريخ على قاعدة تضم قوات أمريكية', null],
  [
    'a base that belongs to the coalition',
    'استهدف هجوم بطائرة مسيرة قاعدة للتحالف الدولي في حقل العمر',
    null,
  ],
  ['forces stationed somewhere', 'أسفر قصف القوات الأمريكية المتمركزة في حقل العمر عن أضرار', null],
  ['an attack on US forces', 'شنت طائرات مسيرة هجوما على القوات الأمريكية في قاعدة حرير', null],
  ['a quoted threat', 'وقالت كتائب حزب الله في بيان: "سيستهدف مجاهدونا كل قواعد الاحتلال"', null],
  ['someone else did it', 'قالت القوات العراقية إن الفصائل المسلحة استهدفت قاعدة بلد', null],
  [
    'the announcer of a downing is not the attacker',
    'أعلن جهاز مكافحة الإرهاب إسقاط طائرة مسيرة قرب أربيل',
    null,
  ],
];

describe('actor roles', () => {
  for (const [name, text, want] of CASES) {
    it(name, () => {
      const got = actorOf(text);
      assert.deepEqual(got && { actor: got.actor, role: got.role, rule: got.rule }, want);
    });
  }

  it('a hashtag name keeps its offsets into the original text', () => {
    const got = actorOf('تبنت #المقاومة_الإسلامية_في_العراق قصف قاعدة عين الأسد');
    assert.equal(got?.text, 'المقاومة_الإسلامية_في_العراق');
  });

  it('a first-person agent in a quote opened in the sentence before takes that sentence’s speaker', () => {
    const text = 'وأعلنت حركة النجباء: "ردا على جرائم الاحتلال. قصف أبطالنا قاعدة عين الأسد فجر اليوم"';
    // only the second sentence is the role range
    const got = actorOf(text, (tokens) => {
      const si = tokens[tokens.length - 1].sentence;
      const from = tokens.findIndex((t) => t.sentence === si);
      return [from, tokens.length];
    });
    assert.deepEqual(got, {
      actor: 'Harakat al-Nujaba',
      role: 'claimant',
      rule: 'statement_speaker',
      text: 'حركة النجباء',
    });
  });

  it('a new sentence outside any quote does not reach back for a speaker', () => {
    const text = 'وأعلنت حركة النجباء تضامنها مع غزة. قصف أبطالنا قاعدة عين الأسد فجر اليوم';
    const got = actorOf(text, (tokens) => {
      const si = tokens[tokens.length - 1].sentence;
      return [tokens.findIndex((t) => t.sentence === si), tokens.length];
    });
    assert.equal(got, null);
  });
});

describe('statement functions for the discourse stage', () => {
  const text = 'وقالت عصائب أهل الحق في بيان: "هاجم مجاهدونا رتلا للاحتلال"';
  const nt = normalize(text);
  const { tokens } = segment(nt.norm);

  it('firstPersonAgents finds the agent token', () => {
    const found = firstPersonAgents(tokens, 0, tokens.length);
    assert.deepEqual(
      found.map((k) => tokens[k].text),
      ['مجاهدونا'],
    );
  });

  it('statementSpeaker names the speaker of the introducing clause', () => {
    const j = firstPersonAgents(tokens, 0, tokens.length)[0];
    const s = statementSpeaker(lex, tokens, 0, j);
    assert.equal(s?.actor.name, "Asa'ib Ahl al-Haq");
    assert.equal(s?.rule, 'statement_speaker');
    assert.equal(originalSlice(nt, s?.start ?? 0, s?.end ?? 0), 'عصائب أهل الحق');
    // an explicit intro range that leaves the speaker out finds nobody
    assert.equal(speakerOfFirstPerson(lex, tokens, j, j - 1), null);
  });

  it('the issuer of a statement noun is its speaker', () => {
    const t2 = normalize('وجاء في بيان صادر عن حركة النجباء: "قصف أبطالنا مقرا للاحتلال"');
    const seg = segment(t2.norm);
    const j = firstPersonAgents(seg.tokens, 0, seg.tokens.length)[0];
    assert.equal(statementSpeaker(lex, seg.tokens, 0, j)?.actor.name, 'Harakat al-Nujaba');
  });
});

describe('WordClass', () => {
  const c = new WordClass({ proclitics: ['و', 'ب'], article: true, words: ['غارة', 'استهداف*'] });
  it('matches with proclitics, article and prefixes', () => {
    for (const w of ['غاره', 'والغاره', 'بالغاره', 'وبالغاره', 'استهدافها', 'وباستهداف'])
      assert.ok(c.has(w), w);
  });
  it('rejects other words and clitics not listed', () => {
    for (const w of ['غارات', 'لغاره', 'كالغاره', 'استهدف', '']) assert.ok(!c.has(w), w);
  });
});
