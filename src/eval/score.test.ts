import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  actorKey,
  datesAgree,
  distanceKm,
  evaluate,
  fieldRight,
  formatReport,
  type GoldArticle,
  type GoldRecord,
  goldSetName,
  matchArticle,
  parseGold,
  parsePredictions,
  prf,
  reportJson,
  type ScoredRecord,
  scoreArticles,
  verboseLines,
} from './score.js';

/** km per degree of latitude on the scorer's sphere */
const KM_PER_DEG = (6371 * Math.PI) / 180;
const BASE = { lat: 33.8, lon: 42.4 };

const gold = (o: Partial<GoldRecord> = {}): GoldRecord => ({
  type: 'Shelling/artillery/missile attack',
  date: '2024-03-12',
  place: 'Base A',
  ...BASE,
  geo_precision: 1,
  actor: null,
  weapon: 'rocket',
  munitions: 3,
  killed: null,
  injured: null,
  intercepted: false,
  evidence: 'سقطت ثلاثة صواريخ على القاعدة فجر اليوم',
  ...o,
});
const pred = (o: Partial<ScoredRecord> = {}): ScoredRecord => ({ ...gold(), geo_precision: 1, ...o });
/** a record `km` north of BASE */
const north = (km: number) => ({ lat: BASE.lat + km / KM_PER_DEG, lon: BASE.lon });
const article = (id: string, events: GoldRecord[]): GoldArticle => ({ id, events, at: `g.jsonl:${id}` });
const round = (x: number) => Math.round(x * 1e6) / 1e6;

describe('prf', () => {
  const cases: [number, number, number, [number, number, number]][] = [
    [3, 4, 6, [0.75, 0.5, 0.6]],
    [2, 2, 2, [1, 1, 1]],
    [0, 0, 0, [1, 1, 1]],
    [0, 0, 5, [0, 0, 0]],
    [0, 3, 0, [0, 1, 0]],
    [1, 3, 1, [1 / 3, 1, 0.5]],
  ];
  for (const [tp, np, ng, [p, r, f]] of cases)
    it(`tp ${tp} of ${np} predicted, ${ng} gold → P ${p} R ${r} F1 ${f}`, () => {
      const x = prf(tp, np, ng);
      assert.deepEqual([round(x.precision), round(x.recall), round(x.f1)], [round(p), round(r), round(f)]);
    });
});

describe('distance thresholds by gold geo_precision', () => {
  const cases: [1 | 2 | 3, number, boolean][] = [
    [1, 0, true],
    [1, 24, true],
    [1, 26, false],
    [2, 26, true],
    [2, 49, true],
    [2, 51, false],
    [3, 149, true],
    [3, 151, false],
  ];
  for (const [precision, km, matches] of cases)
    it(`precision ${precision}, ${km} km away: ${matches ? 'match' : 'no match'}`, () => {
      assert.ok(Math.abs(distanceKm(BASE, north(km)) - km) < 0.01);
      const m = matchArticle([gold({ geo_precision: precision })], [pred(north(km))]);
      assert.equal(m.pairs.length, matches ? 1 : 0);
      assert.equal(m.missed.length, matches ? 0 : 1);
      assert.equal(m.spurious.length, matches ? 0 : 1);
      if (matches) assert.equal(fieldRight('place', m.pairs[0].gold, m.pairs[0].pred), true);
    });
  const place: [1 | 2 | 3, number, boolean][] = [
    [1, 20, true],
    [1, 40, false],
    [2, 40, true],
    [2, 60, false],
    [3, 120, true],
  ];
  for (const [precision, km, right] of place)
    it(`place field: precision ${precision}, ${km} km away → ${right ? 'right' : 'wrong'}`, () => {
      assert.equal(fieldRight('place', gold({ geo_precision: precision }), pred(north(km))), right);
    });
  it('records without coordinates never match', () => {
    assert.equal(distanceKm(BASE, { lat: null, lon: 42 }), Number.POSITIVE_INFINITY);
    assert.equal(matchArticle([gold()], [pred({ lat: null, lon: null })]).pairs.length, 0);
    assert.equal(matchArticle([gold({ lat: null, lon: null })], [pred()]).pairs.length, 0);
  });
});

