/** Export of incidents: ACLED CSV, GeoJSON, JSON Lines, Parquet. Pure functions, no I/O. */
import type { IncidentView } from '../incidents/types.js';
import { type AcledOptions, acledCsv } from './acled.js';
import { COLUMN_SETS, type ColumnSet } from './flat.js';
import { geoJsonString } from './geojson.js';
import { toJsonl } from './jsonl.js';
import { toParquet } from './parquet.js';

export {
  ACLED_COLUMNS,
  type AcledColumn,
  type AcledOptions,
  type AcledRow,
  acledCsv,
  acledDate,
  acledEventType,
  acledNotes,
  INTER_NAMES,
  incidentNumber,
  interaction,
  interactionText,
  sourceNames,
  toAcledRows,
} from './acled.js';
export { csvField, csvRecord, guardFormula, toCsv } from './csv.js';
export {
  ACLED_COLUMN_TYPES,
  COLUMN_SETS,
  type ColumnSet,
  type ColumnType,
  datePrecision,
  flatColumns,
  flatRows,
  RASD_COLUMNS,
} from './flat.js';
export {
  type FeatureCollection,
  type GeoJsonOptions,
  type GeoJsonProperties,
  geoJsonString,
  type PointFeature,
  toGeoJson,
} from './geojson.js';
export { toJsonl } from './jsonl.js';
export { toParquet } from './parquet.js';

export const EXPORT_FORMATS = ['acled-csv', 'geojson', 'jsonl', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions extends AcledOptions {
  /** GeoJSON and Parquet: Rasd's fields or ACLED's columns (GeoJSON default rasd, Parquet acled) */
  columns?: ColumnSet;
}

export interface ExportedDocument<Body extends string | Uint8Array = string | Uint8Array> {
  contentType: string;
  /** text, or bytes (Parquet) */
  body: Body;
  /** file name extension, without the dot */
  extension: string;
}

/** Checks an export's options (a CLI or API value): throws naming the option and its allowed values. */
export function exportOptions(raw: { columns?: string; inter?: string }): ExportOptions {
  const out: ExportOptions = {};
  if (raw.columns !== undefined) {
    if (!(COLUMN_SETS as readonly string[]).includes(raw.columns))
      throw new RangeError(`columns: one of ${COLUMN_SETS.join(', ')}, not ${JSON.stringify(raw.columns)}`);
    out.columns = raw.columns as ColumnSet;
  }
  if (raw.inter !== undefined) {
    if (raw.inter !== 'text' && raw.inter !== 'numeric')
      throw new RangeError(`inter: one of text, numeric, not ${JSON.stringify(raw.inter)}`);
    out.inter = raw.inter;
  }
  return out;
}

/** The text formats. */
export type TextFormat = Exclude<ExportFormat, 'parquet'>;

/** The incidents as a document of the given format. */
export function exportIncidents(
  incidents: readonly IncidentView[],
  format: TextFormat,
  opts?: ExportOptions,
): ExportedDocument<string>;
export function exportIncidents(
  incidents: readonly IncidentView[],
  format: ExportFormat,
  opts?: ExportOptions,
): ExportedDocument;
export function exportIncidents(
  incidents: readonly IncidentView[],
  format: ExportFormat,
  opts?: ExportOptions,
): ExportedDocument {
  switch (format) {
    case 'acled-csv':
      return { contentType: 'text/csv; charset=utf-8', body: acledCsv(incidents, opts), extension: 'csv' };
    case 'geojson':
      return {
        contentType: 'application/geo+json',
        body: geoJsonString(incidents, opts),
        extension: 'geojson',
      };
    case 'parquet':
      return {
        contentType: 'application/vnd.apache.parquet',
        body: toParquet(incidents, opts),
        extension: 'parquet',
      };
    case 'jsonl':
      return {
        contentType: 'application/x-ndjson',
        body: toJsonl(incidents),
        extension: 'jsonl',
      };
    default:
      throw new Error(`unknown export format: ${String(format)}`);
  }
}
