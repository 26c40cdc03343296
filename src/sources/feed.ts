/**
 * Feeds and sitemaps → article URLs: RSS 2.0, RSS 1.0 (RDF), Atom, sitemap `urlset` (with
 * Google News `news:publication_date` / `news:title`) and `sitemapindex` (child sitemaps, for
 * the caller to fetch). Malformed XML is a FeedError naming the line and column.
 *
 * Dates: RSS pubDate (RFC 822), dc:date, Atom published (else updated), news:publication_date;
 * all as the date part written, like every publication date here. A sitemap's `lastmod` is a
 * modification date and is not used.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseLooseDate } from '../io/html.js';

export interface FeedItem {
  url: string;
  title: string | null;
  /** 'YYYY-MM-DD' or null */
  published: string | null;
}

export interface ParsedFeed {
  kind: 'rss' | 'rdf' | 'atom' | 'urlset' | 'sitemapindex';
  title: string | null;
  items: FeedItem[];
  /** child sitemaps of a sitemap index */
  sitemaps: string[];
}

export class FeedError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'FeedError';
  }
}

const ARRAYS = new Set(['item', 'entry', 'url', 'sitemap', 'link']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
  processEntities: { enabled: true, maxEntitySize: 10_000, maxEntityCount: 1_000 } as never,
});

type Node = Record<string, unknown>;

function textOf(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === 'object') return textOf((v as Node)['#text']);
  return null;
}

function asArray(v: unknown): Node[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is Node => typeof x === 'object' && x !== null);
}

function resolveUrl(u: string | null, base: string | undefined): string | null {
  if (!u) return null;
  try {
    const url = new URL(u.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function rssLink(item: Node, base?: string): string | null {
  for (const l of (Array.isArray(item.link) ? item.link : [item.link]) as unknown[]) {
    // RSS <link>text</link>; an <atom:link href> inside an RSS item also appears as `link`
    const href = typeof l === 'object' && l !== null ? textOf((l as Node)['@_href']) : null;
    const u = resolveUrl(href ?? textOf(l), base);
    if (u) return u;
  }
  const guid = item.guid;
  const permalink = typeof guid === 'object' && guid !== null ? (guid as Node)['@_isPermaLink'] : undefined;
  if (permalink !== 'false') return resolveUrl(textOf(guid), base);
  return null;
}

function atomLink(entry: Node, base?: string): string | null {
  const links = asArray(entry.link);
  const pick =
    links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ??
    links.find((l) => l['@_rel'] !== 'self' && l['@_rel'] !== 'enclosure');
  return resolveUrl(textOf(pick?.['@_href']), base);
}

function dedupe(items: FeedItem[]): FeedItem[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    if (seen.has(i.url)) return false;
    seen.add(i.url);
    return true;
  });
}

/** Parses a feed or sitemap. `base` resolves relative links (the feed's own URL). Throws FeedError. */
export function parseFeed(xml: string, base?: string): ParsedFeed {
  const body = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (!body.trim()) throw new FeedError('empty document');
  if (!/^\s*</.test(body)) throw new FeedError('not XML: the document does not start with "<"');
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new FeedError(`malformed XML at line ${line}, column ${col}: ${msg}`, line);
  }
  let doc: Node;
  try {
    doc = parser.parse(body) as Node;
  } catch (err) {
    throw new FeedError(`unreadable XML: ${(err as Error).message}`);
  }
  const rss = doc.rss as Node | undefined;
  if (rss && typeof rss === 'object') {
    const channel = asArray(rss.channel)[0] ?? {};
    const items = asArray(channel.item).flatMap((it) => {
      const url = rssLink(it, base);
      if (!url) return [];
      return [
        {
          url,
          title: textOf(it.title),
          published: parseLooseDate(textOf(it.pubDate) ?? textOf(it.date) ?? textOf(it.published)),
        },
      ];
    });
    return { kind: 'rss', title: textOf(channel.title), items: dedupe(items), sitemaps: [] };
  }
  const rdf = doc.RDF as Node | undefined;
  if (rdf && typeof rdf === 'object') {
    const items = asArray(rdf.item).flatMap((it) => {
      const url = resolveUrl(textOf(it.link) ?? textOf(it['@_about']), base);
      return url ? [{ url, title: textOf(it.title), published: parseLooseDate(textOf(it.date)) }] : [];
    });
    const channel = asArray(rdf.channel)[0] ?? {};
    return { kind: 'rdf', title: textOf(channel.title), items: dedupe(items), sitemaps: [] };
  }
  const feed = doc.feed as Node | undefined;
  if (feed && typeof feed === 'object') {
    const items = asArray(feed.entry).flatMap((e) => {
      const url = atomLink(e, base);
      if (!url) return [];
      return [
        {
          url,
          title: textOf(e.title),
          published: parseLooseDate(textOf(e.published) ?? textOf(e.issued) ?? textOf(e.updated)),
        },
      ];
    });
    return { kind: 'atom', title: textOf(feed.title), items: dedupe(items), sitemaps: [] };
  }
  const urlset = doc.urlset as Node | undefined;
  if (urlset && typeof urlset === 'object') {
    const items = asArray(urlset.url).flatMap((u) => {
      const url = resolveUrl(textOf(u.loc), base);
      if (!url) return [];
      const news = asArray(u.news)[0];
      return [
        {
          url,
          title: textOf(news?.title),
          published: parseLooseDate(textOf(news?.publication_date)),
        },
      ];
    });
    return { kind: 'urlset', title: null, items: dedupe(items), sitemaps: [] };
  }
  const index = doc.sitemapindex as Node | undefined;
  if (index && typeof index === 'object') {
    const sitemaps = asArray(index.sitemap)
      .map((s) => resolveUrl(textOf(s.loc), base))
      .filter((u): u is string => u !== null);
    return { kind: 'sitemapindex', title: null, items: [], sitemaps: [...new Set(sitemaps)] };
  }
  const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? '(none)';
  throw new FeedError(
    `not a feed or sitemap: root element <${root}> (expected rss, RDF, feed, urlset or sitemapindex)`,
  );
}