describe('dates', () => {
  const agree: [string | null, string | null, boolean][] = [
    [null, '2024-03-12', true],
    [null, null, true],
    ['2024-03', '2024-03-12', true],
    ['2024-03-12', '2024-03', true],
    ['2024', '2024-11-02', true],
    ['2024-03-12', '2024-03-12', true],
    ['2024-03-11', '2024-03-12', false],
    ['2024-03', '2024-04', false],
    ['2023', '2024-03', false],
    ['2024-03-12', null, false],
  ];
  for (const [g, p, want] of agree)
    it(`gold ${g} and predicted ${p} ${want ? 'agree' : 'disagree'}`, () => {
      assert.equal(datesAgree(g, p), want);
      assert.equal(matchArticle([gold({ date: g })], [pred({ date: p })]).pairs.length, want ? 1 : 0);
    });

  const exact: [Partial<GoldRecord>, string | null, boolean][] = [
    [{ date: '2024-03' }, '2024-03-12', false],
    [{ date: '2024-03-12' }, '2024-03-12', true],
    [{ date: '2024-03-12', date_aliases: ['2024-03'] }, '2024-03', true],
    [{ date: null }, null, true],
    [{ date: null }, '2024-03-12', false],
  ];
  for (const [g, p, want] of exact)
    it(`date field: gold ${JSON.stringify(g)}, predicted ${p} → ${want ? 'right' : 'wrong'}`, () => {
      assert.equal(fieldRight('date', gold(g), pred({ date: p })), want);
    });
});

describe('actor', () => {
  const cases: [Partial<GoldRecord>, string | null, boolean][] = [
    [{ actor: 'United States' }, 'united states', true],
    [{ actor: 'U.S.' }, 'US', true],
    [{ actor: "Kata'ib Hezbollah" }, 'Kataib Hezbollah', true],
    [{ actor: 'Islamic State', actor_aliases: ['ISIS', 'Daesh'] }, 'daesh', true],
    [{ actor: 'Islamic State', actor_aliases: ['ISIS'] }, 'Kataib Hezbollah', false],
    [{ actor: null }, null, true],
    [{ actor: null }, 'Islamic State', false],
    [{ actor: 'Islamic State' }, null, false],
  ];
  for (const [g, p, want] of cases)
    it(`gold ${JSON.stringify(g)} vs predicted ${p}: ${want ? 'right' : 'wrong'}`, () => {
      assert.equal(fieldRight('actor', gold(g), pred({ actor: p })), want);
    });
  it('keys drop case, punctuation and marks', () =>
    assert.equal(actorKey('Kata’ib Ḥezbollah'), 'kataibhezbollah'));
});

describe('other fields compare exactly, null and missing alike', () => {
  const cases: [keyof GoldRecord & keyof ScoredRecord, unknown, unknown, boolean][] = [
    ['munitions', 3, 3, true],
    ['munitions', 3, 2, false],
    ['killed', null, 0, false],
    ['killed', 0, 0, true],
    ['intercepted', null, undefined, true],
    ['intercepted', true, false, false],
    ['weapon', 'rocket', 'missile', false],
  ];
  for (const [f, g, p, want] of cases)
    it(`${f}: gold ${g}, predicted ${p} → ${want}`, () => {
      assert.equal(
        fieldRight(f as 'munitions', gold({ [f]: g } as Partial<GoldRecord>), pred({ [f]: p })),
        want,
      );
    });
});

