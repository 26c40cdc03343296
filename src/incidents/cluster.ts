/**
 * Incident coreference and clustering: the one algorithm that decides which event mentions
 * (records of different articles) report the same real-world incident. `rasd extract`,
 * `rasd eval` (through `linkIncidents`) and the store (through `reassign`) all call it, so the
 * grouping that is scored is the grouping that ships.
 *
 * Coreference on positive evidence. Two mentions of different articles may be one incident
 * when each of these holds, and every piece is named in the result (`Evidence`):
 * - date: the same day (`date:same-day`); one day apart when the earlier report is in the
 *   evening or at night or the later one at dawn, as reports of an attack after midnight date
 *   it on either calendar day (`date:night-window`); a month-level date
 *   contains the day or month of the other (`date:within-month`). Undated and year-only
 *   reports never link.
 * - place: the same place (`place:same`); one nested in the other, a facility in an airport,
 *   a base in a city, anything in a province (`place:nested`); within a distance fitting
 *   their precision (`place:near`); or a little farther when the reports share a casualty
 *   count (`place:near-shared-toll`); places in two countries only near their border and with
 *   a shared casualty count (`place:across-border-shared-toll`).
 * - weapon: the same, of one family, or a platform and its munitions (`weapon:*`), or one
 *   unknown; actor: the same, a member and its umbrella, or one unknown (`actor:*`);
 *   outcome: not foiled in one and landed in the other.
 * - shared numbers (munitions, killed, injured) are recorded as supporting evidence.
 * A report with only a month and only a province links to nothing: too little to tell one
 * incident from another.
 *
 * Clustering (per connected component of the link graph, deterministic in the set of
 * mentions, not their order):
 * 1. precise mentions (a day and a place finer than a province) are visited in a fixed total
 *    order; each joins the cluster it links to, contradicts no member of and holds no other
 *    mention of its article — the one with the most evidence, then the nearest, then the
 *    closest in time; otherwise it starts one;
 * 2. a coarse mention (month-only date or province-only place) joins a cluster holding a
 *    precise mention only when that cluster is its only candidate. Rounds repeat while one
 *    joins (a coarse mention may link to the cluster through another that just joined);
 * 3. the coarse mentions left: those with several candidates stay alone, flagged for review
 *    ("may be one of N"); those with none cluster among themselves as in 1.
 *
 * Candidates come from a bucket index (day window × 0.5° grid cell, province for
 * province-only places): no mention is compared with every other one.
 */
import { createHash } from 'node:crypto';
import type { PlaceKind } from '../lexicon/lexicon.js';
import { readDataFile } from '../lexicon/lexicon.js';
import { distanceKm, sitesNest } from '../places/places.js';

/** What coreference reads of a mention: an event record of one article, or a stored mention. */
export interface ClusterMention {
  article_id: string;
  idx: number;
  type: string;
  date: string | null;
  /** the report puts the event in the evening, at night or at dawn ('evening' | 'night' | 'dawn') */
  part_of_day?: string | null;
  place: string;
  place_id: string;
  /** the kind of place (base, airport, city …) when the caller knows it; else read from the gazetteer */
  place_kind?: string | null;
  lat: number | null;
  lon: number | null;
  geo_precision: 1 | 2 | 3;
  country: string;
  admin1: string | null;
  actor: string | null;
  actor_umbrella?: string | null;
  weapon: string | null;
  munitions: number | null;
  killed: number | null;
  injured: number | null;
  intercepted: boolean | null;
}

export type EvidenceRule =
  | 'date:same-day'
  | 'date:night-window'
  | 'date:within-month'
  | 'date:same-month'
  | 'place:same'
  | 'place:nested'
  | 'place:near'
  | 'place:near-shared-toll'
  | 'place:across-border-shared-toll'
  | 'weapon:same'
  | 'weapon:same-family'
  | 'weapon:platform-munition'
  | 'actor:same'
  | 'actor:umbrella'
  | 'actor:same-umbrella'
  | 'outcome:sources-disagree'
  | 'numbers:shared';

export interface Evidence {
  rule: EvidenceRule;
  /** what the rule saw, e.g. "Tower 22 ⊂ Anbar Governorate", "killed 3" */
  detail?: string;
}

export type Link =
  | { ok: true; evidence: Evidence[]; km: number | null; days: number | null }
  | { ok: false; reason: string };

// ------------------------------------------------------------------ parameters (data file)

interface CoreferenceFile {
  radius_km: Record<'1' | '2', number>;
  supported_radius_km: number;
  extent_km: Partial<Record<PlaceKind, number>>;
  weapon_families: Record<string, string[]>;
  platform_munitions: Record<string, string[]>;
}

const PARAMS = readDataFile<CoreferenceFile>('coreference.json');
const FAMILY = new Map<string, string>();
for (const [fam, ws] of Object.entries(PARAMS.weapon_families)) for (const w of ws) FAMILY.set(w, fam);
/** The family of a weapon (rocket and missile are one; drone and aircraft another); a weapon not listed is its own. */
export function weaponFamily(weapon: string): string {
  return FAMILY.get(weapon) ?? weapon;
}
/** The farthest two precise places may be and still link: the reach of the candidate grid. */
export const MAX_LINK_KM = Math.max(PARAMS.supported_radius_km, PARAMS.radius_km['2']);

