/**
 * npm run bench:web: the dashboard at scale.
 *
 * For each store — PGlite in memory with 50,000 synthetic incidents; PostgreSQL (DATABASE_URL,
 * default postgres://root@127.0.0.1:5432/test) with 50,000 and with 1,000,000 — made in SQL
 * at gazetteer places (benchSql.syntheticPlacedIncidents), it measures, both ways on the same
 * data — `live` (the queries over the incidents table) and `summary` (the summary tables kept
 * by triggers, src/db/summary.ts, where they can answer; the store's default) —:
 *   - how long the fill takes (with the summary's triggers);
 *   - the queries the page makes, p50 of R runs: facets (all six, unfiltered, with a
 *     country, with a date range of three months, with a country and a weapon), the map's
 *     clusters (zoom 5, the region, unfiltered and with a country), the timeline (stats per
 *     date: five queries; /api/timeline: two), the count;
 *   - in Chromium (the built dist/web): time to the first map render (navigation until the
 *     base map's outlines and names, the clusters and the header total are drawn) and facet
 *     click to update (a country checkbox until the header shows the new total and the map's
 *     clusters add up to it).
 *
 * Writes bench/web.json (or --out FILE) and prints it, with the load average at the start and
 * the end. Options: --runs R  --skip-pg  --skip-1m  --only-1m  --out FILE  --no-browser
 *   --write-cost (PostgreSQL: a bulk insert of 100,000 incidents into the store with the summary
 *   trigger of migration 10, of migration 7 and with no trigger, in turn, three times each)
 *   --skip-pg-50k (PostgreSQL at 1,000,000 only)
 *   --compare-web DIR --compare-label NAME (another build of the dashboard, timed in turn)
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { chromium } from 'playwright-core';
import { createApp } from '../dist/api/app.js';
import { dropSchema } from '../dist/db/db.js';
import { benchSql } from '../dist/db/sql.js';
import { summarySql } from '../dist/db/summary.js';
import { benchPlaces } from '../dist/places/names.js';
import { Store } from '../dist/store/store.js';

process.env.RASD_QUERY_TIMEOUT_MS ??= '0';

import { flag, opt, str } from './args.js';

const runs = opt('--runs', 7);
const only1m = flag('--only-1m');
const outFile = str('--out', 'bench/web.json');
const loadAtStart = loadavg().map((l) => Math.round(l * 10) / 10);
const pgUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const CHROMIUM = process.env.RASD_CHROMIUM || '/usr/bin/chromium';
const log = (s: string) => process.stderr.write(`${s}\n`);

const ms = (t0: bigint) => Math.round(Number(process.hrtime.bigint() - t0) / 1e5) / 10;
async function p50(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(ms(t0));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function fill(store: Store, n: number) {
  const places = benchPlaces(400);
  await store.db.query(benchSql.seed(0.5));
  const t0 = process.hrtime.bigint();
  for (let lo = 1; lo <= n; lo += 100_000)
    await store.db.query(benchSql.syntheticPlacedIncidents(lo, Math.min(n, lo + 99_999), places));
  await store.db.query(benchSql.analyze());
  const s = Math.round(ms(t0) / 100) / 10;
  log(`  ${n.toLocaleString('en')} incidents in ${s} s`);
  return s;
}

const REGION_VIEW: [number, number, number, number] = [28.9, 29, 54.5, 37.5];

async function queries(store: Store) {
  return {
    facets_ms: await p50(() => store.facets({})),
    facets_country_ms: await p50(() => store.facets({ country: ['SY'] })),
    // a date range of whole months (summary_months), one with days at both ends (and
    // summary_days), the same with a country; two list filters (summary_combos); main sent
    // all of these to the live query
    facets_range_ms: await p50(() => store.facets({ from: '2024-01-01', to: '2024-03-31' })),
    facets_range_mid_ms: await p50(() => store.facets({ from: '2024-01-10', to: '2024-03-20' })),
    facets_range_mid_country_ms: await p50(() =>
      store.facets({ from: '2024-01-10', to: '2024-03-20', country: ['SY'] }),
    ),
    facets_two_lists_ms: await p50(() => store.facets({ country: ['SY'], weapon: ['drone'] })),
    facets_three_lists_ms: await p50(() =>
      store.facets({ country: ['SY'], weapon: ['drone'], target: ['us_forces'] }),
    ),
    count_two_lists_ms: await p50(() => store.countIncidents({ country: ['SY'], weapon: ['drone'] })),
    map_clusters_ms: await p50(() => store.mapClusters({}, { zoom: 5, view: REGION_VIEW })),
    map_clusters_country_ms: await p50(() =>
      store.mapClusters({ country: ['SY'] }, { zoom: 5, view: REGION_VIEW }),
    ),
    timeline_ms: await p50(() => store.stats({}, { per_date: true })),
    timeline_api_ms: await p50(() => store.timeline({})),
    count_ms: await p50(() => store.countIncidents({})),
    count_country_ms: await p50(() => store.countIncidents({ country: ['SY'] })),
  };
}

/**
 * The dashboards to time in the browser: the build (dist/web) and, with --compare-web DIR,
 * another build of it (say, of the commit before) over the same store, page loads and clicks
 * taken in turn so that both see the same load.
 */
