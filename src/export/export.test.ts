import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncidentSource, IncidentView } from '../incidents/types.js';
import { EVENT_TYPES, type EventType, type Target } from '../record/record.js';
import {
  ACLED_COLUMNS,
  acledCsv,
  acledEventType,
  csvField,
  EXPORT_FORMATS,
  exportIncidents,
  geoJsonString,
  guardFormula,
  interaction,
  toAcledRows,
  toGeoJson,
  toJsonl,
} from './index.js';

/** The column list of the brief, written out independently of the module. */
const EXPECTED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
];

const source = (over: Partial<IncidentSource> = {}): IncidentSource => ({
  article_id: 'a1',
  url: 'https://www.example.com/news/1',
  outlet: 'Example News',
  title: 'سقوط صواريخ على معسكر فكتوري',
  published: '2022-01-05',
  evidence: 'سقطت أربعة صواريخ كاتيوشا على معسكر فكتوري قرب مطار بغداد',
  mention_id: 1,
  ...over,
});

const incident = (over: Partial<IncidentView> = {}): IncidentView => ({
  id: '2022-01-05-camp-victory-a1b2c3',
  type: 'Shelling/artillery/missile attack',
  date: '2022-01-05',
  place: 'Camp Victory',
  place_id: 'base:camp-victory',
  lat: 33.2625,
  lon: 44.2343,
  geo_precision: 1,
  country: 'IQ',
  admin1: 'Baghdad',
  actor: null,
  actor_umbrella: null,
  target: 'us_forces',
  weapon: 'rocket',
  munitions: 4,
  killed: 0,
  injured: 0,
  intercepted: false,
  source_count: 1,
  sources: [source()],
  conflicts: [],
  review_status: 'unreviewed',
  updated_at: '2022-01-06T10:00:00.000Z',
  ...over,
});

const row = (over: Partial<IncidentView> = {}, opts?: Parameters<typeof toAcledRows>[1]) =>
  toAcledRows([incident(over)], opts)[0];