let kinds: Map<string, PlaceKind> | undefined;
const within = new Map<string, string>();
function loadKinds(): Map<string, PlaceKind> {
  if (!kinds) {
    kinds = new Map();
    try {
      const gz = readDataFile<{ places: { id: string; kind: PlaceKind; within?: string }[] }>(
        'gazetteer/places.json',
      );
      for (const p of gz.places) {
        kinds.set(p.id, p.kind);
        if (p.within) within.set(p.id, p.within);
      }
    } catch {
      // no gazetteer: places nest by province only
    }
  }
  return kinds;
}
/** The gazetteer kind of a place id (base, airport, city …), or null when unknown. */
export function placeKind(placeId: string): PlaceKind | null {
  return loadKinds().get(placeId) ?? null;
}
/** The curated site a place lies in or belongs to (gazetteer `within`), or null. */
export function placeWithin(placeId: string): string | null {
  loadKinds();
  return within.get(placeId) ?? null;
}

function extentKm(m: ClusterMention): number {
  const k = (m.place_kind as PlaceKind | null | undefined) ?? placeKind(m.place_id);
  return Math.min(k ? (PARAMS.extent_km[k] ?? 0) : 0, MAX_LINK_KM);
}

// ------------------------------------------------------------------ the evidence rules

const DAY_MS = 86_400_000;
const isDay = (d: string | null): d is string => d != null && d.length === 10;
const isMonth = (d: string | null): d is string => d != null && d.length === 7;

