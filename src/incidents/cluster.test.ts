import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  actorEvidence,
  CandidateIndex,
  type ClusterMention,
  clusterAll,
  components,
  corefer,
  dateEvidence,
  formIncidents,
  type Incident,
  linkable,
  numberEvidence,
  outcomeEvidence,
  placeEvidence,
  weaponEvidence,
} from './cluster.js';

const BASE = { lat: 33.786, lon: 42.441 };
const KM_PER_DEG = (6371 * Math.PI) / 180;
/** a place `km` north of the base, of the given kind */
const north = (km: number, id = `test:north-${km}`, kind: string | null = 'town') => ({
  lat: BASE.lat + km / KM_PER_DEG,
  lon: BASE.lon,
  place: id,
  place_id: id,
  place_kind: kind,
});

function mk(o: Partial<ClusterMention> & { article_id: string }): ClusterMention {
  return {
    idx: 0,
    type: 'Shelling/artillery/missile attack',
    date: '2024-03-10',
    place: 'Ain al-Asad Air Base',
    place_id: 'base:ain-al-asad',
    ...BASE,
    geo_precision: 1,
    country: 'IQ',
    admin1: 'Anbar',
    actor: null,
    actor_umbrella: null,
    weapon: 'rocket',
    munitions: null,
    killed: null,
    injured: null,
    intercepted: null,
    ...o,
  };
}

const a = (o: Partial<ClusterMention> = {}) => mk({ article_id: 'a', ...o });
const b = (o: Partial<ClusterMention> = {}) => mk({ article_id: 'b', ...o });
const rules = (r: { ok: boolean; evidence?: { rule: string }[]; reason?: string }) =>
  r.ok ? (r.evidence ?? []).map((e) => e.rule) : `no: ${r.reason}`;

describe('date evidence', () => {
  const cases: [string, Partial<ClusterMention>, Partial<ClusterMention>, string[] | string][] = [
    ['the same day', {}, {}, ['date:same-day']],
    ['a day apart, no part of day', {}, { date: '2024-03-11' }, 'no: date:1 days apart'],
    [
      'the night before and the day after',
      { part_of_day: 'night' },
      { date: '2024-03-11' },
      ['date:night-window'],
    ],
    [
      'the evening before and the dawn after',
      { part_of_day: 'evening' },
      { date: '2024-03-11', part_of_day: 'dawn' },
      ['date:night-window'],
    ],
    ['a day, then the next dawn', {}, { date: '2024-03-11', part_of_day: 'dawn' }, ['date:night-window']],
    [
      'the night after is not the night before',
      {},
      { date: '2024-03-11', part_of_day: 'night' },
      'no: date:1 days apart',
    ],
    [
      'two dawns are a day apart',
      { part_of_day: 'dawn' },
      { date: '2024-03-11', part_of_day: 'dawn' },
      'no: date:1 days apart',
    ],
    [
      'two nights are a day apart',
      { part_of_day: 'night' },
      { date: '2024-03-11', part_of_day: 'night' },
      'no: date:1 days apart',
    ],
    [
      'a night does not reach two days',
      { part_of_day: 'night' },
      { date: '2024-03-12' },
      'no: date:2 days apart',
    ],
    [
      'across a month end',
      { date: '2024-02-29', part_of_day: 'night' },
      { date: '2024-03-01' },
      ['date:night-window'],
    ],
    ['a month contains its day', { date: '2024-03' }, {}, ['date:within-month']],
    ['the same month', { date: '2024-03' }, { date: '2024-03' }, ['date:same-month']],
    ['another month', { date: '2024-02' }, {}, 'no: date:different month'],
    ['a year is too coarse', { date: '2024' }, {}, 'no: date:year-only'],
    ['undated', { date: null }, {}, 'no: date:undated'],
  ];
  for (const [name, x, y, want] of cases)
    it(name, () => {
      assert.deepEqual(rules(dateEvidence(a(x), b(y))), want);
      assert.deepEqual(rules(dateEvidence(b(y), a(x))), want, 'symmetric');
    });
});

