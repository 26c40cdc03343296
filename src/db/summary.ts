/**
 * The summary: incident counts kept by the database itself, so that facets, the count, the
 * timeline and the map cost a few thousand summary rows instead of a scan of every incident.
 *
 * Three tables, each row keyed by at most one list filter and its value (`g_dim`, `g_value`;
 * '' and '' for "no filter"):
 * - summary_values: incidents per value of each facet field (`f_dim`, `f_value`; '*' is the
 *   total), for the facets, the count and the per-type and per-actor stats;
 * - summary_dates: incidents per date as dated (with its date_lo, date_hi, sort_date), for the
 *   timeline and the per-day and per-week stats, under any from/to;
 * - summary_points: incidents per exact point and event type, with their sources, for the
 *   map's clusters and the unlocated count, under any bbox and view.
 * An actor is keyed under its name and under its umbrella's, as the actor filter matches both.
 *
 * Triggers on `incidents` (statement-level, over the transition tables) add each inserted row
 * and subtract each deleted one, an update being both, inside the statement's transaction:
 * every write — ingest, reprocess, review, merge, split, a bulk insert — keeps them current.
 * Rows whose count falls to 0 stay (reads skip them).
 *
 * summaryPlan() says whether a request can be answered from a summary exactly, and if not,
 * why (the store then runs the live query over `incidents`).
 */
import { EVENT_TYPES } from '../record/record.js';
import { type Bind, type CheckedFilter, FILTERS, filterConditions, filterDef } from './filter.js';
import { mapCellsOf, type Sql } from './sql.js';

/** The list filters a summary row may be keyed by (one at a time). */
export const SUMMARY_DIMS = [
  'type',
  'weapon',
  'actor',
  'country',
  'admin1',
  'target',
  'review_status',
] as const;
export type SummaryDim = (typeof SUMMARY_DIMS)[number];

/** The fields whose values summary_values counts (the facets), by filter name, and their columns. */
const COUNTED: readonly [string, string][] = FILTERS.filter((d) => d.facet).map((d) => [
  d.name,
  d.facet as string,
]);

/** A request the summary answers: the one list filter it is keyed by (dim '' for none), and its values. */
export interface SummaryPlan {
  ok: true;
  dim: SummaryDim | '';
  values: string[];
}

/** A request the summary cannot answer exactly, and why. */
export interface LiveReason {
  ok: false;
  why: string;
}

export interface PlanOptions {
  /** the facet being counted: its own filter is left out (as the live facet query does) */
  omit?: string;
  /** the summary is keyed by date as dated (summary_dates): from and to can be answered */
  dates?: boolean;
  /** the summary is keyed by point (summary_points): bbox can be answered */
  points?: boolean;
}

/**
 * Whether the summary answers a filter exactly. The rules, in order:
 * - `q`: free text is matched in each incident's words, which no summary keeps;
 * - `min_sources`: no summary row is keyed by the number of sources;
 * - `from`/`to`: only summary_dates is keyed by date (facets and the map under a date range
 *   are live: the facet and point summaries would need a row per date to answer them);
 * - `bbox`: only summary_points is keyed by coordinates;
 * - two list filters or more (the facet's own left out): rows are keyed by one at a time;
 * - `type` naming an ACLED event type (Battles, Violence against civilians …): it matches on
 *   type and target together;
 * - `actor` with two names or more: an incident is keyed under its actor and its umbrella, so
 *   it could be counted twice.
 */
export function summaryPlan(f: CheckedFilter, opts: PlanOptions = {}): SummaryPlan | LiveReason {
  const live = (why: string): LiveReason => ({ ok: false, why });
  if (f.q) return live('q: free text is matched in the incidents themselves');
  if (f.min_sources != null) return live('min_sources: no summary is keyed by the number of sources');
  if ((f.from || f.to) && !opts.dates) return live('from/to: this summary is not keyed by date');
  if (f.bbox && !opts.points) return live('bbox: this summary is not keyed by coordinates');
  const set = SUMMARY_DIMS.filter((d) => d !== opts.omit && f[d] != null);
  if (set.length > 1) return live(`${set.join(', ')}: summary rows are keyed by one list filter at a time`);
  if (!set.length) return { ok: true, dim: '', values: [''] };
  const dim = set[0];
  const values = f[dim] as string[];
  if (dim === 'type' && !values.every((v) => (EVENT_TYPES as readonly string[]).includes(v)))
    return live('type: an ACLED event type matches on type and target together');
  if (dim === 'actor' && values.length > 1)
    return live('actor: an incident is keyed under its actor and its umbrella, two names may count it twice');
  return { ok: true, dim, values };
}

