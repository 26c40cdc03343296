/**
 * The page's URL is its state. The dashboard's query string uses the API's own filter
 * parameters (from, to, country, admin1, type, weapon, actor, target, bbox, q, min_sources,
 * sort), so `/?actor=X&type=Y` shows what `/api/incidents?actor=X&type=Y` returns, and every
 * view is a bookmark. Parameters of the page only start with `_` (the API ignores those):
 * `_order` sorts the table by a column the API does not sort on.
 *
 * The filters and their URL keys come from the store's filter table (src/db/filter.ts),
 * the same one the API validates with: a filter added there is in the page's URL too.
 *
 * Pure functions: no DOM, tested under node.
 */
import { FILTERS, type IncidentSort } from '../../../db/filter.js';

export type ListField = 'type' | 'weapon' | 'actor' | 'country' | 'admin1' | 'target';
/** The list filters of the dashboard's URL, in the table's order. */
export const LIST_FIELDS: readonly ListField[] = FILTERS.filter((d) => d.kind === 'list' && d.urlKey).map(
  (d) => d.urlKey as ListField,
);

export type ApiSort = IncidentSort;
export const API_SORTS: readonly ApiSort[] = (FILTERS.find((d) => d.name === 'sort')?.schema.enum ??
  []) as ApiSort[];

export const TABLE_COLUMNS = [
  'date',
  'type',
  'place',
  'admin1',
  'actor',
  'weapon',
  'target',
  'killed',
  'injured',
  'sources',
  'review_status',
] as const;
export type TableColumn = (typeof TABLE_COLUMNS)[number];

export interface ViewState {
  from: string | null;
  to: string | null;
  type: string[];
  weapon: string[];
  actor: string[];
  country: string[];
  admin1: string[];
  target: string[];
  bbox: [number, number, number, number] | null;
  q: string | null;
  min_sources: number | null;
  sort: ApiSort;
  /** a client-side column order: 'place' or '-place' (null: the API's sort) */
  order: string | null;
}

export const EMPTY_STATE: ViewState = {
  from: null,
  to: null,
  type: [],
  weapon: [],
  actor: [],
  country: [],
  admin1: [],
  target: [],
  bbox: null,
  q: null,
  min_sources: null,
  sort: '-date',
  order: null,
};

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function list(p: URLSearchParams, key: string): string[] {
  const out: string[] = [];
  for (const v of p.getAll(key))
    for (const part of v.split(',')) {
      const s = part.trim();
      if (s && !out.includes(s)) out.push(s);
    }
  return out;
}

/** A query string (with or without '?') → the view state; anything malformed is dropped. */
export function parseState(search: string): ViewState {
  const p = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const s: ViewState = { ...EMPTY_STATE };
  for (const f of LIST_FIELDS) s[f] = list(p, f);
  const from = p.get('from');
  const to = p.get('to');
  s.from = from && DATE.test(from) ? from : null;
  s.to = to && DATE.test(to) ? to : null;
  const bbox = p.get('bbox')?.split(',').map(Number);
  s.bbox =
    bbox && bbox.length === 4 && bbox.every(Number.isFinite)
      ? (bbox as [number, number, number, number])
      : null;
  const q = p.get('q')?.trim();
  s.q = q ? q : null;
  const min = Number(p.get('min_sources'));
  s.min_sources = Number.isInteger(min) && min >= 1 ? min : null;
  const sort = p.get('sort');
  s.sort = (API_SORTS as readonly string[]).includes(sort ?? '') ? (sort as ApiSort) : '-date';
  const order = p.get('_order');
  s.order = order && (TABLE_COLUMNS as readonly string[]).includes(order.replace(/^-/, '')) ? order : null;
  return s;
}

