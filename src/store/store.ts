/**
 * The store: what the CLI, the API and the export read and write.
 *
 *   const store = await Store.open({ url: process.env.DATABASE_URL, dataDir: './rasd-data' });
 *   await store.ingest(articles, { workers: 2 });
 *   const { items, next_cursor } = await store.listIncidents({ country: ['IQ'], min_sources: 2 });
 *
 * Listing is keyset-paginated: pass `next_cursor` back as `cursor` with the same filter.
 * Facets count incidents per value under the filter without the facet's own field (so a
 * chosen type still shows the other types and their counts).
 */
import { type Db, type OpenDbOptions, openDb } from '../db/db.js';
import {
  type CheckedFilter,
  checkFilter,
  checkId,
  encodeCursor,
  type IncidentFilter,
  MAX_INT,
} from '../db/filter.js';
import { FILTER_VOCAB } from '../db/filter-vocab.js';
import { InputError, onInput } from '../db/input-error.js';
import { migrate } from '../db/migrations.js';
import { FACET_COLUMNS, type FacetField, type Sql, sql } from '../db/sql.js';
import { type PlanOptions, type SummaryPlan, summaryPlan, summarySql } from '../db/summary.js';
import type { MentionRow } from '../incidents/assign.js';
import { coreferenceView, disagreements } from '../incidents/explain.js';
import type { IncidentRow, IncidentSource, IncidentView } from '../incidents/types.js';
import { type Articles, type IngestOptions, type IngestReport, ingest } from '../ingest/ingest.js';
import { type ReprocessOptions, type ReprocessReport, reprocess } from '../ingest/reprocess.js';
import { admin1Arabic } from '../places/names.js';
import type { ImpliedFields } from '../record/record.js';
import type { ReviewInput, ReviewLogEntry } from '../review/review.js';
import * as reviewing from '../review/review.js';

export { HostLostError, StoreBusyError } from '../db/errors.js';
export type { IncidentFilter } from '../db/filter.js';
export { InputError } from '../db/input-error.js';
export type { ReviewAction, ReviewInput, ReviewLogEntry } from '../review/review.js';

export type Facets = Record<FacetField, { value: string; count: number; ar?: string }[]>;

/** One cell of the map's grid: where its incidents are (their centroid), how many, of which types. */
export interface MapCluster {
  lat: number;
  lon: number;
  count: number;
  sources: number;
  /** incidents per event type */
  types: Record<string, number>;
  /** the incident, when the cell holds only one */
  id: string | null;
}

export interface MapView {
  clusters: MapCluster[];
  /** the incidents on the map in this view (the sum of the clusters' counts) */
  located: number;
  /** incidents under the filter that have no coordinates (on no map) */
  unlocated: number;
  /** the grid's cell size in degrees */
  cell: number;
}

/** Pixels a cluster gathers around it on screen (the grid cell's size). */
export const CLUSTER_PX = 60;

export interface Stats {
  /** incidents dated to the day, per ISO week (the Monday) */
  per_week: { week: string; count: number }[];
  per_type: { value: string; count: number }[];
  per_actor: { value: string; count: number }[];
  total: number;
  /** incidents dated to the day, per day (only when asked for: `per_day: true`) */
  per_day?: { day: string; count: number }[];
  /**
   * every incident, per date as dated (YYYY-MM-DD, YYYY-MM, YYYY; null: undated); their
   * counts add up to `total` (only when asked for: `per_date: true`)
   */
  per_date?: { date: string | null; count: number }[];
}

export interface SourceArticle {
  id: string;
  url: string | null;
  outlet: string | null;
  title: string | null;
  published: string | null;
  text: string;
  duplicate_of: string | null;
  /** the incident's mentions in this article, with their highlight spans */
  mentions: { mention_id: number; evidence: string; spans: Record<string, [number, number]> }[];
}

export interface ArticleMention {
  id: number;
  idx: number;
  incident_id: string | null;
  reviewed: boolean;
  type: string;
  date: string | null;
  place: string;
  place_id: string;
  lat: number | null;
  lon: number | null;
  geo_precision: number;
  country: string;
  admin1: string | null;
  actor: string | null;
  actor_umbrella: string | null;
  target: string | null;
  weapon: string | null;
  munitions: number | null;
  killed: number | null;
  injured: number | null;
  intercepted: boolean | null;
  evidence: string;
  spans: Record<string, [number, number]>;
  /** the fields the text does not state, with their reasons (null: all stated) */
  implied: ImpliedFields | null;
}

