import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventRecord } from '../record/record.js';
import { isHardWrapped } from '../segment/segment.js';
import { explainArticle, extractArticle } from './extract.js';

// published 2024-01-10 is a Wednesday
const PUB = '2024-01-10';
const extract = (text: string, published: string | null = PUB) =>
  extractArticle({ id: 't', published, text }).events;

type Row = Pick<
  EventRecord,
  'type' | 'date' | 'place' | 'actor' | 'weapon' | 'munitions' | 'killed' | 'injured' | 'intercepted'
>;
const row = (e: EventRecord): Row => ({
  type: e.type,
  date: e.date,
  place: e.place,
  actor: e.actor,
  weapon: e.weapon,
  munitions: e.munitions,
  killed: e.killed,
  injured: e.injured,
  intercepted: e.intercepted,
});

const LEAD_THEN_SITE =
  'قتل جنديان أمريكيان وأصيب خمسة آخرون فجر اليوم الأربعاء بهجوم بطائرة مسيرة على القوات الأمريكية شرقي سوريا.\nوقال مسؤول أمريكي إن الهجوم وقع في قاعدة الشدادي بريف الحسكة.';

const LEAD_NO_PLACE =
  'قتل جنديان أمريكيان وأصيب خمسة آخرون فجر اليوم الأربعاء بهجوم بطائرة مسيرة على القوات الأمريكية.\nوقال مسؤول أمريكي إن الهجوم وقع في قاعدة الشدادي بريف الحسكة.';

describe('discourse: one event told over several sentences', () => {
  const cases: [string, string, Row[]][] = [
    [
      'a lead with the date, weapon and toll, then the site (lead-donor)',
      LEAD_NO_PLACE,
      [
        {
          type: 'Air/drone strike',
          date: '2024-01-10',
          place: 'Shaddadi base',
          actor: null,
          weapon: 'drone',
          munitions: 1,
          killed: 2,
          injured: 5,
          intercepted: false,
        },
      ],
    ],
    [
      'the outcome in the next sentence (outcome-donor)',
      'استهدف هجوم بثلاثة صواريخ قاعدة عين الأسد الجوية في الأنبار مساء أمس الثلاثاء.\nوأسفر الهجوم عن إصابة جنديين من قوات التحالف.',
      [
        {
          type: 'Shelling/artillery/missile attack',
          date: '2024-01-09',
          place: 'Ain al-Asad Air Base',
          actor: null,
          weapon: 'rocket',
          munitions: 3,
          killed: null,
          injured: 2,
          intercepted: false,
        },
      ],
    ],
    [
      'the claim in the next sentence',
      'تعرضت قاعدة حرير في أربيل لهجوم بطائرتين مسيرتين فجر اليوم.\nوأعلنت المقاومة الإسلامية في العراق مسؤوليتها عن الهجوم في بيان.',
      [
        {
          type: 'Air/drone strike',
          date: '2024-01-10',
          place: 'Harir Air Base',
          actor: 'Islamic Resistance in Iraq',
          weapon: 'drone',
          munitions: 2,
          killed: null,
          injured: null,
          intercepted: null,
        },
      ],
    ],
    [
      'an anaphor at another site takes the date, actor and weapon (anaphor-other-site)',
      'شنت طائرات حربية أمريكية ليل الأحد غارات على مواقع لفصائل مسلحة في مدينة البوكمال.\nواستهدف القصف أيضا مستودعات للأسلحة في مدينة الميادين.',
      [
        {
          type: 'Air/drone strike',
          date: '2024-01-07',
          place: 'Abu Kamal',
          actor: 'United States',
          weapon: 'aircraft',
          munitions: null,
          killed: null,
          injured: null,
          intercepted: false,
        },
        {
          type: 'Air/drone strike',
          date: '2024-01-07',
          place: 'Mayadin',
          actor: 'United States',
          weapon: 'aircraft',
          munitions: null,
          killed: null,
          injured: null,
          intercepted: false,
        },
      ],
    ],
    [
      'a denial that places the attack elsewhere is a rival account, not a second event (disputed-account)',
      'قتل جنديان أمريكيان بهجوم بطائرة مسيرة استهدف قاعدة الشدادي في ريف الحسكة.\nونفى متحدث باسم الحكومة السورية أن يكون الهجوم وقع في الشدادي، مؤكدا أن الهجوم استهدف قاعدة خراب الجير.',
      [
        {
          type: 'Air/drone strike',
          date: '2024-01',
          place: 'Shaddadi base',
          actor: null,
          weapon: 'drone',
          munitions: 1,
          killed: 2,
          injured: null,
          intercepted: false,
        },
      ],
    ],
    [
      'a correction with "بل" is a rival account too (disputed-account)',
      'استهدف هجوم بثلاثة صواريخ قاعدة عين الأسد الجوية في الأنبار.\nوقال مسؤول محلي إن الهجوم لم يستهدف عين الأسد بل كان على مطار بغداد الدولي.',
      [
        {
          type: 'Shelling/artillery/missile attack',
          date: '2024-01',
          place: 'Ain al-Asad Air Base',
          actor: null,
          weapon: 'rocket',
          munitions: 3,
          killed: null,
          injured: null,
          intercepted: null,
        },
      ],
    ],
    [
      'without a denial, a definite anaphor at another site is another site of the story',
      'استهدف هجوم بثلاثة صواريخ قاعدة عين الأسد الجوية في الأنبار فجر اليوم.\nوطال الهجوم أيضا مطار بغداد الدولي.',
      [
        {
          type: 'Shelling/artillery/missile attack',
          date: '2024-01-10',
          place: 'Ain al-Asad Air Base',
          actor: null,
          weapon: 'rocket',
          munitions: 3,
          killed: null,
          injured: null,
          intercepted: null,
        },
        {
          type: 'Shelling/artillery/missile attack',
          date: '2024-01-10',
          place: 'Baghdad International Airport',
          actor: null,
          weapon: 'rocket',
          munitions: null,
          killed: null,
          injured: null,
          intercepted: null,
        },
      ],
    ],
    [
      'a day that dates the announcement yields to the event day the statement gives (report_date)',
      'أعلنت القيادة المركزية الأمريكية، مساء أمس الثلاثاء، أن قاعدة الشدادي في ريف الحسكة تعرضت لهجوم بثلاثة صواريخ.\nوقالت القيادة في بيانها إن القاعدة تعرضت لهجوم بثلاثة صواريخ في 7 يناير.',
      [
        {
          type: 'Shelling/artillery/missile attack',
          date: '2024-01-07',
          place: 'Shaddadi base',
          actor: null,
          weapon: 'rocket',
          munitions: 3,
          killed: null,
          injured: null,
          intercepted: null,
        },
      ],
    ],
    [
      'two event days at one site stay two events: only a report date may precede its event',
      'تعرضت قاعدة الشدادي في ريف الحسكة لهجوم بثلاثة صواريخ مساء أمس الثلاثاء.\nوكانت القاعدة قد تعرضت لهجوم بثلاثة صواريخ في 7 يناير.',
      [
        {
          type: 'Shelling/artillery/missile attack',
          date: '2024-01-09',
          place: 'Shaddadi base',
          actor: null,
          weapon: 'rocket',
          munitions: 3,
          killed: null,
          injured: null,
          intercepted: null,
        },
        {
          type: 'Shelling/artillery/missile attack',
          date: '2024-01-07',
          place: 'Shaddadi base',
          actor: null,
          weapon: 'rocket',
          munitions: 3,
          killed: null,
          injured: null,
          intercepted: null,
        },
      ],
    ],
    [
      'a date in brackets glosses the one before it (another time zone) and does not date the event',
      'وقال مسؤول أمني إن "صباح اليوم الأربعاء 10 كانون الثاني، في الساعة 01:30 (22:30 ت غ ليل الثلاثاء)، سقط صاروخ على قاعدة عين الأسد الجوية".',
      [
        {
          type: 'Shelling/artillery/missile attack',
          date: '2024-01-10',
          place: 'Ain al-Asad Air Base',
          actor: null,
          weapon: 'rocket',
          munitions: 1,
          killed: null,
          injured: null,
          intercepted: false,
        },
      ],
    ],
    [
      "a fronted continuation by the same attacker takes the story's date and arm (story-weapon)",
      'شنت طائرات حربية أمريكية فجر اليوم غارات على مواقع في مدينة البوكمال.\nوفي العراق، استهدف قصف أمريكي مواقع في مدينة القائم.',
      [
        {
          type: 'Air/drone strike',
          date: '2024-01-10',
          place: 'Abu Kamal',
          actor: 'United States',
          weapon: 'aircraft',
          munitions: null,
          killed: null,
          injured: null,
          intercepted: false,
        },
        {
          type: 'Air/drone strike',
          date: '2024-01-10',
          place: 'Al-Qaim',
          actor: 'United States',
          weapon: 'aircraft',
          munitions: null,
          killed: null,
          injured: null,
          intercepted: false,
        },
      ],
    ],
    [
      'another attacker in the continuation takes the date but not the arm',
      'شنت طائرات حربية أمريكية فجر اليوم غارات على مواقع في مدينة البوكمال.\nوفي العراق، استهدف قصف تركي مواقع في قضاء سنجار.',
      [
        {
          type: 'Air/drone strike',
          date: '2024-01-10',
          place: 'Abu Kamal',
          actor: 'United States',
          weapon: 'aircraft',
          munitions: null,
          killed: null,
          injured: null,
          intercepted: false,
        },
        {
          type: 'Shelling/artillery/missile attack',
          date: '2024-01-10',
          place: 'Sinjar',
          actor: 'Turkey',
          weapon: null,
          munitions: null,
          killed: null,
          injured: null,
          intercepted: null,
        },
      ],
    ],
    [
      'a dawn and the day before are one night at one place, not at a place and a region around it',
      'قصفت طائرات حربية روسية فجر اليوم قرية شنان.\nوقتل يوم أمس ثلاثة مدنيين في غارة جوية روسية على ريف إدلب الجنوبي.',
      [
        {
          type: 'Air/drone strike',
          date: '2024-01-10',
          place: 'Shinan',
          actor: 'Russia',
          weapon: 'aircraft',
          munitions: null,
          killed: null,
          injured: null,
          intercepted: false,
        },
        {
          type: 'Air/drone strike',
          date: '2024-01-09',
          place: 'Southern Idlib Governorate',
          actor: 'Russia',
          weapon: 'aircraft',
          munitions: null,
          killed: 3,
          injured: null,
          intercepted: false,
        },
      ],
    ],
    [
      'the dateline names where the report was filed, not the place of the event',
      'دمشق- قصفت طائرات حربية إسرائيلية مساء أمس مطار التيفور في ريف حمص الشرقي، بحسب ما أفادت به مصادر محلية.',
      [
        {
          type: 'Air/drone strike',
          date: '2024-01-09',
          place: 'Tiyas (T-4) Air Base',
          actor: 'Israel',
          weapon: 'aircraft',
          munitions: null,
          killed: null,
          injured: null,
          intercepted: false,
        },
      ],
    ],
    [
      'a dateline that is the only place of the report stays its place',
      'بغداد- سقطت ثلاثة صواريخ كاتيوشا مساء أمس في العاصمة، بحسب ما أفادت به مصادر أمنية عراقية.',
      [
        {
          type: 'Shelling/artillery/missile attack',
          date: '2024-01-09',
          place: 'Baghdad Governorate',
          actor: null,
          weapon: 'rocket',
          munitions: 3,
          killed: null,
          injured: null,
          intercepted: false,
        },
      ],
    ],
    [
      'an event "days before" the main one (بعد أيام من إعلان X استهداف …) is its own, dated to the month',
      'وأعلنت المقاومة الإسلامية في العراق استهداف قاعدة عين الأسد بطائرة مسيرة فجر اليوم.\nوتأتي هجمات اليوم بعد أيام من إعلان المقاومة الإسلامية في العراق استهداف قاعدة عين الأسد بالصواريخ.',
      [
        {
          type: 'Air/drone strike',
          date: '2024-01-10',
          place: 'Ain al-Asad Air Base',
          actor: 'Islamic Resistance in Iraq',
          weapon: 'drone',
          munitions: 1,
          killed: null,
          injured: null,
          intercepted: null,
        },
        {
          type: 'Shelling/artillery/missile attack',
          date: '2024-01',
          place: 'Ain al-Asad Air Base',
          actor: 'Islamic Resistance in Iraq',
          weapon: 'rocket',
          munitions: null,
          killed: null,
          injured: null,
          intercepted: null,
        },
      ],
    ],
    [
      'an undated report next to a sentence that dates the same place takes that day before folding',
      'وأعلنت المقاومة الإسلامية في العراق استهداف قاعدة تل بيدر فجر اليوم.\nوأفاد مراسل، أمس الثلاثاء، بسماع انفجارات في قاعدة تل بيدر.\nوأضاف المراسل أن طائرات مسيرة استهدفت قاعدة تل بيدر.',
      [
        {
          type: 'Shelling/artillery/missile attack',
          date: '2024-01-10',
          place: 'Tal Baydar base',
          actor: 'Islamic Resistance in Iraq',
          weapon: null,
          munitions: null,
          killed: null,
          injured: null,
          intercepted: null,
        },
        {
          type: 'Air/drone strike',
          date: '2024-01-09',
          place: 'Tal Baydar base',
          actor: null,
          weapon: 'drone',
          munitions: null,
          killed: null,
          injured: null,
          intercepted: null,
        },
      ],
    ],
    [
      'a toll over attacks on bases in general is a total, given to no one event',
      'استهدفت طائرة مسيرة قاعدة حرير في أربيل فجر اليوم.\nوأعلن البنتاغون إصابة 45 جنديا جراء هجمات استهدفت قواعده في العراق وسوريا.',
      [
        {
          type: 'Air/drone strike',
          date: '2024-01-10',
          place: 'Harir Air Base',
          actor: null,
          weapon: 'drone',
          munitions: 1,
          killed: null,
          injured: null,
          intercepted: null,
        },
      ],
    ],
    [
      'a bare night word in the news is the night that ended on the publication day',
      'وقال مسؤولون إن الهجوم بطائرة مسيرة على قاعدة الشدادي في ريف الحسكة وقع خلال الليل.',
      [
        {
          type: 'Air/drone strike',
          date: '2024-01-10',
          place: 'Shaddadi base',
          actor: null,
          weapon: 'drone',
          munitions: 1,
          killed: null,
          injured: null,
          intercepted: null,
        },
      ],
    ],
  ];
  for (const [name, text, want] of cases)
    it(name, () => {
      assert.deepEqual(extract(text).map(row), want);
    });

  it('takes the updated toll of a later sentence (resolveTolls: latest-update)', () => {
    const [e] = extract(
      'قتل ثلاثة جنود عراقيين مساء أمس الثلاثاء بهجوم بقذائف الهاون على قاعدة بلد الجوية.\nوارتفعت حصيلة القتلى في الهجوم إلى خمسة جنود.',
    );
    assert.deepEqual([e.place, e.killed], ['Balad Air Base', 5]);
  });

  it('folds a lead located only by a macro-region into the site inside it (nested-site)', () => {
    const x = explainArticle({ id: 't', published: PUB, text: LEAD_THEN_SITE });
    assert.deepEqual(
      x.links.map((l) => [l.from, l.to, l.rule, l.fold]),
      [[0, 1, 'nested-site', true]],
    );
  });

  it('names the rule of every link and filled slot', () => {
    const x = explainArticle({ id: 't', published: PUB, text: LEAD_NO_PLACE });
    assert.deepEqual(
      x.links.map((l) => [l.from, l.to, l.rule, l.fold]),
      [[0, 1, 'lead-donor', true]],
    );
    assert.deepEqual(x.events[0].filled, {
      date: 'donor:0',
      weapon: 'donor:0',
      munitions: 'donor:0',
      killed: 'donor:0',
      injured: 'donor:0',
      intercepted: 'donor:0',
      target: 'donor:0',
    });
    assert.equal(x.records.length, 1);
  });

  it('keeps the evidence span of a donated field on the donor sentence', () => {
    const [e] = extract(LEAD_THEN_SITE);
    assert.equal(LEAD_THEN_SITE.slice(...(e.spans.killed as [number, number])), 'جنديان');
    assert.ok((e.spans.place as [number, number])[0] > LEAD_THEN_SITE.indexOf('\n'));
  });
});

