/** The API's responses, as the dashboard reads them. */
import type { IncidentSource, IncidentView } from '../../../incidents/types.js';

export type { IncidentSource, IncidentView };

export interface FacetValue {
  value: string;
  count: number;
  /** the Arabic name (provinces) */
  ar?: string;
}

export interface ListResponse {
  /** every match (asked with _count=1) */
  total?: number;
  count: number;
  next_cursor: string | null;
  next: string | null;
  items: IncidentView[];
  facets?: Record<string, FacetValue[]>;
}

export interface StatsResponse {
  total: number;
  per_day?: { day: string; count: number }[];
  /** every incident per date as dated (YYYY-MM-DD, YYYY-MM, YYYY, null) */
  per_date?: { date: string | null; count: number }[];
}

export interface MapCluster {
  lat: number;
  lon: number;
  count: number;
  sources: number;
  types: Record<string, number>;
  id: string | null;
}

export interface MapResponse {
  clusters: MapCluster[];
  located: number;
  unlocated: number;
}

export interface SourceArticleResponse {
  total: number;
  offset: number;
  items: {
    id: string;
    url: string | null;
    outlet: string | null;
    title: string | null;
    published: string | null;
    text: string;
    duplicate_of: string | null;
    mentions: { mention_id: number; evidence: string; spans: Record<string, [number, number]> }[];
  }[];
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
