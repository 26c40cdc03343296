/**
 * The API contract: the OpenAPI document passes Redocly's recommended rules with no error
 * and no warning, and live responses of every operation (over the fixture store) match the
 * schemas the document gives them — success and error bodies, and their media types.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { writeFixtureIncidents } from '../export/testdata/fixture-store.js';
import { closeTestStore, openTestStore } from '../store/testing.js';
import { createApp } from './app.js';
import { openApiDocument } from './openapi.js';

type Op = {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
};

const doc = openApiDocument();
const ops = new Map<string, { path: string; method: string; op: Op }>();
for (const [path, item] of Object.entries(doc.paths))
  for (const [method, op] of Object.entries(item as Record<string, Op>))
    ops.set(op.operationId, { path, method, op });

describe('OpenAPI document', () => {
  it('passes Redocly’s recommended rules: 0 errors, 0 warnings', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), config });
    const shown = problems.map(
      (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer}`,
    );
    assert.deepEqual(shown, []);
  });

  it('gives every operation an id, a tag, a summary and a schema for every JSON response', () => {
    for (const [id, { op }] of ops) {
      const o = op as Op & { tags?: string[]; summary?: string };
      assert.ok(o.tags?.length && o.summary, id);
      for (const [status, r] of Object.entries(o.responses))
        for (const [mime, m] of Object.entries(r.content ?? {}))
          assert.ok(m.schema, `${id} ${status} ${mime}`);
    }
  });

  it('documents the response options and the read-token scheme', () => {
    const params = (id: string) =>
      ((ops.get(id)?.op as unknown as { parameters: { name: string }[] }).parameters ?? []).map(
        (p) => p.name,
      );
    assert.ok(params('listIncidents').includes('_facets'));
    assert.ok(params('getStats').includes('_days'));
    assert.ok(params('getStats').includes('_dates'));
    assert.ok(params('getMap').includes('_zoom') && params('getMap').includes('_view'));
    assert.ok(params('listIncidentsJsonl').includes('_stream'));
    assert.ok(!params('getTimeline').includes('cursor'));
    assert.ok(params('listIncidentsGeojson').includes('_columns'));
    assert.deepEqual(Object.keys(doc.components.securitySchemes), ['readToken', 'writeToken']);
    const fc = doc.components.schemas.FeatureCollection as { properties: Record<string, unknown> };
    assert.ok(fc.properties.skipped);
    assert.ok(ops.get('reviewIncident')?.op.responses['415']);
  });
});

describe('live responses against the document', async () => {
  const store = await openTestStore('pglite');
  after(() => closeTestStore(store));
  await writeFixtureIncidents(store);
  const TOKEN = 'test-token';
  const app = createApp(store, { webRoot: false, writeToken: TOKEN });
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'https://rasd.invalid/openapi', components: doc.components }, 'doc');
  const seen = new Set<string>();

  /** Calls the operation and validates the response with the schema of its status and media type. */
  async function call(operationId: string, url: string, init?: RequestInit): Promise<Response> {
    const entry = ops.get(operationId);
    assert.ok(entry, operationId);
    const r = await app.request(url, init);
    const spec = entry.op.responses[String(r.status)];
    assert.ok(spec, `${operationId}: status ${r.status} is not documented (${await r.clone().text()})`);
    const mime = (r.headers.get('content-type') ?? '').split(';')[0].trim();
    const media = spec.content?.[mime];
    assert.ok(media, `${operationId} ${r.status}: ${mime} is not documented`);
    if (mime === 'application/x-ndjson') {
      // JSON Lines: every line matches the document's schema of one line (contentSchema)
      const line = (media.schema as { contentSchema?: { $ref: string } }).contentSchema;
      assert.ok(line, `${operationId}: no contentSchema for a line`);
      const check = ajv.compile({
        $ref: line.$ref.replace('#/components', 'https://rasd.invalid/openapi#/components'),
      });
      for (const line of (await r.clone().text()).split('\n').filter(Boolean))
        assert.ok(check(JSON.parse(line)), `${operationId} ${r.status}: ${ajv.errorsText(check.errors)}`);
    } else if (mime.includes('json')) {
      const resolved = JSON.parse(
        JSON.stringify(media.schema).replaceAll('"#/components', '"https://rasd.invalid/openapi#/components'),
      );
      const check = ajv.compile(resolved);
      const body = await r.clone().json();
      assert.ok(check(body), `${operationId} ${r.status}: ${ajv.errorsText(check.errors)}`);
    }
    seen.add(`${operationId} ${r.status}`);
    return r;
  }
  const json = (body: unknown, token = TOKEN): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

  it('incident lists, with and without facets, and their errors', async () => {
    await call('listIncidents', '/api/incidents?_facets=1&country=Iraq');
    await call('listIncidents', '/api/incidents?limit=2');
    await call('listIncidentsJson', '/api/incidents.json?type=Battles');
    await call('listIncidents', '/api/incidents?country=Narnia');
    await call('listIncidents', '/api/incidents?colour=red');
  });

  it('exports', async () => {
    const csv = await call('listIncidentsCsv', '/api/incidents.csv?_inter=numeric');
    assert.match(await csv.text(), /^event_id_cnty,/);
    await call('listIncidentsGeojson', '/api/incidents.geojson');
    await call('listIncidentsGeojson', '/api/incidents.geojson?_columns=acled');
    await call('listIncidentsGeojson', '/api/incidents.geojson?_columns=qgis');
    const pq = await call('listIncidentsParquet', '/api/incidents.parquet');
    assert.equal(
      Buffer.from(await pq.arrayBuffer())
        .subarray(0, 4)
        .toString(),
      'PAR1',
    );
    await call('listIncidentsParquet', '/api/incidents.parquet?weapon=laser');
  });

  it('one incident, one article, stats, the review log', async () => {
    await call('getIncident', '/api/incidents/inc-iq-1');
    await call('getIncident', '/api/incidents/nope');
    await call('getArticle', '/api/articles/inc-iq-1-a0');
    await call('getArticle', '/api/articles/nope');
    await call('getStats', '/api/stats?_days=1');
    await call('getStats', '/api/stats?from=2024-13');
    await call('getReviewLog', '/api/incidents/inc-iq-1/log');
    await call('getReviewLog', '/api/incidents/nope/log');
  });

  it('review, merge, split and their errors', async () => {
    await call('reviewIncident', '/api/incidents/inc-iq-2/review', json({ action: 'confirm', who: 'huda' }));
    await call('reviewIncident', '/api/incidents/inc-iq-2/review', json({ action: 'approve' }));
    await call('reviewIncident', '/api/incidents/inc-iq-2/review', json({ action: 'confirm' }, 'wrong'));
    await call('reviewIncident', '/api/incidents/inc-iq-2/review', {
      ...json({ action: 'confirm' }),
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' },
    });
    await call('reviewIncident', '/api/incidents/nope/review', json({ action: 'confirm' }));
    await call('getReviewLog', '/api/incidents/inc-iq-2/log');
    const inc = (await (await app.request('/api/incidents/inc-jo-1')).json()) as {
      sources: { mention_id: number }[];
    };
    await call(
      'splitIncident',
      '/api/incidents/inc-jo-1/split',
      json({ mention_ids: [inc.sources[1].mention_id] }),
    );
    await call('splitIncident', '/api/incidents/inc-jo-1/split', json({ mention_ids: [] }));
    await call('mergeIncident', '/api/incidents/inc-iq-4/merge', json({ other: 'inc-af-1' }));
    await call('mergeIncident', '/api/incidents/inc-iq-4/merge', json({ other: 'inc-iq-4' }));
    const writesOff = createApp(store, { webRoot: false });
    const r = await writesOff.request('/api/incidents/inc-iq-2/review', json({ action: 'confirm' }));
    assert.equal(r.status, 403);
    assert.ok(ops.get('reviewIncident')?.op.responses['403']);
  });

  it('the map, the timeline, the stream twins, articles and suggestions', async () => {
    const list = (await (await call('listIncidents', '/api/incidents?_count=1&q=iraq')).json()) as {
      total: number;
    };
    assert.equal(typeof list.total, 'number');
    await call('listIncidents', '/api/incidents?_count=yes');
    const map = (await (await call('getMap', '/api/map?_zoom=4&_view=30,20,60,45')).json()) as {
      located: number;
    };
    assert.ok(map.located > 0);
    await call('getMap', '/api/map?_view=0,50,10,40');
    await call('getTimeline', '/api/timeline?country=IQ');
    await call('getTimeline', '/api/timeline?from=2024-02-30');
    await call('getStats', '/api/stats?_dates=1');
    await call('getStats', '/api/stats?_dates=2');
    const stream = await call('listIncidentsJsonl', '/api/incidents.jsonl?_stream=1');
    assert.ok((await stream.text()).split('\n').filter(Boolean).length > 0);
    await call('listIncidentsJsonl', '/api/incidents.jsonl?limit=1');
    await call('listIncidentsJsonl', '/api/incidents.jsonl?_stream=1&limit=5');
    await call('listIncidentsCsv', '/api/incidents.csv?_stream=1');
    await call('listIncidentsGeojson', '/api/incidents.geojson?_stream=1&_columns=acled');
    await call('getIncidentArticles', '/api/incidents/inc-iq-1/articles?limit=1');
    await call('getIncidentArticles', '/api/incidents/nope/articles');
    await call('getIncidentArticles', '/api/incidents/inc-iq-1/articles?limit=0');
    await call('suggestPlaces', `/api/places?q=${encodeURIComponent('بغداد')}`);
    await call('suggestPlaces', `/api/places?q=${'x'.repeat(101)}`);
    await call('suggestActors', '/api/actors?q=kata');
    await call('getTowns', '/api/towns');
    await call(
      'getDownloadTicket',
      `/api/download-ticket?path=${encodeURIComponent('/api/incidents.csv?country=IQ')}`,
    );
    await call('getDownloadTicket', '/api/download-ticket?path=/etc/passwd');
  });

  it('the ACLED read, the document and the docs page', async () => {
    await call('acledRead', '/api/acled/read?country=Iraq&limit=2');
    await call('acledRead', '/api/acled/read?country=Narnia');
    await call('getOpenApi', '/api/openapi.json');
    await call('getDocs', '/api/docs');
  });

  it('a read token is asked for when set', async () => {
    const guarded = createApp(store, { webRoot: false, writeToken: TOKEN, readToken: 'reader' });
    const r = await guarded.request('/api/incidents');
    assert.equal(r.status, 401);
    assert.ok(ops.get('listIncidents')?.op.responses['401']);
  });

  it('exercised every operation', () => {
    assert.deepEqual(
      [...ops.keys()].filter((id) => ![...seen].some((s) => s.startsWith(`${id} 2`))),
      [],
    );
  });
});