describe('discourse: what must stay apart', () => {
  const cases: [string, string, [string, string | null, string | null][]][] = [
    [
      'the same base on two days is two events',
      'سقط صاروخان على قاعدة عين الأسد يوم السبت.\nوفي يوم الاثنين سقطت ثلاثة صواريخ أخرى على القاعدة ذاتها.',
      [
        ['Ain al-Asad Air Base', '2024-01-06', null],
        ['Ain al-Asad Air Base', '2024-01-08', null],
      ],
    ],
    [
      'a foiled attack and one that landed are two events',
      'أسقطت الدفاعات الجوية طائرة مسيرة قرب قاعدة حرير فجر اليوم.\nوفي هجوم آخر سقط صاروخان على القاعدة مساء أمس.',
      [
        ['Harir Air Base', '2024-01-10', null],
        ['Harir Air Base', '2024-01-09', null],
      ],
    ],
    [
      'two named attackers at one airport are two events',
      'قصفت طائرات إسرائيلية مطار دمشق الدولي فجر اليوم.\nوفي وقت لاحق، أعلنت المقاومة الإسلامية في العراق استهداف مطار دمشق بطائرة مسيرة.',
      [
        ['Damascus International Airport', '2024-01-10', 'Israel'],
        ['Damascus International Airport', '2024-01-10', 'Islamic Resistance in Iraq'],
      ],
    ],
    [
      'background in the pluperfect does not take the story date',
      'استهدف هجوم صاروخي قاعدة فكتوريا قرب مطار بغداد فجر اليوم.\nوكانت تعرضت قاعدة بلد الجوية لهجوم مماثل.',
      [
        ['Camp Victory (Victoria Base)', '2024-01-10', null],
        ['Balad Air Base', '2024-01', null],
      ],
    ],
    [
      'an old dated event is no story date for the news after it',
      'في 8 كانون الثاني 2020 قصفت إيران قاعدة عين الأسد بصواريخ باليستية.\nواستهدف هجوم بطائرة مسيرة قاعدة حرير في أربيل.',
      [
        ['Ain al-Asad Air Base', '2020-01-08', 'Iran'],
        ['Harir Air Base', '2024-01', null],
      ],
    ],
    [
      'undated news does not fold into a similar attack of an earlier month at the same place',
      'استهدف هجوم بطائرة مسيرة مفخخة مطار أربيل الدولي.\nوتعرض مطار أربيل لهجوم مماثل في نيسان الماضي.',
      [
        ['Erbil International Airport', '2024-01', null],
        ['Erbil International Airport', '2023-04', null],
      ],
    ],
    [
      'an outcome dated another day is not the outcome of this event',
      'استهدف قصف صاروخي قاعدة حرير فجر اليوم.\nوقتل جنديان في هجوم آخر يوم 3 كانون الثاني.',
      [['Harir Air Base', '2024-01-10', null]],
    ],
    [
      '"عدم تعرض … لأي هجوم": a denial reports nothing',
      'أكد جهاز مكافحة الإرهاب عدم تعرض قاعدة حرير في أربيل لأي هجوم أمس الأحد.',
      [],
    ],
    [
      'a football attack is no attack, even when it is referred to again',
      'قاد المهاجم هجوما خطيرا في الدقيقة العاشرة.\nوسجل الهجوم هدفا في مرمى الفريق الضيف.',
      [],
    ],
  ];
  for (const [name, text, want] of cases)
    it(name, () => {
      assert.deepEqual(
        extract(text).map((e) => [e.place, e.date, e.actor]),
        want,
      );
    });
});

describe('discourse: embedded events', () => {
  it('splits "ردا على …" into its own event, with its own date and no leaked actor', () => {
    const got = extract(
      'قصفت طائرات أمريكية مواقع لفصيل مسلح في مدينة القائم يوم الأحد ردا على هجوم بطائرة مسيرة استهدف قاعدة التنف يوم الجمعة.',
    ).map((e) => [e.place, e.date, e.actor, e.weapon]);
    assert.deepEqual(got, [
      ['Al-Qaim', '2024-01-07', 'United States', 'aircraft'],
      ['Al-Tanf garrison', '2024-01-05', null, 'drone'],
    ]);
  });

  it('does not record an undated reference to another event, and says why', () => {
    const text =
      'قصفت طائرات أمريكية مواقع لفصيل مسلح في مدينة القائم يوم الأحد ردا على هجوم بطائرة مسيرة استهدف قاعدة التنف.';
    assert.deepEqual(
      extract(text).map((e) => e.place),
      ['Al-Qaim'],
    );
    const x = explainArticle({ id: 't', published: PUB, text });
    assert.ok(x.dropped.some((d) => d.reason.startsWith('embedded-undated')));
  });

  it('reads the lam agent of a strike noun past its manner words ("قصف جوي وصاروخي للتحالف")', () => {
    const rows = (text: string) => extract(text).map((e) => [e.place, e.actor, e.target, e.killed]);
    assert.deepEqual(rows('قتل 5 مدنيين في قصف جوي وصاروخي للتحالف الدولي على بلدة هجين في ريف دير الزور.'), [
      ['Hajin', 'Global Coalition against ISIS', 'civilians', 5],
    ]);
    // the bare short name is no actor of its own, but never the target of its own strike
    assert.deepEqual(rows('قتل 5 مدنيين في قصف جوي للتحالف على بلدة هجين في ريف دير الزور.'), [
      ['Hajin', null, 'civilians', 5],
    ]);
    // a lam phrase that names the thing struck stays the target
    assert.deepEqual(
      rows('سقطت قذائف في قصف صاروخي استهدف مقرا للتحالف الدولي في بلدة هجين بريف دير الزور.'),
      [['Hajin', null, 'coalition', null]],
    );
  });

  it('names no attacker after a drone that only set off ("بعد شهرين من انطلاق الطائرة الإيرانية منها")', () => {
    const actors = (text: string) => extract(text).map((e) => [e.place, e.actor]);
    assert.deepEqual(
      actors(
        'وتعرضت قاعدة التيفور لضربة جوية يوم الأحد بعد نحو شهرين من انطلاق الطائرة الإيرانية المسيرة منها.',
      ),
      [['Tiyas (T-4) Air Base', null]],
    );
    assert.deepEqual(actors('قصفت طائرة مسيرة إيرانية قاعدة التنف يوم الأحد.'), [
      ['Al-Tanf garrison', 'Iran'],
    ]);
  });

  it('reads "قتل … إثر هجوم" as one event: the attack is the cause of the deaths', () => {
    const got = extract('قتل جنديان عراقيان يوم الأحد إثر هجوم لتنظيم داعش على نقطة عسكرية في قضاء الحويجة.');
    assert.deepEqual(
      got.map((e) => [e.place, e.date, e.actor, e.killed]),
      [['Hawija', '2024-01-07', 'Islamic State', 2]],
    );
  });
});

describe('discourse: hard line-wrapped text', () => {
  const flowing =
    'قتل جنديان أمريكيان وأصيب خمسة آخرون فجر اليوم الأربعاء بهجوم بطائرة مسيرة على القوات الأمريكية شرقي سوريا، وقال مسؤول أمريكي إن الهجوم وقع في قاعدة الشدادي بريف الحسكة بينما لم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن.';
  const wrapped =
    'قتل جنديان أمريكيان وأصيب خمسة آخرون فجر اليوم\nالأربعاء بهجوم بطائرة مسيرة على القوات\nالأمريكية شرقي سوريا، وقال مسؤول أمريكي إن\nالهجوم وقع في قاعدة الشدادي بريف الحسكة\nبينما لم تعلن أي جهة مسؤوليتها عن الهجوم حتى\nالآن.';

  it('detects a wrapped column, and not headlines with paragraphs', () => {
    assert.equal(isHardWrapped(wrapped), true);
    assert.equal(isHardWrapped(LEAD_THEN_SITE), false);
    assert.equal(
      isHardWrapped(
        'عنوان الخبر\n\nالفقرة الأولى من الخبر تنتهي هنا.\nالفقرة الثانية تنتهي هنا.\nوالثالثة كذلك.\nوالرابعة.',
      ),
      false,
    );
  });

  it('reads a wrapped article like the same text unwrapped', () => {
    const a = extract(flowing).map(row);
    const b = extract(wrapped).map(row);
    assert.equal(a.length, 1);
    assert.deepEqual(b, a);
    assert.equal(a[0].killed, 2);
    assert.equal(a[0].place, 'Shaddadi base');
  });

  it('keeps evidence offsets in the original wrapped text', () => {
    const [e] = extract(wrapped);
    assert.equal(wrapped.slice(...(e.spans.place as [number, number])), 'قاعدة الشدادي');
  });
});

