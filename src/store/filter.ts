/**
 * The incident filter of the store (and of the API and the export built on it), its
 * validation, and the opaque keyset cursor. This is the one definition of what a filter may
 * hold: the API only turns URL parameters into an IncidentFilter and calls checkFilter.
 *
 * Meanings worth knowing: dates run from 0001-01-01 to 9999-12-31 (`from=0001` is "since the
 * beginning"; year 0000 does not exist and is refused); `bbox` with west > east crosses the
 * antimeridian (170,-10,-170,10 is the 20° around longitude 180); ids and cursors longer than
 * MAX_ID_CHARS are refused, as is a NUL character anywhere (PostgreSQL text cannot hold one).
 */
import { EVENT_TYPES, TARGETS, WEAPONS } from '../events/record.js';
import { MAX_ID_CHARS } from '../io/types.js';
import { hasNul, InputError, type ParamProblem } from './input-error.js';
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

/** Largest whole number a filter or cursor may hold (PostgreSQL's int). */
export const MAX_INT = 2 ** 31 - 1;
const MAX_LIST_VALUES = 100;
const MAX_VALUE_CHARS = 200;
const MAX_QUERY_CHARS = 500;
const MAX_CURSOR_CHARS = 2 * MAX_ID_CHARS;

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * 'YYYY' | 'YYYY-MM' | 'YYYY-MM-DD' → [first day, last day], or null when it is not a
 * calendar date (2024-02-30) or falls in year 0000 (which PostgreSQL, like the calendar, lacks).
 */
export function dateRange(d: string | null | undefined): [string, string] | null {
  if (!d) return null;
  const m = PARTIAL_DATE.exec(d);
  if (!m) return null;
  const y = Number(m[1]);
  if (y < 1) return null;
  const mo = m[2] ? Number(m[2]) : null;
  const day = m[3] ? Number(m[3]) : null;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (mo == null) return [`${m[1]}-01-01`, `${m[1]}-12-31`];
  if (mo < 1 || mo > 12) return null;
  if (day == null) return [`${m[1]}-${pad(mo)}-01`, `${m[1]}-${pad(mo)}-${pad(lastDay(y, mo))}`];
  if (day < 1 || day > lastDay(y, mo)) return null;
  return [d, d];
}

/** What is wrong with an id the store is asked to look up, or null. */
export function idProblem(id: unknown): string | null {
  if (typeof id !== 'string' || id === '') return 'expected a non-empty string';
  if (id.length > MAX_ID_CHARS) return `longer than ${MAX_ID_CHARS} characters (no id is)`;
  if (hasNul(id)) return 'contains a NUL character';
  return null;
}

/** Throws InputError naming `param` unless `id` is an id the store can look up. */
export function checkId(param: string, id: unknown): string {
  const why = idProblem(id);
  if (why) throw new InputError(param, why);
  return id as string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.key, c.id]), 'utf8').toString('base64url');
}

/** The cursor of a previous page; throws InputError('cursor', …) for anything else. */
export function decodeCursor(s: string, sort: IncidentSort): Cursor {
  const bad = (why = 'not a cursor from next_cursor') => new InputError('cursor', why);
  if (s.length > MAX_CURSOR_CHARS) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw bad();
  const [cs, key, id] = parsed as unknown[];
  if (!SORTS.includes(cs as IncidentSort)) throw bad();
  if (cs !== sort) throw bad(`it belongs to sort=${cs as string}, not sort=${sort}`);
  if (idProblem(id)) throw bad();
  if (sort === 'date' || sort === '-date') {
    if (typeof key !== 'string' || key.length !== 10 || !dateRange(key)) throw bad();
  } else if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key > MAX_INT) throw bad();
  return { sort, key: key as string | number, id: id as string };
}

/**
 * Validates a filter; throws one InputError naming every bad parameter (a 400 for the API).
 * Empty values ('' or []) mean "no filter on this field".
 */
