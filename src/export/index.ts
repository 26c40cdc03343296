/** Export of incidents: ACLED CSV, GeoJSON, JSON Lines. Pure functions, no I/O. */
import type { IncidentView } from '../store/types.js';
import { type AcledOptions, acledCsv } from './acled.js';
import { geoJsonString } from './geojson.js';
import { toJsonl } from './jsonl.js';

export {
  ACLED_COLUMNS,
  type AcledColumn,
  type AcledOptions,
  type AcledRow,
  acledCsv,
  acledDate,
  acledEventType,
  acledNotes,
  incidentNumber,
  interaction,
  sourceNames,
  toAcledRows,
} from './acled.js';
export { csvField, csvRecord, guardFormula, toCsv } from './csv.js';
export {
  type FeatureCollection,
  type GeoJsonProperties,
  geoJsonString,
  type PointFeature,
  toGeoJson,
} from './geojson.js';
export { toJsonl } from './jsonl.js';

export const EXPORT_FORMATS = ['acled-csv', 'geojson', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedDocument {
  contentType: string;
  body: string;
  /** file name extension, without the dot */
  extension: string;
}

/** The incidents as a document of the given format. */
export function exportIncidents(
  incidents: readonly IncidentView[],
  format: ExportFormat,
  opts?: AcledOptions,
): ExportedDocument {
  switch (format) {
    case 'acled-csv':
      return { contentType: 'text/csv; charset=utf-8', body: acledCsv(incidents, opts), extension: 'csv' };
    case 'geojson':
      return { contentType: 'application/geo+json', body: geoJsonString(incidents), extension: 'geojson' };
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