/** Whole days from a to b (both YYYY-MM-DD). */
export function dayDiff(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** A month-only date and a province-only place: too little to tell one incident from another. */
export function tooVague(m: ClusterMention): boolean {
  return isMonth(m.date) && m.geo_precision === 3;
}

/** A mention too coarse to be joined on its own evidence: a month-only date or a province-only place. */
export function isCoarse(m: ClusterMention): boolean {
  return isMonth(m.date) || m.geo_precision === 3;
}

type Rule = { ok: true; evidence: Evidence[] } | { ok: false; reason: string };
const yes = (...evidence: Evidence[]): Rule => ({ ok: true, evidence });
const no = (reason: string): Rule => ({ ok: false, reason });
// the verdicts of a rule asked quietly (`q`: only whether it holds, no evidence built)
const OK: Rule & { days?: null; km?: null } = Object.freeze({ ok: true, evidence: [] as Evidence[] });
const NO: Rule = Object.freeze({ ok: false, reason: '' });

const dark = (m: ClusterMention) => m.part_of_day === 'evening' || m.part_of_day === 'night';

/**
 * Reports a calendar day apart may tell one night: the earlier says the evening or night, the
 * later the day itself or its dawn (two reports of one part of day are a day apart in time).
 */
function nightWindow(early: ClusterMention, late: ClusterMention): boolean {
  return (dark(early) && !dark(late)) || (late.part_of_day === 'dawn' && early.part_of_day !== 'dawn');
}

/** Dates agree to their precision: the same day, a night one day apart, a month containing the other. */
export function dateEvidence(
  a: ClusterMention,
  b: ClusterMention,
  q = false,
): Rule & { days?: number | null } {
  if (!a.date || !b.date) return q ? NO : no('date:undated');
  if (a.date.length === 4 || b.date.length === 4) return q ? NO : no('date:year-only');
  if (isDay(a.date) && isDay(b.date)) {
    const d = Math.abs(dayDiff(a.date, b.date));
    if (d === 0) return q ? OK : { ...yes({ rule: 'date:same-day', detail: a.date }), days: 0 };
    const [early, late] = a.date < b.date ? [a, b] : [b, a];
    if (d === 1 && nightWindow(early, late))
      return q
        ? OK
        : {
            ...yes({
              rule: 'date:night-window',
              detail: `${early.date}${early.part_of_day ? ` ${early.part_of_day}` : ''} / ${late.date}${late.part_of_day ? ` ${late.part_of_day}` : ''}`,
            }),
            days: 1,
          };
    return q ? NO : no(`date:${d} days apart`);
  }
  if (a.date === b.date) return q ? OK : { ...yes({ rule: 'date:same-month', detail: a.date }), days: null };
  const [month, other] = isMonth(a.date) ? [a.date, b.date] : [b.date, a.date];
  if (other.startsWith(month))
    return q ? OK : { ...yes({ rule: 'date:within-month', detail: `${other} ⊂ ${month}` }), days: null };
  return q ? NO : no('date:different month');
}

/** The reports share a casualty count (a distinctive number: not a zero). */
function sharedToll(a: ClusterMention, b: ClusterMention): string | null {
  if (a.killed != null && a.killed > 0 && a.killed === b.killed) return `killed ${a.killed}`;
  if (a.injured != null && a.injured > 0 && a.injured === b.injured) return `injured ${a.injured}`;
  return null;
}

const round = (x: number | null) => (x == null ? null : Math.round(x * 10) / 10);

/**
 * Places in two countries agree only near the border they share and with a casualty count
 * both give: outlets put an attack by a border on either side of it (Tower 22 in Jordan and
 * al-Tanf in Syria are 20 km apart), while two sites across a border otherwise tell two attacks.
 */
function acrossBorder(
  a: ClusterMention,
  b: ClusterMention,
  km: number | null,
  q: boolean,
): Rule & { km?: number | null } {
  if (km == null || a.geo_precision === 3 || b.geo_precision === 3 || km > PARAMS.supported_radius_km)
    return q ? NO : no('place:different country');
  const toll = sharedToll(a, b);
  if (!toll) return q ? NO : no('place:different country');
  return q
    ? OK
    : {
        ...yes({ rule: 'place:across-border-shared-toll', detail: `${round(km)} km, ${toll}` }),
        km: round(km),
      };
}

/** Kilometres per degree of latitude (a great circle is at least this long per degree it spans). */
const KM_PER_DEGREE = (6371 * Math.PI) / 180;

/** The distance between two places, or null when one has no coordinates. */
function kmBetween(a: ClusterMention, b: ClusterMention): number | null {
  if (a.lat == null || a.lon == null || b.lat == null || b.lon == null) return null;
  return distanceKm({ lat: a.lat, lon: a.lon }, { lat: b.lat, lon: b.lon });
}

/** Places agree: the same, nested, or near enough for their precision. */
export function placeEvidence(
  a: ClusterMention,
  b: ClusterMention,
  q = false,
): Rule & { km?: number | null } {
  if (a.country !== b.country) return acrossBorder(a, b, kmBetween(a, b), q);
  if (a.place_id === b.place_id) return q ? OK : { ...yes({ rule: 'place:same', detail: a.place }), km: 0 };
  // a site the gazetteer puts inside another (a facility in an airport, the road to it)
  const wa = placeWithin(a.place_id);
  const wb = placeWithin(b.place_id);
  if (sitesNest(a.place_id, wa, b.place_id, wb)) {
    if (q) return OK;
    const detail =
      wa === b.place_id
        ? `${a.place} ⊂ ${b.place}`
        : wb === a.place_id
          ? `${b.place} ⊂ ${a.place}`
          : `${a.place}, ${b.place} ⊂ ${wa}`;
    return { ...yes({ rule: 'place:nested', detail }), km: round(kmBetween(a, b)) };
  }
  // a province contains what lies in it
  if (a.geo_precision === 3 || b.geo_precision === 3) {
    if (a.geo_precision === 3 && b.geo_precision === 3) return q ? NO : no('place:different provinces');
    const [outer, inner] = a.geo_precision === 3 ? [a, b] : [b, a];
    if (outer.admin1 && outer.admin1 === inner.admin1)
      return q
        ? OK
        : {
            ...yes({ rule: 'place:nested', detail: `${inner.place} ⊂ ${outer.place}` }),
            km: round(kmBetween(a, b)),
          };
    return q ? NO : no('place:outside the province');
  }
  // every rule left asks for a distance within MAX_LINK_KM: asked quietly, places farther
  // apart in latitude alone (a metre spared for rounding) fail without measuring
  if (q && a.lat != null && b.lat != null && Math.abs(a.lat - b.lat) * KM_PER_DEGREE > MAX_LINK_KM + 0.001)
    return NO;
  const km = kmBetween(a, b);
  if (km == null) return q ? NO : no('place:no coordinates');
  // a finer place inside a larger one: a facility in an airport, a base in a city
  const ea = extentKm(a);
  const eb = extentKm(b);
  if (ea !== eb) {
    const [outer, inner, reach] = ea > eb ? [a, b, ea] : [b, a, eb];
    if (km <= reach)
      return q
        ? OK
        : { ...yes({ rule: 'place:nested', detail: `${inner.place} ⊂ ${outer.place}` }), km: round(km) };
  }
  const radius = PARAMS.radius_km[String(Math.max(a.geo_precision, b.geo_precision)) as '1' | '2'];
  if (km <= radius)
    return q ? OK : { ...yes({ rule: 'place:near', detail: `${round(km)} km` }), km: round(km) };
  const toll = sharedToll(a, b);
  if (toll && km <= PARAMS.supported_radius_km)
    return q
      ? OK
      : {
          ...yes({ rule: 'place:near-shared-toll', detail: `${round(km)} km, ${toll}` }),
          km: round(km),
        };
  return q ? NO : no(`place:${Math.round(km)} km apart`);
}

/** The platform fires the munition (an aircraft its missiles). */
const fires = (platform: string, munition: string) =>
  PARAMS.platform_munitions[platform]?.includes(munition) ?? false;

/** Weapons agree: the same, of one family, a platform and its munitions, or one unknown. */
export function weaponEvidence(a: { weapon: string | null }, b: { weapon: string | null }, q = false): Rule {
  if (!a.weapon || !b.weapon) return q ? OK : yes();
  if (a.weapon === b.weapon) return q ? OK : yes({ rule: 'weapon:same', detail: a.weapon });
  const fa = FAMILY.get(a.weapon) ?? a.weapon;
  if (fa === (FAMILY.get(b.weapon) ?? b.weapon))
    return q ? OK : yes({ rule: 'weapon:same-family', detail: `${a.weapon} ~ ${b.weapon}` });
  if (fires(a.weapon, b.weapon) || fires(b.weapon, a.weapon))
    return q ? OK : yes({ rule: 'weapon:platform-munition', detail: `${a.weapon} ~ ${b.weapon}` });
  return q ? NO : no(`weapon:${a.weapon} vs ${b.weapon}`);
}

type Acting = { actor: string | null; actor_umbrella?: string | null };

/** Actors agree: the same, a member and its umbrella, two members of one umbrella, or one unknown. */
export function actorEvidence(a: Acting, b: Acting, q = false): Rule {
  if (!a.actor || !b.actor) return q ? OK : yes();
  if (a.actor === b.actor) return q ? OK : yes({ rule: 'actor:same', detail: a.actor });
  if (a.actor_umbrella === b.actor || b.actor_umbrella === a.actor)
    return q ? OK : yes({ rule: 'actor:umbrella', detail: `${a.actor} ~ ${b.actor}` });
  if (a.actor_umbrella != null && a.actor_umbrella === b.actor_umbrella)
    return q ? OK : yes({ rule: 'actor:same-umbrella', detail: a.actor_umbrella });
  return q ? NO : no(`actor:${a.actor} vs ${b.actor}`);
}

/**
 * Outcomes agree: not everything foiled in one report and something landing in the other —
 * unless both tell the same day at the same site, where sources disagree on one attack ("shot
 * down", says one outlet; "explosions inside the base", says another) more often than two
 * attacks fall on it (`outcome:sources-disagree`).
 */
export function outcomeEvidence(
  a: { intercepted: boolean | null; type: string; date?: string | null; place_id?: string },
  b: { intercepted: boolean | null; type: string; date?: string | null; place_id?: string },
  q = false,
): Rule {
  const foiled = (m: typeof a) => m.intercepted === true;
  const landed = (m: typeof a) => m.intercepted === false;
  if ((foiled(a) && landed(b)) || (foiled(b) && landed(a))) {
    const oneSiteOneDay =
      isDay(a.date ?? null) && a.date === b.date && a.place_id !== undefined && a.place_id === b.place_id;
    if (!oneSiteOneDay) return q ? NO : no('outcome:foiled vs landed');
    return q ? OK : yes({ rule: 'outcome:sources-disagree', detail: `${a.place_id} ${a.date}` });
  }
  return q ? OK : yes();
}

/** Numbers both reports give and agree on (supporting evidence only). */
export function numberEvidence(a: ClusterMention, b: ClusterMention): Evidence[] {
  const same = (['munitions', 'killed', 'injured'] as const).filter((f) => a[f] != null && a[f] === b[f]);
  return same.length ? [{ rule: 'numbers:shared', detail: same.map((f) => `${f} ${a[f]}`).join(', ') }] : [];
}

/** Whether a and b contradict each other (what no member of a cluster may do to a joiner). */
export function contradicts(a: ClusterMention, b: ClusterMention): string | null {
  for (const r of [weaponEvidence(a, b), actorEvidence(a, b), outcomeEvidence(a, b)])
    if (!r.ok) return r.reason;
  if (isDay(a.date) && isDay(b.date) && Math.abs(dayDiff(a.date, b.date)) > 1) return 'date:days apart';
  return null;
}

/** Whether a and b contradict each other (`contradicts(a, b) != null`), asked quietly. */
function contradicted(a: ClusterMention, b: ClusterMention): boolean {
  return (
    !weaponEvidence(a, b, true).ok ||
    !actorEvidence(a, b, true).ok ||
    !outcomeEvidence(a, b, true).ok ||
    (isDay(a.date) && isDay(b.date) && Math.abs(dayDiff(a.date, b.date)) > 1)
  );
}

/**
 * Whether a and b link (`corefer(a, b).ok`): the same rules asked quietly, no evidence built
 * (what the candidate walks call, millions of times on a busy month).
 */
export function linkable(a: ClusterMention, b: ClusterMention): boolean {
  if (a.article_id === b.article_id || !a.date || !b.date || tooVague(a) || tooVague(b)) return false;
  if (a.date.length === 10 && b.date.length === 10) {
    const d = dayNumber(b.date) - dayNumber(a.date);
    if (d > 1 || d < -1) return false;
    if (d === 1 && !nightWindow(a, b)) return false;
    if (d === -1 && !nightWindow(b, a)) return false;
  }
  return (
    // two days that passed the test above agree (see dateEvidence)
    (a.date.length === 10 && b.date.length === 10 ? true : dateEvidence(a, b, true).ok) &&
    // the cheap rules before the place (which measures a distance)
    weaponEvidence(a, b, true).ok &&
    actorEvidence(a, b, true).ok &&
    outcomeEvidence(a, b, true).ok &&
    placeEvidence(a, b, true).ok
  );
}

/** Whether mentions a and b may report one incident, with every piece of evidence named. */
export function corefer(a: ClusterMention, b: ClusterMention): Link {
  if (a.article_id === b.article_id) return { ok: false, reason: 'article:same article' };
  if (tooVague(a) || tooVague(b)) return { ok: false, reason: 'coarse:only a month and a province' };
  const date = dateEvidence(a, b);
  if (!date.ok) return date;
  const place = placeEvidence(a, b);
  if (!place.ok) return place;
  const evidence = [...date.evidence, ...place.evidence];
  for (const r of [weaponEvidence(a, b), actorEvidence(a, b), outcomeEvidence(a, b)]) {
    if (!r.ok) return r;
    evidence.push(...r.evidence);
  }
  evidence.push(...numberEvidence(a, b));
  return { ok: true, evidence, km: place.km ?? null, days: date.days ?? null };
}

// ------------------------------------------------------------------ candidates in O(n log n)

const CELL_DEG = 0.5; // ≥ MAX_LINK_KM in both directions at these latitudes (0.5° lon ≈ 44 km at 37°N)

const dayNumbers = new Map<string, number>();
/** Days since 1970-01-01 of a YYYY-MM-DD date (cached: a corpus has few distinct dates). */
function dayNumber(day: string): number {
  let n = dayNumbers.get(day);
  if (n === undefined) {
    n = Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
    dayNumbers.set(day, n);
  }
  return n;
}

const monthNumber = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));

