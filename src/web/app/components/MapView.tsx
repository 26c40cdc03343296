/**
 * The incident map (MapLibre GL, WebGL). Offline: the style has only local GeoJSON sources —
 * countries from world-atlas (Natural Earth 1:50m) and the Iraqi and Syrian governorates
 * (src/web/app/data/governorates.json) — and no glyph server, so every label is an HTML
 * marker built with textContent: the cluster badges (a ring coloured by the share of each
 * event type, with the count), the governorate and country names. Single incidents are a
 * circle layer coloured by event type and sized by the number of sources.
 *
 * MapLibre's CSP build is used with its worker file served from this origin, so the page's
 * Content-Security-Policy needs no blob: workers.
 */
import type {
  ExpressionSpecification,
  GeoJSONSource,
  LngLatBoundsLike,
  MapGeoJSONFeature,
  Map as MapLibreMap,
  Marker as MapLibreMarker,
  Popup as MapLibrePopup,
} from 'maplibre-gl';
import maplibregl from 'maplibre-gl/dist/maplibre-gl-csp.js';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';
import governoratesUrl from '../data/governorates.json?url';
import { formatNumber, type Lang, t } from '../lib/i18n.js';
import { label } from '../lib/labels.js';
import { EVENT_TYPES, type IncidentView, TYPE_COLORS } from '../lib/types.js';

maplibregl.setWorkerUrl(workerUrl);

interface Props {
  items: IncidentView[];
  lang: Lang;
  bbox: [number, number, number, number] | null;
  onOpen: (id: string) => void;
  onBbox: (bbox: [number, number, number, number] | null) => void;
}

const REGION: LngLatBoundsLike = [
  [34.6, 29.0],
  [48.8, 37.5],
];

/** Country label points (ISO 3166-1 numeric ids of world-atlas → alpha-2 for the names). */
const COUNTRY_LABELS: { code: string; lon: number; lat: number }[] = [
  { code: 'IQ', lon: 43.6, lat: 33.0 },
  { code: 'SY', lon: 38.6, lat: 35.3 },
  { code: 'JO', lon: 36.8, lat: 31.0 },
  { code: 'KW', lon: 47.6, lat: 29.35 },
  { code: 'IR', lon: 48.2, lat: 34.6 },
  { code: 'TR', lon: 38.0, lat: 37.4 },
  { code: 'SA', lon: 42.5, lat: 29.6 },
  { code: 'LB', lon: 35.85, lat: 33.95 },
];

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

const typeIndex = (type: string) => {
  const i = (EVENT_TYPES as readonly string[]).indexOf(type);
  return i < 0 ? EVENT_TYPES.length - 1 : i;
};

function incidentsGeoJson(items: IncidentView[]) {
  return {
    type: 'FeatureCollection' as const,
    features: items
      .filter((i) => i.lat != null && i.lon != null)
      .map((i) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [i.lon as number, i.lat as number] },
        properties: { id: i.id, type: i.type, t: typeIndex(i.type), source_count: i.source_count },
      })),
  };
}

const SVG = 'http://www.w3.org/2000/svg';

/** A cluster badge: a ring of the event types' shares around the count. */
function clusterElement(counts: number[], total: number, lang: Lang): HTMLElement {
  const size = total >= 50 ? 50 : total >= 10 ? 40 : 32;
  const el = document.createElement('div');
  el.className = 'cluster';
  el.style.width = `${size}px`;
  el.style.height = `${size}px`;
  el.title = t(lang, 'cluster_title', { n: formatNumber(lang, total) });
  el.setAttribute('role', 'button');
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('viewBox', '-1 -1 2 2');
  let angle = -Math.PI / 2;
  const sum = counts.reduce((a, b) => a + b, 0) || 1;
  counts.forEach((n, k) => {
    if (!n) return;
    const a2 = angle + (2 * Math.PI * n) / sum;
    const path = document.createElementNS(SVG, 'path');
    const large = a2 - angle > Math.PI ? 1 : 0;
    const [x1, y1, x2, y2] = [Math.cos(angle), Math.sin(angle), Math.cos(a2), Math.sin(a2)];
    const d =
      n === sum
        ? 'M 1 0 A 1 1 0 1 1 -1 0 A 1 1 0 1 1 1 0 Z M 0.6 0 A 0.6 0.6 0 1 0 -0.6 0 A 0.6 0.6 0 1 0 0.6 0 Z'
        : `M ${x1} ${y1} A 1 1 0 ${large} 1 ${x2} ${y2} L ${0.6 * x2} ${0.6 * y2} A 0.6 0.6 0 ${large} 0 ${0.6 * x1} ${0.6 * y1} Z`;
    path.setAttribute('d', d);
    path.setAttribute('fill', TYPE_COLORS[EVENT_TYPES[k]] ?? '#666');
    path.setAttribute('fill-rule', 'evenodd');
    svg.appendChild(path);
    angle = a2;
  });
  const inner = document.createElementNS(SVG, 'circle');
  inner.setAttribute('r', '0.6');
  inner.setAttribute('fill', '#fff');
  svg.appendChild(inner);
  el.appendChild(svg);
  const count = document.createElement('span');
  count.className = 'cluster-count';
  count.textContent = formatNumber(lang, total);
  el.appendChild(count);
  return el;
}