describe('one-to-one matching, best first', () => {
  it('pairs by agreeing fields before record order', () => {
    const g = [gold({ weapon: 'rocket', munitions: 3 }), gold({ weapon: 'drone', munitions: 1 })];
    const p = [pred({ weapon: 'drone', munitions: 1 }), pred({ weapon: 'rocket', munitions: 3 })];
    const m = matchArticle(g, p);
    assert.equal(m.pairs.length, 2);
    assert.equal(m.pairs[0].gold, g[0]);
    assert.equal(m.pairs[0].pred, p[1]);
    assert.equal(m.pairs[1].gold, g[1]);
    assert.equal(m.pairs[1].pred, p[0]);
  });
  it('with equal fields, the closer record wins; each record is used once', () => {
    const g = [gold()];
    const p = [pred(north(10)), pred(north(2))];
    const m = matchArticle(g, p);
    assert.equal(m.pairs.length, 1);
    assert.equal(m.pairs[0].pred, p[1]);
    assert.deepEqual(m.spurious, [p[0]]);
  });
  it('a gold record is matched by one prediction only', () => {
    const m = matchArticle([gold(), gold({ date: '2024-03-13' })], [pred()]);
    assert.equal(m.pairs.length, 1);
    assert.equal(m.missed.length, 1);
    assert.equal(m.missed[0].date, '2024-03-13');
  });
});

describe('scoreArticles', () => {
  it('events, strict and fields', () => {
    const g = [
      article('a', [gold(), gold({ ...north(100), geo_precision: 2 })]),
      article('b', [gold({ weapon: 'drone', type: 'Air/drone strike', munitions: 1 })]),
      article('c', [gold({ date: '2024-02-01' })]),
    ];
    const p = new Map<string, ScoredRecord[]>([
      ['a', [pred({ munitions: 4 }), pred({ ...north(140) })]],
      ['b', [pred({ weapon: 'drone', type: 'Air/drone strike', munitions: 1, actor: 'Islamic State' })]],
      ['c', []],
      ['ignored', [pred()]],
    ]);
    const s = scoreArticles(g, p);
    // a: both matched (the second 40 km from a precision-2 place), b matched, c missed
    assert.equal(s.articles, 3);
    assert.equal(s.gold, 4);
    assert.equal(s.predicted, 3);
    assert.equal(s.matched, 3);
    assert.deepEqual([round(s.events.precision), round(s.events.recall)], [1, 0.75]);
    assert.equal(round(s.events.f1), round(6 / 7));
    // strict: a#0 right (munitions is not a strict field), a#1 right, b wrong actor
    assert.deepEqual([round(s.strict.precision), round(s.strict.recall)], [round(2 / 3), 0.5]);
    assert.equal(round(s.fields.munitions ?? -1), round(2 / 3));
    assert.equal(round(s.fields.actor ?? -1), round(2 / 3));
    assert.equal(s.fields.type, 1);
    assert.deepEqual(s.details[1].pairs[0].wrong, ['actor']);
    assert.equal(s.incidents, null);
  });
  it('no match: fields are n/a', () => {
    const s = scoreArticles([article('a', [gold()])], new Map());
    assert.equal(s.fields.type, null);
    assert.equal(s.events.f1, 0);
  });
  it('incident pairs over matched records of different articles', () => {
    const g = [
      article('a', [gold({ incident: 'X' }), gold({ date: '2024-03-13', incident: 'X' })]),
      article('b', [gold({ incident: 'X' })]),
      article('c', [gold({ incident: 'Y' })]),
      article('d', [gold({ incident: 'X' })]),
    ];
    const p = new Map<string, ScoredRecord[]>([
      ['a', [pred({ incident: 'k' }), pred({ date: '2024-03-13', incident: 'k' })]],
      ['b', [pred({ incident: 'k' })]],
      ['c', [pred({ incident: 'k' })]],
      ['d', []], // its gold record is missed: its pairs are not counted
    ]);
    const s = scoreArticles(g, p);
    // cross-article pairs among a0 a1 b c: a0-b, a1-b (gold X) → 2 gold pairs; predicted: a0-b a0-c a1-b a1-c b-c → 5
    assert.equal(s.incidents?.goldPairs, 2);
    assert.equal(round(s.incidents?.precision ?? -1), round(2 / 5));
    assert.equal(s.incidents?.recall, 1);
    assert.equal(round(s.incidents?.f1 ?? -1), round(4 / 7));
  });
});

