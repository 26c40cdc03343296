/**
 * End-to-end at scale: the built dashboard in Debian's Chromium over a PGlite store of the
 * demo sample (through the real pipeline) plus 50,000 synthetic incidents at gazetteer
 * places (one bulk SQL insert). Every count the page shows is the API's: the header total,
 * the sum of the map's clusters and the sum of the timeline's bins; the export downloads
 * every matching row; the Arabic page names places in Arabic; skip link, keyboard and axe-core
 * (no serious or critical violation); a merge asks first; one error state with retry; the
 * phone layout. Screenshots of each view in both languages go to e2e/screenshots/ (and
 * $RASD_SHOTS when set). Skipped, saying why, when Chromium or the build is missing.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { createApp } from '../src/api/app.js';
import { benchSql } from '../src/db/sql.js';
import { readInputs } from '../src/io/index.js';
import { benchPlaces } from '../src/places/names.js';
import { Store } from '../src/store/store.js';

const CHROMIUM = process.env.RASD_CHROMIUM || '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(join(root, 'dist/web/index.html'));
const skip = !existsSync(CHROMIUM)
  ? `end-to-end tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`
  : !built
    ? 'end-to-end tests skipped: the dashboard is not built (npm run build)'
    : false;
if (skip) process.stderr.write(`${skip}\n`);

const N = 50_000;
const TOKEN = 'e2e-scale-token';
const SHOTS = [join(root, 'e2e/screenshots'), ...(process.env.RASD_SHOTS ? [process.env.RASD_SHOTS] : [])];
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe(`dashboard end to end on ${N.toLocaleString('en')} incidents`, { skip, timeout: 600_000 }, () => {
  let store: Store;
  let server: ReturnType<typeof serve>;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const problems: string[] = [];
  const api = async <T>(path: string): Promise<T> => (await (await fetch(`${base}${path}`)).json()) as T;
  const apiTotal = async (q: string) =>
    (await api<{ total: number }>(`/api/incidents?${q}${q ? '&' : ''}limit=1&_count=1`)).total;

  before(async () => {
    store = await Store.open({ dataDir: 'memory://' });
    const { articles } = await readInputs([join(root, 'fixtures/demo/articles.jsonl')], { published: null });
    await store.ingest(articles, { workers: 0 });
    await store.db.query(benchSql.seed(0.11));
    const places = benchPlaces(400);
    for (let lo = 1; lo <= N; lo += 25_000)
      await store.db.query(benchSql.syntheticPlacedIncidents(lo, Math.min(N, lo + 24_999), places));
    await store.db.query(benchSql.analyze());
    const app = createApp(store, { writeToken: TOKEN, queryTimeoutMs: 60_000 });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = mkdtempSync(join(tmpdir(), 'rasd-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
      viewport: { width: 1400, height: 1000 },
      locale: 'ar',
      acceptDownloads: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:'))
        problems.push(`outside request: ${u}`);
    });
    for (const d of SHOTS) mkdirSync(d, { recursive: true });
  });

  after(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await store?.close();
  });

  const shot = async (name: string, fullPage = true) => {
    const buf = await page.screenshot({ fullPage });
    for (const d of SHOTS) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(d, name), buf);
    }
  };

  /** The counts the page shows, once the header, the map and the timeline have loaded. */
  const pageCounts = async (want: number) => {
    await page.waitForFunction(
      (n) => document.querySelector('.view-head .total')?.getAttribute('data-total') === String(n),
      want,
    );
    await page.locator('.map[data-ready="yes"]').waitFor();
    await page.waitForFunction(() => {
      const m = document.querySelector('.map');
      const sum = Array.from(document.querySelectorAll('.map [data-count]')).reduce(
        (a, e) => a + Number(e.getAttribute('data-count')),
        0,
      );
      return m?.getAttribute('data-located') !== '' && sum === Number(m?.getAttribute('data-located'));
    });
    // a string, not a function: the test's transpiler would wrap inner functions in a helper the page lacks
    return page.evaluate(`(() => {
      const num = (sel, attr) => Number(document.querySelector(sel)?.getAttribute(attr) ?? 0);
      const sum = (sel) =>
        Array.from(document.querySelectorAll(sel)).reduce((a, e) => a + Number(e.getAttribute('data-count')), 0);
      return {
        header: num('.view-head .total', 'data-total'),
        clusters: sum('.map [data-count]'),
        unlocated: num('.map', 'data-unlocated'),
        bars: sum('.timeline rect.bar'),
        coarse: num('[data-coarse]', 'data-coarse'),
        outside: num('[data-outside]', 'data-outside'),
        undated: num('[data-undated]', 'data-undated'),
        headerText: document.querySelector('.view-head .total')?.textContent ?? '',
      };
    })()`) as Promise<{
      header: number;
      clusters: number;
      unlocated: number;
      bars: number;
      coarse: number;
      outside: number;
      undated: number;
      headerText: string;
    }>;
  };

  it('shows every match: header = map clusters = timeline bins = the API total', async () => {
    const total = await apiTotal('');
    assert.ok(total >= N, `${total} incidents`);
    await page.goto(`${base}/`);
    const c = await pageCounts(total);
    assert.equal(c.header, total);
    assert.match(c.headerText, /[٠-٩]/, 'Arabic digits in the Arabic header');
    const unlocated = (await api<{ unlocated: number }>('/api/map?_zoom=3')).unlocated;
    assert.equal(c.unlocated, unlocated);
    assert.equal(c.clusters + c.unlocated, total, 'the map: every located incident is in a cluster');
    assert.equal(c.bars + c.coarse + c.outside + c.undated, total, 'the timeline counts every incident');
    assert.ok(c.coarse > 0, 'month- and year-dated incidents are shown');
    assert.ok(c.outside > 0, 'the 1940s background dates are outside the dense span');
    await page.waitForTimeout(500);
    await shot('scale-dashboard-ar.png', false);
    // the outliers are one click away
    await page.locator('.timeline button[data-action="span"]').click();
    await page.waitForFunction(() => !document.querySelector('[data-outside]'));
    const all = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.timeline rect.bar')).reduce(
        (a, e) => a + Number(e.getAttribute('data-count')),
        0,
      ),
    );
    const coarse = Number(await page.locator('[data-coarse]').getAttribute('data-coarse'));
    const undated = Number(await page.locator('[data-undated]').getAttribute('data-undated'));
    assert.equal(all + coarse + undated, total);
    const ticks = await page.locator('.timeline .axis text').allTextContents();
    assert.equal(new Set(ticks).size, ticks.length, `no repeated tick labels: ${ticks.join(' | ')}`);
  });

  it('a facet click updates every count to the filtered total', async () => {
    await page.goto(`${base}/`);
    await page.locator('fieldset[data-facet="country"] input[value="SY"]').check();
    await page.waitForURL((u) => u.searchParams.get('country') === 'SY');
    const total = await apiTotal('country=SY');
    const c = await pageCounts(total);
    assert.equal(c.header, total);
    assert.equal(c.clusters + c.unlocated, total);
    assert.equal(c.bars + c.coarse + c.outside + c.undated, total);
  });

  it('no two base-map names over each other (Amman and Zarqa), at the first zoom and zoomed in', async () => {
    // a string, not a function: the test's transpiler would wrap inner functions in a helper the page lacks
    const names = `(() => {
      const shown = Array.from(document.querySelectorAll('.map .town-label, .map .gov-label, .map .country-label'))
        .filter((e) => e.checkVisibility({ visibilityProperty: true }))
        .map((e) => ({ text: e.textContent, r: e.getBoundingClientRect() }));
      const overlaps = [];
      for (let a = 0; a < shown.length; a++)
        for (let b = a + 1; b < shown.length; b++) {
          const [p, q] = [shown[a].r, shown[b].r];
          if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom)
            overlaps.push(shown[a].text + ' / ' + shown[b].text);
        }
      return { texts: shown.map((s) => s.text), overlaps };
    })()`;
    await page.goto(`${base}/`);
    await page.locator('.map[data-ready="yes"]').waitFor();
    const first = (await page.evaluate(names)) as { texts: string[]; overlaps: string[] };
    assert.deepEqual(first.overlaps, []);
    assert.ok(first.texts.includes('عمان'), first.texts.join(' '));
    assert.ok(!first.texts.includes('زرقاء'), 'Zarqa gives way to Amman, the larger city');
    assert.ok(first.texts.length >= 10, `names shown: ${first.texts.length}`);
    // zoomed in two steps (more towns shown), still none over another
    for (let k = 0; k < 2; k++) {
      await page.locator('.maplibregl-ctrl-zoom-in').click();
      await page.waitForTimeout(800);
    }
    const zoomed = (await page.evaluate(names)) as { texts: string[]; overlaps: string[] };
    assert.deepEqual(zoomed.overlaps, []);
    assert.ok(zoomed.texts.length >= 10, `names shown zoomed in: ${zoomed.texts.length}`);
    await shot('scale-map-names-ar.png', false);
  });

  it('the export button downloads every matching row of the view', async () => {
    await page.goto(`${base}/?country=JO`);
    const total = await apiTotal('country=JO');
    assert.ok(total > 500, `more than a page: ${total}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a.export[data-format="csv"]').click(),
    ]);
    const path = await download.path();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    assert.match(lines[0], /^event_id_cnty,/);
    assert.equal(lines.length - 1, total);
    const [jsonl] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a.export[data-format="jsonl"]').click(),
    ]);
    const rows = readFileSync(await jsonl.path(), 'utf8')
      .trimEnd()
      .split('\n');
    assert.equal(rows.length, total);
    assert.ok(rows.every((l) => (JSON.parse(l) as { country: string }).country === 'JO'));
  });

  it('names places in Arabic in the Arabic interface, and finds them by their English name', async () => {
    await page.goto(`${base}/?q=${encodeURIComponent('Ain al-Asad')}&from=2024`);
    await page.locator('table.incidents tbody tr').first().waitFor();
    await page.locator('.map [data-count]').first().waitFor();
    const cells = await page.locator('table.incidents td.place').allTextContents();
    assert.ok(cells.length > 0);
    assert.ok(cells.includes('عين الأسد'), cells.slice(0, 5).join(' | '));
    assert.ok(
      cells.every((c) => /[\u0600-\u06ff]/.test(c)),
      'every place cell in Arabic',
    );
    const provinces = await page.locator('fieldset[data-facet="admin1"] .facet-label').allTextContents();
    assert.ok(
      provinces.every((p) => /[\u0600-\u06ff]/.test(p)),
      provinces.join(' | '),
    );
    await shot('scale-search-ar.png', false);
  });

  it('has a skip link, one h1, a keyboard-reachable map and timeline, and no serious axe violation', async () => {
    await page.goto(`${base}/`);
    await page.locator('.map [data-count]').first().waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    assert.equal(await page.locator('h1').count(), 1);
    // clusters are buttons; the timeline takes the arrow keys
    assert.equal(
      await page
        .locator('.map button.cluster')
        .first()
        .evaluate((e) => e.tagName),
      'BUTTON',
    );
    await page.locator('.timeline svg').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL((u) => u.searchParams.has('from') && u.searchParams.has('to'));
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => !u.searchParams.has('from'));
    for (const lang of ['ar', 'en']) {
      if (lang === 'en') {
        await page.locator('button.lang-toggle').click();
        await page.waitForFunction(() => document.documentElement.lang === 'en');
        await page.locator('.map [data-count]').first().waitFor();
        await page.waitForTimeout(500);
        await shot('scale-dashboard-en.png', false);
      }
      // through the debugging protocol: the page's CSP refuses inline scripts, rightly
      await page.evaluate(axeSource);
      const result = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe;
        return (await axe.run({
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        })) as {
          violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
        };
      });
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(
        serious.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes[0]?.target.join(' ')})`),
        [],
        `axe (${lang})`,
      );
    }
    await page.locator('button.lang-toggle').click();
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
  });

  it('opens a point on click, with its details and a link', async () => {
    const view = 'country=JO&type=Grenade&from=2021-03-01&to=2021-03-31';
    const m = await api<{ clusters: { count: number }[] }>(`/api/map?${view}&_zoom=5`);
    assert.ok(
      m.clusters.some((c) => c.count === 1),
      'a single incident in the view',
    );
    await page.goto(`${base}/?${view}`);
    await page.locator('.map button.point').first().waitFor();
    await page.locator('.map button.point').first().click();
    await page.locator('.map-popup a').waitFor();
    assert.match((await page.locator('.map-popup').textContent()) ?? '', /[\u0600-\u06ff]/);
    await shot('scale-popup-ar.png', false);
  });

  it('asks before a merge, with both incidents side by side', async () => {
    const list = await api<{ items: { id: string }[] }>('/api/incidents?country=IQ&limit=2&sort=-sources');
    const [a, b] = list.items.map((i) => i.id);
    await page.goto(`${base}/incident/${encodeURIComponent(a)}`);
    await page.fill('input[name="reviewer"]', 'مراجع');
    await page.locator('input[name="reviewer"]').press('Tab');
    await page.fill('input[name="token"]', TOKEN);
    await page.locator('input[name="token"]').press('Tab');
    await page.locator('details.merge summary').click();
    await page.fill('input[name="other"]', b);
    await page.locator('details.merge button[type="submit"]').click();
    await page.locator('.merge-confirm table.side-by-side').waitFor();
    assert.equal(
      (await fetch(`${base}/api/incidents/${encodeURIComponent(b)}`)).status,
      200,
      'not merged yet',
    );
    await shot('scale-merge-confirm-ar.png');
    await page.locator('button.lang-toggle').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.locator('.merge-confirm table.side-by-side').waitFor();
    await shot('scale-merge-confirm-en.png');
    await page.locator('button.lang-toggle').click();
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    await page.locator('button[data-action="merge-cancel"]').click();
    assert.equal(await page.locator('.merge-confirm').count(), 0);
    assert.equal(
      (await fetch(`${base}/api/incidents/${encodeURIComponent(b)}`)).status,
      200,
      'cancel merges nothing',
    );
    await page.locator('details.merge button[type="submit"]').click();
    await page.locator('button[data-action="merge-confirm"]').click();
    await page.locator('.review-log li[data-action="merge"]').waitFor();
    assert.equal((await fetch(`${base}/api/incidents/${encodeURIComponent(b)}`)).status, 404, 'merged');
  });

  it('shows the incident page in both languages, sources in one request', async () => {
    const demo = await api<{ items: { id: string; sources: unknown[] }[] }>(
      `/api/incidents?q=${encodeURIComponent('Tower 22')}&min_sources=2&limit=50`,
    );
    const found = demo.items.find((i) => i.sources.length >= 2);
    assert.ok(found, 'the demo incident with two sources');
    const id = found.id;
    const requests: string[] = [];
    const onReq = (r: { url: () => string }) => requests.push(r.url());
    page.on('request', onReq);
    await page.goto(`${base}/incident/${encodeURIComponent(id)}`);
    await page.locator('.article-text mark.ev').first().waitFor();
    page.off('request', onReq);
    assert.equal(requests.filter((u) => u.includes('/api/articles/')).length, 0);
    assert.equal(requests.filter((u) => u.includes('/articles?')).length, 1);
    await shot('scale-incident-ar.png');
    await page.locator('button.lang-toggle').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await shot('scale-incident-en.png');
    await page.locator('button.lang-toggle').click();
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
  });

  /** The error state is the one thing shown: no map, clusters, timeline, table, total or facet count. */
  const errorAlone = async () => {
    const shown = await page.evaluate(`(() => ({
      errors: document.querySelectorAll('.error-state').length,
      map: document.querySelectorAll('.map, .map-panel').length,
      markers: document.querySelectorAll('[data-count]').length,
      timeline: document.querySelectorAll('.timeline-panel').length,
      table: document.querySelectorAll('.table-panel').length,
      total: (document.querySelector('.view-head .total')?.textContent ?? '').trim(),
      facetCounts: document.querySelectorAll('.facet .count').length,
      exports: document.querySelector('.exports')?.checkVisibility() ?? false,
    }))()`);
    assert.deepEqual(shown, {
      errors: 1,
      map: 0,
      markers: 0,
      timeline: 0,
      table: 0,
      total: '',
      facetCounts: 0,
      exports: false,
    });
  };

  it('one localized error state with retry: the API message, and offline', async () => {
    // the map's own request failing, after the page had drawn everything: the map goes too
    await page.goto(`${base}/`);
    await page.locator('.map [data-count]').first().waitFor();
    await page.route('**/api/map?**', (r) =>
      r.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { status: 500, code: 'internal_error', message: 'map failed' } }),
      }),
    );
    await page.locator('.maplibregl-ctrl-zoom-in').click(); // the map asks again
    await page.locator('.error-state').waitFor();
    assert.match((await page.locator('.error-state').textContent()) ?? '', /500.*map failed/);
    await errorAlone();
    await page.unroute('**/api/map?**');
    await page.locator('.error-state button.retry').click();
    await page.locator('.map [data-count]').first().waitFor();
    assert.equal(await page.locator('.error-state').count(), 0);

    await page.route('**/api/timeline**', (r) =>
      r.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { status: 500, code: 'internal_error', message: 'internal error' } }),
      }),
    );
    await page.goto(`${base}/`);
    await page.locator('.error-state').waitFor();
    assert.match((await page.locator('.error-state').textContent()) ?? '', /500.*internal error/);
    assert.equal(await page.locator('.timeline rect.bar').count(), 0, 'no timeline over an error');
    assert.equal(await page.locator('table.incidents').count(), 0, 'no "0 incidents" over an error');
    await errorAlone();
    await shot('scale-error-ar.png', false);
    await page.locator('button.lang-toggle').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.locator('.error-state').waitFor();
    await shot('scale-error-en.png', false);
    await page.locator('button.lang-toggle').click();
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    await page.unroute('**/api/timeline**');
    await page.locator('.error-state button.retry').click();
    await page.locator('.timeline rect.bar').first().waitFor();
    assert.equal(await page.locator('.error-state').count(), 0);
    // a bad parameter is named
    await page.route('**/api/incidents?**', (r) =>
      r.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            status: 400,
            code: 'invalid_query',
            message: 'bad',
            details: [{ param: 'type', message: 'unknown "X"' }],
          },
        }),
      }),
    );
    await page.reload();
    await page.locator('.error-state').waitFor();
    assert.match((await page.locator('.error-state').textContent()) ?? '', /«type»/);
    await errorAlone();
    await page.unroute('**/api/incidents?**');
    // offline: the Arabic message, not the browser's English
    await page.route('**/api/**', (r) => r.abort('internetdisconnected'));
    await page.reload();
    await page.locator('.error-state').waitFor();
    const text = (await page.locator('.error-state').textContent()) ?? '';
    assert.doesNotMatch(text, /Failed to fetch/);
    assert.match(text, /لا يمكن الوصول إلى الخادم/);
    await errorAlone();
    await page.unroute('**/api/**');
  });

  it('on a phone: filters in a drawer, the table as cards', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/?country=IQ`);
    await page.locator('table.incidents tbody tr').first().waitFor();
    assert.ok(await page.locator('.drawer-toggle').isVisible());
    assert.ok(!(await page.locator('#filters').isVisible()), 'filters closed');
    const mapTop = (await page.locator('.map').boundingBox())?.y ?? 9999;
    assert.ok(mapTop < 500, `the map starts at ${mapTop}px`);
    const width = await page.locator('table.incidents').evaluate((e) => e.scrollWidth);
    assert.ok(width <= 390, `the table is ${width}px wide`);
    await page.waitForTimeout(400);
    await shot('scale-phone-ar.png', false);
    await page.locator('.drawer-toggle').click();
    assert.ok(await page.locator('#filters').isVisible());
    await shot('scale-phone-filters-ar.png', false);
    await page.locator('.drawer-toggle').click();
    await page.locator('button.lang-toggle').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForTimeout(400);
    await shot('scale-phone-en.png', false);
    await page.locator('button.lang-toggle').click();
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    await page.setViewportSize({ width: 1400, height: 1000 });
  });

  it('had no script errors and no request leaving the machine', () => {
    assert.deepEqual(problems, []);
  });
});
