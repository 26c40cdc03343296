/**
 * Names of places and actors in both languages, for display and search (not for extraction):
 * the gazetteer's Arabic name of each place id (the first of its `ar` names), the Arabic name
 * of each province, the lexicon's Arabic names of each actor, and the folded, lowercased name
 * text an incident is searched by (`q` matches "Tanf" and "التنف" alike).
 *
 * Loaded once per process from data/gazetteer/places.json and data/lexicon/actors.json.
 */
import { type ActorEntry, readDataFile } from '../lexicon/lexicon.js';
import { fold } from '../normalize/normalize.js';

export interface GazetteerPlace {
  id: string;
  name: string;
  kind: string;
  country: string;
  admin1: string | null;
  lat: number | null;
  lon: number | null;
  ar: string[];
  pop?: number;
}

interface Names {
  places: GazetteerPlace[];
  /** each place's names (English, then Arabic), folded: suggestions compare against these */
  folded: Map<GazetteerPlace, string[]>;
  byId: Map<string, GazetteerPlace>;
  /** "IQ/Anbar" → الأنبار */
  provinceAr: Map<string, string>;
  /** province name → Arabic (first country that has it) */
  admin1Ar: Map<string, string>;
  actors: ActorEntry[];
  actorByName: Map<string, ActorEntry>;
}

let loaded: Names | null = null;

/** Words that describe rather than name (محافظة X, العاصمة الأردنية): a name without one is shown first. */
const DESCRIPTOR = /^(العاصمة|محافظة|قضاء|ناحية|منطقة|ريف|بادية)\s/u;

/** The Arabic name a place is shown by: the first of its names that is not a description, else the first. */
export function displayArabic(ar: readonly string[]): string | null {
  return ar.find((a) => !DESCRIPTOR.test(a)) ?? ar[0] ?? null;
}

/** Strips a province suffix from the gazetteer's row name ("Kirkuk Governorate" → the admin1 key is on the row). */
function names(): Names {
  if (loaded) return loaded;
  const places = readDataFile<{ places: GazetteerPlace[] }>('gazetteer/places.json').places;
  const byId = new Map(places.map((p) => [p.id, p]));
  const provinceAr = new Map<string, string>();
  const admin1Ar = new Map<string, string>();
  for (const p of places) {
    if (p.kind !== 'province' || !p.admin1 || !p.ar.length) continue;
    const key = `${p.country}/${p.admin1}`;
    const ar = displayArabic(p.ar) as string;
    if (!provinceAr.has(key)) provinceAr.set(key, ar);
    if (!admin1Ar.has(p.admin1)) admin1Ar.set(p.admin1, ar);
  }
  const actors = readDataFile<{ actors: ActorEntry[] }>('lexicon/actors.json').actors;
  loaded = {
    places,
    folded: new Map(places.map((p) => [p, [p.name, ...p.ar].map(foldName)])),
    byId,
    provinceAr,
    admin1Ar,
    actors,
    actorByName: new Map(actors.map((a) => [a.name, a])),
  };
  return loaded;
}

/** Folded (Arabic-normalized) and lowercased: how both names and queries are compared. */
export function foldName(s: string): string {
  return fold(s).toLowerCase();
}

/** The Arabic name of a place id, or null when the gazetteer has none. */
export function placeArabic(placeId: string | null | undefined): string | null {
  if (!placeId) return null;
  const p = names().byId.get(placeId);
  return p ? displayArabic(p.ar) : null;
}

/** The Arabic name of a province (by country and admin1, else by admin1 alone), or null. */
export function admin1Arabic(
  country: string | null | undefined,
  admin1: string | null | undefined,
): string | null {
  if (!admin1) return null;
  const n = names();
  return n.provinceAr.get(`${country}/${admin1}`) ?? n.admin1Ar.get(admin1) ?? null;
}

/** Every province's Arabic name, keyed by admin1 (for the dashboard's labels). */
export function admin1ArabicNames(): Record<string, string> {
  return Object.fromEntries(names().admin1Ar);
}

export interface IncidentNameFields {
  place_id: string;
  place: string;
  country: string;
  admin1: string | null;
  actor: string | null;
  actor_umbrella: string | null;
}

export interface IncidentNames {
  place_ar: string | null;
  admin1_ar: string | null;
  /** place, province and actor names in both languages, folded and lowercased, space-separated */
  names_norm: string;
}

/** The names an incident is shown and searched by, from its place id, province and actors. */
export function incidentNames(r: IncidentNameFields): IncidentNames {
  const n = names();
  const place = n.byId.get(r.place_id);
  const place_ar = place ? displayArabic(place.ar) : null;
  const admin1_ar = admin1Arabic(r.country, r.admin1);
  const parts: string[] = [r.place, place?.name ?? '', ...(place?.ar ?? []), r.admin1 ?? '', admin1_ar ?? ''];
  for (const a of [r.actor, r.actor_umbrella]) {
    if (!a) continue;
    parts.push(a, ...(n.actorByName.get(a)?.ar ?? []));
  }
  const seen = new Set<string>();
  for (const p of parts) {
    const f = foldName(p);
    if (f) seen.add(f);
  }
  return { place_ar, admin1_ar, names_norm: [...seen].join(' | ') };
}

export interface PlaceSuggestion {
  id: string;
  name: string;
  ar: string | null;
  kind: string;
  country: string;
  admin1: string | null;
  lat: number | null;
  lon: number | null;
}

/** Kinds an analyst names most: a base or a city outranks a village of the same name. */
const NOTABLE = new Set(['base', 'airport', 'facility', 'city', 'country', 'province']);
const KIND_ORDER = [
  'base',
  'airport',
  'facility',
  'city',
  'country',
  'province',
  'town',
  'district',
  'region',
];

