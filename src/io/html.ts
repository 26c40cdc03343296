import { type CheerioAPI, load } from 'cheerio';
import { parsePublishedDate } from './records.js';

export interface HtmlContent {
  text: string;
  title: string | null;
  /** 'YYYY-MM-DD' from the page metadata, or null. */
  published: string | null;
  url: string | null;
}

/** The parts of a domhandler node we use (cheerio does not re-export domhandler's types). */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  parent?: DomNode | null;
}

/** Elements that are never article text. */
const DROP_TAGS =
  'script, style, noscript, template, iframe, object, embed, svg, canvas, button, select, textarea, input, ' +
  'nav, aside, footer, dialog, [hidden], [role="navigation"], [role="complementary"], [role="contentinfo"], ' +
  '[role="dialog"], [role="alertdialog"]';

/** Page-level headers (an <article>'s own header holds the headline and is kept). */
const DROP_HEADERS = 'header, [role="banner"]';

/** Class/id words that mark share bars, related-article boxes, comments, cookie banners, newsletters, ads. */
const BOILERPLATE_WORDS = new Set([
  'share',
  'shares',
  'sharing',
  'sharer',
  'sharethis',
  'addthis',
  'social',
  'socials',
  'related',
  'comment',
  'comments',
  'disqus',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'newsletter',
  'newsletters',
  'subscribe',
  'subscription',
  'ad',
  'ads',
  'adv',
  'advert',
  'adverts',
  'advertisement',
  'advertising',
  'adsense',
  'adsbygoogle',
  'adslot',
  'adunit',
  'dfp',
  'sponsor',
  'sponsored',
  'promo',
  'promoted',
  'outbrain',
  'taboola',
  'popup',
  'breadcrumb',
  'breadcrumbs',
  'sidebar',
  'recommended',
  'recommendations',
  'trending',
]);

const BOILERPLATE_PHRASES = /most-?(read|viewed|popular)|read-?also|you-?may-?(also-?)?like|related/i;

/** Headings of "read also" / "related articles" / "most read" boxes. */
const RELATED_HEADING =
  /^\s*(?:[اإأ]قر[أا]\s+[أا]يض[اً]+|(?:قد|ربما)\s+(?:يعجبك|يهمك|تهمك)(?:\s+(?:[أا]يض[اً]+|[أا]يضاً))?|(?:مقالات|أخبار|اخبار|مواضيع)\s+(?:مقترحة|قد\s+تهمك|قد\s+تعجبك)|ذات\s+صلة|(?:مقالات|أخبار|اخبار|مواضيع|قصص|تقارير)\s+(?:ذات\s+صلة|مشابهة|مشابه|متعلقة|مرتبطة|أخرى|ذات\s+علاقة)|الأكثر\s+(?:قراءة|مشاهدة|تداولا|تداولاً)|(?:شارك|مشاركة)\s*(?:المقال|الخبر)?|مواضيع\s+قد\s+تهمك|قد\s+يهمك(?:\s+أيضا)?)\s*[:：]?\s*$/;

/** Cookie / consent notices (Arabic and English). */
const COOKIE_TEXT = /ملفات\s+(?:تعريف\s+)?(?:ال)?ارتباط|(?:ال)?كوكيز|ملفات\s+(?:ال)?كوكي|\bcookies?\b/i;
const CONSENT_WORDS =
  /موافق|أوافق|اوافق|قبول|أقبل|اقبل|سياسة\s+(?:ال)?خصوصية|سياسه\s+(?:ال)?خصوصيه|تستخدم|نستخدم|\baccept|\bprivacy|\bconsent|\bwe use\b/i;

/** A line made only of share buttons ("شارك: فيسبوك تويتر واتساب"). */
const SHARE_LINE =
  /^(?:(?:شارك(?:وا)?|مشاركة|شارك\s+(?:المقال|الخبر)|انشر|فيسبوك|فيس\s*بوك|تويتر|إكس|واتساب|واتس\s*اب|واتساپ|تلغرام|تيليجرام|تليجرام|تلجرام|لينكد\s*إن|لينكدإن|انستغرام|إنستغرام|انستجرام|بريد\s*إلكتروني|البريد\s+الإلكتروني|طباعة|نسخ\s+الرابط|share|facebook|twitter|whatsapp|telegram|linkedin|messenger|reddit|email|e-mail|print|copy\s+link|x)\s*[:：|،,·•/-]*\s*)+$/i;