describe('place evidence', () => {
  const province = {
    place: 'Anbar Governorate',
    place_id: 'wof:85672483',
    lat: 33.42,
    lon: 43.3,
    geo_precision: 3 as const,
  };
  const cases: [
    string,
    Partial<ClusterMention>,
    Partial<ClusterMention>,
    string[] | string,
    number | null,
  ][] = [
    ['the same place', {}, {}, ['place:same'], 0],
    ['a base inside the province named', {}, province, ['place:nested'], 89.4],
    [
      'a province does not contain another province’s base',
      { admin1: 'Nineveh' },
      province,
      'no: place:outside the province',
      null,
    ],
    ['two provinces', { ...province, place_id: 'wof:1' }, province, 'no: place:different provinces', null],
    [
      'a base in the airport grounds',
      { place: 'Camp Victory', place_id: 'base:victory', lat: 33.27, lon: 44.24 },
      { place: 'BIAP', place_id: 'airport:baghdad', lat: 33.263, lon: 44.235 },
      ['place:nested'],
      0.9,
    ],
    [
      'a site 20 km inside a city',
      north(20, 'test:site', 'facility'),
      north(0, 'test:city', 'city'),
      ['place:nested'],
      20,
    ],
    ['two sites 9 km apart', north(9, 'test:s1', null), north(0, 'test:s2', null), ['place:near'], 9],
    [
      'two sites 20 km apart',
      north(20, 'test:s1', null),
      north(0, 'test:s2', null),
      'no: place:20 km apart',
      null,
    ],
    [
      '20 km apart, one "near" (precision 2)',
      { ...north(20, 'test:s1', null), geo_precision: 2 },
      north(0, 'test:s2', null),
      ['place:near'],
      20,
    ],
    [
      '20 km apart with the same death toll',
      { ...north(20, 'test:s1', null), killed: 3 },
      { ...north(0, 'test:s2', null), killed: 3 },
      ['place:near-shared-toll'],
      20,
    ],
    [
      'the same toll does not reach 60 km',
      { ...north(60, 'test:s1', null), killed: 3 },
      { ...north(0, 'test:s2', null), killed: 3 },
      'no: place:60 km apart',
      null,
    ],
    [
      'a shared zero is no evidence',
      { ...north(20, 'test:s1', null), killed: 0 },
      { ...north(0, 'test:s2', null), killed: 0 },
      'no: place:20 km apart',
      null,
    ],
    ['another country', {}, { country: 'SY' }, 'no: place:different country', null],
    [
      'across a border, 20 km apart, with the same death toll',
      { ...north(20, 'test:s1', null), killed: 3 },
      { ...north(0, 'test:s2', null), killed: 3, country: 'JO' },
      ['place:across-border-shared-toll'],
      20,
    ],
    [
      'across a border, 20 km apart, no shared toll',
      { ...north(20, 'test:s1', null), killed: 3 },
      { ...north(0, 'test:s2', null), killed: 2, country: 'JO' },
      'no: place:different country',
      null,
    ],
    [
      'across a border, the same toll does not reach 60 km',
      { ...north(60, 'test:s1', null), injured: 25 },
      { ...north(0, 'test:s2', null), injured: 25, country: 'JO' },
      'no: place:different country',
      null,
    ],
    [
      'across a border, a province holds nothing of the other country',
      { ...north(5, 'test:s1', null), killed: 3 },
      { ...north(0, 'test:p', 'province'), geo_precision: 3, killed: 3, country: 'JO' },
      'no: place:different country',
      null,
    ],
  ];
  for (const [name, x, y, want, km] of cases)
    it(name, () => {
      const r = placeEvidence(a(x), b(y));
      assert.deepEqual(rules(r), want);
      assert.deepEqual(rules(placeEvidence(b(y), a(x))), want, 'symmetric');
      if (r.ok) assert.equal(r.km, km);
    });
});

