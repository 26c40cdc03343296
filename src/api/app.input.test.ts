/**
 * Hostile parameters against the API over the REAL store (PGlite, and PostgreSQL when
 * DATABASE_URL is set): every one gets the status in the table, a bad one a 400 in the one
 * error shape naming the parameter, and none a 500 or a log line.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { encodeCursor } from '../db/filter.js';
import { InputError, onInput } from '../db/input-error.js';
import type { Store } from '../store/store.js';
import { closeTestStore, openTestStore, testArticles, testEngines } from '../store/testing.js';
import { createApp } from './app.js';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
const enc = encodeURIComponent;
const NUL = '%00';

/** [path, status, the parameter a 400 names] */
type Probe = [string, number, string?];

const FILTER_PARAMS: [string, string][] = [
  ['from', '2024'],
  ['to', '2024'],
  ['country', 'IQ'],
  ['admin1', 'Anbar'],
  ['type', 'Armed clash'],
  ['weapon', 'rocket'],
  ['actor', 'Islamic State'],
  ['target', 'us_forces'],
  ['bbox', '38,30,48,38'],
  ['q', 'صواريخ'],
  ['min_sources', '1'],
  ['sort', 'date'],
  ['cursor', b64(['-date', '2024-01-01', 'x'])],
  ['limit', '5'],
];