describe('places: spots of one town are one event at the town', () => {
  const cases: [string, string, [string, number][]][] = [
    [
      'two spots inside a town named after them become the town',
      'قصفت طائرات مسيرة منطقة البطين ومعبر السكك في مدينة البوكمال فجر اليوم.',
      [['Abu Kamal', 1]],
    ],
    [
      'a single neighbourhood inside a city stays itself',
      'استهدفت غارة إسرائيلية مبنى في حي المزة بدمشق فجر اليوم.',
      [['Mezzeh', 1]],
    ],
    [
      'a spot named in a town but found in another province is a homonym',
      'قصفت طائرات أمريكية منطقة الحمدانية بمدينة الميادين فجر اليوم.',
      [['Mayadin', 1]],
    ],
  ];
  for (const [name, text, want] of cases)
    it(name, () => {
      assert.deepEqual(
        extract(text).map((e) => [e.place, e.geo_precision]),
        want,
      );
    });
});

describe('actors: a short name refers back to the one group of the article that it begins', () => {
  const between =
    '\nوطالبت الحكومة العراقية بإخراج القوات الأجنبية من البلاد.\nوعقد البرلمان جلسة لمناقشة الانسحاب.\n';
  const later = 'وفي وقت لاحق، أعلنت المقاومة قصف قاعدة عين الأسد بالصواريخ اليوم.';
  it('"المقاومة" after "المقاومة الإسلامية في العراق" is that group', () => {
    const got = extract(
      `أعلنت المقاومة الإسلامية في العراق استهداف قاعدة حرير بطائرة مسيرة أمس.${between}${later}`,
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.actor]),
      [
        ['Harir Air Base', 'Islamic Resistance in Iraq'],
        ['Ain al-Asad Air Base', 'Islamic Resistance in Iraq'],
      ],
    );
  });
  it('"الحركة" after "حركة النجباء" is that group: the article does not hide it', () => {
    const got = extract(
      'أصدرت حركة النجباء بيانا أمس.\nوأكدت الحركة أن مقاتليها قصفوا قاعدة حرير بطائرة مسيرة أمس.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.actor]),
      [['Harir Air Base', 'Harakat al-Nujaba']],
    );
  });
  it('the short-named speaker of a first-person statement is the attacker', () => {
    const got = extract(
      `أعلنت المقاومة الإسلامية في العراق استهداف قاعدة حرير بطائرة مسيرة أمس.${between}وأوضحت المقاومة في بيانها: "هاجم مجاهدونا اليوم قاعدة عين الأسد بالطيران المسير".`,
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.actor]),
      [
        ['Harir Air Base', 'Islamic Resistance in Iraq'],
        ['Ain al-Asad Air Base', 'Islamic Resistance in Iraq'],
      ],
    );
  });
  it('a short name that begins no group named in the article stays unread', () => {
    const got = extract(`أعلنت كتائب حزب الله استهداف قاعدة حرير بطائرة مسيرة أمس.${between}${later}`);
    assert.deepEqual(
      got.map((e) => [e.place, e.actor]),
      [
        ['Harir Air Base', "Kata'ib Hezbollah"],
        ['Ain al-Asad Air Base', null],
      ],
    );
  });
});

describe('discourse: the night window', () => {
  it('one attack told as "فجر اليوم" and as "ليل أمس" is one event, dated by the first telling', () => {
    const got = extract(
      'تعرضت قاعدة حرير لهجوم بطائرة مسيرة فجر اليوم الأربعاء.\nوقال مسؤول كردي إن طائرة مسيرة استهدفت قاعدة حرير ليل أمس الثلاثاء.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date]),
      [['Harir Air Base', '2024-01-10']],
    );
  });
  it('adjacent days with no night are two events', () => {
    const got = extract(
      'سقط صاروخان على قاعدة حرير يوم الاثنين.\nوسقط صاروخ آخر على قاعدة حرير يوم الثلاثاء.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date]),
      [
        ['Harir Air Base', '2024-01-08'],
        ['Harir Air Base', '2024-01-09'],
      ],
    );
  });
});

describe('mentions: the kind and the weapon a trigger names', () => {
  const cases: [string, string, [string, string | null]][] = [
    [
      'a suicide bombing is an explosive device, and "ساحة الطيران" is a square, not aircraft',
      'تبنى تنظيم داعش التفجير الانتحاري المزدوج الذي استهدف ساحة الطيران وسط بغداد يوم الأحد.',
      ['Suicide bomb', 'ied'],
    ],
    [
      'a drone named in the clause still names the weapon next to a square',
      'قصفت طائرة مسيرة تجمعا قرب ساحة الطيران وسط بغداد يوم الأحد.',
      ['Air/drone strike', 'drone'],
    ],
  ];
  for (const [name, text, want] of cases)
    it(name, () => {
      assert.deepEqual(
        extract(text).map((e) => [e.type, e.weapon]),
        [want],
      );
    });
});

describe('discourse: a clause dated against another event', () => {
  it('"قبل هذا الهجوم بساعات" takes the month of that event', () => {
    const got = extract(
      'سقطت صواريخ على قاعدة فكتوريا فجر اليوم.\nوقبل هذا الهجوم بساعات، أسقطت الدفاعات طائرتين مسيرتين قرب قاعدة عين الأسد.',
      '2024-01-12',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date, e.intercepted]),
      [
        ['Camp Victory (Victoria Base)', '2024-01-12', false],
        ['Ain al-Asad Air Base', '2024-01', true],
      ],
    );
  });
});

describe('discourse: an event a duration before the one reported', () => {
  it('"بعد يوم على هجوم …" is its own event in the month of the news it precedes, which names no date', () => {
    const got = extract(
      'استهدف هجوم بطائرة مسيرة مطار أربيل الدولي.\nويأتي الهجوم بعد يوم على هجوم بصواريخ استهدف قاعدة عين الأسد الجوية.',
      '2024-01-12',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date, e.weapon]),
      [
        ['Erbil International Airport', '2024-01', 'drone'],
        ['Ain al-Asad Air Base', '2024-01', 'rocket'],
      ],
    );
  });

  it('"بعد أقل من أسبوع على إعلان X ضرب …": the words around the duration do not hide the embedding', () => {
    const got = extract(
      'قصفت طائرة مسيرة قاعدة حرير فجر اليوم.\nويأتي هذا الاستهداف بعد أقل من أسبوع على إعلان المقاومة الإسلامية في العراق استهداف قاعدة عين الأسد بالصواريخ.',
      '2024-01-12',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date, e.actor]),
      [
        ['Harir Air Base', '2024-01-12', null],
        ['Ain al-Asad Air Base', '2024-01', 'Islamic Resistance in Iraq'],
      ],
    );
  });

  it('"ردا على هجوم" is no duration: an undated reply stays unrecorded', () => {
    const got = extract(
      'قصفت طائرات أمريكية مواقع في مدينة القائم فجر اليوم ردا على استهداف الفصائل لقاعدة عين الأسد.',
      '2024-01-12',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date]),
      [['Al-Qaim', '2024-01-12']],
    );
  });
});

describe('segment: one wrapped paragraph in a text that is not wrapped throughout', () => {
  const text = [
    'عنوان الخبر',
    'يوم الأحد 7 كانون الثاني، شهدت قاعدة الجيش الأمريكي في منطقة الرميلان',
    'النفطية بريف محافظة الحسكة، شرقي سوريا، سلسلة من الانفجارات نتيجة هجوم',
    'برشقات صاروخية مباشرة.',
    'وقالت مصادر محلية إن الأضرار اقتصرت على الماديات، ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن.',
  ].join('\n');
  it('reads the wrapped sentence whole: its date, place and weapon are one event', () => {
    assert.deepEqual(
      extract(text).map((e) => [e.place, e.date, e.weapon]),
      [['Rmeilan', '2024-01-07', 'rocket']],
    );
  });
  it('keeps a headline over a paragraph of one long line apart', () => {
    const t =
      'قصف صاروخي يستهدف قاعدة عين الأسد غربي العراق في ساعة مبكرة\nتعرضت قاعدة حرير في أربيل لهجوم بطائرة مسيرة صباح اليوم الأربعاء، بحسب ما أفاد مصدر أمني عراقي لوسائل إعلام محلية، دون وقوع إصابات.';
    assert.deepEqual(
      extract(t).map((e) => e.place),
      ['Ain al-Asad Air Base', 'Harir Air Base'],
    );
  });
});

describe('modality: a series that names the parts of one event', () => {
  it('"سلسلة من الانفجارات نتيجة هجوم" is one attack, "سلسلة من الهجمات" is not', () => {
    assert.deepEqual(
      extract('شهدت قاعدة عين الأسد مساء أمس الثلاثاء سلسلة من الانفجارات نتيجة هجوم صاروخي.').map((e) => [
        e.place,
        e.date,
      ]),
      [['Ain al-Asad Air Base', '2024-01-09']],
    );
    assert.deepEqual(extract('شهدت قاعدة عين الأسد سلسلة من الهجمات الصاروخية خلال الأشهر الماضية.'), []);
  });
});

describe('mentions: attacks on bases in general', () => {
  it('"شهدت سوريا مؤخرا هجمات على قواعد …، منها X وY": a vague time does not make the series an event', () => {
    assert.deepEqual(
      extract(
        'وشهدت سوريا مؤخرا هجمات على قواعد ينتشر فيها الجيش الأمريكي، منها قاعدة التنف وقاعدة الشدادي، بطائرات مسيرة.',
      ),
      [],
    );
  });
  it('a dated attack on named bases stays', () => {
    assert.deepEqual(
      extract('وشهدت قاعدتا التنف والشدادي أمس هجمات بطائرات مسيرة.').map((e) => [e.place, e.date]),
      [
        ['Al-Tanf garrison', '2024-01-09'],
        ['Shaddadi base', '2024-01-09'],
      ],
    );
  });
});

describe('mentions: kinds and series', () => {
  it('"الهجوم الجوي" is an air strike', () => {
    assert.deepEqual(
      extract('نفذ الطيران الأمريكي أمس هجوما جويا على مواقع للحشد الشعبي في مدينة القائم.').map((e) => [
        e.type,
        e.weapon,
      ]),
      [['Air/drone strike', 'aircraft']],
    );
  });
  it('"سبق أن تبنت هجمات سابقة في بغداد" tells a series, not an event', () => {
    assert.deepEqual(extract('وسبق أن تبنت الجماعة هجمات سابقة في بغداد استهدفت أرتالا للتحالف الدولي.'), []);
  });
});

describe('discourse: a strike told as "غارة" and as a drone is one event', () => {
  it('folds and keeps the drone', () => {
    const got = extract(
      'قالت مصادر إن طائرة مسيرة تركية استهدفت سيارة شرقي مدينة القامشلي مما أدى إلى سقوط قتيل.\nولم تعلق أنقرة على الأمر حتى الآن.\nكما قالت وكالة محلية إن الغارة التركية استهدفت السيارة بجوار مركز البريد في مدينة القامشلي.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.weapon, e.killed]),
      [['Al-Qamishli', 'drone', 1]],
    );
  });
  it('a strike by aircraft and a rocket attack at one base on one day stay two events', () => {
    const got = extract(
      'سقطت ثلاثة صواريخ أمس على قاعدة عين الأسد.\nوفي وقت لاحق، شنت طائرات أمريكية غارة على مواقع للفصائل في مدينة القائم.',
    );
    assert.equal(got.length, 2);
  });
});

describe('modality: a report called false, a test, a habit', () => {
  const none = (t: string) => it(t, () => assert.deepEqual(extract(t), []));
  none('وأكد مصدر في التحالف أن الأنباء عن استهداف قاعدة عين الأسد بالصواريخ أمس ليست صحيحة.');
  none('وقال المصدر إن أصوات الانفجارات في قاعدة عين الأسد أمس ناجمة عن تدريبات عسكرية.');
  none('وقال مصدر إن السفارة الأمريكية في بغداد اختبرت أمس نظاما جديدا مما نتج عنه سماع دوي انفجارات.');
  none('ودأبت السفارة الأمريكية في بغداد على إطلاق صفارات الإنذار كلما تعرضت لهجمات بالصواريخ.');
  none('انتشرت القوات التركية في بعشيقة أواخر عام 2015 وهو ما اعتبرته الحكومة العراقية عدوانا على البلاد.');
  it('a dated wave of air strikes is one event; a wave of attacks stays a series', () => {
    assert.deepEqual(
      extract('شنت الطائرات التركية، ليل الاثنين الثلاثاء، سلسلة غارات جوية على مدينة القامشلي.').map((e) => [
        e.place,
        e.weapon,
      ]),
      [['Al-Qamishli', 'aircraft']],
    );
    assert.deepEqual(
      extract(
        'أصيب جندي أمريكي بجروح طفيفة الثلاثاء في أحدث موجة من الهجمات على القوات الأمريكية في العراق.',
      ),
      [],
    );
  });
  it('a true report stays', () => {
    assert.equal(extract('وأكد مصدر أن الأنباء عن استهداف قاعدة عين الأسد بالصواريخ أمس صحيحة.').length, 1);
  });
});

