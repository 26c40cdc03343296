/**
 * What the store keeps and serves. An incident is the merge of the event mentions of
 * one or more articles; its fields are the merged fields, with the sources behind them.
 */
import type { ReviewStatus } from '../db/filter.js';
import type { Weapon } from '../lexicon/lexicon.js';
import type { EventType, ImpliedFields, Target } from '../record/record.js';
import type { IncidentFields, StoredCoreference } from './assign.js';

export type { ReviewStatus };

/** An incident as stored (the columns of sql.incidentsByIds and the listing queries). */
export interface IncidentRow extends IncidentFields {
  id: string;
  source_count: number;
  conflicts: string[] | null;
  review_status: ReviewStatus;
  edits: Partial<IncidentFields> | null;
  evidence_norm: string;
  updated_at: string;
  sort_date: string;
  pinned: boolean | null;
  coreference: StoredCoreference | null;
  place_ar?: string | null;
  admin1_ar?: string | null;
  implied?: ImpliedFields | null;
}

export interface IncidentSource {
  article_id: string;
  url: string | null;
  outlet: string | null;
  title: string | null;
  published: string | null;
  /** the mention's evidence clause, exact text of the article */
  evidence: string;
  mention_id: number;
  /** [start, end) offsets into the article's text of the evidence, trigger, place, date, actor … */
  spans?: Record<string, [number, number]>;
  /** set when the article is a near-duplicate (syndicated copy) of that article */
  duplicate_of?: string | null;
}

export interface IncidentView {
  /** the incident key (stable across re-ingests of the same articles) */
  id: string;
  type: EventType;
  date: string | null;
  place: string;
  place_id: string;
  /** the place's Arabic name from the gazetteer (null when it has none) */
  place_ar?: string | null;
  /** the province's Arabic name from the gazetteer */
  admin1_ar?: string | null;
  lat: number | null;
  lon: number | null;
  geo_precision: 1 | 2 | 3;
  country: string;
  admin1: string | null;
  actor: string | null;
  actor_umbrella: string | null;
  target: Target | null;
  weapon: Weapon | null;
  munitions: number | null;
  killed: number | null;
  injured: number | null;
  intercepted: boolean | null;
  /**
   * the fields no source states, each with its reason: `{target: {rule: "site-hosts", place_id}}`
   * when no source names the target and the site implies it (the forces the gazetteer says it
   * hosts); null (or absent) when every field is stated
   */
  implied?: ImpliedFields | null;
  /** number of distinct (non-duplicate) articles reporting it */
  source_count: number;
  sources: IncidentSource[];
  /** fields on which the sources disagree (e.g. ["killed", "weapon"]) */
  conflicts: string[];
  review_status: ReviewStatus;
  /** membership set by a reviewer (merge or split): kept together through ingest and reprocess */
  pinned?: boolean;
  /** ISO timestamp of the last change */
  updated_at: string;
  /** (incident detail only) why its mentions were joined */
  coreference?: CoreferenceView;
  /** (incident detail only) for each field in `conflicts`: which sources give which value */
  disagreements?: Disagreement[];
}

/** One coreference rule that held between two mentions, e.g. {rule: "date:night-window", detail: "…"}. */
export interface CoreferenceEvidence {
  rule: string;
  detail?: string;
}

export interface CoreferenceView {
  /** each mention after the first: the mention it was joined to, how far and how many days apart, and why */
  joins: {
    mention_id: number;
    article_id: string | null;
    to_mention_id: number;
    to_article_id: string | null;
    km: number | null;
    days: number | null;
    evidence: CoreferenceEvidence[];
  }[];
  /** a coarse report (month-only, province-only) that may be one of these incidents: flagged for review */
  may_be_one_of: string[];
  /** a reviewer set the membership (merge, split) */
  pinned: boolean;
}

export interface Disagreement {
  field: string;
  values: {
    value: string | number | boolean | null;
    sources: { article_id: string; outlet: string | null; mention_id: number }[];
  }[];
}
