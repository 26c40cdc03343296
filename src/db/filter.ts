/**
 * The incident filter of the store (and of the API, the export and the dashboard built on
 * it): one table, FILTERS, defines every filter (its name, which is also its URL and
 * dashboard key, how the URL writes it, how a value is checked and canonicalized, its SQL,
 * its OpenAPI description and schema). checkFilter, the API's parseFilter, the OpenAPI
 * parameters, the store's WHERE clauses (sql.ts) and the dashboard's URL state are made from
 * it. The opaque keyset cursor is here too.
 *
 * This module is pure (no I/O, no node built-ins at load) so that the dashboard can import
 * the table; what needs data (country names, Arabic folding) is passed in as FilterVocab.
 *
 * Meanings worth knowing: dates run from 0001-01-01 to 9999-12-31 (`from=0001` is "since the
 * beginning"; year 0000 does not exist and is refused); `bbox` with west > east crosses the
 * antimeridian (170,-10,-170,10 is the 20° around longitude 180); ids and cursors longer than
 * MAX_ID_CHARS are refused, as is a NUL character anywhere (PostgreSQL text cannot hold one).
 */
import { MAX_ID_CHARS } from '../io/types.js';
import { EVENT_TYPES, TARGETS, WEAPONS } from '../record/record.js';
import {
  ACLED_EVENT_TYPES,
  type AcledEventType,
  acledEventTypeMembers,
  CIVILIAN_TARGETS,
  typeValue,
} from '../vocab/acled-types.js';
import { hasNul, InputError, type ParamProblem } from './input-error.js';

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
  /** searched in the Arabic-normalized evidence and the names in both languages (every word must occur) */
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
/** A reviewer's verdict on an incident (the incidents.review_status column allows these). */
export type ReviewStatus = 'unreviewed' | 'confirmed' | 'edited' | 'rejected';
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

/** What checking a filter needs from outside this pure module (src/db/filter-vocab.ts gives the real ones). */
export interface FilterVocab {
  /** the ISO 3166-1 alpha-2 code of a country as written (code, number or English name), or null */
  country: (written: string) => string | null;
  /** Arabic folding of the text query */
  fold: (s: string) => string;
}

/** How a filter is written in a URL. */
export type FilterKind = 'list' | 'date' | 'text' | 'whole' | 'bbox' | 'enum' | 'cursor';

/** Hands out the placeholder ($n) of a bound value. */
export type Bind = (value: unknown) => string;

export interface FilterDef {
  /** the filter's name: its key in IncidentFilter and CheckedFilter, and its API query parameter */
  name: keyof IncidentFilter & keyof CheckedFilter;
  kind: FilterKind;
  /** its key in the dashboard's URL (null: not part of the dashboard's state) */
  urlKey: string | null;
  /** offered by the API (review_status is the store's own) */
  api: boolean;
  /** OpenAPI description */
  description: string;
  /** JSON Schema of the query parameter (a list: of one value) */
  schema: Record<string, unknown>;
  /** the column its facet counts (list filters shown as facets) */
  facet?: string;
  /** list filters: the canonical form of one value, or what is wrong with it */
  value?: (written: string, vocab: FilterVocab) => string | { problem: string };
  /** its WHERE conditions (alias i), given its checked value */
  sql?: (value: never, bind: Bind) => string[];
}

const listOf = (values: readonly string[]) => values.join(', ');

/** A value of a closed vocabulary, matched case-insensitively. */
const oneOf =
  (domain: readonly string[], what: string) =>
  (written: string): string | { problem: string } => {
    const k = written.toLowerCase();
    return (
      domain.find((d) => d.toLowerCase() === k) ?? {
        problem: `unknown ${what} ${JSON.stringify(written)}: one of ${listOf(domain)}`,
      }
    );
  };

const anyOf = (column: string) => (vals: string[], bind: Bind) => [
  `i.${column} = ANY(${bind(vals)}::text[])`,
];

/** The SQL of a type filter: record types, and ACLED event types by their members. */
function typeSql(vals: string[], bind: Bind): string[] {
  const types = new Set<string>();
  let civilianAttack = false;
  let otherAttack = false;
  for (const v of vals) {
    if ((ACLED_EVENT_TYPES as readonly string[]).includes(v)) {
      const m = acledEventTypeMembers(v as AcledEventType);
      for (const t of m.types) types.add(t);
      if (m.attack === 'civilian') civilianAttack = true;
      if (m.attack === 'other') otherAttack = true;
    } else types.add(v);
  }
  if (types.has('Attack')) civilianAttack = otherAttack = false;
  const or: string[] = [];
  if (types.size) or.push(`i.type = ANY(${bind([...types])}::text[])`);
  if (civilianAttack || otherAttack) {
    // bound only when used: PostgreSQL refuses a parameter the text never mentions
    const civ = () => `i.target = ANY(${bind(CIVILIAN_TARGETS)}::text[])`;
    if (civilianAttack && otherAttack) or.push("i.type = 'Attack'");
    else if (civilianAttack) or.push(`(i.type = 'Attack' AND ${civ()})`);
    else or.push(`(i.type = 'Attack' AND (i.target IS NULL OR NOT ${civ()}))`);
  }
  return [or.length === 1 ? or[0] : `(${or.join(' OR ')})`];
}

