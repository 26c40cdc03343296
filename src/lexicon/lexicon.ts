/**
 * Loads the data files under data/ (lexicons and gazetteer) and compiles them into
 * phrase matchers. Loaded once per process; every extraction shares it.
 */
import { readFileSync } from 'node:fs';
import { fold } from '../normalize/normalize.js';
import { PhraseMatcher } from './matcher.js';

const DATA_DIR = new URL('../../data/', import.meta.url);

export function readDataFile<T>(relative: string): T {
  return JSON.parse(readFileSync(new URL(relative, DATA_DIR), 'utf8')) as T;
}

export type Weapon =
  | 'rocket'
  | 'missile'
  | 'drone'
  | 'ied'
  | 'mortar'
  | 'artillery'
  | 'aircraft'
  | 'small_arms';
export type WeaponNoun = Weapon | 'shell';
export type GrammaticalNumber = 'sg' | 'du' | 'pl' | 'adj';

export type TriggerKind = 'attack' | 'airstrike' | 'intercept' | 'clash' | 'suicide' | 'grenade';
export interface TriggerValue {
  kind: TriggerKind;
  strong: boolean;
  implies?: Weapon;
}

export interface ActorEntry {
  name: string;
  kind: 'state' | 'militia' | 'insurgent' | 'coalition';
  umbrella?: string;
  target?: string;
  ar: string[];
  adj?: string[];
  /** what a bare صاروخ fired by this actor is (a state's ballistic missile) */
  launches?: Weapon;
}