export interface ArticleView {
  id: string;
  url: string | null;
  outlet: string | null;
  title: string | null;
  published: string | null;
  text: string;
  duplicate_of: string | null;
  ingested_at: string;
  extractor_version: string;
  mentions: ArticleMention[];
}

/** What `split` returns: the incident that kept the other mentions and the new one. */
export interface SplitResult {
  incident: IncidentView;
  created: IncidentView;
}

export interface StoreOptions extends OpenDbOptions {
  /**
   * Answer counts, facets, the timeline and the map from the summary tables when they can do
   * so exactly (src/db/summary.ts; default true). False: always the live query.
   */
  summary?: boolean;
}

const FACETS = Object.keys(FACET_COLUMNS) as FacetField[];
const FACET_LIMIT = 50;

function view(r: IncidentRow, sources: IncidentSource[]): IncidentView {
  return {
    id: r.id,
    type: r.type as IncidentView['type'],
    date: r.date,
    place: r.place,
    place_id: r.place_id,
    place_ar: r.place_ar ?? null,
    admin1_ar: r.admin1_ar ?? null,
    lat: r.lat,
    lon: r.lon,
    geo_precision: Number(r.geo_precision) as 1 | 2 | 3,
    country: r.country,
    admin1: r.admin1,
    actor: r.actor,
    actor_umbrella: r.actor_umbrella,
    target: r.target as IncidentView['target'],
    weapon: r.weapon as IncidentView['weapon'],
    munitions: r.munitions,
    killed: r.killed,
    injured: r.injured,
    intercepted: r.intercepted,
    implied: r.implied ?? null,
    source_count: Number(r.source_count),
    sources,
    conflicts: r.conflicts ?? [],
    review_status: r.review_status,
    pinned: Boolean(r.pinned),
    updated_at: r.updated_at,
  };
}

/** A map cell being summed up: its sums, and (from the summary) a point and type of it. */
type Cell = MapCluster & { latSum: number; lonSum: number; at?: { lat: number; lon: number; type: string } };

export class Store {
  constructor(
    readonly db: Db,
    private readonly opts: { summary?: boolean } = {},
  ) {}

  /** Opens the database (PGlite data folder, or PostgreSQL when `url` is set) and migrates it. */
  static async open(opts: StoreOptions = {}): Promise<Store> {
    const db = await openDb(opts);
    try {
      await migrate(db);
    } catch (err) {
      await db.close();
      throw err;
    }
    return new Store(db, { summary: opts.summary });
  }

  ingest(articles: Articles, opts?: IngestOptions): Promise<IngestReport> {
    return ingest(this.db, articles, opts);
  }

  reprocess(opts?: ReprocessOptions): Promise<ReprocessReport> {
    return reprocess(this.db, opts);
  }

  /** Validates a filter (throws InputError naming each bad parameter). */
  check(filter: IncidentFilter = {}): CheckedFilter {
    return checkFilter(filter, FILTER_VOCAB);
  }

  async listIncidents(
    filter: IncidentFilter = {},
  ): Promise<{ items: IncidentView[]; next_cursor: string | null }> {
    const f = this.check(filter);
    const rows = await this.read<IncidentRow>('query', sql.listIncidents(f));
    const more = rows.length > f.limit;
    const page = more ? rows.slice(0, f.limit) : rows;
    const items = await this.withSources(page);
    const last = page[page.length - 1];
    const byDate = f.sort === 'date' || f.sort === '-date';
    const next_cursor =
      more && last
        ? encodeCursor({
            sort: f.sort,
            key: byDate ? last.sort_date : Number(last.source_count),
            id: last.id,
          })
        : null;
    return { items, next_cursor };
  }

  /**
   * The incidents matching the filter from the offset on (at most `filter.limit`), and how many
   * match in all: page-numbered reading (the ACLED-compatible endpoint); the cursor is ignored.
   */
  async incidentsAtOffset(
    filter: IncidentFilter,
    offset: number,
  ): Promise<{ items: IncidentView[]; total: number }> {
    const f = { ...this.check({ ...filter, cursor: undefined }), cursor: null };
    if (!Number.isInteger(offset) || offset < 0 || offset > MAX_INT)
      throw new InputError('page', 'out of range');
    const rows = await this.read<IncidentRow>('query', sql.incidentsAtOffset(f, offset));
    const total = (await this.read<{ n: number }>('query', this.countQuery(f)))[0].n;
    return { items: await this.withSources(rows), total: Number(total) };
  }