/** Is this short text a cookie notice or a bar of share buttons? */
export function isBoilerplateLine(text: string): boolean {
  const t = text.trim();
  if (!t) return false;
  if (t.length <= 120 && SHARE_LINE.test(t)) return true;
  return t.length <= 400 && COOKIE_TEXT.test(t) && CONSENT_WORDS.test(t);
}

/** An inline "read also:" line that links to another article. */
const READ_ALSO_LINE = /^\s*(?:[اإأ]قر[أا]\s+[أا]يض[اً]+|(?:طالع|شاهد)\s+[أا]يض[اً]+)\s*[:：-]/;

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'details',
  'dialog',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'ul',
]);
const LINE_TAGS = new Set(['li', 'tr', 'dt', 'dd', 'option']);
const CELL_TAGS = new Set(['td', 'th']);

function words(attr: string): string[] {
  return attr
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function looksLikeBoilerplate(el: DomNode): boolean {
  const attrs = `${el.attribs?.class ?? ''} ${el.attribs?.id ?? ''}`;
  if (!attrs.trim()) return false;
  return words(attrs).some((w) => BOILERPLATE_WORDS.has(w)) || BOILERPLATE_PHRASES.test(attrs);
}

/** Still in the document (removed subtrees end in a detached element instead of the root). */
function attached(el: DomNode): boolean {
  let n: DomNode = el;
  while (n.parent) n = n.parent;
  return n.type === 'root';
}

/** Collapsed text of a subtree, or null as soon as it is longer than `cap` (keeps the scan linear). */
function shortText(el: DomNode, cap: number): string | null {
  const parts: string[] = [];
  let len = 0;
  const walk = (n: DomNode): boolean => {
    if (n.type === 'text') {
      parts.push(n.data ?? '');
      len += (n.data ?? '').length;
      return len <= cap * 4; // raw text may shrink when whitespace collapses
    }
    if (n.type !== 'tag') return true;
    for (const c of n.children ?? []) if (!walk(c)) return false;
    return true;
  };
  if (!walk(el)) return null;
  const text = collapse(parts.join(''));
  return text.length <= cap ? text : null;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function firstAttr($: CheerioAPI, selector: string, attr: string): string | null {
  for (const el of $(selector).toArray()) {
    const v = $(el).attr(attr);
    if (v?.trim()) return v.trim();
  }
  return null;
}

const MONTHS: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

/** ISO dates, and the RFC-2822 style 'Sun, 19 Dec 2021 10:00:00 GMT' some sites put in metadata. */
export function parseLooseDate(value: string | null | undefined): string | null {
  return metaDate(value);
}

function metaDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const iso = parsePublishedDate(value.trim());
  if (iso.date) return iso.date;
  const m = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})\b/.exec(value.trim());
  const month = m ? MONTHS[m[2].toLowerCase()] : undefined;
  if (!m || !month) return null;
  return parsePublishedDate(`${m[3]}-${month}-${m[1].padStart(2, '0')}`).date;
}

/** First datePublished anywhere in a JSON-LD value (objects, arrays, @graph). */
function findDatePublished(v: unknown, depth = 0): string | null {
  if (depth > 8 || v === null || typeof v !== 'object') return null;
  if (Array.isArray(v)) {
    for (const x of v) {
      const d = findDatePublished(x, depth + 1);
      if (d) return d;
    }
    return null;
  }
  const o = v as Record<string, unknown>;
  if (typeof o.datePublished === 'string') {
    const d = metaDate(o.datePublished);
    if (d) return d;
  }
  for (const x of Object.values(o)) {
    const d = findDatePublished(x, depth + 1);
    if (d) return d;
  }
  return null;
}

function jsonLdDate($: CheerioAPI): string | null {
  for (const el of $('script[type="application/ld+json" i]').toArray()) {
    const raw = $(el).text();
    try {
      const d = findDatePublished(JSON.parse(raw));
      if (d) return d;
    } catch {
      // Sloppy JSON-LD (trailing commas, raw newlines in strings) is common; look for the key directly.
      const m = /"datePublished"\s*:\s*"([^"]+)"/.exec(raw);
      const d = metaDate(m?.[1]);
      if (d) return d;
    }
  }
  return null;
}

