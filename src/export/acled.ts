/**
 * Incidents as ACLED rows (the columns of an ACLED export, in ACLED's order), and as a CSV
 * document. Pure functions over data tables read once on first use: ISO 3166-1 from the
 * i18n-iso-countries package with ACLED's names and regions (data/acled/countries.json),
 * ACLED's actor names (data/acled/actors.json), admin1 spellings (data/acled/admin.json),
 * outlet scales (data/acled/outlets.json) and the gazetteer's districts
 * (data/gazetteer/places.json). Every column, its type, meaning and ACLED mapping is in
 * docs/data-dictionary.md.
 *
 * CSV: RFC 4180 quoting, `\n` line ends, no BOM. Every cell but latitude and longitude
 * that begins with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so a spreadsheet does not
 * run it as a formula; coordinates are never touched (a negative longitude stays a number).
 */
import { createHash } from 'node:crypto';
import type { IncidentView } from '../incidents/types.js';
import type { Weapon } from '../lexicon/lexicon.js';
import type { EventType, Target } from '../record/record.js';
import { acledEventType } from '../vocab/acled-types.js';
import { countryByAlpha2 } from '../vocab/countries.js';
import { lazyData } from '../vocab/data.js';
import { guardFormula, toCsv } from './csv.js';

export { acledEventType } from '../vocab/acled-types.js';

export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;
export type AcledColumn = (typeof ACLED_COLUMNS)[number];
/** One ACLED row; every cell is text, as in an ACLED CSV. */
export type AcledRow = Record<AcledColumn, string>;

/**
 * Columns that hold numbers a spreadsheet must read as numbers (a negative coordinate starts
 * with '-'). Every other cell is guarded against formulas in CSV: free text (actors, places,
 * sources, notes, tags) obviously, and codes and names too (an unknown country is shown as its
 * code, which comes from data), so no column can carry a formula in.
 */
export const ACLED_NUMERIC_COLUMNS: ReadonlySet<AcledColumn> = new Set<AcledColumn>([
  'latitude',
  'longitude',
]);

export interface AcledOptions {
  /** English country names by ISO 3166-1 alpha-2 code, overriding ACLED's */
  countryNames?: Record<string, string>;
  /**
   * inter1, inter2 and interaction as ACLED's text ("Political militia", "State forces-Civilians";
   * the default, as in ACLED's current exports) or as ACLED's older numeric codes (3, 17)
   */
  inter?: 'text' | 'numeric';
}

/** ACLED inter codes and their names. */
export const INTER_NAMES: Readonly<Record<number, string>> = {
  1: 'State forces',
  2: 'Rebel group',
  3: 'Political militia',
  4: 'Identity militia',
  5: 'Rioters',
  6: 'Protesters',
  7: 'Civilians',
  8: 'External/Other forces',
};
const CIVILIANS = 7;
const EXTERNAL = 8;

interface ActorPeriod {
  name: string;
  from?: string;
  to?: string;
}
interface ActorEntry {
  name?: string;
  periods?: ActorPeriod[];
  inter: number;
  home?: string;
}
interface ActorsFile {
  actors: Record<string, ActorEntry>;
  targets: Record<Target, ({ actor: string } | ActorEntry) | null>;
  unknown_actor: ActorEntry;
}
const actorsData = lazyData<ActorsFile>('acled/actors.json');
const adminData = lazyData<{ admin1: Record<string, Record<string, string>> }>('acled/admin.json');
const outletsData = lazyData<{ outlets: { name: string; hosts: string[]; scale: string }[] }>(
  'acled/outlets.json',
);

interface GazetteerRow {
  id: string;
  name: string;
  kind: string;
  country: string;
  admin1: string | null;
}
const gazetteerData = lazyData<{ places: GazetteerRow[] }>('gazetteer/places.json');

const ADMIN_SUFFIX = / (?:Governorate|Province|District|Subdistrict|Nahiya|Sub-district)$/;

/** A name compared without case, spaces and hyphens (Abu Kamal, Abu-Kamal). */
const nameKey = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

let gazetteerIndex: { byId: Map<string, GazetteerRow>; districts: Map<string, string> } | null = null;
function gazetteer() {
  if (gazetteerIndex) return gazetteerIndex;
  const byId = new Map<string, GazetteerRow>();
  const districts = new Map<string, string>();
  for (const p of gazetteerData().places) {
    byId.set(p.id, p);
    if (p.kind === 'district') {
      const name = p.name.replace(ADMIN_SUFFIX, '');
      districts.set(`${p.country}|${p.admin1}|${nameKey(name)}`, name.replaceAll('-', ' '));
    }
  }
  gazetteerIndex = { byId, districts };
  return gazetteerIndex;
}