describe('discourse: a lead that names the day and who, but no site', () => {
  it('dates the sites its statement lists', () => {
    const got = extract(
      'أعلنت كتائب حزب الله، مساء اليوم الأربعاء، استهداف 4 قواعد أمريكية بـ 6 هجمات في العراق وسوريا.\nوأضافت أن العمليات جاءت ردا على ما يجري في غزة.\nوتابعت أن المقاومة مستمرة.\nوقالت كتائب حزب الله في بيان لها إن مجاهديها استهدفوا قاعدة عين الأسد وقاعدة حرير.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date, e.actor]),
      [
        ['Ain al-Asad Air Base', '2024-01-10', "Kata'ib Hezbollah"],
        ['Harir Air Base', '2024-01-10', "Kata'ib Hezbollah"],
      ],
    );
  });
  it('does not date the sites of another attacker', () => {
    const got = extract(
      'أعلنت كتائب حزب الله، مساء اليوم الأربعاء، استهداف قاعدتين أمريكيتين.\nوفي سياق آخر، هاجم تنظيم داعش نقطة للجيش في قضاء الحويجة.',
    );
    assert.deepEqual(
      got.map((e) => e.date),
      ['2024-01'],
    );
  });
});

describe('discourse: "the second of its kind" restates the event told', () => {
  it('folds into the event before, and takes no date from the earlier event it names', () => {
    const got = extract(
      'تعرضت قاعدة بلد الجوية، اليوم الأربعاء، لقصف بثلاثة صواريخ كاتيوشا.\nوتضم قاعدة عين الأسد الجوية قوات أمريكية أيضا.\nوهذا هو القصف الثاني من نوعه الذي تتعرض له القاعدة بعد سقوط صاروخ قربها الأحد الماضي.',
    );
    // the earlier event is one of its own, at the counted event's site (not the base named between)
    assert.deepEqual(
      got.map((e) => [e.place, e.date, e.munitions]),
      [
        ['Balad Air Base', '2024-01-10', 3],
        ['Balad Air Base', '2024-01-07', 1],
      ],
    );
  });
});

describe('mentions: the interceptor is not the attacker', () => {
  it('who stands before an interception is the defender; who is named after it attacked', () => {
    const rows = (t: string) => extract(t).map((e) => [e.type, e.actor]);
    // (an attempt to intercept is no interception: rule failed-interception)
    assert.deepEqual(rows('حاولت قذائف أميركية أمس اعتراض صواريخ أطلقت على قاعدة حرير.'), [
      ['Shelling/artillery/missile attack', null],
    ]);
    assert.deepEqual(rows('اعترضت الدفاعات الجوية أمس صواريخ إسرائيلية فوق مطار دمشق الدولي.'), [
      ['Disrupted weapons use', 'Israel'],
    ]);
  });
});

describe('mentions: clauses with dates of their own', () => {
  it('"سجل أول استهداف في نيسان، ثم استهدفت في أيار مصفاة X": the second clause keeps its own date', () => {
    const got = extract(
      'وسجل أول استهداف بالصواريخ في نيسان/أبريل الماضي، ثم استهدفت في أيار/مايو الماضي مصفاة بيجي بقذائف صاروخية.',
      '2024-07-25',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date]),
      [['Baiji', '2024-05']],
    );
  });

  it('a vague date of another clause does not date the event', () => {
    const got = extract(
      'تعرض حقل خورمور الغازي إلى قصف صاروخي، فيما شهدت مواقع للنفط في الإقليم هجمات مماثلة في الأشهر الأخيرة.',
      '2024-07-25',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date]),
      [['Khor Mor gas field', '2024-07']],
    );
  });

  it('an office named after a town is no site: "قائمقام قضاء جمجمال"', () => {
    const got = extract('وقال قائمقام قضاء جمجمال إن حقل كورمور تعرض لقصف بثلاثة صواريخ.', '2024-07-25');
    assert.deepEqual(
      got.map((e) => [e.place, e.munitions]),
      [['Khor Mor gas field', 3]],
    );
  });
});

describe('discourse: a province and a site by its capital', () => {
  it('"دمشق" and "مطار دمشق الدولي" (in Rif Dimashq) are one event', () => {
    const got = extract(
      'قصف إسرائيلي على دمشق فجر اليوم.\nوقالت مصادر إن الغارات الإسرائيلية استهدفت مطار دمشق الدولي.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date]),
      [['Damascus International Airport', '2024-01-10']],
    );
  });
  it('an airport of another province is another event', () => {
    const got = extract(
      'غارات إسرائيلية على دمشق فجر اليوم.\nوفي حلب، قصفت طائرات إسرائيلية مطار حلب الدولي.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date]),
      [
        ['Damascus Governorate', '2024-01-10'],
        ['Aleppo International Airport', '2024-01-10'],
      ],
    );
  });
});

describe('discourse: a site the gazetteer puts inside another is the same site', () => {
  it('the road to an airport, told after the airport, is one event ("طريق مطار بغداد")', () => {
    const got = extract(
      'قتل ثلاثة أشخاص فجر اليوم في قصف على مطار بغداد الدولي.\nوقال مصدر أمني إن "القصف.. استهدف سيارتين على طريق مطار بغداد".',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date, e.killed]),
      [['Baghdad Airport Road', '2024-01-10', 3]],
    );
  });
  it('a base inside the airport is one event with it ("قاعدة فكتوريا" and "مطار بغداد")', () => {
    const got = extract(
      'سقط صاروخان فجر اليوم على مطار بغداد الدولي.\nوأفادت مصادر بأن الصاروخين سقطا داخل قاعدة فكتوريا.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.munitions]),
      [['Camp Victory (Victoria Base)', 2]],
    );
  });
  it('a site near the airport that the gazetteer does not put in it stays another event', () => {
    const got = extract(
      'سقط صاروخان فجر اليوم على مطار بغداد الدولي.\nوفي حادث آخر، سقط صاروخ ثالث قرب السفارة الأمريكية في بغداد.',
    );
    assert.deepEqual(
      got.map((e) => e.place),
      ['Baghdad International Airport', 'US Embassy in Baghdad'],
    );
  });
});

describe('discourse: a region told before a list of places in it (region-spans-list)', () => {
  it('each listed place takes the region clause date and weapon; the region is no record', () => {
    const got = extract(
      'قصفت طائرات مسيرة مجهولة، مساء اليوم الأربعاء، مواقع لفصائل مسلحة في ريف دير الزور الشرقي.\nوقالت مصادر محلية إن القصف استهدف مواقع في بلدتي الميادين والبوكمال.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date, e.weapon]),
      [
        ['Mayadin', '2024-01-10', 'drone'],
        ['Abu Kamal', '2024-01-10', 'drone'],
      ],
    );
  });
  it('a region then one site (no list): the site is the region event told precisely', () => {
    const got = extract(
      'قصفت طائرات مسيرة مجهولة، مساء اليوم الأربعاء، مواقع لفصائل مسلحة في ريف دير الزور الشرقي.\nوقالت مصادر محلية إن الطائرات استهدفت مواقع في مدينة الميادين.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date, e.weapon]),
      [['Mayadin', '2024-01-10', 'drone']],
    );
  });
});

describe('discourse: the earlier event a series count names (series-count, earlier-of-series)', () => {
  it('"الثاني من نوعه الذي تتعرض له القاعدة بعد سقوط صاروخ قربها الأحد الماضي" is a second, earlier event near the site', () => {
    const got = extract(
      'تعرضت قاعدة عين الأسد الجوية، اليوم الأربعاء، لقصف بثلاثة صواريخ.\nوهذا هو القصف الثاني من نوعه الذي تتعرض له القاعدة بعد سقوط صاروخ قربها يوم الأحد الماضي.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date, e.geo_precision, e.munitions]),
      [
        ['Ain al-Asad Air Base', '2024-01-10', 1, 3],
        ['Ain al-Asad Air Base', '2024-01-07', 2, 1],
      ],
    );
  });
  it('a count with no earlier event dated in its clause adds nothing', () => {
    const got = extract(
      'تعرضت قاعدة عين الأسد الجوية، اليوم الأربعاء، لقصف بثلاثة صواريخ.\nوهذا هو القصف الثاني من نوعه الذي تتعرض له القاعدة خلال أسبوع.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date]),
      [['Ain al-Asad Air Base', '2024-01-10']],
    );
  });
  it('a present-tense verb outside such a count still tells a habit', () => {
    const got = extract('وتتعرض القاعدة لقصف بالصواريخ بين الحين والآخر.');
    assert.deepEqual(got, []);
  });
});

describe('discourse: two regions of one country do not make a group hold two sites', () => {
  it('a second source telling the same attack by two regions around the site folds into it', () => {
    const got = extract(
      'استهدفت طائرات مسيرة فجر اليوم الأربعاء قاعدة التنف.\nوسقطت طائرة مسيرة في البادية السورية.\nوقال مصدر إن طائرتين مسيرتين سقطتا في منطقة الـ55 كم، وواحدة استهدفت مبنى في قاعدة التنف.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date]),
      [['Al-Tanf garrison', '2024-01-10']],
    );
  });
  it('an earlier attack embedded in a clause, in another region, stays apart', () => {
    const got = extract(
      'قتل عنصران وأصيب ثلاثة في هجوم لخلايا داعش في بادية دير الزور شرقي سوريا.\nوأفاد المرصد أن الهجوم وقع قرب أوتوستراد تدمر- دير الزور، واستهدف سيارة.\nويأتي هذا الهجوم بعد ساعات من وقوع هجوم مسلح في بادية البشري بريف دير الزور الجنوبي.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.killed]),
      [
        ['Deir ez-Zor desert', 2],
        ['Southern Deir ez-Zor Governorate', null],
      ],
    );
  });
});

describe('places: a time zone names no place ("بتوقيت بغداد")', () => {
  it('the hour "بتوقيت دمشق" adds no Damascus event', () => {
    const got = extract(
      'وقع الهجوم الأمريكي عند الساعة الواحدة فجرا بتوقيت دمشق، واستهدف بغارات جوية مواقع قرب البوكمال.',
    );
    assert.deepEqual(
      got.map((e) => e.place),
      ['Abu Kamal'],
    );
  });
  it('the city itself after "في" is still a place', () => {
    const got = extract('قصفت طائرات إسرائيلية فجر اليوم موقعا عسكريا في دمشق.');
    assert.deepEqual(
      got.map((e) => e.place),
      ['Damascus Governorate'],
    );
  });
});

describe('mentions: "ويأتي ذلك بعد …" places the event told before after another one', () => {
  it('the event after "وجاء ذلك بعد ساعات على" is an earlier event of its own', () => {
    const got = extract(
      'هاجم مسلحو داعش اليوم الأربعاء قوة أمنية في قضاء داقوق جنوب كركوك.\nوجاء ذلك بعد ساعات على محاولة انتحاري يرتدي حزاما ناسفا اقتحام مقر أمني وسط كركوك.',
    );
    // the earlier attempt is dated "within hours" of the attack: its month
    assert.deepEqual(
      got.map((e) => [e.type, e.place, e.date, e.weapon]),
      [
        ['Armed clash', 'Daquq', '2024-01-10', null],
        ['Suicide bomb', 'Kirkuk Governorate', '2024-01', 'ied'],
      ],
    );
  });
  it('without the opener, an attack word after "بعد" in a sentence of its own is the reported event', () => {
    const got = extract('وبعد ساعات، هاجم انتحاري بحزام ناسف مقرا أمنيا وسط كركوك اليوم الأربعاء.');
    assert.deepEqual(
      got.map((e) => [e.type, e.date]),
      [['Suicide bomb', '2024-01-10']],
    );
  });
});

describe('places: a quoted site name set off by commas after its base word', () => {
  it('"قاعدة الاحتلال الأميركي، "حرير"، الواقعة في أربيل" is Harir', () => {
    const got = extract(
      'أعلنت المقاومة الإسلامية في العراق، اليوم الأربعاء، استهداف قاعدة الاحتلال الأميركي، "حرير"، الواقعة في أربيل، بالطيران المسير.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.actor]),
      [['Harir Air Base', 'Islamic Resistance in Iraq']],
    );
  });
});

describe('mentions: an air strike or a suicide attack is violence by itself', () => {
  const cases: [string, string, [string, string | null][]][] = [
    [
      '"غارة جوية" after the verb',
      'استهدفت غارة جوية فجر اليوم موقعا في دمشق.',
      [['Air/drone strike', 'aircraft']],
    ],
    [
      'a suicide bomber with a belt',
      'هاجم انتحاري بحزام ناسف مقرا أمنيا وسط كركوك اليوم.',
      [['Suicide bomb', 'ied']],
    ],
    ['a football attack is none', 'شن المنتخب هجوما قويا في الدقائق الأخيرة في ملعب بغداد اليوم.', []],
  ];
  for (const [name, text, want] of cases)
    it(name, () => {
      assert.deepEqual(
        extract(text).map((e) => [e.type, e.weapon]),
        want,
      );
    });
});