const webRoots: [string, string | undefined][] = [['', undefined]];
const compareWeb = str('--compare-web', '');
if (compareWeb) webRoots.push([str('--compare-label', 'compared'), compareWeb]);

async function browser(store: Store) {
  if (flag('--no-browser')) return null;
  if (!existsSync(CHROMIUM) || !existsSync('dist/web/index.html')) return null;
  const servers: ReturnType<typeof serve>[] = [];
  const bases: string[] = [];
  for (const [, webRoot] of webRoots) {
    const app = createApp(store, { queryTimeoutMs: 120_000, webRoot });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    servers.push(server);
    bases.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'rasd-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    viewport: { width: 1400, height: 1000 },
    locale: 'ar',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(300_000);
  // drawn: the header's total, the map (its clusters add up to the incidents it has located,
  // and located + unlocated is the total: the clusters of the new filters, not the old ones)
  // and the timeline (its counts add up to the total) all show the filters asked for
  const drawn = (want: number) =>
    page.waitForFunction(
      (n) => {
        const m = document.querySelector('.map');
        const sum = Array.from(document.querySelectorAll('.map [data-count]')).reduce(
          (a, e) => a + Number(e.getAttribute('data-count')),
          0,
        );
        const located = Number(m?.getAttribute('data-located'));
        // no named function in here: tsx would wrap it in a __name() the page does not have
        const timeline = ['precise', 'coarse', 'outside', 'undated'].reduce(
          (a, k) => a + Number(document.querySelector(`[data-${k}]`)?.getAttribute(`data-${k}`) ?? 0),
          0,
        );
        return (
          m?.getAttribute('data-ready') === 'yes' &&
          document.querySelector('.view-head .total')?.getAttribute('data-total') === String(n) &&
          sum > 0 &&
          sum === located &&
          located + Number(m?.getAttribute('data-unlocated')) === n &&
          timeline === n
        );
      },
      want,
      { polling: 'raf' },
    );
  // a facet click from three views: all incidents (country SY), a date range with days at
  // its ends (country SY), a country already chosen (weapon drone: two list filters)
  const range = { from: '2024-01-10', to: '2024-03-20' };
  const clicks = [
    { key: '', path: '/', before: {}, facet: 'country', value: 'SY', after: { country: ['SY'] } },
    {
      key: '_range',
      path: `/?from=${range.from}&to=${range.to}`,
      before: range,
      facet: 'country',
      value: 'SY',
      after: { ...range, country: ['SY'] },
    },
    {
      key: '_two_lists',
      path: '/?country=SY',
      before: { country: ['SY'] },
      facet: 'weapon',
      value: 'drone',
      after: { country: ['SY'], weapon: ['drone'] },
    },
  ] as const;
  try {
    const counts = await Promise.all(
      clicks.map(async (c) => [await store.countIncidents(c.before), await store.countIncidents(c.after)]),
    );
    const times0 = () => Object.fromEntries(clicks.map((c) => [c.key, [] as number[]]));
    const first = webRoots.map(times0);
    const click = webRoots.map(times0);
    for (let k = 0; k < 3; k++)
      for (const [i, c] of clicks.entries())
        for (let w = 0; w < webRoots.length; w++) {
          const t0 = process.hrtime.bigint();
          await page.goto(`${bases[w]}${c.path}`);
          await drawn(counts[i][0]);
          first[w][c.key].push(ms(t0));
          const t1 = process.hrtime.bigint();
          await page.locator(`fieldset[data-facet="${c.facet}"] input[value="${c.value}"]`).check();
          await drawn(counts[i][1]);
          click[w][c.key].push(ms(t1));
        }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const times = (w: number) =>
      Object.fromEntries(
        clicks.flatMap((c) => [
          [`first_map_render${c.key}_ms`, med(first[w][c.key])],
          [`facet_click_to_update${c.key}_ms`, med(click[w][c.key])],
        ]),
      );
    const out: Record<string, unknown> = times(0);
    for (let w = 1; w < webRoots.length; w++) out[webRoots[w][0]] = times(w);
    return out;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const results: Record<string, unknown>[] = [];
async function run(engine: 'pglite' | 'pg', n: number) {
  log(`${engine}, ${n.toLocaleString('en')} incidents`);
  const schema = `rasd_bench_web_${randomBytes(4).toString('hex')}`;
  const store =
    engine === 'pg' ? await Store.open({ url: pgUrl, schema }) : await Store.open({ dataDir: 'memory://' });
  try {
    const fill_s = await fill(store, n);
    const out: Record<string, unknown> = { engine, incidents: n, fill_s };
    for (const [way, s] of [
      ['live', new Store(store.db, { summary: false })],
      ['summary', store],
    ] as const) {
      const q = await queries(s);
      log(`  ${way} queries ${JSON.stringify(q)}`);
      const b = await browser(s);
      log(`  ${way} browser ${JSON.stringify(b)}`);
      out[way] = { ...q, ...(b ?? { browser: 'skipped: no Chromium or no build' }) };
    }
    results.push(out);
  } finally {
    if (engine === 'pg') await dropSchema(store.db);
    await store.close();
  }
}

/** A bulk insert of 100,000 incidents (one statement) with each summary trigger, in turn. */
async function writeCost() {
  const schema = `rasd_bench_web_${randomBytes(4).toString('hex')}`;
  const store = await Store.open({ url: pgUrl, schema });
  const places = benchPlaces(400);
  const times: Record<string, number[]> = { migration_10: [], migration_7: [], no_trigger: [] };
  try {
    await store.db.query(benchSql.seed(0.5));
    let lo = 1;
    for (let k = 0; k < 3; k++)
      for (const [name, level] of [
        ['migration_10', 10],
        ['migration_7', 7],
        ['no_trigger', 0],
      ] as const) {
        for (const q of summarySql.triggerAt(level)) await store.db.query(q);
        const t0 = process.hrtime.bigint();
        await store.db.query(benchSql.syntheticPlacedIncidents(lo, lo + 99_999, places));
        times[name].push(Math.round(ms(t0) / 100) / 10);
        lo += 100_000;
        log(`  write cost ${name}: ${times[name].at(-1)} s`);
      }
  } finally {
    await dropSchema(store.db);
    await store.close();
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [`${k}_s`, { median: med(v), runs: v }]));
}

const writes = flag('--write-cost') ? await writeCost() : null;
if (!only1m) await run('pglite', 50_000);
if (!flag('--skip-pg')) {
  if (!only1m && !flag('--skip-pg-50k')) await run('pg', 50_000);
  if (!flag('--skip-1m')) await run('pg', 1_000_000);
}
const out = {
  date: new Date().toISOString().slice(0, 10),
  machine: '2 shared cores',
  runs,
  load_avg_start_end: [loadAtStart, loadavg().map((l) => Math.round(l * 10) / 10)],
  note: 'p50 of the runs; browser times are the median of 3 page loads and 3 facet clicks (country=SY); live: the queries over the incidents table (before the summary), summary: the summary tables where they answer (the default); fill_s: the synthetic insert with the summary triggers',
  results,
  ...(writes ? { bulk_insert_100k: writes } : {}),
};
writeFileSync(outFile, `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(out)}\n`);