describe('weapon, actor, outcome and number evidence', () => {
  const weapons: [string | null, string | null, string[] | string][] = [
    ['rocket', 'rocket', ['weapon:same']],
    ['rocket', 'mortar', ['weapon:same-family']],
    ['drone', 'aircraft', ['weapon:same-family']],
    ['aircraft', 'missile', ['weapon:platform-munition']],
    ['rocket', 'aircraft', ['weapon:platform-munition']],
    ['rocket', 'drone', 'no: weapon:rocket vs drone'],
    ['ied', 'rocket', 'no: weapon:ied vs rocket'],
    ['drone', 'small_arms', 'no: weapon:drone vs small_arms'],
    [null, 'drone', []],
  ];
  for (const [x, y, want] of weapons)
    it(`weapon ${x} / ${y}`, () => {
      assert.deepEqual(rules(weaponEvidence({ weapon: x }, { weapon: y })), want);
      assert.equal(weaponEvidence({ weapon: y }, { weapon: x }).ok, typeof want !== 'string', 'symmetric');
    });

  const KH = { actor: "Kata'ib Hezbollah", actor_umbrella: 'Islamic Resistance in Iraq' };
  const actors: [string, object, object, string[] | string][] = [
    ['the same', KH, KH, ['actor:same']],
    ['a member and its umbrella', KH, { actor: 'Islamic Resistance in Iraq' }, ['actor:umbrella']],
    [
      'two members of one umbrella',
      KH,
      { actor: 'Harakat al-Nujaba', actor_umbrella: 'Islamic Resistance in Iraq' },
      ['actor:same-umbrella'],
    ],
    ['different attackers', KH, { actor: 'Islamic State' }, "no: actor:Kata'ib Hezbollah vs Islamic State"],
    ['one unknown', KH, { actor: null }, []],
  ];
  for (const [name, x, y, want] of actors)
    it(`actor: ${name}`, () => {
      assert.deepEqual(rules(actorEvidence(a(x), b(y))), want);
    });

  const outcomes: [boolean | null, boolean | null, string[] | string][] = [
    // one site, one day: outlets disagree on one attack
    [true, false, ['outcome:sources-disagree']],
    [false, true, ['outcome:sources-disagree']],
    [true, true, []],
    [true, null, []],
    [false, false, []],
  ];
  for (const [x, y, want] of outcomes)
    it(`outcome intercepted ${x} / ${y}`, () => {
      assert.deepEqual(rules(outcomeEvidence(a({ intercepted: x }), b({ intercepted: y }))), want);
    });
  it('outcome: foiled and landed at two places, or within a month, contradict', () => {
    const elsewhere = b({ intercepted: false, place_id: 'base:harir' });
    assert.equal(rules(outcomeEvidence(a({ intercepted: true }), elsewhere)), 'no: outcome:foiled vs landed');
    const month = b({ intercepted: false, date: '2024-03' });
    assert.equal(rules(outcomeEvidence(a({ intercepted: true }), month)), 'no: outcome:foiled vs landed');
  });

  it('shared numbers are supporting evidence, different ones no veto', () => {
    assert.deepEqual(numberEvidence(a({ munitions: 3, killed: 1 }), b({ munitions: 3, killed: 1 })), [
      { rule: 'numbers:shared', detail: 'munitions 3, killed 1' },
    ]);
    assert.deepEqual(numberEvidence(a({ munitions: 3 }), b({ munitions: 4 })), []);
    assert.ok(corefer(a({ munitions: 3 }), b({ munitions: 4 })).ok);
  });

  it('corefer names every piece and measures the link', () => {
    const l = corefer(
      a({ part_of_day: 'night', munitions: 3, ...KH }),
      b({ date: '2024-03-11', munitions: 3, actor: 'Islamic Resistance in Iraq' }),
    );
    assert.ok(l.ok);
    assert.deepEqual(
      l.evidence.map((e) => e.rule),
      ['date:night-window', 'place:same', 'weapon:same', 'actor:umbrella', 'numbers:shared'],
    );
    assert.deepEqual([l.km, l.days], [0, 1]);
    assert.deepEqual(corefer(a(), a({ idx: 1 })), { ok: false, reason: 'article:same article' });
  });
});

/** incidents as "article#idx" lists, sorted */
const shape = (incs: Incident<ClusterMention>[]) =>
  incs
    .map((c) =>
      c.members
        .map((m) => `${m.article_id}#${m.idx}`)
        .sort()
        .join(','),
    )
    .sort();