/** A strict RFC 4180 parser, to read back what the writer wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
        assert.ok(
          i >= text.length || text[i] === ',' || text[i] === '\n',
          `junk after a closing quote at ${i}`,
        );
      } else {
        field += c;
        i++;
      }
    } else if (c === '"') {
      assert.equal(field, '', `quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      assert.notEqual(c, '\r', 'bare CR outside quotes');
      field += c;
      i++;
    }
  }
  assert.equal(quoted, false, 'unterminated quoted field');
  assert.equal(field, '', 'last record without its line end');
  assert.equal(row.length, 0, 'last record without its line end');
  return rows;
}

describe('CSV writer', () => {
  const cases: [string, string, string][] = [
    ['plain', 'Camp Victory', 'Camp Victory'],
    ['empty', '', ''],
    ['comma', 'Baghdad, Iraq', '"Baghdad, Iraq"'],
    ['quote', 'the "Voice" of Iraq', '"the ""Voice"" of Iraq"'],
    ['newline', 'line one\nline two', '"line one\nline two"'],
    ['CR', 'a\rb', '"a\rb"'],
    ['Arabic', 'قناة الفرات', 'قناة الفرات'],
    ['Arabic with comma', 'السومرية، بغداد, العراق', '"السومرية، بغداد, العراق"'],
    ['leading space kept', ' x ', ' x '],
  ];
  for (const [name, input, expected] of cases) {
    it(`escapes a field: ${name}`, () => assert.equal(csvField(input), expected));
  }

  it('writes a document that reads back field for field, with \\n line ends', () => {
    const tricky = [
      source({ outlet: 'Al, Sumaria' }),
      source({ outlet: 'the "Voice"' }),
      source({ outlet: 'two\nlines' }),
      source({ outlet: 'قناة الفرات' }),
    ];
    const incs = [
      incident({ sources: tricky, source_count: 4 }),
      incident({ id: 'second', place: 'Erbil, north' }),
    ];
    const csv = acledCsv(incs);
    assert.ok(csv.endsWith('\n'));
    assert.ok(!csv.includes('\r'));
    const parsed = parseCsv(csv);
    assert.equal(parsed.length, 3);
    const rows = toAcledRows(incs);
    assert.deepEqual(
      parsed[1],
      ACLED_COLUMNS.map((c) => rows[0][c]),
    );
    assert.deepEqual(
      parsed[2],
      ACLED_COLUMNS.map((c) => rows[1][c]),
    );
    assert.equal(
      parsed[1][EXPECTED_COLUMNS.indexOf('source')],
      'Al, Sumaria; the "Voice"; two\nlines; قناة الفرات',
    );
    assert.equal(parsed[2][EXPECTED_COLUMNS.indexOf('location')], 'Erbil, north');
  });
});

describe('formula guard', () => {
  const cases: [string, string][] = [
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+123', `'+123`],
    ['-1+1', `'-1+1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['Al Sumaria', 'Al Sumaria'],
    ['a=b', 'a=b'],
    ['', ''],
  ];
  for (const [input, expected] of cases) {
    it(`guardFormula(${JSON.stringify(input)})`, () => assert.equal(guardFormula(input), expected));
  }

  it('guards every cell but the coordinates: an unknown country code cannot carry a formula', () => {
    const evil = '=HYPERLINK("http://x")';
    const csv = acledCsv([
      incident({
        country: evil,
        admin1: '-1+1',
        sources: [source({ outlet: '@x', url: null })],
        lat: -1,
        lon: -2,
      }),
    ]);
    const [, cells] = parseCsv(csv);
    const at = (c: string) => cells[EXPECTED_COLUMNS.indexOf(c)];
    assert.equal(at('country'), `'${evil}`);
    assert.equal(at('admin1'), "'-1+1");
    assert.equal(at('source'), "'@x");
    assert.equal(at('latitude'), '-1.0000');
    assert.equal(at('longitude'), '-2.0000');
    for (const [k, c] of cells.entries())
      if (!['latitude', 'longitude'].includes(EXPECTED_COLUMNS[k]))
        assert.doesNotMatch(c, /^[=+\-@\t\r]/, EXPECTED_COLUMNS[k]);
  });

  it('guards free-text cells in the CSV and leaves numbers, codes and dates alone', () => {
    const csv = acledCsv([
      incident({
        sources: [source({ outlet: '=cmd|calc' })],
        place: '@Camp',
        actor: '+Militia',
        lat: -33.5,
        lon: -44.25,
      }),
    ]);
    const [, cells] = parseCsv(csv);
    const at = (c: string) => cells[EXPECTED_COLUMNS.indexOf(c)];
    assert.equal(at('source'), `'=cmd|calc`);
    assert.equal(at('location'), `'@Camp`);
    assert.equal(at('actor1'), `'+Militia`);
    assert.equal(at('latitude'), '-33.5000');
    assert.equal(at('longitude'), '-44.2500');
    // the rows themselves stay raw: the guard is a CSV matter
    assert.equal(row({ sources: [source({ outlet: '=cmd|calc' })] }).source, '=cmd|calc');
  });
});

describe('ACLED columns', () => {
  it('are the ACLED columns in ACLED order', () => {
    assert.deepEqual([...ACLED_COLUMNS], EXPECTED_COLUMNS);
    assert.deepEqual(Object.keys(row()), EXPECTED_COLUMNS);
    assert.equal(acledCsv([]), EXPECTED_COLUMNS.join(',') + '\n');
    assert.equal(acledCsv([incident()]).split('\n')[0], EXPECTED_COLUMNS.join(','));
  });

  it('fills a typical incident the ACLED way', () => {
    const r = row({
      actor: "Kata'ib Hezbollah",
      actor_umbrella: 'Islamic Resistance in Iraq',
      sources: [source(), source({ outlet: null, url: 'https://www.alsumaria.tv/news/2' }), source()],
      source_count: 2,
    });
    assert.match(r.event_id_cnty, /^IRQ\d+$/);
    assert.equal(r.year, '2022');
    assert.equal(r.disorder_type, 'Political violence');
    assert.equal(r.actor1, 'Kataib Hezbollah');
    assert.equal(r.assoc_actor_1, 'Islamic Resistance in Iraq');
    assert.equal(r.actor2, 'Military Forces of the United States (2021-2025)');
    assert.deepEqual(
      [r.inter1, r.inter2, r.interaction],
      ['Political militia', 'External/Other forces', 'Political militia-External/Other forces'],
    );
    assert.equal(r.iso, '368');
    assert.equal(r.region, 'Middle East');
    assert.equal(r.country, 'Iraq');
    assert.equal(r.admin1, 'Baghdad');
    assert.equal(r.admin2, '');
    assert.equal(r.location, 'Camp Victory');
    assert.equal(r.latitude, '33.2625');
    assert.equal(r.geo_precision, '1');
    assert.equal(r.source, 'Example News; alsumaria.tv');
    // Example News has no known scale; Alsumaria is a national outlet (data/acled/outlets.json)
    assert.equal(r.source_scale, 'National');
    assert.equal(r.timestamp, '1641463200');
    assert.equal(
      r.notes,
      'On 5 January 2022, 4 rockets hit Camp Victory (Baghdad, Iraq), targeting US forces. Attributed to Kataib Hezbollah (Islamic Resistance in Iraq). No casualties reported. [2 sources]',
    );
  });

  it('gives stable, distinct event ids', () => {
    const a = row({ id: 'x-1' }).event_id_cnty;
    assert.equal(row({ id: 'x-1', killed: 5 }).event_id_cnty, a);
    assert.notEqual(row({ id: 'x-2' }).event_id_cnty, a);
    assert.match(row({ id: 'x-1', country: 'SY' }).event_id_cnty, /^SYR\d+$/);
    const many = toAcledRows(Array.from({ length: 2000 }, (_, k) => incident({ id: `inc-${k}` })));
    assert.equal(new Set(many.map((r) => r.event_id_cnty)).size, 2000);
  });

  const countries: [string, string, string, string][] = [
    ['IQ', '368', 'Iraq', 'IRQ'],
    ['SY', '760', 'Syria', 'SYR'],
    ['JO', '400', 'Jordan', 'JOR'],
    ['KW', '414', 'Kuwait', 'KWT'],
    ['TR', '792', 'Turkey', 'TUR'],
    ['IL', '376', 'Israel', 'ISR'],
    ['IR', '364', 'Iran', 'IRN'],
    ['LB', '422', 'Lebanon', 'LBN'],
    ['SA', '682', 'Saudi Arabia', 'SAU'],
  ];
  for (const [code, iso, name, iso3] of countries) {
    it(`codes country ${code}`, () => {
      const r = row({ country: code });
      assert.deepEqual(
        [r.iso, r.country, r.region, r.event_id_cnty.slice(0, 3)],
        [iso, name, 'Middle East', iso3],
      );
    });
  }

  it('takes country names from the options', () => {
    assert.equal(row({ country: 'TR' }, { countryNames: { TR: 'Türkiye' } }).country, 'Türkiye');
    const r = row({ country: 'ZZ', actor: null, target: 'civilians' }, { countryNames: { ZZ: 'Zedland' } });
    assert.deepEqual(
      [r.country, r.iso, r.actor1, r.actor2],
      ['Zedland', '', 'Unidentified Armed Group (Zedland)', 'Civilians (Zedland)'],
    );
  });
});

describe('ACLED dates', () => {
  const cases: [string | null, string, string, string][] = [
    ['2022-01-05', '2022-01-05', '2022', '1'],
    // ACLED: 1 day, 2 week, 3 month or coarser (a year-only date is 3 and tagged)
    ['2022-01', '2022-01-01', '2022', '3'],
    ['2022', '2022-01-01', '2022', '3'],
    [null, '', '', '3'],
    ['5 Jan 2022', '', '', '3'],
    ['2022-13', '', '', '3'],
  ];
  for (const [date, event_date, year, precision] of cases) {
    it(`${date} → ${event_date || '(none)'}, precision ${precision}`, () => {
      const r = row({ date });
      assert.deepEqual([r.event_date, r.year, r.time_precision], [event_date, year, precision]);
      assert.equal(r.tags.includes('date_precision=unknown'), event_date === '');
      assert.equal(r.tags.includes('date_precision=year'), date === '2022');
    });
  }

  it('writes the date the same way in the notes', () => {
    assert.match(row({ date: '2022-01' }).notes, /^In January 2022, /);
    assert.match(row({ date: '2022' }).notes, /^In 2022, /);
    assert.match(row({ date: null }).notes, /^On an unknown date, /);
  });
});

describe('ACLED event types', () => {
  const cases: [EventType, Target | null, string, string, string][] = [
    [
      'Shelling/artillery/missile attack',
      'us_forces',
      'Political violence',
      'Explosions/Remote violence',
      'Shelling/artillery/missile attack',
    ],
    ['Air/drone strike', 'militia', 'Political violence', 'Explosions/Remote violence', 'Air/drone strike'],
    [
      'Remote explosive/landmine/IED',
      'logistics',
      'Political violence',
      'Explosions/Remote violence',
      'Remote explosive/landmine/IED',
    ],
    ['Suicide bomb', 'civilians', 'Political violence', 'Explosions/Remote violence', 'Suicide bomb'],
    ['Grenade', 'civilians', 'Political violence', 'Explosions/Remote violence', 'Grenade'],
    ['Armed clash', 'iraqi_forces', 'Political violence', 'Battles', 'Armed clash'],
    [
      'Disrupted weapons use',
      'us_forces',
      'Strategic developments',
      'Strategic developments',
      'Disrupted weapons use',
    ],
    ['Attack', 'civilians', 'Political violence', 'Violence against civilians', 'Attack'],
    ['Attack', 'diplomatic', 'Political violence', 'Violence against civilians', 'Attack'],
    ['Attack', 'iraqi_forces', 'Political violence', 'Battles', 'Armed clash'],
    ['Attack', null, 'Political violence', 'Battles', 'Armed clash'],
  ];
  for (const [type, target, disorder, eventType, sub] of cases) {
    it(`${type} on ${target} → ${eventType} / ${sub}`, () => {
      assert.deepEqual(acledEventType(type, target), {
        disorder_type: disorder,
        event_type: eventType,
        sub_event_type: sub,
      });
      const r = row({ type, target });
      assert.deepEqual([r.disorder_type, r.event_type, r.sub_event_type], [disorder, eventType, sub]);
      assert.equal(r.tags.includes('rasd_type=Attack'), type === 'Attack' && sub !== 'Attack');
    });
  }

  it('covers every Rasd event type', () => {
    assert.deepEqual(new Set(cases.map((c) => c[0])), new Set(EVENT_TYPES));
  });
});

/** ACLED's inter names, from the codebook, written out independently of the module. */
const INTER_TEXT: Record<string, string> = {
  '1': 'State forces',
  '2': 'Rebel group',
  '3': 'Political militia',
  '4': 'Identity militia',
  '5': 'Rioters',
  '6': 'Protesters',
  '7': 'Civilians',
  '8': 'External/Other forces',
};