describe('evaluate and reports', () => {
  const sets = [
    { name: 'one', articles: [article('a', [gold()]), article('b', [gold()])] },
    { name: 'two', articles: [article('c', [gold(), gold({ date: '2024-01-01' })])] },
  ];
  const p = new Map<string, ScoredRecord[]>([
    ['a', [pred({ weapon: 'drone', evidence: 'انفجرت طائرة مسيرة قرب القاعدة' })]],
    ['c', [pred()]],
  ]);
  const report = evaluate(sets, p);
  it('scores each set alone and together, warns about gold articles not in the input', () => {
    assert.equal(report.total.articles, 3);
    assert.equal(report.total.matched, 2);
    assert.equal(round(report.sets[0].score.events.f1), round(2 / 3));
    assert.equal(round(report.sets[1].score.events.f1), round(2 / 3));
    assert.deepEqual(report.warnings, [
      'gold article "b" (g.jsonl:b) is not in the input: its 1 events count as missed',
    ]);
  });
  it('prints the total then one line per set', () => {
    assert.equal(
      formatReport(report),
      [
        'articles 3  gold events 4  predicted 2  matched 2',
        'events    P 100.0  R  50.0  F1  66.7',
        'strict    P  50.0  R  25.0  F1  33.3',
        'fields   type 100.0  date 100.0  place 100.0  weapon  50.0  actor 100.0  munitions 100.0  killed 100.0  injured 100.0  intercepted 100.0',
        'incidents n/a (no incident reported by two articles)',
        'strict F1  33.3',
        '  one   event F1 66.7  strict F1 0.0  (2 articles)',
        '  two   event F1 66.7  strict F1 66.7  (1 articles)',
        '',
      ].join('\n'),
    );
  });
  it('lists MISSED, SPURIOUS and WRONG records', () => {
    assert.deepEqual(verboseLines(report.total), [
      `b MISSED  2024-03-12 Base A Shelling/artillery/missile attack :: ${gold().evidence}`,
      `c MISSED  2024-01-01 Base A Shelling/artillery/missile attack :: ${gold().evidence}`,
      'a WRONG weapon gold={"weapon":"rocket"} pred={"weapon":"drone"}',
    ]);
    assert.match(formatReport(report, { verbose: true }), /^b MISSED {2}2024-03-12 Base A/);
  });
  it('the JSON report has the totals and the sets, not the details', () => {
    const j = reportJson(report) as Record<string, unknown> & { sets: Record<string, unknown>[] };
    assert.equal(j.matched, 2);
    assert.equal(j.details, undefined);
    assert.deepEqual(
      j.sets.map((s) => [s.name, s.articles]),
      [
        ['one', 2],
        ['two', 1],
      ],
    );
  });
  it('a set name is the file name without .gold.jsonl', () => {
    assert.equal(goldSetName('eval/dev/real2.gold.jsonl'), 'real2');
    assert.equal(goldSetName('mine.jsonl'), 'mine');
  });
  it('an article in two sets counts once in the total', () => {
    const r = evaluate([sets[0], { name: 'again', articles: [article('a', [gold()])] }], p);
    assert.equal(r.total.articles, 2);
    assert.match(r.warnings[0], /article "a" at g\.jsonl:a is also at g\.jsonl:a/);
  });
});