describe('places: a capital that rules or backs is its government ("تسيطر عليها دمشق")', () => {
  it('"المناطق التي تسيطر عليها دمشق" is no Damascus event', () => {
    const got = extract(
      'استهدفت صواريخ فجر اليوم قاعدة حقل العمر، وقالت مصادر إن القصف انطلق من المناطق التي تسيطر عليها دمشق.',
    );
    assert.deepEqual(
      got.map((e) => e.place),
      ['Al-Omar oil field'],
    );
  });
  it('a strike on Damascus is still one', () => {
    const got = extract('قصفت طائرات إسرائيلية فجر اليوم مواقع في دمشق.');
    assert.deepEqual(
      got.map((e) => e.place),
      ['Damascus Governorate'],
    );
  });
});

describe('mentions: a place named before and a word referring back to it after are one clause', () => {
  it('"وكانت قاعدة X، قد تعرضت، الاثنين، لهجوم …، التابعة للقاعدة" is an event at X on Monday', () => {
    const got = extract(
      'سقطت صواريخ فجر اليوم الأربعاء على مطار بغداد الدولي.\nوكانت قاعدة فيكتوريا، قد تعرضت، الاثنين، لهجوم بطائرتين مسيرتين، قامت منظومة الدفاع الجوي التابعة للقاعدة الأمريكية بإسقاطهما.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date, e.weapon]),
      [
        ['Baghdad International Airport', '2024-01-10', 'rocket'],
        ['Camp Victory (Victoria Base)', '2024-01-08', 'drone'],
      ],
    );
  });
});

describe('places: a launch platform is where the attack came from ("عبر منصة في")', () => {
  it("the platform's place is no second site", () => {
    const got = extract(
      'تعرضت قاعدة فكتوريا فجر اليوم لقصف بصاروخين، وقال مصدر إن القصف تم عبر منصة في منطقة العامرية.',
    );
    assert.deepEqual(
      got.map((e) => e.place),
      ['Camp Victory (Victoria Base)'],
    );
  });
});

describe('actors: a nationality adjective on the site is its owner ("صواريخ القاعدة الأمريكية")', () => {
  const cases: [string, string, string | null][] = [
    ["the base's adjective", 'استهدفت صواريخ القاعدة الأمريكية في الشدادي فجر اليوم.', null],
    ["the strike's adjective", 'استهدفت صواريخ أمريكية مواقع في البوكمال فجر اليوم.', 'United States'],
  ];
  for (const [name, text, want] of cases)
    it(name, () => {
      assert.deepEqual(
        extract(text).map((e) => e.actor),
        [want],
      );
    });
});

describe('places: a name that is a settlement noun with its article ("المدينة")', () => {
  it('"في محيط المدينة" is the city around, no town called Al Madinah', () => {
    const got = extract(
      'استهدفت صواريخ القاعدة في الشدادي فجر اليوم.\nوسمع دوي انفجارات في محيط المدينة، بالتزامن مع تحليق مكثف للطائرات الحربية الذي أعقب الاستهداف، حيث ألقت قنابل مضيئة.',
    );
    assert.deepEqual(
      got.map((e) => e.place),
      ['Shaddadi base'],
    );
  });
});

describe('discourse: an undated lead dated by the next sentence of the same attacker (story-date-after)', () => {
  it('the same attacker and weapon in the next sentence, dated, date the lead', () => {
    const got = extract(
      'قتل ثلاثة عناصر من الحشد في غارة جوية أمريكية استهدفت مواقع في مدينة القائم غربي العراق.\nوتعرضت مواقع في ريف البوكمال لغارات جوية أمريكية فجر اليوم الأربعاء.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date, e.killed]),
      [
        ['Al-Qaim', '2024-01-10', 3],
        ['Abu Kamal', '2024-01-10', null],
      ],
    );
  });
  it('another attacker in the next sentence dates nothing', () => {
    const got = extract(
      'قتل ثلاثة عناصر من الحشد في غارة جوية أمريكية استهدفت مواقع في مدينة القائم غربي العراق.\nوتعرضت مواقع في ريف البوكمال لغارات جوية إسرائيلية فجر اليوم الأربعاء.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date]),
      [
        ['Al-Qaim', '2024-01'],
        ['Abu Kamal', '2024-01-10'],
      ],
    );
  });
});

describe('places: an office named after a site is no site ("القائم بأعمال السفارة")', () => {
  it("the chargé d'affaires of the embassy adds no embassy event", () => {
    const got = extract(
      'قالت الخارجية العراقية إنها ستستدعي القائم بأعمال السفارة الأمريكية في بغداد احتجاجا على الغارات الأمريكية التي استهدفت اليوم مواقع في قضاء القائم.',
    );
    assert.deepEqual(
      got.map((e) => e.place),
      ['Al-Qaim'],
    );
  });
});

describe('mentions: reports the article calls untrue (denied-reports)', () => {
  it('the reports of the attack given elsewhere are denied with it; the attack told as fact stays', () => {
    const got = extract(
      'نفى مصدر في التحالف اليوم الأربعاء أن تكون الأنباء عن استهداف بالصواريخ صحيحة، وقال إن "الأنباء عن استهداف القاعدة ليست صحيحة".\nوكانت وسائل إعلام نشرت مساء الثلاثاء أنباء عن استهداف قاعدة عين الأسد بالصواريخ.\nوسقطت في 20 كانون الأول الماضي ثلاثة صواريخ على قاعدة عين الأسد.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date, e.munitions]),
      [['Ain al-Asad Air Base', '2023-12-20', 3]],
    );
  });
  it('reports with no denial in the article stay', () => {
    const got = extract('ونشرت وسائل إعلام مساء الثلاثاء أنباء عن استهداف قاعدة عين الأسد بالصواريخ.');
    assert.deepEqual(
      got.map((e) => [e.place, e.date]),
      [['Ain al-Asad Air Base', '2024-01-09']],
    );
  });
});

describe('actors: a group statement claiming one attack claims the others it lists (statement-claims)', () => {
  it('"… إن مجاهديها استهدفوا قاعدة X، مضيفة أن قاعدتي Y وZ تم استهدافهما"', () => {
    const got = extract(
      'وقالت "المقاومة الإسلامية في العراق"، في بيان لها اليوم الأربعاء، إن "مجاهديها استهدفوا قاعدة عين الأسد بطائرة مسيرة"، مضيفة أن "قاعدتي حرير وتل بيدر تم استهدافهما بضربة لكل واحدة".',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.actor]),
      [
        ['Ain al-Asad Air Base', 'Islamic Resistance in Iraq'],
        ['Harir Air Base', 'Islamic Resistance in Iraq'],
        ['Tal Baydar base', 'Islamic Resistance in Iraq'],
      ],
    );
  });
  it('a contrastive clause with another account claims nothing', () => {
    const got = extract(
      'وقالت "المقاومة الإسلامية في العراق" اليوم الأربعاء إن مجاهديها استهدفوا قاعدة عين الأسد بطائرة مسيرة، فيما أفادت مصادر محلية بأن قاعدة حرير تعرضت لقصف صاروخي.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.actor]),
      [
        ['Ain al-Asad Air Base', 'Islamic Resistance in Iraq'],
        ['Harir Air Base', null],
      ],
    );
  });
});

describe('places: where a site lies, after a relative clause about it', () => {
  it('"مطار خراب الجير الذي يستخدمه التحالف كقاعدة له بريف القامشلي" is one site', () => {
    const got = extract(
      'أصابت القذائف فجر اليوم محيط مطار خراب الجير الذي يستخدمه التحالف الدولي كقاعدة عسكرية له بريف القامشلي.',
    );
    assert.deepEqual(
      got.map((e) => e.place),
      ['Kharab al-Jir airstrip (Rmeilan)'],
    );
  });
  it('a second town after a comma is a place of its own', () => {
    const got = extract('قصفت مسيرات فجر اليوم مطار خراب الجير، وقصفت مسيرات أخرى مواقع في ريف القامشلي.');
    assert.equal(got.length, 2);
  });
});

describe('mentions: the earlier attack of a counted series', () => {
  it('"… الثاني من نوعه للقاعدة، بعد استهداف آخر طالها في 2 من الشهر الحالي" is an attack at that base', () => {
    const got = extract(
      'استهدفت قذائف صاروخية فجر اليوم قاعدة خراب الجير.\nوهذا الاستهداف هو الثاني من نوعه للقاعدة الأمريكية، بعد استهداف آخر طالها في 2 من كانون الثاني الحالي.',
    );
    assert.deepEqual(
      got.map((e) => [e.place, e.date]),
      [
        ['Kharab al-Jir airstrip (Rmeilan)', '2024-01-10'],
        ['Kharab al-Jir airstrip (Rmeilan)', '2024-01-02'],
      ],
    );
  });
});

describe('targets: the forces a curated site hosts, when the text names no target (site-hosts)', () => {
  const targets = (t: string) => extract(t).map((e) => [e.place, e.target, e.implied ?? null]);
  const cases: [string, string, unknown[][]][] = [
    [
      'a US garrison: implied, with the gazetteer row as reason',
      'استهدفت طائرة مسيرة فجر اليوم قاعدة الشدادي.',
      [['Shaddadi base', 'us_forces', { target: { rule: 'site-hosts', place_id: 'base:shaddadi' } }]],
    ],
    [
      'a base hosting the coalition',
      'سقطت ثلاثة صواريخ فجر اليوم على قاعدة حرير.',
      [['Harir Air Base', 'coalition', { target: { rule: 'site-hosts', place_id: 'base:harir' } }]],
    ],
    [
      'a target the text names wins, and is stated',
      'استهدفت عبوة ناسفة فجر اليوم رتلا لنقل الإمدادات للتحالف في قاعدة عين الأسد.',
      [['Ain al-Asad Air Base', 'logistics', null]],
    ],
    [
      'a site hosting no foreign forces: no target',
      'قصفت طائرات إسرائيلية فجر اليوم مطار التيفور العسكري.',
      [['Tiyas (T-4) Air Base', null, null]],
    ],
    [
      'a place near the site is not the site: no target',
      'سقطت ثلاثة صواريخ فجر اليوم قرب قاعدة حرير.',
      [['Harir Air Base', null, null]],
    ],
  ];
  for (const [name, text, want] of cases) it(name, () => assert.deepEqual(targets(text), want));

  it('an implied target has no evidence span of its own', () => {
    const [e] = extract('استهدفت طائرة مسيرة فجر اليوم قاعدة الشدادي.');
    assert.deepEqual(Object.keys(e.spans).sort(), [
      'date',
      'evidence',
      'munitions',
      'place',
      'trigger',
      'weapon',
    ]);
  });

  it('rasd explain shows the fill with its reason', () => {
    const x = explainArticle({
      id: 't',
      published: PUB,
      text: 'استهدفت طائرة مسيرة فجر اليوم قاعدة الشدادي.',
    });
    assert.deepEqual(
      x.events.map((e) => e.filled.target),
      ['site-hosts: base:shaddadi'],
    );
  });
});

