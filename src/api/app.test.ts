import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncidentView } from '../incidents/types.js';
import { createApp, type IncidentStore } from './app.js';
import type { IncidentFilter } from './filters.js';

function incident(i: number, over: Partial<IncidentView> = {}): IncidentView {
  return {
    id: `inc-${i}`,
    type: 'Shelling/artillery/missile attack',
    date: `2024-01-${String(10 + (i % 10)).padStart(2, '0')}`,
    place: 'Ain al-Asad Air Base',
    place_id: 'base:ain-al-asad',
    lat: 33.79,
    lon: 42.44,
    geo_precision: 1,
    country: 'IQ',
    admin1: 'Anbar',
    actor: null,
    actor_umbrella: null,
    target: 'us_forces',
    weapon: 'rocket',
    munitions: 3,
    killed: 0,
    injured: 0,
    intercepted: false,
    source_count: 1,
    sources: [
      {
        article_id: `a${i}`,
        url: null,
        outlet: 'test',
        title: null,
        published: '2024-01-20',
        evidence: 'سقطت صواريخ',
        mention_id: i,
      },
    ],
    conflicts: [],
    review_status: 'unreviewed',
    updated_at: '2024-01-20T00:00:00Z',
    ...over,
  };
}

/** An in-memory store with the API's contract, for routing tests. */
function fakeStore(items: IncidentView[]): IncidentStore & { last?: IncidentFilter } {
  const s: IncidentStore & { last?: IncidentFilter } = {
    async listIncidents(f) {
      s.last = f;
      const start = f.cursor ? Number(f.cursor) : 0;
      const limit = f.limit ?? 50;
      const matching = items.filter((x) => !f.country || f.country.includes(x.country));
      const page = matching.slice(start, start + limit);
      return { items: page, next_cursor: start + limit < matching.length ? String(start + limit) : null };
    },
    async facets() {
      return { country: [{ value: 'IQ', count: items.length }] };
    },
    async getIncident(id) {
      return items.find((x) => x.id === id) ?? null;
    },
    async getArticle() {
      return null;
    },
    async stats() {
      return { per_week: [] };
    },
  };
  return s;
}

describe('API', () => {
  const items = Array.from({ length: 7 }, (_, i) => incident(i));
  const store = fakeStore(items);
  const app = createApp(store);
  const get = (path: string) => app.request(path);

  it('lists with facets and a next link that keeps the filters', async () => {
    const r = await get('/api/incidents?country=IQ&limit=3&_facets=1');
    assert.equal(r.status, 200);
    const body = await r.json();
    assert.equal(body.items.length, 3);
    assert.equal(body.next_cursor, '3');
    assert.match(body.next, /country=IQ/);
    assert.match(body.next, /cursor=3/);
    assert.deepEqual(body.facets.country, [{ value: 'IQ', count: 7 }]);
    assert.match(r.headers.get('link') ?? '', /rel="next"/);
  });

  it('parses repeated and comma-separated list filters', async () => {
    await get(
      '/api/incidents?type=Air%2Fdrone%20strike&type=Armed%20clash&actor=A,B&bbox=38,30,48,38&min_sources=2',
    );
    assert.deepEqual(store.last?.type, ['Air/drone strike', 'Armed clash']);
    assert.deepEqual(store.last?.actor, ['A', 'B']);
    assert.deepEqual(store.last?.bbox, [38, 30, 48, 38]);
    assert.equal(store.last?.min_sources, 2);
  });

  const bad: [string, string][] = [
    ['/api/incidents?from=yesterday', 'from'],
    ['/api/incidents?limit=100000', 'limit'],
    ['/api/incidents?bbox=1,2,3', 'bbox'],
    ['/api/incidents?sort=random', 'sort'],
    ['/api/incidents?from=2024-02-01&to=2024-01-01', 'from'],
    ['/api/incidents?colour=red', ''],
  ];
  for (const [path, param] of bad) {
    it(`400 with the error shape: ${path}`, async () => {
      const r = await get(path);
      assert.equal(r.status, 400);
      const body = await r.json();
      assert.equal(body.error.status, 400);
      assert.equal(body.error.code, 'invalid_query');
      if (param)
        assert.ok(
          body.error.details.some((d: { param: string }) => d.param === param),
          JSON.stringify(body),
        );
    });
  }

  it('404s share the error shape', async () => {
    for (const path of ['/api/incidents/nope', '/api/articles/nope', '/api/nothing']) {
      const r = await get(path);
      assert.equal(r.status, 404);
      assert.equal((await r.json()).error.code, 'not_found');
    }
  });

  it('serves one incident', async () => {
    const r = await get('/api/incidents/inc-2');
    assert.equal((await r.json()).id, 'inc-2');
  });

  it('has csv and geojson twins of the same query', async () => {
    const csv = await get('/api/incidents.csv?country=IQ&limit=2');
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^event_id_cnty,event_date/);
    const geo = await get('/api/incidents.geojson?country=IQ&limit=2');
    const fc = await geo.json();
    assert.equal(fc.type, 'FeatureCollection');
    assert.equal(fc.features.length, 2);
    assert.deepEqual(fc.features[0].geometry.coordinates, [42.44, 33.79]);
  });

  it('answers 503 when a query runs too long', async () => {
    const slow = createApp(
      { ...fakeStore(items), listIncidents: () => new Promise(() => {}) },
      { queryTimeoutMs: 20 },
    );
    const r = await slow.request('/api/incidents?_facets=0');
    assert.equal(r.status, 503);
    assert.equal((await r.json()).error.code, 'query_timeout');
  });

  it('publishes an OpenAPI 3 document and docs', async () => {
    const doc = await (await get('/api/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/incidents.geojson']);
    assert.match(await (await get('/api/docs')).text(), /openapi\.json/);
  });
});
