/**
 * Sources: page extraction (Readability + boilerplate), publication-date estimates, language,
 * robots.txt, feeds and sitemaps, the polite fetcher and `pollFeeds` end to end against a
 * local server (127.0.0.1 only). All Arabic text here was written for these tests.
 */
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { estimatePublished } from '../io/estimate.js';
import { notArabicReason } from '../io/lang.js';
import { extractPage, nestingDepth } from '../io/page.js';
import { readInputs } from '../io/read.js';
import { closeTestStore, openTestStore, testEngines } from '../store/testing.js';
import { FeedError, parseFeed } from './feed.js';
import { FetchError, Fetcher } from './fetch.js';
import { parseRobots, robotsAllows } from './robots.js';
import { isPublishedEstimated } from './state.js';
import { startServer, type TestServer } from './testserver.js';
import { articleIdForUrl, pollFeeds, watchFeeds } from './watch.js';

const P1 =
  'تعرضت قاعدة عين الأسد الجوية في محافظة الأنبار غربي العراق، فجر اليوم الأحد، لهجوم بطائرة مسيرة مفخخة، وفق ما أفاد مصدر أمني عراقي.';
const P2 =
  'وقال المصدر إن الهجوم لم يسفر عن خسائر بشرية، فيما أعلنت المقاومة الإسلامية في العراق مسؤوليتها عن العملية في بيان مقتضب نشرته على منصاتها.';
const P3 =
  'ويأتي الهجوم بعد أيام من قصف مماثل استهدف قاعدة حرير شمال أربيل، في ظل توتر متصاعد تشهده المنطقة منذ أشهر.';
const Q1 =
  'سقطت ثلاثة صواريخ كاتيوشا قرب قاعدة فيكتوريا المحاذية لمطار بغداد الدولي مساء اليوم الثلاثاء دون أن تسفر عن إصابات، بحسب خلية الإعلام الأمني.';
const Q2 =
  'وأوضحت الخلية في بيان أن الصواريخ أطلقت من منطقة زراعية جنوب غرب العاصمة، وأن القوات الأمنية عثرت على منصة الإطلاق.';

function page(opts: { body: string; head?: string; lang?: string; charset?: string | null }): string {
  const charset = opts.charset === null ? '' : `<meta charset="${opts.charset ?? 'utf-8'}">`;
  return `<!doctype html><html lang="${opts.lang ?? 'ar'}" dir="rtl"><head>${charset}${opts.head ?? ''}</head><body>${opts.body}</body></html>`;
}

const NEWS_BODY = `
<header class="site-header"><nav><a href="/">الرئيسية</a> <a href="/iraq">العراق</a> <a href="/syria">سوريا</a></nav></header>
<main><article>
<h1>هجوم بطائرة مسيرة على قاعدة عين الأسد</h1>
<div class="share-tools"><a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
<p>${P1}</p>
<p>اقرأ أيضا: <a href="/other">قصف يستهدف رتلا للدعم اللوجستي</a></p>
<p>${P2}</p>
<p>${P3}</p>
<div><span>شارك</span> <a href="#">فيسبوك</a> <a href="#">تويتر</a></div>
<h3>مقالات مشابهة</h3>
<ul><li><a href="/r1">انفجار عبوة ناسفة في ديالى</a></li><li><a href="/r2">اجتماع أمني في بغداد</a></li></ul>
<h4>قد يعجبك ايضا</h4>
<ul><li><a href="/r3">أسعار النفط تواصل الارتفاع</a></li><li><a href="/r4">افتتاح معرض للكتاب</a></li></ul>
</article></main>
<div id="gdpr-notice">نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا. <button>موافق</button></div>
<div class="notice">يستخدم هذا الموقع الكوكيز. بمتابعة التصفح فإنك توافق على سياسة الخصوصية.</div>
<footer>جميع الحقوق محفوظة 2024</footer>`;