const provinceIds = new Map<string, number>();
function provinceId(m: ClusterMention): number {
  const k = `${m.country}|${m.admin1 ?? ''}`;
  let n = provinceIds.get(k);
  if (n === undefined) {
    n = provinceIds.size;
    provinceIds.set(k, n);
  }
  return n;
}

// bucket kinds: a day-level precise mention by day and cell; any day-level mention by day and
// province, split by precise / province-only; month-level and day-level mentions by month and
// cell, and by month and province
enum B {
  DayCell,
  DayProvPrecise,
  DayProvCoarse,
  MonthLevelCell,
  MonthLevelProvPrecise,
  MonthLevelProvCoarse,
  DayLevelMonthCell,
  DayLevelMonthProvPrecise,
  DayLevelMonthProvCoarse,
}

// keys: small integers (kept as such by the engine): the bucket kind and period outside, the
// cell or the province inside
const outerKey = (kind: B, period: number) => kind * 131072 + period;
const cellKey = (cx: number, cy: number) => (cx + 1024) * 2048 + (cy + 1024);
const PROVINCE_BASE = 2048 * 2048;
const provKey = (prov: number) => PROVINCE_BASE + prov;

function cellOf(m: ClusterMention): [number, number] | null {
  if (m.lat == null || m.lon == null || m.geo_precision === 3) return null;
  return [Math.floor(m.lat / CELL_DEG), Math.floor(m.lon / CELL_DEG)];
}

