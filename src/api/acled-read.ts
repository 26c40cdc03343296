/**
 * An ACLED-API-compatible read endpoint: `GET /api/acled/read` takes the parameter names of
 * ACLED's API (https://acleddata.com/acled-api-documentation) and answers in its envelope
 * `{status, success, count, total_count, messages, data}`, with rows in ACLED's columns, so
 * a script written for ACLED's API reads Rasd by changing the base URL.
 *
 *   country         ACLED country name(s), or any spelling Rasd's country filter takes;
 *                   several as `Iraq|Syria` or `Iraq:OR:country=Syria`
 *   iso             ISO 3166-1 numeric code(s), as country
 *   region          — (refused: Rasd filters by country)
 *   event_date      YYYY-MM-DD; with event_date_where=BETWEEN: `from|to`; also =, >, >=, <, <=
 *   year            a year (as event_date=YYYY-01-01|YYYY-12-31, BETWEEN)
 *   event_type      ACLED event type(s) (Battles, Explosions/Remote violence, …)
 *   sub_event_type  ACLED sub-event type(s)
 *   fields          the columns to return, `|`-separated (default all)
 *   limit           rows per page (default 500, at most 5000)
 *   page            1-based page number
 *   inter_format    text (default) or numeric inter1/inter2/interaction
 *   key, email, terms, export_type=json   accepted and ignored (ACLED's credentials and defaults)
 *
 * Rows are in ACLED's order for its API: newest first.
 */
import type { Hono } from 'hono';
import type { IncidentFilter } from '../db/filter.js';
import { InputError, type ParamProblem } from '../db/input-error.js';
import { ACLED_COLUMNS, type AcledColumn, toAcledRows } from '../export/acled.js';
import type { IncidentView } from '../incidents/types.js';

export const ACLED_READ_MAX_LIMIT = 5000;
export const ACLED_READ_DEFAULT_LIMIT = 500;

const PARAMS = [
  'country',
  'iso',
  'event_date',
  'event_date_where',
  'year',
  'event_type',
  'sub_event_type',
  'fields',
  'limit',
  'page',
  'inter_format',
] as const;
const IGNORED = ['key', 'email', 'terms', 'export_type'];
const DATE_WHERE = ['=', '>', '>=', '<', '<=', 'BETWEEN'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What the route needs from the store. */
export interface AcledReadStore {
  incidentsAtOffset(
    filter: IncidentFilter,
    offset: number,
  ): Promise<{ items: IncidentView[]; total: number }>;
}

export interface AcledQuery {
  filter: IncidentFilter;
  offset: number;
  fields: AcledColumn[];
  inter: 'text' | 'numeric';
}

/** Values of an ACLED parameter: `a|b` or `a:OR:name=b`. */
function values(name: string, raw: string[]): string[] {
  return raw
    .flatMap((v) => v.split(`:OR:${name}=`))
    .flatMap((v) => v.split('|'))
    .map((v) => v.trim())
    .filter(Boolean);
}

const shiftDay = (d: string, by: number) => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + by);
  return t.toISOString().slice(0, 10);
};

/** ACLED API parameters → Rasd's filter; throws InputError naming each bad one. */
export function parseAcledQuery(params: URLSearchParams): AcledQuery {
  const problems: ParamProblem[] = [];
  const bad = (param: string, message: string) => problems.push({ param, message });
  for (const k of new Set(params.keys()))
    if (!(PARAMS as readonly string[]).includes(k) && !IGNORED.includes(k))
      bad(k, `not a parameter of this endpoint (${[...PARAMS, ...IGNORED].join(', ')})`);
  const get = (k: string) => params.getAll(k);
  const filter: IncidentFilter = { sort: '-date' };

  const countries = [...values('country', get('country')), ...values('iso', get('iso'))];
  if (countries.length) filter.country = countries;
  const types = [
    ...values('event_type', get('event_type')),
    ...values('sub_event_type', get('sub_event_type')),
  ];
  if (types.length) filter.type = types;

  const where = (params.get('event_date_where') ?? '=').toUpperCase();
  const date = params.get('event_date');
  if (!DATE_WHERE.includes(where)) bad('event_date_where', `one of ${DATE_WHERE.join(', ')}`);
  else if (date != null) {
    const parts = date.split('|').map((s) => s.trim());
    if (where === 'BETWEEN') {
      if (parts.length !== 2 || !parts.every((p) => DAY.test(p)))
        bad('event_date', 'with event_date_where=BETWEEN: two dates YYYY-MM-DD|YYYY-MM-DD');
      else [filter.from, filter.to] = parts;
    } else if (parts.length !== 1 || !DAY.test(parts[0])) bad('event_date', 'a date YYYY-MM-DD');
    else {
      const d = parts[0];
      if (where === '=') filter.from = filter.to = d;
      else if (where === '>=') filter.from = d;
      else if (where === '>') filter.from = shiftDay(d, 1);
      else if (where === '<=') filter.to = d;
      else filter.to = shiftDay(d, -1);
    }
  }
  const year = params.get('year');
  if (year != null) {
    if (!/^\d{4}$/.test(year)) bad('year', 'a year YYYY');
    else if (date != null) bad('year', 'give year or event_date, not both');
    else filter.from = filter.to = year;
  }

  const whole = (k: string, dflt: number, max: number): number => {
    const v = params.get(k);
    if (v == null) return dflt;
    if (!/^\d{1,9}$/.test(v) || Number(v) < 1 || Number(v) > max) {
      bad(k, `a whole number from 1 to ${max}`);
      return dflt;
    }
    return Number(v);
  };
  const limit = whole('limit', ACLED_READ_DEFAULT_LIMIT, ACLED_READ_MAX_LIMIT);
  const page = whole('page', 1, 1_000_000);

  let fields: AcledColumn[] = [...ACLED_COLUMNS];
  const f = params.get('fields');
  if (f != null) {
    const asked = values('fields', [f]);
    const unknown = asked.filter((c) => !(ACLED_COLUMNS as readonly string[]).includes(c));
    if (unknown.length || asked.length === 0)
      bad('fields', `unknown ${JSON.stringify(unknown[0] ?? '')}: columns of ${ACLED_COLUMNS.join('|')}`);
    else fields = asked as AcledColumn[];
  }
  const inter = params.get('inter_format') ?? 'text';
  if (inter !== 'text' && inter !== 'numeric') bad('inter_format', 'one of text, numeric');
  if (problems.length) throw new InputError(problems);
  return {
    filter: { ...filter, limit },
    offset: (page - 1) * limit,
    fields,
    inter: inter as 'text' | 'numeric',
  };
}

/** Mounts GET /api/acled/read over `read` (the store's incidentsAtOffset, under the API's time limit). */
export function mountAcledRead(app: Hono, read: AcledReadStore['incidentsAtOffset']): void {
  app.get('/api/acled/read', async (c) => {
    const q = parseAcledQuery(new URL(c.req.url).searchParams);
    // the store's checks run inside (unknown countries and types are InputErrors, 400)
    const { items, total } = await read(q.filter, q.offset);
    const rows = toAcledRows(items, { inter: q.inter });
    const data = rows.map((r) => Object.fromEntries(q.fields.map((k) => [k, r[k]])));
    return c.json({ status: 200, success: true, count: data.length, total_count: total, messages: [], data });
  });
}