describe('extractPage', () => {
  const html = page({
    head: `<title>هجوم على قاعدة | موقع الخبر</title>
      <meta property="og:title" content="هجوم بطائرة مسيرة على قاعدة عين الأسد">
      <meta property="og:site_name" content="موقع الخبر">
      <link rel="canonical" href="/2024/01/28/ain-asad">
      <meta property="article:published_time" content="2024-01-28T06:10:00+03:00">`,
    body: NEWS_BODY,
  });
  const out = extractPage(html, { url: 'https://www.khabar.example/news?id=5' });

  it('keeps the article with Readability', () => {
    assert.equal(out.method, 'readability');
    for (const p of [P1, P2, P3]) assert.ok(out.text.includes(p), out.text);
    assert.ok(out.text.startsWith('هجوم بطائرة مسيرة على قاعدة عين الأسد'), out.text);
  });
  const dropped: [string, string][] = [
    ['"مقالات مشابهة" and its list', 'انفجار عبوة ناسفة في ديالى'],
    ['"قد يعجبك ايضا" and its list', 'أسعار النفط'],
    ['the heading itself', 'مقالات مشابهة'],
    ['an inline "اقرأ أيضا" line', 'رتلا للدعم اللوجستي'],
    ['a cookie banner', 'ملفات تعريف الارتباط'],
    ['a cookie notice without telling classes', 'الكوكيز'],
    ['share bars', 'واتساب'],
    ['navigation', 'الرئيسية'],
    ['the footer', 'جميع الحقوق'],
  ];
  for (const [what, needle] of dropped)
    it(`drops ${what}`, () => assert.ok(!out.text.includes(needle), out.text));

  it('reads title, date, canonical URL and outlet', () => {
    assert.equal(out.title, 'هجوم بطائرة مسيرة على قاعدة عين الأسد');
    assert.equal(out.published, '2024-01-28');
    assert.equal(out.url, 'https://www.khabar.example/2024/01/28/ain-asad');
    assert.equal(out.outlet, 'موقع الخبر');
    assert.equal(out.lang, 'ar');
  });

  it('keeps only an http(s) page URL: a javascript: og:url falls back to the fetched address', () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd']) {
      const p = extractPage(page({ head: `<meta property="og:url" content="${bad}">`, body: NEWS_BODY }), {
        url: 'https://khabar.example/a',
      });
      assert.equal(p.url, 'https://khabar.example/a', bad);
    }
  });

  const dates: [string, string, string][] = [
    [
      'JSON-LD datePublished',
      `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-02-03T09:00:00Z"}</script>`,
      '',
    ],
    ['og:published_time', '<meta property="og:published_time" content="2024-02-03">', ''],
    ['<time datetime>', '', '<time datetime="2024-02-03T11:30">3 شباط</time>'],
  ];
  for (const [name, head, inBody] of dates) {
    it(`published from ${name}`, () => {
      const p = extractPage(page({ head, body: `<article>${inBody}<p>${Q1}</p><p>${Q2}</p></article>` }));
      assert.equal(p.published, '2024-02-03');
    });
  }

  it('the outlet falls back to the host, the URL to where the page was fetched', () => {
    const p = extractPage(page({ body: `<article><p>${Q1}</p><p>${Q2}</p></article>` }), {
      url: 'https://www.akhbar.example/a/1',
    });
    assert.equal(p.outlet, 'akhbar.example');
    assert.equal(p.url, 'https://www.akhbar.example/a/1');
  });

  it('falls back to the cheerio extraction when Readability finds nothing', () => {
    const p = extractPage(page({ body: '<div>خبر قصير جدا.</div>' }));
    assert.equal(p.method, 'cheerio');
    assert.equal(p.text, 'خبر قصير جدا.');
  });

  it('reads a page nested 10,000 levels deep as flat text, with a warning', () => {
    const deep = page({ body: `${'<div>'.repeat(10_000)}<p>${Q1}</p>${'</div>'.repeat(10_000)}` });
    assert.equal(nestingDepth(deep), 10_000);
    const p = extractPage(deep);
    assert.equal(p.method, 'flat');
    assert.ok(p.text.includes(Q1));
    assert.match(p.warnings[0], /nested 10,000 levels deep/);
  });

  it('counts nesting without unclosed paragraphs or void elements', () => {
    assert.equal(nestingDepth(`<div>${'<p>a<br><img src=x>'.repeat(2000)}</div>`), 1);
  });
});