/** Appends the positions of a bucket (ascending: added in order) that are greater than `after`. */
function take(out: number[], l: number[] | undefined, after: number): void {
  if (!l) return;
  let lo = 0;
  let hi = l.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (l[mid] > after) hi = mid;
    else lo = mid + 1;
  }
  for (let i = lo; i < l.length; i++) out.push(l[i]);
}

/**
 * Buckets mentions by period and grid cell (and province, for province-only places) so that
 * the mentions a mention may link to are found without comparing it to every other one.
 * `near(m)` returns a superset of the mentions `corefer(m, ·)` accepts.
 */
export class CandidateIndex<T extends ClusterMention> {
  /** the mentions in the order they were added; the buckets hold their positions */
  private readonly items: T[] = [];
  private readonly buckets = new Map<number, Map<number, number[]>>();

  constructor(items: Iterable<T> = []) {
    for (const m of items) this.add(m);
  }

  private put(kind: B, period: number, key: number, m: number) {
    const outer = outerKey(kind, period);
    let inner = this.buckets.get(outer);
    if (!inner) {
      inner = new Map();
      this.buckets.set(outer, inner);
    }
    const list = inner.get(key);
    if (list) list.push(m);
    else inner.set(key, [m]);
  }

  /** Adds a mention (its position is the number of mentions added before it). */
  add(m: T): void {
    const at = this.items.length;
    this.items.push(m);
    const d = m.date;
    // a month-only, province-only mention links to nothing (see tooVague): not indexed
    if (!d || (d.length !== 10 && d.length !== 7) || tooVague(m)) return;
    const month = monthNumber(d);
    const cell = cellOf(m);
    const prov = provinceId(m);
    if (d.length === 10) {
      const day = dayNumber(d);
      if (cell) this.put(B.DayCell, day, cellKey(cell[0], cell[1]), at);
      this.put(cell ? B.DayProvPrecise : B.DayProvCoarse, day, provKey(prov), at);
      if (cell) this.put(B.DayLevelMonthCell, month, cellKey(cell[0], cell[1]), at);
      this.put(cell ? B.DayLevelMonthProvPrecise : B.DayLevelMonthProvCoarse, month, provKey(prov), at);
    } else {
      if (cell) this.put(B.MonthLevelCell, month, cellKey(cell[0], cell[1]), at);
      this.put(cell ? B.MonthLevelProvPrecise : B.MonthLevelProvCoarse, month, provKey(prov), at);
    }
  }