/** Kinds of place, most of them by size; the gazetteer build checks rows against this list. */
export const PLACE_KINDS = [
  'country',
  'province',
  'district',
  'city',
  'town',
  'village',
  'neighbourhood',
  'base',
  'airport',
  'facility',
  'region',
  'landmark',
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export interface Place {
  id: string;
  name: string;
  kind: PlaceKind;
  country: string;
  admin1: string | null;
  lat: number;
  lon: number;
  ar: string[];
  pop?: number;
  /** needs a context word (قرية، منطقة …) before it */
  cue?: boolean;
  /** too large to locate an event (a whole region such as Iraqi Kurdistan) */
  coarse?: boolean;
  /** a capital whose bare name usually means its government: needs "في"/a cue before it */
  metonym?: boolean;
  /** default target category for attacks on this place (curated bases) */
  target?: string;
  /** a fixed geo_precision: 3 for a macro-region ("غرب العراق", "البادية السورية") */
  precision?: 1 | 2 | 3;
  /** the curated site this one lies in or belongs to (a facility in an airport, the road to it) */
  within?: string;
}

export interface PlaceNameValue {
  place: Place;
  /** the matched name needs a context word before it */
  cue: boolean;
}

export type ModalityKind =
  | 'threat'
  | 'future'
  | 'conditional'
  | 'negation'
  | 'habitual'
  | 'tally'
  | 'hedge'
  | 'question'
  | 'quote_of_intent'
  // an anniversary or commemoration, a protest or vigil (src/events/modality.ts)
  | 'commemoration'
  | 'gathering'
  // a phrase that looks like a series but names the parts of one event ("سلسلة من الانفجارات"):
  // as the longest match it hides the cue inside it, and blocks nothing itself
  | 'one_event'
  // a test or exercise whose blasts are heard ("اختبرت السفارة نظاما جديدا لمضاداتها")
  | 'exercise';

export interface Lexicon {
  triggers: PhraseMatcher<TriggerValue>;
  impact: PhraseMatcher<true>;
  partial: PhraseMatcher<true>;
  claim: PhraseMatcher<true>;
  /** actor aliases that name the attacking arm itself ("طائرات التحالف") */
  agentAliasHeads: Set<string>;
  weapons: PhraseMatcher<{ weapon: WeaponNoun; number: GrammaticalNumber }>;
  weaponModifiers: PhraseMatcher<Weapon>;
  /** words that make a following weapon noun an object, not the weapon used ("منصة إطلاق صواريخ") */
  weaponObjectHeads: PhraseMatcher<true>;
  actors: PhraseMatcher<ActorEntry | null>;
  actorAdjectives: PhraseMatcher<ActorEntry>;
  actorsByName: Map<string, ActorEntry>;
  targets: PhraseMatcher<string>;
  /** "قاعدة حرير الأمريكية": an adjective right after a site's name says whose it is (a target category) */
  siteOwnerAdjectives: PhraseMatcher<string>;
  /** target category → the side it is on (rule sides-apart); categories absent are no side */
  targetSides: Map<string, string>;
  targetPriority: string[];
  killed: PhraseMatcher<true>;
  injured: PhraseMatcher<true>;
  bothCasualties: PhraseMatcher<true>;
  combinedCasualties: PhraseMatcher<true>;
  persons: PhraseMatcher<GrammaticalNumber>;
  dualNumerals: Set<string>;
  noCasualties: PhraseMatcher<true>;
  /** "ذكرى": a kill word after it is a commemoration */
  commemorative: PhraseMatcher<true>;
  unknownCasualties: PhraseMatcher<true>;
  modality: PhraseMatcher<ModalityKind>;
  habitualAfter: PhraseMatcher<true>;
  /** "الهجوم الوشيك", "هجوم تركي مرتقب": right after the attack word, one still to come */
  prospectiveAfter: PhraseMatcher<true>;
  /** "… ليست صحيحة", "… ناجمة عن تدريبات": after the attack word, the report denied */
  deniedAfter: PhraseMatcher<true>;
  deniedAfterWindow: number;
  /** "سلسلة غارات" with a day of its own: one wave, not a habit */
  datedSeries: PhraseMatcher<true>;
  latestOfSeries: PhraseMatcher<true>;
  places: PhraseMatcher<PlaceNameValue>;
  placeCues: PhraseMatcher<'base' | 'airport' | 'town' | 'province'>;
  near: PhraseMatcher<true>;
  origin: PhraseMatcher<true>;
  /** "قصفت مطار X باتجاه منطقة Y": after a site, the direction of the attack, not another site */
  directionAfterSite: PhraseMatcher<true>;
  /** "أثناء توجهها نحو", "قادمة من": a place after these is where someone went or came from */
  movementTo: PhraseMatcher<true>;
  /** rule overflight: "فوق", "في سماء" before a place, and the flight words that make it where aircraft flew */
  overflightOver: PhraseMatcher<true>;
  overflightFlights: PhraseMatcher<true>;
  /** "يدعى", "المدعو": a person named; "من مدينة X" a few words after is the person's hometown */
  personNaming: Set<string>;
  /** place names that are a settlement noun with its article (المدينة): no near word licenses them */
  genericNames: PhraseMatcher<true>;
  /** "بالتزامن مع تحليق …": what went on alongside, whose places are not the event's */
  asideOpeners: PhraseMatcher<true>;
  /** "طريق X - Y": a road named by its two ends */
  roadWords: PhraseMatcher<true>;
  anaphora: PhraseMatcher<AnaphorKind>;
  pluralSiteCues: PhraseMatcher<true>;
  genericPluralTargets: PhraseMatcher<true>;
  notPlaceHeads: PhraseMatcher<true>;
  /** verbs whose subject, when it is a capital, is a government ("اعتبرت أنقرة") */
  metonymyVerbs: Set<string>;
  /** "مدينة صعدة اليمنية": a country's adjective after a place name gives its country (ISO code) */
  nationalityAdjectives: PhraseMatcher<string>;
  /** "مدينة سروج الحدودية التركية": descriptive adjectives that may stand between a place and its country's adjective */
  nationalityBetween: Set<string>;
  /** rule preposition-licensed: names needing context that a preposition right before licenses ("في القائم") */
  prepositionLicensed: { prepositions: Set<string>; names: Set<string>; notBefore: Set<string> };
  ambiguousPlaceNames: Set<string>;
  placeCount: number;
}

interface WeaponsFile {
  weapons: { weapon: WeaponNoun; sg: string[]; du: string[]; pl: string[]; adjectives: string[] }[];
  modifiers: Record<Weapon, string[]>;
  object_heads: string[];
}
interface TriggersFile {
  triggers: { kind: TriggerKind; strength: 'strong' | 'weak'; implies?: Weapon; phrases: string[] }[];
  impact: string[];
  partial: string[];
  claim: string[];
  agent_aliases: string[];
}
interface ActorsFile {
  actors: ActorEntry[];
  generic: string[];
}
interface TargetsFile {
  priority: string[];
  targets: Record<string, string[]>;
  site_owner_adjectives: Record<string, string[]>;
  sides: Record<string, string>;
}
interface CasualtiesFile {
  killed: string[];
  injured: string[];
  both: string[];
  combined: string[];
  persons: { sg: string[]; du: string[]; pl: string[] };
  dual_pairs: string[];
  none: string[];
  unknown: string[];
  commemorative: string[];
}
/** Keys of modality.json that are word lists read by one rule each, not kinds of cue. */
const MODALITY_LISTS = new Set([
  'habitual_after',
  'prospective_after',
  'latest_of_series',
  'denied_after',
  'dated_series',
]);

type ModalityFile = Record<ModalityKind, string[]> & {
  habitual_after: string[];
  prospective_after: string[];
  denied_after: string[];
  denied_after_window: number;
  dated_series: string[];
  latest_of_series: string[];
  /** the rules' numbers and word lists, read by src/events/modality.ts */
  rules: unknown;
};
/** What a definite noun referring back to a place names: a base, an airport, a facility of its own sort, any site. */
export type AnaphorKind = 'base' | 'airport' | 'facility' | 'site';
interface PlacesFile {
  cues: Record<'base' | 'airport' | 'town' | 'province', string[]>;
  near: string[];
  origin: string[];
  direction_after_site: string[];
  movement_to: string[];
  person_naming: string[];
  generic_names: string[];
  road_words: string[];
  aside_openers: string[];
  anaphora: Record<AnaphorKind, string[]>;
  not_place_heads: string[];
  metonymy_verbs: string[];
  plural_site_cues: string[];
  generic_plural_targets: string[];
  nationality_adjectives: Record<string, string[]>;
  nationality_between: string[];
  preposition_licensed: { prepositions: string[]; names: string[]; not_before: string[] };
  overflight: { over: string[]; flights: string[] };
}
interface GazetteerFile {
  places: Place[];
}

/** A phrase matcher giving each phrase the key it is listed under ("_doc" keys are notes, no category). */
function categoryMatcher(byCategory: Record<string, string[]>): PhraseMatcher<string> {
  const m = new PhraseMatcher<string>();
  for (const [category, phrases] of Object.entries(byCategory))
    if (!category.startsWith('_')) for (const p of phrases) m.add(p, category);
  return m;
}

/** A phrase matcher giving every phrase the same value. */
export function matcherOf<T>(phrases: Iterable<string>, value: T): PhraseMatcher<T> {
  const m = new PhraseMatcher<T>();
  for (const p of phrases) m.add(p, value);
  return m;
}

function loadGazetteer(): { places: Place[]; ambiguous: Set<string> } {
  let places: Place[] = [];
  let ambiguous = new Set<string>();
  try {
    places = readDataFile<GazetteerFile>('gazetteer/places.json').places;
  } catch (err) {
    throw new Error(`cannot read the gazetteer data/gazetteer/places.json: ${(err as Error).message}`);
  }
  try {
    const text = readFileSync(new URL('gazetteer/ambiguous.txt', DATA_DIR), 'utf8');
    ambiguous = new Set(
      text
        .split('\n')
        .map((l) => l.replace(/#.*/, '').trim())
        .filter(Boolean)
        .map(fold),
    );
  } catch {
    // optional file
  }
  return { places, ambiguous };
}

export function loadLexicon(): Lexicon {
  const w = readDataFile<WeaponsFile>('lexicon/weapons.json');
  const t = readDataFile<TriggersFile>('lexicon/triggers.json');
  const a = readDataFile<ActorsFile>('lexicon/actors.json');
  const tg = readDataFile<TargetsFile>('lexicon/targets.json');
  const c = readDataFile<CasualtiesFile>('lexicon/casualties.json');
  const mo = readDataFile<ModalityFile>('lexicon/modality.json');
  const pl = readDataFile<PlacesFile>('lexicon/places.json');
  const gz = loadGazetteer();

  const triggers = new PhraseMatcher<TriggerValue>();
  for (const group of t.triggers)
    for (const p of group.phrases)
      triggers.add(p, { kind: group.kind, strong: group.strength === 'strong', implies: group.implies });

  const weapons = new PhraseMatcher<{ weapon: WeaponNoun; number: GrammaticalNumber }>();
  for (const entry of w.weapons) {
    for (const number of ['sg', 'du', 'pl'] as const)
      for (const p of entry[number]) weapons.add(p, { weapon: entry.weapon, number });
    for (const p of entry.adjectives) weapons.add(p, { weapon: entry.weapon, number: 'adj' });
  }
  const weaponModifiers = new PhraseMatcher<Weapon>();
  for (const [weapon, phrases] of Object.entries(w.modifiers))
    for (const p of phrases) weaponModifiers.add(p, weapon as Weapon);

  const actors = new PhraseMatcher<ActorEntry | null>();
  const actorAdjectives = new PhraseMatcher<ActorEntry>();
  const actorsByName = new Map<string, ActorEntry>();
  for (const actor of a.actors) {
    actorsByName.set(actor.name, actor);
    for (const p of actor.ar) actors.add(p, actor);
    for (const p of actor.adj ?? []) actorAdjectives.add(p, actor);
  }
  for (const p of a.generic) actors.add(p, null);

  const targets = categoryMatcher(tg.targets);
  const siteOwnerAdjectives = categoryMatcher(tg.site_owner_adjectives);

  const persons = new PhraseMatcher<GrammaticalNumber>();
  for (const number of ['sg', 'du', 'pl'] as const) for (const p of c.persons[number]) persons.add(p, number);

  const modality = new PhraseMatcher<ModalityKind>();
  for (const [kind, phrases] of Object.entries(mo)) {
    if (kind.startsWith('_') || MODALITY_LISTS.has(kind)) continue;
    if (!Array.isArray(phrases)) continue; // "rules": read by src/events/modality.ts
    for (const p of phrases as string[]) modality.add(p, kind as ModalityKind);
  }

  const places = new PhraseMatcher<PlaceNameValue>();
  for (const place of gz.places) {
    for (const name of place.ar) {
      const needsCue = Boolean(place.cue) || gz.ambiguous.has(fold(name));
      places.add(name, { place, cue: needsCue });
    }
  }
  const placeCues = new PhraseMatcher<'base' | 'airport' | 'town' | 'province'>();
  for (const [kind, phrases] of Object.entries(pl.cues))
    for (const p of phrases) placeCues.add(p, kind as 'base' | 'airport' | 'town' | 'province');
  const anaphora = new PhraseMatcher<AnaphorKind>();
  for (const [kind, phrases] of Object.entries(pl.anaphora))
    for (const p of phrases) anaphora.add(p, kind as AnaphorKind);

  return {
    triggers,
    impact: matcherOf(t.impact, true),
    partial: matcherOf(t.partial, true),
    claim: matcherOf(t.claim, true),
    weapons,
    weaponModifiers,
    weaponObjectHeads: matcherOf(w.object_heads, true),
    agentAliasHeads: new Set(t.agent_aliases.map(fold)),
    habitualAfter: matcherOf(mo.habitual_after, true),
    prospectiveAfter: matcherOf(mo.prospective_after, true),
    deniedAfter: matcherOf(mo.denied_after, true),
    deniedAfterWindow: mo.denied_after_window,
    datedSeries: matcherOf(mo.dated_series, true),
    latestOfSeries: matcherOf(mo.latest_of_series, true),
    pluralSiteCues: matcherOf(pl.plural_site_cues, true),
    genericPluralTargets: matcherOf(pl.generic_plural_targets, true),
    actors,
    actorAdjectives,
    actorsByName,
    targets,
    siteOwnerAdjectives,
    targetSides: new Map(Object.entries(tg.sides).filter(([k]) => !k.startsWith('_'))),
    targetPriority: tg.priority,
    killed: matcherOf(c.killed, true),
    injured: matcherOf(c.injured, true),
    bothCasualties: matcherOf(c.both, true),
    combinedCasualties: matcherOf(c.combined, true),
    persons,
    dualNumerals: new Set(c.dual_pairs.map(fold)),
    noCasualties: matcherOf(c.none, true),
    commemorative: matcherOf(c.commemorative, true),
    unknownCasualties: matcherOf(c.unknown, true),
    modality,
    places,
    placeCues,
    near: matcherOf(pl.near, true),
    origin: matcherOf(pl.origin, true),
    directionAfterSite: matcherOf(pl.direction_after_site, true),
    movementTo: matcherOf(pl.movement_to, true),
    overflightOver: matcherOf(pl.overflight.over, true),
    overflightFlights: matcherOf(pl.overflight.flights, true),
    personNaming: new Set(pl.person_naming.map(fold)),
    genericNames: matcherOf(pl.generic_names, true),
    roadWords: matcherOf(pl.road_words, true),
    asideOpeners: matcherOf(pl.aside_openers, true),
    anaphora,
    notPlaceHeads: matcherOf(pl.not_place_heads, true),
    metonymyVerbs: new Set(pl.metonymy_verbs.map(fold)),
    nationalityAdjectives: categoryMatcher(pl.nationality_adjectives),
    nationalityBetween: new Set(pl.nationality_between.map(fold)),
    prepositionLicensed: {
      prepositions: new Set(pl.preposition_licensed.prepositions.map(fold)),
      names: new Set(pl.preposition_licensed.names.map(fold)),
      notBefore: new Set(pl.preposition_licensed.not_before.map(fold)),
    },
    ambiguousPlaceNames: gz.ambiguous,
    placeCount: gz.places.length,
  };
}

let shared: Lexicon | undefined;
/** The lexicon built from the shipped data files, loaded on first use. */
export function defaultLexicon(): Lexicon {
  shared ??= loadLexicon();
  return shared;
}