/** ACLED's spelling of a first-level division (as the gazetteer names it). */
export function acledAdmin1(country: string, admin1: string | null): string {
  if (!admin1) return '';
  return adminData().admin1[country]?.[admin1] ?? admin1;
}

/**
 * admin2 and location of an incident's place: a district is its own admin2; a city or town
 * that gives its name to a district of its province (Mosul, Baiji) is in that district;
 * other places have no known admin2. location is a place name: a province-level place is
 * named by its province (ACLED's spelling), a district by the district, a country by the
 * country, never "Kirkuk Governorate".
 */
export function acledPlace(
  inc: Pick<IncidentView, 'place' | 'place_id' | 'country' | 'admin1'>,
  countryName: string,
): { admin2: string; location: string } {
  const g = gazetteer();
  const row = g.byId.get(inc.place_id.replace(/:cue$/, ''));
  const plain = inc.place.replace(ADMIN_SUFFIX, '');
  if (!row) return { admin2: '', location: plain };
  const bare = row.name.replace(ADMIN_SUFFIX, '');
  switch (row.kind) {
    case 'country':
      return { admin2: '', location: countryName };
    case 'province':
      return { admin2: '', location: acledAdmin1(row.country, row.admin1) || bare };
    case 'district':
      return { admin2: bare.replaceAll('-', ' '), location: bare.replaceAll('-', ' ') };
    case 'city':
    case 'town':
      return {
        admin2: g.districts.get(`${row.country}|${row.admin1}|${nameKey(bare)}`) ?? '',
        location: plain,
      };
    default:
      return { admin2: '', location: plain };
  }
}

const SCALE_ORDER = ['Subnational', 'National', 'Regional', 'International'];
let outletIndex: { byHost: Map<string, string>; byName: Map<string, string> } | null = null;
function outlets() {
  if (outletIndex) return outletIndex;
  const byHost = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const o of outletsData().outlets) {
    byName.set(o.name.toLowerCase(), o.scale);
    for (const h of o.hosts) byHost.set(h.toLowerCase(), o.scale);
  }
  outletIndex = { byHost, byName };
  return outletIndex;
}

/** The scale of one source (its outlet by name, or its URL's host or a parent domain), or null. */
export function sourceScaleOf(source: { outlet: string | null; url: string | null }): string | null {
  const o = outlets();
  const byName = source.outlet ? o.byName.get(source.outlet.trim().toLowerCase()) : undefined;
  if (byName) return byName;
  if (!source.url) return null;
  let host: string;
  try {
    host = new URL(source.url).hostname.toLowerCase();
  } catch {
    return null;
  }
  for (let h = host; h.includes('.'); h = h.slice(h.indexOf('.') + 1)) {
    const scale = o.byHost.get(h);
    if (scale) return scale;
  }
  return null;
}

/**
 * ACLED's source_scale of an incident: the one scale of its sources, or the narrowest and the
 * widest joined by '-' ("National-International", as ACLED writes a mix); sources of unknown
 * scale count only when no source has one, which gives "Other".
 */
export function acledSourceScale(incident: Pick<IncidentView, 'sources'>): string {
  const scales = new Set<string>();
  for (const s of incident.sources) {
    const scale = sourceScaleOf(s);
    if (scale) scales.add(scale);
  }
  const sorted = SCALE_ORDER.filter((x) => scales.has(x));
  if (sorted.length === 0) return 'Other';
  return sorted.length === 1 ? sorted[0] : `${sorted[0]}-${sorted[sorted.length - 1]}`;
}

interface ActorCoding {
  name: string;
  inter: number;
}

const countrySlot = (name: string, countryName: string) => name.replaceAll('%c', countryName);

/** The entry's ACLED name on a day (the period holding it; undated: the current one). */
function entryName(e: ActorEntry, day: string | null): string {
  if (e.periods?.length) {
    if (day) {
      const p = e.periods.find((x) => (!x.from || x.from <= day) && (!x.to || day <= x.to));
      if (p) return p.name;
    }
    return e.periods[e.periods.length - 1].name;
  }
  return e.name ?? '';
}

function codeEntry(e: ActorEntry, country: string, countryName: string, day: string | null): ActorCoding {
  const inter = e.home !== undefined && e.home !== country ? EXTERNAL : e.inter;
  return { name: countrySlot(entryName(e, day), countryName), inter };
}