  /** The mentions that may link to `m` (m itself and mentions of its article included). */
  near(m: ClusterMention): T[] {
    return this.nearPositions(m).map((i) => this.items[i]);
  }

  /**
   * The positions (in the order of adding) of the mentions that may link to `m` (see near),
   * only those after `after` (a pair is asked once, from its earlier mention).
   */
  nearPositions(m: ClusterMention, after = -1): number[] {
    const d = m.date;
    const out: number[] = [];
    if (!d || (d.length !== 10 && d.length !== 7) || tooVague(m)) return out;
    const cell = cellOf(m);
    const prov = provinceId(m);
    const month = monthNumber(d);
    if (d.length === 10) {
      const day = dayNumber(d);
      for (let k = -1; k <= 1; k++)
        this.around(out, after, cell, prov, B.DayCell, B.DayProvPrecise, B.DayProvCoarse, day + k);
    } else {
      // a month-level mention: every dated mention of that month nearby
      this.around(
        out,
        after,
        cell,
        prov,
        B.DayLevelMonthCell,
        B.DayLevelMonthProvPrecise,
        B.DayLevelMonthProvCoarse,
        month,
      );
    }
    // either: the month-level mentions of its month
    this.around(
      out,
      after,
      cell,
      prov,
      B.MonthLevelCell,
      B.MonthLevelProvPrecise,
      B.MonthLevelProvCoarse,
      month,
    );
    return out;
  }

  /**
   * A precise mention meets precise ones by cell (its own and the eight around it) and
   * province-only ones by province; a province-only mention meets every one of its province.
   */
  private around(
    out: number[],
    after: number,
    cell: [number, number] | null,
    prov: number,
    cellKind: B,
    provPrecise: B,
    provCoarse: B,
    period: number,
  ): void {
    if (cell) {
      const inner = this.buckets.get(outerKey(cellKind, period));
      if (inner)
        for (let i = -1; i <= 1; i++)
          for (let j = -1; j <= 1; j++) take(out, inner.get(cellKey(cell[0] + i, cell[1] + j)), after);
    } else take(out, this.buckets.get(outerKey(provPrecise, period))?.get(provKey(prov)), after);
    take(out, this.buckets.get(outerKey(provCoarse, period))?.get(provKey(prov)), after);
  }
}

// ------------------------------------------------------------------ clustering

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** The total order of mentions: date (undated last), place id, article id, index. */
export function compareMentions(a: ClusterMention, b: ClusterMention): number {
  return (
    cmp(a.date ?? '\uffff', b.date ?? '\uffff') ||
    cmp(a.place_id, b.place_id) ||
    cmp(a.article_id, b.article_id) ||
    a.idx - b.idx
  );
}

/** Why a mention is in its incident: the member it was joined to and the evidence. */
export interface Join<T> {
  mention: T;
  to: T;
  evidence: Evidence[];
  km: number | null;
  days: number | null;
}

export interface Incident<T> {
  members: T[];
  joins: Join<T>[];
  /** a coarse mention that may be one of several incidents: the first member of each candidate */
  mayBeOneOf: T[];
  /** a reviewer set its membership (merge, split) */
  pinned?: boolean;
}

interface Best<T> {
  join: Join<T>;
  /** the most evidence, then nearest, then closest in time */
  score: [number, number, number];
}

const STRENGTH: Partial<Record<EvidenceRule, number>> = {
  'place:same': 2,
  'weapon:same': 2,
  'actor:same': 2,
  'numbers:shared': 2,
};

/** How much a link's evidence says (same place, weapon, actor, numbers count double). */
function strength(ev: Evidence[]): number {
  return ev.reduce((n, e) => n + (STRENGTH[e.rule] ?? 1), 0);
}

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/**
 * Whether `m` may join a cluster it links to (through a member: see Board.candidates): no
 * member is of its article or contradicts it. Then `bestJoin(m, c)` is not null.
 */
function mayJoin<T extends ClusterMention>(m: T, c: Incident<T>): boolean {
  for (const x of c.members) {
    if (x.article_id === m.article_id) return false;
    if (!c.pinned && contradicted(x, m)) return false;
  }
  return true;
}

/** The best link from `m` into a cluster, or null when `m` may not join it. */
function bestJoin<T extends ClusterMention>(m: T, c: Incident<T>): Best<T> | null {
  let best: Best<T> | null = null;
  if (!mayJoin(m, c)) return null;
  for (const x of c.members) {
    // (linkable is corefer's verdict, without building the evidence of pairs that do not link)
    if (!linkable(x, m)) continue;
    const l = corefer(x, m);
    if (!l.ok) continue;
    // the earlier member on a tie (members are in total order)
    const score: [number, number, number] = [
      -strength(l.evidence),
      l.km ?? Number.POSITIVE_INFINITY,
      l.days ?? 99,
    ];
    if (!best || better(score, best.score))
      best = { join: { mention: m, to: x, evidence: l.evidence, km: l.km, days: l.days }, score };
  }
  return best;
}