function textMarker(className: string, text: string, lngLat: [number, number]): MapLibreMarker {
  const el = document.createElement('div');
  el.className = className;
  el.textContent = text;
  return new maplibregl.Marker({ element: el }).setLngLat(lngLat);
}

export function MapView({ items, lang, bbox, onOpen, onBbox }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [failed, setFailed] = useState(false);
  const [ready, setReady] = useState(false);
  const langRef = useRef(lang);
  langRef.current = lang;
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;
  const labels = useRef<{ marker: MapLibreMarker; refresh: () => void }[]>([]);
  const clusters = useRef(new Map<number, MapLibreMarker>());
  const popup = useRef<MapLibrePopup | null>(null);

  // the map, once
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let map: MapLibreMap;
    try {
      map = new maplibregl.Map({
        container: el,
        bounds: REGION,
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        style: {
          version: 8,
          sources: {
            countries: { type: 'geojson', data: EMPTY },
            governorates: { type: 'geojson', data: EMPTY },
            incidents: {
              type: 'geojson',
              data: EMPTY,
              cluster: true,
              clusterRadius: 36,
              clusterMaxZoom: 9,
              clusterProperties: {
                sources: ['+', ['get', 'source_count']],
                ...Object.fromEntries(
                  EVENT_TYPES.map((_, k) => [`t${k}`, ['+', ['case', ['==', ['get', 't'], k], 1, 0]]]),
                ),
              },
            },
          },
          layers: [
            { id: 'sea', type: 'background', paint: { 'background-color': '#dce8ef' } },
            {
              id: 'countries-fill',
              type: 'fill',
              source: 'countries',
              paint: {
                'fill-color': [
                  'case',
                  ['in', ['get', 'id'], ['literal', ['368', '760']]],
                  '#fbf8f1',
                  '#efece4',
                ],
              },
            },
            {
              id: 'governorates-line',
              type: 'line',
              source: 'governorates',
              paint: { 'line-color': '#b9b3a5', 'line-width': 0.8, 'line-dasharray': [3, 2] },
            },
            {
              id: 'countries-line',
              type: 'line',
              source: 'countries',
              paint: { 'line-color': '#8a8477', 'line-width': 1.1 },
            },
            {
              id: 'clusters-hit',
              type: 'circle',
              source: 'incidents',
              filter: ['has', 'point_count'],
              paint: { 'circle-radius': 18, 'circle-opacity': 0 },
            },
            {
              id: 'incidents',
              type: 'circle',
              source: 'incidents',
              filter: ['!', ['has', 'point_count']],
              paint: {
                'circle-color': [
                  'match',
                  ['get', 'type'],
                  ...EVENT_TYPES.flatMap((ty) => [ty, TYPE_COLORS[ty]]),
                  '#666666',
                ] as unknown as ExpressionSpecification,
                'circle-radius': ['+', 4, ['*', 3.5, ['sqrt', ['get', 'source_count']]]],
                'circle-stroke-color': '#ffffff',
                'circle-stroke-width': 1.5,
                'circle-opacity': 0.9,
              },
            },
          ],
        },
      });
    } catch {
      setFailed(true);
      return;
    }
    mapRef.current = map;
    let removed = false;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
    map.on('error', () => {
      /* a failed source load is not fatal: the rest of the map stays */
    });

    map.on('load', async () => {
      const [world, gov] = await Promise.all([
        fetch(countriesUrl).then((r) => r.json() as Promise<Topology>),
        fetch(governoratesUrl).then((r) => r.json()),
      ]).catch(() => [null, null] as const);
      if (removed) return; // the reader left the page while the base map loaded
      if (world) {
        const fc = feature(world, world.objects.countries as GeometryCollection);
        (map.getSource('countries') as GeoJSONSource | undefined)?.setData(fc);
      }
      if (gov) {
        (map.getSource('governorates') as GeoJSONSource | undefined)?.setData(gov);
        for (const f of gov.features as { properties: { admin1: string; label: [number, number] } }[]) {
          const m = textMarker('gov-label', '', f.properties.label);
          const refresh = () => {
            m.getElement().textContent = label(langRef.current, 'admin1', f.properties.admin1);
          };
          refresh();
          m.addTo(map);
          labels.current.push({ marker: m, refresh });
        }
      }
      for (const c of COUNTRY_LABELS) {
        const m = textMarker('country-label', '', [c.lon, c.lat]);
        const refresh = () => {
          m.getElement().textContent = label(langRef.current, 'country', c.code);
        };
        refresh();
        m.addTo(map);
        labels.current.push({ marker: m, refresh });
      }
      setReady(true);
    });

    // governorate names only when zoomed in enough to read them
    const zoomClass = () => el.classList.toggle('zoomed-in', map.getZoom() >= 5.6);
    map.on('zoom', zoomClass);
    zoomClass();

    // cluster badges follow the clustered source
    const updateClusters = () => {
      if (removed || !map.getSource('incidents')) return;
      const seen = new Set<number>();
      for (const f of map.querySourceFeatures('incidents')) {
        const p = f.properties as Record<string, number>;
        if (!p.cluster) continue;
        const id = p.cluster_id;
        if (seen.has(id)) continue;
        seen.add(id);
        if (clusters.current.has(id)) continue;
        const counts = EVENT_TYPES.map((_, k) => Number(p[`t${k}`]) || 0);
        const el = clusterElement(counts, Number(p.point_count), langRef.current);
        const coords = (f.geometry as GeoJSON.Point).coordinates as [number, number];
        el.addEventListener('click', async (ev) => {
          ev.stopPropagation();
          const src = map.getSource('incidents') as GeoJSONSource;
          const zoom = await src.getClusterExpansionZoom(id);
          if (!removed) map.easeTo({ center: coords, zoom: Math.min(zoom, 12) });
        });
        clusters.current.set(id, new maplibregl.Marker({ element: el }).setLngLat(coords).addTo(map));
      }
      for (const [id, m] of clusters.current)
        if (!seen.has(id)) {
          m.remove();
          clusters.current.delete(id);
        }
    };
    map.on('render', () => {
      if (map.isSourceLoaded('incidents')) updateClusters();
    });

    map.on('click', 'incidents', (e) => {
      const f = e.features?.[0] as MapGeoJSONFeature | undefined;
      if (f?.properties?.id) onOpenRef.current(String(f.properties.id));
    });
    map.on('mouseenter', 'incidents', (e) => {
      map.getCanvas().style.cursor = 'pointer';
      const f = e.features?.[0];
      if (!f) return;
      const p = f.properties as { type: string; source_count: number; id: string };
      const box = document.createElement('div');
      box.className = 'map-popup';
      const title = document.createElement('strong');
      title.textContent = label(langRef.current, 'type', p.type);
      const id = document.createElement('div');
      id.className = 'muted';
      id.textContent = p.id;
      box.append(title, id);
      popup.current?.remove();
      popup.current = new maplibregl.Popup({ closeButton: false, offset: 10 })
        .setLngLat((f.geometry as GeoJSON.Point).coordinates as [number, number])
        .setDOMContent(box)
        .addTo(map);
    });
    map.on('mouseleave', 'incidents', () => {
      map.getCanvas().style.cursor = '';
      popup.current?.remove();
      popup.current = null;
    });

    return () => {
      removed = true;
      map.remove();
      mapRef.current = null;
      labels.current = [];
      clusters.current.clear();
    };
  }, []);

  // the incidents
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    for (const m of clusters.current.values()) m.remove();
    clusters.current.clear();
    (map.getSource('incidents') as GeoJSONSource | undefined)?.setData(incidentsGeoJson(items));
  }, [items, ready]);

  // the language of the labels
  useEffect(() => {
    for (const l of labels.current) l.refresh();
    for (const m of clusters.current.values()) m.remove();
    clusters.current.clear();
    mapRef.current?.triggerRepaint();
  }, [lang]);

  const located = items.filter((i) => i.lat != null).length;
  return (
    <div class="map-wrap">
      <div class="panel-head">
        <h2>{t(lang, 'map')}</h2>
        <span class="muted">{t(lang, 'map_legend')}</span>
        {bbox ? (
          <button type="button" class="link-button" onClick={() => onBbox(null)}>
            {t(lang, 'map_area_clear')}
          </button>
        ) : (
          <button
            type="button"
            class="link-button"
            onClick={() => {
              const b = mapRef.current?.getBounds();
              if (b)
                onBbox([
                  Math.max(-180, b.getWest()),
                  Math.max(-90, b.getSouth()),
                  Math.min(180, b.getEast()),
                  Math.min(90, b.getNorth()),
                ]);
            }}
          >
            {t(lang, 'map_area_filter')}
          </button>
        )}
      </div>
      {failed ? (
        <p class="muted">{t(lang, 'map_no_webgl')}</p>
      ) : (
        <div class="map" ref={container} data-ready={ready ? 'yes' : 'no'} data-located={located} dir="ltr" />
      )}
      <ul class="legend">
        {EVENT_TYPES.filter((ty) => items.some((i) => i.type === ty)).map((ty) => (
          <li key={ty}>
            <span class="swatch" style={{ background: TYPE_COLORS[ty] }} aria-hidden="true" />
            {label(lang, 'type', ty)}
          </li>
        ))}
      </ul>
    </div>
  );
}