describe('targets: whose site, and who is no target (site-owner, verb-subject-no-target)', () => {
  const targets = (t: string) => extract(t).map((e) => [e.place, e.actor, e.target]);
  const cases: [string, string, unknown[][]][] = [
    [
      'site-owner: an adjective after the site name says whose it is',
      'قصفت فصائل مسلحة فجر اليوم قاعدة حرير الأمريكية في أربيل بطائرتين مسيرتين.',
      [['Harir Air Base', null, 'us_forces']],
    ],
    [
      'site-owner: a quote may stand between the name and the adjective',
      'سقطت ثلاثة صواريخ فجر اليوم على قاعدة "عين الأسد" الأميركية.',
      [['Ain al-Asad Air Base', null, 'us_forces']],
    ],
    [
      'site-owner: an airport adjective that is no owner changes nothing',
      'سقطت ثلاثة صواريخ فجر اليوم قرب مطار أربيل الدولي.',
      [['Erbil International Airport', null, null]],
    ],
    [
      'verb-subject-no-target: the group after the verb, then the site: the group did it',
      'قصفت الفصائل فجر اليوم قاعدة حرير بطائرتين مسيرتين.',
      [['Harir Air Base', null, 'coalition']],
    ],
    [
      'verb-subject-no-target: with a patron phrase and the means between',
      'استهدفت فصائل موالية لإيران بطائرات مسيرة قاعدة التنف فجر اليوم.',
      [['Al-Tanf garrison', null, 'us_forces']],
    ],
    [
      'verb-subject-no-target: the object right after the verb stays the target',
      'وقصفت طائرة مسيرة فجر اليوم مقرات الحشد الشعبي في مدينة القائم.',
      [['Al-Qaim', null, 'militia']],
    ],
    [
      'verb-subject-no-target: forces "في" a site are the forces attacked there',
      'استهدفت الفصائل القوات الأمريكية في مطار أربيل بطائرة مسيرة فجر اليوم.',
      [['Erbil International Airport', null, 'us_forces']],
    ],
    [
      'agent-genitive-no-target: the genitive of a strike or aircraft noun did it',
      'قصفت طائرات التحالف الدولي فجر اليوم مواقع للميليشيات في مدينة البوكمال.',
      [['Abu Kamal', 'Global Coalition against ISIS', 'militia']],
    ],
    [
      'a short name refers back: "التحالف" after "التحالف الدولي" is the coalition',
      'قتل 32 مدنيا في غارات للتحالف الدولي.\nوذكر المرصد أن التحالف استهدف قبل منتصف ليل الخميس مواقع في مدينة البوكمال.',
      [['Abu Kamal', 'Global Coalition against ISIS', null]],
    ],
    [
      'agent-genitive-no-target: "هجوم X" keeps X a target',
      'وقع هجوم التحالف فجر اليوم في مدينة البوكمال بصواريخ.',
      [['Abu Kamal', null, 'coalition']],
    ],
    [
      'object-after: the forces, their means, an object: the forces did it',
      'استهدفت القوات الأمريكية بغارات جوية فجر اليوم مواقع لكتائب حزب الله في مدينة القائم.',
      [['Al-Qaim', 'United States', 'militia']],
    ],
  ];
  for (const [name, text, want] of cases) it(name, () => assert.deepEqual(targets(text), want));
});

describe('an attack and the answer to it; who flies, who speaks, where the attackers are', () => {
  const rows = (t: string) => extract(t).map((e) => [e.place, e.actor, e.target, e.weapon]);
  const cases: [string, string, unknown[][]][] = [
    [
      'sides-apart: the coalition answering an attack on a US base is another event',
      'تعرضت القاعدة الأمريكية في حقل العمر فجر اليوم لقصف صاروخي.\nوقصفت مدفعية التحالف الدولي مواقع للقوات الرديفة في بادية الميادين فجر اليوم.',
      [
        ['Al-Omar oil field', null, 'us_forces', 'rocket'],
        ['Mayadin', 'Global Coalition against ISIS', null, 'artillery'],
      ],
    ],
    [
      'attacker-location: the base the artillery stands in is not where it struck',
      'وأوضحت المصادر أن مدفعية التحالف الدولي في قاعدة حقل العمر قصفت فجر اليوم مواقع في بادية الميادين.',
      [['Mayadin', 'Global Coalition against ISIS', null, 'artillery']],
    ],
    [
      'flying aircraft are no attacker (not_attack_heads)',
      'سقطت صواريخ فجر اليوم على قاعدة كونيكو، وتحدث المراسل عن تحليق مكثف للطيران الأمريكي عقب الانفجار.',
      [['Conoco gas field', null, 'us_forces', 'rocket']],
    ],
    [
      'speaker-no-target: who states the toll is not the target',
      'سقطت ثلاثة صواريخ فجر اليوم داخل المنطقة الخضراء، وأكد الجيش العراقي أن الصواريخ لم توقع إصابات.',
      [['Green Zone', null, null, 'rocket']],
    ],
    [
      'an agent phrase "نسب للقوات الأمريكية" is who did it, not the target',
      'وأعلنت وسائل إعلام أن قصفا نسب للقوات الأمريكية استهدف فجر اليوم منطقة جرف الصخر.',
      [['Jurf al-Sakhar', 'United States', null, null]],
    ],
    [
      '"قوات الاحتلال الأمريكي" are US forces, a target',
      'سقطت قذائف صاروخية فجر اليوم داخل قاعدة لقوات الاحتلال الأمريكي في حقل العمر.',
      [['Al-Omar oil field', null, 'us_forces', 'rocket']],
    ],
  ];
  for (const [name, text, want] of cases) it(name, () => assert.deepEqual(rows(text), want));
});

describe('rule ongoing-today: a present tense since a time of this day is an event, not a habit', () => {
  const read = (t: string) => extract(t).map((e) => [e.place, e.date]);
  const cases: [string, string, unknown[][]][] = [
    [
      'since this morning',
      'وتشن القوات التركية منذ صباح اليوم قصفا مدفعيا على قرى في قضاء زاخو.',
      [['Zakho District', PUB]],
    ],
    [
      'exposed since dawn',
      'وتتعرض قاعدة حرير منذ فجر اليوم لهجمات بطائرات مسيرة.',
      [['Harir Air Base', PUB]],
    ],
    ['since a week: a campaign', 'وتشن القوات التركية منذ أسبوع قصفا مدفعيا على قرى في قضاء زاخو.', []],
    ['no time: a habit', 'وتشن القوات التركية قصفا مدفعيا على قرى في قضاء زاخو.', []],
  ];
  for (const [name, text, want] of cases) it(name, () => assert.deepEqual(read(text), want));
});

describe('an article about a country we do not cover: a homonym of ours is not the place', () => {
  const places = (t: string) => extract(t).map((e) => e.place);
  it('Yemen: "منطقة الفاو" in Marib is not Al-Faw in Basra', () => {
    assert.deepEqual(
      places(
        'سيطرت المقاومة الشعبية في مأرب، شرقي اليمن، أمس، على مواقع للمتمردين الحوثيين.\nوقال مصدر في المقاومة "نفذت المقاومة هجوماً مباغتاً على مواقع للمسلحين الحوثيين في منطقة الفاو، وسيطرت على ثلاثة منها".',
      ),
      [],
    );
  });
  // negative: an article that names Iraq keeps the city
  it('Iraq named: Al-Faw is the place', () => {
    assert.deepEqual(places('انفجرت عبوة ناسفة فجر اليوم في قضاء الفاو جنوبي العراق.'), ['Al-Faw']);
  });
  // a common word that is also a town's name needs a cue word
  it('"التستر" (a cover-up) is no town', () => {
    assert.deepEqual(places('قتل مصل في تفجير استهدف مسجدا فجر اليوم، ولن يفيد التستر بالدين.'), []);
  });
});

describe('raid verbs and where aircraft came from', () => {
  const read = (t: string) => extract(t).map((e) => [e.place, e.type, e.weapon]);
  const cases: [string, string, unknown[][]][] = [
    [
      'أغارت: an air raid verb',
      'أغارت طائرات حربية فجر اليوم على بلدة إنخل.',
      [['Inkhil', 'Air/drone strike', 'aircraft']],
    ],
    [
      'اعتدى على: the verb of an attack',
      'اعتدى الطيران الحربي فجر اليوم على مواقع في منطقة الكسوة.',
      [['Al-Kiswah', 'Air/drone strike', 'aircraft']],
    ],
    [
      'origin: the base the aircraft took off from is no site',
      'أغارت طائرات أقلعت من قاعدة حميميم فجر اليوم على بلدة إنخل.',
      [['Inkhil', 'Air/drone strike', 'aircraft']],
    ],
    [
      'origin: "أتت من" after the strike',
      'قصفت طائرات حربية فجر اليوم بلدة إنخل، وقال المرصد إن الطائرات أتت من قاعدة حميميم.',
      [['Inkhil', 'Air/drone strike', 'aircraft']],
    ],
    [
      'a raid with no weapon, no site and no victim is no event',
      'أغار الفريق على مرمى الخصم فجر اليوم في مدينة حلب.',
      [],
    ],
  ];
  for (const [name, text, want] of cases) it(name, () => assert.deepEqual(read(text), want));
});

describe('casualties: a toll told apart from the attack', () => {
  const tolls = (t: string) => extract(t).map((e) => [e.place, e.killed, e.injured]);
  const cases: [string, string, (string | number | null)[][]][] = [
    [
      'outcome-sentence: a toll over a span of time is a tally, for no one event',
      'أطلقت ثلاثة صواريخ على قاعدة حرير فجر اليوم.\nوقال المسؤول إن 75 شخصا قتلوا في معارك أربيل خلال ثلاثة أشهر.',
      [['Harir Air Base', null, null]],
    ],
    [
      'outcome-sentence: "خلال" the attack itself is its toll',
      'أطلقت ثلاثة صواريخ على قاعدة حرير فجر اليوم.\nوقتل خلال القصف ثلاثة عناصر.',
      [['Harir Air Base', 3, null]],
    ],
    [
      'outcome-sentence: a statement of zero in a sentence of its own',
      'أطلقت ثلاثة صواريخ على قاعدة حرير فجر اليوم.\nولم يصب أحد بأذى.',
      [['Harir Air Base', 0, 0]],
    ],
    [
      'outcome-sentence: a toll in a sentence of its own',
      'تعرض معسكر التاجي لقصف بالصواريخ مساء أمس.\nوأصيب جنديان بجروح طفيفة.',
      [['Camp Taji', null, 2]],
    ],
    [
      'toll-word: the clause of a statement of zero belongs to the report before it',
      'سقطت قذيفتان على مطار بغداد الدولي اليوم، مشيرا إلى أنه لم تقع إصابات.',
      [['Baghdad International Airport', 0, 0]],
    ],
    [
      'zero-for-each-place: a zero said of attacks on two bases',
      'لم تسفر الهجمات على قاعدة عين الأسد وقاعدة حرير فجر اليوم عن إصابات.',
      [
        ['Ain al-Asad Air Base', 0, 0],
        ['Harir Air Base', 0, 0],
      ],
    ],
    [
      'party-zero: a zero said of one party, alone, is the zero of the event',
      'سقط صاروخ قرب قاعدة حرير فجر اليوم دون أن يصاب أحد من الجنود.',
      [['Harir Air Base', 0, 0]],
    ],
    [
      'party-zero: beside others hurt it leaves the other field unknown',
      'قصفت طائرة مسيرة قاعدة التنف فجر اليوم، ولم تقع إصابات بين الجنود الأمريكيين.\nوأصيب اثنان من المقاتلين في الهجوم.',
      [['Al-Tanf garrison', null, 2]],
    ],
    // negatives: a toll of another event, a date of its own, a hedge, victims of another party named
    [
      'a killing after "منذ" is another event',
      'سقطت ثلاثة صواريخ على قاعدة عين الأسد فجر اليوم.\nوتصاعد التوتر منذ مقتل قائد فيلق القدس.',
      [['Ain al-Asad Air Base', null, null]],
    ],
    [
      'a toll with a date of its own',
      'سقطت ثلاثة صواريخ على قاعدة عين الأسد فجر اليوم.\nوفي العام الماضي أصيب ثلاثة جنود.',
      [['Ain al-Asad Air Base', null, null]],
    ],
    [
      'a hedged toll',
      'سقط صاروخ على قاعدة حرير فجر اليوم.\nويرجح أن ثلاثة جنود أصيبوا.',
      [['Harir Air Base', null, null]],
    ],
    [
      'a zero of one party beside victims of another',
      'قصفت طائرة مسيرة مقرا قرب مدينة القائم فجر اليوم.\nوقالت المصادر إن الضحايا من المقاتلين ولم تسجل خسائر بشرية في صفوف الجيش.',
      [['Al-Qaim', null, null]],
    ],
    [
      'an outcome sentence is no lead of the attack after it',
      'ولم يصب أحد بأذى.\nتعرضت قاعدة حرير لهجوم بطائرة مسيرة فجر اليوم.',
      [['Harir Air Base', null, null]],
    ],
  ];
  for (const [name, text, want] of cases)
    it(name, () => {
      assert.deepEqual(tolls(text), want);
    });
});

describe('interception: a toll told in another sentence', () => {
  it('a projectile that hurt someone landed (projectile-impact), whatever sentence tells the toll', () => {
    const got = extract('تعرض معسكر التاجي لقصف بالصواريخ مساء أمس.\nوأصيب جنديان بجروح طفيفة.');
    assert.deepEqual(
      got.map((e) => [e.type, e.injured, e.intercepted]),
      [['Shelling/artillery/missile attack', 2, false]],
    );
  });
  it('a raid with no weapon named says nothing of an interception', () => {
    const got = extract(
      'اندلعت اشتباكات بين الجيش ومسلحين قرب مدينة القائم مساء أمس.\nوأصيب جنديان بجروح طفيفة.',
    );
    assert.deepEqual(
      got.map((e) => [e.injured, e.intercepted]),
      [[2, null]],
    );
  });
});