const probes: Probe[] = [
  // cursors
  ['/api/incidents?cursor=e30', 400, 'cursor'], // {} in base64url
  ['/api/incidents?cursor=!!!', 400, 'cursor'],
  ['/api/incidents?cursor=W10', 400, 'cursor'], // []
  [`/api/incidents?cursor=${b64(['-date', '2024-01-01'])}`, 400, 'cursor'],
  [`/api/incidents?cursor=${b64(['-date', '2024-02-30', 'x'])}`, 400, 'cursor'],
  [`/api/incidents?cursor=${b64(['-date', '0000-01-01', 'x'])}`, 400, 'cursor'],
  [`/api/incidents?cursor=${b64(['-date', '2024-01-01', 'a\u0000b'])}`, 400, 'cursor'],
  [`/api/incidents?cursor=${b64(['-date', '2024-01-01', 'x'.repeat(100_000)])}`, 400, 'cursor'],
  [`/api/incidents?cursor=${b64(['-date', '2024-01-01', 5])}`, 400, 'cursor'],
  [`/api/incidents?sort=-sources&cursor=${b64(['-sources', 2 ** 31, 'x'])}`, 400, 'cursor'],
  [`/api/incidents?sort=-sources&cursor=${b64(['-sources', 2 ** 53, 'x'])}`, 400, 'cursor'],
  [`/api/incidents?sort=-sources&cursor=${b64(['-sources', -1, 'x'])}`, 400, 'cursor'],
  [`/api/incidents?sort=-sources&cursor=${b64(['-sources', 1.5, 'x'])}`, 400, 'cursor'],
  [`/api/incidents?sort=-sources&cursor=${b64(['-sources', 2 ** 31 - 1, 'x'])}`, 200],
  [`/api/incidents?sort=date&cursor=${b64(['-date', '2024-01-01', 'x'])}`, 400, 'cursor'],
  [`/api/incidents?cursor=${b64(['-date', '0001-01-01', 'x'])}`, 200],
  [`/api/incidents?cursor=${'A'.repeat(100_000)}`, 400, 'cursor'],
  // dates
  ['/api/incidents?from=2024-02-30', 400, 'from'],
  ['/api/incidents?from=2023-02-29', 400, 'from'],
  ['/api/incidents?from=2024-02-29', 200],
  ['/api/incidents?from=0000', 400, 'from'],
  ['/api/incidents?to=0000-06', 400, 'to'],
  ['/api/incidents?from=0000-01-01', 400, 'from'],
  ['/api/incidents?from=2024-13', 400, 'from'],
  ['/api/incidents?from=2024-00', 400, 'from'],
  ['/api/incidents?from=20240101', 400, 'from'],
  ['/api/incidents?from=2024-1-1', 400, 'from'],
  ['/api/incidents?from=-2024', 400, 'from'],
  ['/api/incidents?from=yesterday', 400, 'from'],
  [`/api/incidents?from=${'9'.repeat(100_000)}`, 400, 'from'],
  ['/api/incidents?from=2024-02-01&to=2024-01-01', 400, 'from'],
  ['/api/incidents?from=0001-01-01', 200],
  ['/api/incidents?to=9999-12-31', 200],
  ['/api/incidents?from=0001&to=9999', 200],
  ['/api/incidents?from=9999-12-31', 200],
  ['/api/incidents?to=0001-01-01', 200],
  ['/api/stats?from=2024-02-30', 400, 'from'],
  ['/api/stats?from=0000', 400, 'from'],
  ['/api/stats?to=9999-12-31&_days=1', 200],
  // numbers
  ['/api/incidents?limit=0', 400, 'limit'],
  ['/api/incidents?limit=501', 400, 'limit'],
  ['/api/incidents?limit=-1', 400, 'limit'],
  ['/api/incidents?limit=1.5', 400, 'limit'],
  ['/api/incidents?limit=abc', 400, 'limit'],
  ['/api/incidents?limit=1e2', 400, 'limit'],
  ['/api/incidents?limit=99999999999999999999999', 400, 'limit'],
  ['/api/incidents?limit=500', 200],
  ['/api/incidents?min_sources=2147483648', 400, 'min_sources'],
  ['/api/incidents?min_sources=99999999999999999999', 400, 'min_sources'],
  ['/api/incidents?min_sources=-1', 400, 'min_sources'],
  ['/api/incidents?min_sources=2147483647', 200],
  ['/api/incidents?min_sources=0', 200],
  // bbox
  ['/api/incidents?bbox=,,,', 400, 'bbox'],
  ['/api/incidents?bbox=', 400, 'bbox'],
  ['/api/incidents?bbox=1,2,3', 400, 'bbox'],
  ['/api/incidents?bbox=1,2,3,4,5', 400, 'bbox'],
  ['/api/incidents?bbox=a,b,c,d', 400, 'bbox'],
  ['/api/incidents?bbox=0x10,0,20,10', 400, 'bbox'],
  ['/api/incidents?bbox=Infinity,0,0,0', 400, 'bbox'],
  ['/api/incidents?bbox=1e999,0,0,0', 400, 'bbox'],
  ['/api/incidents?bbox=-181,0,0,1', 400, 'bbox'],
  ['/api/incidents?bbox=0,-91,1,1', 400, 'bbox'],
  ['/api/incidents?bbox=0,10,1,5', 400, 'bbox'],
  ['/api/incidents?bbox=170,-10,-170,10', 200], // crosses the antimeridian
  ['/api/incidents?bbox=-180,-90,180,90', 200],
  // text and lists
  [`/api/incidents?q=${'ق'.repeat(501)}`, 400, 'q'],
  [`/api/incidents?q=${enc('%_\\')}`, 200],
  [`/api/incidents?country=${'X'.repeat(201)}`, 400, 'country'],
  [`/api/incidents?actor=${Array.from({ length: 101 }, (_, i) => `a${i}`).join(',')}`, 400, 'actor'],
  [`/api/incidents?admin1=${'x'.repeat(100_000)}`, 400, 'admin1'],
  ['/api/incidents?type=Nonsense', 400, 'type'],
  ['/api/incidents?type=Armed%20clash&type=Nonsense', 400, 'type'],
  ['/api/incidents?weapon=laser', 400, 'weapon'],
  ['/api/incidents?target=aliens', 400, 'target'],
  ['/api/incidents?sort=random', 400, 'sort'],
  // a country that is none: 400, never a silent empty answer
  ['/api/incidents?country=ZZ', 400, 'country'],
  [`/api/incidents?country=${enc("IQ' OR 1=1 --")}`, 400, 'country'],
  [`/api/incidents?admin1=${enc("IQ' OR 1=1 --")}`, 200],
  ['/api/incidents?admin1=Nowhere&actor=Nobody', 200],
  ['/api/incidents?review_status=confirmed', 400, 'review_status'],
  ['/api/incidents?colour=red', 400, 'colour'],
  [`/api/incidents?a${NUL}b=1`, 400, 'a\u0000b'],
  // every parameter with a NUL, on each list view
  ...FILTER_PARAMS.flatMap(([p, ok]): Probe[] => [
    [`/api/incidents?${p}=${enc(ok)}${NUL}`, 400, p],
    [`/api/incidents.csv?${p}=${NUL}${enc(ok)}`, 400, p],
    [`/api/incidents.geojson?${p}=${enc(ok)}${NUL}x`, 400, p],
    [`/api/stats?${p}=${enc(ok)}${NUL}`, 400, p],
  ]),
  // ids
  [`/api/incidents/${'a'.repeat(100_000)}`, 400, 'id'],
  [`/api/articles/${'a'.repeat(100_000)}`, 400, 'id'],
  [`/api/incidents/${'a'.repeat(100_000)}/log`, 400, 'id'],
  [`/api/incidents/a${NUL}b`, 400, 'id'],
  [`/api/articles/a${NUL}b`, 400, 'id'],
  [`/api/incidents/a${NUL}b/log`, 400, 'id'],
  [`/api/incidents/${'a'.repeat(1000)}`, 404],
  ['/api/incidents/99999999999999999999999', 404],
  ['/api/incidents/-1', 404],
  ['/api/incidents/%E2%80%AE', 404],
  ["/api/incidents/x'%20OR%201=1", 404],
];