/** ACLED's name and inter code of a Rasd actor (null: the unidentified armed group of the country). */
export function acledActor(
  actor: string | null,
  country: string,
  countryName: string,
  day: string | null,
): ActorCoding {
  const data = actorsData();
  if (!actor) return codeEntry(data.unknown_actor, country, countryName, day);
  const known = data.actors[actor];
  if (known) return codeEntry(known, country, countryName, day);
  // a state's forces named the ACLED way but not in the table: external unless we know better
  if (actor.startsWith('Military Forces of ')) return { name: actor, inter: EXTERNAL };
  return { name: actor, inter: 3 };
}

/** ACLED's actor2 of a Rasd target, or null. */
export function acledTarget(
  target: Target | null,
  country: string,
  countryName: string,
  day: string | null,
): ActorCoding | null {
  if (!target) return null;
  const data = actorsData();
  const t = data.targets[target];
  if (!t) return null;
  const entry = 'actor' in t ? data.actors[t.actor] : t;
  return codeEntry(entry, country, countryName, day);
}

/** ACLED interaction code: the smaller inter code first; a lone actor gives 10 × its code (numeric option). */
export function interaction(inter1: number, inter2: number): number {
  if (inter2 === 0) return inter1 * 10;
  if (inter1 === 0) return inter2 * 10;
  return Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
}

/**
 * ACLED interaction text: the two inter names, the smaller code first, joined by '-'
 * ("State forces-Civilians"); a lone actor is "<name> only" ("Political militia only").
 */
export function interactionText(inter1: number, inter2: number): string {
  if (inter2 === 0 || inter1 === 0) return `${INTER_NAMES[inter1 || inter2]} only`;
  const [lo, hi] = inter1 <= inter2 ? [inter1, inter2] : [inter2, inter1];
  return `${INTER_NAMES[lo]}-${INTER_NAMES[hi]}`;
}

const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

interface AcledDate {
  event_date: string;
  year: string;
  /** ACLED's codes: 1 the day is known, 2 the week, 3 the month or coarser (a year-only date too) */
  time_precision: 1 | 2 | 3;
  /** how precise Rasd's date is (the tag and the GeoJSON/JSONL date_precision) */
  precision: 'day' | 'month' | 'year' | null;
  /** "On 5 January 2022", "In January 2022", "In 2022", "On an unknown date" */
  phrase: string;
}

/** ACLED date of a Rasd date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY` or null). */
export function acledDate(date: string | null): AcledDate {
  const m = date ? DATE_RE.exec(date) : null;
  const month = m?.[2] ? Number(m[2]) : 1;
  const day = m?.[3] ? Number(m[3]) : 1;
  if (!m || month < 1 || month > 12 || day < 1 || day > 31) {
    return { event_date: '', year: '', time_precision: 3, precision: null, phrase: 'On an unknown date' };
  }
  const [, y, mm, dd] = m;
  const event_date = `${y}-${mm ?? '01'}-${dd ?? '01'}`;
  if (dd)
    return {
      event_date,
      year: y,
      time_precision: 1,
      precision: 'day',
      phrase: `On ${day} ${MONTHS[month - 1]} ${y}`,
    };
  if (mm)
    return {
      event_date,
      year: y,
      time_precision: 3,
      precision: 'month',
      phrase: `In ${MONTHS[month - 1]} ${y}`,
    };
  return { event_date, year: y, time_precision: 3, precision: 'year', phrase: `In ${y}` };
}

/** The event_id_cnty number of an incident id: 52 bits of its SHA-256, in decimal. */
export function incidentNumber(id: string): string {
  const hex = createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 13);
  return String(Number.parseInt(hex, 16));
}

const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/u;
/** The text when it has no Arabic script (notes never carry Arabic), else null. */
const english = (s: string | null | undefined): string | null =>
  s && s.trim() !== '' && !ARABIC_SCRIPT.test(s) ? s.trim() : null;

