import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDoc } from '../doc/doc.js';
import { defaultLexicon } from '../lexicon/lexicon.js';
import type { EventRecord } from '../record/record.js';
import { explainArticle, extractArticle } from './extract.js';
import { readMentions } from './mentions.js';

const extract = (text: string, published: string | null = '2024-01-10') =>
  extractArticle({ id: 't', published, text }).events;

type Expect = Partial<
  Pick<
    EventRecord,
    | 'type'
    | 'date'
    | 'place'
    | 'actor'
    | 'weapon'
    | 'munitions'
    | 'killed'
    | 'injured'
    | 'intercepted'
    | 'country'
    | 'admin1'
  >
>;

describe('extractArticle: events', () => {
  // published 2024-01-10 is a Wednesday
  const cases: [string, string, Expect][] = [
    [
      'rockets on a base, dual count, relative day',
      'سقط صاروخان على قاعدة عين الأسد الجوية في محافظة الأنبار مساء أمس الثلاثاء.',
      {
        type: 'Shelling/artillery/missile attack',
        date: '2024-01-09',
        weapon: 'rocket',
        munitions: 2,
        intercepted: false,
        admin1: 'Anbar',
      },
    ],
    [
      'drones shot down → disrupted weapons use',
      'أسقطت الدفاعات الجوية فجر اليوم طائرتين مسيرتين مفخختين كانتا تتجهان نحو قاعدة حرير.',
      { type: 'Disrupted weapons use', date: '2024-01-10', weapon: 'drone', munitions: 2, intercepted: true },
    ],
    [
      'claimed drone attack with number word',
      'أعلنت المقاومة الإسلامية في العراق مسؤوليتها عن هجوم بثلاث طائرات مسيرة استهدف قاعدة التنف يوم الاثنين الماضي.',
      {
        type: 'Air/drone strike',
        date: '2024-01-08',
        actor: 'Islamic Resistance in Iraq',
        weapon: 'drone',
        munitions: 3,
      },
    ],
    [
      'air strike by a state named by an adjective, casualties',
      'قتل خمسة مسلحين في غارة أمريكية استهدفت مقرا لفصيل مسلح قرب مدينة القائم في 3 يناير الجاري.',
      { type: 'Air/drone strike', date: '2024-01-03', actor: 'United States', weapon: 'aircraft', killed: 5 },
    ],
    [
      'IED on a convoy with no casualties',
      'انفجرت عبوة ناسفة على رتل للدعم اللوجستي في مدينة الناصرية دون وقوع إصابات يوم الأحد.',
      {
        type: 'Remote explosive/landmine/IED',
        date: '2024-01-07',
        weapon: 'ied',
        killed: 0,
        injured: 0,
        intercepted: false,
      },
    ],
    [
      'Levantine month name and at-least count',
      'استهدفت 4 صواريخ على الأقل معسكر التاجي في 14 كانون الأول الماضي.',
      { date: '2023-12-14', weapon: 'rocket', munitions: 4 },
    ],
    [
      'surface-to-surface missiles are missiles',
      'أطلقت إيران صواريخ أرض-أرض على قاعدة عين الأسد في 8 كانون الثاني 2020.',
      { date: '2020-01-08', weapon: 'missile', actor: 'Iran' },
    ],
    [
      'killed and injured summed over coordinated nouns',
      'قتل متعاقد أمريكي وجنديان وأصيب ثلاثة آخرون في قصف صاروخي على قاعدة بلد الجوية صباح الثلاثاء.',
      { killed: 3, injured: 3, weapon: 'rocket', date: '2024-01-09' },
    ],
    [
      'mortars with a dual-less number word and "without losses"',
      'أفادت مصادر أمنية بسقوط ثلاث قذائف هاون على مطار بغداد الدولي مساء الأحد دون أن تسفر عن خسائر.',
      { weapon: 'mortar', munitions: 3, killed: 0, injured: 0, intercepted: false, date: '2024-01-07' },
    ],
    [
      'insurgent raid named after the verb is an armed clash',
      'هاجم مسلحون من تنظيم داعش نقطة للجيش العراقي في قضاء الطارمية شمال بغداد، ما أدى إلى مقتل ضابط وجنديين.',
      { type: 'Armed clash', actor: 'Islamic State', killed: 3, admin1: 'Baghdad' },
    ],
    [
      'intercepted rockets (a dual) are disrupted weapons use',
      'اعترضت الدفاعات الجوية في قاعدة عين الأسد صاروخين أطلقا باتجاه القاعدة مساء الخميس.',
      {
        type: 'Disrupted weapons use',
        weapon: 'rocket',
        munitions: 2,
        intercepted: true,
        date: '2024-01-04',
      },
    ],
    [
      'negated damage is no impact: all drones stopped',
      'تصدت الدفاعات الجوية لطائرة مسيرة حاولت استهداف قاعدة حرير الجوية شمال أربيل، دون تسجيل أي أضرار.',
      { type: 'Disrupted weapons use', intercepted: true, munitions: 1 },
    ],
    [
      'one of two drones shot down is a partial interception',
      'تعرضت قاعدة التنف لهجوم بطائرتين مسيرتين فجر الأحد، أسقطت إحداهما.',
      { type: 'Air/drone strike', intercepted: false, munitions: 2 },
    ],
    [
      'a coordinated place after a dual cue',
      'استهدفت غارات أمريكية مقرات لفصائل مسلحة في منطقتي الحصوة والقائم غرب الأنبار ليلة الجمعة.',
      { place: 'Al-Qaim', actor: 'United States', weapon: 'aircraft' },
    ],
    [
      'no casualties, said around its subject',
      'لم تسفر الهجمات الصاروخية على قاعدة عين الأسد الجوية مساء الأحد عن وقوع إصابات.',
      { killed: 0, injured: 0, date: '2024-01-07' },
    ],
    [
      'a dual relative pronoun counts two dead; a raid is never intercepted',
      'وكان قياديان في الحشد، اللذان قتلا في هجوم مسلح على مقرهما في بلدة الطارمية يوم الجمعة، من أبرز قادته.',
      { killed: 2, intercepted: null, type: 'Armed clash' },
    ],
    [
      'a clash between two named sides takes the first as actor',
      'اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية ومسلحين من العشائر في بلدة ذيبان أمس، أسفرت عن مقتل 7 مقاتلين.',
      { type: 'Armed clash', actor: 'Syrian Democratic Forces', killed: 7, date: '2024-01-09' },
    ],
    [
      'news with no time expression takes the publication month',
      'استهدف قصف بقذائف الهاون قاعدة الشدادي شمال شرقي سوريا.',
      { date: '2024-01', weapon: 'mortar', country: 'SY', admin1: 'Al-Hasakah' },
    ],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const events = extract(text);
      assert.equal(events.length, 1, `one event expected, got ${JSON.stringify(events.map((e) => e.place))}`);
      const e = events[0];
      for (const [k, v] of Object.entries(expected)) assert.deepEqual(e[k as keyof EventRecord], v, k);
      // every record points at the exact words of its source
      const [s, t] = e.spans.evidence;
      assert.equal(text.slice(s, t), e.evidence);
      assert.ok(text.includes(e.evidence));
    });
  }

  it('two bases hit the same night are two records, totals on neither', () => {
    const events = extract(
      'أطلقت إيران أكثر من 15 صاروخا على قاعدتي عين الأسد في الأنبار، وحرير في أربيل فجر الأربعاء، ما أدى إلى إصابة 110 جنود.',
    );
    assert.deepEqual(events.map((e) => e.place).sort(), ['Ain al-Asad Air Base', 'Harir Air Base']);
    for (const e of events) {
      assert.equal(e.munitions, null);
      assert.equal(e.injured, null);
      assert.equal(e.date, '2024-01-10');
    }
  });

  it('one incident mentioned twice in an article is one record with merged fields', () => {
    const events = extract(
      'تعرضت قاعدة عين الأسد لهجوم بطائرة مسيرة فجر اليوم.\nوقال مصدر أمني إن الهجوم على قاعدة عين الأسد لم يسفر عن أي إصابات.',
    );
    assert.equal(events.length, 1);
    assert.equal(events[0].date, '2024-01-10');
    assert.equal(events[0].killed, 0);
  });

  it('blame is not a claim: the blamed state is not the actor', () => {
    const events = extract(
      'سقطت ثلاثة صواريخ على قاعدة عين الأسد فجر اليوم.\nوحمّلت واشنطن الفصائل التي تدعمها إيران المسؤولية عن سلسلة الهجمات.',
    );
    assert.equal(events.length, 1);
    assert.equal(events[0].actor, null);
  });

  it('a named claimant in the next sentence is the actor', () => {
    const events = extract('استهدفت طائرة مسيرة قاعدة حرير مساء أمس.\nوتبنت كتائب حزب الله الهجوم في بيان.');
    assert.equal(events[0]?.actor, "Kata'ib Hezbollah");
    assert.equal(events[0]?.actor_umbrella, 'Islamic Resistance in Iraq');
  });

  it('a claim in the article reaches an event up to two sentences before it, no farther, never after', () => {
    const event = 'استهدفت طائرة مسيرة قاعدة حرير مساء أمس.';
    const claim = 'وأعلنت كتائب حزب الله مسؤوليتها في بيان.';
    const filler = ['وأفاد شهود بسماع دوي في المنطقة.', 'وأغلقت الطرق المؤدية إليها.'];
    const actors = (text: string) => extract(text).map((e) => [e.place, e.actor]);
    assert.deepEqual(actors(`${event} ${filler[0]} ${claim}`), [['Harir Air Base', "Kata'ib Hezbollah"]]);
    assert.deepEqual(actors(`${event} ${filler.join(' ')} ${claim}`), [['Harir Air Base', null]]);
    assert.deepEqual(actors(`${claim} ${filler[0]} ${event}`), [['Harir Air Base', null]]);
    // a second event far into the article takes the claim after it, the first none
    assert.deepEqual(
      actors(
        `${event} ${filler.join(' ')} ${claim} وفي سياق آخر، سقطت ثلاثة صواريخ على قاعدة عين الأسد فجر اليوم. وأعلنت المقاومة الإسلامية في العراق مسؤوليتها.`,
      ),
      [
        ['Harir Air Base', null],
        ['Ain al-Asad Air Base', 'Islamic Resistance in Iraq'],
      ],
    );
  });

  it('an announcement of its own attack is a claim, an announcement of casualties is not', () => {
    const [claimed] = extract(
      'أعلنت المقاومة الإسلامية في العراق استهداف قاعدة حرير بطائرة مسيرة فجر اليوم.',
    );
    assert.equal(claimed?.actor, 'Islamic Resistance in Iraq');
    const [reported] = extract(
      'أعلنت القيادة المركزية الأمريكية مقتل جنديين في هجوم بطائرة مسيرة على البرج 22 فجر اليوم.',
    );
    assert.equal(reported?.actor, null);
  });

  it('evidence spans map to the original text through diacritics and tatweel', () => {
    const text = 'سَقَطَتْ صـواريخُ على قَاعِدَةِ عين الأَسَد أمس.';
    const [e] = extract(text);
    assert.ok(e);
    const [ps, pe] = e.spans.place as [number, number];
    assert.equal(text.slice(ps, pe), 'قَاعِدَةِ عين الأَسَد');
  });
});

