/**
 * A news page → its article: main text by Mozilla Readability over a linkedom DOM, cleaned of
 * the boilerplate Readability keeps ("مقالات مشابهة" lists, "اقرأ أيضا" lines, cookie notices,
 * share bars) by the cheerio pass of html.ts; the whole-page cheerio extraction when
 * Readability finds nothing. Metadata from the page: title (og:title, <title>), publication
 * date (article:published_time, og:*, itemprop, JSON-LD datePublished, <time datetime>), URL
 * (og:url, rel=canonical, else the address it was fetched from) and outlet (og:site_name, else
 * the host).
 *
 * Pathological markup never throws and never recurses deeply: a page nested deeper than
 * MAX_NESTING levels is read as flat text (Readability and the cheerio renderer walk the tree
 * recursively), with a warning.
 */
import { Readability } from '@mozilla/readability';
import { load } from 'cheerio';
import { parseHTML } from 'linkedom';
import { type HtmlContent, type HtmlMetadata, htmlToText, metadataOf, parseLooseDate } from './html.js';
import { webUrl } from './records.js';

export interface PageContent extends HtmlContent {
  outlet: string | null;
  /** declared language (<html lang>), lower case */
  lang: string | null;
  /** which extraction produced `text` */
  method: 'readability' | 'cheerio' | 'flat';
  /** things worth telling the user (deep nesting, …) */
  warnings: string[];
}

/** Deeper than this, the page is read as flat text. */
export const MAX_NESTING = 400;

/** Readability below this many characters counts as "found nothing". */
const MIN_READABLE_CHARS = 80;

/** Elements that never nest (void) or whose end tag is optional (often left out): not counted. */
const UNCOUNTED = new Set(
  (
    'area base br col embed hr img input link meta param source track wbr ' +
    'p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rp html head body'
  ).split(' '),
);

/** Maximum element nesting, by a linear scan of the tags (no parse). */
export function nestingDepth(html: string): number {
  const re =
    /<(\/?)([a-zA-Z][\w:-]*)\b[^>]*?(\/?)>|<!--[\s\S]*?-->|<(script|style)\b[^>]*>[\s\S]*?<\/\4\s*>/g;
  let depth = 0;
  let max = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const name = m[2]?.toLowerCase();
    if (!name || UNCOUNTED.has(name)) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3]) {
      depth++;
      if (depth > max) max = depth;
    }
  }
  return max;
}

function flatText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<\/?(?:p|div|br|h[1-6]|li|tr|section|article)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\r\f]+/g, ' ')
    .replace(/ ?\n[\n ]*/g, '\n')
    .trim();
}

function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const h = new URL(url).hostname.toLowerCase();
    return h.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** The page's own URL made absolute; only an http(s) one (og:url may say `javascript:…`). */
function absolute(url: string | null, base: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return webUrl(new URL(url, base ?? undefined).toString());
  } catch {
    return base ? null : webUrl(url);
  }
}

function metadata(html: string, deep: boolean): HtmlMetadata {
  try {
    // for a pathological body, the metadata still sits in the <head>
    const head = deep ? html.slice(0, Math.max(0, html.search(/<body\b/i)) || 65536) : html;
    return metadataOf(load(head));
  } catch {
    return { title: null, published: null, url: null, siteName: null, lang: null, headline: null };
  }
}

function readable(html: string): { text: string; siteName: string | null; published: string | null } | null {
  try {
    const { document } = parseHTML(html);
    const res = new Readability(document as unknown as Document, {
      charThreshold: 300,
      maxElemsToParse: 50_000,
    }).parse();
    if (!res?.content) return null;
    const text = htmlToText(res.content).text;
    return {
      text,
      siteName: res.siteName?.trim() || null,
      published: parseLooseDate(res.publishedTime ?? null),
    };
  } catch {
    return null; // too many elements, or a DOM Readability cannot handle: the cheerio extraction takes over
  }
}

/**
 * Article text and metadata of an HTML page. `url` is where the page was fetched from: it
 * resolves a relative canonical link and gives the outlet when the page names none.
 */
export function extractPage(html: string, opts: { url?: string | null } = {}): PageContent {
  const warnings: string[] = [];
  const depth = nestingDepth(html);
  const deep = depth > MAX_NESTING;
  const meta = metadata(html, deep);
  let text: string;
  let method: PageContent['method'];
  let siteName = meta.siteName;
  let published = meta.published;
  if (deep) {
    warnings.push(
      `HTML nested ${depth.toLocaleString('en')} levels deep (limit ${MAX_NESTING}); read as flat text`,
    );
    text = flatText(html.slice(Math.max(0, html.search(/<body\b/i))));
    method = 'flat';
  } else {
    const r = readable(html);
    if (r && r.text.length >= MIN_READABLE_CHARS) {
      text = r.text;
      method = 'readability';
      siteName ??= r.siteName;
      published ??= r.published;
    } else {
      text = htmlToText(html).text;
      method = 'cheerio';
    }
    // Readability drops the page's <h1> when it matches the title; the headline often names the event
    if (meta.headline && !text.slice(0, meta.headline.length + 200).includes(meta.headline)) {
      text = `${meta.headline}\n\n${text}`.trim();
    }
  }
  const url = absolute(meta.url, opts.url) ?? opts.url ?? null;
  return {
    text,
    title: meta.title,
    published,
    url,
    outlet: siteName ?? hostOf(url) ?? hostOf(opts.url),
    lang: meta.lang,
    method,
    warnings,
  };
}