const stringList = { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 100 };

/**
 * Every filter, once. The order is the order of the OpenAPI parameters and of the
 * dashboard's URL.
 */
export const FILTERS: readonly FilterDef[] = [
  {
    name: 'from',
    kind: 'date',
    urlKey: 'from',
    api: true,
    description:
      'earliest date: incidents whose date range reaches this day or later (YYYY, YYYY-MM or YYYY-MM-DD; years 0001 to 9999, 0001 = since the beginning)',
    schema: { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' },
    sql: (v: string, bind: Bind) => {
      // date_hi ≥ from; the redundant lower bound on sort_date (a date range spans at most
      // a year) lets the (sort_date, id) index narrow the scan
      const p = bind(v);
      return [`i.date_hi >= ${p}::date`, `i.sort_date >= ${p}::date - 366`];
    },
  },
  {
    name: 'to',
    kind: 'date',
    urlKey: 'to',
    api: true,
    description: 'latest date: incidents whose date range starts on or before it (as from; not before from)',
    schema: { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' },
    sql: (v: string, bind: Bind) => [`i.sort_date <= ${bind(v)}::date`, 'i.date_lo IS NOT NULL'],
  },
  {
    name: 'type',
    kind: 'list',
    urlKey: 'type',
    api: true,
    description: `ACLED sub-event types (${listOf(EVENT_TYPES)}) or event types (${listOf(ACLED_EVENT_TYPES)}), any case; an event type matches the rows an ACLED export gives that event type (an Attack on civilians is Violence against civilians, any other Attack Battles)`,
    schema: stringList,
    facet: 'type',
    value: (w) =>
      typeValue(w) ?? {
        problem: `unknown type ${JSON.stringify(w)}: one of ${listOf([...EVENT_TYPES, ...ACLED_EVENT_TYPES])}`,
      },
    sql: typeSql,
  },
  {
    name: 'weapon',
    kind: 'list',
    urlKey: 'weapon',
    api: true,
    description: `weapons: ${listOf(WEAPONS)}`,
    schema: stringList,
    facet: 'weapon',
    value: oneOf(WEAPONS, 'weapon'),
    sql: anyOf('weapon'),
  },
  {
    name: 'actor',
    kind: 'list',
    urlKey: 'actor',
    api: true,
    description: 'actors by their Rasd name; an umbrella group includes its members',
    schema: stringList,
    facet: 'actor',
    value: (w) => w,
    sql: (vals: string[], bind: Bind) => {
      const v = bind(vals);
      return [`(i.actor = ANY(${v}::text[]) OR i.actor_umbrella = ANY(${v}::text[]))`];
    },
  },
  {
    name: 'country',
    kind: 'list',
    urlKey: 'country',
    api: true,
    description:
      'countries: ISO 3166-1 alpha-2 (IQ), alpha-3 (IRQ) or numeric (368) codes or English names (Iraq, Syria, Syrian Arab Republic), any case; repeated or comma-separated',
    schema: stringList,
    facet: 'country',
    value: (w, vocab) =>
      vocab.country(w) ?? {
        problem: `unknown country ${JSON.stringify(w)}: an ISO 3166-1 alpha-2, alpha-3 or numeric code or English name (IQ, IRQ, 368, Iraq)`,
      },
    sql: anyOf('country'),
  },
  {
    name: 'admin1',
    kind: 'list',
    urlKey: 'admin1',
    api: true,
    description: 'first-level divisions (provinces) as the record writes them (Anbar, Deir ez-Zor)',
    schema: stringList,
    facet: 'admin1',
    value: (w) => w,
    sql: anyOf('admin1'),
  },
  {
    name: 'target',
    kind: 'list',
    urlKey: 'target',
    api: true,
    description: `targets: ${listOf(TARGETS)}`,
    schema: stringList,
    facet: 'target',
    value: oneOf(TARGETS, 'target'),
    sql: anyOf('target'),
  },
  {
    name: 'review_status',
    kind: 'list',
    urlKey: null,
    api: false,
    description: `review status: ${listOf(REVIEW)}`,
    schema: stringList,
    value: oneOf(REVIEW, 'review_status'),
    sql: anyOf('review_status'),
  },
  {
    name: 'bbox',
    kind: 'bbox',
    urlKey: 'bbox',
    api: true,
    description: 'west,south,east,north in degrees; west > east crosses the antimeridian (170,-10,-170,10)',
    schema: { type: 'string', pattern: '^[^,]+,[^,]+,[^,]+,[^,]+$' },
    sql: ([w, s, e, n]: [number, number, number, number], bind: Bind) => [
      // plain ranges, not a GiST box: the planner has histograms for lat and lon, so it knows
      // when a box is wide enough to walk the sort index instead
      `i.lat BETWEEN ${bind(s)}::float8 AND ${bind(n)}::float8`,
      w <= e
        ? `i.lon BETWEEN ${bind(w)}::float8 AND ${bind(e)}::float8`
        : `(i.lon >= ${bind(w)}::float8 OR i.lon <= ${bind(e)}::float8)`,
    ],
  },
  {
    name: 'q',
    kind: 'text',
    urlKey: 'q',
    api: true,
    description:
      'text search, Arabic-normalized and case-insensitive: every word must occur in the evidence or in the names of the place, province and actors, in English or Arabic ("Tanf" and "التنف" alike)',
    schema: { type: 'string', maxLength: MAX_QUERY_CHARS },
    // every word in the evidence, or in the place, province and actor names (both languages)
    sql: (words: string[], bind: Bind) =>
      words.map((w) => {
        const v = bind(`%${likeEscape(w)}%`);
        return `(i.evidence_norm LIKE ${v} OR i.names_norm LIKE ${v})`;
      }),
  },
  {
    name: 'min_sources',
    kind: 'whole',
    urlKey: 'min_sources',
    api: true,
    description: 'at least this many distinct source articles',
    schema: { type: 'integer', minimum: 0, maximum: MAX_INT },
    sql: (n: number, bind: Bind) => [`i.source_count >= ${bind(n)}::int`],
  },
  {
    name: 'sort',
    kind: 'enum',
    urlKey: 'sort',
    api: true,
    description:
      'order: date or number of sources, ascending, or descending with a leading - (default -date)',
    schema: { type: 'string', enum: SORTS },
  },
  {
    name: 'cursor',
    kind: 'cursor',
    urlKey: null,
    api: true,
    description: 'opaque cursor of the next page (next_cursor of the previous one, with the same sort)',
    schema: { type: 'string', maxLength: MAX_CURSOR_CHARS },
  },
  {
    name: 'limit',
    kind: 'whole',
    urlKey: null,
    api: true,
    description: `page size (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
  },
];

/** The filters the API offers, by name. */
export const API_FILTERS: readonly FilterDef[] = FILTERS.filter((d) => d.api);

/** The filter's definition. */
export function filterDef(name: string): FilterDef | undefined {
  return FILTERS.find((d) => d.name === name);
}

/** Escapes LIKE wildcards in a literal fragment (the escape character is backslash). */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The WHERE conditions of a checked filter (alias i), from the table; `omit` leaves one
 * filter out (for its own facet). The cursor, sort and limit are the query's, not conditions.
 */
export function filterConditions(f: CheckedFilter, bind: Bind, omit?: string): string[] {
  const out: string[] = [];
  for (const d of FILTERS) {
    const v = f[d.name];
    if (v == null || !d.sql || d.name === omit) continue;
    out.push(...(d.sql as (value: unknown, bind: Bind) => string[])(v, bind));
  }
  return out;
}

const IDENTITY_VOCAB: FilterVocab = {
  country: (w) => (/^[A-Za-z]{2}$/.test(w) ? w.toUpperCase() : null),
  fold: (s) => s,
};

/**
 * Validates a filter; throws one InputError naming every bad parameter (a 400 for the API,
 * exit code 2 for the CLI). List values are canonicalized (`iraq` → `IQ`, `battles` →
 * `Battles`). Empty values ('' or []) mean "no filter on this field".
 */
export function checkFilter(f: IncidentFilter = {}, vocab: FilterVocab = IDENTITY_VOCAB): CheckedFilter {
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
  const list = (d: FilterDef, v: unknown): string[] | null => {
    const param = d.name;
    if (v == null) return null;
    const arr = Array.isArray(v) ? v : [v];
    if (arr.length > MAX_LIST_VALUES) return bad(param, `more than ${MAX_LIST_VALUES} values`);
    const out: string[] = [];
    for (const x of arr) {
      if (x === '') continue;
      if (typeof x !== 'string') return bad(param, 'expected strings');
      const s = text(param, x, MAX_VALUE_CHARS);
      if (s == null) return null;
      const canon = d.value ? d.value(s.trim(), vocab) : s;
      if (typeof canon !== 'string') return bad(param, canon.problem);
      if (!out.includes(canon)) out.push(canon);
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
    const words = vocab
      .fold(query)
      .split(/\s+/)
      .filter((w) => w !== '');
    q = words.length ? words : null;
  }

  const min_sources = whole('min_sources', f.min_sources, 0, MAX_INT);
  const sortText = text('sort', f.sort, 20);
  const sort = (sortText ?? '-date') as IncidentSort;
  const sortOk = SORTS.includes(sort);
  if (!sortOk) bad('sort', `unknown sort ${JSON.stringify(sortText)}: one of ${SORTS.join(', ')}`);
  const limit = whole('limit', f.limit, 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
  const lists: Record<string, string[] | null> = {};
  for (const d of FILTERS) if (d.kind === 'list') lists[d.name] = list(d, f[d.name]);
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
    country: lists.country,
    admin1: lists.admin1,
    type: lists.type,
    weapon: lists.weapon,
    actor: lists.actor,
    target: lists.target,
    review_status: lists.review_status,
    bbox,
    q,
    min_sources,
    sort,
    cursor,
    limit,
  };
}