/** The clusters being formed, and which cluster each placed mention is in. */
class Board<T extends ClusterMention> {
  readonly clusters: Incident<T>[] = [];
  private readonly clusterOf = new Map<T, number>();

  /** `linksOf`: the mentions each mention links to (else found through `index`, once each) */
  constructor(
    private readonly index: CandidateIndex<T> | null,
    private readonly linksOf?: (m: T) => T[],
  ) {}

  start(c: Incident<T>): void {
    const ci = this.clusters.length;
    this.clusters.push(c);
    for (const m of c.members) this.clusterOf.set(m, ci);
  }

  join(ci: number, b: Best<T>): void {
    const c = this.clusters[ci];
    c.members.push(b.join.mention);
    c.joins.push(b.join);
    this.clusterOf.set(b.join.mention, ci);
  }

  /**
   * The clusters (index ≥ from, in order) holding a mention `m` links to (only those can take
   * it: see bestJoin); `unplaced` gets the mentions it links to that are in no cluster yet.
   */
  candidates(m: T, from = 0): number[] {
    const out: number[] = [];
    const stamp = ++this.stamp;
    for (const x of this.links(m)) {
      const ci = this.clusterOf.get(x);
      if (ci == null || ci < from || this.seen[ci] === stamp) continue;
      this.seen[ci] = stamp;
      out.push(ci);
    }
    return out.sort((a, b) => a - b);
  }

  /** the clusters met by the current candidates() call: seen[ci] === stamp (no set per call) */
  private readonly seen: number[] = [];
  private stamp = 0;

  private readonly linked = new Map<T, T[]>();

  /** The mentions `m` links to (found once: the candidate walks ask again and again). */
  links(m: T): T[] {
    if (this.linksOf) return this.linksOf(m);
    let l = this.linked.get(m);
    if (!l) {
      l = (this.index as CandidateIndex<T>).near(m).filter((x) => linkable(x, m));
      this.linked.set(m, l);
    }
    return l;
  }

  /** The mentions in no cluster yet that `m` links to. */
  unplacedLinks(m: T): T[] {
    return this.links(m).filter((x) => !this.clusterOf.has(x));
  }

  /** The best cluster for `m` (earliest on a tie), or null. */
  best(m: T, from = 0, ok: (c: Incident<T>) => boolean = () => true): { ci: number; b: Best<T> } | null {
    let found: { ci: number; b: Best<T> } | null = null;
    for (const ci of this.candidates(m, from)) {
      if (!ok(this.clusters[ci])) continue;
      const b = bestJoin(m, this.clusters[ci]);
      if (b && (!found || better(b.score, found.b.score))) found = { ci, b };
    }
    return found;
  }

  /** Greedy clustering in total order: each joins its best cluster (index ≥ from) or starts one. */
  greedy(sorted: T[], from = 0): void {
    for (const m of sorted) {
      const found = this.best(m, from);
      if (found) this.join(found.ci, found.b);
      else this.start({ members: [m], joins: [], mayBeOneOf: [] });
    }
  }
}

/**
 * Forms the incidents of a set of mentions (one component of the link graph, or any union of
 * components): deterministic in the set, not its order. `fixed` clusters (the members of
 * pinned incidents) come first and are never broken up; other mentions may join them through
 * any member they link to. Candidate clusters come from the candidate index, so a mention is
 * compared only with the clusters of mentions near it in time and space.
 */
export function formIncidents<T extends ClusterMention>(
  rows: T[],
  fixed: T[][] = [],
  graph?: LinkGraph<T>,
): Incident<T>[] {
  const sorted = [...rows].sort(compareMentions);
  const board = graph
    ? new Board<T>(null, (m) => graph.get(m) ?? [])
    : new Board<T>(new CandidateIndex<T>([...rows, ...fixed.flat()]));
  for (const c of fixed)
    board.start({ members: [...c].sort(compareMentions), joins: [], mayBeOneOf: [], pinned: true });
  board.greedy(sorted.filter((m) => !isCoarse(m)));
  const anchored = (c: Incident<T>) => c.members.some((x) => !isCoarse(x));
  // coarse mentions join their only candidate, round after round. A mention's candidates change
  // only when a cluster it could join grew or a mention near it was placed: the others keep the
  // candidates of the last round (the same as recomputing them, without the cost)
  let pending = sorted.filter((m) => isCoarse(m));
  const ambiguous = new Map<T, number[]>();
  // (a cluster it may join that grew can refuse it now; a cluster that took a mention it links
  // to can take it now; nothing else changes what bestJoin says)
  const known = new Map<T, number[]>();
  const grown = new Set<number>();
  const touched = new Set<T>();
  for (let changed = true; changed && pending.length; ) {
    changed = false;
    const left: T[] = [];
    const decisions = pending.map((m) => {
      let cands = known.get(m);
      if (!cands || touched.has(m) || cands.some((ci) => grown.has(ci))) {
        // (a candidate cluster holds a mention m links to: bestJoin is not null when m may join it)
        cands = board
          .candidates(m)
          .filter((ci) => anchored(board.clusters[ci]) && mayJoin(m, board.clusters[ci]));
        known.set(m, cands);
      }
      return { m, cands };
    });
    grown.clear();
    touched.clear();
    for (const { m, cands } of decisions) {
      ambiguous.delete(m);
      if (cands.length === 1) {
        // re-checked: a coarse mention that joined before it this round may contradict it
        const b = bestJoin(m, board.clusters[cands[0]]);
        if (b) {
          board.join(cands[0], b);
          grown.add(cands[0]);
          for (const x of board.unplacedLinks(m)) touched.add(x);
          changed = true;
          continue;
        }
      }
      if (cands.length > 1) ambiguous.set(m, cands);
      left.push(m);
    }
    pending = left;
  }
  // the ambiguous stay alone, flagged; the others cluster among themselves
  const flagged = pending
    .filter((m) => ambiguous.has(m))
    .map((m) => ({
      members: [m],
      joins: [],
      mayBeOneOf: (ambiguous.get(m) as number[]).map((ci) => firstMember(board.clusters[ci].members)),
    }));
  for (const c of flagged) board.start(c);
  board.greedy(
    pending.filter((m) => !ambiguous.has(m)),
    board.clusters.length,
  );
  return board.clusters.map((c) => ({ ...c, members: [...c.members].sort(compareMentions) }));
}

