import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  clusterMentions,
  compareMentions,
  incidentKey,
  keptFields,
  type MentionRow,
  mergeMentions,
} from './assign.js';

let nextId = 1;
function m(o: Partial<MentionRow> & { article_id: string }): MentionRow {
  return {
    id: nextId++,
    idx: 0,
    group_id: o.article_id,
    incident_id: null,
    type: 'Shelling/artillery/missile attack',
    date: '2024-01-15',
    place: 'Ain al-Asad Air Base',
    place_id: 'base:ain-al-asad',
    lat: 33.786,
    lon: 42.441,
    geo_precision: 1,
    country: 'IQ',
    admin1: 'Anbar',
    actor: null,
    actor_umbrella: null,
    target: null,
    weapon: 'rocket',
    munitions: null,
    killed: null,
    injured: null,
    intercepted: null,
    evidence: 'x',
    ...o,
  };
}

/** Clusters as sets of "article#idx", independent of cluster and member order. */
function shape(clusters: MentionRow[][]): string[] {
  return clusters.map((c) => c.map((x) => `${x.article_id}#${x.idx}`).join(',')).sort();
}

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// a base and a spot 9 km away, and a site far away
const NEAR = { lat: 33.86, lon: 42.44, place: 'Baghdadi', place_id: 'town:baghdadi' };
const FAR = { lat: 36.54, lon: 44.35, place: 'Harir Air Base', place_id: 'base:harir', admin1: 'Erbil' };

describe('clusterMentions', () => {
  const cases: { name: string; rows: MentionRow[]; want: string[] }[] = [
    {
      name: 'two articles, same base and day: one incident',
      rows: [m({ article_id: 'a' }), m({ article_id: 'b' })],
      want: ['a#0,b#0'],
    },
    {
      name: 'different days: two incidents',
      rows: [m({ article_id: 'a' }), m({ article_id: 'b', date: '2024-01-16' })],
      want: ['a#0', 'b#0'],
    },
    {
      name: 'far apart: two incidents',
      rows: [m({ article_id: 'a' }), m({ article_id: 'b', ...FAR })],
      want: ['a#0', 'b#0'],
    },
    {
      name: 'rocket vs drone: two incidents',
      rows: [m({ article_id: 'a' }), m({ article_id: 'b', weapon: 'drone' })],
      want: ['a#0', 'b#0'],
    },
    {
      name: 'rocket vs mortar (one family): one incident',
      rows: [m({ article_id: 'a' }), m({ article_id: 'b', weapon: 'mortar' })],
      want: ['a#0,b#0'],
    },
    {
      name: 'contradicting actors: two incidents',
      rows: [m({ article_id: 'a', actor: 'Group One' }), m({ article_id: 'b', actor: 'Group Two' })],
      want: ['a#0', 'b#0'],
    },
    {
      name: 'a member and its umbrella agree',
      rows: [
        m({ article_id: 'a', actor: "Kata'ib Hezbollah", actor_umbrella: 'Islamic Resistance in Iraq' }),
        m({ article_id: 'b', actor: 'Islamic Resistance in Iraq' }),
      ],
      want: ['a#0,b#0'],
    },
    {
      name: 'an actor-less report does not bridge two contradicting actors',
      rows: [
        m({ article_id: 'a', actor: 'Group One' }),
        m({ article_id: 'b' }),
        m({ article_id: 'c', actor: 'Group Two' }),
      ],
      want: ['a#0,b#0', 'c#0'],
    },
    {
      name: 'two events of one article never merge, even through a third article',
      rows: [
        m({ article_id: 'a', idx: 0 }),
        m({ article_id: 'a', idx: 1, ...NEAR }),
        m({ article_id: 'b', ...NEAR }),
      ],
      want: ['a#0', 'a#1,b#0'],
    },
    {
      name: 'month-level dates join the only day-level incident of that month nearby',
      rows: [
        m({ article_id: 'a', date: '2024-01' }),
        m({ article_id: 'b' }),
        m({ article_id: 'c', date: '2024-01', ...NEAR }),
      ],
      want: ['a#0,c#0,b#0'],
    },
    {
      name: 'a month-level date stays apart when the month has two incidents there',
      rows: [
        m({ article_id: 'a', date: '2024-01' }),
        m({ article_id: 'b' }),
        m({ article_id: 'c', date: '2024-01-20' }),
      ],
      want: ['a#0', 'b#0', 'c#0'],
    },
    {
      name: 'undated reports stay alone',
      rows: [m({ article_id: 'a', date: null }), m({ article_id: 'b', date: null })],
      want: ['a#0', 'b#0'],
    },
    {
      name: 'a near-duplicate copy joins its original’s incident',
      rows: [
        m({ article_id: 'a' }),
        m({ article_id: 'a-copy', group_id: 'a', munitions: 3 }),
        m({ article_id: 'b' }),
      ],
      want: ['a#0,a-copy#0,b#0'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(shape(clusterMentions(c.rows)), c.want);
    });
  }

  it('does not depend on the order of its input', () => {
    const rows = [
      m({ article_id: 'a', idx: 0 }),
      m({ article_id: 'a', idx: 1, ...NEAR }),
      m({ article_id: 'b', ...NEAR }),
      m({ article_id: 'c' }),
      m({ article_id: 'd', date: '2024-01' }),
      m({ article_id: 'e', actor: 'Group One' }),
      m({ article_id: 'f', actor: 'Group Two', ...NEAR }),
      m({ article_id: 'g', weapon: 'drone' }),
      m({ article_id: 'h', weapon: null, ...NEAR }),
      m({ article_id: 'i', ...FAR }),
    ];
    const want = shape(clusterMentions(rows));
    const keys = clusterMentions(rows).map((c) => incidentKey(c[0]));
    for (let seed = 1; seed <= 40; seed++) {
      const got = clusterMentions(shuffle(rows, seed));
      assert.deepEqual(shape(got), want, `seed ${seed}`);
      assert.deepEqual(got.map((c) => incidentKey(c[0])).sort(), [...keys].sort());
    }
  });

  it('orders mentions by date, place, article and index (undated last)', () => {
    const rows = [
      m({ article_id: 'b', date: null }),
      m({ article_id: 'b', idx: 1 }),
      m({ article_id: 'b', idx: 0 }),
      m({ article_id: 'a', date: '2024-01' }),
    ];
    assert.deepEqual(
      [...rows].sort(compareMentions).map((x) => `${x.article_id}#${x.idx}:${x.date}`),
      ['a#0:2024-01', 'b#0:2024-01-15', 'b#1:2024-01-15', 'b#0:null'],
    );
  });
});

