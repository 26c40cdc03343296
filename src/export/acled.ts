/**
 * Incidents as ACLED rows (the columns of an ACLED export, in ACLED's order), and as
 * a CSV document. Pure: no I/O, no clock (the actor coding table is read once from data/acled-actors.json at load).
 *
 * | column | Rasd source and convention |
 * |---|---|
 * | event_id_cnty | ISO 3166-1 alpha-3 of the country + a 52-bit number from SHA-256 of the incident id (`IRQ1234567890123456`): stable across exports, distinct per incident (a collision in one export throws). Unknown country: its alpha-2 code, or `XXX` |
 * | event_date | `YYYY-MM-DD`; a month date `YYYY-MM` gives the 1st of the month, a year `YYYY` the 1st of January; no date gives `` |
 * | year | the year of the date |
 * | time_precision | 1 day, 2 month, 3 year or no date |
 * | disorder_type | `Political violence` (`Strategic developments` for disrupted weapons use, as in ACLED) |
 * | event_type | Shelling/artillery/missile attack, Air/drone strike, Remote explosive/landmine/IED, Suicide bomb, Grenade → `Explosions/Remote violence`; Armed clash → `Battles`; Disrupted weapons use → `Strategic developments`; Attack → `Violence against civilians` when the target is civilian (civilians, diplomatic), else `Battles` with sub_event_type `Armed clash` (ACLED's Attack exists only under Violence against civilians) and tag `rasd: Attack` |
 * | sub_event_type | the record type (but see Attack) |
 * | actor1 | the actor, ACLED-style: states → `Military Forces of X` (no term years); Islamic State → `Islamic State (Iraq)` / `(Syria)` / `(<country>)` by the event country; militias and others by their Rasd name; no actor → `Unidentified Armed Group (<country>)` |
 * | assoc_actor_1 | the actor's umbrella group (Kata'ib Hezbollah → Islamic Resistance in Iraq) |
 * | inter1 | ACLED numeric: 1 state forces in their own country, 8 state forces abroad and the Global Coalition, 2 rebel groups (Islamic State, PKK, SDF, Houthis), 3 political militias (Iraqi factions, PMF, Hezbollah, unknown names, Unidentified Armed Group) |
 * | actor2 | from the target: us_forces → `Military Forces of the United States`; coalition → `Global Coalition against ISIS` (Rasd's actor name); iraqi_forces → `Military Forces of Iraq`; syrian_forces → `Military Forces of Syria`; militia → `Unidentified Militia`; civilians → `Civilians (<country>)`; diplomatic → `Civilians (International)` (diplomats and embassy staff, nationality unknown); logistics → `Private Security Forces (<country>)` (contractor convoys); other or none → `` |
 * | assoc_actor_2 | `` |
 * | inter2 | as inter1; civilians 7; private security 8; no actor2 0 |
 * | interaction | smaller code first: 10 × min + max (38, not 83); with no actor2, 10 × inter1 (30) |
 * | civilian_targeting | `Civilian targeting` when actor2 is civilians (target civilians or diplomatic), else `` |
 * | iso | ISO 3166-1 numeric (Iraq 368, Syria 760, Jordan 400, …); unknown country `` |
 * | region | ACLED region of the country (`Middle East` for the Levant, Gulf, Iraq, Iran, Turkey, Yemen; `Northern Africa` for Egypt, Libya …) |
 * | country | English name (`opts.countryNames` adds or overrides by alpha-2 code); unknown: the code |
 * | admin1 / admin2 / admin3 | the record's admin1 / `` / `` |
 * | location | the place |
 * | latitude / longitude | 4 decimals; `` without coordinates |
 * | geo_precision | the record's 1/2/3 (same meaning as ACLED's) |
 * | source | the sources' outlets (URL host without `www.` when the outlet is unknown), distinct, in order, joined by `; ` |
 * | source_scale | `Other` (Rasd does not know an outlet's scale) |
 * | notes | an English summary built from the coded fields only, never article text; names with Arabic script are left out |
 * | fatalities | killed, or 0 when unknown (ACLED codes unknown as 0; the tag `fatalities unknown` tells the two apart) |
 * | tags | `; `-joined: `rasd:<incident id>` (the way back to Rasd), `intercepted`, `conflicting reports`, `fatalities unknown`, `date unknown`, `rasd: Attack`, `review: <status>` (not for unreviewed) |
 * | timestamp | Unix seconds of updated_at |
 *
 * Not done: Rasd's actor of a disrupted weapons use is the one who fired; ACLED would
 * put the intercepting force first. Rasd does not know who intercepted, so the actors
 * stay as they are and the row gets the tag `intercepted`. Rejected incidents are
 * exported like the others (tag `review: rejected`); filter them before if unwanted.
 *
 * CSV: RFC 4180 quoting, `\n` line ends, no BOM. Every cell but latitude and longitude
 * that begins with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so a spreadsheet does not
 * run it as a formula (coded cells never begin so, but a country shown as its unknown code
 * could); coordinates are never touched (a negative longitude stays a number).
 */