describe('ACLED actors and interaction', () => {
  it('puts the smaller inter code first', () => {
    const cases: [number, number, number][] = [
      [8, 3, 38],
      [3, 8, 38],
      [1, 7, 17],
      [7, 1, 17],
      [2, 2, 22],
      [3, 0, 30],
      [8, 0, 80],
    ];
    for (const [a, b, expected] of cases) assert.equal(interaction(a, b), expected, `${a}, ${b}`);
  });

  const cases: [string, Partial<IncidentView>, string, string, string, string, string, string][] = [
    // name, incident, actor1, inter1, actor2, inter2, interaction, civilian_targeting
    [
      'unknown actor on US forces in Iraq',
      { actor: null, target: 'us_forces' },
      'Unidentified Armed Group (Iraq)',
      '3',
      'Military Forces of the United States (2021-2025)',
      '8',
      '38',
      '',
    ],
    [
      'US strike on a militia in Iraq',
      { actor: 'United States', target: 'militia' },
      'Military Forces of the United States (2021-2025)',
      '8',
      'Unidentified Armed Group (Iraq)',
      '3',
      '38',
      '',
    ],
    [
      'Iraqi forces clash with IS',
      { actor: 'Islamic State', target: 'iraqi_forces' },
      'Islamic State (Iraq)',
      '2',
      'Military Forces of Iraq (2020-2022)',
      '1',
      '12',
      '',
    ],
    [
      'IS kills civilians in Syria',
      { actor: 'Islamic State', target: 'civilians', country: 'SY' },
      'Islamic State (Syria)',
      '2',
      'Civilians (Syria)',
      '7',
      '27',
      'Civilian targeting',
    ],
    [
      'Iraqi forces in Syria are external',
      { actor: 'Military Forces of Iraq', target: 'other', country: 'SY' },
      'Military Forces of Iraq (2020-2022)',
      '8',
      '',
      '0',
      '80',
      '',
    ],
    [
      'Turkey at home',
      { actor: 'Turkey', target: 'militia', country: 'TR' },
      'Military Forces of Turkey (2002-)',
      '1',
      'Unidentified Armed Group (Turkey)',
      '3',
      '13',
      '',
    ],
    [
      'Turkey in Iraq',
      { actor: 'Turkey', target: 'militia' },
      'Military Forces of Turkey (2002-)',
      '8',
      'Unidentified Armed Group (Iraq)',
      '3',
      '38',
      '',
    ],
    [
      'Iran on the coalition',
      { actor: 'Iran', target: 'coalition' },
      'Military Forces of Iran (1989-)',
      '8',
      'Global Coalition against ISIS',
      '8',
      '88',
      '',
    ],
    [
      'embassy rockets',
      { actor: null, target: 'diplomatic' },
      'Unidentified Armed Group (Iraq)',
      '3',
      'Civilians (International)',
      '7',
      '37',
      'Civilian targeting',
    ],
    [
      'convoy IED',
      { actor: null, target: 'logistics' },
      'Unidentified Armed Group (Iraq)',
      '3',
      'Private Security Forces (Iraq)',
      '8',
      '38',
      '',
    ],
    [
      'Syrian forces at home',
      { actor: 'Israel', target: 'syrian_forces', country: 'SY' },
      'Military Forces of Israel (2021-2022)',
      '8',
      'Military Forces of Syria (2000-2024)',
      '1',
      '18',
      '',
    ],
    [
      'no target',
      { actor: 'PKK', target: null, country: 'TR' },
      'PKK: Kurdistan Workers Party',
      '2',
      '',
      '0',
      '20',
      '',
    ],
    [
      'unknown name',
      { actor: 'Some New Brigade', target: 'us_forces' },
      'Some New Brigade',
      '3',
      'Military Forces of the United States (2021-2025)',
      '8',
      '38',
      '',
    ],
    [
      'unknown actor in Jordan',
      { actor: null, target: 'us_forces', country: 'JO' },
      'Unidentified Armed Group (Jordan)',
      '3',
      'Military Forces of the United States (2021-2025)',
      '8',
      '38',
      '',
    ],
  ];
  for (const [name, over, actor1, inter1, actor2, inter2, inter, civ] of cases) {
    it(name, () => {
      const r = row(over, { inter: 'numeric' });
      assert.deepEqual(
        [r.actor1, r.inter1, r.actor2, r.inter2, r.interaction, r.civilian_targeting],
        [actor1, inter1, actor2, inter2, inter, civ],
      );
      assert.equal(r.assoc_actor_2, '');
      // ACLED's text (the default) says the same in words
      const t = row(over);
      const [lo, hi] = [inter[0], inter[1]];
      assert.deepEqual(
        [t.inter1, t.inter2, t.interaction],
        [
          INTER_TEXT[inter1],
          inter2 === '0' ? '' : INTER_TEXT[inter2],
          hi === '0' ? `${INTER_TEXT[lo]} only` : `${INTER_TEXT[lo]}-${INTER_TEXT[hi]}`,
        ],
      );
    });
  }
});

