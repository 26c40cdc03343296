/**
 * The summary (src/db/summary.ts) answers exactly what the live queries answer: on a random
 * store (the test articles ingested, the export fixture, synthetic incidents at gazetteer
 * places), for random filters, every facet, the count, the stats, the timeline and the map are
 * compared both ways — after ingest, after reviews, merges and splits, after reprocess, and
 * after deletes — on PGlite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CheckedFilter, IncidentFilter } from '../db/filter.js';
import { checkFilter, dateRange } from '../db/filter.js';
import { benchSql } from '../db/sql.js';
import { summaryPlan } from '../db/summary.js';
import { writeFixtureIncidents } from '../export/testdata/fixture-store.js';
import { benchPlaces } from '../places/names.js';
import { Store } from './store.js';
import { closeTestStore, openTestStore, testArticles, testEngines } from './testing.js';

/** A small seeded random number generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LIST = ['type', 'weapon', 'actor', 'country', 'admin1', 'target', 'review_status'] as const;
// whole years and months, days mid-month and at a month's first and last, and the dates the
// imprecise incidents of IMPRECISE straddle (2022-07-15)
const DATES = [
  '2019',
  '2019-01-31',
  '2020-02-10',
  '2020-02-29',
  '2020-03',
  '2021-06-15',
  '2021-07-01',
  '2022',
  '2022-07',
  '2022-07-15',
  '2023-11',
  '2023-12-31',
  '2024-01-15',
  '2024-03',
  '2025-12-31',
];

/** Dates given to synthetic incidents syn-11… in turn: months and years around the edges of EDGES. */
const IMPRECISE = [
  '2022-07',
  '2022',
  '2022-06',
  '2022-08',
  '2022-07-15',
  '2022-07-14',
  '2022-07-31',
  '2022-08-01',
  '2021',
  '2023',
];

/** Date ranges with ends inside, at and around the months and years of IMPRECISE. */
const EDGES: IncidentFilter[] = [
  { from: '2022-07-15', to: '2022-07-15' },
  { from: '2022-07-14', to: '2022-08-01' },
  { from: '2022-07-15' },
  { to: '2022-07-15' },
  { from: '2022-07-01', to: '2022-07-31' },
  { from: '2022-07', to: '2022-07' },
  { from: '2022-06-30', to: '2022-08-01' },
  { from: '2021-12-31', to: '2022-01-01' },
  { from: '2022-01-01', to: '2022-12-30' },
  { from: '2022-02-15', to: '2023-03-15' },
  { to: '2022-06-30' },
  { from: '2022-08-02' },
];

/** Random filters over the values the store holds: none, one, two list filters, dates, boxes, text. */
async function randomFilters(store: Store, seed: number, n: number): Promise<IncidentFilter[]> {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const values: Record<string, string[]> = {};
  for (const d of LIST) {
    const col = d === 'actor' ? 'coalesce(actor, actor_umbrella)' : d;
    const rows = await store.db.query<{ v: string }>({
      text: `SELECT DISTINCT ${col} AS v FROM incidents WHERE ${col} IS NOT NULL ORDER BY 1`,
    });
    values[d] = rows.map((r) => r.v);
  }
  values.actor.push('Islamic Resistance in Iraq');
  values.type.push('Battles', 'Violence against civilians', 'Explosions/Remote violence');
  const some = (d: (typeof LIST)[number]) => {
    const k = 1 + Math.floor(rnd() * 3);
    return [...new Set(Array.from({ length: k }, () => pick(values[d])))];
  };
  const out: IncidentFilter[] = [{}];
  for (const d of LIST) out.push({ [d]: [pick(values[d])] }, { [d]: some(d) });
  // summary_combos with the facet's own filter left out: three lists, an ACLED event type, two actors
  out.push(
    { country: ['IQ', 'SY'], weapon: ['drone', 'rocket'], target: [pick(values.target)] },
    { type: ['Battles'], country: ['SY'] },
    { type: ['Violence against civilians', 'Armed clash'], weapon: ['drone'], review_status: ['unreviewed'] },
    { actor: values.actor.slice(0, 2), admin1: some('admin1') },
  );
  // the edges alone, and with one list filter
  for (const e of EDGES) {
    const d = pick(LIST);
    out.push(e, { ...e, [d]: some(d) });
  }
  while (out.length < n) {
    const f: IncidentFilter = {};
    const r = rnd();
    const lists = r < 0.4 ? 1 : r < 0.7 ? 2 : r < 0.8 ? 0 : 3;
    for (let k = 0; k < lists; k++) {
      const d = pick(LIST);
      (f as Record<string, unknown>)[d] = some(d);
    }
    if (rnd() < 0.35) {
      const a = pick(DATES);
      const b = pick(DATES);
      if (rnd() < 0.5) f.from = a < b ? a : b;
      if (rnd() < 0.7) f.to = a < b ? b : a;
    }
    if (rnd() < 0.2) {
      const w = 36 + rnd() * 6;
      const s = 30 + rnd() * 5;
      f.bbox = [w, s, w + 1 + rnd() * 8, s + 1 + rnd() * 6];
    }
    if (rnd() < 0.05) f.q = 'قرب';
    if (rnd() < 0.05) f.min_sources = 2;
    out.push(f);
  }
  return out;
}

