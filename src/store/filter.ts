/**
 * The incident filter of the store (and of the API and the export built on it), its
 * validation, and the opaque keyset cursor.
 */
import type { ReviewStatus } from './types.js';

export type IncidentSort = 'date' | '-date' | 'sources' | '-sources';

export interface IncidentFilter {
  /** YYYY, YYYY-MM or YYYY-MM-DD: incidents whose date range reaches this day or later */
  from?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD: incidents whose date range starts on or before it */
  to?: string;
  country?: string[];
  admin1?: string[];
  type?: string[];
  weapon?: string[];
  /** an umbrella name includes its members (actor_umbrella) */
  actor?: string[];
  target?: string[];
  /** west, south, east, north (west > east crosses the antimeridian) */
  bbox?: [number, number, number, number];
  /** searched in the Arabic-normalized evidence (every word must occur) */
  q?: string;
  min_sources?: number;
  review_status?: ReviewStatus[];
  sort?: IncidentSort;
  /** opaque keyset cursor from a previous page */
  cursor?: string;
  /** default 50, max 500 */
  limit?: number;
}

export class FilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterError';
  }
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
const SORTS: IncidentSort[] = ['date', '-date', 'sources', '-sources'];
const REVIEW: ReviewStatus[] = ['unreviewed', 'confirmed', 'edited', 'rejected'];

/** The filter after validation: dates as day bounds, defaults filled in. */
export interface CheckedFilter {
  from: string | null;
  to: string | null;
  country: string[] | null;
  admin1: string[] | null;
  type: string[] | null;
  weapon: string[] | null;
  actor: string[] | null;
  target: string[] | null;
  review_status: string[] | null;
  bbox: [number, number, number, number] | null;
  /** the query folded and split into words */
  q: string[] | null;
  min_sources: number | null;
  sort: IncidentSort;
  cursor: Cursor | null;
  limit: number;
}

export interface Cursor {
  sort: IncidentSort;
  /** the sort key of the last row: a date (YYYY-MM-DD) or a source count */
  key: string | number;
  id: string;
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** 'YYYY' | 'YYYY-MM' | 'YYYY-MM-DD' → [first day, last day], or null when it is not a date. */
export function dateRange(d: string | null | undefined): [string, string] | null {
  if (!d) return null;
  const m = PARTIAL_DATE.exec(d);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : null;
  const day = m[3] ? Number(m[3]) : null;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (mo == null) return [`${m[1]}-01-01`, `${m[1]}-12-31`];
  if (mo < 1 || mo > 12) return null;
  if (day == null) return [`${m[1]}-${pad(mo)}-01`, `${m[1]}-${pad(mo)}-${pad(lastDay(y, mo))}`];
  if (day < 1 || day > lastDay(y, mo)) return null;
  return [d, d];
}

function list(name: string, v: unknown): string[] | null {
  if (v == null) return null;
  const arr = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const x of arr) {
    if (typeof x !== 'string') throw new FilterError(`${name}: expected strings`);
    if (x.length > 200) throw new FilterError(`${name}: value too long`);
    if (x !== '') out.push(x);
  }
  if (out.length > 100) throw new FilterError(`${name}: too many values`);
  return out.length ? out : null;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.key, c.id]), 'utf8').toString('base64url');
}

export function decodeCursor(s: string, sort: IncidentSort): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    throw new FilterError('cursor: not a cursor');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw new FilterError('cursor: not a cursor');
  const [cs, key, id] = parsed as unknown[];
  if (cs !== sort) throw new FilterError('cursor: it belongs to another sort order');
  if (typeof id !== 'string') throw new FilterError('cursor: not a cursor');
  if (sort === 'date' || sort === '-date') {
    if (typeof key !== 'string' || !dateRange(key) || key.length !== 10)
      throw new FilterError('cursor: not a cursor');
  } else if (typeof key !== 'number' || !Number.isInteger(key)) throw new FilterError('cursor: not a cursor');
  return { sort, key: key as string | number, id };
}

/** Validates a filter; throws FilterError with a message fit for a 400 answer. */
export function checkFilter(
  f: IncidentFilter = {},
  foldQuery: (s: string) => string = (s) => s,
): CheckedFilter {
  const from = f.from == null || f.from === '' ? null : dateRange(f.from)?.[0];
  if (from === undefined) throw new FilterError(`from: not a date "${f.from}" (YYYY, YYYY-MM or YYYY-MM-DD)`);
  const to = f.to == null || f.to === '' ? null : dateRange(f.to)?.[1];
  if (to === undefined) throw new FilterError(`to: not a date "${f.to}" (YYYY, YYYY-MM or YYYY-MM-DD)`);
  let bbox: CheckedFilter['bbox'] = null;
  if (f.bbox != null) {
    if (!Array.isArray(f.bbox) || f.bbox.length !== 4 || !f.bbox.every((n) => Number.isFinite(n)))
      throw new FilterError('bbox: expected four numbers west,south,east,north');
    const [w, s, e, n] = f.bbox.map(Number);
    if (s > n || s < -90 || n > 90 || w < -180 || w > 180 || e < -180 || e > 180)
      throw new FilterError('bbox: out of range (west,south,east,north in degrees)');
    bbox = [w, s, e, n];
  }
  let q: string[] | null = null;
  if (f.q != null) {
    if (typeof f.q !== 'string') throw new FilterError('q: expected a string');
    if (f.q.length > 500) throw new FilterError('q: too long');
    const words = foldQuery(f.q)
      .split(/\s+/)
      .filter((w) => w !== '');
    q = words.length ? words : null;
  }
  let min_sources: number | null = null;
  if (f.min_sources != null) {
    const n = Number(f.min_sources);
    if (!Number.isInteger(n) || n < 0) throw new FilterError('min_sources: expected a whole number ≥ 0');
    min_sources = n;
  }
  const sort = f.sort ?? '-date';
  if (!SORTS.includes(sort)) throw new FilterError(`sort: one of ${SORTS.join(', ')}`);
  let limit = DEFAULT_LIMIT;
  if (f.limit != null) {
    const n = Number(f.limit);
    if (!Number.isInteger(n) || n < 1) throw new FilterError('limit: expected a whole number ≥ 1');
    limit = Math.min(n, MAX_LIMIT);
  }
  const review_status = list('review_status', f.review_status);
  if (review_status?.some((s) => !REVIEW.includes(s as ReviewStatus)))
    throw new FilterError(`review_status: one of ${REVIEW.join(', ')}`);
  return {
    from,
    to,
    country: list('country', f.country),
    admin1: list('admin1', f.admin1),
    type: list('type', f.type),
    weapon: list('weapon', f.weapon),
    actor: list('actor', f.actor),
    target: list('target', f.target),
    review_status,
    bbox,
    q,
    min_sources,
    sort,
    cursor: f.cursor ? decodeCursor(f.cursor, sort) : null,
    limit,
  };
}