describe('ACLED fatalities, tags and notes', () => {
  const cases: [number | null, string, boolean][] = [
    [null, '0', true],
    [0, '0', false],
    [3, '3', false],
  ];
  for (const [killed, fatalities, unknownTag] of cases) {
    it(`killed ${killed} → fatalities ${fatalities}`, () => {
      const r = row({ killed });
      assert.equal(r.fatalities, fatalities);
      assert.equal(r.tags.split('; ').includes('fatalities=unknown'), unknownTag);
    });
  }

  it('tags what ACLED has no column for', () => {
    const r = row({
      id: 'inc-7',
      intercepted: true,
      type: 'Disrupted weapons use',
      conflicts: ['killed', 'weapon'],
      review_status: 'confirmed',
    });
    assert.equal(r.tags, 'rasd_id=inc-7; intercepted=yes; sources_disagree=killed,weapon; review=confirmed');
    assert.equal(row({ id: 'inc-8' }).tags, 'rasd_id=inc-8');
  });

  it('says when the target is the forces the site hosts, not what a source states', () => {
    const r = row({
      id: 'inc-9',
      place: 'Al-Tanf garrison',
      place_id: 'base:tanf',
      admin1: 'Homs',
      country: 'SY',
      killed: null,
      injured: null,
      implied: { target: { rule: 'site-hosts', place_id: 'base:tanf' } },
    });
    assert.equal(r.tags, 'rasd_id=inc-9; fatalities=unknown; target_implied=site-hosts:base:tanf');
    assert.equal(
      r.notes,
      'On 5 January 2022, 4 rockets hit Al-Tanf garrison (Homs, Syria), targeting US forces. Target implied by the site, not stated by the sources. Casualties unknown. [1 source]',
    );
    assert.equal(r.actor2, row().actor2, 'actor2 is coded as for a stated target');
    // a stated target: neither
    assert.equal(row({ id: 'inc-10', implied: null }).tags, 'rasd_id=inc-10');
    assert.doesNotMatch(row({ implied: null }).notes, /implied/);
  });

  it('never puts Arabic text in the notes', () => {
    const r = row({
      place: 'معسكر فكتوري',
      admin1: 'بغداد',
      actor: 'فصيل مجهول',
      actor_umbrella: 'المقاومة',
      conflicts: ['قتلى'],
      killed: 2,
      injured: null,
    });
    assert.doesNotMatch(r.notes, /[\u0600-\u06ff]/u);
    assert.equal(r.notes, 'On 5 January 2022, 4 rockets hit Iraq, targeting US forces. 2 killed. [1 source]');
    // the Arabic place stays in its own column
    assert.equal(r.location, 'معسكر فكتوري');
  });

  const notes: [string, Partial<IncidentView>, string][] = [
    [
      'intercepted drones',
      {
        type: 'Disrupted weapons use',
        weapon: 'drone',
        munitions: 2,
        intercepted: true,
        killed: null,
        injured: null,
      },
      'On 5 January 2022, 2 drones targeting US forces were intercepted at Camp Victory (Baghdad, Iraq). Casualties unknown. [1 source]',
    ],
    [
      'an airstrike by the US',
      {
        type: 'Air/drone strike',
        weapon: 'aircraft',
        munitions: null,
        actor: 'United States',
        target: 'militia',
        killed: 3,
        injured: 0,
      },
      'On 5 January 2022, an airstrike hit Camp Victory (Baghdad, Iraq), targeting a militia. Attributed to Military Forces of the United States (2021-2025). 3 killed, no one injured. [1 source]',
    ],
    [
      'a clash',
      {
        type: 'Armed clash',
        weapon: 'small_arms',
        actor: 'Islamic State',
        target: 'iraqi_forces',
        killed: null,
        injured: 4,
        source_count: 3,
      },
      'On 5 January 2022, an armed clash took place at Camp Victory (Baghdad, Iraq), targeting Iraqi forces. Attributed to Islamic State (Iraq). 4 injured. [3 sources]',
    ],
  ];
  for (const [name, over, expected] of notes)
    it(`notes: ${name}`, () => assert.equal(row(over).notes, expected));
});

