/**
 * Incidents as a GeoJSON FeatureCollection (RFC 7946): one Point feature per incident
 * with coordinates, positions in [longitude, latitude] order (WGS 84, no `crs` member).
 * Properties are the incident's fields without `sources`, plus `sources` (how many
 * source mentions) and `source_urls` (their URLs, distinct, in order). Incidents
 * without coordinates are left out and counted in the foreign member `skipped`.
 * QGIS (OGR's GeoJSON driver) reads it as a point layer; `conflicts` and `source_urls`
 * come in as string lists.
 */
import type { IncidentView } from '../store/types.js';

export type GeoJsonProperties = Omit<IncidentView, 'sources'> & { sources: number; source_urls: string[] };

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

const isCoord = (x: number | null, limit: number): x is number =>
  typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= limit;

export function toGeoJson(incidents: readonly IncidentView[]): FeatureCollection {
  const features: PointFeature[] = [];
  let skipped = 0;
  for (const inc of incidents) {
    const { lat, lon } = inc;
    if (!isCoord(lat, 90) || !isCoord(lon, 180)) {
      skipped++;
      continue;
    }
    const { sources, ...fields } = inc;
    const source_urls: string[] = [];
    for (const s of sources) if (s.url && !source_urls.includes(s.url)) source_urls.push(s.url);
    features.push({
      type: 'Feature',
      id: inc.id,
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { ...fields, sources: sources.length, source_urls },
    });
  }
  return { type: 'FeatureCollection', features, skipped };
}

/** The FeatureCollection as JSON text (one line, ending with `\n`). */
export function geoJsonString(incidents: readonly IncidentView[]): string {
  return JSON.stringify(toGeoJson(incidents)) + '\n';
}