import { createHash } from 'node:crypto';
import type { EventType, Target } from '../events/record.js';
import { readDataFile, type Weapon } from '../lexicon/lexicon.js';
import type { IncidentView } from '../store/types.js';
import { guardFormula, toCsv } from './csv.js';

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
  /** English country names by ISO 3166-1 alpha-2 code, adding to or overriding the built-in ones */
  countryNames?: Record<string, string>;
}

interface CountryInfo {
  iso3: string;
  numeric: number;
  name: string;
  region: string;
}

const COUNTRIES: Record<string, CountryInfo> = {
  IQ: { iso3: 'IRQ', numeric: 368, name: 'Iraq', region: 'Middle East' },
  SY: { iso3: 'SYR', numeric: 760, name: 'Syria', region: 'Middle East' },
  JO: { iso3: 'JOR', numeric: 400, name: 'Jordan', region: 'Middle East' },
  KW: { iso3: 'KWT', numeric: 414, name: 'Kuwait', region: 'Middle East' },
  TR: { iso3: 'TUR', numeric: 792, name: 'Turkey', region: 'Middle East' },
  IL: { iso3: 'ISR', numeric: 376, name: 'Israel', region: 'Middle East' },
  IR: { iso3: 'IRN', numeric: 364, name: 'Iran', region: 'Middle East' },
  LB: { iso3: 'LBN', numeric: 422, name: 'Lebanon', region: 'Middle East' },
  SA: { iso3: 'SAU', numeric: 682, name: 'Saudi Arabia', region: 'Middle East' },
  PS: { iso3: 'PSE', numeric: 275, name: 'Palestine', region: 'Middle East' },
  YE: { iso3: 'YEM', numeric: 887, name: 'Yemen', region: 'Middle East' },
  BH: { iso3: 'BHR', numeric: 48, name: 'Bahrain', region: 'Middle East' },
  QA: { iso3: 'QAT', numeric: 634, name: 'Qatar', region: 'Middle East' },
  AE: { iso3: 'ARE', numeric: 784, name: 'United Arab Emirates', region: 'Middle East' },
  OM: { iso3: 'OMN', numeric: 512, name: 'Oman', region: 'Middle East' },
  EG: { iso3: 'EGY', numeric: 818, name: 'Egypt', region: 'Northern Africa' },
  LY: { iso3: 'LBY', numeric: 434, name: 'Libya', region: 'Northern Africa' },
  TN: { iso3: 'TUN', numeric: 788, name: 'Tunisia', region: 'Northern Africa' },
  DZ: { iso3: 'DZA', numeric: 12, name: 'Algeria', region: 'Northern Africa' },
  SD: { iso3: 'SDN', numeric: 729, name: 'Sudan', region: 'Northern Africa' },
  AF: { iso3: 'AFG', numeric: 4, name: 'Afghanistan', region: 'South Asia' },
};

/** ACLED inter codes used here. */
const MILITIA = 3;
const CIVILIANS = 7;
const EXTERNAL = 8;