describe('GeoJSON', () => {
  const incs = [
    incident({ id: 'a', lat: 33.3, lon: 44.4 }),
    incident({ id: 'b', lat: null, lon: null }),
    incident({
      id: 'c',
      lat: 36.19,
      lon: 43.99,
      sources: [source(), source({ url: null }), source({ url: 'https://b.example/x' })],
    }),
    incident({ id: 'd', lat: 33.3, lon: null }),
  ];

  it('writes [lon, lat] points and counts the incidents it skips', () => {
    const fc = toGeoJson(incs);
    assert.equal(fc.type, 'FeatureCollection');
    assert.equal(fc.skipped, 2);
    assert.deepEqual(
      fc.features.map((f) => [f.id, f.geometry.type, f.geometry.coordinates]),
      [
        ['a', 'Point', [44.4, 33.3]],
        ['c', 'Point', [43.99, 36.19]],
      ],
    );
  });

  it('keeps the fields, counts the sources and joins their URLs', () => {
    const f = toGeoJson(incs).features[1];
    assert.equal(f.type, 'Feature');
    assert.equal(f.properties.sources, 3);
    assert.equal(f.properties.source_urls, 'https://www.example.com/news/1; https://b.example/x');
    assert.equal(f.properties.date_precision, 'day');
    assert.equal(f.properties.place, 'Camp Victory');
    assert.equal(f.properties.id, 'c');
    assert.equal(f.properties.source_count, 1);
    assert.equal(f.properties.target_implied_by, null);
    assert.ok(!JSON.stringify(f.properties).includes('evidence'));
  });

  it('names the gazetteer row of an implied target', () => {
    const implied = incident({ implied: { target: { rule: 'site-hosts', place_id: 'base:tanf' } } });
    const [f] = toGeoJson([implied]).features;
    assert.deepEqual([f.properties.target, f.properties.target_implied_by], ['us_forces', 'base:tanf']);
  });

  it('serializes to parseable JSON', () => {
    const text = geoJsonString(incs);
    assert.ok(text.endsWith('\n'));
    assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(toGeoJson(incs))));
    assert.deepEqual(JSON.parse(geoJsonString([])), { type: 'FeatureCollection', features: [], skipped: 0 });
  });
});

