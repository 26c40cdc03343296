/**
 * Bad input, files and web: random bytes, a 100 MB file, a zip renamed .html, HTML nested
 * 10,000 levels, a malformed XML feed, HTTP 500s, timeouts, redirect loops, invalid UTF-8,
 * JSONL with broken lines. Each gives a clear message naming the file, line or URL; the rest
 * of the batch goes on; nothing already stored is lost (counts and articles before/after).
 * The web cases run against a local server on 127.0.0.1. Arabic text written for these tests.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readInputs } from '../io/read.js';
import { formatProblem } from '../io/records.js';
import type { InputProblem } from '../io/types.js';
import type { Store } from '../store/store.js';
import { closeTestStore, openTestStore, testArticles, testEngines } from '../store/testing.js';
import { startServer, type TestServer } from './testserver.js';
import { articleIdForUrl, pollFeeds } from './watch.js';

const GOOD1 =
  'أصيب جنديان أمريكيان بجروح طفيفة إثر سقوط صاروخين على قاعدة حرير شمال أربيل فجر اليوم الخميس، بحسب مسؤول كردي.';
const GOOD2 =
  'استهدفت طائرة مسيرة حقل كونيكو للغاز في ريف دير الزور الشرقي مساء اليوم الجمعة، دون ورود أنباء عن إصابات.';
const GOOD3 =
  'انفجرت عبوة ناسفة على الطريق الدولي قرب الرمادي لدى مرور رتل ينقل معدات للتحالف الدولي، ما ألحق أضرارا بإحدى الشاحنات.';
const GOOD4 =
  'أعلنت خلية الإعلام الأمني العثور على منصة لإطلاق الصواريخ في منطقة زراعية غرب بغداد، بعد ساعات من هجوم على مطار العاصمة.';

const html = (body: string, head = '') =>
  `<!doctype html><html lang="ar"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

/** Everything stored, to compare before and after. */
async function storedState(store: Store) {
  const counts = await store.counts();
  const ids = (await store.db.query<{ id: string }>({ text: 'SELECT id FROM articles ORDER BY id' })).map(
    (r) => r.id,
  );
  const incidents = (
    await store.db.query<{ id: string }>({ text: 'SELECT id FROM incidents ORDER BY id' })
  ).map((r) => r.id);
  return { counts, ids, incidents };
}

function find(problems: InputProblem[], source: string): InputProblem[] {
  return problems.filter((p) => p.source === source);
}