describe('mergeMentions', () => {
  const cases: { name: string; rows: MentionRow[]; want: Partial<ReturnType<typeof mergeMentions>> }[] = [
    {
      name: 'counts: the lowest stated figure, and the disagreement is recorded',
      rows: [
        m({ article_id: 'a', killed: 3, injured: null, munitions: 4 }),
        m({ article_id: 'b', killed: 2, injured: 5, munitions: 4 }),
      ],
      want: { killed: 2, injured: 5, munitions: 4, conflicts: ['killed'], source_count: 2 },
    },
    {
      name: 'zero is a stated figure',
      rows: [m({ article_id: 'a', killed: 0 }), m({ article_id: 'b', killed: 1 })],
      want: { killed: 0, conflicts: ['killed'] },
    },
    {
      name: 'the most precise date and place',
      rows: [
        m({ article_id: 'a', date: '2024-01', geo_precision: 3, place: 'Anbar', place_id: 'wof:1' }),
        m({ article_id: 'b', date: '2024-01-15' }),
      ],
      want: { date: '2024-01-15', place_id: 'base:ain-al-asad', geo_precision: 1 },
    },
    {
      name: 'the named member beats its umbrella',
      rows: [
        m({ article_id: 'a', actor: 'Islamic Resistance in Iraq' }),
        m({ article_id: 'b', actor: 'Islamic Resistance in Iraq' }),
        m({ article_id: 'c', actor: "Kata'ib Hezbollah", actor_umbrella: 'Islamic Resistance in Iraq' }),
      ],
      want: { actor: "Kata'ib Hezbollah", actor_umbrella: 'Islamic Resistance in Iraq', conflicts: [] },
    },
    {
      name: 'type and weapon by majority',
      rows: [
        m({ article_id: 'a', weapon: 'rocket' }),
        m({ article_id: 'b', weapon: 'rocket' }),
        m({ article_id: 'c', weapon: 'mortar' }),
      ],
      want: { weapon: 'rocket', conflicts: ['weapon'] },
    },
    {
      name: 'weapon tie: the more specific',
      rows: [m({ article_id: 'a', weapon: 'artillery' }), m({ article_id: 'b', weapon: 'missile' })],
      want: { weapon: 'missile' },
    },
    {
      name: 'something got through beats all intercepted',
      rows: [m({ article_id: 'a', intercepted: true }), m({ article_id: 'b', intercepted: false })],
      want: { intercepted: false, conflicts: ['intercepted'] },
    },
    {
      name: 'a copy neither votes twice nor counts as a source',
      rows: [
        m({ article_id: 'a', killed: 4 }),
        m({ article_id: 'a-copy', group_id: 'a', killed: 1 }),
        m({ article_id: 'b', killed: 4 }),
      ],
      want: { killed: 4, source_count: 2, conflicts: [] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = mergeMentions(c.rows);
      for (const [k, v] of Object.entries(c.want)) assert.deepEqual(got[k as keyof typeof got], v, k);
    });
  }

  describe('target: a stated target beats the ones sites imply', () => {
    const SITE = {
      target: 'coalition',
      implied: { target: { rule: 'site-hosts' as const, place_id: 'base:ain-al-asad' } },
    };
    const pick = (rows: MentionRow[]) => {
      const g = mergeMentions(rows);
      return { target: g.target, implied: g.implied, conflicts: g.conflicts };
    };
    it('the implied source first, the stated second', () => {
      assert.deepEqual(pick([m({ article_id: 'a', ...SITE }), m({ article_id: 'b', target: 'us_forces' })]), {
        target: 'us_forces',
        implied: null,
        conflicts: [],
      });
    });
    it('the stated source first, the implied second', () => {
      assert.deepEqual(pick([m({ article_id: 'a', target: 'us_forces' }), m({ article_id: 'b', ...SITE })]), {
        target: 'us_forces',
        implied: null,
        conflicts: [],
      });
    });
    it('one stated source outweighs a majority of implied ones', () => {
      const rows = [
        m({ article_id: 'a', ...SITE }),
        m({ article_id: 'b', target: 'logistics' }),
        m({ article_id: 'c', ...SITE }),
      ];
      assert.deepEqual(pick(rows), { target: 'logistics', implied: null, conflicts: [] });
    });
    it('only implied targets: the target is implied, with its reason', () => {
      assert.deepEqual(pick([m({ article_id: 'a', ...SITE }), m({ article_id: 'b' })]), {
        target: 'coalition',
        implied: SITE.implied,
        conflicts: [],
      });
    });
    it('stated targets that disagree are a conflict; an implied one is not', () => {
      const rows = [
        m({ article_id: 'a', target: 'us_forces' }),
        m({ article_id: 'b', target: 'iraqi_forces' }),
        m({ article_id: 'c', ...SITE }),
      ];
      assert.deepEqual(pick(rows), { target: 'iraqi_forces', implied: null, conflicts: ['target'] });
    });
    it('no target: none, nothing implied', () => {
      assert.deepEqual(pick([m({ article_id: 'a' }), m({ article_id: 'b' })]), {
        target: null,
        implied: null,
        conflicts: [],
      });
    });
    it("a reviewer's locked fields: a kept target stays implied, another one is theirs", () => {
      const merged = mergeMentions([m({ article_id: 'a', ...SITE })]);
      assert.deepEqual(keptFields(merged, { target: 'coalition', killed: 2 }).implied, SITE.implied);
      assert.deepEqual(keptFields(merged, { killed: 2 }).implied, SITE.implied);
      const edited = keptFields(merged, { target: 'iraqi_forces' });
      assert.deepEqual([edited.target, edited.implied], ['iraqi_forces', null]);
    });
  });

  it('keeps the folded evidence of every member for search', () => {
    const got = mergeMentions([
      m({ article_id: 'a', evidence: 'سقطت صواريخ على قاعدةِ عين الأسد' }),
      m({ article_id: 'b', evidence: 'قصف قاعدة عين الأسد' }),
    ]);
    assert.ok(got.evidence_norm.includes('قاعده عين الاسد'));
    assert.ok(got.evidence_norm.includes('قصف'));
  });
});