/** The filter parameters of a state, in a fixed order (what the API receives). */
function filterParams(s: ViewState, opts: { dates?: boolean } = {}): URLSearchParams {
  const p = new URLSearchParams();
  if (opts.dates !== false) {
    if (s.from) p.set('from', s.from);
    if (s.to) p.set('to', s.to);
  }
  for (const f of LIST_FIELDS) for (const v of s[f]) p.append(f, v);
  if (s.bbox) p.set('bbox', s.bbox.map((n) => Math.round(n * 1000) / 1000).join(','));
  if (s.q) p.set('q', s.q);
  if (s.min_sources != null) p.set('min_sources', String(s.min_sources));
  return p;
}

/** The state → the page's query string ('' or '?…'); defaults are left out. */
export function toSearch(s: ViewState): string {
  const p = filterParams(s);
  if (s.sort !== '-date') p.set('sort', s.sort);
  if (s.order) p.set('_order', s.order);
  const q = p.toString();
  return q ? `?${q}` : '';
}

/**
 * Rows of the table per request ("load more" follows the API's `next` link for the rest).
 * A hundred, not more: the table sits under the map, and 500 rows were 8,000 elements that
 * the browser laid out before the first map render (bench/web.json).
 */
export const TABLE_PAGE = 100;

/** The query of /api/incidents for this view: the filters, the sort, a page size, facets. */
export function incidentsQuery(s: ViewState, limit = TABLE_PAGE): string {
  const p = filterParams(s);
  if (s.sort !== '-date') p.set('sort', s.sort);
  p.set('limit', String(limit));
  p.set('_facets', '1');
  p.set('_count', '1');
  return p.toString();
}

/** The filters of the view alone (the map's and the exports' query). */
export function filterQuery(s: ViewState): string {
  return filterParams(s).toString();
}

/** The download of every row of this view, streamed by the API. */
export function exportHref(s: ViewState, ext: 'csv' | 'geojson' | 'jsonl'): string {
  const p = filterParams(s);
  if (s.sort !== '-date') p.set('sort', s.sort);
  p.set('_stream', '1');
  return `/api/incidents.${ext}?${p.toString()}`;
}

/**
 * The query of /api/timeline: every filter but the dates (the timeline shows
 * the whole span, the brush chooses the dates), with counts per day.
 */
export function timelineQuery(s: ViewState): string {
  return filterParams(s, { dates: false }).toString();
}

/** Adds the value to a list filter, or removes it when it is there. */
export function toggleValue(s: ViewState, field: ListField, value: string): ViewState {
  const cur = s[field];
  return { ...s, [field]: cur.includes(value) ? cur.filter((v) => v !== value) : [...cur, value] };
}

export function setDates(s: ViewState, from: string | null, to: string | null): ViewState {
  if (from && to && from > to) [from, to] = [to, from];
  return { ...s, from, to };
}

/** How many filters are set (for "clear all"). */
export function activeFilterCount(s: ViewState): number {
  return (
    LIST_FIELDS.reduce((n, f) => n + s[f].length, 0) +
    (s.from ? 1 : 0) +
    (s.to ? 1 : 0) +
    (s.bbox ? 1 : 0) +
    (s.q ? 1 : 0) +
    (s.min_sources != null ? 1 : 0)
  );
}

export function clearFilters(s: ViewState): ViewState {
  return { ...EMPTY_STATE, sort: s.sort, order: s.order };
}

/**
 * A click on a column header: date and sources sort on the server (the whole result, in the
 * URL's `sort`); the other columns sort the loaded rows (`_order`). A second click reverses.
 */
export function clickColumn(s: ViewState, col: TableColumn): ViewState {
  if (col === 'date' || col === 'sources') {
    const desc = `-${col}` as ApiSort;
    return { ...s, order: null, sort: s.order == null && s.sort === desc ? (col as ApiSort) : desc };
  }
  return { ...s, order: s.order === col ? `-${col}` : col };
}

/** The incident page's path (the dashboard's filters ride along, for the way back). */
export function incidentPath(id: string, s: ViewState): string {
  return `/incident/${encodeURIComponent(id)}${toSearch(s)}`;
}

/** The incident id of an incident page's path, or null for the dashboard. */
export function incidentIdOf(pathname: string): string | null {
  const m = /^\/incident\/([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}