interface ActorCoding {
  /** ACLED name; `%c` stands for the English name of the event country */
  name: string;
  inter: number;
  /** for state forces: their own country (inter 1 there, 8 elsewhere) */
  home?: string;
}

/** Rasd canonical actor names → ACLED coding (data/acled-actors.json). Names not there keep their name, inter 3. */
const ACTORS: Record<string, ActorCoding> = readDataFile<{ actors: Record<string, ActorCoding> }>(
  'acled-actors.json',
).actors;

const TARGETS: Record<Target, ActorCoding | null> = {
  us_forces: ACTORS['United States'],
  coalition: ACTORS['Global Coalition against ISIS'],
  iraqi_forces: ACTORS['Military Forces of Iraq'],
  syrian_forces: ACTORS['Military Forces of Syria'],
  militia: { name: 'Unidentified Militia', inter: MILITIA },
  civilians: { name: 'Civilians (%c)', inter: CIVILIANS },
  diplomatic: { name: 'Civilians (International)', inter: CIVILIANS },
  logistics: { name: 'Private Security Forces (%c)', inter: EXTERNAL },
  other: null,
};

const EXPLOSIONS = 'Explosions/Remote violence';
const EVENT_TYPE: Record<Exclude<EventType, 'Attack'>, string> = {
  'Shelling/artillery/missile attack': EXPLOSIONS,
  'Air/drone strike': EXPLOSIONS,
  'Remote explosive/landmine/IED': EXPLOSIONS,
  'Suicide bomb': EXPLOSIONS,
  Grenade: EXPLOSIONS,
  'Armed clash': 'Battles',
  'Disrupted weapons use': 'Strategic developments',
};

const CIVILIAN_TARGETS: ReadonlySet<Target> = new Set<Target>(['civilians', 'diplomatic']);

/** ACLED event_type and sub_event_type of a record type and target. */
export function acledEventType(
  type: EventType,
  target: Target | null,
): { disorder_type: string; event_type: string; sub_event_type: string } {
  if (type === 'Attack') {
    return target && CIVILIAN_TARGETS.has(target)
      ? {
          disorder_type: 'Political violence',
          event_type: 'Violence against civilians',
          sub_event_type: 'Attack',
        }
      : { disorder_type: 'Political violence', event_type: 'Battles', sub_event_type: 'Armed clash' };
  }
  const event_type = EVENT_TYPE[type];
  if (!event_type) throw new Error(`unknown event type: ${type}`);
  const disorder_type =
    event_type === 'Strategic developments' ? 'Strategic developments' : 'Political violence';
  return { disorder_type, event_type, sub_event_type: type };
}

/** ACLED interaction code: the smaller inter code first; a lone actor gives 10 × its code. */
export function interaction(inter1: number, inter2: number): number {
  if (inter2 === 0) return inter1 * 10;
  if (inter1 === 0) return inter2 * 10;
  return Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
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
  time_precision: 1 | 2 | 3;
  /** "On 5 January 2022", "In January 2022", "In 2022", "On an unknown date" */
  phrase: string;
}

