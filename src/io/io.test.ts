import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import {
  type Article,
  articleFromText,
  decodeBytes,
  formatProblem,
  htmlToText,
  type InputProblem,
  MAX_ARTICLE_CHARS,
  parseJsonFile,
  parseJsonl,
  parsePublishedDate,
  readInputs,
  readInputsEach,
} from './index.js';

const AR = 'سقطت قذيفة هاون على سوق المدينة صباح الأحد';
const AR2 = 'أعلنت الشرطة مقتل شخصين في انفجار عبوة ناسفة';

const cat = (...parts: (Uint8Array | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (Array.isArray(p) ? Buffer.from(p) : Buffer.from(p))));

function only(problems: InputProblem[], severity?: InputProblem['severity']): InputProblem[] {
  return severity ? problems.filter((p) => p.severity === severity) : problems;
}

describe('decodeBytes', () => {
  const cases: { name: string; bytes: Buffer; hint?: string; text: string; encoding: string }[] = [
    { name: 'plain UTF-8', bytes: Buffer.from(AR, 'utf8'), text: AR, encoding: 'utf-8' },
    { name: 'pure ASCII', bytes: Buffer.from('{"id":1}', 'utf8'), text: '{"id":1}', encoding: 'utf-8' },
    {
      name: 'UTF-8 BOM is removed',
      bytes: cat([0xef, 0xbb, 0xbf], Buffer.from(AR, 'utf8')),
      text: AR,
      encoding: 'utf-8',
    },
    {
      name: 'UTF-16LE BOM',
      bytes: cat([0xff, 0xfe], iconv.encode(AR, 'utf-16le')),
      text: AR,
      encoding: 'utf-16le',
    },
    {
      name: 'UTF-16BE BOM',
      bytes: cat([0xfe, 0xff], iconv.encode(AR, 'utf-16be')),
      text: AR,
      encoding: 'utf-16be',
    },
    { name: 'UTF-16LE without BOM', bytes: iconv.encode(AR, 'utf-16le'), text: AR, encoding: 'utf-16le' },
    { name: 'UTF-16BE without BOM', bytes: iconv.encode(AR, 'utf-16be'), text: AR, encoding: 'utf-16be' },
    {
      name: 'windows-1256 (invalid UTF-8) falls back',
      bytes: iconv.encode(AR2, 'windows-1256'),
      text: AR2,
      encoding: 'windows-1256',
    },
    {
      name: 'two windows-1256 bytes',
      bytes: Buffer.from([0xc7, 0xe1]),
      text: 'ال',
      encoding: 'windows-1256',
    },
    {
      name: 'ISO-8859-6 when the header declares it',
      bytes: iconv.encode(AR2, 'iso-8859-6'),
      hint: 'text/html; charset=ISO-8859-6',
      text: AR2,
      encoding: 'iso-8859-6',
    },
    {
      name: 'windows-1256 declared by a bare label',
      bytes: iconv.encode(AR2, 'windows-1256'),
      hint: 'cp1256',
      text: AR2,
      encoding: 'windows-1256',
    },
    {
      name: 'meta charset in the document',
      bytes: iconv.encode(
        `<html><head><meta charset="windows-1256"></head><body>${AR2}</body></html>`,
        'cp1256',
      ),
      text: `<html><head><meta charset="windows-1256"></head><body>${AR2}</body></html>`,
      encoding: 'windows-1256',
    },
    {
      name: 'http-equiv ISO-8859-6 in the document',
      bytes: iconv.encode(
        `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-6"><p>${AR2}</p>`,
        'iso-8859-6',
      ),
      text: `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-6"><p>${AR2}</p>`,
      encoding: 'iso-8859-6',
    },
    {
      name: 'stale meta windows-1256 on a page re-saved as UTF-8',
      bytes: Buffer.from(`<meta charset="windows-1256"><p>${AR}</p>`, 'utf8'),
      text: `<meta charset="windows-1256"><p>${AR}</p>`,
      encoding: 'utf-8',
    },
    {
      name: 'latin-1 declaration is ignored for Arabic bytes',
      bytes: iconv.encode(AR2, 'windows-1256'),
      hint: 'text/html; charset=ISO-8859-1',
      text: AR2,
      encoding: 'windows-1256',
    },
    {
      name: 'UTF-8 cut in the middle of a letter',
      bytes: Buffer.from(AR, 'utf8').subarray(0, Buffer.from(AR, 'utf8').length - 1),
      text: `${AR.slice(0, -1)}\ufffd`,
      encoding: 'utf-8',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = decodeBytes(c.bytes, c.hint ? { contentType: c.hint } : undefined);
      assert.equal(out.text, c.text);
      assert.equal(out.encoding, c.encoding);
    });
  }

  it('undeclared ISO-8859-6 is told from windows-1256 by the misfits each would produce', () => {
    const iso = decodeBytes(iconv.encode(AR2, 'iso-8859-6'));
    assert.equal(iso.text, AR2);
    assert.equal(iso.encoding, 'iso-8859-6');
    const win = decodeBytes(iconv.encode(AR2, 'windows-1256'));
    assert.equal(win.text, AR2);
    assert.equal(win.encoding, 'windows-1256');
  });

  it('a UTF-8 file with one broken byte stays UTF-8 and counts the damage', () => {
    const good = Buffer.from(`${AR} ${AR2} ${AR}`, 'utf8');
    const bytes = cat(good.subarray(0, 20), [0xff], good.subarray(20));
    const out = decodeBytes(bytes);
    assert.equal(out.encoding, 'utf-8');
    assert.equal(out.invalidSequences, 1);
    assert.ok(out.text.includes(AR2));
  });
});