describe('estimatePublished', () => {
  const cases: [string, string, string | null][] = [
    [
      'the latest stated date',
      `وقع الهجوم في 3 شباط 2024 بعد هجوم آخر في 28 كانون الثاني 2024.`,
      '2024-02-03',
    ],
    [
      '"اليوم" + weekday after the date',
      `أعلنت الفصائل صباح اليوم الأحد مسؤوليتها عن هجوم 26 كانون الثاني 2024.`,
      '2024-01-28',
    ],
    ['"أمس" + weekday', `قصفت مسيرة قاعدة التنف أمس السبت، بعد ضربة في 25 يناير 2024.`, '2024-01-28'],
    [
      'a tally start is not an anchor',
      `منذ 17 تشرين الأول 2023 تعرضت القوات لهجمات عدة، آخرها في 20 كانون الثاني 2024.`,
      '2024-01-20',
    ],
    ['a weekday alone names no date', `هاجمت طائرة مسيرة قاعدة التنف اليوم الثلاثاء.`, null],
    ['no date at all', `هاجمت طائرة مسيرة قاعدة التنف.`, null],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => assert.equal(estimatePublished(text)?.date ?? null, want));
  }
  it('ignores dates after today', () => {
    const est = estimatePublished('يعقد المؤتمر في 5 آذار 2031 بعد اجتماع عقد في 2 آذار 2024.', {
      now: new Date('2024-03-10T00:00:00Z'),
    });
    assert.equal(est?.date, '2024-03-02');
  });
});

describe('readInputs estimatePublished', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rasd-estimate-'));
    await writeFile(
      join(dir, 'a.txt'),
      `أعلنت الفصائل صباح اليوم الأحد مسؤوليتها عن هجوم 26 كانون الثاني 2024 على قاعدة حرير.`,
    );
    await writeFile(join(dir, 'b.txt'), P1);
  });
  after(() => rm(dir, { recursive: true, force: true }));
  it('estimates and marks when asked, with a note naming the file', async () => {
    const res = await readInputs([dir], { estimatePublished: true });
    assert.deepEqual(
      res.articles.map((a) => [a.id, a.published, a.published_estimated ?? false]),
      [
        ['a', '2024-01-28', true],
        ['b', null, false],
      ],
    );
    assert.equal(res.problems.length, 1);
    assert.equal(res.problems[0].source, join(dir, 'a.txt'));
    assert.match(res.problems[0].message, /^no publication date for "a"; estimated 2024-01-28 from /);
  });
  it('leaves dates alone by default', async () => {
    const res = await readInputs([dir]);
    assert.deepEqual(
      res.articles.map((a) => a.published),
      [null, null],
    );
  });
});

describe('notArabicReason', () => {
  it('Arabic text is Arabic, even with some English', () => {
    assert.equal(notArabicReason(`${P1} (AFP) Reuters`), null);
  });
  it('English text is not, with the share and the declared language', () => {
    assert.match(
      notArabicReason('A drone struck the base near عين الأسد on Sunday, officials said.', 'en') ?? '',
      /^not Arabic: \d+% of \d+ letters are Arabic \(page language "en"\)$/,
    );
  });
  it('no letters at all', () => assert.match(notArabicReason('12345 !!!') ?? '', /no letters/));
});

describe('robots.txt', () => {
  const rules = parseRobots(
    `User-agent: *\nDisallow: /private/\nAllow: /private/open\nDisallow: /*.pdf$\nCrawl-delay: 2\n\nUser-agent: otherbot\nDisallow: /\n`,
    'rasd',
  );
  const cases: [string, boolean][] = [
    ['/news/1', true],
    ['/private/x', false],
    ['/private/open/1', true],
    ['/files/a.pdf', false],
    ['/files/a.pdf?x=1', true],
    ['/robots.txt', true],
  ];
  for (const [path, ok] of cases)
    it(`${path}: ${ok ? 'allowed' : 'disallowed'}`, () => assert.equal(robotsAllows(rules, path), ok));
  it('reads Crawl-delay', () => assert.equal(rules.crawlDelay, 2));
  it('a group naming us wins over *', () => {
    const r = parseRobots('User-agent: *\nDisallow: /\n\nUser-agent: rasd\nDisallow: /admin\n', 'rasd');
    assert.equal(robotsAllows(r, '/news'), true);
    assert.equal(robotsAllows(r, '/admin/x'), false);
  });
});