describe('bad input: files', () => {
  let dir: string;
  const path = (n: string) => join(dir, n);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rasd-bad-'));
    // random bytes with a .jsonl name, and with a .html name
    const noise = randomBytes(64 * 1024);
    await writeFile(path('random.jsonl'), noise);
    await writeFile(path('random.html'), noise);
    // 100 MB, made sparse: no disk blocks and nothing read into memory
    for (const f of ['huge.jsonl', 'huge.json']) {
      const fh = await open(path(f), 'w');
      await fh.truncate(100 * 1024 * 1024);
      await fh.close();
    }
    // a zip archive renamed .html
    await writeFile(
      path('archive.html'),
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00]), randomBytes(2048)]),
    );
    // HTML nested 10,000 levels deep around a real paragraph
    await writeFile(
      path('nested.html'),
      html(`${'<div>'.repeat(10_000)}<p>${GOOD4}</p><p>${GOOD3}</p>${'</div>'.repeat(10_000)}`),
    );
    // invalid UTF-8: a valid Arabic text with three broken bytes in it
    const utf8 = Buffer.from(`${GOOD4}\n${GOOD1}\n${GOOD2}`, 'utf8');
    await writeFile(
      path('broken-utf8.txt'),
      Buffer.concat([
        utf8.subarray(0, 40),
        Buffer.from([0xff]),
        utf8.subarray(40, 90),
        Buffer.from([0xc3, 0x28]),
        utf8.subarray(90),
      ]),
    );
    // JSONL with broken lines among good ones
    await writeFile(
      path('mixed.jsonl'),
      [
        JSON.stringify({ id: 'bad-good-1', published: '2024-02-01', text: GOOD1 }),
        '{"id": "cut-off", "published": "2024-02-01", "text": "انفجرت',
        'not json at all',
        JSON.stringify({ id: 'bad-good-2', published: '2024-02-02', text: GOOD2 }),
        JSON.stringify({ id: 'no-text', published: '2024-02-02' }),
        '[1, 2, 3]',
        JSON.stringify({ id: 'bad-date', published: 'yesterday', text: GOOD3 }),
        '\u0000\u0001\u0002',
      ].join('\n'),
    );
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('rejects a 100 MB JSON document by its size, quickly, without reading it', async () => {
    const rss = process.memoryUsage().rss;
    const t0 = Date.now();
    const res = await readInputs([path('huge.json')]);
    assert.ok(Date.now() - t0 < 1000, 'quick');
    assert.ok(process.memoryUsage().rss - rss < 50 * 1024 * 1024, 'not loaded');
    assert.equal(res.problems.length, 1);
    assert.equal(res.problems[0].source, path('huge.json'));
    assert.match(
      res.problems[0].message,
      /^file too large: 104,857,600 bytes \(100\.0 MB\) exceeds the limit of .*; skipped$/,
    );
  });

  it('refuses 100 MB of NUL bytes named .jsonl (read as a stream) from its first megabytes', async () => {
    const rss = process.memoryUsage().rss;
    const res = await readInputs([path('huge.jsonl')]);
    assert.ok(process.memoryUsage().rss - rss < 50 * 1024 * 1024, 'not loaded');
    assert.deepEqual(
      res.problems.map((p) => [p.source, p.message]),
      [[path('huge.jsonl'), 'not a text file (contains NUL bytes); skipped']],
    );
  });

  for (const engine of testEngines()) {
    it(
      `${engine}: every bad file is named, the rest is ingested, nothing stored is lost`,
      { timeout: 60_000 },
      async () => {
        const store = await openTestStore(engine);
        try {
          const seed = testArticles();
          await store.ingest(seed);
          const before = await storedState(store);
          assert.equal(before.counts.articles, seed.length);

          const files = [
            'random.jsonl',
            'random.html',
            'huge.jsonl',
            'archive.html',
            'nested.html',
            'broken-utf8.txt',
            'mixed.jsonl',
          ];
          const res = await readInputs(
            files.map((f) => path(f)),
            { published: '2024-02-03' },
          );
          const lines = res.problems.map(formatProblem);
          const expect = (file: string, re: RegExp, line?: number) =>
            assert.ok(
              find(res.problems, path(file)).some(
                (p) => re.test(p.message) && (line === undefined || p.line === line),
              ),
              `${file}${line ? `:${line}` : ''} ${re}\n${lines.join('\n')}`,
            );
          expect('random.jsonl', /^not a text file \(contains (NUL bytes|control characters)\); skipped$/);
          expect('random.html', /^not a text file \(contains (NUL bytes|control characters)\); skipped$/);
          expect('huge.jsonl', /^not a text file \(contains NUL bytes\); skipped$/);
          expect('archive.html', /^not a text file \(zip archive\); skipped$/);
          expect('nested.html', /^HTML nested 10,000 levels deep \(limit \d+\); read as flat text$/);
          expect('broken-utf8.txt', /^\d invalid UTF-8 byte sequence\(s\) replaced with U\+FFFD$/);
          expect('mixed.jsonl', /^invalid JSON: .*; line skipped$/, 2);
          expect('mixed.jsonl', /^invalid JSON: .*; line skipped$/, 3);
          expect('mixed.jsonl', /^missing text .*; record "no-text" skipped$/, 5);
          expect('mixed.jsonl', /^expected a JSON object, got array; skipped$/, 6);
          expect('mixed.jsonl', /^invalid published date "yesterday"/, 7);
          expect('mixed.jsonl', /^invalid JSON/, 8);
          // every message names its file (and line) when printed
          for (const l of lines) assert.ok(l.startsWith(dir), l);

          assert.deepEqual(res.articles.map((a) => a.id).sort(), [
            'bad-date',
            'bad-good-1',
            'bad-good-2',
            'broken-utf8',
            'nested',
          ]);
          const nested = res.articles.find((a) => a.id === 'nested');
          assert.ok(nested?.text.includes(GOOD3));
          const broken = res.articles.find((a) => a.id === 'broken-utf8');
          assert.ok(broken?.text.includes(GOOD2), 'decoded as UTF-8 around the damage');

          const r = await store.ingest(res.articles);
          assert.equal(r.added, 5);
          assert.equal(r.failed, 0);
          const afterState = await storedState(store);
          assert.equal(afterState.counts.articles, before.counts.articles + 5);
          for (const id of before.ids) assert.ok(afterState.ids.includes(id), `still stored: ${id}`);
          for (const id of before.incidents)
            assert.ok(
              afterState.incidents.includes(id) || afterState.counts.incidents >= before.counts.incidents,
            );
          assert.ok(afterState.counts.mentions >= before.counts.mentions);

          // a second run of the same batch adds nothing and loses nothing
          const again = await store.ingest(
            (
              await readInputs(
                files.map((f) => path(f)),
                { published: '2024-02-03' },
              )
            ).articles,
          );
          assert.equal(again.added, 0);
          assert.deepEqual((await storedState(store)).counts, afterState.counts);
        } finally {
          await closeTestStore(store);
        }
      },
    );
  }
});

