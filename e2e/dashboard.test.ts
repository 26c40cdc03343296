/**
 * End-to-end: the built dashboard (dist/web) in Debian's Chromium, driven by playwright-core,
 * against an API server on a random local port over a PGlite memory store holding the demo
 * sample and one hostile article. Skipped, saying why, when Chromium or the build is missing.
 * Screenshots go to e2e/screenshots/ (not in git).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { createApp } from '../src/api/app.js';
import { readInputs } from '../src/io/index.js';
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

const TOKEN = 'e2e-token-7f3a';
const SHOTS = join(root, 'e2e/screenshots');
const IRI = 'Islamic Resistance in Iraq';

/** An article whose text and title try to run script: they must show as text. */
const HOSTILE = {
  id: 'hostile-001',
  published: '2024-03-10',
  url: 'javascript:window.__xss=4',
  title: '<img src=x onerror="window.__xss=3">صواريخ على عين الأسد',
  text:
    'سقطت ثلاثة صواريخ على قاعدة عين الأسد الجوية في محافظة الأنبار فجر اليوم الأحد <script>window.__xss=1</script> ' +
    'من دون أن تسفر عن إصابات. <img src=x onerror="window.__xss=2"> وقال مصدر أمني إن أحدا لم يتبن الهجوم.',
};