describe('forming incidents', () => {
  const cases: { name: string; rows: ClusterMention[]; want: string[] }[] = [
    {
      name: 'NOT: the same base on different days of one month',
      rows: [a(), b({ date: '2024-03-14' }), mk({ article_id: 'c', date: '2024-03-14' })],
      want: ['a#0', 'b#0,c#0'],
    },
    {
      name: 'foiled in one outlet, landed in another, at one base on one day: one incident',
      rows: [a({ intercepted: true, type: 'Disrupted weapons use' }), b({ intercepted: false })],
      want: ['a#0,b#0'],
    },
    {
      name: 'NOT: foiled at a base and landed near it',
      rows: [
        a({ intercepted: true, type: 'Disrupted weapons use' }),
        b({ intercepted: false, place_id: 'town:baghdadi', place: 'Al Baghdadi', lat: 33.87, lon: 42.54 }),
      ],
      want: ['a#0', 'b#0'],
    },
    {
      name: 'NOT: different attackers, and no bridge through an unclaimed report',
      rows: [a({ actor: 'Group One' }), b(), mk({ article_id: 'c', actor: 'Group Two' })],
      want: ['a#0,b#0', 'c#0'],
    },
    {
      name: 'a night report and the next day’s',
      rows: [a({ part_of_day: 'night' }), b({ date: '2024-03-11' })],
      want: ['a#0,b#0'],
    },
    {
      name: 'a chain of nights does not stretch an incident over three days',
      rows: [
        a({ part_of_day: 'night' }),
        b({ date: '2024-03-11' }),
        mk({ article_id: 'c', date: '2024-03-12', part_of_day: 'dawn' }),
      ],
      want: ['a#0,b#0', 'c#0'],
    },
    {
      name: 'a month-only report joins the only incident of that month there',
      rows: [a(), b({ date: '2024-03' })],
      want: ['a#0,b#0'],
    },
    {
      name: 'a month-only report stays apart when the month has two incidents there',
      rows: [a(), mk({ article_id: 'c', date: '2024-03-20' }), b({ date: '2024-03' })],
      want: ['a#0', 'b#0', 'c#0'],
    },
    {
      name: 'a candidate it contradicts is no candidate',
      rows: [
        a(),
        mk({ article_id: 'c', date: '2024-03-20', weapon: 'drone' }),
        b({ date: '2024-03', weapon: 'rocket' }),
      ],
      want: ['a#0,b#0', 'c#0'],
    },
    {
      name: 'a province-only report joins the only incident in the province that day',
      rows: [
        a(),
        b({ place: 'Anbar Governorate', place_id: 'wof:85672483', lat: 33.42, lon: 43.3, geo_precision: 3 }),
      ],
      want: ['a#0,b#0'],
    },
    {
      name: 'a coarse report joins through another that joined first',
      rows: [
        a(),
        // 9 km from the base: links it; 18 km: links only the report 9 km away
        b({ date: '2024-03', ...north(9, 'test:n9', null) }),
        mk({ article_id: 'c', date: '2024-03', ...north(18, 'test:n18', null) }),
      ],
      want: ['a#0,b#0,c#0'],
    },
    {
      name: 'NOT: a month-only, province-only report, even as the only candidate',
      rows: [
        a(),
        b({
          date: '2024-03',
          place: 'Anbar Governorate',
          place_id: 'wof:85672483',
          lat: 33.42,
          lon: 43.3,
          geo_precision: 3,
        }),
      ],
      want: ['a#0', 'b#0'],
    },
    {
      name: 'coarse reports with no candidate group among themselves',
      rows: [a({ date: '2024-03' }), b({ date: '2024-03' })],
      want: ['a#0,b#0'],
    },
    {
      name: 'a mention joins the candidate with the most evidence',
      rows: [
        mk({ article_id: 'x', idx: 0, munitions: 4 }),
        mk({ article_id: 'x', idx: 1, ...north(2, 'test:n2', null), munitions: 1, killed: 3 }),
        // nearer the first, but sharing its numbers with the second
        mk({ article_id: 'z', ...north(0.5, 'test:z', null), munitions: 1, killed: 3 }),
      ],
      want: ['x#0', 'x#1,z#0'],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      assert.deepEqual(shape(formIncidents(c.rows)), c.want);
      assert.deepEqual(shape(clusterAll(c.rows)), c.want, 'through the components');
    });

  it('flags the ambiguous report with its candidates', () => {
    const incs = formIncidents([a(), mk({ article_id: 'c', date: '2024-03-20' }), b({ date: '2024-03' })]);
    const flagged = incs.find((i) => i.members[0].article_id === 'b');
    assert.deepEqual(
      flagged?.mayBeOneOf.map((m) => m.article_id),
      ['a', 'c'],
    );
    assert.deepEqual(incs.filter((i) => i.mayBeOneOf.length).length, 1);
  });

  it('records the evidence of each join', () => {
    const [inc] = formIncidents([a({ munitions: 2 }), b({ munitions: 2, weapon: 'mortar' })]);
    assert.deepEqual(
      inc.joins.map((j) => [
        j.mention.article_id,
        j.to.article_id,
        j.km,
        j.days,
        j.evidence.map((e) => e.rule),
      ]),
      [['b', 'a', 0, 0, ['date:same-day', 'place:same', 'weapon:same-family', 'numbers:shared']]],
    );
  });

  it('is order-independent (shuffled sets, coarse reports included)', () => {
    const rows = [
      a(),
      b({ part_of_day: 'night', date: '2024-03-09' }),
      mk({ article_id: 'c', date: '2024-03' }),
      mk({ article_id: 'd', date: '2024-03-20', weapon: 'drone' }),
      mk({ article_id: 'e', date: '2024-03', weapon: 'drone' }),
      mk({ article_id: 'f', ...north(9, 'test:n9', null), actor: 'Group One' }),
      mk({ article_id: 'g', actor: 'Group Two' }),
      mk({
        article_id: 'h',
        date: '2024-03-10',
        place: 'Anbar Governorate',
        place_id: 'wof:85672483',
        lat: 33.42,
        lon: 43.3,
        geo_precision: 3,
      }),
    ];
    const want = shape(clusterAll(rows));
    let s = 7;
    for (let k = 0; k < 25; k++) {
      const xs = [...rows];
      for (let i = xs.length - 1; i > 0; i--) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        const j = s % (i + 1);
        [xs[i], xs[j]] = [xs[j], xs[i]];
      }
      assert.deepEqual(shape(clusterAll(xs)), want);
    }
  });
});