describe('JSONL', () => {
  const cases: [string, IncidentView[], number][] = [
    ['none', [], 0],
    ['one', [incident()], 1],
    [
      'three, with line breaks inside the evidence',
      [
        incident({ id: '1' }),
        incident({ id: '2', sources: [source({ evidence: 'سطر أول\nسطر ثان\u2028وثالث\u2029' })] }),
        incident({ id: '3' }),
      ],
      3,
    ],
  ];
  for (const [name, incs, lines] of cases) {
    it(`writes one line per incident: ${name}`, () => {
      const text = toJsonl(incs);
      assert.equal(text.split(/\r\n|\n|\r|\u2028|\u2029/).length - 1, lines);
      assert.equal(text === '' || text.endsWith('\n'), true);
      const back = text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l));
      assert.deepEqual(
        back,
        incs.map((i) => ({ ...i, date_precision: 'day' })),
      );
    });
  }
});

describe('exportIncidents', () => {
  const incs = [incident(), incident({ id: 'b', lat: null, lon: null })];
  const cases: [(typeof EXPORT_FORMATS)[number], string, string, string][] = [
    ['acled-csv', 'text/csv; charset=utf-8', 'csv', acledCsv(incs)],
    ['geojson', 'application/geo+json', 'geojson', geoJsonString(incs)],
    ['jsonl', 'application/x-ndjson', 'jsonl', toJsonl(incs)],
  ];
  it('parquet', () => {
    const doc = exportIncidents(incs, 'parquet');
    assert.equal(doc.contentType, 'application/vnd.apache.parquet');
    assert.equal(doc.extension, 'parquet');
    assert.ok(doc.body instanceof Uint8Array);
    assert.equal(Buffer.from(doc.body.slice(0, 4)).toString(), 'PAR1');
  });
  for (const [format, contentType, extension, body] of cases) {
    it(format, () => assert.deepEqual(exportIncidents(incs, format), { contentType, body, extension }));
  }

  it('covers every format and refuses others', () => {
    assert.deepEqual([...cases.map((c) => c[0]), 'parquet'], [...EXPORT_FORMATS]);
    assert.throws(() => exportIncidents(incs, 'xlsx' as never), /unknown export format/);
  });
});