describe('extractArticle: what is not an attack', () => {
  const negatives: [string, string][] = [
    ['threat', 'توعدت كتائب حزب الله باستهداف قاعدة عين الأسد إذا لم تنسحب القوات الأمريكية.'],
    ['future', 'سوف تستهدف الفصائل قاعدة حرير بالصواريخ في الأيام المقبلة.'],
    ['conditional', 'إذا تعرضت السفارة الأمريكية لهجوم صاروخي فإن واشنطن سترد.'],
    ['negation', 'نفى مصدر أمني تعرض قاعدة عين الأسد لقصف صاروخي مساء أمس.'],
    [
      'tally',
      'أحصت وزارة الدفاع الأمريكية 92 هجوما على قواتها في قاعدة عين الأسد وقاعدة حرير منذ 17 تشرين الأول.',
    ],
    [
      'a tally over a span, in a report dated to the day',
      'وقالت الإدارة الذاتية في بيان اليوم الاثنين إن القوات التركية شنت 73 هجوما على مواقع في مدينة القامشلي خلال الأيام الثلاثة الماضية.',
    ],
    ['a warning of an attack', 'وجهت موسكو تحذيرات بشن هجوم على المسلحين في محيط قاعدة التنف.'],
    ['prospective: an imminent attack', 'وتحدث المسؤولون عن الهجوم الوشيك على قاعدة عين الأسد.'],
    ['prospective, a nisba adjective between', 'وتحدثت المصادر عن هجوم تركي مرتقب على مدينة منبج.'],
    [
      'a toll of strikes over months, in a report dated to the day',
      'وقال المرصد اليوم الخميس إن 40 مدنيا قتلوا جراء غارات التحالف على مدينة الرقة خلال الأشهر الستة الماضية.',
    ],
    ['strikes since a date', 'وقتل 300 من عناصر التنظيم جراء غارات التحالف على مدينة الرقة منذ أيلول 2014.'],
    [
      'the sentence after a tally goes on with it',
      'وأحصى المرصد 500 غارة للتحالف على محافظة الرقة منذ بداية العام. ولفت إلى مقتل 120 من عناصر التنظيم جراء الضربات على مواقعه في مدينة الطبقة.',
    ],
    ['habitual series', 'تتعرض قاعدة التنف باستمرار لهجمات بطائرات مسيرة.'],
    ['repeated, vague', 'استهدفت الفصائل قاعدة عين الأسد مرات عدة بالصواريخ.'],
    ['football', 'قاد المهاجم هجوما خطيرا في الدقيقة العاشرة على مرمى فريق الزوراء في بغداد.'],
    ['no place', 'استهدف هجوم بالصواريخ قاعدة عسكرية أمس.'],
    ['country only', 'استهدفت طائرات مسيرة القوات الأمريكية في العراق أمس.'],
    ['ongoing campaign', 'وتواصل الفصائل المسلحة استهداف القواعد الأمريكية في العراق وسوريا منذ أسابيع.'],
    [
      'a capital that speaks is its government',
      'واعتبرت أنقرة أن القصف الذي استهدف مواقع المسلحين أمس دفاع عن النفس.',
    ],
    ['an embassy placed elsewhere', 'وأحبطت الشرطة مخططا لتفجير السفارة الأمريكية في نيروبي أمس.'],
    ['question', 'هل تستطيع واشنطن وقف الهجمات على قاعدة عين الأسد؟'],
    // a death word ("توفي") is no sign of violence, as a killing word is
    ['a death after an animal attack', 'توفي راع في بلدة قرب مدينة القائم بعد هجوم من كلاب شاردة أمس.'],
    ['empty text', ''],
    ['no Arabic', 'Rockets hit Ain al-Asad air base on Monday.'],
  ];
  for (const [name, text] of negatives) {
    it(name, () => assert.deepEqual(extract(text), []));
  }

  // [text, the places of its records]: what the rules above must not block
  const kept: [string, string[]][] = [
    // a superlative compares one wave of strikes with the span
    [
      'استهدفت غارات للتحالف مواقع التنظيم في مدينة الرقة فجر اليوم، وهي الأعنف خلال الأشهر الماضية.',
      ['Ar-Raqqa Governorate'],
    ],
    // after a tally, a sentence with a date of its own tells an event
    [
      'وأحصى المرصد 500 غارة للتحالف على محافظة الرقة منذ بداية العام. وقتل 12 من عناصر التنظيم جراء غارات على مدينة الطبقة أمس.',
      ['Al-Thawrah'],
    ],
    // an "expected" attack that happened: the adjective is not right after the attack word
    ['استهدف الهجوم الصاروخي المتوقع منذ أيام قاعدة عين الأسد أمس.', ['Ain al-Asad Air Base']],
    // a warning after the attack is no threat of it
    ['قصفت الفصائل قاعدة حرير أمس، ووجهت تحذيرات للقوات الأمريكية.', ['Harir Air Base']],
  ];
  for (const [text, places] of kept) {
    it(`kept: ${text.slice(0, 40)}…`, () =>
      assert.deepEqual(
        extract(text).map((e) => e.place),
        places,
      ));
  }

  // rule time-clause: "في وقت", "في ظل" open a clause of their own (the context of the event
  // before them), unless a time adverbial ("في وقت متأخر") follows
  const contexts: [string, string[]][] = [
    [
      'وسقطت صواريخ على قاعدة عين الأسد أمس. ويأتي الهجوم في وقت تشهد فيه مدينة الفلوجة توترا أمنيا.',
      ['Ain al-Asad Air Base'],
    ],
    [
      'وسقطت صواريخ على قاعدة عين الأسد أمس، في ظل مفاوضات على إخراج المسلحين من مدينة الفلوجة.',
      ['Ain al-Asad Air Base'],
    ],
    // a time adverbial is no clause: the place after it is the strike's
    ['قصفت الطائرات في وقت متأخر من ليل أمس مواقع في مدينة الفلوجة.', ['Fallujah']],
    // an attack inside the context clause is an event of its own
    [
      'قصفت الطائرات مواقع في مدينة الفلوجة، في وقت سقطت فيه صواريخ على قاعدة عين الأسد.',
      ['Fallujah', 'Ain al-Asad Air Base'],
    ],
  ];
  for (const [text, places] of contexts) {
    it(`time-clause: ${text.slice(0, 40)}…`, () =>
      assert.deepEqual(
        extract(text).map((e) => e.place),
        places,
      ));
  }

  it('a relative date with no publication date gives no record', () => {
    assert.deepEqual(extract('سقطت ثلاثة صواريخ على قاعدة عين الأسد أمس.', null), []);
  });

  it('an absolute date needs no publication date', () => {
    const [e] = extract('سقطت ثلاثة صواريخ على قاعدة عين الأسد في 5 كانون الثاني 2022.', null);
    assert.equal(e?.date, '2022-01-05');
  });
});

