/**
 * Incidents as a GeoJSON FeatureCollection (RFC 7946): one Point feature per incident
 * with coordinates, positions in [longitude, latitude] order (WGS 84, no `crs` member).
 * Properties are flat scalars (src/export/flat.ts), so that GDAL's Shapefile and GeoPackage
 * drivers turn each into a column: Rasd's fields (default; `sources` is the number of
 * source mentions, `source_urls` and `conflicts` are `; `-joined, `date_precision` says how
 * much of `date` is known), or ACLED's columns (`columns: 'acled'`, typed: numbers are
 * numbers). Incidents without coordinates are left out and counted in the foreign member
 * `skipped`.
 */
import type { IncidentView } from '../incidents/types.js';
import type { AcledOptions } from './acled.js';
import { type ColumnSet, type FlatRow, flatRows } from './flat.js';

export type GeoJsonProperties = FlatRow;

export interface PointFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: GeoJsonProperties;
}

export interface FeatureCollection {
  type: 'FeatureCollection';
  features: PointFeature[];
  /** foreign member: incidents left out for want of coordinates */
  skipped: number;
}

export interface GeoJsonOptions extends AcledOptions {
  /** the properties: Rasd's fields (default) or ACLED's columns */
  columns?: ColumnSet;
}

const isCoord = (x: number | null, limit: number): x is number =>
  typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= limit;

export function toGeoJson(incidents: readonly IncidentView[], opts: GeoJsonOptions = {}): FeatureCollection {
  const located = incidents.filter((i) => isCoord(i.lat, 90) && isCoord(i.lon, 180));
  const props = flatRows(located, opts.columns ?? 'rasd', opts);
  return {
    type: 'FeatureCollection',
    features: located.map((inc, k) => ({
      type: 'Feature',
      id: inc.id,
      geometry: { type: 'Point', coordinates: [inc.lon as number, inc.lat as number] },
      properties: props[k],
    })),
    skipped: incidents.length - located.length,
  };
}

/** The FeatureCollection as JSON text (one line, ending with `\n`). */
export function geoJsonString(incidents: readonly IncidentView[], opts?: GeoJsonOptions): string {
  return JSON.stringify(toGeoJson(incidents, opts)) + '\n';
}