// ------------------------------------------------------------------ keeping it current

/** The keys of a changed incident `d`: no filter, and each list filter it matches. */
const G_KEYS = `(VALUES ('', ''), ${SUMMARY_DIMS.map((d) => `('${d}', d.${d})`).join(', ')},
    ('actor', CASE WHEN d.actor_umbrella IS DISTINCT FROM d.actor THEN d.actor_umbrella END)) AS g(dim, value)`;
/** The values of `d` that summary_values counts: '*' (the total) and each facet field. */
const F_KEYS = `(VALUES ('*', ''), ${COUNTED.map(([name, col]) => `('${name}', d.${col})`).join(', ')}) AS f(dim, value)`;

/**
 * The statements that add the incidents of `source` (a SELECT of incidents' columns and `s`,
 * +1 to add the row and -1 to take it away) to the three summaries.
 */
export function summaryDeltas(source: string): string[] {
  const from = `FROM (${source}) d CROSS JOIN LATERAL ${G_KEYS}`;
  return [
    `INSERT INTO summary_values (g_dim, g_value, f_dim, f_value, n)
      SELECT g.dim, g.value, f.dim, f.value, sum(d.s) ${from} CROSS JOIN LATERAL ${F_KEYS}
      WHERE g.value IS NOT NULL AND f.value IS NOT NULL
      GROUP BY 1, 2, 3, 4 HAVING sum(d.s) <> 0
      ON CONFLICT (g_dim, g_value, f_dim, f_value) DO UPDATE SET n = summary_values.n + excluded.n`,
    `INSERT INTO summary_dates (g_dim, g_value, date, date_lo, date_hi, sort_date, n)
      SELECT g.dim, g.value, d.date, min(d.date_lo), min(d.date_hi), min(coalesce(d.date_lo, date '0001-01-01')),
        sum(d.s) ${from}
      WHERE g.value IS NOT NULL
      GROUP BY 1, 2, 3 HAVING sum(d.s) <> 0
      ON CONFLICT (g_dim, g_value, date) DO UPDATE SET n = summary_dates.n + excluded.n`,
    `INSERT INTO summary_points (g_dim, g_value, lat, lon, type, n, sources)
      SELECT g.dim, g.value, d.lat, d.lon, d.type, sum(d.s), sum(d.s * d.source_count) ${from}
      WHERE g.value IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5 HAVING sum(d.s) <> 0 OR sum(d.s * d.source_count) <> 0
      ON CONFLICT (g_dim, g_value, lat, lon, type) DO UPDATE SET n = summary_points.n + excluded.n,
        sources = summary_points.sources + excluded.sources`,
  ];
}