describe('rule no-place-no-event: the reading stops early', () => {
  const published = '2024-01-10';
  const read = (text: string, stopEarly: boolean) =>
    readMentions(buildDoc(defaultLexicon(), { id: 't', published, text }), { stopEarly }).mentions.length;
  // [text, mentions of a full reading, of an early one, places of the events]
  const cases: [string, number, number, string[]][] = [
    // an attack abroad: the sentence of the attack word names no place the gazetteer knows
    ['استهدف هجوم صاروخي موكبا عسكريا في كابول يوم الاثنين. وأسفر الهجوم عن مقتل جنديين.', 2, 0, []],
    // a country is no event's place
    ['استهدف هجوم صاروخي موكبا عسكريا في العراق يوم الاثنين.', 1, 0, []],
    // an anaphor with no base, airport or facility named before it refers to nothing
    ['استهدف هجوم صاروخي نفس القاعدة يوم الاثنين.', 1, 0, []],
    // a place in the sentence of an attack word: read in full
    ['قصفت طائرات مسيرة قاعدة عين الأسد. وأسفر الهجوم عن مقتل جنديين.', 2, 2, ['Ain al-Asad Air Base']],
    // an anaphor ("نفس القاعدة") in the sentence of the attack word: read in full
    [
      'سقطت ثلاثة صواريخ على قاعدة عين الأسد. واستهدف هجوم نفس القاعدة يوم الاثنين.',
      2,
      2,
      ['Ain al-Asad Air Base'],
    ],
  ];
  for (const [text, full, early, places] of cases)
    it(text, () => {
      assert.equal(read(text, false), full);
      assert.equal(read(text, true), early);
      assert.deepEqual(
        extractArticle({ id: 't', published, text }).events.map((e) => e.place),
        places,
      );
    });
});

