/**
 * The dashboard's view of a store larger than a page: map clusters, timeline counts and
 * streamed exports all account for every matching incident; names in both languages.
 * Real store (PGlite, and PostgreSQL when DATABASE_URL is set).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { benchSql } from '../db/sql.js';
import type { Store } from '../store/store.js';
import { closeTestStore, openTestStore, testArticles, testEngines } from '../store/testing.js';
import { createApp } from './app.js';

const SYNTHETIC = 1_234;

interface MapBody {
  clusters: { count: number; types: Record<string, number>; id: string | null; lat: number; lon: number }[];
  located: number;
  unlocated: number;
}

for (const engine of testEngines()) {
  describe(`the dashboard's view of every match (${engine})`, () => {
    let store: Store;
    let app: ReturnType<typeof createApp>;
    const json = async <T>(path: string, init?: RequestInit) => {
      const r = await app.request(path, init);
      assert.equal(r.status, 200, `${path}: ${r.status} ${await r.clone().text()}`);
      return (await r.json()) as T;
    };
    /** Every matching incident, streamed. */
    const rows = async <T>(q: string): Promise<T[]> => {
      const text = await (await app.request(`/api/incidents.jsonl?${q}&_stream=1`)).text();
      return text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as T);
    };
    const total = async (q = '') => (await json<{ total: number }>(`/api/stats?${q}`)).total;

    before(async () => {
      store = await openTestStore(engine);
      await store.ingest(testArticles(), { workers: 0 });
      await store.db.query(benchSql.seed(0.42));
      await store.db.query(benchSql.syntheticIncidents(1, SYNTHETIC));
      // a few undated and unlocated ones
      await store.db.query({
        text: `UPDATE incidents SET date = NULL, date_lo = NULL, date_hi = NULL WHERE id IN ('syn-1', 'syn-2')`,
      });
      await store.db.query({
        text: `UPDATE incidents SET date = substr(date, 1, 7) WHERE id IN ('syn-3', 'syn-4', 'syn-5')`,
      });
      await store.db.query({ text: `UPDATE incidents SET date = substr(date, 1, 4) WHERE id = 'syn-6'` });
      await store.db.query({
        text: `UPDATE incidents SET lat = NULL, lon = NULL WHERE id IN ('syn-7', 'syn-8')`,
      });
      app = createApp(store);
    });
    after(async () => {
      await closeTestStore(store);
    });

    it('the map counts every incident: clusters add up to the total, less the unlocated', async () => {
      const all = await total();
      assert.ok(all > SYNTHETIC, `${all} incidents`);
      for (const zoom of [3, 5, 7.5]) {
        const m = await json<MapBody>(`/api/map?_zoom=${zoom}`);
        const sum = m.clusters.reduce((a, c) => a + c.count, 0);
        assert.equal(sum, m.located);
        assert.equal(m.located + m.unlocated, all, `zoom ${zoom}`);
        assert.ok(m.unlocated >= 2);
        for (const c of m.clusters) {
          assert.equal(
            Object.values(c.types).reduce((a, b) => a + b, 0),
            c.count,
          );
          assert.equal(c.id != null, c.count === 1);
        }
      }
      // finer grids give more clusters
      const coarse = await json<MapBody>('/api/map?_zoom=3');
      const fine = await json<MapBody>('/api/map?_zoom=8');
      assert.ok(fine.clusters.length > coarse.clusters.length);
      // a filter and a view: the sum is the count of the same filter with that box
      const view = '38,31,43,35';
      const m = await json<MapBody>(`/api/map?country=IQ&type=Air%2Fdrone%20strike&_zoom=6&_view=${view}`);
      const want = await total(`country=IQ&type=Air%2Fdrone%20strike&bbox=${view}`);
      assert.equal(m.located, want);
      assert.ok(want > 0);
      // a cluster of one names its incident
      const one = fine.clusters.find((c) => c.count === 1);
      if (one)
        assert.equal((await app.request(`/api/incidents/${encodeURIComponent(one.id ?? '')}`)).status, 200);
    });

    it('refuses a bad map option, naming it', async () => {
      for (const [q, param] of [
        ['_zoom=abc', '_zoom'],
        ['_zoom=40', '_zoom'],
        ['_view=1,2,3', '_view'],
        ['_view=0,50,10,40', '_view'],
        ['typo=1', 'typo'],
      ]) {
        const r = await app.request(`/api/map?${q}`);
        assert.equal(r.status, 400, q);
        const body = (await r.json()) as { error: { details: { param: string }[] } };
        assert.equal(body.error.details[0].param, param);
      }
    });

    it('the timeline counts every incident by how it is dated', async () => {
      const s = await json<{ total: number; per_date: { date: string | null; count: number }[] }>(
        '/api/stats?_dates=1',
      );
      assert.equal(
        s.per_date.reduce((a, d) => a + d.count, 0),
        s.total,
      );
      const count = (re: RegExp) => s.per_date.filter((d) => d.date != null && re.test(d.date)).length;
      assert.ok(count(/^\d{4}-\d{2}$/) >= 1, 'month-dated');
      assert.ok(count(/^\d{4}$/) >= 1, 'year-dated');
      assert.equal(s.per_date.find((d) => d.date == null)?.count, 2);
      assert.equal((await app.request('/api/stats?_dates=yes')).status, 400);
      const tl = await json<{ total: number; per_date: { date: string | null; count: number }[] }>(
        '/api/timeline?country=SY',
      );
      assert.equal(tl.total, await total('country=SY'));
      assert.equal(
        tl.per_date.reduce((a, d) => a + d.count, 0),
        tl.total,
      );
      assert.equal((await app.request('/api/timeline?from=nope')).status, 400);
    });

    it('streams every matching row as CSV, GeoJSON and JSONL, gzipped when asked', async () => {
      const all = await total();
      const csv = await (await app.request('/api/incidents.csv?_stream=1')).text();
      const lines = csv.trimEnd().split('\n');
      assert.match(lines[0], /^event_id_cnty,/);
      assert.equal(lines.filter((l) => l.startsWith('event_id_cnty,')).length, 1, 'one header');
      assert.equal(lines.length - 1, all);
      const jsonl = await (await app.request('/api/incidents.jsonl?_stream=1')).text();
      const ids = jsonl
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id);
      assert.equal(ids.length, all);
      assert.equal(new Set(ids).size, all);
      const geo = (await (await app.request('/api/incidents.geojson?_stream=1')).json()) as {
        type: string;
        features: unknown[];
        skipped: number;
      };
      assert.equal(geo.type, 'FeatureCollection');
      const m = await json<MapBody>('/api/map?_zoom=2');
      assert.equal(geo.features.length, m.located);
      assert.equal(geo.skipped, m.unlocated);
      assert.equal(geo.skipped + geo.features.length, all);

      const filtered = await total('country=SY');
      const gz = await app.request('/api/incidents.jsonl?country=SY&_stream=1', {
        headers: { 'accept-encoding': 'gzip' },
      });
      assert.equal(gz.headers.get('content-encoding'), 'gzip');
      assert.match(
        gz.headers.get('content-disposition') ?? '',
        /attachment; filename="rasd-incidents\.jsonl"/,
      );
      const text = gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8');
      assert.equal(text.trimEnd().split('\n').length, filtered);
      const empty = await (await app.request('/api/incidents.geojson?country=AQ&_stream=1')).json();
      assert.deepEqual(empty, { type: 'FeatureCollection', features: [], skipped: 0 });
    });

    it('refuses a stream with a limit, and a bad _stream', async () => {
      const r = await app.request('/api/incidents.csv?_stream=1&limit=5');
      assert.equal(r.status, 400);
      assert.equal(
        ((await r.json()) as { error: { details: { param: string }[] } }).error.details[0].param,
        'limit',
      );
      const s = await app.request('/api/incidents.csv?_stream=yes');
      assert.equal(s.status, 400);
      assert.equal(
        ((await s.json()) as { error: { details: { param: string }[] } }).error.details[0].param,
        '_stream',
      );
    });

    it('carries the Arabic place name and finds places and actors in both languages', async () => {
      const items = await rows<{
        id: string;
        place_id: string;
        place_ar: string | null;
        admin1_ar: string | null;
      }>(`q=${encodeURIComponent('عين الأسد')}`);
      const asad = items.find((i) => i.place_id === 'base:ain-al-asad');
      assert.ok(asad, 'an incident at Ain al-Asad');
      assert.equal(asad.place_ar, 'عين الأسد');
      assert.equal(asad.admin1_ar, 'الأنبار');
      const en = await rows<{ id: string }>('q=Ain%20al-Asad');
      assert.ok(
        en.some((i) => i.id === asad.id),
        'the English name finds it',
      );
      const EN_ACTOR = 'Islamic Resistance in Iraq';
      const byActor = await total(`actor=${encodeURIComponent(EN_ACTOR)}&min_sources=1&from=2023`);
      const qActor = await total(
        `q=${encodeURIComponent('المقاومة الإسلامية في العراق')}&from=2023&min_sources=1`,
      );
      assert.ok(byActor > 0);
      assert.ok(qActor >= 1, 'the Arabic actor name finds incidents');
    });

    it('serves an incident’s articles in one request, a page at a time', async () => {
      const inc = (await rows<{ id: string; sources: { article_id: string }[] }>('min_sources=2')).find(
        (i) => new Set(i.sources.map((s) => s.article_id)).size >= 2,
      );
      assert.ok(inc, 'an incident with two articles');
      const articles = new Set(inc.sources.map((s) => s.article_id));
      const page = await json<{
        total: number;
        items: { id: string; text: string; mentions: { mention_id: number; spans: object }[] }[];
      }>(`/api/incidents/${encodeURIComponent(inc.id)}/articles?limit=1`);
      assert.equal(page.total, articles.size);
      assert.equal(page.items.length, 1);
      assert.ok(page.items[0].text.length > 0);
      assert.ok(page.items[0].mentions[0].mention_id > 0);
      const rest = await json<{ items: { id: string }[] }>(
        `/api/incidents/${encodeURIComponent(inc.id)}/articles?offset=1&limit=100`,
      );
      assert.deepEqual(new Set([page.items[0].id, ...rest.items.map((a) => a.id)]), articles);
      assert.equal((await app.request('/api/incidents/nope/articles')).status, 404);
      const bad = await app.request(`/api/incidents/${encodeURIComponent(inc.id)}/articles?limit=0`);
      assert.equal(bad.status, 400);
    });

    it('suggests gazetteer places and lexicon actors in both languages', async () => {
      const tanf = await json<{ items: { id: string; ar: string }[] }>('/api/places?q=tanf');
      assert.equal(tanf.items[0].id, 'base:tanf');
      const ar = await json<{ items: { id: string }[] }>(`/api/places?q=${encodeURIComponent('التنف')}`);
      assert.equal(ar.items[0].id, 'base:tanf');
      const actors = await json<{ items: { name: string }[] }>(
        `/api/actors?q=${encodeURIComponent('حزب الله')}`,
      );
      assert.ok(actors.items.some((a) => a.name === "Kata'ib Hezbollah"));
      const towns = await json<{ items: { name: string; ar: string | null; rank: number }[] }>('/api/towns');
      assert.ok(towns.items.some((t) => t.ar === 'الموصل' && t.rank === 1));
      assert.ok(
        towns.items.some((t) => t.ar === 'عمان'),
        'a plain name, not a description',
      );
    });
  });
}
