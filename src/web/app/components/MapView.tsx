/**
 * The incident map (MapLibre GL, WebGL). Every incident that matches is on it: the API counts
 * them per grid cell for the current zoom and view (/api/map), so the page only ever holds a
 * few hundred clusters whatever the size of the store. Offline: the style has only local
 * GeoJSON sources — countries from world-atlas (Natural Earth 1:50m) cropped to the box the
 * map can show (src/web/app/data/countries.json, scripts/build-basemap.ts) and the Iraqi and
 * Syrian governorates (src/web/app/data/governorates.json) — and no glyph server, so every
 * label is an HTML marker built with textContent: clusters and single incidents (buttons, so
 * the keyboard reaches them), town names from the gazetteer (/api/towns, more of them as the
 * reader zooms in), governorate and country names. A scale bar; popups open on click or tap.
 *
 * MapLibre's CSP build is used with its worker file served from this origin, so the page's
 * Content-Security-Policy needs no blob: workers.
 */
import type {
  LngLatBoundsLike,
  Map as MapLibreMap,
  Marker as MapLibreMarker,
  Popup as MapLibrePopup,
} from 'maplibre-gl';
import maplibregl from 'maplibre-gl/dist/maplibre-gl-csp.js';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import countriesUrl from '../data/countries.json?url';
import governoratesUrl from '../data/governorates.json?url';
import { ApiFailure, api } from '../lib/api.js';
import { BASEMAP_BOX } from '../lib/basemap.js';
import { formatDate, formatNumber, type Lang, t } from '../lib/i18n.js';
import { placeLabels } from '../lib/label-collision.js';
import { label, placeLabel } from '../lib/labels.js';
import {
  EVENT_TYPES,
  type IncidentView,
  type MapCluster,
  type MapResponse,
  TYPE_COLORS,
} from '../lib/types.js';

maplibregl.setWorkerUrl(workerUrl);

