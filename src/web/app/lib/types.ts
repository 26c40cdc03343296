/** The API's responses, as the dashboard reads them. */
import type { IncidentSource, IncidentView } from '../../../store/types.js';

export type { IncidentSource, IncidentView };

export interface FacetValue {
  value: string;
  count: number;
}

export interface ListResponse {
  count: number;
  next_cursor: string | null;
  next: string | null;
  items: IncidentView[];
  facets?: Record<string, FacetValue[]>;
}

export interface StatsResponse {
  total: number;
  per_day?: { day: string; count: number }[];
}

export interface ArticleMention {
  id: number;
  idx: number;
  incident_id: string | null;
  type: string;
  evidence: string;
  spans: Record<string, [number, number]>;
}

export interface ArticleResponse {
  id: string;
  url: string | null;
  outlet: string | null;
  title: string | null;
  published: string | null;
  text: string;
  duplicate_of: string | null;
  mentions: ArticleMention[];
}

export interface LogEntry {
  id: number;
  incident_id: string;
  who: string;
  at: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

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

export const WEAPONS = ['rocket', 'missile', 'drone', 'ied', 'mortar', 'artillery', 'aircraft', 'small_arms'];

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
];

/** One colour per event type (map, table, legend). */
export const TYPE_COLORS: Record<string, string> = {
  'Shelling/artillery/missile attack': '#d95f02',
  'Air/drone strike': '#7570b3',
  'Remote explosive/landmine/IED': '#e7298a',
  'Suicide bomb': '#a6761d',
  Grenade: '#66a61e',
  'Armed clash': '#c9a100',
  'Disrupted weapons use': '#1b9e77',
  Attack: '#666666',
};