describe('bad input: the web (local server)', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startServer({
      '/robots.txt': {
        headers: { 'content-type': 'text/plain' },
        body: 'User-agent: *\nDisallow: /private/\n',
      },
      '/feed.xml': {
        headers: { 'content-type': 'application/rss+xml' },
        body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${[
          '/a/good1',
          '/a/500',
          '/a/slow',
          '/a/loop1',
          '/a/zip',
          '/a/random',
          '/a/nested',
          '/a/big',
          '/a/invalid-utf8',
          '/private/secret',
          '/a/404',
          '/a/good2',
        ]
          .map(
            (p) =>
              `<item><title>${p}</title><link>${p}</link><pubDate>Thu, 01 Feb 2024 09:00:00 +0300</pubDate></item>`,
          )
          .join('')}</channel></rss>`,
      },
      '/broken.xml': {
        headers: { 'content-type': 'application/rss+xml' },
        body: '<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<item><title>x</title><link>/a/good1</link>\n</channel></rss>',
      },
      '/feed-500.xml': { status: 500, body: 'oops' },
      '/a/good1': { body: html(`<article><p>${GOOD1}</p><p>${GOOD4}</p></article>`) },
      '/a/good2': { body: html(`<article><p>${GOOD2}</p><p>${GOOD3}</p></article>`) },
      '/a/500': { status: 500, body: 'Internal error' },
      '/a/slow': () => {
        /* never answers */
      },
      '/a/loop1': { status: 302, headers: { location: '/a/loop2' } },
      '/a/loop2': { status: 302, headers: { location: '/a/loop1' } },
      '/a/zip': {
        headers: { 'content-type': 'text/html' },
        body: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(1000)]),
      },
      '/a/random': { headers: { 'content-type': 'text/html' }, body: randomBytes(4096) },
      '/a/nested': {
        body: html(`${'<section>'.repeat(10_000)}<p>${GOOD3}</p>${'</section>'.repeat(10_000)}`),
      },
      '/a/big': { body: html(`<p>${GOOD1.repeat(5000)}</p>`) },
      '/a/invalid-utf8': {
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: Buffer.concat([
          Buffer.from(html(`<article><p>${GOOD4}`)),
          Buffer.from([0xe2, 0x28, 0xa1]),
          Buffer.from(` ${GOOD2}</p></article>`),
        ]),
      },
      '/private/secret': { body: html(`<p>${GOOD1}</p>`) },
    });
  });
  after(() => srv.close());

  for (const engine of testEngines()) {
    it(
      `${engine}: every failing feed and URL is named, the rest is ingested, nothing stored is lost`,
      { timeout: 60_000 },
      async () => {
        const store = await openTestStore(engine);
        try {
          await store.ingest(testArticles());
          const before = await storedState(store);
          const u = (p: string) => `${srv.base}${p}`;
          // the server is shared by the engines' runs: count this run's requests
          const hits0 = new Map(srv.hits);
          const hits = (p: string) => (srv.hits.get(p) ?? 0) - (hits0.get(p) ?? 0);
          const r = await pollFeeds(
            store,
            [u('/broken.xml'), u('/feed.xml'), u('/feed-500.xml'), u('/missing.xml')],
            {
              fetch: {
                timeoutMs: 400,
                retries: 2,
                backoffMs: 10,
                minIntervalMs: 0,
                maxBytes: 200_000,
                allowPrivate: true,
              },
            },
          );
          const lines = r.problems.map(formatProblem);
          const has = (source: string, re: RegExp) =>
            assert.ok(
              r.problems.some((p) => p.source === u(source) && re.test(p.message)),
              `${source} ${re}\n${lines.join('\n')}`,
            );
          // feeds
          has('/broken.xml', /^feed skipped: malformed XML at line 4, column \d+: /);
          assert.equal(r.problems.find((p) => p.source === u('/broken.xml'))?.line, 4);
          has('/feed-500.xml', /^feed not read: HTTP 500 Internal Server Error \(after 3 attempts\)$/);
          has('/missing.xml', /^feed not read: HTTP 404 Not Found$/);
          assert.deepEqual(
            r.feeds.map((f) => f.status),
            ['error', 'ok', 'error', 'error'],
          );
          // pages
          has(
            '/a/500',
            /^not fetched: HTTP 500 Internal Server Error \(after 3 attempts\) \(poll 1 of 3: tried again on the next poll\)$/,
          );
          has('/a/slow', /^not fetched: timed out after 400 ms \(after 3 attempts\)/);
          has(
            '/a/loop1',
            new RegExp(
              `^not fetched: redirect loop: ${u('/a/loop1')} → ${u('/a/loop2')} → ${u('/a/loop1')}$`,
            ),
          );
          has('/a/zip', /^skipped: not a text file \(zip archive\)$/);
          has('/a/random', /^skipped: not a text file \(contains (NUL bytes|control characters)\)$/);
          has('/a/nested', /^HTML nested 10,000 levels deep/);
          has('/a/big', /^not fetched: response too large: over the \d+ KB limit$/);
          has('/a/invalid-utf8', /^\d invalid UTF-8 byte sequence\(s\) replaced with U\+FFFD$/);
          has('/private/secret', /^not fetched: disallowed by robots\.txt$/);
          has('/a/404', /^not fetched: HTTP 404 Not Found$/);
          assert.equal(hits('/private/secret'), 0);
          assert.equal(hits('/a/500'), 3);

          // the good pages (and the nested and damaged ones) were ingested
          assert.equal(r.ingest?.added, 4);
          for (const p of ['/a/good1', '/a/good2', '/a/nested', '/a/invalid-utf8']) {
            const a = await store.getArticle(articleIdForUrl(u(p)));
            assert.ok(a, p);
            assert.equal(a.published, '2024-02-01', 'from the feed item');
          }
          const afterState = await storedState(store);
          assert.equal(afterState.counts.articles, before.counts.articles + 4);
          for (const id of before.ids) assert.ok(afterState.ids.includes(id), `still stored: ${id}`);

          // the next poll retries only the transient failures; 404s, loops and robots are final
          const again = await pollFeeds(store, [u('/feed.xml')], {
            fetch: {
              timeoutMs: 400,
              retries: 0,
              backoffMs: 10,
              minIntervalMs: 0,
              maxBytes: 200_000,
              allowPrivate: true,
            },
          });
          assert.deepEqual(again.failed.map((f) => f.url.slice(srv.base.length)).sort(), [
            '/a/500',
            '/a/slow',
          ]);
          assert.equal(hits('/a/500'), 4);
          assert.ok(
            again.problems.some(
              (p) =>
                p.source === u('/a/500') && /\(poll 2 of 3: tried again on the next poll\)$/.test(p.message),
            ),
          );
          assert.equal(hits('/a/loop1'), 1);
          assert.deepEqual((await storedState(store)).counts, afterState.counts);
        } finally {
          await closeTestStore(store);
        }
      },
    );
  }
});