describe('parsePublishedDate', () => {
  const cases: [unknown, string | null, boolean][] = [
    ['2021-12-19', '2021-12-19', true],
    ['2021-12-19T14:05', '2021-12-19', true],
    ['2021-12-19T23:59:59.123+03:00', '2021-12-19', true],
    ['2021-12-19T01:00:00Z', '2021-12-19', true],
    ['2021-12-19 14:05:00', '2021-12-19', true],
    ['2024-02-29', '2024-02-29', true],
    [undefined, null, true],
    [null, null, true],
    ['', null, true],
    ['yesterday', null, false],
    ['2021-13-45', null, false],
    ['2023-02-29', null, false],
    ['2021-04-31', null, false],
    ['2021-12-19T25:00', null, false],
    ['19/12/2021', null, false],
    ['2021-12-19garbage', null, false],
    [123, null, false],
    [{ y: 2021 }, null, false],
  ];
  for (const [input, date, valid] of cases) {
    it(`${JSON.stringify(input) ?? 'undefined'} → ${date} (${valid ? 'valid' : 'invalid'})`, () => {
      assert.deepEqual(parsePublishedDate(input), { date, valid });
    });
  }
});

describe('parseJsonl', () => {
  it('reads lines around a broken one and names its line', () => {
    const text = [
      JSON.stringify({ id: 'a', text: AR, published: '2021-12-19' }),
      '{"id": "b", "text": "قصف", ',
      JSON.stringify({ id: 'c', text: AR2 }),
    ].join('\n');
    const res = parseJsonl(text, 'feed.jsonl');
    assert.deepEqual(
      res.articles.map((a) => a.id),
      ['a', 'c'],
    );
    assert.equal(res.problems.length, 1);
    const [p] = res.problems;
    assert.equal(p.source, 'feed.jsonl');
    assert.equal(p.line, 2);
    assert.equal(p.severity, 'error');
    assert.match(p.message, /^invalid JSON: /);
    assert.equal(formatProblem(p).startsWith('feed.jsonl:2: error: invalid JSON'), true);
  });

  it('keeps only http(s) URLs: javascript:, file: and data: are dropped with a warning, the article kept', () => {
    const urls = [
      'javascript:alert(document.cookie)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox',
      '//evil.example/x',
      'https://ok.example/a',
      'http://ok.example/b',
    ];
    const text = urls.map((url, i) => JSON.stringify({ id: `u${i}`, text: AR, url })).join('\n');
    const res = parseJsonl(text, 'u.jsonl');
    assert.deepEqual(
      res.articles.map((a) => a.url),
      [null, null, null, null, null, null, null, 'https://ok.example/a', 'http://ok.example/b'],
    );
    assert.deepEqual(
      res.problems.map((p) => [p.line, p.severity]),
      [1, 2, 3, 4, 5, 6, 7].map((l) => [l, 'warning']),
    );
    assert.match(
      res.problems[0].message,
      /^url dropped: only http\(s\) links are kept \(scheme "javascript:"\); article kept$/,
    );
    assert.match(res.problems[3].message, /scheme "file:"/);
  });

  it('an id longer than 1,000 characters is replaced by the derived id, with a warning', () => {
    const res = parseJsonl(JSON.stringify({ id: 'x'.repeat(100_000), text: AR }), 'long.jsonl');
    assert.equal(res.articles[0].id, 'long.jsonl:1');
    assert.match(res.problems[0].message, /^id of 100000 characters \(at most 1000\); using "long.jsonl:1"$/);
  });

  it('skips blank lines and CRLF without shifting line numbers', () => {
    const text = `${JSON.stringify({ id: 1, text: AR })}\r\n\r\n   \r\n{oops}\r\n`;
    const res = parseJsonl(text, 'x.jsonl');
    assert.equal(res.articles.length, 1);
    assert.deepEqual(
      res.problems.map((p) => p.line),
      [4],
    );
  });

  const published: {
    name: string;
    rec: Record<string, unknown>;
    want: string | null;
    problem: RegExp | null;
  }[] = [
    { name: 'ISO date', rec: { published: '2021-12-19' }, want: '2021-12-19', problem: null },
    { name: 'timestamp', rec: { published: '2021-12-19T22:30:00+03:00' }, want: '2021-12-19', problem: null },
    { name: 'missing', rec: {}, want: null, problem: null },
    { name: 'null', rec: { published: null }, want: null, problem: null },
    { name: '"date" fallback', rec: { date: '2020-01-05' }, want: '2020-01-05', problem: null },
    {
      name: 'word',
      rec: { published: 'yesterday' },
      want: null,
      problem: /invalid published date "yesterday"/,
    },
    { name: 'impossible', rec: { published: '2021-13-45' }, want: null, problem: /invalid published date/ },
    { name: 'number', rec: { published: 123 }, want: null, problem: /invalid published date 123/ },
    { name: 'bad "date"', rec: { date: 'أمس' }, want: null, problem: /treated as unknown/ },
  ];
  for (const c of published) {
    it(`published: ${c.name}`, () => {
      const res = parseJsonl(JSON.stringify({ id: 'x', text: AR, ...c.rec }), 's.jsonl');
      assert.equal(res.articles.length, 1, 'the article is kept either way');
      assert.equal(res.articles[0].published, c.want);
      if (c.problem) {
        assert.equal(res.problems.length, 1);
        assert.equal(res.problems[0].severity, 'warning');
        assert.equal(res.problems[0].line, 1);
        assert.match(res.problems[0].message, c.problem);
      } else {
        assert.deepEqual(res.problems, []);
      }
    });
  }

  const texts: { name: string; rec: Record<string, unknown>; want: string | null; problem: RegExp | null }[] =
    [
      { name: 'text', rec: { text: AR }, want: AR, problem: null },
      { name: 'body fallback', rec: { body: AR }, want: AR, problem: null },
      { name: 'content fallback', rec: { content: AR }, want: AR, problem: null },
      { name: 'empty text, body present', rec: { text: '', body: AR2 }, want: AR2, problem: null },
      { name: 'missing text', rec: { title: 'عنوان' }, want: null, problem: /missing text/ },
      { name: 'blank text', rec: { text: '   ' }, want: null, problem: /empty text/ },
      {
        name: 'text not a string',
        rec: { text: 42 },
        want: null,
        problem: /field "text" must be a string, got number/,
      },
      { name: 'text is an array', rec: { text: [AR] }, want: null, problem: /got array/ },
    ];
  for (const c of texts) {
    it(`text: ${c.name}`, () => {
      const lines = [JSON.stringify({ id: 'first', text: AR }), JSON.stringify({ id: 'x', ...c.rec })];
      const res = parseJsonl(lines.join('\n'), 't.jsonl');
      assert.equal(res.articles[0].id, 'first', 'other lines are unaffected');
      if (c.want === null) {
        assert.equal(res.articles.length, 1);
        assert.equal(res.problems.length, 1);
        assert.equal(res.problems[0].severity, 'error');
        assert.equal(res.problems[0].line, 2);
        assert.match(res.problems[0].message, c.problem!);
      } else {
        assert.equal(res.articles[1].text, c.want);
        assert.deepEqual(res.problems, []);
      }
    });
  }

  const ids: { name: string; rec: Record<string, unknown>; want: string; warn: boolean }[] = [
    { name: 'string', rec: { id: 'aj-2021-0042' }, want: 'aj-2021-0042', warn: false },
    { name: 'number', rec: { id: 42 }, want: '42', warn: false },
    { name: 'missing', rec: {}, want: 'feed.jsonl:2', warn: false },
    { name: 'empty string', rec: { id: '' }, want: 'feed.jsonl:2', warn: true },
    { name: 'object', rec: { id: { n: 1 } }, want: 'feed.jsonl:2', warn: true },
  ];
  for (const c of ids) {
    it(`id: ${c.name}`, () => {
      const text = `\n${JSON.stringify({ text: AR, ...c.rec })}`;
      const res = parseJsonl(text, 'data/feed.jsonl');
      assert.equal(res.articles[0].id, c.want);
      assert.equal(res.problems.length, c.warn ? 1 : 0);
    });
  }

  it('derived ids are stable across runs', () => {
    const text = `${JSON.stringify({ text: AR })}\n${JSON.stringify({ text: AR2 })}`;
    const a = parseJsonl(text, 'feed.jsonl').articles.map((x) => x.id);
    const b = parseJsonl(text, 'feed.jsonl').articles.map((x) => x.id);
    assert.deepEqual(a, ['feed.jsonl:1', 'feed.jsonl:2']);
    assert.deepEqual(a, b);
  });

  it('keeps url, title and outlet; ignores a wrong type with a warning', () => {
    const rec = { id: 1, text: AR, url: ' https://example.org/a ', title: 'عنوان', outlet: 7 };
    const res = parseJsonl(JSON.stringify(rec), 'f.jsonl');
    assert.deepEqual(res.articles[0], {
      id: '1',
      published: null,
      text: AR,
      url: 'https://example.org/a',
      title: 'عنوان',
      outlet: null,
    } satisfies Article);
    assert.match(res.problems[0].message, /field "outlet" ignored/);
  });

  it('rejects non-object lines', () => {
    const res = parseJsonl('"نص"\n[1, 2]\nnull\n42', 'f.jsonl');
    assert.equal(res.articles.length, 0);
    assert.deepEqual(
      res.problems.map((p) => [p.line, p.message.split(';')[0]]),
      [
        [1, 'expected a JSON object, got string'],
        [2, 'expected a JSON object, got array'],
        [3, 'expected a JSON object, got null'],
        [4, 'expected a JSON object, got number'],
      ],
    );
  });

  it('renames a duplicate id and warns', () => {
    const text = [
      { id: 'a', text: AR },
      { id: 'a', text: AR2 },
      { id: 'a', text: AR },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const res = parseJsonl(text, 'f.jsonl');
    assert.deepEqual(
      res.articles.map((a) => a.id),
      ['a', 'a#2', 'a#3'],
    );
    assert.equal(only(res.problems, 'warning').length, 2);
    assert.match(res.problems[0].message, /duplicate id "a" \(first seen in f\.jsonl:1\); renamed to "a#2"/);
  });

  it('notes text without Arabic letters but keeps the article', () => {
    const res = parseJsonl(
      JSON.stringify({ id: 'en', text: 'Shelling hit the market on Sunday. ١٢٣' }),
      'f.jsonl',
    );
    assert.equal(res.articles.length, 1);
    assert.equal(res.problems.length, 1);
    assert.equal(res.problems[0].severity, 'note');
    assert.match(res.problems[0].message, /no Arabic text/);
  });

  it('reads a pretty-printed JSON array saved as .jsonl', () => {
    const text = JSON.stringify([{ id: 'p1', text: AR }], null, 2);
    const res = parseJsonl(text, 'f.jsonl');
    assert.deepEqual(
      res.articles.map((a) => a.id),
      ['p1'],
    );
    assert.deepEqual(
      res.problems.map((p) => p.severity),
      ['note'],
    );
  });

  it('truncates an over-long text with a warning', () => {
    const long = 'ب'.repeat(MAX_ARTICLE_CHARS + 10);
    const res = parseJsonl(JSON.stringify({ id: 'big', text: long }), 'f.jsonl');
    assert.equal(res.articles[0].text.length, MAX_ARTICLE_CHARS);
    assert.match(res.problems[0].message, /truncated/);
  });
});

describe('parseJsonFile', () => {
  it('reads an array and points at the bad item', () => {
    const text = JSON.stringify([{ id: 1, text: AR }, { id: 2 }, { text: AR2 }], null, 2);
    const res = parseJsonFile(text, 'dir/list.json');
    assert.deepEqual(
      res.articles.map((a) => a.id),
      ['1', 'list.json[3]'],
    );
    assert.equal(res.problems.length, 1);
    assert.equal(res.problems[0].item, 2);
    assert.match(res.problems[0].message, /missing text/);
  });

  it('reads {articles: [...]} and a single object', () => {
    assert.equal(
      parseJsonFile(JSON.stringify({ articles: [{ text: AR }, { text: AR2 }] }), 'w.json').articles.length,
      2,
    );
    const one = parseJsonFile(JSON.stringify({ id: 'solo', text: AR }), 'one.json');
    assert.deepEqual(
      one.articles.map((a) => a.id),
      ['solo'],
    );
  });

  it('reads JSON Lines saved as .json', () => {
    const text = `${JSON.stringify({ id: 'l1', text: AR })}\n{broken\n${JSON.stringify({ id: 'l3', text: AR2 })}`;
    const res = parseJsonFile(text, 'lines.json');
    assert.deepEqual(
      res.articles.map((a) => a.id),
      ['l1', 'l3'],
    );
    assert.equal(res.problems[0].line, 2);
  });

  it('reports a broken array with its line', () => {
    const res = parseJsonFile('[\n  {"text": "قصف"},\n  {"text": }\n]', 'bad.json');
    assert.equal(res.articles.length, 0);
    assert.equal(res.problems.length, 1);
    assert.equal(res.problems[0].line, 3);
    assert.match(res.problems[0].message, /^invalid JSON: .*file skipped/);
  });

  it('rejects something that is not JSON at all', () => {
    const res = parseJsonFile(AR, 'x.json');
    assert.match(res.problems[0].message, /not JSON/);
  });
});

const PAGE = `<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta charset="utf-8">
<title>عنوان الصفحة | موقع الأخبار</title>
<meta property="og:title" content="مقتل ثلاثة في قصف على ريف المدينة">
<meta property="og:url" content="https://news.example/2022/03/04/shelling">
<meta property="article:published_time" content="2022-03-04T09:15:00+02:00">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-03-01T00:00:00Z"}</script>
<style>.x { color: red }</style>
<script>window.tracking = "غارة وهمية في السكربت";</script>
</head><body>
<header class="site"><a href="/">الرئيسية</a> <span>شريط الأخبار العاجلة</span></header>
<nav><ul><li><a href="/sy">سوريا</a></li><li><a href="/iq">العراق</a></li></ul></nav>
<div class="page has-sidebar">
  <h1>مقتل ثلاثة في قصف على ريف المدينة</h1>
  <p>قال مصدر محلي إن &quot;ثلاثة مدنيين&quot; قتلوا &amp; أصيب آخرون<br>في قصف مدفعي استهدف القرية فجر اليوم.</p>
  <p>وأضاف المصدر أن القصف &#1575;ستمر ساعة كاملة.</p>
  <div class="share-buttons"><a>شارك على فيسبوك</a> <a>تويتر</a></div>
  <p>اقرأ أيضا: <a href="/x">هجوم بطائرة مسيرة على قاعدة عسكرية</a></p>
  <h2>ردود الفعل</h2>
  <p>ودانت منظمات حقوقية الهجوم.</p>
  <aside class="box"><h3>مقالات مشابهة</h3><ul><li><a>انفجار سيارة مفخخة في السوق</a></li><li><a>اشتباكات عنيفة قرب الحدود</a></li></ul></aside>
  <div id="cookieBanner">نستخدم ملفات تعريف الارتباط لتحسين تجربتك. <button>موافق</button></div>
  <div class="newsletter-signup"><form><input placeholder="بريدك"></form>اشترك في النشرة البريدية</div>
  <div class="ad-slot">إعلان: خصومات كبيرة</div>
  <div class="comments"><p>تعليق: هذا خبر كاذب عن غارة جوية</p></div>
</div>
<footer>جميع الحقوق محفوظة ٢٠٢٢</footer>
</body></html>`;

describe('htmlToText', () => {
  const page = htmlToText(PAGE);

  const keeps = [
    'مقتل ثلاثة في قصف على ريف المدينة',
    'قال مصدر محلي إن "ثلاثة مدنيين" قتلوا & أصيب آخرون\nفي قصف مدفعي استهدف القرية فجر اليوم.',
    'القصف استمر ساعة كاملة',
    'ردود الفعل',
    'ودانت منظمات حقوقية الهجوم.',
  ];
  for (const k of keeps) it(`keeps: ${k.slice(0, 30)}`, () => assert.ok(page.text.includes(k), page.text));

  const drops: [string, string][] = [
    ['script', 'غارة وهمية'],
    ['style', 'color'],
    ['page header', 'شريط الأخبار'],
    ['nav', 'العراق'],
    ['share box', 'فيسبوك'],
    ['inline read-also link', 'طائرة مسيرة'],
    ['related box in aside', 'مقالات مشابهة'],
    ['related links', 'سيارة مفخخة'],
    ['cookie banner', 'الارتباط'],
    ['newsletter', 'النشرة البريدية'],
    ['ad', 'خصومات'],
    ['comments', 'خبر كاذب'],
    ['footer', 'الحقوق'],
  ];
  for (const [what, needle] of drops) {
    it(`drops ${what}`, () => assert.ok(!page.text.includes(needle), page.text));
  }

  it('keeps paragraph and heading breaks', () => {
    assert.ok(page.text.includes('ساعة كاملة.\n\nردود الفعل\n\nودانت'), page.text);
  });

  it('reads title, published date and url from metadata', () => {
    assert.equal(page.title, 'مقتل ثلاثة في قصف على ريف المدينة');
    assert.equal(page.published, '2022-03-04');
    assert.equal(page.url, 'https://news.example/2022/03/04/shelling');
  });

  const dates: [string, string, string | null][] = [
    [
      'article:published_time',
      '<meta property="article:published_time" content="2021-07-01T10:00:00Z">',
      '2021-07-01',
    ],
    ['og:published_time', '<meta property="og:published_time" content="2021-07-02">', '2021-07-02'],
    ['itemprop meta', '<meta itemprop="datePublished" content="2021-07-03T08:00">', '2021-07-03'],
    [
      'itemprop time',
      '<time itemprop="datePublished" datetime="2021-07-04T08:00">٤ يوليو</time>',
      '2021-07-04',
    ],
    [
      'JSON-LD',
      '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2021-07-05T12:00:00+03:00"}</script>',
      '2021-07-05',
    ],
    [
      'JSON-LD @graph',
      '<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"Article","datePublished":"2021-07-06"}]}</script>',
      '2021-07-06',
    ],
    [
      'sloppy JSON-LD',
      '<script type="application/ld+json">{"@type":"Article", "datePublished": "2021-07-07T00:00:00Z",}</script>',
      '2021-07-07',
    ],
    ['<time datetime>', '<p>نشر في <time datetime="2021-07-08">الخميس</time></p>', '2021-07-08'],
    [
      'invalid meta falls through to JSON-LD',
      '<meta property="article:published_time" content="منذ ساعتين"><script type="application/ld+json">{"datePublished":"2021-07-09"}</script>',
      '2021-07-09',
    ],
    ['RFC 2822 meta', '<meta name="pubdate" content="Sat, 10 Jul 2021 10:00:00 GMT">', '2021-07-10'],
    ['none', '<p>لا تاريخ هنا</p>', null],
  ];
  for (const [name, html, want] of dates) {
    it(`published from ${name}`, () =>
      assert.equal(htmlToText(`<html><head>${html}</head><body><p>${AR}</p></body></html>`).published, want));
  }

  it('title falls back to <title>; url to rel=canonical', () => {
    const out = htmlToText(
      `<head><title> خبر   عاجل </title><link rel="canonical" href="https://news.example/a"></head><p>${AR}</p>`,
    );
    assert.equal(out.title, 'خبر عاجل');
    assert.equal(out.url, 'https://news.example/a');
  });

  it('keeps only the marked article when it holds most of the prose', () => {
    const html = `<body><div class="top"><h3>الأكثر قراءة</h3><ul><li><a>غارة على المطار</a></li><li><a>قصف الميناء</a></li></ul></div>
      <h1>العنوان الرئيسي للخبر</h1>
      <div itemprop="articleBody"><p>${AR}.</p><p>${AR2}.</p></div>
      <div><p>رابط قصير</p></div></body>`;
    const out = htmlToText(html);
    assert.equal(out.text, `العنوان الرئيسي للخبر\n\n${AR}.\n\n${AR2}.`);
  });

  it('drops an unlabelled "most read" list by its heading', () => {
    const html = `<body><p>${AR}.</p><div><h3>الأكثر قراءة</h3><ul><li><a>غارة على المطار</a></li></ul></div><p>${AR2}.</p></body>`;
    const out = htmlToText(html);
    assert.equal(out.text, `${AR}.\n\n${AR2}.`);
  });

  it('keeps an ASP.NET page-wide <form> and its article', () => {
    const html = `<body><form id="aspnetForm"><div class="main"><p>${AR}.</p><p>${AR2}.</p></div></form></body>`;
    assert.equal(htmlToText(html).text, `${AR}.\n\n${AR2}.`);
  });

  it('keeps the headline in an article header', () => {
    const html = `<body><article><header><h1>قصف على القرية</h1></header><p>${AR}.</p></article></body>`;
    assert.ok(htmlToText(html).text.startsWith('قصف على القرية\n\n'));
  });

  const broken = [
    '',
    '<div><p>نص <b>غير مغلق',
    '<<<>>>&&&<p',
    '</div></div></body><p>قصف</p>',
    '<script>unterminated',
    '<html><body>\u0000\u0001</body>',
    '<!-- comment only',
  ];
  for (const html of broken) {
    it(`does not throw on ${JSON.stringify(html)}`, () => {
      const out = htmlToText(html);
      assert.equal(typeof out.text, 'string');
    });
  }

  it('reads broken markup text', () => {
    assert.equal(htmlToText('<div><p>نص <b>غير مغلق').text, 'نص غير مغلق');
  });
});

describe('articleFromText', () => {
  it('builds an article', () => {
    assert.deepEqual(
      articleFromText(AR, { id: 'a', published: '2021-12-19T10:00', url: 'https://x.example' }),
      {
        id: 'a',
        published: '2021-12-19',
        text: AR,
        url: 'https://x.example',
        title: null,
        outlet: null,
      },
    );
  });

  it('truncates at MAX_ARTICLE_CHARS, at a word boundary', () => {
    const word = 'قصف ';
    const text = word.repeat(Math.ceil(MAX_ARTICLE_CHARS / word.length) + 5);
    const a = articleFromText(text, { id: 'big', published: null });
    assert.ok(a.text.length <= MAX_ARTICLE_CHARS);
    assert.ok(a.text.length > MAX_ARTICLE_CHARS - 10);
    assert.ok(a.text.endsWith('قصف'));
  });

  it('never splits a surrogate pair', () => {
    const text = `${'ا'.repeat(MAX_ARTICLE_CHARS - 1)}😀`;
    const a = articleFromText(text, { id: 'e', published: null });
    assert.equal(a.text.length, MAX_ARTICLE_CHARS - 1);
  });
});

describe('readInputs', () => {
  let dir: string;
  const path = (...p: string[]) => join(dir, ...p);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rasd-io-'));
    await mkdir(path('corpus', 'nested', 'deeper'), { recursive: true });
    await writeFile(
      path('corpus', 'b.jsonl'),
      [
        JSON.stringify({ id: 'j1', text: AR, published: '2021-12-19' }),
        '{not json',
        JSON.stringify({ id: 'j2', text: AR2, published: 'yesterday' }),
      ].join('\n'),
    );
    await writeFile(path('corpus', 'a.txt'), iconv.encode(AR2, 'windows-1256'));
    await writeFile(
      path('corpus', 'nested', 'page.html'),
      `<html><head><meta property="article:published_time" content="2022-01-02"></head><body><p>${AR}</p></body></html>`,
    );
    await writeFile(path('corpus', 'nested', 'deeper', 'undated.htm'), `<p>${AR2}</p>`);
    await writeFile(path('corpus', 'nested', 'list.json'), JSON.stringify([{ id: 'k1', text: AR }]));
    await writeFile(path('corpus', 'notes.pdf'), '%PDF-1.4 ...');
    await writeFile(path('corpus', 'README'), 'not an input');
    await writeFile(path('corpus', '.hidden.txt'), AR);
    await mkdir(path('empty-folder'));
    await writeFile(path('report.docx'), 'PK');
    await writeFile(
      path('archive.html'),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]),
    );
    await writeFile(path('nul.txt'), cat(Buffer.from(AR, 'utf8'), [0, 0, 0, 1, 2, 3]));
    await writeFile(path('empty.jsonl'), '');
    await writeFile(path('blank.txt'), ' \n\t\n');
    await writeFile(path('big.jsonl'), JSON.stringify({ id: 'big', text: AR.repeat(10) }));
    await writeFile(path('english.txt'), 'Nothing in Arabic here.');
    await writeFile(path('dup1.jsonl'), JSON.stringify({ id: 'same', text: AR }));
    await writeFile(path('dup2.jsonl'), JSON.stringify({ id: 'same', text: AR2 }));
    await writeFile(path('utf16.txt'), cat([0xff, 0xfe], iconv.encode(AR, 'utf-16le')));
    await writeFile(path('long.txt'), 'خبر '.repeat(MAX_ARTICLE_CHARS / 4 + 100));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('walks a folder recursively in sorted order, reading every supported type', async () => {
    const res = await readInputs([path('corpus')], { published: '2023-05-06' });
    assert.deepEqual(
      res.articles.map((a) => [a.id, a.published]),
      [
        ['a', '2023-05-06'], // .txt gets opts.published
        ['j1', '2021-12-19'],
        ['j2', null],
        ['undated', '2023-05-06'], // nested/deeper/ sorts before nested/list.json; no metadata: opts.published
        ['k1', null],
        ['page', '2022-01-02'], // metadata wins over opts.published
      ],
    );
    assert.equal(res.articles[0].text, AR2, 'windows-1256 .txt decoded');
    // Only the broken line and the bad date; .pdf, README and .hidden.txt are skipped silently.
    assert.deepEqual(
      res.problems.map((p) => [p.source.slice(dir.length + 1), p.line, p.severity]),
      [
        ['corpus/b.jsonl', 2, 'error'],
        ['corpus/b.jsonl', 3, 'warning'],
      ],
    );
  });

  const single: {
    name: string;
    file: string;
    opts?: { maxBytes?: number };
    severity: string;
    message: RegExp;
  }[] = [
    { name: 'missing path', file: 'nope.jsonl', severity: 'error', message: /^no such file$/ },
    {
      name: 'unsupported type',
      file: 'report.docx',
      severity: 'error',
      message: /^skipped: unsupported file type/,
    },
    {
      name: 'zip renamed .html',
      file: 'archive.html',
      severity: 'error',
      message: /^not a text file \(zip archive\)/,
    },
    {
      name: 'NUL bytes',
      file: 'nul.txt',
      severity: 'error',
      message: /^not a text file \(contains NUL bytes\)/,
    },
    { name: 'empty file', file: 'empty.jsonl', severity: 'warning', message: /^empty file$/ },
    { name: 'whitespace-only file', file: 'blank.txt', severity: 'warning', message: /^empty file$/ },
    {
      name: 'a JSON Lines record over maxBytes',
      file: 'big.jsonl',
      opts: { maxBytes: 100 },
      severity: 'error',
      message: /^record too large: \d+ bytes exceeds the limit of 100 bytes; line skipped$/,
    },
    { name: 'empty folder', file: 'empty-folder', severity: 'warning', message: /no .*files in folder/ },
  ];
  for (const c of single) {
    it(`reports ${c.name}`, async () => {
      const res = await readInputs([path(c.file)], c.opts ?? {});
      assert.equal(res.articles.length, 0);
      assert.equal(res.problems.length, 1, JSON.stringify(res.problems));
      assert.equal(res.problems[0].source, path(c.file));
      assert.equal(res.problems[0].severity, c.severity);
      assert.match(res.problems[0].message, c.message);
    });
  }

  it('the size limit is not hit by default', async () => {
    const res = await readInputs([path('big.jsonl')], {});
    assert.equal(res.articles.length, 1);
    assert.deepEqual(res.problems, []);
  });

  it('one bad path does not stop the others', async () => {
    const res = await readInputs([path('nope.txt'), path('archive.html'), path('dup1.jsonl')], {});
    assert.deepEqual(
      res.articles.map((a) => a.id),
      ['same'],
    );
    assert.equal(res.problems.length, 2);
  });

  it('keeps a text without Arabic, with a note', async () => {
    const res = await readInputs([path('english.txt')], {});
    assert.equal(res.articles.length, 1);
    assert.equal(res.articles[0].text, 'Nothing in Arabic here.');
    assert.deepEqual(
      res.problems.map((p) => p.severity),
      ['note'],
    );
    assert.match(res.problems[0].message, /no Arabic text/);
  });

  it('renames duplicate ids across files', async () => {
    const res = await readInputs([path('dup1.jsonl'), path('dup2.jsonl')], {});
    assert.deepEqual(
      res.articles.map((a) => [a.id, a.text]),
      [
        ['same', AR],
        ['same#2', AR2],
      ],
    );
    assert.equal(res.problems.length, 1);
    assert.equal(res.problems[0].severity, 'warning');
    assert.equal(res.problems[0].source, path('dup2.jsonl'));
    assert.match(res.problems[0].message, /duplicate id "same".*renamed to "same#2"/);
  });

  it('does not read the same file twice', async () => {
    const res = await readInputs([path('dup1.jsonl'), path('dup1.jsonl')], {});
    assert.equal(res.articles.length, 1);
    assert.deepEqual(
      res.problems.map((p) => p.severity),
      ['note'],
    );
  });

  it('reads UTF-16 text files', async () => {
    const res = await readInputs([path('utf16.txt')], {});
    assert.equal(res.articles[0].text, AR);
  });

  it('truncates a huge article and says so', async () => {
    const res = await readInputs([path('long.txt')], {});
    assert.equal(res.articles.length, 1);
    assert.ok(res.articles[0].text.length <= MAX_ARTICLE_CHARS);
    assert.equal(res.problems.length, 1);
    assert.equal(res.problems[0].severity, 'warning');
    assert.match(res.problems[0].message, /truncated to/);
  });

  it('reports an invalid published option and treats it as unknown', async () => {
    const res = await readInputs([path('corpus', 'a.txt')], { published: 'أمس' });
    assert.equal(res.articles[0].published, null);
    assert.equal(res.problems[0].source, 'options');
  });

  it("reads JSON Lines from '-' (stdin)", async () => {
    const lines = `${JSON.stringify({ text: AR })}\n{bad}\n${JSON.stringify({ id: 9, text: AR2 })}\n`;
    const res = await readInputs(['-'], { stdin: Readable.from([Buffer.from(lines, 'utf8')]) });
    assert.deepEqual(
      res.articles.map((a) => a.id),
      ['stdin:1', '9'],
    );
    assert.deepEqual(
      res.problems.map((p) => [p.source, p.line]),
      [['stdin', 2]],
    );
  });

  it('limits a record of stdin to maxBytes', async () => {
    const res = await readInputs(['-'], {
      maxBytes: 10,
      stdin: Readable.from([Buffer.from(JSON.stringify({ text: AR }), 'utf8')]),
    });
    assert.equal(res.articles.length, 0);
    assert.match(
      res.problems[0].message,
      /^record too large: \d+ bytes exceeds the limit of 10 bytes; line skipped$/,
    );
  });

  describe('JSON Lines as a stream', () => {
    // over HEAD_BYTES (4 MiB): read record by record
    const record = (i: number) =>
      `${JSON.stringify({ id: `s${i}`, published: '2024-03-01', text: `${AR} ${i}` })}\n`;
    const many = 40_000;
    const big = () => Buffer.from(Array.from({ length: many }, (_, i) => record(i)).join(''), 'utf8');

    it('reads a large file, .jsonl and .jsonl.gz, in batches, in order, with the same records as whole', async () => {
      const { gzipSync } = await import('node:zlib');
      const buf = big();
      assert.ok(buf.length > 4 * 1024 * 1024, `over the head size (${buf.length})`);
      await writeFile(path('stream.jsonl'), buf);
      await writeFile(path('stream.jsonl.gz'), gzipSync(buf));
      for (const f of ['stream.jsonl', 'stream.jsonl.gz']) {
        const batches: number[] = [];
        const ids: string[] = [];
        const problems: unknown[] = [];
        await readInputsEach([path(f)], { onProblem: (p) => problems.push(p) }, (as) => {
          batches.push(as.length);
          for (const a of as) ids.push(a.id);
        });
        assert.deepEqual(problems, []);
        assert.equal(ids.length, many);
        assert.deepEqual(ids.slice(0, 3), ['s0', 's1', 's2']);
        assert.equal(ids[many - 1], `s${many - 1}`);
        assert.ok(batches.length > 100, `handed on as read (${batches.length} batches)`);
      }
      // the same articles as reading whole (a small file of the same records)
      const res = await readInputs([path('stream.jsonl')]);
      assert.equal(res.articles.length, many);
      assert.deepEqual(res.articles[5], {
        ...res.articles[5],
        id: 's5',
        text: `${AR} 5`,
        published: '2024-03-01',
      });
    });

    it('a long record is skipped with its line number, a broken line reported, the rest read', async () => {
      const lines = [
        record(-1),
        `{"id": "broken"\n`,
        `${JSON.stringify({ id: 'long', text: 'ا'.repeat(3000) })}\n`,
      ];
      const buf = Buffer.concat([Buffer.from(lines.join(''), 'utf8'), big()]);
      await writeFile(path('stream2.jsonl'), buf);
      const problems: { line?: number; message: string }[] = [];
      let n = 0;
      await readInputsEach(
        [path('stream2.jsonl')],
        { maxBytes: 5000, onProblem: (p) => problems.push(p) },
        (as) => {
          n += as.length;
        },
      );
      assert.equal(n, many + 1);
      assert.deepEqual(
        problems.map((p) => [p.line, p.message.replace(/:.*/, '')]),
        [
          [2, 'invalid JSON'],
          [3, 'record too large'],
        ],
      );
    });

    it('a large file of NUL bytes is refused from its first bytes', async () => {
      await writeFile(path('nul-big.jsonl'), Buffer.alloc(6 * 1024 * 1024));
      const res = await readInputs([path('nul-big.jsonl')]);
      assert.equal(res.articles.length, 0);
      assert.deepEqual(
        res.problems.map((p) => p.message),
        ['not a text file (contains NUL bytes); skipped'],
      );
    });
  });
});