/** The member an incident is named after: the first precise member in total order, else the first. */
export function firstMember<T extends ClusterMention>(members: T[]): T {
  const sorted = [...members].sort(compareMentions);
  return sorted.find((m) => !isCoarse(m)) ?? sorted[0];
}

/** Each mention → the mentions it links to. */
export type LinkGraph<T> = Map<T, T[]>;

/** The mentions that may link to a mention: a superset of those it links to (see CandidateIndex). */
export type Near<T> = (m: T) => T[];

/**
 * The link graph over `items`: the pairs `near` proposes and `linkable` accepts, each pair asked
 * once (`linkable` is symmetric, and each of two linked mentions is near the other).
 */
export function linkGraph<T extends ClusterMention>(items: T[], near?: Near<T>): LinkGraph<T> {
  return graphOf(items, adjacency(items, near));
}

/** The link graph as positions: the positions of the items each item links to. */
function adjacency<T extends ClusterMention>(items: T[], near?: Near<T>): number[][] {
  const adjacent: number[][] = items.map(() => []);
  const pair = (i: number, j: number) => {
    if (j <= i || !linkable(items[i], items[j])) return;
    adjacent[i].push(j);
    adjacent[j].push(i);
  };
  if (near) {
    const pos = new Map<T, number>();
    items.forEach((m, i) => {
      pos.set(m, i);
    });
    items.forEach((m, i) => {
      for (const c of near(m)) {
        const j = pos.get(c);
        if (j !== undefined) pair(i, j);
      }
    });
  } else {
    // the index's positions are the items' (added in order)
    const index = new CandidateIndex<T>(items);
    items.forEach((m, i) => {
      for (const j of index.nearPositions(m, i)) pair(i, j);
    });
  }
  return adjacent;
}

function graphOf<T>(items: T[], adjacent: number[][]): LinkGraph<T> {
  return new Map(items.map((m, i) => [m, adjacent[i].map((j) => items[j])]));
}

/** The connected components of the link graph over `items` (union–find over its links). */
export function components<T extends ClusterMention>(items: T[], graph = linkGraph(items)): T[][] {
  const pos = new Map<T, number>();
  items.forEach((m, i) => {
    pos.set(m, i);
  });
  return componentsOf(
    items,
    items.map((m) => (graph.get(m) ?? []).map((c) => pos.get(c) as number)),
  );
}

/**
 * The components of a graph given as positions, each in the order of `items`, in the order
 * of their first item (union–find: a component's root is its first position).
 */
function componentsOf<T>(items: T[], adjacent: number[][]): T[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  adjacent.forEach((links, i) => {
    for (const j of links) {
      const ri = find(i);
      const rj = find(j);
      if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
    }
  });
  const groups = new Map<number, T[]>();
  items.forEach((m, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(m);
    else groups.set(r, [m]);
  });
  return [...groups.values()];
}

/**
 * All incidents of a set of mentions: the incidents of each component. `near` replaces the
 * candidate index (the tests pass every mention, the exhaustive pairwise reference).
 */
export function clusterAll<T extends ClusterMention>(items: T[], near?: Near<T>): Incident<T>[] {
  const adjacent = adjacency(items, near);
  const graph = graphOf(items, adjacent);
  return componentsOf(items, adjacent).flatMap((c) => formIncidents(c, [], graph));
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

/** The key of an incident named after `first` (see firstMember): its date, place and a hash of article and index. */
export function incidentKey(first: ClusterMention): string {
  const h = createHash('sha1').update(`${first.article_id}#${first.idx}`, 'utf8').digest('hex').slice(0, 10);
  return `${first.date ?? 'undated'}-${slug(first.place) || 'place'}-${h}`;
}
