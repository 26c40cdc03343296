/**
 * URL query → incident filter. Datasette-style: every filter lives in the URL, lists are
 * repeated or comma-separated parameters (?type=A&type=B or ?type=A,B).
 *
 * This file only reads the URL's syntax, by each filter's kind in the store's filter table
 * (src/db/filter.ts); what a filter may hold is checked there by checkFilter, whose
 * InputError is the API's 400.
 */
import { API_FILTERS, checkFilter, type IncidentFilter, MAX_LIMIT } from '../db/filter.js';
import { FILTER_VOCAB } from '../db/filter-vocab.js';
import { hasNul, InputError, type ParamProblem } from '../db/input-error.js';

/** The filter the API accepts is the store's (src/db/filter.ts), minus review_status. */
export type { IncidentFilter } from '../db/filter.js';

export const MAX_PAGE_SIZE = MAX_LIMIT;

const KNOWN: readonly string[] = API_FILTERS.map((d) => d.name);
const KIND = new Map(API_FILTERS.map((d) => [d.name as string, d.kind]));

/** A decimal number as written in a URL ('', ' ', '0x10' and 'Infinity' are not). */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a URLSearchParams into a checked, canonical filter; throws InputError naming each bad parameter. */
export function parseFilter(params: URLSearchParams): IncidentFilter {
  const raw: Record<string, unknown> = {};
  const problems: ParamProblem[] = [];
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    const kind = KIND.get(key);
    if (!kind) {
      problems.push({ param: key, message: `not a filter (filters: ${KNOWN.join(', ')})` });
      continue;
    }
    if (values.some(hasNul)) {
      problems.push({ param: key, message: 'contains a NUL character' });
      continue;
    }
    const last = values[values.length - 1];
    if (kind === 'list') {
      raw[key] = values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean);
    } else if (kind === 'bbox') {
      // west,south,east,north; an empty part is no number (",,," is not 0,0,0,0)
      raw.bbox = last.split(',').map((p) => (DECIMAL.test(p.trim()) ? Number(p) : Number.NaN));
    } else if (kind === 'whole') {
      // digits become a number; anything else goes on as text for checkFilter to name
      raw[key] = /^\d{1,15}$/.test(last) ? Number(last) : last;
    } else {
      raw[key] = last;
    }
  }
  if (problems.length) throw new InputError(problems);
  const checked = checkFilter(raw as IncidentFilter, FILTER_VOCAB);
  // list values in their canonical spelling (iraq → IQ), so the echo and next links show what was matched
  for (const d of API_FILTERS)
    if (d.kind === 'list' && raw[d.name] !== undefined) raw[d.name] = checked[d.name] ?? [];
  return raw as IncidentFilter;
}

/** The filter back as a query string (for next-page links and the dashboard's URLs). */
export function filterToQuery(f: IncidentFilter): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      if (k === 'bbox') p.set(k, v.join(','));
      else for (const x of v) p.append(k, String(x));
    } else p.set(k, String(v));
  }
  return p.toString();
}