export function checkFilter(
  f: IncidentFilter = {},
  foldQuery: (s: string) => string = (s) => s,
): CheckedFilter {
  const problems: ParamProblem[] = [];
  const bad = (param: string, message: string) => {
    problems.push({ param, message });
    return null;
  };
  const text = (param: string, v: unknown, max: number): string | null => {
    if (v == null || v === '') return null;
    if (typeof v !== 'string') return bad(param, 'expected a string');
    if (v.length > max) return bad(param, `longer than ${max} characters`);
    if (hasNul(v)) return bad(param, 'contains a NUL character');
    return v;
  };
  const list = (param: string, v: unknown): string[] | null => {
    if (v == null) return null;
    const arr = Array.isArray(v) ? v : [v];
    if (arr.length > MAX_LIST_VALUES) return bad(param, `more than ${MAX_LIST_VALUES} values`);
    const out: string[] = [];
    for (const x of arr) {
      if (x === '') continue;
      if (typeof x !== 'string') return bad(param, 'expected strings');
      const s = text(param, x, MAX_VALUE_CHARS);
      if (s == null) return null;
      out.push(s);
    }
    return out.length ? out : null;
  };
  const whole = (param: string, v: unknown, min: number, max: number): number | null => {
    if (v == null || v === '') return null;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isInteger(n) || n < min || n > max)
      return bad(param, `expected a whole number from ${min} to ${max}`);
    return n;
  };
  const day = (param: 'from' | 'to', v: unknown): [string, string] | null => {
    const s = text(param, v, 100);
    if (s == null) return null;
    const r = dateRange(s);
    if (!r) return bad(param, `not a date "${s}" (YYYY, YYYY-MM or YYYY-MM-DD, years 0001 to 9999)`);
    return r;
  };

  const fromRange = day('from', f.from);
  const toRange = day('to', f.to);
  if (fromRange && toRange && fromRange[0] > toRange[1])
    bad('from', `from (${f.from}) is after to (${f.to})`);

  let bbox: CheckedFilter['bbox'] = null;
  if (f.bbox != null) {
    const b = f.bbox as unknown;
    if (!Array.isArray(b) || b.length !== 4 || !b.every((n) => typeof n === 'number' && Number.isFinite(n)))
      bad('bbox', 'expected four numbers west,south,east,north');
    else {
      const [w, s, e, n] = b as number[];
      if (s > n || s < -90 || n > 90 || w < -180 || w > 180 || e < -180 || e > 180)
        bad(
          'bbox',
          'out of range: west and east in -180…180, south ≤ north in -90…90 (west > east crosses 180°)',
        );
      else bbox = [w, s, e, n];
    }
  }

  const query = text('q', f.q, MAX_QUERY_CHARS);
  let q: string[] | null = null;
  if (query != null) {
    const words = foldQuery(query)
      .split(/\s+/)
      .filter((w) => w !== '');
    q = words.length ? words : null;
  }

  const min_sources = whole('min_sources', f.min_sources, 0, MAX_INT);
  const sort = (text('sort', f.sort, 20) ?? '-date') as IncidentSort;
  const sortOk = SORTS.includes(sort);
  if (!sortOk) bad('sort', `one of ${SORTS.join(', ')}`);
  const limit = whole('limit', f.limit, 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
  // closed vocabularies are checked (a misspelt type would silently match nothing);
  // countries, provinces and actors are open: an unknown one matches nothing
  const oneOf = (param: string, v: unknown, domain: readonly string[]): string[] | null => {
    const vals = list(param, v);
    const unknown = vals?.filter((x) => !domain.includes(x));
    if (unknown?.length)
      return bad(param, `unknown ${JSON.stringify(unknown[0])}: one of ${domain.join(', ')}`);
    return vals;
  };
  const review_status = oneOf('review_status', f.review_status, REVIEW);
  const lists = {
    country: list('country', f.country),
    admin1: list('admin1', f.admin1),
    type: oneOf('type', f.type, EVENT_TYPES),
    weapon: oneOf('weapon', f.weapon, WEAPONS),
    actor: list('actor', f.actor),
    target: oneOf('target', f.target, TARGETS),
  };
  let cursor: Cursor | null = null;
  const cursorText = text('cursor', f.cursor, MAX_CURSOR_CHARS);
  if (cursorText != null && sortOk) {
    try {
      cursor = decodeCursor(cursorText, sort);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(...err.details);
    }
  }
  if (problems.length) throw new InputError(problems);
  return {
    from: fromRange?.[0] ?? null,
    to: toRange?.[1] ?? null,
    ...lists,
    review_status,
    bbox,
    q,
    min_sources,
    sort,
    cursor,
    limit,
  };
}