  /** Every incident matching the filter, page by page (cursor and limit are managed here). */
  async *allIncidents(filter: IncidentFilter = {}): AsyncGenerator<IncidentView> {
    let cursor: string | undefined;
    for (;;) {
      const { items, next_cursor } = await this.listIncidents({ ...filter, cursor, limit: 500 });
      yield* items;
      if (!next_cursor) return;
      cursor = next_cursor;
    }
  }

  async countIncidents(filter: IncidentFilter = {}): Promise<number> {
    return (await this.read<{ n: number }>('query', this.countQuery(this.check(filter))))[0].n;
  }

  async facets(filter: IncidentFilter = {}): Promise<Facets> {
    const f = this.check(filter);
    // concurrent on a pg pool; PGlite runs them one after the other
    const lists = await Promise.all(
      FACETS.map((field) => {
        const p = this.plan(f, { omit: field, months: true, combos: true });
        return this.read<{ value: string; count: number }>(
          'query',
          p ? summarySql.facet(field, p, f, FACET_LIMIT, field) : sql.facet(field, f, FACET_LIMIT),
        );
      }),
    );
    const out = {} as Facets;
    FACETS.forEach((field, k) => {
      out[field] = lists[k].map((r) => {
        const ar = field === 'admin1' ? admin1Arabic(null, r.value) : null;
        return { value: r.value, count: Number(r.count), ...(ar ? { ar } : {}) };
      });
    });
    return out;
  }

  /** One incident with its sources, why they were joined, and which source gives which disputed value. */
  async getIncident(id: string): Promise<IncidentView | null> {
    const rows = await this.read<IncidentRow>('id', sql.incidentsByIds([checkId('id', id)]));
    if (!rows.length) return null;
    const [inc] = await this.withSources(rows);
    const mentions = await this.db.query<MentionRow>(sql.mentionsOfIncidents([id]));
    return {
      ...inc,
      coreference: coreferenceView(rows[0].coreference, mentions),
      disagreements: disagreements(inc.conflicts, mentions, inc.sources),
    };
  }

  async getArticle(id: string): Promise<ArticleView | null> {
    const rows = await this.read<Omit<ArticleView, 'mentions'>>('id', sql.getArticle(checkId('id', id)));
    if (!rows.length) return null;
    const mentions = await this.db.query<ArticleMention>(sql.mentionsForArticle(id));
    const { content_hash: _h, ...a } = rows[0] as Omit<ArticleView, 'mentions'> & { content_hash?: string };
    return {
      ...a,
      mentions: mentions.map((m) => ({ ...m, id: Number(m.id), geo_precision: Number(m.geo_precision) })),
    };
  }

  async stats(
    filter: IncidentFilter = {},
    opts: { per_day?: boolean; per_date?: boolean } = {},
  ): Promise<Stats> {
    const f = this.check(filter);
    const byValue = this.plan(f, { months: true, combos: true });
    const byDate = this.plan(f, { dates: true });
    const [per_week, per_type, per_actor, total, per_day, per_date] = await Promise.all([
      this.read<{ week: string; count: number }>(
        'query',
        byDate ? summarySql.perWeek(byDate, f) : sql.statsPerWeek(f),
      ),
      this.read<{ value: string; count: number }>(
        'query',
        byValue ? summarySql.facet('type', byValue, f, null) : sql.statsBy('type', f),
      ),
      this.read<{ value: string; count: number }>(
        'query',
        byValue ? summarySql.facet('actor', byValue, f, null) : sql.statsBy('actor', f),
      ),
      this.read<{ n: number }>('query', this.countQuery(f)),
      opts.per_day
        ? this.read<{ day: string; count: number }>(
            'query',
            byDate ? summarySql.perDay(byDate, f) : sql.statsPerDay(f),
          )
        : null,
      opts.per_date ? this.read<{ date: string | null; count: number }>('query', this.perDateQuery(f)) : null,
    ]);
    return {
      per_week,
      per_type,
      per_actor,
      total: total[0].n,
      ...(per_day ? { per_day } : {}),
      ...(per_date ? { per_date: per_date.map((r) => ({ date: r.date, count: Number(r.count) })) } : {}),
    };
  }