describe('modality: an anniversary or a funeral recalls the event, dated on its own', () => {
  const rows = (t: string) => extract(t).map((e) => [e.type, e.date, e.place]);
  it('an anniversary takes a date of an earlier year the sentence gives', () => {
    assert.deepEqual(
      rows(
        'أحيا أنصار الفصائل الذكرى الرابعة لاغتيال قائد فيلق القدس الذي قضى بغارة أمريكية قرب مطار بغداد الدولي في 3 كانون الثاني 2020.',
      ),
      [['Air/drone strike', '2020-01-03', 'Baghdad International Airport']],
    );
  });
  it('else the year its ordinal counts back to (anniversary-year)', () => {
    assert.deepEqual(
      rows(
        'أحيا المئات اليوم الذكرى السنوية الرابعة لاغتيال قائد فيلق القدس بغارة أمريكية قرب مطار بغداد الدولي.',
      ),
      [['Air/drone strike', '2020', 'Baghdad International Airport']],
    );
  });
  it('a funeral: a date after the attack word is the event’s', () => {
    assert.deepEqual(
      rows('شيع الآلاف في مدينة القائم اليوم ضحايا الغارة الأمريكية على المدينة يوم الاثنين.'),
      [['Air/drone strike', '2024-01-08', 'Al-Qaim']],
    );
  });
  it('a new attack on the anniversary is news', () => {
    assert.deepEqual(
      rows('وفي ذكرى اغتيال قائد فيلق القدس، سقطت ثلاثة صواريخ على قاعدة عين الأسد فجر اليوم.'),
      [['Shelling/artillery/missile attack', '2024-01-10', 'Ain al-Asad Air Base']],
    );
  });
  // negatives: the commemoration's own day is not the event's; the site of a vigil is no place of it
  for (const text of [
    'أحيا العراقيون اليوم ذكرى اغتيال قائد فيلق القدس بغارة أمريكية قرب مطار بغداد الدولي.',
    'أحيا المئات اليوم في بغداد ذكرى ضحايا القصف.',
    'نظم أنصار الحشد وقفة أمام السفارة الأمريكية في بغداد اليوم بمناسبة الذكرى الأولى للغارة.',
  ])
    it(text, () => assert.deepEqual(rows(text), []));
});

describe('mentions: the target of "تعرض" and its attack complement are one clause (exposure-complement)', () => {
  const rows = (t: string) => extract(t).map((e) => [e.place, e.date, e.weapon]);
  it('a relative clause and the time between the site and "لهجوم"', () => {
    assert.deepEqual(
      rows(
        'تعرضت قاعدة "التنف" التي يستخدمها التحالف الدولي، صباح اليوم، لهجوم بطائرات مسيرة مجهولة في جنوب شرقي سوريا.',
      ),
      [['Al-Tanf garrison', '2024-01-10', 'drone']],
    );
  });
  it('the same without the relative clause', () => {
    assert.deepEqual(rows('تعرضت قاعدة التنف، فجر اليوم، لقصف صاروخي.'), [
      ['Al-Tanf garrison', '2024-01-10', 'rocket'],
    ]);
  });
  // negative: a clause that does not complement the verb keeps its own place
  it('a second attack clause without ل is its own event', () => {
    assert.deepEqual(
      rows('تعرضت قاعدة التنف فجر اليوم لهجوم بطائرة مسيرة، وقصفت مسيرات أخرى حقل العمر النفطي.').length,
      2,
    );
  });
});

describe('mentions: bases named in the consequence of an attack were not attacked', () => {
  it('"مما أدى إلى استنفار في قواعد التحالف" does not make the attack talk about bases in general', () => {
    assert.deepEqual(
      extract(
        'استهدفت طائرة مسيرة مجهولة القاعدة الأمريكية في بلدة الشدادي بريف الحسكة، مما أدى إلى استنفار أمني في قواعد التحالف الدولي.',
      ).map((e) => [e.place, e.weapon]),
      [['Shaddadi base', 'drone']],
    );
  });
  // negative: undated attacks on bases in general stay general
  it('"استهدفت الفصائل قواعد التحالف في سوريا" is no event', () => {
    assert.deepEqual(extract('استهدفت الفصائل المسلحة قواعد التحالف الدولي في سوريا بطائرات مسيرة.'), []);
  });
});

describe('modality: a precaution against attacks to come reports none', () => {
  it('"تحسبا لمزيد من الهجمات" is no attack at the place named', () => {
    assert.deepEqual(
      extract('أطلقت القوات الأمريكية قنابل مضيئة في سماء حقل العمر النفطي تحسبا لمزيد من الهجمات.'),
      [],
    );
  });
  it('"خشية هجمات" neither', () => {
    assert.deepEqual(
      extract('عززت القوات الأمريكية دفاعاتها في قاعدة عين الأسد خشية هجمات بطائرات مسيرة.'),
      [],
    );
  });
  // negative: a past attack in the same sentence is still reported
  it('an attack before the precaution stays', () => {
    assert.deepEqual(
      extract(
        'سقط صاروخان فجر اليوم على قاعدة عين الأسد، وأطلقت القوات الأمريكية قنابل مضيئة تحسبا لمزيد من الهجمات.',
      ).map((e) => [e.place, e.munitions]),
      [['Ain al-Asad Air Base', 2]],
    );
  });
});

describe('mentions: an embedded event has its own mood (embedded-own-modality)', () => {
  it('"هذه الهجمات تأتي كرد فعل على القصف الجوي الأمريكي الذي استهدف أمس …" reports the strike', () => {
    assert.deepEqual(
      extract(
        'وتشير تقارير إلى أن هذه الهجمات تأتي كرد فعل على القصف الجوي الأمريكي الذي استهدف أمس مواقع لفصائل مسلحة في بادية الميادين.',
      ).map((e) => [e.type, e.date, e.place, e.actor]),
      [['Air/drone strike', '2024-01-09', 'Mayadin', 'United States']],
    );
  });
  // negative: the series itself, outside the embedded clause, stays a habit
  it('"تتعرض القواعد لهجمات متكررة" is no event', () => {
    assert.deepEqual(extract('وتتعرض القواعد الأمريكية في سوريا لهجمات متكررة بالطائرات المسيرة.'), []);
  });
});

describe('mentions: a kamikaze drone is a drone strike, not a suicide bombing (kamikaze-drone)', () => {
  const types = (t: string) => extract(t).map((e) => [e.type, e.weapon]);
  it('"طائرة مسيرة انتحارية"', () =>
    assert.deepEqual(types('استهدفت طائرة مسيرة انتحارية قاعدة خراب الجير فجر اليوم.'), [
      ['Air/drone strike', 'drone'],
    ]));
  it('"بواسطة الطائرات المسيرة الانتحارية"', () =>
    assert.deepEqual(types('تعرضت قاعدة الشدادي فجر اليوم لهجوم بواسطة الطائرات المسيرة الانتحارية.'), [
      ['Air/drone strike', 'drone'],
    ]));
  // negative: a suicide bomber is one
  it('"هجوم انتحاري بسيارة مفخخة" stays a suicide bombing', () =>
    assert.deepEqual(types('نفذ انتحاري هجوما بسيارة مفخخة على رتل أمريكي قرب الشدادي فجر اليوم.'), [
      ['Suicide bomb', 'ied'],
    ]));
});

describe('discourse: a manner one sentence names is the event’s (suicide over a plain attack)', () => {
  it('a claim of "الهجوم" and the statement’s "هجوم انتحاري بسيارة مفخخة" are one suicide bombing', () => {
    assert.deepEqual(
      extract(
        'أعلن تنظيم داعش مسؤوليته عن الهجوم الذي استهدف رتلا للقوات الأمريكية شمالي سوريا.\nوقال التنظيم إنه نفذ هجوما انتحاريا بسيارة مفخخة على الرتل قرب مدينة الشدادي.',
      ).map((e) => [e.type, e.actor, e.weapon]),
      [['Suicide bomb', 'Islamic State', 'ied']],
    );
  });
});

describe('lexicon: a hamza on waw or ya is one spelling ("مسؤولية", "مسئولية")', () => {
  for (const word of ['مسؤوليته', 'مسئوليته'])
    it(`"أعلن تنظيم داعش ${word} عن الهجوم" names the claimant`, () =>
      assert.deepEqual(
        extract(`أعلن تنظيم داعش ${word} عن الهجوم بسيارة مفخخة على رتل أمريكي قرب الشدادي فجر اليوم.`).map(
          (e) => e.actor,
        ),
        ['Islamic State'],
      ));
});

describe('mentions: "، وأن …" opens a second proposition of one report (second-complements)', () => {
  it('where drones were seen is not where they struck', () => {
    assert.deepEqual(
      extract(
        'وذكرت مصادر أمنية أن طائرات مسيرة أمريكية رصدت فوق منطقة القائم عند الحدود، وأن الطائرات المسيرة نفذت فجر اليوم الهجوم على مقرات للحشد الشعبي في جرف الصخر.',
      ).map((e) => [e.place, e.weapon]),
      [['Jurf al-Sakhar', 'drone']],
    );
  });
  // negative: a lead-in with no verb of its own still belongs to the clause after it
  it('"أما فجر اليوم، …" stays the lead-in of its clause', () => {
    assert.deepEqual(
      extract('أما فجر اليوم، فقد سقط صاروخان على قاعدة عين الأسد.').map((e) => [e.place, e.date]),
      [['Ain al-Asad Air Base', '2024-01-10']],
    );
  });
});

describe('places: a direction of a capital named by its cue word ("جنوب العاصمة بغداد")', () => {
  it('is the region, one event with the site a later sentence names in it', () => {
    assert.deepEqual(
      extract(
        'استهدف قصف أمريكي اليوم الأربعاء مقرات للحشد الشعبي جنوب العاصمة بغداد، ما تسبب بمقتل 9 أشخاص.\nوأفادت مصادر بأن القصف طال منطقة جرف الصخر في محافظة بابل.',
      ).map((e) => [e.place, e.actor, e.killed]),
      [['Jurf al-Sakhar', 'United States', 9]],
    );
  });
  it('alone, the region', () =>
    assert.deepEqual(
      extract('استهدف قصف أمريكي اليوم مقرات للحشد الشعبي جنوب العاصمة بغداد.').map((e) => [
        e.place,
        e.geo_precision,
      ]),
      [['Southern Baghdad Governorate', 3]],
    ));
});

describe('places: where a convoy was going, and a named person’s hometown, are not where it was hit', () => {
  const rows = (t: string) => extract(t).map((e) => [e.place, e.actor, e.killed]);
  it('"أثناء توجهها نحو مدينة تدمر" (movement_to) and "يدعى …، من مدينة تدمر" (person_naming)', () => {
    assert.deepEqual(
      rows(
        'تعرضت سيارة عسكرية لقوات النظام اليوم لكمين نصبه تنظيم داعش في بلدة السخنة أثناء توجهها نحو مدينة تدمر، مما أدى إلى مقتل ثلاثة عناصر بينهم ضابط يدعى أحمد الأحمد، من مدينة حمص.',
      ),
      [['As Sukhnah', 'Islamic State', 3]],
    );
  });
  // negative: a place after "من" with no person named nor movement stays a place of the event
  it('"قرب مدينة تدمر" is where it was', () => {
    assert.deepEqual(rows('تعرضت سيارة عسكرية اليوم لكمين نصبه تنظيم داعش قرب مدينة تدمر.'), [
      ['Palmyra', 'Islamic State', null],
    ]);
  });
});

describe('modality: attacks that "have not stopped" or that a group "carries out" are a habit', () => {
  for (const text of [
    'ورغم الحملة العسكرية في البادية السورية وريف الرقة، إلا أن الهجمات لم تتوقف.',
    'ولا تزال خلايا تنظيم داعش تنفذ هجمات مباغتة في بادية حمص معتمدة على زرع العبوات الناسفة.',
  ])
    it(text, () => assert.deepEqual(extract(text), []));
});

describe('places: a month is no village, and a site followed by "في" and a date stays the site', () => {
  const rows = (t: string) => extract(t, '2024-06-15').map((e) => [e.place, e.date]);
  it('"مخيم مخمور في السادس من كانون الأول عام 2017"', () =>
    assert.deepEqual(rows('شنت تركيا هجوما جويا على مخيم مخمور في السادس من كانون الأول عام 2017.'), [
      ['Makhmour refugee camp', '2017-12-06'],
    ]));
  it('"مخيم مخمور في الليل"', () =>
    assert.deepEqual(rows('قصفت طائرة تركية مخيم مخمور في الليل.'), [
      ['Makhmour refugee camp', '2024-06-15'],
    ]));
  // negative: a site word placed in a foreign city is not the site the gazetteer knows
  it('"السفارة الأمريكية في الكويت" is not the embassy in Baghdad', () =>
    assert.ok(
      !rows('سقط صاروخ قرب السفارة الأمريكية في الكويت فجر اليوم.').some(
        (r) => r[0] === 'US Embassy in Baghdad',
      ),
    ));
});