const VIEWS: { zoom: number; view: [number, number, number, number] }[] = [
  { zoom: 3, view: [-180, -85, 180, 85] },
  { zoom: 6, view: [28.9, 29, 54.5, 37.5] },
  { zoom: 9, view: [38, 32, 45, 36] },
];

/** Everything the summary answers, for one filter. */
async function answers(store: Store, f: IncidentFilter) {
  return {
    facets: await store.facets(f),
    count: await store.countIncidents(f),
    stats: await store.stats(f, { per_day: true, per_date: true }),
    timeline: await store.timeline(f),
    maps: await Promise.all(VIEWS.map((v) => store.mapClusters(f, v))),
    page: (await store.incidentsAtOffset({ ...f, limit: 5 }, 0)).total,
  };
}

async function assertSame(store: Store, live: Store, filters: IncidentFilter[], when: string) {
  for (const f of filters) {
    const [a, b] = [await answers(store, f), await answers(live, f)];
    assert.deepEqual(a, b, `${when}: ${JSON.stringify(f)}`);
  }
}

for (const engine of testEngines()) {
  describe(`the summary on ${engine}`, () => {
    let store: Store;
    let live: Store;
    let filters: IncidentFilter[];

    before(async () => {
      store = await openTestStore(engine);
      live = new Store(store.db, { summary: false });
      await store.ingest(testArticles());
      await writeFixtureIncidents(store);
      await store.db.query(benchSql.seed(0.25));
      await store.db.query(benchSql.syntheticPlacedIncidents(1, 600, benchPlaces(40)));
      // imprecise dates straddling the ends of EDGES (and days at them), through the trigger's update
      for (let k = 0; k < 60; k++) {
        const [lo, hi] = dateRange(IMPRECISE[k % IMPRECISE.length]) as [string, string];
        await store.db.query({
          text: 'UPDATE incidents SET date = $1, date_lo = $2, date_hi = $3, sort_date = $2 WHERE id = $4',
          values: [IMPRECISE[k % IMPRECISE.length], lo, hi, `syn-${11 + k}`],
        });
      }
      filters = await randomFilters(store, 7, engine === 'pg' ? 60 : 40);
    });
    after(async () => {
      if (store) await closeTestStore(store);
    });

    it('answers as the live queries after ingest (and is what answers them)', async () => {
      assert.ok((await store.countIncidents()) > 600);
      await assertSame(store, live, filters, 'after ingest');
      // the summary is what answered: change it and the answer changes
      await store.db.query({
        text: "UPDATE summary_values SET n = n + 1000 WHERE g_dim = '' AND f_dim = '*'",
      });
      assert.equal(await store.countIncidents(), (await live.countIncidents()) + 1000);
      await store.db.query({
        text: "UPDATE summary_values SET n = n - 1000 WHERE g_dim = '' AND f_dim = '*'",
      });
    });

    it('answers date ranges from summary_months and summary_days, several lists from summary_combos', async () => {
      const iq = async (s: Store, f: IncidentFilter) =>
        (await s.facets(f)).country.find((v) => v.value === 'IQ')?.count ?? 0;
      const bumped = async (text: string, check: () => Promise<void>) => {
        await store.db.query({ text: `UPDATE ${text.replace('$n', 'n + 1000')}` });
        try {
          await check();
        } finally {
          await store.db.query({ text: `UPDATE ${text.replace('$n', 'n - 1000')}` });
        }
      };
      // a whole month (the days of March 2022) and a year-dated range (2022) from summary_months
      await bumped(
        "summary_months SET n = $n WHERE g_dim = '' AND f_dim = 'country' AND f_value = 'IQ' AND month = '2022-03-01'",
        async () => {
          const f = { from: '2022-02-15', to: '2022-04-15' };
          assert.equal(await iq(store, f), (await iq(live, f)) + 1000);
        },
      );
      await bumped(
        "summary_months SET n = $n WHERE g_dim = '' AND f_dim = 'country' AND f_value = 'IQ' AND date_lo = '2022-01-01' AND date_hi = '2022-12-31'",
        async () => {
          const f = { from: '2022-12-31' };
          assert.equal(await iq(store, f), (await iq(live, f)) + 1000);
        },
      );
      // a day at a range's end from summary_days
      const [day] = await store.db.query<{ day: string }>({
        text: "SELECT day::text AS day FROM summary_days WHERE country = 'IQ' AND day BETWEEN '2022-03-02' AND '2022-03-30' ORDER BY 1 LIMIT 1",
      });
      await bumped(
        `summary_days SET n = $n WHERE ctid = (SELECT ctid FROM summary_days WHERE country = 'IQ' AND day = '${day.day}' LIMIT 1)`,
        async () => {
          const f = { from: day.day, to: '2022-04-10' };
          assert.equal(await iq(store, f), (await iq(live, f)) + 1000);
          const outside = { from: '2022-03-31', to: '2022-04-10' };
          assert.equal(await iq(store, outside), await iq(live, outside));
        },
      );
      // two list filters from summary_combos
      await bumped(
        "summary_combos SET n = $n WHERE ctid = (SELECT ctid FROM summary_combos WHERE country = 'IQ' AND weapon = 'drone' AND target = 'us_forces' LIMIT 1)",
        async () => {
          const f = { weapon: ['drone'], target: ['us_forces'] };
          assert.equal(await iq(store, f), (await iq(live, f)) + 1000);
          assert.equal(
            await store.countIncidents({ ...f, country: ['IQ'] }),
            (await live.countIncidents({ ...f, country: ['IQ'] })) + 1000,
          );
        },
      );
    });

    it('answers as the live queries after reviews, merges and splits', async () => {
      // incidents with sources (the synthetic ones have none)
      const withSources = await store.db.query<{ id: string }>({
        text: 'SELECT DISTINCT incident_id AS id FROM incident_mentions ORDER BY 1',
      });
      const [a, b, c, d] = await Promise.all(withSources.slice(0, 4).map((r) => store.getIncident(r.id)));
      assert.ok(a && b && c && d);
      await store.review(a.id, { who: 't', action: 'edit', fields: { country: 'JO', type: 'Armed clash' } });
      await store.review(b.id, { who: 't', action: 'reject' });
      await store.review(c.id, { who: 't', action: 'confirm' });
      const merged = await store.merge(c.id, d.id, 't');
      assert.ok(merged && merged.sources.length >= 2);
      await store.split(c.id, [merged.sources[0].mention_id], 't');
      await store.review(b.id, { who: 't', action: 'reset' });
      await assertSame(store, live, filters, 'after review');
    });

    it('answers as the live queries after reprocess, deletes and updates', async () => {
      await store.reprocess({ workers: 0 });
      await store.db.query({ text: "DELETE FROM incidents WHERE id IN ('syn-1', 'syn-2', 'syn-3')" });
      await store.db.query({
        text: "UPDATE incidents SET source_count = source_count + 1, lat = NULL WHERE id IN ('syn-4', 'syn-5')",
      });
      await assertSame(store, live, filters, 'after reprocess');
    });
  });
}