function publishedDate($: CheerioAPI): string | null {
  const candidates: (() => string | null)[] = [
    () =>
      firstAttr(
        $,
        'meta[property="article:published_time" i], meta[name="article:published_time" i]',
        'content',
      ),
    () => firstAttr($, 'meta[property="og:published_time" i], meta[name="og:published_time" i]', 'content'),
    () => firstAttr($, 'meta[itemprop="datePublished"]', 'content'),
    () => firstAttr($, '[itemprop="datePublished"][datetime]', 'datetime'),
    () => firstAttr($, '[itemprop="datePublished"][content]', 'content'),
    () => {
      const t = $('[itemprop="datePublished"]').first().text();
      return t.trim() || null;
    },
    () => jsonLdDate($),
    () =>
      firstAttr(
        $,
        'meta[name="pubdate" i], meta[name="publishdate" i], meta[name="publish-date" i], ' +
          'meta[name="parsely-pub-date" i], meta[name="sailthru.date" i], meta[name="dc.date.issued" i], ' +
          'meta[name="dcterms.issued" i], meta[name="date" i], meta[name="dc.date" i]',
        'content',
      ),
    () => firstAttr($, 'time[pubdate][datetime]', 'datetime'),
    () => firstAttr($, 'article time[datetime]', 'datetime'),
    () => firstAttr($, 'time[datetime]', 'datetime'),
  ];
  for (const c of candidates) {
    const d = metaDate(c());
    if (d) return d;
  }
  return null;
}

/** Length of the text inside <p> elements under a node: where the article prose is. */
function paragraphChars($: CheerioAPI, el: DomNode): number {
  let n = 0;
  $(el as never)
    .find('p')
    .each((_, p) => {
      n += collapse($(p).text()).length;
    });
  return n;
}

function removeBoilerplate($: CheerioAPI): void {
  $(DROP_TAGS).remove();
  $(DROP_HEADERS)
    .filter((_, el) => $(el).closest('article, main, [role="main"], [itemprop="articleBody"]').length === 0)
    .remove();

  const body = $('body').get(0) as DomNode | undefined;
  const totalP = body ? paragraphChars($, body) : 0;
  // Weak signals (a <form>, a class/id word) must not take the article with them: ASP.NET pages wrap
  // everything in one <form>, and wrappers get classes like "has-sidebar" or "comments-open".
  const holdsArticle = (el: DomNode): boolean =>
    $(el as never).find('h1, main, [role="main"], [itemprop="articleBody"]').length > 0 ||
    (totalP > 0 && paragraphChars($, el) >= totalP * 0.5);

  $('form').each((_, el) => {
    if (!holdsArticle(el as DomNode)) $(el).remove();
  });
  const flagged = $('body *')
    .toArray()
    .filter((el) => looksLikeBoilerplate(el as DomNode));
  for (const el of flagged) {
    // Skip elements already removed with a flagged ancestor.
    if (!attached(el as DomNode)) continue;
    if (!holdsArticle(el as DomNode)) $(el).remove();
  }

  // "اقرأ أيضا" / "مقالات ذات صلة" boxes without telling classes: drop the heading and the link list it labels.
  const linkShare = (el: DomNode): number => {
    const all = collapse($(el as never).text()).length;
    if (all === 0) return 0;
    const links = collapse(
      $(el as never)
        .find('a')
        .toArray()
        .map((a) => $(a).text())
        .join(' '),
    ).length;
    return links / all;
  };
  $('h1, h2, h3, h4, h5, h6, p, div, span, strong, b, section, li')
    .toArray()
    .forEach((el) => {
      if (!attached(el as DomNode)) return;
      const own = shortText(el as DomNode, 400);
      if (own === null) return;
      if (isBoilerplateLine(own)) {
        $(el).remove(); // a cookie notice or a share bar without telling classes
        return;
      }
      if (own.length <= 300 && READ_ALSO_LINE.test(own) && linkShare(el as DomNode) >= 0.5) {
        $(el).remove(); // an inline "اقرأ أيضا: <a>…</a>" line inside the article
        return;
      }
      if (own.length > 40 || !RELATED_HEADING.test(own)) return;
      const parent = $(el).parent();
      const p = parent.get(0) as DomNode | undefined;
      const parentIsContainer =
        p &&
        !['body', 'main', 'article', 'html'].includes(p.name ?? '') &&
        !holdsArticle(p) &&
        linkShare(p) >= 0.5;
      if (parentIsContainer) {
        parent.remove();
        return;
      }
      const next = $(el).next();
      const n = next.get(0) as DomNode | undefined;
      if (n && ['ul', 'ol', 'div', 'section'].includes(n.name ?? '') && linkShare(n) >= 0.5) next.remove();
      $(el).remove();
    });
}