/** The migration that makes the summary, fills it from the incidents stored, and keeps it current. */
export function summaryMigration(): string[] {
  const changed = summaryDeltas('%s').map((s) => `EXECUTE format($q$${s}$q$, src);`);
  return [
    `CREATE TABLE summary_values (
      g_dim text NOT NULL, g_value text NOT NULL, f_dim text NOT NULL, f_value text NOT NULL,
      n integer NOT NULL,
      PRIMARY KEY (g_dim, g_value, f_dim, f_value))`,
    `CREATE TABLE summary_dates (
      g_dim text NOT NULL, g_value text NOT NULL, date text, date_lo date, date_hi date, sort_date date NOT NULL,
      n integer NOT NULL)`,
    'CREATE UNIQUE INDEX summary_dates_key ON summary_dates (g_dim, g_value, date) NULLS NOT DISTINCT',
    `CREATE TABLE summary_points (
      g_dim text NOT NULL, g_value text NOT NULL, lat double precision, lon double precision, type text NOT NULL,
      n integer NOT NULL, sources integer NOT NULL)`,
    'CREATE UNIQUE INDEX summary_points_key ON summary_points (g_dim, g_value, lat, lon, type) NULLS NOT DISTINCT',
    ...summaryDeltas('SELECT i.*, 1 AS s FROM incidents i'),
    `CREATE FUNCTION rasd_summary_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE src text;
    BEGIN
      src := CASE TG_OP WHEN 'INSERT' THEN 'SELECT n.*, 1 AS s FROM rasd_new n'
        WHEN 'DELETE' THEN 'SELECT o.*, -1 AS s FROM rasd_old o'
        ELSE 'SELECT n.*, 1 AS s FROM rasd_new n UNION ALL SELECT o.*, -1 AS s FROM rasd_old o' END;
      ${changed.join('\n      ')}
      RETURN NULL;
    END $fn$`,
    `CREATE TRIGGER incidents_summary_insert AFTER INSERT ON incidents REFERENCING NEW TABLE AS rasd_new
      FOR EACH STATEMENT EXECUTE FUNCTION rasd_summary_changed()`,
    `CREATE TRIGGER incidents_summary_update AFTER UPDATE ON incidents
      REFERENCING OLD TABLE AS rasd_old NEW TABLE AS rasd_new FOR EACH STATEMENT EXECUTE FUNCTION rasd_summary_changed()`,
    `CREATE TRIGGER incidents_summary_delete AFTER DELETE ON incidents REFERENCING OLD TABLE AS rasd_old
      FOR EACH STATEMENT EXECUTE FUNCTION rasd_summary_changed()`,
  ];
}

// ------------------------------------------------------------------ reading it

function binder(): { values: unknown[]; bind: Bind } {
  const values: unknown[] = [];
  return {
    values,
    bind: (v) => {
      values.push(v);
      return `$${values.length}`;
    },
  };
}

/** The condition of the plan's key (alias i). */
function keyed(p: SummaryPlan, bind: Bind): string {
  return p.dim === ''
    ? "i.g_dim = '' AND i.g_value = ''"
    : `i.g_dim = ${bind(p.dim)} AND i.g_value = ANY(${bind(p.values)}::text[])`;
}

/** The conditions of the filter's dates and box, as the live query has them (the filter table's SQL). */
function ranges(f: CheckedFilter, bind: Bind): string[] {
  const out: string[] = [];
  for (const name of ['from', 'to', 'bbox'] as const) {
    const v = f[name];
    const def = filterDef(name);
    if (v != null && def?.sql) out.push(...(def.sql as (value: unknown, bind: Bind) => string[])(v, bind));
  }
  return out;
}

const all = (c: string[]) => c.join(' AND ');