describe('parseFeed', () => {
  it('RSS 2.0 with relative links, guids and RFC 822 dates', () => {
    const f = parseFeed(
      `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>أخبار العراق</title>
      <item><title>صواريخ على قاعدة</title><link>/a/1</link><pubDate>Sun, 28 Jan 2024 10:00:00 +0300</pubDate></item>
      <item><title><![CDATA[مسيرة <b>تستهدف</b> حقلا]]></title><guid>http://h.example/a/2</guid></item>
      <item><title>بلا رابط</title><guid isPermaLink="false">x-3</guid></item>
      <item><title>مكرر</title><link>/a/1</link></item></channel></rss>`,
      'http://h.example/feed.xml',
    );
    assert.equal(f.kind, 'rss');
    assert.equal(f.title, 'أخبار العراق');
    assert.deepEqual(f.items, [
      { url: 'http://h.example/a/1', title: 'صواريخ على قاعدة', published: '2024-01-28' },
      { url: 'http://h.example/a/2', title: 'مسيرة <b>تستهدف</b> حقلا', published: null },
    ]);
  });
  it('Atom: the alternate link, published else updated', () => {
    const f = parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><title>a</title><link rel="self" href="http://h.example/self"/><link href="http://h.example/e1"/><updated>2024-01-02T00:00:00Z</updated></entry>
      <entry><title>b</title><link rel="alternate" href="http://h.example/e2"/><published>2024-01-03</published><updated>2024-01-05</updated></entry></feed>`,
    );
    assert.deepEqual(
      f.items.map((i) => [i.url, i.published]),
      [
        ['http://h.example/e1', '2024-01-02'],
        ['http://h.example/e2', '2024-01-03'],
      ],
    );
  });
  it('RSS 1.0 (RDF) with dc:date', () => {
    const f = parseFeed(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel><title>r</title></channel><item rdf:about="http://h.example/r1"><title>x</title><link>http://h.example/r1</link><dc:date>2024-01-04T08:00:00+03:00</dc:date></item></rdf:RDF>`,
    );
    assert.deepEqual(f.items, [{ url: 'http://h.example/r1', title: 'x', published: '2024-01-04' }]);
  });
  it('a news sitemap (urlset) and a sitemap index', () => {
    const s = parseFeed(
      `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>http://h.example/s1</loc><news:news><news:publication_date>2024-01-06T10:00:00+03:00</news:publication_date><news:title>عنوان</news:title></news:news></url>
      <url><loc>http://h.example/s2</loc><lastmod>2024-01-01</lastmod></url></urlset>`,
    );
    assert.deepEqual(s.items, [
      { url: 'http://h.example/s1', title: 'عنوان', published: '2024-01-06' },
      { url: 'http://h.example/s2', title: null, published: null },
    ]);
    const i = parseFeed(
      '<sitemapindex><sitemap><loc>/sm1.xml</loc></sitemap></sitemapindex>',
      'http://h.example/index.xml',
    );
    assert.deepEqual(i.sitemaps, ['http://h.example/sm1.xml']);
  });
  const bad: [string, string, RegExp][] = [
    [
      'an unclosed element',
      '<rss><channel><item>\n<title>x</title></channel></rss>',
      /^malformed XML at line 2/,
    ],
    ['HTML', '<html><body></body></html>', /^not a feed or sitemap: root element <html>/],
    ['text', 'hello', /^not XML/],
    [
      'nesting beyond the parser limit',
      `<rss>${'<a>'.repeat(500)}${'</a>'.repeat(500)}</rss>`,
      /^unreadable XML/,
    ],
  ];
  for (const [name, xml, re] of bad) {
    it(`rejects ${name} with a FeedError`, () => {
      assert.throws(
        () => parseFeed(xml),
        (e: unknown) => e instanceof FeedError && re.test(e.message),
      );
    });
  }
});