describe('summaryPlan', () => {
  const plan = (f: IncidentFilter, opts = {}) => {
    const p = summaryPlan(checkFilter(f) as CheckedFilter, opts);
    return p.ok ? { dim: p.dim, values: p.values } : p.why.split(':')[0];
  };
  it('answers no filter, or one list filter, from the summary', () => {
    assert.deepEqual(plan({}), { dim: '', values: [''] });
    assert.deepEqual(plan({ country: ['IQ', 'SY'] }), { dim: 'country', values: ['IQ', 'SY'] });
    assert.deepEqual(plan({ type: ['Armed clash'] }), { dim: 'type', values: ['Armed clash'] });
    // a facet leaves its own filter out
    assert.deepEqual(plan({ country: ['IQ'], weapon: ['drone'] }, { omit: 'weapon' }), {
      dim: 'country',
      values: ['IQ'],
    });
  });
  it('says why the live query must answer', () => {
    assert.equal(plan({ q: 'عين' }), 'q');
    assert.equal(plan({ min_sources: 2 }), 'min_sources');
    assert.equal(plan({ from: '2024' }), 'from/to');
    assert.deepEqual(plan({ from: '2024' }, { dates: true }), { dim: '', values: [''] });
    assert.equal(plan({ bbox: [30, 30, 40, 40] }), 'bbox');
    assert.deepEqual(plan({ bbox: [30, 30, 40, 40] }, { points: true }), { dim: '', values: [''] });
    assert.equal(plan({ country: ['IQ'], weapon: ['drone'] }), 'weapon, country');
    assert.equal(plan({ type: ['Battles'] }), 'type');
    assert.equal(plan({ actor: ['Islamic State', 'Turkey'] }), 'actor');
  });
  it('answers date ranges from the months, several list filters from the combinations', () => {
    const both = { months: true, combos: true };
    assert.deepEqual(plan({ from: '2024-01-15', country: ['IQ'] }, both), { dim: 'country', values: ['IQ'] });
    const combos = (f: IncidentFilter) => {
      const p = summaryPlan(checkFilter(f) as CheckedFilter, both);
      return p.ok && p.combos;
    };
    assert.equal(combos({ country: ['IQ'], weapon: ['drone'] }), true);
    assert.equal(combos({ type: ['Battles'] }), true);
    assert.equal(
      combos({ actor: ['Islamic State', 'Turkey'], target: ['coalition'], admin1: ['Anbar'] }),
      true,
    );
    assert.equal(combos({ country: ['IQ'] }), false);
    // not both: summary_combos is not keyed by date
    assert.match(
      (
        summaryPlan(
          checkFilter({ country: ['IQ'], weapon: ['drone'], to: '2024' }) as CheckedFilter,
          both,
        ) as { why: string }
      ).why,
      /not keyed by date/,
    );
    assert.equal(plan({ from: '2024', bbox: [30, 30, 40, 40] }, both), 'bbox');
  });
});