describe('places: a definite facility noun refers back to the last facility of its sort ("المخيم")', () => {
  it('earlier strikes "على المخيم" are at the camp named before', () => {
    assert.deepEqual(
      extract(
        'قصفت طائرة تركية مسيرة مخيم مخمور للاجئين فجر اليوم.\nوفي 6 كانون الأول 2017، قتل خمسة أشخاص في غارة جوية شنتها تركيا على المخيم.',
        '2024-06-15',
      ).map((e) => [e.place, e.date, e.killed]),
      [
        ['Makhmour refugee camp', '2024-06-15', null],
        ['Makhmour refugee camp', '2017-12-06', 5],
      ],
    );
  });
  // negative: "المخيم" does not refer back to an embassy
  it('not to a facility of another sort', () => {
    assert.deepEqual(
      extract(
        'سقط صاروخ قرب السفارة الأمريكية في بغداد فجر اليوم.\nوفي 6 كانون الأول 2017، قتل خمسة أشخاص في غارة على المخيم.',
        '2024-06-15',
      ).map((e) => e.place),
      ['US Embassy in Baghdad'],
    );
  });
});

describe('actors: who owns the weapons fired them; "جيش الاحتلال التركي" is Turkey', () => {
  const actors = (t: string) => extract(t).map((e) => e.actor);
  it('"طائرات بدون طيار تابعة لدولة الاحتلال التركي" (weapon_owner)', () =>
    assert.deepEqual(actors('قصفت طائرات بدون طيار تابعة لدولة الاحتلال التركي مخيم مخمور فجر اليوم.'), [
      'Turkey',
    ]));
  it('"الهجوم الذي شنه جيش الاحتلال التركي"', () =>
    assert.deepEqual(
      actors('أسفر الهجوم الذي شنه جيش الاحتلال التركي فجر اليوم على مخيم مخمور عن مقتل مدني.'),
      ['Turkey'],
    ));
  // negative: a group that belongs to another is not the weapon's owner
  it('"حركة النجباء التابعة لإيران" named as the target’s patron is no actor', () =>
    assert.deepEqual(
      actors('قصفت طائرة مسيرة فجر اليوم في القائم غربي العراق مقرا لحركة النجباء التابعة لإيران.'),
      [null],
    ));
});

describe('discourse: a recap dated days before the publication tells an earlier event (recap-earlier)', () => {
  const rows = (t: string) => extract(t).map((e) => [e.place, e.date, e.killed]);
  it('a new report, then "وكان مسؤولون قد أعلنوا، الأحد الماضي، …" at the same camp: two events', () => {
    assert.deepEqual(
      rows(
        'أفادت وسائل إعلام عراقية بسقوط صواريخ على معسكر التاجي شمالي بغداد.\nوكان مسؤولون أمريكيون قد أعلنوا، الأحد الماضي، أن جنديين قتلا في سقوط صواريخ على معسكر التاجي.',
      ),
      [
        ['Camp Taji', '2024-01', null],
        ['Camp Taji', '2024-01-07', 2],
      ],
    );
  });
  // negatives: a definite lead refers to the event the recap dates; a recap of the day before is the news cycle's lag
  it('a definite lead ("الهجوم الذي استهدف …") is the recapped event', () => {
    assert.deepEqual(
      rows(
        'قتل جنديان في الهجوم الذي استهدف معسكر التاجي.\nوكان الجيش العراقي قد أعلن، الأحد الماضي، أن صواريخ سقطت على معسكر التاجي.',
      ),
      [['Camp Taji', '2024-01-07', 2]],
    );
  });
  it('a recap of the day before the publication is the same event', () => {
    assert.deepEqual(
      rows(
        'أفادت وسائل إعلام عراقية بسقوط صواريخ على معسكر التاجي شمالي بغداد.\nوكان الجيش العراقي قد أعلن، أمس الثلاثاء، أن صواريخ سقطت على معسكر التاجي.',
      ),
      [['Camp Taji', '2024-01-09', null]],
    );
  });
});

describe('discourse: an event of years ago and the undated news far from it are two events (old-news-apart)', () => {
  const rows = (t: string) => extract(t).map((e) => [e.place, e.date, e.killed]);
  const filler =
    'وانتشرت قوات الأمن في المكان.\nوأغلقت الطرق المؤدية إلى المبنى.\nوتجمع الأهالي قرب المكان.\n';
  it('a definite undated lead and a background attack at the same place years before, far apart: two events', () => {
    assert.deepEqual(
      rows(
        `اقتحم مسلحون مبنى في قاعدة التاجي وقتلوا جنديين قبل انتهاء الهجوم.\n${filler}وسبق لتنظيم داعش أن هاجم قاعدة التاجي في العام 2019.`,
      ),
      [
        ['Camp Taji', '2024-01', 2],
        ['Camp Taji', '2019', null],
      ],
    );
  });
  // negatives: close by, the undated mention restates the old one; an old date that is recent is the news
  it('the sentence right after the background attack restates it', () => {
    assert.deepEqual(
      rows(
        'وسبق لتنظيم داعش أن هاجم قاعدة التاجي في العام 2019.\nوأسفر الهجوم على قاعدة التاجي عن مقتل جنديين.',
      ),
      [['Camp Taji', '2019', 2]],
    );
  });
  it('a date days before the publication is no old news', () => {
    assert.deepEqual(
      rows(
        `قتل جنديان في الهجوم على قاعدة التاجي.\n${filler}وكان الهجوم على قاعدة التاجي قد وقع يوم 6 كانون الثاني 2024.`,
      ),
      [['Camp Taji', '2024-01-06', 2]],
    );
  });
});

describe('mentions: "بعد ذلك" after the attack word dates what followed, not the attack', () => {
  it('"… من القصف على قاعدة عين الأسد، وتوفي بعد ذلك بوقت قصير" keeps the attack', () => {
    assert.deepEqual(
      extract(
        'قال المتحدث إن متعاقدا مدنيا أصيب أثناء احتمائه من القصف على قاعدة عين الأسد، وتوفي بعد ذلك بوقت قصير.\nوسقطت نحو 10 صواريخ على قاعدة عين الأسد.',
      ).map((e) => [e.place, e.munitions]),
      [['Ain al-Asad Air Base', 10]],
    );
  });
  // negative: before the attack word it dates the attack against the one told before
  it('"وقبل ذلك بساعات، سقط صاروخ …" is dated against the event before', () => {
    assert.deepEqual(
      extract('سقط صاروخان فجر اليوم على قاعدة عين الأسد.\nوقبل ذلك بساعات، سقط صاروخ على مطار أربيل.').map(
        (e) => [e.place, e.date],
      ),
      [
        ['Ain al-Asad Air Base', '2024-01-10'],
        ['Erbil International Airport', '2024-01'],
      ],
    );
  });
});

describe('mentions: who an agent phrase names did the attack; it is no target', () => {
  const targets = (t: string) => extract(t).map((e) => e.target);
  it('"… قصف صاروخي من قبل فصائل مسلحة" is not an attack on a militia', () =>
    assert.deepEqual(targets('تعرضت قاعدة حرير فجر اليوم إلى قصف صاروخي من قبل فصائل مسلحة.'), [
      targets('تعرضت قاعدة حرير فجر اليوم إلى قصف صاروخي.')[0],
    ]));
  it('"من قبل فصائل مسلحة" leaves no militia target', () =>
    assert.notEqual(targets('تعرضت قاعدة حرير فجر اليوم إلى قصف صاروخي من قبل فصائل مسلحة.')[0], 'militia'));
  // negative: a militia named after "على" is the target
  it('"قصف صاروخي على فصائل مسلحة" is', () =>
    assert.deepEqual(targets('شنت طائرات أمريكية فجر اليوم قصفا على فصائل مسلحة في جرف الصخر.'), [
      'militia',
    ]));
});

describe('rules denied-agency and denied-claim: a denial of who did it leaves the attack without that attacker', () => {
  const rows = (t: string) => extract(t).map((e) => [e.place, e.date, e.actor, e.target]);
  const cases: [string, string, unknown[][]][] = [
    [
      'a denial that the US bombed: the bombing is reported, the US is neither its attacker nor its target',
      'نفت مصادر عسكرية أمريكية قيام الولايات المتحدة بقصف مواقع عسكرية في ريف حماة مساء الثلاثاء.',
      [['Hama Governorate', '2024-01-09', null, null]],
    ],
    [
      'the subject and a phrase between the denial and the agency noun',
      'نفت مصادر عسكرية أمريكية، في تصريحات صحفية، قيام الولايات المتحدة أو قوات التحالف الدولي بقصف مواقع عسكرية في ريف حماة مساء الثلاثاء.',
      [['Hama Governorate', '2024-01-09', null, null]],
    ],
    [
      'a denied responsibility is no claim',
      'نفى التحالف الدولي مسؤوليته عن قصف مواقع عسكرية في ريف حماة مساء الثلاثاء.',
      [['Hama Governorate', '2024-01-09', null, null]],
    ],
    [
      'a denied claim in the next sentence, the group named between',
      'سقطت صواريخ على قاعدة عين الأسد مساء الثلاثاء. ونفت كتائب حزب الله مسؤوليتها عن الهجوم.',
      [['Ain al-Asad Air Base', '2024-01-09', null, 'coalition']],
    ],
    [
      'a claim stays a claim',
      'سقطت صواريخ على قاعدة عين الأسد مساء الثلاثاء. وأعلنت كتائب حزب الله مسؤوليتها عن الهجوم.',
      [['Ain al-Asad Air Base', '2024-01-09', "Kata'ib Hezbollah", 'coalition']],
    ],
    [
      'a denial of the attack itself still denies it',
      'نفى مصدر أمني تعرض قاعدة عين الأسد لقصف صاروخي مساء الثلاثاء.',
      [],
    ],
  ];
  for (const [name, text, want] of cases) it(name, () => assert.deepEqual(rows(text), want));
});

describe('rules night-named-day and clause-sibling: a day named in the lead beats a bare night word', () => {
  const rows = (t: string) => extract(t).map((e) => [e.place, e.date]);
  const cases: [string, string, unknown[][]][] = [
    [
      'the lead names the evening, the sites come with "ليلا": every site of the clause takes the named day',
      'قصفت طائرات مواقع عسكرية مساء الثلاثاء. وقالت مصادر إن مواقع في ريفي حماة وحلب تعرضت ليلا لعدوان بالصواريخ.',
      [
        ['Hama Governorate', '2024-01-09'],
        ['Aleppo Governorate', '2024-01-09'],
      ],
    ],
    [
      'a later day does not beat "last night"',
      'فجر انتحاريون أنفسهم بسيارات مفخخة في مدينة مارع الليلة الماضية. وقال التنظيم إن مقاتليه هاجموا اليوم مبنيين في مدينة مارع.',
      [["Mari'", '2024-01-09']],
    ],
    [
      'a bare night word alone is the night that ended on the publication day',
      'وقالت مصادر إن مواقع في ريفي حماة وحلب تعرضت ليلا لعدوان بالصواريخ.',
      [
        ['Hama Governorate', PUB],
        ['Aleppo Governorate', PUB],
      ],
    ],
  ];
  for (const [name, text, want] of cases) it(name, () => assert.deepEqual(rows(text), want));
});

describe('rule no-violence: military objects are signs of violence', () => {
  const places = (t: string) => extract(t).map((e) => e.place);
  it('an attack on arms depots', () =>
    assert.deepEqual(places('وقع هجوم على مخازن أسلحة في ريف حماة أمس.'), ['Hama Governorate']));
  it('a bombardment of military positions', () =>
    assert.deepEqual(places('استهدف قصف مواقع عسكرية في ريف حماة أمس.'), ['Hama Governorate']));
  it('a storm that hit depots is no attack', () =>
    assert.deepEqual(places('ضربت العاصفة مستودعات في ريف حماة أمس.'), []));
});

describe('rule overflight: places a flight word follows are where aircraft flew', () => {
  const places = (t: string) => extract(t).map((e) => e.place);
  const cases: [string, string[]][] = [
    ['قصفت الطائرات بلدة السوسة أمس، وشهدت محافظتا درعا والقنيطرة تحليقا مكثفا.', ['As Susah']],
    ['قصفت الطائرات مدينة القنيطرة أمس، وشهدت محافظة درعا تحليقا مكثفا.', ['Quneitra']],
  ];
  for (const [text, want] of cases) it(text, () => assert.deepEqual(places(text), want));
});
