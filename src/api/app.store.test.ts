/** The API over a real store (PGlite, and PostgreSQL when DATABASE_URL is set). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../store/store.js';
import { closeTestStore, openTestStore, testArticles, testEngines } from '../store/testing.js';
import { createApp } from './app.js';

for (const engine of testEngines()) {
  describe(`API over the store (${engine})`, () => {
    let store: Store;
    let app: ReturnType<typeof createApp>;
    before(async () => {
      store = await openTestStore(engine);
      await store.ingest(testArticles(), { workers: 0 });
      app = createApp(store);
    });
    after(async () => {
      await closeTestStore(store);
    });

    it('lists incidents with facets, and every page link walks the whole list once', async () => {
      const seen = new Set<string>();
      let url: string | null = '/api/incidents?limit=2&_facets=1';
      let pages = 0;
      while (url && pages < 50) {
        const body = (await (await app.request(url)).json()) as {
          items: { id: string }[];
          next: string | null;
          facets: object;
        };
        assert.ok(body.facets);
        for (const it of body.items) {
          assert.ok(!seen.has(it.id), `incident ${it.id} on two pages`);
          seen.add(it.id);
        }
        url = body.next;
        pages++;
      }
      const all = (await (await app.request('/api/incidents?limit=500&_facets=0')).json()) as {
        items: unknown[];
      };
      assert.equal(seen.size, all.items.length);
      assert.ok(seen.size > 0);
    });

    it('serves one incident with its sources and their evidence', async () => {
      const list = (await (await app.request('/api/incidents?sort=-sources&limit=1&_facets=0')).json()) as {
        items: { id: string }[];
      };
      const r = await app.request(`/api/incidents/${encodeURIComponent(list.items[0].id)}`);
      assert.equal(r.status, 200);
      const inc = (await r.json()) as { sources: { evidence: string }[]; source_count: number };
      assert.ok(inc.source_count >= 1);
      assert.ok(inc.sources.every((s) => s.evidence.length > 0));
    });

    it('filters in the URL reach the store; a hostile value is just a value', async () => {
      const r = await app.request(`/api/incidents?admin1=${encodeURIComponent("IQ' OR 1=1 --")}&_facets=0`);
      assert.equal(r.status, 200);
      assert.equal(((await r.json()) as { items: unknown[] }).items.length, 0);
      const q = await app.request(`/api/incidents?q=${encodeURIComponent('عين الأسد')}&_facets=0`);
      assert.ok(((await q.json()) as { items: unknown[] }).items.length > 0);
    });

    it('has CSV and GeoJSON twins and stats', async () => {
      const csv = await (await app.request('/api/incidents.csv?limit=500')).text();
      assert.match(csv, /^event_id_cnty,/);
      const geo = (await (await app.request('/api/incidents.geojson?limit=500')).json()) as { type: string };
      assert.equal(geo.type, 'FeatureCollection');
      const stats = await app.request('/api/stats');
      assert.equal(stats.status, 200);
    });
  });
}