describe('candidate index', () => {
  it('finds every pair corefer accepts (against all pairs, on random mentions)', () => {
    let s = 11;
    const rnd = () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 2 ** 32;
    };
    const provinces = ['Anbar', 'Baghdad', 'Erbil'];
    // 40 places: coordinates and province are the place's
    const places = Array.from({ length: 40 }, () => ({
      lat: 33 + rnd() * 2,
      lon: 42 + rnd() * 2,
      admin1: provinces[Math.floor(rnd() * 3)],
    }));
    const items: ClusterMention[] = Array.from({ length: 400 }, (_, i) => {
      const day = 1 + Math.floor(rnd() * 20);
      const coarseDate = rnd() < 0.15;
      const p3 = rnd() < 0.15;
      const p = Math.floor(rnd() * 40);
      return mk({
        article_id: `art${i % 150}`,
        idx: Math.floor(i / 150),
        date: coarseDate ? '2024-03' : `2024-03-${String(day).padStart(2, '0')}`,
        part_of_day: rnd() < 0.3 ? 'night' : null,
        place_id: p3 ? `test:province-${places[p].admin1}` : `test:p${p}`,
        place_kind: null,
        ...places[p],
        geo_precision: p3 ? 3 : rnd() < 0.3 ? 2 : 1,
        killed: rnd() < 0.2 ? 2 : null,
        weapon: null,
      });
    });
    const index = new CandidateIndex(items);
    let links = 0;
    for (const x of items) {
      const near = new Set(index.near(x));
      for (const y of items) {
        assert.equal(linkable(x, y), corefer(x, y).ok, 'linkable is corefer’s verdict');
        if (corefer(x, y).ok) {
          links++;
          assert.ok(near.has(y), `${x.article_id}#${x.idx} → ${y.article_id}#${y.idx}`);
        }
      }
    }
    assert.ok(links > 100, `enough links to mean something (${links})`);
    // the components are those of the full link graph
    const comps = components(items);
    assert.equal(
      comps.reduce((n, c) => n + c.length, 0),
      items.length,
    );
  });
});

describe('candidate buckets: pairs across a bucket edge', () => {
  // 0.5° grid cells: 33.4999 and 33.5001 lie in two cells (a few dozen metres apart)
  const key = (m: ClusterMention) => `${m.article_id}#${m.idx}`;
  const members = (xs: ClusterMention[]) =>
    clusterAll(xs)
      .map((c) => c.members.map(key).sort().join(' '))
      .sort();

  it('finds a pair on either side of a grid-cell edge (side by side and diagonal)', () => {
    const side = [
      a({ lat: 33.4999, lon: 42.3, place_id: 'test:south', place: 'south' }),
      b({ lat: 33.5001, lon: 42.3, place_id: 'test:north', place: 'north' }),
    ];
    const diagonal = [
      a({ lat: 33.4999, lon: 42.4999, place_id: 'test:sw', place: 'sw' }),
      b({ lat: 33.5001, lon: 42.5001, place_id: 'test:ne', place: 'ne' }),
    ];
    for (const pair of [side, diagonal]) {
      assert.deepEqual(new CandidateIndex(pair).near(pair[0]).map(key), ['a#0', 'b#0']);
      assert.deepEqual(members(pair), ['a#0 b#0']);
    }
    // a month-level report meets a dated one across the edge too
    const month = [side[0], { ...side[1], date: '2024-03' }];
    assert.deepEqual(members(month), ['a#0 b#0']);
  });

  it('finds a night pair on either side of a day (and month) edge, and no pair two days apart', () => {
    const night = a({ date: '2024-03-31', part_of_day: 'night' });
    const next = b({ date: '2024-04-01' });
    assert.deepEqual(new CandidateIndex([night, next]).near(next).map(key), ['a#0', 'b#0']);
    assert.deepEqual(members([night, next]), ['a#0 b#0']);
    const twoDays = b({ date: '2024-04-02' });
    assert.deepEqual(members([night, twoDays]), ['a#0', 'b#0']);
  });
});

