/**
 * Incidents as flat, typed rows: every value a scalar (a string, number, boolean or null),
 * for the formats whose readers take no lists (GeoJSON properties, which Shapefile and
 * GeoPackage turn into columns, and Parquet). Two column sets: Rasd's own fields, and
 * ACLED's columns. Each column has one type, which the Parquet writer uses and the data
 * dictionary (docs/data-dictionary.md) documents.
 */
import type { IncidentView } from '../incidents/types.js';
import { ACLED_COLUMNS, type AcledColumn, type AcledOptions, acledDate, toAcledRows } from './acled.js';

export type Scalar = string | number | boolean | null;
export type ColumnType = 'string' | 'int' | 'double' | 'boolean' | 'date' | 'timestamp';
export type FlatRow = Record<string, Scalar>;

export const COLUMN_SETS = ['rasd', 'acled'] as const;
export type ColumnSet = (typeof COLUMN_SETS)[number];

/** How precise an incident's date is: day (YYYY-MM-DD), month (YYYY-MM), year (YYYY), or null. */
export function datePrecision(date: string | null): 'day' | 'month' | 'year' | null {
  return acledDate(date).precision;
}

/** The distinct URLs of an incident's sources, in order. */
export function sourceUrls(inc: Pick<IncidentView, 'sources'>): string[] {
  const out: string[] = [];
  for (const s of inc.sources) if (s.url && !out.includes(s.url)) out.push(s.url);
  return out;
}

/** Lists in one cell are joined by this (as ACLED joins its sources). */
export const LIST_SEPARATOR = '; ';

interface RasdColumn {
  name: string;
  type: ColumnType;
  get: (inc: IncidentView) => Scalar;
}

/** Rasd's fields, flat: the incident without its sources, which become a count and a list of URLs. */
export const RASD_COLUMNS: readonly RasdColumn[] = [
  { name: 'id', type: 'string', get: (i) => i.id },
  { name: 'type', type: 'string', get: (i) => i.type },
  { name: 'date', type: 'string', get: (i) => i.date },
  { name: 'date_precision', type: 'string', get: (i) => datePrecision(i.date) },
  { name: 'place', type: 'string', get: (i) => i.place },
  { name: 'place_id', type: 'string', get: (i) => i.place_id },
  { name: 'lat', type: 'double', get: (i) => i.lat },
  { name: 'lon', type: 'double', get: (i) => i.lon },
  { name: 'geo_precision', type: 'int', get: (i) => i.geo_precision },
  { name: 'country', type: 'string', get: (i) => i.country },
  { name: 'admin1', type: 'string', get: (i) => i.admin1 },
  { name: 'actor', type: 'string', get: (i) => i.actor },
  { name: 'actor_umbrella', type: 'string', get: (i) => i.actor_umbrella },
  { name: 'target', type: 'string', get: (i) => i.target },
  // the gazetteer row whose hosted forces the target is, when no source states one (rule site-hosts)
  { name: 'target_implied_by', type: 'string', get: (i) => i.implied?.target?.place_id ?? null },
  { name: 'weapon', type: 'string', get: (i) => i.weapon },
  { name: 'munitions', type: 'int', get: (i) => i.munitions },
  { name: 'killed', type: 'int', get: (i) => i.killed },
  { name: 'injured', type: 'int', get: (i) => i.injured },
  { name: 'intercepted', type: 'boolean', get: (i) => i.intercepted },
  { name: 'source_count', type: 'int', get: (i) => i.source_count },
  { name: 'sources', type: 'int', get: (i) => i.sources.length },
  { name: 'source_urls', type: 'string', get: (i) => sourceUrls(i).join(LIST_SEPARATOR) },
  { name: 'conflicts', type: 'string', get: (i) => i.conflicts.join(LIST_SEPARATOR) },
  { name: 'review_status', type: 'string', get: (i) => i.review_status },
  { name: 'pinned', type: 'boolean', get: (i) => i.pinned ?? false },
  { name: 'updated_at', type: 'timestamp', get: (i) => i.updated_at },
];

/** The type of each ACLED column in typed formats (with inter: 'numeric', inter1/inter2/interaction are int). */
export const ACLED_COLUMN_TYPES: Readonly<Record<AcledColumn, ColumnType>> = Object.fromEntries(
  ACLED_COLUMNS.map((c) => [c, 'string']),
) as Record<AcledColumn, ColumnType>;
Object.assign(ACLED_COLUMN_TYPES, {
  event_date: 'date',
  year: 'int',
  time_precision: 'int',
  iso: 'int',
  latitude: 'double',
  longitude: 'double',
  geo_precision: 'int',
  fatalities: 'int',
  timestamp: 'int',
});

const NUMERIC_INTER: readonly AcledColumn[] = ['inter1', 'inter2', 'interaction'];

/** The columns of a set and their types. */
export function flatColumns(set: ColumnSet, opts?: AcledOptions): { name: string; type: ColumnType }[] {
  if (set === 'rasd') return RASD_COLUMNS.map(({ name, type }) => ({ name, type }));
  return ACLED_COLUMNS.map((name) => ({
    name,
    type: opts?.inter === 'numeric' && NUMERIC_INTER.includes(name) ? 'int' : ACLED_COLUMN_TYPES[name],
  }));
}

/** A typed cell of an ACLED row: '' in a column that is not text is null. */
function typedCell(text: string, type: ColumnType): Scalar {
  if (type === 'string') return text;
  if (text === '') return null;
  if (type === 'int' || type === 'double') return Number(text);
  return text;
}

/** The incidents as flat rows of a column set. */
export function flatRows(incidents: readonly IncidentView[], set: ColumnSet, opts?: AcledOptions): FlatRow[] {
  if (set === 'rasd')
    return incidents.map((inc) => Object.fromEntries(RASD_COLUMNS.map((c) => [c.name, c.get(inc)])));
  const cols = flatColumns('acled', opts);
  return toAcledRows(incidents, opts).map((row) =>
    Object.fromEntries(cols.map((c) => [c.name, typedCell(row[c.name as AcledColumn], c.type)])),
  );
}