interface Props {
  /** the view's filters as a query string (the API's parameters) */
  query: string;
  lang: Lang;
  bbox: [number, number, number, number] | null;
  onOpen: (id: string) => void;
  incidentHref: (id: string) => string;
  onBbox: (bbox: [number, number, number, number] | null) => void;
  onError: (e: ApiFailure | null) => void;
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

/** Which name stays when two collide (lower first): countries, cities, governorates, towns. */
const PRIORITY = { country: 0, town1: 1, governorate: 2, town2: 3, town3: 4 } as const;

const SVG = 'http://www.w3.org/2000/svg';

/** A cluster badge: a ring of the event types' shares around the count. */
function clusterElement(counts: number[], total: number, lang: Lang): HTMLElement {
  const size = total >= 1000 ? 58 : total >= 50 ? 50 : total >= 10 ? 40 : 32;
  const el = document.createElement('button');
  el.type = 'button';
  el.className = 'cluster';
  el.dataset.count = String(total);
  el.style.width = `${size}px`;
  el.style.height = `${size}px`;
  el.title = t(lang, 'cluster_title', { n: formatNumber(lang, total) });
  el.setAttribute('aria-label', t(lang, 'cluster_label', { n: formatNumber(lang, total) }));
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

/** A single incident: a dot of its type's colour, sized by its sources. */
function pointElement(c: MapCluster, lang: Lang): HTMLElement {
  const type = Object.keys(c.types)[0] ?? 'Attack';
  const size = Math.round(10 + 5 * Math.sqrt(c.sources || 1));
  const el = document.createElement('button');
  el.type = 'button';
  el.className = 'point';
  el.dataset.count = '1';
  el.dataset.id = c.id ?? '';
  el.style.width = `${size}px`;
  el.style.height = `${size}px`;
  el.style.background = TYPE_COLORS[type] ?? '#666';
  el.title = label(lang, 'type', type);
  el.setAttribute('aria-label', `${t(lang, 'point_label')}: ${label(lang, 'type', type)}`);
  return el;
}

/** The popup of one incident: date, type, place, actor, casualties and a link to its page. */
function popupContent(inc: IncidentView, lang: Lang, href: string, onOpen: () => void): HTMLElement {
  const box = document.createElement('div');
  box.className = 'map-popup';
  box.dir = lang === 'ar' ? 'rtl' : 'ltr';
  const title = document.createElement('strong');
  title.textContent = label(lang, 'type', inc.type);
  const when = document.createElement('bdi');
  when.className = 'date';
  when.textContent = formatDate(lang, inc.date) || t(lang, 'unknown');
  const line = (...parts: (string | Node)[]) => {
    const d = document.createElement('div');
    d.append(...parts);
    return d;
  };
  box.append(title, line(when), line(placeLabel(lang, inc)));
  if (inc.actor) box.append(line(label(lang, 'actor', inc.actor)));
  if (inc.killed != null || inc.injured != null)
    box.append(
      line(
        t(lang, 'popup_casualties', {
          killed: inc.killed == null ? t(lang, 'none') : formatNumber(lang, inc.killed),
          injured: inc.injured == null ? t(lang, 'none') : formatNumber(lang, inc.injured),
        }),
      ),
    );
  const a = document.createElement('a');
  a.href = href;
  a.textContent = t(lang, 'popup_open');
  a.addEventListener('click', (e) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    onOpen();
  });
  box.append(line(a));
  return box;
}

function textMarker(className: string, text: string, lngLat: [number, number]): MapLibreMarker {
  const el = document.createElement('div');
  el.className = className;
  el.textContent = text;
  // a name on the base map, not a control: MapLibre would make it a "Map marker" button
  el.setAttribute('aria-hidden', 'true');
  el.setAttribute('role', 'none');
  return new maplibregl.Marker({ element: el }).setLngLat(lngLat);
}

interface Town {
  name: string;
  ar: string | null;
  lat: number;
  lon: number;
  rank: 1 | 2 | 3;
}

/** The view's bounds for the API: west,south,east,north inside the world. */
function viewOf(map: MapLibreMap): string {
  const b = map.getBounds();
  const r = (n: number) => Math.round(n * 1000) / 1000;
  const w = Math.max(-180, b.getWest());
  const e = Math.min(180, b.getEast());
  return [r(w), r(Math.max(-90, b.getSouth())), r(e), r(Math.min(90, b.getNorth()))].join(',');
}

export function MapView({ query, lang, bbox, onOpen, incidentHref, onBbox, onError }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [failed, setFailed] = useState(false);
  /** the map exists (its camera is set): the clusters can be asked for */
  const [started, setStarted] = useState(false);
  /** the base map's names are on it */
  const [ready, setReady] = useState(false);
  const [data, setData] = useState<MapResponse | null>(null);
  const [camera, setCamera] = useState(0);
  const langRef = useRef(lang);
  langRef.current = lang;
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;
  const hrefRef = useRef(incidentHref);
  hrefRef.current = incidentHref;
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  /** the base map's names, with their priority when they collide (lower first) */
  const labels = useRef<{ marker: MapLibreMarker; refresh: () => void; priority: number }[]>([]);
  const markers = useRef<MapLibreMarker[]>([]);
  const placeNamesRef = useRef<() => void>(() => {});
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
        // the country outlines are cropped to this box: nothing beyond it is ever shown
        maxBounds: BASEMAP_BOX,
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        style: {
          version: 8,
          sources: {
            countries: { type: 'geojson', data: EMPTY },
            governorates: { type: 'geojson', data: EMPTY },
          },
          layers: [
            { id: 'sea', type: 'background', paint: { 'background-color': '#dce8ef' } },
            {
              id: 'countries-fill',
              type: 'fill',
              source: 'countries',
              filter: ['has', 'id'],
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
              // the arcs, each once: a polygon cut at the box has the box's edge in its ring
              filter: ['==', ['get', 'kind'], 'border'],
              paint: { 'line-color': '#8a8477', 'line-width': 1.1 },
            },
          ],
        },
      });
    } catch {
      setFailed(true);
      return;
    }
    mapRef.current = map;
    setStarted(true);
    let removed = false;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
    map.on('error', () => {
      /* a failed source load is not fatal: the rest of the map stays */
    });

    // the base map's data is fetched while MapLibre starts its worker and style, not after
    const baseData = Promise.all([
      fetch(countriesUrl).then((r) => r.json()),
      fetch(governoratesUrl).then((r) => r.json()),
      api.get<{ items: Town[] }>('/api/towns').then((r) => r.items),
    ]).catch(() => [null, null, null] as const);
    map.on('load', async () => {
      const [world, gov, towns] = await baseData;
      if (removed) return; // the reader left the page while the base map loaded
      if (world) (map.getSource('countries') as maplibregl.GeoJSONSource | undefined)?.setData(world);
      if (gov) {
        (map.getSource('governorates') as maplibregl.GeoJSONSource | undefined)?.setData(gov);
        for (const f of gov.features as { properties: { admin1: string; label: [number, number] } }[]) {
          const m = textMarker('gov-label', '', f.properties.label);
          const refresh = () => {
            m.getElement().textContent = label(langRef.current, 'admin1', f.properties.admin1);
          };
          refresh();
          m.addTo(map);
          labels.current.push({ marker: m, refresh, priority: PRIORITY.governorate });
        }
      }
      for (const town of towns ?? []) {
        const m = textMarker(`town-label rank-${town.rank}`, '', [town.lon, town.lat]);
        const refresh = () => {
          m.getElement().textContent = langRef.current === 'ar' ? (town.ar ?? town.name) : town.name;
        };
        refresh();
        m.addTo(map);
        labels.current.push({ marker: m, refresh, priority: PRIORITY[`town${town.rank}`] });
      }
      for (const c of COUNTRY_LABELS) {
        const m = textMarker('country-label', '', [c.lon, c.lat]);
        const refresh = () => {
          m.getElement().textContent = label(langRef.current, 'country', c.code);
        };
        refresh();
        m.addTo(map);
        labels.current.push({ marker: m, refresh, priority: PRIORITY.country });
      }
      placeNames();
      setReady(true);
    });

    // no two names over each other: the more important one stays (MapLibre's own symbol
    // collision needs glyphs, which an offline map without a glyph server has not got)
    placeNamesRef.current = placeNames;
    function placeNames() {
      const items = labels.current;
      for (const l of items) l.marker.getElement().classList.remove('label-hidden');
      const boxes = items.map((l) => {
        const el = l.marker.getElement();
        const [width, height] = [el.offsetWidth, el.offsetHeight]; // 0 when hidden at this zoom
        const p = map.project(l.marker.getLngLat());
        return { x: p.x - width / 2, y: p.y - height / 2, width, height, priority: l.priority };
      });
      placeLabels(boxes).forEach((shown, k) => {
        if (!shown && boxes[k].width > 0) items[k].marker.getElement().classList.add('label-hidden');
      });
    }

    // more names as the reader zooms in: governorates from 5, towns by size
    const zoomClass = () => {
      const z = map.getZoom();
      el.classList.toggle('zoom-5', z >= 5);
      el.classList.toggle('zoom-6', z >= 6.2);
      el.classList.toggle('zoom-7', z >= 7.2);
    };
    map.on('zoom', zoomClass);
    zoomClass();
    map.on('moveend', () => {
      placeNames();
      setCamera((n) => n + 1);
    });

    return () => {
      removed = true;
      map.remove();
      mapRef.current = null;
      labels.current = [];
      markers.current = [];
    };
  }, []);

  // the clusters of this view, counted by the API (asked for as soon as the camera is set,
  // while the style, the worker and the base map's names still load)
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !started) return;
    const ctl = new AbortController();
    const zoom = Math.round(map.getZoom() * 2) / 2;
    const path = `/api/map?${query}${query ? '&' : ''}_zoom=${zoom}&_view=${viewOf(map)}`;
    const timer = setTimeout(() => {
      api
        .get<MapResponse>(path, ctl.signal)
        .then((d) => {
          setData(d);
          onErrorRef.current(null);
        })
        .catch((e: unknown) => {
          if ((e as Error).name === 'AbortError') return;
          onErrorRef.current(e instanceof ApiFailure ? e : new ApiFailure(0, 'error', String(e)));
        });
    }, 60);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [query, started, camera]);

  // the markers: clusters zoom in, a single incident opens its popup
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    for (const m of markers.current) m.remove();
    markers.current = [];
    for (const c of data?.clusters ?? []) {
      let el: HTMLElement;
      if (c.count === 1 && c.id) {
        el = pointElement(c, lang);
        const id = c.id;
        el.addEventListener('click', async (ev) => {
          ev.stopPropagation();
          popup.current?.remove();
          let inc: IncidentView;
          try {
            inc = await api.get<IncidentView>(`/api/incidents/${encodeURIComponent(id)}`);
          } catch {
            return;
          }
          if (mapRef.current !== map) return;
          popup.current = new maplibregl.Popup({ closeButton: true, offset: 12, focusAfterOpen: true })
            .setLngLat([c.lon, c.lat])
            .setDOMContent(
              popupContent(inc, langRef.current, hrefRef.current(id), () => onOpenRef.current(id)),
            )
            .addTo(map);
        });
      } else {
        const counts = EVENT_TYPES.map((ty) => c.types[ty] ?? 0);
        el = clusterElement(counts, c.count, lang);
        el.addEventListener('click', (ev) => {
          ev.stopPropagation();
          map.easeTo({ center: [c.lon, c.lat], zoom: Math.min(map.getZoom() + 2, 14) });
        });
      }
      markers.current.push(new maplibregl.Marker({ element: el }).setLngLat([c.lon, c.lat]).addTo(map));
    }
  }, [data, lang]);

  // the language of the labels (their widths change: placed again)
  useEffect(() => {
    for (const l of labels.current) l.refresh();
    placeNamesRef.current();
    popup.current?.remove();
  }, [lang]);

  const types = new Set((data?.clusters ?? []).flatMap((c) => Object.keys(c.types)));
  return (
    <div class="map-wrap">
      <div class="panel-head">
        <h2>{t(lang, 'map')}</h2>
        <span class="muted" aria-live="polite">
          {data ? t(lang, 'map_located', { n: formatNumber(lang, data.located) }) : t(lang, 'map_loading')}
          {data && data.unlocated > 0
            ? ` — ${t(lang, 'map_unlocated', { n: formatNumber(lang, data.unlocated) })}`
            : ''}
        </span>
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
        <div
          class="map"
          ref={container}
          data-ready={ready ? 'yes' : 'no'}
          data-located={data?.located ?? ''}
          data-unlocated={data?.unlocated ?? ''}
          data-query={query}
          dir="ltr"
        />
      )}
      <p class="muted small">{t(lang, 'map_legend')}</p>
      <ul class="legend">
        {EVENT_TYPES.filter((ty) => types.has(ty)).map((ty) => (
          <li key={ty}>
            <span class="swatch" style={{ background: TYPE_COLORS[ty] }} aria-hidden="true" />
            {label(lang, 'type', ty)}
          </li>
        ))}
      </ul>
    </div>
  );
}