describe('parseGold', () => {
  const line = (o: unknown) => JSON.stringify(o);
  it('reads articles and their records', () => {
    const { articles, problems } = parseGold(
      [line({ id: 'x', events: [gold()] }), '', line({ id: 7, events: [] })].join('\n'),
      'g.jsonl',
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      articles.map((a) => [a.id, a.events.length, a.at]),
      [
        ['x', 1, 'g.jsonl:1'],
        ['7', 0, 'g.jsonl:3'],
      ],
    );
  });
  const bad: [string, RegExp][] = [
    ['{"id": "x", "events": [', /^g\.jsonl:1: error: not JSON/],
    [line([1, 2]), /^g\.jsonl:1: error: expected an article object/],
    [line({ events: [] }), /^g\.jsonl:1: error: missing or invalid article id/],
    [line({ id: 'x' }), /^g\.jsonl:1: error: article "x": "events" must be a list/],
    [
      line({ id: 'x', text: 'نص الخبر' }),
      /"events" must be a list \(this looks like an input article: give article files with --input\)/,
    ],
    [
      line({ id: 'x', events: [gold(), gold({ type: 'Rocket attack' as 'Attack' })] }),
      /^g\.jsonl:1: error: article "x", event 2: unknown type "Rocket attack" \(expected one of: Shelling/,
    ],
    [
      line({ id: 'x', events: [gold({ weapon: 'katyusha' as 'rocket' })] }),
      /event 1: unknown weapon "katyusha" \(expected null or one of: rocket, missile/,
    ],
    [line({ id: 'x', events: [gold({ date: '12/03/2024' })] }), /date "12\/03\/2024" is not YYYY-MM-DD/],
    [line({ id: 'x', events: [gold({ date: '2024-13' })] }), /date "2024-13" is not/],
    [line({ id: 'x', events: [gold({ geo_precision: 4 as 1 })] }), /geo_precision 4 must be 1, 2 or 3/],
    [line({ id: 'x', events: [gold({ lat: '33.8' as unknown as number })] }), /lat "33.8" must be a number/],
    [line({ id: 'x', events: [gold({ killed: -1 })] }), /killed -1 must be a whole number or null/],
    [line({ id: 'x', events: [gold({ munitions: 2.5 })] }), /munitions 2.5 must be a whole number/],
    [line({ id: 'x', events: [gold({ intercepted: 'yes' as unknown as boolean })] }), /intercepted "yes"/],
    [line({ id: 'x', events: [gold({ actor_aliases: 'ISIS' as unknown as string[] })] }), /actor_aliases/],
    [line({ id: 'x', events: [gold({ date_aliases: ['last week'] })] }), /date_aliases/],
    [line({ id: 'x', events: ['a record'] }), /event 1: expected an object/],
  ];
  for (const [text, re] of bad)
    it(`rejects ${re.source.slice(0, 50)}`, () => {
      const { articles, problems } = parseGold(text, 'g.jsonl');
      assert.equal(articles.length, 0);
      assert.equal(problems[0]?.severity, 'error');
      assert.match(`${problems[0].source}:${problems[0].line}: error: ${problems[0].message}`, re);
    });
  it('names the line of each bad record and keeps the good ones', () => {
    const text = [
      line({ id: 'a', events: [] }),
      'oops',
      line({ id: 'b', events: [gold({ type: 'x' as 'Attack' })] }),
    ];
    const { articles, problems } = parseGold(text.join('\n'), 'g.jsonl');
    assert.deepEqual(
      articles.map((a) => a.id),
      ['a'],
    );
    assert.deepEqual(
      problems.map((p) => p.line),
      [2, 3],
    );
  });
  it('warns about a repeated id and keeps the later line', () => {
    const { articles, problems } = parseGold(
      [line({ id: 'a', events: [] }), line({ id: 'a', events: [gold()] })].join('\n'),
      'g.jsonl',
    );
    assert.equal(articles.length, 1);
    assert.equal(articles[0].events.length, 1);
    assert.deepEqual(problems, [
      {
        source: 'g.jsonl',
        line: 2,
        severity: 'warning',
        message: 'article "a" is also at g.jsonl:1; this line is used',
      },
    ]);
  });
});

describe('parsePredictions', () => {
  it('reads records by article id and names bad lines', () => {
    const { predictions, problems } = parsePredictions(
      ['{"id": "a", "events": [{"type": "Attack"}]}', '{"id": "b"}', 'nope', '{"events": []}'].join('\n'),
      'p.jsonl',
    );
    assert.deepEqual([...predictions.keys()], ['a', 'b']);
    assert.deepEqual(predictions.get('b'), []);
    assert.deepEqual(
      problems.map((p) => [p.line, p.message.slice(0, 20)]),
      [
        [3, 'not JSON (Unexpected'],
        [4, 'missing or invalid a'],
      ],
    );
  });
});
