/**
 * The response options of the API: query parameters starting with `_` that steer the
 * response, not the filter (the filters are the store's table, src/db/filter.ts). Each is
 * defined once here: its OpenAPI parameter (src/api/openapi.ts) and how app.ts reads it, with
 * a 400 naming it when its value is bad.
 */
import { checkFilter } from '../db/filter.js';
import { InputError } from '../db/input-error.js';
import { COLUMN_SETS } from '../export/flat.js';
import { type ExportOptions, exportOptions } from '../export/index.js';

export interface ResponseOption {
  name: string;
  description: string;
  schema: Record<string, unknown>;
}

const FLAG = { type: 'string', enum: ['0', '1'] };
const opt = (name: string, description: string, schema: Record<string, unknown>): ResponseOption => ({
  name,
  description,
  schema,
});

/** Every response option, by name. */
export const OPTIONS = {
  _facets: opt('_facets', 'with 1: facet counts (the top values of each list filter) in `facets`', FLAG),
  _count: opt(
    '_count',
    'with 1: the number of every matching incident in `total` (not only this page)',
    FLAG,
  ),
  _days: opt('_days', 'with 1: counts per day too (`per_day`), for a timeline', FLAG),
  _dates: opt(
    '_dates',
    'with 1: every incident per date as dated (`per_date`: YYYY-MM-DD, YYYY-MM, YYYY or null for undated)',
    FLAG,
  ),
  _stream: opt(
    '_stream',
    'with 1: every matching row, not one page, streamed as it is read (no limit; gzip when accepted)',
    FLAG,
  ),
  _zoom: opt('_zoom', 'map zoom level: the grid cells are about 60 px at it (default 5)', {
    type: 'number',
    minimum: 0,
    maximum: 22,
  }),
  _view: opt(
    '_view',
    'the map view west,south,east,north in degrees (default the world; west > east crosses 180°)',
    { type: 'string', pattern: '^[^,]+,[^,]+,[^,]+,[^,]+$' },
  ),
  _columns: opt(
    '_columns',
    "GeoJSON properties / Parquet columns: Rasd's fields (rasd; GeoJSON's default) or ACLED's columns (acled; Parquet's default)",
    { type: 'string', enum: COLUMN_SETS },
  ),
  _inter: opt(
    '_inter',
    'ACLED inter1, inter2 and interaction as ACLED text (text, the default) or numeric codes (numeric)',
    { type: 'string', enum: ['text', 'numeric'] },
  ),
} as const satisfies Record<string, ResponseOption>;

export type OptionName = keyof typeof OPTIONS;

/** A flag option: absent, '' or 0 is false, 1 true; anything else is a 400 naming it. */
export function flag(url: URL, name: '_facets' | '_count' | '_days' | '_dates' | '_stream'): boolean {
  const v = url.searchParams.get(name);
  if (v == null || v === '' || v === '0') return false;
  if (v === '1') return true;
  throw new InputError(name, 'expected 0 or 1');
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** A number read strictly (a query parameter of its own), or null when absent; a bad one is a 400 naming it. */
export function numberParam(url: URL, name: string, min: number, max: number): number | null {
  const v = url.searchParams.get(name);
  if (v == null || v === '') return null;
  const n = NUMBER.test(v.trim()) ? Number(v) : Number.NaN;
  if (!Number.isFinite(n) || n < min || n > max)
    throw new InputError(name, `expected a number from ${min} to ${max}`);
  return n;
}

/** `_zoom` (default 5). */
export function zoomOption(url: URL): number {
  return numberParam(url, '_zoom', 0, 22) ?? 5;
}

/** `_view` (default the world), checked as the bbox filter is. */
export function viewOption(url: URL): [number, number, number, number] {
  const v = url.searchParams.get('_view');
  if (v == null || v === '') return [-180, -90, 180, 90];
  const box = v.split(',').map((p) => (NUMBER.test(p.trim()) ? Number(p) : Number.NaN));
  try {
    return checkFilter({ bbox: box as [number, number, number, number] }).bbox as [
      number,
      number,
      number,
      number,
    ];
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new InputError('_view', err.details[0]?.message ?? 'expected west,south,east,north');
  }
}

/** `_columns` (rasd, acled) and `_inter` (text, numeric) of an export. */
export function exportOptionsOf(url: URL): ExportOptions {
  const columns = url.searchParams.get('_columns') ?? undefined;
  const inter = url.searchParams.get('_inter') ?? undefined;
  try {
    return exportOptions({ columns, inter });
  } catch (err) {
    const m = (err as Error).message;
    throw new InputError(`_${m.slice(0, m.indexOf(':'))}`, m.slice(m.indexOf(':') + 2));
  }
}

/** The option's OpenAPI parameter. */
export function optionParameter(name: OptionName): Record<string, unknown> {
  const o = OPTIONS[name];
  return { name: o.name, in: 'query', description: o.description, schema: o.schema };
}