for (const engine of testEngines()) {
  describe(`hostile parameters, API over the store (${engine})`, () => {
    let store: Store;
    let app: ReturnType<typeof createApp>;
    const logged: unknown[][] = [];
    const consoleError = console.error;
    before(async () => {
      store = await openTestStore(engine);
      await store.ingest(testArticles(), { workers: 0 });
      app = createApp(store, { webRoot: false });
      console.error = (...a: unknown[]) => {
        logged.push(a);
      };
    });
    after(async () => {
      console.error = consoleError;
      await closeTestStore(store);
    });

    for (const [path, status, param] of probes) {
      const shown = path.length > 120 ? `${path.slice(0, 100)}… (${path.length} chars)` : path;
      it(`${status}${param !== undefined ? ` naming ${JSON.stringify(param)}` : ''}: ${shown}`, async () => {
        const r = await app.request(path);
        const body = (await r.json()) as {
          error?: { status: number; code: string; message: string; details?: { param: string }[] };
        };
        assert.equal(r.status, status, JSON.stringify(body).slice(0, 500));
        if (status === 400) {
          assert.equal(body.error?.status, 400);
          assert.equal(body.error?.code, 'invalid_query');
          assert.ok(
            body.error?.details?.some((d) => d.param === param),
            `names ${param}: ${JSON.stringify(body.error).slice(0, 300)}`,
          );
          assert.ok((body.error?.message.length ?? 0) < 2000, 'the message does not echo a huge value');
        }
        if (status === 404) assert.equal(body.error?.code, 'not_found');
      });
    }

    it('the antimeridian box holds what lies across 180°, not what lies between', async () => {
      const ids = (await store.listIncidents({ limit: 500 })).items.map((i) => i.id);
      assert.ok(ids.length > 0);
      const across = (await (await app.request('/api/incidents?bbox=170,-90,-170,90&limit=500')).json()) as {
        items: unknown[];
      };
      // every test incident is in the Middle East, between 30° and 50° east
      assert.equal(across.items.length, 0);
      const around = (await (await app.request('/api/incidents?bbox=30,-90,20,90&limit=500')).json()) as {
        items: unknown[];
      };
      // west 30 > east 20: everything but 20°–30° east, so all of them
      assert.equal(around.items.length, ids.length);
    });

    it('a cursor made by the store walks on; its key at the int limit is a valid empty page', async () => {
      const key = 2 ** 31 - 1;
      const r = await app.request(
        `/api/incidents?sort=sources&cursor=${encodeCursor({ sort: 'sources', key, id: 'x' })}`,
      );
      assert.equal(r.status, 200);
      assert.equal(((await r.json()) as { items: unknown[] }).items.length, 0);
    });

    it('the store names the parameter too, and a database error caused by a value is an InputError', async () => {
      await assert.rejects(store.getIncident('a\u0000b'), (e: unknown) => {
        assert.ok(e instanceof InputError);
        assert.deepEqual(
          e.details.map((d) => d.param),
          ['id'],
        );
        return true;
      });
      await assert.rejects(
        store.listIncidents({ from: '2024-02-30', limit: 0, bbox: [Number.NaN, 0, 0, 0] }),
        (e: unknown) => {
          assert.ok(e instanceof InputError);
          assert.deepEqual(e.details.map((d) => d.param).sort(), ['bbox', 'from', 'limit']);
          return true;
        },
      );
      // the net under validation: what the database refuses becomes a 400-kind error
      await assert.rejects(
        onInput('min_sources', () => store.db.query({ text: 'SELECT $1::int AS n', values: ['3000000000'] })),
        (e: unknown) => e instanceof InputError && e.details[0].param === 'min_sources',
      );
      await assert.rejects(
        onInput('q', () => store.db.query({ text: 'SELECT $1::text AS t', values: ['a\u0000b'] })),
        (e: unknown) => e instanceof InputError && e.details[0].param === 'q',
      );
      // anything else stays what it was
      await assert.rejects(
        onInput('q', () => store.db.query({ text: 'SELECT * FROM no_such_table' })),
        (e: unknown) => !(e instanceof InputError),
      );
    });

    it('logged nothing (no 500, no SQL in the logs)', () => {
      assert.deepEqual(logged, []);
    });
  });
}