describe('the candidate index changes nothing', () => {
  /** incidents as sorted member keys, with their joins and "may be one of" lists */
  const partition = (incs: Incident<ClusterMention>[]) =>
    incs
      .map((c) => ({
        members: c.members.map((m) => `${m.article_id}#${m.idx}`),
        joins: c.joins
          .map(
            (j) =>
              `${j.mention.article_id}#${j.mention.idx}>${j.to.article_id}#${j.to.idx}:${j.evidence.map((e) => e.rule).join(',')}`,
          )
          .sort(),
        mayBeOneOf: c.mayBeOneOf.map((m) => `${m.article_id}#${m.idx}`).sort(),
      }))
      .sort((a, b) => (a.members[0] < b.members[0] ? -1 : 1));

  for (const seed of [1, 7, 42, 2024, 99991]) {
    it(`bucketed clustering = exhaustive pairwise clustering (seed ${seed})`, () => {
      let s = seed;
      const rnd = () => {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        return s / 2 ** 32;
      };
      const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
      const provinces = ['Anbar', 'Baghdad', 'Erbil', 'Nineveh'];
      // places in a 3° square: some share coordinates, some are province-only
      const places = Array.from({ length: 60 }, (_, i) => {
        const p3 = rnd() < 0.3;
        const admin1 = pick(provinces);
        return {
          place_id: p3 ? `test:province-${admin1}` : `test:p${i}`,
          place: p3 ? admin1 : `p${i}`,
          lat: 33 + Math.floor(rnd() * 30) / 10,
          lon: 42 + Math.floor(rnd() * 30) / 10,
          admin1,
          country: rnd() < 0.9 ? 'IQ' : 'SY',
          geo_precision: (p3 ? 3 : rnd() < 0.2 ? 2 : 1) as 1 | 2 | 3,
          place_kind: pick([null, 'city', 'base', 'town', 'village']),
        };
      });
      const items: ClusterMention[] = Array.from({ length: 500 }, (_, i) => {
        const r = rnd();
        const date =
          r < 0.3
            ? pick(['2024-03', '2024-04'])
            : r < 0.33
              ? pick([null, '2024'])
              : `2024-0${pick([3, 4])}-${String(1 + Math.floor(rnd() * 30)).padStart(2, '0')}`;
        return mk({
          article_id: `a${Math.floor(i / 3)}`,
          idx: i % 3,
          date,
          part_of_day: pick([null, null, 'night', 'evening', 'dawn']),
          ...pick(places),
          weapon: pick([null, null, 'rocket', 'drone', 'missile', 'ied']),
          actor: pick([null, null, 'IS', 'PKK']),
          killed: rnd() < 0.3 ? Math.floor(rnd() * 4) : null,
          injured: rnd() < 0.2 ? Math.floor(rnd() * 4) : null,
          munitions: rnd() < 0.2 ? 1 + Math.floor(rnd() * 3) : null,
          intercepted: pick([null, null, true, false]),
        });
      });
      const bucketed = clusterAll(items);
      const exhaustive = clusterAll(items, () => items);
      assert.ok(
        bucketed.some((c) => c.members.length > 2),
        'some incidents have several members',
      );
      assert.ok(
        bucketed.some((c) => c.mayBeOneOf.length > 1),
        'some mentions are ambiguous',
      );
      assert.deepEqual(partition(bucketed), partition(exhaustive));
      // and linkable is corefer's verdict, and symmetric, on every pair
      for (const x of items.slice(0, 150))
        for (const y of items) {
          assert.equal(linkable(x, y), corefer(x, y).ok);
          assert.equal(linkable(x, y), linkable(y, x));
        }
    });
  }
});
