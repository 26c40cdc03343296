/**
 * Builds src/web/app/data/countries.json: the country outlines of the dashboard's base map,
 * cropped to the region the map can show (BASEMAP_BOX, which the map keeps as its maxBounds).
 *
 *   npx tsx scripts/build-basemap.ts
 *
 * Input: world-atlas's countries-50m.json (Natural Earth 1:50m, public domain; a dev
 * dependency). Output: GeoJSON, coordinates to 3 decimals, two kinds of feature: the countries
 * clipped to the box (properties.id, ISO 3166-1 numeric; for the fill only, as a clipped
 * polygon has the box's edge in its ring) and one `border` MultiLineString, each arc of the
 * topology once (coasts and borders, so a shared border is drawn once), clipped as lines.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { BASEMAP_BOX } from '../src/web/app/lib/basemap.js';
import { clipLine, clipRing, type Point } from '../src/web/app/lib/clip.js';

const round = (r: Point[]): Point[] => {
  const out: Point[] = [];
  for (const [x, y] of r) {
    const p: Point = [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
};

function main() {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const input = createRequire(import.meta.url).resolve('world-atlas/countries-50m.json');
  const world = JSON.parse(readFileSync(input, 'utf8')) as Topology;
  const countries = world.objects.countries as GeometryCollection;
  const features: object[] = [];
  let points = 0;
  for (const f of feature(world, countries).features) {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Point[][][];
    const kept: Point[][][] = [];
    for (const poly of polys) {
      const outer = clipRing(poly[0], BASEMAP_BOX);
      if (!outer) continue;
      const holes = poly
        .slice(1)
        .map((h) => clipRing(h, BASEMAP_BOX))
        .filter((h): h is Point[] => h !== null);
      const rings = [outer, ...holes].map(round).filter((r) => r.length >= 4);
      if (rings.length && rings[0].length >= 4) kept.push(rings);
    }
    if (!kept.length) continue;
    points += kept.flat(2).length;
    features.push({
      type: 'Feature',
      properties: { id: String(f.id) },
      geometry:
        kept.length === 1
          ? { type: 'Polygon', coordinates: kept[0] }
          : { type: 'MultiPolygon', coordinates: kept },
    });
  }
  const lines = mesh(world, countries).coordinates as Point[][];
  const border = lines
    .flatMap((l) => clipLine(l, BASEMAP_BOX))
    .map(round)
    .filter((l) => l.length >= 2);
  points += border.flat().length;
  features.push({
    type: 'Feature',
    properties: { kind: 'border' },
    geometry: { type: 'MultiLineString', coordinates: border },
  });
  const out = resolve(root, 'src/web/app/data/countries.json');
  const doc = {
    type: 'FeatureCollection',
    attribution: `Natural Earth 1:50m (public domain) via world-atlas, cropped to ${BASEMAP_BOX.join(',')}`,
    features,
  };
  writeFileSync(out, `${JSON.stringify(doc)}\n`);
  process.stderr.write(
    `${features.length - 1} countries, ${points} points: ${statSync(input).size} → ${statSync(out).size} bytes → ${out}\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