/** 3: the name is the query (less an article al-/ال), 2: a word of it starts with the query, 1: it contains it. */
function matchScore(f: string, q: string): number {
  const at = f.indexOf(q);
  if (at < 0) return 0;
  const bare = (w: string) => w.replace(/^(al-|el-|ال)/u, '');
  if (f === q || bare(f) === bare(q)) return 3;
  const words = f.split(/[\s-]+/u);
  if (words.some((w) => w.startsWith(q) || bare(w).startsWith(bare(q)))) return 2;
  return 1;
}

/** Gazetteer places whose English or Arabic name matches the query: whole names, then word starts, bases and cities first. */
export function suggestPlaces(query: string, limit = 20): PlaceSuggestion[] {
  const q = foldName(query.trim());
  if (!q) return [];
  const scored: { p: GazetteerPlace; score: number }[] = [];
  const n = names();
  for (const p of n.places) {
    let best = 0;
    for (const f of n.folded.get(p) ?? []) best = Math.max(best, matchScore(f, q));
    if (!best) continue;
    const kind = KIND_ORDER.indexOf(p.kind);
    scored.push({
      p,
      score:
        best * 100 + (NOTABLE.has(p.kind) ? 150 : 0) - (kind < 0 ? 10 : kind) + Math.log10((p.pop ?? 0) + 1),
    });
  }
  scored.sort((a, b) => b.score - a.score || a.p.id.localeCompare(b.p.id));
  return scored.slice(0, limit).map(({ p }) => ({
    id: p.id,
    name: p.name,
    ar: displayArabic(p.ar),
    kind: p.kind,
    country: p.country,
    admin1: p.admin1,
    lat: p.lat,
    lon: p.lon,
  }));
}

export interface ActorSuggestion {
  name: string;
  ar: string | null;
  umbrella: string | null;
  kind: string;
}

/** Lexicon actors whose English or Arabic name contains the query (prefix matches first). */
export function suggestActors(query: string, limit = 20): ActorSuggestion[] {
  const q = foldName(query.trim());
  const out: { a: ActorEntry; score: number }[] = [];
  for (const a of names().actors) {
    if (!q) {
      out.push({ a, score: 0 });
      continue;
    }
    let best = -1;
    for (const s of [a.name, ...a.ar]) {
      const at = foldName(s).indexOf(q);
      if (at >= 0) best = Math.max(best, at === 0 ? 2 : 1);
    }
    if (best >= 0) out.push({ a, score: best });
  }
  out.sort((x, y) => y.score - x.score || x.a.name.localeCompare(y.a.name));
  return out.slice(0, limit).map(({ a }) => ({
    name: a.name,
    ar: a.ar[0] ?? null,
    umbrella: a.umbrella ?? null,
    kind: a.kind,
  }));
}

export interface TownLabel {
  name: string;
  ar: string | null;
  lat: number;
  lon: number;
  /** 1 = the largest cities (shown from the lowest zoom), 2 and 3 smaller towns */
  rank: 1 | 2 | 3;
}

/**
 * Cities and towns with a population, largest first, for the map's offline labels (a capital
 * the gazetteer keeps as a province of its own name, Baghdad, counts as a city). One label per name.
 */
export function townLabels(limit = 400): TownLabel[] {
  const rows = names().places.filter(
    (p) =>
      (p.kind === 'city' ||
        p.kind === 'town' ||
        (p.kind === 'province' && !/Governorate|Province|Region/.test(p.name))) &&
      p.lat != null &&
      p.lon != null &&
      (p.pop ?? 0) > 0,
  );
  const byName = new Map<string, TownLabel & { pop: number }>();
  for (const p of rows) {
    const ar = displayArabic(p.ar);
    const prev = byName.get(p.name);
    // of two rows of one name, the one with a plain Arabic name (عمان, not العاصمة الأردنية عمان)
    if (prev && (prev.ar == null || !DESCRIPTOR.test(prev.ar) || (ar != null && DESCRIPTOR.test(ar))))
      continue;
    const pop = p.pop ?? 0;
    byName.set(p.name, {
      name: p.name,
      ar,
      lat: p.lat as number,
      lon: p.lon as number,
      rank: pop >= 500_000 ? 1 : pop >= 100_000 ? 2 : 3,
      pop,
    });
  }
  return [...byName.values()]
    .sort((a, b) => b.pop - a.pop)
    .slice(0, limit)
    .map(({ pop: _pop, ...t }) => t);
}

export interface BenchPlace {
  id: string;
  name: string;
  ar: string | null;
  admin1: string | null;
  admin1_ar: string | null;
  country: string;
  lat: number;
  lon: number;
}

/** Up to `n` located gazetteer places of Iraq, Syria and Jordan (largest first), for synthetic stores. */
export function benchPlaces(n = 400): BenchPlace[] {
  return names()
    .places.filter(
      (p) =>
        ['IQ', 'SY', 'JO'].includes(p.country) &&
        p.lat != null &&
        p.lon != null &&
        ['city', 'town', 'village', 'base', 'airport'].includes(p.kind),
    )
    .sort((a, b) => (b.pop ?? 0) - (a.pop ?? 0) || a.id.localeCompare(b.id))
    .slice(0, n)
    .map((p) => ({
      id: p.id,
      name: p.name,
      ar: displayArabic(p.ar),
      admin1: p.admin1,
      admin1_ar: admin1Arabic(p.country, p.admin1),
      country: p.country,
      lat: p.lat as number,
      lon: p.lon as number,
    }));
}