/** The outlets of the sources, distinct and in order (the URL host when the outlet is unknown). */
export function sourceNames(incident: Pick<IncidentView, 'sources'>): string[] {
  const out: string[] = [];
  for (const s of incident.sources) {
    let name = s.outlet?.trim() || null;
    if (!name && s.url) {
      try {
        name = new URL(s.url).hostname.replace(/^www\./, '') || null;
      } catch {
        name = null;
      }
    }
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

const WEAPON_NOUN: Record<Weapon, [one: string, many: string, unknown: string]> = {
  rocket: ['a rocket', 'rockets', 'rockets'],
  missile: ['a missile', 'missiles', 'missiles'],
  drone: ['a drone', 'drones', 'drones'],
  ied: ['an IED', 'IEDs', 'an IED'],
  mortar: ['a mortar round', 'mortar rounds', 'mortar rounds'],
  artillery: ['an artillery shell', 'artillery shells', 'artillery shells'],
  aircraft: ['an airstrike', 'airstrikes', 'an airstrike'],
  small_arms: ['gunfire', 'gunfire', 'gunfire'],
};

const TYPE_NOUN: Record<EventType, string> = {
  'Shelling/artillery/missile attack': 'shelling',
  'Air/drone strike': 'an air/drone strike',
  'Remote explosive/landmine/IED': 'an explosive device',
  'Suicide bomb': 'a suicide bombing',
  Grenade: 'a grenade attack',
  'Armed clash': 'an armed clash',
  'Disrupted weapons use': 'an attack',
  Attack: 'an attack',
};

const TARGET_PHRASE: Record<Target, string | null> = {
  us_forces: 'US forces',
  coalition: 'coalition forces',
  diplomatic: 'a diplomatic facility',
  logistics: 'a logistics convoy',
  iraqi_forces: 'Iraqi forces',
  syrian_forces: 'Syrian forces',
  militia: 'a militia',
  civilians: 'civilians',
  other: null,
};

const PLURAL_SUBJECT = /^(?:\d|rockets|missiles|drones|IEDs|mortar rounds|artillery shells|airstrikes)/;

/** The English summary of an incident (ACLED's notes): coded fields only, no article text. */
export function acledNotes(
  incident: IncidentView,
  countryName: string,
  actor1: string | null,
  location: string = incident.place,
): string {
  const { phrase } = acledDate(incident.date);
  const n = incident.munitions;
  let subject: string;
  let fromWeapon = false;
  if (
    incident.weapon &&
    incident.type !== 'Suicide bomb' &&
    incident.type !== 'Grenade' &&
    incident.type !== 'Armed clash' &&
    incident.type !== 'Attack'
  ) {
    const [one, many, unknown] = WEAPON_NOUN[incident.weapon];
    subject = one === many ? one : n === 1 ? one : n != null && n > 1 ? `${n} ${many}` : unknown;
    fromWeapon = incident.weapon !== 'small_arms';
  } else {
    subject = TYPE_NOUN[incident.type];
  }
  const place = english(location);
  const admin1 = english(acledAdmin1(incident.country.toUpperCase(), incident.admin1));
  const country = english(countryName);
  const within = [admin1 !== place ? admin1 : null, country !== place ? country : null].filter(Boolean);
  const where = place
    ? within.length > 0
      ? `${place} (${within.join(', ')})`
      : place
    : admin1
      ? `${admin1}${country ? ` (${country})` : ''}`
      : (country ?? 'an unnamed place');
  const target = incident.target ? TARGET_PHRASE[incident.target] : null;
  let first: string;
  if (incident.intercepted === true || incident.type === 'Disrupted weapons use') {
    const verb = PLURAL_SUBJECT.test(subject) ? 'were' : 'was';
    first = `${phrase}, ${subject}${target ? ` targeting ${target}` : ''} ${verb} intercepted at ${where}.`;
  } else if (fromWeapon) {
    first = `${phrase}, ${subject} hit ${where}${target ? `, targeting ${target}` : ''}.`;
  } else {
    first = `${phrase}, ${subject} took place at ${where}${target ? `, targeting ${target}` : ''}.`;
  }
  const sentences = [first];
  if (target && incident.implied?.target)
    sentences.push('Target implied by the site, not stated by the sources.');
  const actorName = english(actor1);
  if (actorName) {
    const umbrella = incident.actor_umbrella !== incident.actor ? english(incident.actor_umbrella) : null;
    sentences.push(`Attributed to ${actorName}${umbrella ? ` (${umbrella})` : ''}.`);
  }
  const { killed, injured } = incident;
  if (killed === 0 && injured === 0) sentences.push('No casualties reported.');
  else if (killed == null && injured == null) sentences.push('Casualties unknown.');
  else {
    const parts: string[] = [];
    if (killed != null) parts.push(killed === 0 ? 'no one killed' : `${killed} killed`);
    if (injured != null) parts.push(injured === 0 ? 'no one injured' : `${injured} injured`);
    const text = parts.join(', ');
    sentences.push(`${text[0].toUpperCase()}${text.slice(1)}.`);
  }
  const conflicts = incident.conflicts.filter((c) => english(c));
  if (conflicts.length > 0) sentences.push(`Sources disagree on ${conflicts.join(', ')}.`);
  const count = incident.source_count;
  sentences.push(`[${count} source${count === 1 ? '' : 's'}]`);
  return sentences.join(' ');
}

function countryOf(code: string, opts: AcledOptions | undefined) {
  const info = countryByAlpha2(code);
  const name =
    opts?.countryNames?.[code] ?? opts?.countryNames?.[code.toUpperCase()] ?? info?.acledName ?? code;
  return { info, name };
}

const coord = (x: number | null) => (x == null || !Number.isFinite(x) ? '' : x.toFixed(4));

/** One ACLED row per incident, in the order given. Throws if two incident ids get one event_id_cnty. */
export function toAcledRows(incidents: readonly IncidentView[], opts?: AcledOptions): AcledRow[] {
  const ids = new Map<string, string>();
  const numeric = opts?.inter === 'numeric';
  return incidents.map((inc) => {
    const country = inc.country.toUpperCase();
    const { info, name: countryName } = countryOf(inc.country, opts);
    const event_id_cnty = `${info?.alpha3 ?? (/^[A-Z]{2,3}$/.test(country) ? country : 'XXX')}${incidentNumber(inc.id)}`;
    const seen = ids.get(event_id_cnty);
    if (seen !== undefined && seen !== inc.id) {
      throw new Error(`event_id_cnty collision: ${seen} and ${inc.id} both give ${event_id_cnty}`);
    }
    ids.set(event_id_cnty, inc.id);

    const date = acledDate(inc.date);
    const day = date.event_date || null;
    const types = acledEventType(inc.type, inc.target);
    const a1 = acledActor(inc.actor, country, countryName, day);
    const a2 = acledTarget(inc.target, country, countryName, day);
    const inter1 = a1.inter;
    const inter2 = a2?.inter ?? 0;
    const umbrella =
      inc.actor_umbrella && inc.actor_umbrella !== inc.actor
        ? acledActor(inc.actor_umbrella, country, countryName, day).name
        : '';
    const place = acledPlace(inc, countryName);

    // ACLED's key=value style; the first is the way back to Rasd
    const tags = [`rasd_id=${inc.id}`];
    if (date.precision === 'year') tags.push('date_precision=year');
    if (!date.event_date) tags.push('date_precision=unknown');
    if (inc.intercepted === true) tags.push('intercepted=yes');
    if (inc.conflicts.length > 0) tags.push(`sources_disagree=${inc.conflicts.join(',')}`);
    if (inc.killed == null) tags.push('fatalities=unknown');
    if (inc.type === 'Attack' && types.sub_event_type !== 'Attack') tags.push('rasd_type=Attack');
    if (inc.review_status !== 'unreviewed') tags.push(`review=${inc.review_status}`);
    // actor2 is no source's word but the forces the site hosts (the gazetteer row)
    const implied = inc.implied?.target;
    if (implied) tags.push(`target_implied=${implied.rule}:${implied.place_id}`);

    const updated = Date.parse(inc.updated_at);
    return {
      event_id_cnty,
      event_date: date.event_date,
      year: date.year,
      time_precision: String(date.time_precision),
      disorder_type: types.disorder_type,
      event_type: types.event_type,
      sub_event_type: types.sub_event_type,
      actor1: a1.name,
      assoc_actor_1: umbrella,
      inter1: numeric ? String(inter1) : INTER_NAMES[inter1],
      actor2: a2?.name ?? '',
      assoc_actor_2: '',
      inter2: numeric ? String(inter2) : inter2 ? INTER_NAMES[inter2] : '',
      interaction: numeric ? String(interaction(inter1, inter2)) : interactionText(inter1, inter2),
      civilian_targeting: inter2 === CIVILIANS ? 'Civilian targeting' : '',
      iso: info && Number.isFinite(info.numeric) ? String(info.numeric) : '',
      region: info?.region ?? '',
      country: countryName,
      admin1: acledAdmin1(country, inc.admin1),
      admin2: place.admin2,
      admin3: '',
      location: place.location,
      latitude: coord(inc.lat),
      longitude: coord(inc.lon),
      geo_precision: String(inc.geo_precision),
      source: sourceNames(inc).join('; '),
      source_scale: acledSourceScale(inc),
      notes: acledNotes(inc, countryName, inc.actor ? a1.name : null, place.location),
      fatalities: String(inc.killed ?? 0),
      tags: tags.join('; '),
      timestamp: Number.isFinite(updated) ? String(Math.floor(updated / 1000)) : '',
    };
  });
}

/** The incidents as an ACLED CSV document (header + one row per incident). */
export function acledCsv(incidents: readonly IncidentView[], opts?: AcledOptions): string {
  const rows = toAcledRows(incidents, opts).map((row) =>
    ACLED_COLUMNS.map((col) => (ACLED_NUMERIC_COLUMNS.has(col) ? row[col] : guardFormula(row[col]))),
  );
  return toCsv(ACLED_COLUMNS, rows);
}