describe('Fetcher (local server)', () => {
  let srv: TestServer;
  let active = 0;
  let maxActive = 0;
  before(async () => {
    srv = await startServer({
      '/robots.txt': {
        headers: { 'content-type': 'text/plain' },
        body: 'User-agent: *\nDisallow: /private/\n',
      },
      '/ok': { body: 'ok' },
      '/etag': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304);
          res.end();
          return;
        }
        res.writeHead(200, { etag: '"v1"', 'content-type': 'text/plain' });
        res.end('body');
      },
      '/flaky': (_req, res, hit) => {
        res.writeHead(hit < 3 ? 503 : 200, { 'content-type': 'text/plain' });
        res.end(hit < 3 ? 'busy' : 'finally');
      },
      ...Object.fromEntries(
        Array.from({ length: 7 }, (_, i) => [
          `/chain${i}`,
          { status: 302, headers: { location: `/chain${i + 1}` } },
        ]),
      ),
      '/r1': { status: 301, headers: { location: '/r2' } },
      '/r2': { status: 302, headers: { location: '/ok' } },
      '/slow': (_req, res) => {
        active++;
        maxActive = Math.max(maxActive, active);
        setTimeout(() => {
          active--;
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('slow');
        }, 60);
      },
    });
  });
  after(() => srv.close());
  const quick = () =>
    new Fetcher({ retries: 2, backoffMs: 5, minIntervalMs: 0, timeoutMs: 2000, allowPrivate: true });

  it('follows redirects and reports them', async () => {
    const r = await quick().get(`${srv.base}/r1`);
    assert.equal(r.body.toString(), 'ok');
    assert.equal(r.url, `${srv.base}/ok`);
    assert.deepEqual(r.redirects, [`${srv.base}/r1`, `${srv.base}/r2`]);
  });
  it('stops after maxRedirects', async () => {
    await assert.rejects(
      new Fetcher({ maxRedirects: 5, minIntervalMs: 0, allowPrivate: true }).get(`${srv.base}/chain0`),
      (e: unknown) =>
        e instanceof FetchError &&
        e.message.startsWith(`${srv.base}/chain0: too many redirects (more than 5): ${srv.base}/chain0 → `),
    );
    assert.equal(srv.hits.get('/chain6'), undefined);
  });
  it('retries server errors with backoff until they pass', async () => {
    const r = await quick().get(`${srv.base}/flaky`);
    assert.equal(r.body.toString(), 'finally');
    assert.equal(srv.hits.get('/flaky'), 3);
  });
  it('sends If-None-Match and reports 304 as not modified', async () => {
    const f = quick();
    const first = await f.get(`${srv.base}/etag`);
    assert.equal(first.headers.get('etag'), '"v1"');
    const second = await f.get(`${srv.base}/etag`, { etag: '"v1"' });
    assert.equal(second.notModified, true);
    assert.equal(srv.lastHeaders.get('/etag')?.['if-none-match'], '"v1"');
  });
  it('honours robots.txt (read once per origin)', async () => {
    const f = quick();
    const reads = srv.hits.get('/robots.txt') ?? 0;
    await assert.rejects(
      f.get(`${srv.base}/private/page`),
      (e: unknown) => e instanceof FetchError && /disallowed by robots\.txt$/.test(e.message),
    );
    await f.get(`${srv.base}/ok`);
    assert.equal(srv.hits.get('/private/page'), undefined, 'never requested');
    assert.equal(srv.hits.get('/robots.txt'), reads + 1);
  });
  it('at most perHost requests at once to a host, and the interval between starts', async () => {
    maxActive = 0;
    const f = new Fetcher({ perHost: 2, minIntervalMs: 0, retries: 0, allowPrivate: true });
    await Promise.all(Array.from({ length: 6 }, () => f.get(`${srv.base}/slow`)));
    assert.equal(maxActive, 2);
    maxActive = 0;
    const one = new Fetcher({ perHost: 1, minIntervalMs: 30, retries: 0, allowPrivate: true });
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 4 }, () => one.get(`${srv.base}/ok`)));
    assert.ok(Date.now() - t0 >= 85, 'four starts 30 ms apart');
  });
  it('an unpaced request (a feed) holds back no page; pages keep the interval between them', async () => {
    const f = new Fetcher({ perHost: 1, minIntervalMs: 2000, retries: 0, allowPrivate: true });
    await f.get(`${srv.base}/ok`, { unpaced: true });
    const t0 = Date.now();
    await f.get(`${srv.base}/ok`);
    const first = Date.now() - t0;
    assert.ok(first < 1500, `the first page follows the feed at once (${first} ms)`);
    await f.get(`${srv.base}/ok`);
    assert.ok(Date.now() - t0 >= 1990, 'the second page waits for the interval');
  });
});