describe('rule no-attack-no-weapon: the reading stops early', () => {
  const read = (text: string, stopEarly: boolean) =>
    readMentions(buildDoc(defaultLexicon(), { id: 't', published: '2024-01-10', text }), { stopEarly });
  // [text, stops early, the weak-trigger drops a full reading finds, places of the events]
  const cases: [string, boolean, string[], string[]][] = [
    // weak attack words only ("أطلقت", "سقط") and no weapon: no mention, whatever the place
    ['أطلقت الشركة هاتفا جديدا في بغداد يوم الاثنين.', true, ['اطلقت'], []],
    ['سقط اللاعب في الملعب. وأطلق الحكم صافرة النهاية في أربيل.', true, ['سقط', 'اطلق'], []],
    // a weapon in the sentence of a weak attack word: read in full
    [
      'أطلقت فصائل مسلحة صاروخين على قاعدة عين الأسد في الأنبار يوم الاثنين.',
      false,
      [],
      ['Ain al-Asad Air Base'],
    ],
    // a strong attack word: read in full
    ['استهدف هجوم قاعدة عين الأسد في الأنبار يوم الاثنين.', false, [], ['Ain al-Asad Air Base']],
  ];
  for (const [text, stops, weakDrops, places] of cases)
    it(text, () => {
      const early = read(text, true);
      const full = read(text, false);
      assert.equal(early.mentions.length, full.mentions.length);
      // (stopping early keeps no drop reasons; a full reading, as explain does, keeps them)
      assert.deepEqual(
        early.dropped.length === 0 && full.dropped.length > 0,
        stops,
        'stopped before reading the clauses',
      );
      assert.deepEqual(
        full.dropped.filter((d) => d.reason.startsWith('weak-trigger')).map((d) => d.trigger),
        weakDrops,
      );
      assert.deepEqual(
        explainArticle({ id: 't', published: '2024-01-10', text }).dropped.map((d) => d.trigger),
        full.dropped.map((d) => d.trigger),
      );
      assert.deepEqual(
        extractArticle({ id: 't', published: '2024-01-10', text }).events.map((e) => e.place),
        places,
      );
    });
});