/** ACLED date of a Rasd date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY` or null). */
export function acledDate(date: string | null): AcledDate {
  const m = date ? DATE_RE.exec(date) : null;
  const month = m?.[2] ? Number(m[2]) : 1;
  const day = m?.[3] ? Number(m[3]) : 1;
  if (!m || month < 1 || month > 12 || day < 1 || day > 31) {
    return { event_date: '', year: '', time_precision: 3, phrase: 'On an unknown date' };
  }
  const [, y, mm, dd] = m;
  const event_date = `${y}-${mm ?? '01'}-${dd ?? '01'}`;
  if (dd) return { event_date, year: y, time_precision: 1, phrase: `On ${day} ${MONTHS[month - 1]} ${y}` };
  if (mm) return { event_date, year: y, time_precision: 2, phrase: `In ${MONTHS[month - 1]} ${y}` };
  return { event_date, year: y, time_precision: 3, phrase: `In ${y}` };
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

const countrySlot = (name: string, countryName: string) => name.replaceAll('%c', countryName);

function codeActor(actor: string | null, country: string, countryName: string): ActorCoding {
  if (!actor) return { name: `Unidentified Armed Group (${countryName})`, inter: MILITIA };
  const known = ACTORS[actor];
  if (!known) {
    // a state's forces named the ACLED way but not in the table: external unless we know better
    if (actor.startsWith('Military Forces of ')) return { name: actor, inter: EXTERNAL };
    return { name: actor, inter: MILITIA };
  }
  return codeKnown(known, country, countryName);
}

function codeKnown(c: ActorCoding, country: string, countryName: string): ActorCoding {
  const inter = c.home !== undefined && c.home !== country ? EXTERNAL : c.inter;
  return { name: countrySlot(c.name, countryName), inter };
}

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
export function acledNotes(incident: IncidentView, countryName: string, actor1: string | null): string {
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
  const place = english(incident.place);
  const admin1 = english(incident.admin1);
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

function countryOf(code: string, opts: AcledOptions | undefined): { info: CountryInfo | null; name: string } {
  const info = COUNTRIES[code.toUpperCase()] ?? null;
  const name = opts?.countryNames?.[code] ?? opts?.countryNames?.[code.toUpperCase()] ?? info?.name ?? code;
  return { info, name };
}

const coord = (x: number | null) => (x == null || !Number.isFinite(x) ? '' : x.toFixed(4));

/** One ACLED row per incident, in the order given. Throws if two incident ids get one event_id_cnty. */
export function toAcledRows(incidents: readonly IncidentView[], opts?: AcledOptions): AcledRow[] {
  const ids = new Map<string, string>();
  return incidents.map((inc) => {
    const { info, name: countryName } = countryOf(inc.country, opts);
    const event_id_cnty = `${info?.iso3 ?? (/^[A-Za-z]{2,3}$/.test(inc.country) ? inc.country.toUpperCase() : 'XXX')}${incidentNumber(inc.id)}`;
    const seen = ids.get(event_id_cnty);
    if (seen !== undefined && seen !== inc.id) {
      throw new Error(`event_id_cnty collision: ${seen} and ${inc.id} both give ${event_id_cnty}`);
    }
    ids.set(event_id_cnty, inc.id);

    const date = acledDate(inc.date);
    const types = acledEventType(inc.type, inc.target);
    const a1 = codeActor(inc.actor, inc.country.toUpperCase(), countryName);
    const t = inc.target ? TARGETS[inc.target] : null;
    const a2 = t ? codeKnown(t, inc.country.toUpperCase(), countryName) : null;
    const inter1 = a1.inter;
    const inter2 = a2?.inter ?? 0;
    const umbrella = inc.actor_umbrella && inc.actor_umbrella !== inc.actor ? inc.actor_umbrella : '';

    const tags = [`rasd:${inc.id}`];
    if (inc.intercepted === true) tags.push('intercepted');
    if (inc.conflicts.length > 0) tags.push('conflicting reports');
    if (inc.killed == null) tags.push('fatalities unknown');
    if (!date.event_date) tags.push('date unknown');
    if (inc.type === 'Attack' && types.sub_event_type !== 'Attack') tags.push('rasd: Attack');
    if (inc.review_status !== 'unreviewed') tags.push(`review: ${inc.review_status}`);

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
      inter1: String(inter1),
      actor2: a2?.name ?? '',
      assoc_actor_2: '',
      inter2: String(inter2),
      interaction: String(interaction(inter1, inter2)),
      civilian_targeting: inter2 === CIVILIANS ? 'Civilian targeting' : '',
      iso: info ? String(info.numeric) : '',
      region: info?.region ?? '',
      country: countryName,
      admin1: inc.admin1 ?? '',
      admin2: '',
      admin3: '',
      location: inc.place,
      latitude: coord(inc.lat),
      longitude: coord(inc.lon),
      geo_precision: String(inc.geo_precision),
      source: sourceNames(inc).join('; '),
      source_scale: 'Other',
      notes: acledNotes(inc, countryName, inc.actor ? a1.name : null),
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