export const summarySql = {
  /** Incidents per value of a facet field (at most `limit`, most first), as sql.facet. */
  facet: (field: string, p: SummaryPlan, limit: number | null): Sql => {
    const { values, bind } = binder();
    const c = [keyed(p, bind), `i.f_dim = ${bind(field)}`];
    return {
      text: `SELECT i.f_value AS value, sum(i.n)::int AS count FROM summary_values i WHERE ${all(c)}
        GROUP BY i.f_value HAVING sum(i.n) > 0 ORDER BY sum(i.n) DESC, i.f_value
        ${limit == null ? '' : `LIMIT ${bind(limit)}::int`}`,
      values,
    };
  },
  /** How many incidents (no dates, no box). */
  count: (p: SummaryPlan): Sql => {
    const { values, bind } = binder();
    return {
      text: `SELECT coalesce(sum(i.n), 0)::int AS n FROM summary_values i WHERE ${keyed(p, bind)} AND i.f_dim = '*'`,
      values,
    };
  },
  /** How many incidents, under from/to too. */
  countDated: (p: SummaryPlan, f: CheckedFilter): Sql => {
    const { values, bind } = binder();
    const c = [keyed(p, bind), ...ranges(f, bind)];
    return { text: `SELECT coalesce(sum(i.n), 0)::int AS n FROM summary_dates i WHERE ${all(c)}`, values };
  },
  /** Incidents per date as dated (null: undated), as sql.statsPerDate. */
  perDate: (p: SummaryPlan, f: CheckedFilter): Sql => {
    const { values, bind } = binder();
    const c = [keyed(p, bind), ...ranges(f, bind)];
    return {
      text: `SELECT i.date, sum(i.n)::int AS count FROM summary_dates i WHERE ${all(c)}
        GROUP BY 1 HAVING sum(i.n) > 0 ORDER BY 1 NULLS LAST`,
      values,
    };
  },
  /** Incidents dated to the day, per day, as sql.statsPerDay. */
  perDay: (p: SummaryPlan, f: CheckedFilter): Sql => {
    const { values, bind } = binder();
    const c = [keyed(p, bind), ...ranges(f, bind), 'length(i.date) = 10'];
    return {
      text: `SELECT i.date AS day, sum(i.n)::int AS count FROM summary_dates i WHERE ${all(c)}
        GROUP BY 1 HAVING sum(i.n) > 0 ORDER BY 1`,
      values,
    };
  },
  /** Incidents dated to the day, per ISO week (Monday), as sql.statsPerWeek. */
  perWeek: (p: SummaryPlan, f: CheckedFilter): Sql => {
    const { values, bind } = binder();
    const c = [keyed(p, bind), ...ranges(f, bind), 'length(i.date) = 10'];
    return {
      text: `SELECT (i.date_lo - (extract(isodow FROM i.date_lo)::int - 1))::text AS week, sum(i.n)::int AS count
        FROM summary_dates i WHERE ${all(c)} GROUP BY 1 HAVING sum(i.n) > 0 ORDER BY 1`,
      values,
    };
  },
  /**
   * The map's cells, as sql.mapCells but without the smallest id: a cell of one incident has
   * it looked up (singleIds) at its point (lat0, lon0).
   */
  mapCells: (p: SummaryPlan, f: CheckedFilter, view: [number, number, number, number], cell: number): Sql => {
    const { values, bind } = binder();
    const box = filterDef('bbox')?.sql as (b: [number, number, number, number], bind: Bind) => string[];
    const c = [
      keyed(p, bind),
      ...ranges(f, bind),
      'i.lat IS NOT NULL',
      'i.lon IS NOT NULL',
      ...box(view, bind),
    ];
    const points = `SELECT i.lat, i.lon, i.type, sum(i.n) AS n, sum(i.sources) AS sources FROM summary_points i
      WHERE ${all(c)} GROUP BY 1, 2, 3 HAVING sum(i.n) > 0`;
    return { text: mapCellsOf(points, bind(cell), 'min(p.lat) AS lat0, min(p.lon) AS lon0'), values };
  },
  /** How many incidents, under a bbox too. */
  countPlaced: (p: SummaryPlan, f: CheckedFilter): Sql => {
    const { values, bind } = binder();
    const c = [keyed(p, bind), ...ranges(f, bind)];
    return { text: `SELECT coalesce(sum(i.n), 0)::int AS n FROM summary_points i WHERE ${all(c)}`, values };
  },
  /** Incidents without coordinates, as sql.countUnlocated. */
  countUnlocated: (p: SummaryPlan, f: CheckedFilter): Sql => {
    const { values, bind } = binder();
    const c = [keyed(p, bind), ...ranges(f, bind), '(i.lat IS NULL OR i.lon IS NULL)'];
    return { text: `SELECT coalesce(sum(i.n), 0)::int AS n FROM summary_points i WHERE ${all(c)}`, values };
  },
  /**
   * The incident at each of the given points of the given types under the filter (the id of a
   * map cell that holds one incident; a live query, by the (lat, lon) index).
   */
  singleIds: (f: CheckedFilter, points: { lat: number; lon: number; type: string }[]): Sql => {
    const { values, bind } = binder();
    const lat = bind(points.map((x) => x.lat));
    const lon = bind(points.map((x) => x.lon));
    const type = bind(points.map((x) => x.type));
    const c = filterConditions(f, bind);
    return {
      text: `SELECT i.lat, i.lon, i.type, min(i.id) AS id FROM incidents i
        JOIN unnest(${lat}::float8[], ${lon}::float8[], ${type}::text[]) AS p(lat, lon, type)
          ON i.lat = p.lat AND i.lon = p.lon AND i.type = p.type
        ${c.length ? `WHERE ${all(c)}` : ''} GROUP BY 1, 2, 3`,
      values,
    };
  },
};
