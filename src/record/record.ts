/** The event record Rasd writes: the contract of ../shared/eval/SCHEMA.md plus evidence spans. */
import type { Weapon } from '../lexicon/lexicon.js';

export const EVENT_TYPES = [
  'Shelling/artillery/missile attack',
  'Air/drone strike',
  'Remote explosive/landmine/IED',
  'Suicide bomb',
  'Grenade',
  'Armed clash',
  'Disrupted weapons use',
  'Attack',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const TARGETS = [
  'us_forces',
  'coalition',
  'diplomatic',
  'logistics',
  'iraqi_forces',
  'syrian_forces',
  'militia',
  'civilians',
  'other',
] as const;
export type Target = (typeof TARGETS)[number];

const WEAPON_NAMES: Record<Weapon, true> = {
  rocket: true,
  missile: true,
  drone: true,
  ied: true,
  mortar: true,
  artillery: true,
  aircraft: true,
  small_arms: true,
};
/** Every weapon a record may name. */
export const WEAPONS = Object.keys(WEAPON_NAMES) as Weapon[];

/** A record's country: ISO 3166-1 alpha-2, upper case, as the gazetteer writes it. */
export const COUNTRY_CODE = /^[A-Z]{2}$/;

/** [start, end) character offsets into the original article text. */
export type OffsetSpan = [number, number];

export interface EvidenceSpans {
  trigger?: OffsetSpan;
  place?: OffsetSpan;
  date?: OffsetSpan;
  actor?: OffsetSpan;
  weapon?: OffsetSpan;
  munitions?: OffsetSpan;
  killed?: OffsetSpan;
  injured?: OffsetSpan;
  evidence: OffsetSpan;
}

/**
 * Why a field holds a value the text does not state. A stated value has its evidence in
 * `spans` (its clause at least); an implied one has no quote of its own, only this reason.
 * site-hosts: the target is the forces the curated site hosts (the gazetteer row `place_id`'s
 * `target`), used when the text names no target.
 */
export interface ImpliedBy {
  rule: 'site-hosts';
  /** the gazetteer row the value comes from */
  place_id: string;
}

/** The fields of a record that may be implied rather than stated, each with its reason. */
export interface ImpliedFields {
  target?: ImpliedBy;
}

export interface EventRecord {
  type: EventType;
  date: string | null;
  place: string;
  lat: number | null;
  lon: number | null;
  geo_precision: 1 | 2 | 3;
  country: string;
  admin1: string | null;
  actor: string | null;
  target: Target | null;
  weapon: Weapon | null;
  munitions: number | null;
  killed: number | null;
  injured: number | null;
  intercepted: boolean | null;
  evidence: string;
  incident?: string;
  /** Rasd extras (ignored by the scorer) */
  place_id: string;
  actor_umbrella?: string | null;
  /**
   * the date mention puts the event in the dark hours (مساء، ليل، الليلة الماضية، فجر): another
   * report may date an evening or night event on the next day, a dawn event on the day before
   */
  part_of_day?: 'evening' | 'night' | 'dawn';
  spans: EvidenceSpans;
  /**
   * fields the text does not state, with the reason they hold a value (absent: every field is
   * stated or null); an implied field has no span
   */
  implied?: ImpliedFields;
}

export interface ArticleResult {
  id: string;
  events: EventRecord[];
  /** notes about the input (no Arabic text, no publication date …) */
  warnings?: string[];
}