describe('toll-over-a-month: a whole month as the only date, with a word that sums up a toll', () => {
  const rows = (text: string) => extract(text, '2024-06-02').map((e) => [e.place, e.date, e.killed]);
  it('reads no event from a month toll, and lends its figure to none', () => {
    assert.deepEqual(
      rows(
        'وقتل 41 مدنيا في قصف للتحالف الدولي في شهر أيار من أصل 230 قتيلا في حصيلة هي الأدنى منذ بدء الحرب.',
      ),
      [],
    );
    assert.deepEqual(
      rows(
        'قتل 6 مدنيين في قصف للتحالف على بلدة هجين الخميس. وقتل 41 مدنيا في غارات للتحالف خلال شهر أيار بإجمالي 300 منذ بداية العام.',
      ),
      [['Hajin', '2024-05-30', 6]],
    );
    const x = explainArticle({
      id: 't',
      published: '2024-06-02',
      text: 'وقتل 41 مدنيا في قصف للتحالف الدولي في شهر أيار من أصل 230 قتيلا.',
    });
    assert.ok(x.dropped.some((d) => d.reason === 'tally: a toll over a whole month'));
  });
  it('keeps a month-dated attack, an updated toll and an origin', () => {
    assert.deepEqual(rows('وقتل 3 جنود في قصف للتحالف الدولي على بلدة هجين في شهر أيار الماضي.'), [
      ['Hajin', '2024-05', 3],
    ]);
    assert.deepEqual(rows('وارتفعت حصيلة القتلى في قصف على بلدة هجين في أيار الماضي إلى 12 قتيلا.'), [
      ['Hajin', '2024-05', 12],
    ]);
    // a day date makes it one attack
    assert.deepEqual(
      rows('وقتل 7 مدنيين في قصف للتحالف على بلدة هجين يوم 3 أيار من أصل 12 كانوا في المنزل.'),
      [['Hajin', '2024-05-03', 7]],
    );
    // "من أصل" before no number is an origin
    assert.deepEqual(rows('وقتل القيادي، وهو من أصل شيشاني، في قصف على بلدة هجين في أيار الماضي.'), [
      ['Hajin', '2024-05', 1],
    ]);
  });
});