  /** The timeline alone: the total and every incident per date as dated (two queries, not five). */
  async timeline(
    filter: IncidentFilter = {},
  ): Promise<{ total: number; per_date: { date: string | null; count: number }[] }> {
    const f = this.check(filter);
    const [total, per_date] = await Promise.all([
      this.read<{ n: number }>('query', this.countQuery(f)),
      this.read<{ date: string | null; count: number }>('query', this.perDateQuery(f)),
    ]);
    return { total: total[0].n, per_date: per_date.map((r) => ({ date: r.date, count: Number(r.count) })) };
  }

  /**
   * The map of every incident under the filter inside `view` (west, south, east, north) at
   * `zoom`: grid clusters of about CLUSTER_PX pixels, counted by the database, so a million
   * incidents cost a few hundred rows. A cell holding one incident carries its id.
   */
  async mapClusters(
    filter: IncidentFilter,
    opts: { zoom: number; view: [number, number, number, number] },
  ): Promise<MapView> {
    const f = this.check(filter);
    const zoom = Math.max(0, Math.min(22, opts.zoom));
    const cell = (360 * CLUSTER_PX) / (512 * 2 ** zoom);
    // the summary has no ids: a cell of one incident has its id looked up below
    const p = this.plan(f, { points: true });
    const [rows, unlocated] = await Promise.all([
      this.read<{
        cx: number;
        cy: number;
        type: string;
        n: number;
        lat: number;
        lon: number;
        sources: number;
        /** live: the smallest id */
        id?: string;
        /** summary: a point of the row (the point, when the row is one incident) */
        lat0?: number;
        lon0?: number;
      }>('query', p ? summarySql.mapCells(p, f, opts.view, cell) : sql.mapCells(f, opts.view, cell)),
      this.read<{ n: number }>('query', p ? summarySql.countUnlocated(p, f) : sql.countUnlocated(f)),
    ]);
    const cells = new Map<string, Cell>();
    // in one order whichever query made the rows, so the centroids' sums are the same
    rows.sort((a, b) => a.cx - b.cx || a.cy - b.cy || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
    for (const r of rows) {
      const key = `${r.cx}:${r.cy}`;
      let c = cells.get(key);
      if (!c) {
        c = { lat: 0, lon: 0, latSum: 0, lonSum: 0, count: 0, sources: 0, types: {}, id: r.id ?? null };
        cells.set(key, c);
      }
      const n = Number(r.n);
      c.count += n;
      c.latSum += Number(r.lat);
      c.lonSum += Number(r.lon);
      c.sources += Number(r.sources);
      c.types[r.type] = (c.types[r.type] ?? 0) + n;
      if (r.id != null && r.id < (c.id as string)) c.id = r.id;
      if (r.lat0 != null && r.lon0 != null) c.at = { lat: Number(r.lat0), lon: Number(r.lon0), type: r.type };
    }
    if (p) await this.singleIds(f, [...cells.values()]);
    const clusters: MapCluster[] = [];
    let located = 0;
    for (const { latSum, lonSum, at: _at, ...c } of cells.values()) {
      located += c.count;
      clusters.push({
        ...c,
        lat: Math.round((latSum / c.count) * 1e5) / 1e5,
        lon: Math.round((lonSum / c.count) * 1e5) / 1e5,
        id: c.count === 1 ? c.id : null,
      });
    }
    clusters.sort((a, b) => b.count - a.count || a.lat - b.lat || a.lon - b.lon);
    return { clusters, located, unlocated: unlocated[0].n, cell };
  }

  /** The articles behind an incident (text and highlight spans), `limit` at a time; null: no such incident. */
  async incidentArticles(
    id: string,
    opts: { offset?: number; limit?: number } = {},
  ): Promise<{ total: number; offset: number; items: SourceArticle[] } | null> {
    checkId('id', id);
    const offset = opts.offset ?? 0;
    const limit = opts.limit ?? 10;
    if (!Number.isInteger(offset) || offset < 0 || offset > MAX_INT)
      throw new InputError('offset', `expected a whole number from 0 to ${MAX_INT}`);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw new InputError('limit', 'expected a whole number from 1 to 100');
    const exists = await this.read<{ id: string }>('id', sql.existingIncidentIds([id]));
    if (!exists.length) return null;
    const [items, total] = await Promise.all([
      this.db.query<SourceArticle>(sql.incidentArticles(id, offset, limit)),
      this.db.query<{ n: number }>(sql.incidentArticleCount(id)),
    ]);
    return {
      total: Number(total[0].n),
      offset,
      items: items.map((a) => ({
        ...a,
        mentions: (typeof a.mentions === 'string' ? JSON.parse(a.mentions) : a.mentions).map(
          (m: SourceArticle['mentions'][number]) => ({ ...m, mention_id: Number(m.mention_id) }),
        ),
      })),
    };
  }

  // ------------------------------------------------------------ review (src/review/review.ts)

  /** A reviewer's decision (confirm, edit, reject, reset); the incident after it, or null when there is none. */
  async review(id: string, input: ReviewInput): Promise<IncidentView | null> {
    return (await reviewing.review(this.db, id, input)) ? this.getIncident(id) : null;
  }

  /** Merges incident `other` into `id`; the merged incident, or null when `id` does not exist. */
  async merge(id: string, other: string, who: string): Promise<IncidentView | null> {
    return (await reviewing.merge(this.db, id, other, who)) ? this.getIncident(id) : null;
  }

  /** Moves the given mentions of `id` to a new incident; both, or null when `id` does not exist. */
  async split(id: string, mentionIds: number[], who: string): Promise<SplitResult | null> {
    const created = await reviewing.split(this.db, id, mentionIds, who);
    if (!created) return null;
    const [incident, made] = await Promise.all([this.getIncident(id), this.getIncident(created)]);
    if (!incident || !made) throw new Error('split: an incident vanished');
    return { incident, created: made };
  }

  reviewLog(id: string): Promise<ReviewLogEntry[]> {
    return reviewing.reviewLog(this.db, id);
  }

  /** The incident a merged-away incident went into, or null. */
  mergedInto(id: string): Promise<string | null> {
    return reviewing.mergedInto(this.db, id);
  }

  async counts(): Promise<{
    articles: number;
    near_duplicates: number;
    mentions: number;
    incidents: number;
  }> {
    return (
      await this.db.query<{ articles: number; near_duplicates: number; mentions: number; incidents: number }>(
        sql.counts(),
      )
    )[0];
  }

  close(): Promise<void> {
    return this.db.close();
  }

  /** The summary plan of a filter, or null when the live query must answer it (src/db/summary.ts says why). */
  private plan(f: CheckedFilter, opts: PlanOptions = {}): SummaryPlan | null {
    if (this.opts.summary === false) return null;
    const p = summaryPlan(f, opts);
    return p.ok ? p : null;
  }

  /** How many incidents match: from the facet, date or point summary that can tell, else live. */
  private countQuery(f: CheckedFilter): Sql {
    const byValue = this.plan(f, { combos: true });
    if (byValue) return byValue.combos ? summarySql.countCombos(f) : summarySql.count(byValue);
    const byDate = this.plan(f, { dates: true });
    if (byDate) return summarySql.countDated(byDate, f);
    const byPoint = this.plan(f, { points: true });
    if (byPoint) return summarySql.countPlaced(byPoint, f);
    return sql.countIncidents(f);
  }

  private perDateQuery(f: CheckedFilter): Sql {
    const p = this.plan(f, { dates: true });
    return p ? summarySql.perDate(p, f) : sql.statsPerDate(f);
  }

  /** Sets the id of each map cell that holds one incident (its point and type are the cell's). */
  private async singleIds(f: CheckedFilter, cells: Cell[]) {
    const one = cells.filter((c) => c.count === 1 && c.at);
    if (!one.length) return;
    const points = one.map((c) => c.at as NonNullable<Cell['at']>);
    const rows = await this.read<{ lat: number; lon: number; type: string; id: string }>(
      'query',
      summarySql.singleIds(f, points),
    );
    const key = (x: { lat: number; lon: number; type: string }) =>
      `${Number(x.lat)}:${Number(x.lon)}:${x.type}`;
    const ids = new Map(rows.map((r) => [key(r), r.id]));
    one.forEach((c, k) => {
      c.id = ids.get(key(points[k])) ?? null;
    });
  }

  /** A query on caller input: a database error the input caused becomes an InputError naming `param`. */
  private read<R>(param: string, q: Sql): Promise<R[]> {
    return onInput(param, () => this.db.query<R>(q));
  }

  private async withSources(rows: IncidentRow[]): Promise<IncidentView[]> {
    if (!rows.length) return [];
    const src = await this.db.query<IncidentSource & { incident_id: string }>(
      sql.incidentSources(rows.map((r) => r.id)),
    );
    const by = new Map<string, IncidentSource[]>();
    for (const { incident_id, ...s } of src) {
      const list = by.get(incident_id) ?? [];
      list.push({ ...s, mention_id: Number(s.mention_id) });
      by.set(incident_id, list);
    }
    return rows.map((r) => view(r, by.get(r.id) ?? []));
  }
}