/** The article itself when the page marks it clearly; otherwise the whole body. */
function contentRoot($: CheerioAPI): { root: DomNode | null; headline: string | null } {
  const body = ($('body').get(0) as DomNode | undefined) ?? null;
  if (!body) return { root: null, headline: null };
  const totalP = paragraphChars($, body);
  const candidates = [
    $('[itemprop="articleBody"]'),
    $('article').filter((_, el) => $(el).parents('article').length === 0),
    $('main, [role="main"]'),
  ];
  for (const c of candidates) {
    if (c.length !== 1) continue;
    const el = c.get(0) as DomNode;
    const chars = collapse(c.text()).length;
    const pChars = paragraphChars($, el);
    const ok = totalP > 0 ? pChars >= totalP * 0.6 && chars >= 50 : chars >= 200;
    if (!ok) continue;
    const h1 = $('h1').first();
    const headline = h1.length && c.find(h1).length === 0 ? collapse(h1.text()) || null : null;
    return { root: el, headline };
  }
  return { root: body, headline: null };
}

/** Plain text of a subtree: block elements become paragraphs, <br> and list items become lines. */
function renderText(root: DomNode): string {
  const out: string[] = [];
  const walk = (node: DomNode, pre: boolean): void => {
    if (node.type === 'text') {
      const data = node.data ?? '';
      out.push(pre ? data : data.replace(/[ \t\n\r\f]+/g, ' '));
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return; // comments, scripts, styles, directives
    const name = node.name ?? '';
    if (name === 'br') {
      out.push('\n');
      return;
    }
    const sep = BLOCK_TAGS.has(name) ? '\n\n' : LINE_TAGS.has(name) ? '\n' : '';
    if (sep) out.push(sep);
    for (const child of node.children ?? []) walk(child, pre || name === 'pre');
    if (sep) out.push(sep);
    else if (CELL_TAGS.has(name)) out.push(' ');
  };
  walk(root, false);
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/^[ \t\f\r]+|[ \t\f\r]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function fallbackText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

export interface HtmlMetadata {
  /** og:title, else <title> */
  title: string | null;
  /** 'YYYY-MM-DD' from article:published_time, og:*, itemprop, JSON-LD datePublished, <time datetime> */
  published: string | null;
  /** og:url, else rel=canonical */
  url: string | null;
  /** og:site_name (or application-name) */
  siteName: string | null;
  /** <html lang> or content-language, lower case ('ar', 'en-us') */
  lang: string | null;
  /** the first <h1>, collapsed */
  headline: string | null;
}

/** Metadata of a page, read from its <head> and markup without changing it. */
export function metadataOf($: CheerioAPI): HtmlMetadata {
  const title =
    collapse(firstAttr($, 'meta[property="og:title" i]', 'content') ?? $('title').first().text()) || null;
  const url =
    firstAttr($, 'meta[property="og:url" i]', 'content') ?? firstAttr($, 'link[rel~="canonical" i]', 'href');
  const siteName =
    firstAttr($, 'meta[property="og:site_name" i], meta[name="og:site_name" i]', 'content') ??
    firstAttr($, 'meta[name="application-name" i]', 'content');
  const lang =
    ($('html').attr('lang') ?? firstAttr($, 'meta[http-equiv="content-language" i]', 'content'))
      ?.trim()
      .toLowerCase() || null;
  const headline = collapse($('h1').first().text()) || null;
  return {
    title,
    published: publishedDate($),
    url,
    siteName: siteName ? collapse(siteName) : null,
    lang,
    headline,
  };
}

/**
 * Article text and metadata from an HTML page. Drops scripts, navigation, page headers/footers, asides,
 * forms, and boxes whose class/id say share/related/comments/cookie/newsletter/ad; keeps paragraph and
 * heading breaks as newlines. When the page marks its article (itemprop=articleBody, a single <article>
 * or <main> holding most of the prose), only that part is kept (plus the <h1> headline).
 * Never throws: unparseable input falls back to crude tag stripping.
 */
export function htmlToText(html: string): HtmlContent {
  try {
    const $ = load(html);
    const title =
      collapse(firstAttr($, 'meta[property="og:title" i]', 'content') ?? $('title').first().text()) || null;
    const published = publishedDate($);
    const url =
      firstAttr($, 'meta[property="og:url" i]', 'content') ??
      firstAttr($, 'link[rel~="canonical" i]', 'href');
    removeBoilerplate($);
    const { root, headline } = contentRoot($);
    let text = root ? renderText(root) : '';
    if (headline && !text.startsWith(headline)) text = `${headline}\n\n${text}`.trim();
    return { text, title, published, url };
  } catch {
    return { text: fallbackText(html), title: null, published: null, url: null };
  }
}