describe('dashboard end to end', { skip, timeout: 120_000 }, () => {
  let store: Store;
  let server: ReturnType<typeof serve>;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const problems: string[] = [];

  before(async () => {
    store = await Store.open({ dataDir: 'memory://' });
    const { articles } = await readInputs([join(root, 'fixtures/demo/articles.jsonl')], { published: null });
    await store.ingest([...articles, HOSTILE], { workers: 0 });
    const app = createApp(store, { writeToken: TOKEN });
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
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1400, height: 1000 },
      locale: 'ar',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // failed loads are reported with their URL by the response listener
      if (
        (m.type() === 'error' && !/Failed to load resource/.test(m.text())) ||
        /Content.Security.Policy/i.test(m.text())
      )
        problems.push(`console: ${m.text()}`);
    });
    // the refused review (401) is expected; no other request may fail
    page.on('response', (r) => {
      if (r.status() >= 400 && r.status() !== 401)
        problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    });
    // nothing may leave the machine: every request goes to our server (or is a data:/blob: URL)
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:'))
        problems.push(`outside request: ${u}`);
    });
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await store?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, name), fullPage: true });
  const rows = () => page.locator('table.incidents tbody tr');

  it('loads the demo: map, timeline, facets and table, in Arabic, right to left', async () => {
    await page.goto(`${base}/`);
    await rows().first().waitFor();
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await page.getAttribute('html', 'lang'), 'ar');
    const api = await (await fetch(`${base}/api/incidents?limit=500`)).json();
    assert.equal(await rows().count(), api.items.length);
    await page.locator('.map[data-ready="yes"] canvas').waitFor();
    await page.locator('.map .country-label').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.map .cluster, .map canvas').length > 0);
    assert.ok((await page.locator('.timeline rect.bar').count()) > 0, 'timeline bars');
    assert.ok((await page.locator('fieldset[data-facet="actor"] input').count()) > 0, 'actor facet');
    await page.waitForTimeout(600); // let the map finish drawing for the screenshot
    await shot('dashboard-ar.png');
  });

  it('filters by actor through the URL; the table follows', async () => {
    await page.locator(`fieldset[data-facet="actor"] input[value="${IRI}"]`).check();
    await page.waitForURL((u) => u.searchParams.getAll('actor').includes(IRI));
    const want = await (await fetch(`${base}/api/incidents?actor=${encodeURIComponent(IRI)}`)).json();
    await page.waitForFunction(
      (n) => document.querySelectorAll('table.incidents tbody tr').length === n,
      want.items.length,
    );
    const ids = await rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')));
    assert.deepEqual([...ids].sort(), want.items.map((i: { id: string }) => i.id).sort());
    // the view is a bookmark: loading the URL again gives the same rows
    await page.reload();
    await page.waitForFunction(
      (n) => document.querySelectorAll('table.incidents tbody tr').length === n,
      want.items.length,
    );
    assert.ok(await page.locator(`fieldset[data-facet="actor"] input[value="${IRI}"]`).isChecked());
    await page.locator('.map[data-ready="yes"]').waitFor();
    await page.waitForTimeout(800);
    await shot('dashboard-actor.png');
  });

  it('brushing the timeline sets from and to', async () => {
    await page.goto(`${base}/`);
    await page.locator('.timeline rect.bar').first().waitFor();
    const box = await page.locator('.timeline svg .brush .overlay').boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.99, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForURL((u) => u.searchParams.has('from') && u.searchParams.has('to'));
    const u = new URL(page.url());
    const want = await (await fetch(`${base}/api/incidents?${u.searchParams}`)).json();
    await page.waitForFunction(
      (n) => document.querySelectorAll('table.incidents tbody tr').length === n,
      want.items.length,
    );
  });

  it('opens an incident: merged fields, conflicts, and highlighted evidence in the RTL text', async () => {
    await page.goto(`${base}/?actor=${encodeURIComponent(IRI)}`);
    await page.locator('table.incidents tbody tr[data-id^="2024-01-28-tower-22"] a').click();
    await page.waitForURL(/\/incident\/2024-01-28-tower-22/);
    await page.locator('.article-text mark.ev').first().waitFor();
    assert.equal(await page.locator('article.source').count(), 2);
    assert.equal(await page.locator('.article-text').first().getAttribute('dir'), 'rtl');
    assert.ok((await page.locator('.article-text mark.ev-trigger').count()) >= 2);
    assert.ok((await page.locator('.article-text mark.ev-place').count()) >= 2);
    const link = page.locator('a.original-link').first();
    assert.match((await link.getAttribute('href')) ?? '', /^https:\/\/example\.org\//);
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer nofollow');
    await shot('incident-ar.png');
  });

  it('refuses a review without the token, and records one with it', async () => {
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
    await page.locator('button[data-action="confirm"]').click();
    await page.locator('[data-status="error"]').waitFor();
    assert.match((await page.locator('[data-status="error"]').textContent()) ?? '', /401/);
    assert.equal(
      await page.locator('.incident-meta .badge[data-status]').getAttribute('data-status'),
      'unreviewed',
    );

    await page.fill('input[name="reviewer"]', 'مراجعة الاختبار');
    await page.locator('input[name="reviewer"]').press('Tab');
    await page.fill('input[name="token"]', TOKEN);
    await page.locator('input[name="token"]').press('Tab');
    await page.locator('button[data-action="confirm"]').click();
    await page.locator('.incident-meta .badge[data-status="confirmed"]').waitFor();
    await page.locator('.review-log li[data-action="confirm"]').waitFor();
    const log = await (await fetch(`${base}/api/incidents/${encodeURIComponent(id)}/log`)).json();
    assert.equal(log.entries.length, 1);
    assert.equal(log.entries[0].who, 'مراجعة الاختبار');
    await shot('incident-reviewed.png');
  });

  it('splits a source out and merges it back from the page', async () => {
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
    await page.locator('article.source').nth(1).locator('input[name="split"]').check();
    await page.locator('button[data-action="split"]').click();
    await page.locator('.review-log li[data-action="split"]').waitFor();
    // the sources are fetched again after the incident (the log beside it): wait for them
    await page.waitForFunction(() => document.querySelectorAll('article.source').length === 1, null, {
      timeout: 10000,
    });
    const split = (
      await (await fetch(`${base}/api/incidents/${encodeURIComponent(id)}/log`)).json()
    ).entries.at(-1);
    const created = split.after.split_off as string;
    assert.ok(created);
    await page.locator('details.merge summary').click();
    await page.fill('input[name="other"]', created);
    await page.locator('details.merge button[type="submit"]').click();
    // a merge asks first, with both incidents side by side
    await page.locator('.merge-confirm table.side-by-side').waitFor();
    await page.locator('button[data-action="merge-confirm"]').click();
    await page.locator('.review-log li[data-action="merge"]').waitFor();
    await page.locator('article.source').nth(1).waitFor({ timeout: 10000 });
    assert.equal(await page.locator('article.source').count(), 2);
    assert.equal((await fetch(`${base}/api/incidents/${encodeURIComponent(created)}`)).status, 404);
  });

  it('shows hostile article text as text: nothing runs', async () => {
    const list = await (
      await fetch(`${base}/api/incidents?q=${encodeURIComponent('عين الاسد')}&from=2024-03-10&to=2024-03-10`)
    ).json();
    const hostile = list.items.find((i: { sources: { article_id: string }[] }) =>
      i.sources.some((s) => s.article_id === HOSTILE.id),
    );
    assert.ok(hostile, 'the hostile article makes an incident');
    await page.goto(`${base}/incident/${encodeURIComponent(hostile.id)}`);
    await page.locator('.article-text mark.ev').first().waitFor();
    const text = (await page.locator('.article-text').textContent()) ?? '';
    assert.ok(text.includes('<script>window.__xss=1</script>'), 'the script tag shows literally');
    assert.ok(text.includes('<img src=x onerror="window.__xss=2">'), 'the img tag shows literally');
    assert.ok(
      ((await page.locator('article.source h3').textContent()) ?? '').includes('<img src=x onerror='),
    );
    assert.equal(
      await page.locator('.article-text script, .article-text img, article.source h3 img').count(),
      0,
    );
    assert.equal(await page.locator('a.original-link').count(), 0, 'a javascript: URL is not a link');
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    await shot('incident-hostile.png');
  });

  it('marks a target the site implies as such on the incident page, and a stated one not', async () => {
    const list = await (await fetch(`${base}/api/incidents?limit=500`)).json();
    type Item = { id: string; target: string | null; implied?: { target?: { place_id: string } } | null };
    const implied = list.items.find((i: Item) => i.target && i.implied?.target);
    const stated = list.items.find((i: Item) => i.target && !i.implied);
    assert.ok(implied && stated, 'the demo has both');
    await page.goto(`${base}/incident/${encodeURIComponent(implied.id)}`);
    const flag = page.locator('tr[data-field="target"] .implied-flag');
    await flag.waitFor();
    assert.equal((await flag.textContent())?.trim(), '(مستنتَج من الموقع)');
    assert.ok(((await flag.getAttribute('title')) ?? '').includes(implied.implied.target.place_id));
    await shot('incident-implied-target-ar.png');
    // a reviewer who states another target: the log shows the implied target going
    const edit = await fetch(`${base}/api/incidents/${encodeURIComponent(implied.id)}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ action: 'edit', who: 'e2e', fields: { target: 'militia' } }),
    });
    assert.equal(edit.status, 200);
    await page.reload();
    const change = page.locator('.review-log li[data-action="edit"] .changes li', { hasText: 'المستنتَج' });
    await change.waitFor();
    assert.equal(
      (await change.textContent())?.replace(/[\u2066\u2069]/g, ''),
      `المستنتَج من الموقع: الهدف ${implied.implied.target.place_id} → —`,
    );
    const reset = await fetch(`${base}/api/incidents/${encodeURIComponent(implied.id)}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ action: 'reset', who: 'e2e' }),
    });
    assert.equal(reset.status, 200);
    await page.goto(`${base}/incident/${encodeURIComponent(stated.id)}`);
    await page.locator('tr[data-field="target"]').waitFor();
    assert.equal(await page.locator('.implied-flag').count(), 0);
  });

  it('switches to English, left to right', async () => {
    await page.goto(`${base}/`);
    await rows().first().waitFor();
    await page.locator('button.lang-toggle').click();
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal((await page.locator('.brand-name').textContent())?.trim(), 'Rasd');
    await page.waitForTimeout(600);
    await shot('dashboard-en.png');
    await page.locator('button.lang-toggle').click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  });

  it('the API docs page works under the same policy (its script is a file)', async () => {
    await page.goto(`${base}/api/docs`);
    await page.waitForFunction(() => document.querySelectorAll('#ops section').length >= 10);
    assert.ok(((await page.locator('#ops').textContent()) ?? '').includes('/api/incidents/{id}/merge'));
  });

  it('with a read token set, the token form opens the view and the export downloads through a ticket', async () => {
    const guarded = serve({
      fetch: createApp(store, { writeToken: TOKEN, readToken: 'e2e-reader' }).fetch,
      port: 0,
      hostname: '127.0.0.1',
    });
    await new Promise<void>((resolve) => guarded.once('listening', () => resolve()));
    const at = `http://127.0.0.1:${(guarded.address() as AddressInfo).port}`;
    const p = await context.newPage();
    try {
      await p.goto(`${at}/`);
      await p.fill('input[name="read-token"]', 'e2e-reader');
      await p.locator('form.token-form button[type="submit"]').click();
      await p.locator('p.total[data-total]:not([data-total=""])').waitFor();
      const total = Number(await p.locator('p.total').getAttribute('data-total'));
      assert.ok(total > 0);
      const [download] = await Promise.all([
        p.waitForEvent('download'),
        p.locator('a.export[data-format="csv"]').click(),
      ]);
      const lines = readFileSync(await download.path(), 'utf8')
        .trimEnd()
        .split('\n');
      assert.match(lines[0], /^event_id_cnty,/);
      assert.equal(lines.length - 1, total);
      assert.match(download.url(), /[?&]_ticket=\d+\./);
    } finally {
      await p.close();
      await new Promise<void>((resolve) => guarded.close(() => resolve()));
    }
  });

  it('had no script errors, CSP violations or requests leaving the machine', () => {
    assert.deepEqual(problems, []);
  });
});