describe('pollFeeds (local server)', () => {
  let srv: TestServer;
  let dir: string;
  const feedItems = (paths: string[], dates: Record<string, string> = {}) =>
    `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>f</title>${paths
      .map(
        (p) =>
          `<item><title>${p}</title><link>${p}</link>${dates[p] ? `<pubDate>${dates[p]}</pubDate>` : ''}</item>`,
      )
      .join('')}</channel></rss>`;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rasd-sources-'));
    const utf8 = page({
      body: `<article><h1>صواريخ على فيكتوريا</h1><p>${Q1}</p><p>${Q2}</p></article>`,
      head: '<meta property="article:published_time" content="2024-01-30">',
    });
    const win = iconv.encode(
      page({
        charset: null,
        body: `<article><p>${P1}</p><p>${P2}</p></article>`,
        head: '<meta name="date" content="2024-01-28">',
      }),
      'windows-1256',
    );
    const iso = iconv.encode(
      page({ charset: 'iso-8859-6', body: `<article><p>${P3}</p><p>${P2}</p></article>` }),
      'iso-8859-6',
    );
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode(page({ charset: null, body: `<article><p>${Q2}</p><p>${P3}</p></article>` }), 'utf-16le'),
    ]);
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(page({ charset: null, body: `<article><p>${Q1} ${P3}</p></article>` })),
    ]);
    const estimate = page({
      body: `<article><p>أعلنت المقاومة الإسلامية في العراق صباح اليوم الأحد استهداف قاعدة حرير بطائرة مسيرة، بعد هجوم مماثل في 25 كانون الثاني 2024 على مطار أربيل.</p></article>`,
    });
    srv = await startServer({
      '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nAllow: /\n' },
      '/feed.xml': (req, res) => {
        if (req.headers['if-none-match'] === '"feed-1"') {
          res.writeHead(304);
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"feed-1"' });
        res.end(
          feedItems(['/a/utf8', '/a/win', '/a/iso', '/a/utf16', '/a/bom', '/a/estimate', '/a/english'], {
            '/a/iso': 'Mon, 29 Jan 2024 08:00:00 +0300',
            '/a/utf16': 'Tue, 30 Jan 2024 08:00:00 +0300',
            '/a/bom': 'Wed, 31 Jan 2024 08:00:00 +0300',
          }),
        );
      },
      '/index.xml': {
        headers: { 'content-type': 'application/xml' },
        body: '<sitemapindex><sitemap><loc>/news.xml</loc></sitemap></sitemapindex>',
      },
      '/news.xml': {
        headers: { 'content-type': 'application/xml' },
        body: `<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>/a/utf8</loc></url><url><loc>/a/sitemap-only</loc><news:news><news:publication_date>2024-02-01</news:publication_date></news:news></url></urlset>`,
      },
      '/a/utf8': { body: utf8 },
      '/a/win': { headers: { 'content-type': 'text/html; charset=windows-1256' }, body: win },
      '/a/iso': { headers: { 'content-type': 'text/html' }, body: iso },
      '/a/utf16': { headers: { 'content-type': 'text/html' }, body: utf16 },
      '/a/bom': { headers: { 'content-type': 'text/html' }, body: bom },
      '/a/estimate': { body: estimate },
      '/a/english': {
        body: page({
          lang: 'en',
          body: '<article><p>A drone attack was reported near the base on Sunday; no casualties were reported by officials.</p></article>',
        }),
      },
      '/a/sitemap-only': { body: page({ body: `<article><p>${P1}</p><p>${Q2}</p></article>` }) },
    });
    await writeFile(join(dir, 'local.xml'), feedItems([`${srv.base}/a/utf8`, `${srv.base}/a/bom`]));
  });
  after(async () => {
    await srv.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const engine of testEngines()) {
    it(
      `${engine}: polls, decodes every encoding, dates articles, skips non-Arabic, remembers`,
      { timeout: 60_000 },
      async () => {
        const store = await openTestStore(engine);
        try {
          const fetch = { minIntervalMs: 0, retries: 1, backoffMs: 5, allowPrivate: true };
          const r = await pollFeeds(store, [`${srv.base}/feed.xml`], { fetch });
          assert.deepEqual(
            r.feeds.map((f) => [f.status, f.items, f.new]),
            [['ok', 7, 7]],
          );
          assert.equal(r.fetched, 7);
          assert.deepEqual(
            r.skipped.map((s) => [s.url.slice(srv.base.length), s.reason.split(':')[0]]),
            [['/a/english', 'not Arabic']],
          );
          assert.equal(r.ingest?.added, 6);
          const get = async (path: string) => store.getArticle(articleIdForUrl(`${srv.base}${path}`));
          const texts: [string, string, string][] = [
            ['/a/utf8', Q1, '2024-01-30'],
            ['/a/win', P1, '2024-01-28'],
            ['/a/iso', P3, '2024-01-29'],
            ['/a/utf16', Q2, '2024-01-30'],
            ['/a/bom', Q1, '2024-01-31'],
          ];
          for (const [path, text, published] of texts) {
            const a = await get(path);
            assert.ok(a, path);
            assert.ok(a.text.includes(text), `${path}: ${a.text}`);
            assert.equal(a.published, published, path);
            assert.equal(a.outlet, '127.0.0.1');
          }
          const est = await get('/a/estimate');
          assert.equal(est?.published, '2024-01-28');
          assert.equal(await isPublishedEstimated(store.db, est?.id as string), true);
          assert.equal(await isPublishedEstimated(store.db, (await get('/a/win'))?.id as string), false);
          assert.ok(r.problems.some((p) => p.severity === 'note' && /estimated 2024-01-28/.test(p.message)));

          // second poll: the feed answers 304 to its ETag; no page is fetched again
          const pageHits = srv.hits.get('/a/win');
          const again = await pollFeeds(store, [`${srv.base}/feed.xml`], { fetch });
          assert.equal(again.feeds[0].status, 'not-modified');
          assert.equal(again.fetched, 0);
          assert.equal(srv.hits.get('/a/win'), pageHits);

          // a sitemap index → its sitemap; a URL already stored is marked, not fetched
          const sm = await pollFeeds(store, [`${srv.base}/index.xml`], { fetch });
          assert.deepEqual(
            sm.feeds.map((f) => [f.feed.slice(srv.base.length), f.kind]),
            [
              ['/index.xml', 'sitemapindex'],
              ['/news.xml', 'urlset'],
            ],
          );
          assert.equal(sm.fetched, 1);
          assert.equal((await get('/a/sitemap-only'))?.published, '2024-02-01');

          // a feed file listing URLs already seen: nothing to do
          const local = await pollFeeds(store, [join(dir, 'local.xml')], { fetch });
          assert.equal(local.feeds[0].status, 'ok');
          assert.equal(local.fetched, 0);
          assert.equal(local.ingest, null);
          assert.equal((await store.counts()).articles, 7);
        } finally {
          await closeTestStore(store);
        }
      },
    );
  }

  it(
    'watchFeeds: polls until the signal aborts, and a wait leaves no abort listener behind',
    { timeout: 60_000 },
    async () => {
      const store = await openTestStore('pglite');
      try {
        const ctl = new AbortController();
        const listeners: number[] = [];
        const polls = await watchFeeds(store, [join(dir, 'local.xml')], {
          intervalSeconds: 1,
          signal: ctl.signal,
          fetch: { minIntervalMs: 0, retries: 1, backoffMs: 5, allowPrivate: true },
          onPoll: () => {
            listeners.push(getEventListeners(ctl.signal, 'abort').length);
            if (listeners.length === 3) ctl.abort();
          },
        });
        assert.equal(polls, 3);
        // each poll runs after the wait before it has ended: none of those waits still listens
        assert.deepEqual(listeners, [0, 0, 0]);
      } finally {
        await closeTestStore(store);
      }
    },
  );
});
