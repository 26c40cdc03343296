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
  /** answered from summary_combos with the live filter's own conditions (dim is then '') */
  combos: boolean;
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
  /**
   * facets and counts per value under from/to: summary_months for the whole months of the
   * range and the dated-to-the-month-or-year incidents, summary_days for the days at its ends
   */
  months?: boolean;
  /** several list filters (or an ACLED event type, or two actors): summary_combos, without from/to */
  combos?: boolean;
}

/**
 * Whether the summary answers a filter exactly. The rules, in order:
 * - `q`: free text is matched in each incident's words, which no summary keeps;
 * - `min_sources`: no summary row is keyed by the number of sources;
 * - `from`/`to`: only summary_dates (the timeline, the count) and summary_months with
 *   summary_days (facets, per-value stats) are keyed by date; the map under a date range is live;
 * - `bbox`: only summary_points is keyed by coordinates;
 * - two list filters or more (the facet's own left out), a `type` naming an ACLED event type
 *   (Battles, Violence against civilians …: it matches on type and target together), or
 *   `actor` with two names or more (an incident is keyed under its actor and its umbrella, so
 *   a keyed row could count it twice): only summary_combos (one row per combination of the
 *   list fields) answers them, and not under from/to (it is not keyed by date).
 */
export function summaryPlan(f: CheckedFilter, opts: PlanOptions = {}): SummaryPlan | LiveReason {
  const live = (why: string): LiveReason => ({ ok: false, why });
  if (f.q) return live('q: free text is matched in the incidents themselves');
  if (f.min_sources != null) return live('min_sources: no summary is keyed by the number of sources');
  const dated = f.from != null || f.to != null;
  if (dated && !opts.dates && !opts.months) return live('from/to: this summary is not keyed by date');
  if (f.bbox && !opts.points) return live('bbox: this summary is not keyed by coordinates');
  const set = SUMMARY_DIMS.filter((d) => d !== opts.omit && f[d] != null);
  // what keeps a request from rows keyed by one list filter, or null
  const several = (): string | null => {
    if (set.length > 1) return `${set.join(', ')}: summary rows are keyed by one list filter at a time`;
    const dim = set[0];
    const values = f[dim] as string[];
    if (dim === 'type' && !values.every((v) => (EVENT_TYPES as readonly string[]).includes(v)))
      return 'type: an ACLED event type matches on type and target together';
    if (dim === 'actor' && values.length > 1)
      return 'actor: an incident is keyed under its actor and its umbrella, two names may count it twice';
    return null;
  };
  if (!set.length) return { ok: true, dim: '', values: [''], combos: false };
  const why = several();
  if (why == null) return { ok: true, dim: set[0], values: f[set[0]] as string[], combos: false };
  if (!opts.combos) return live(why);
  if (dated) return live(`${why}; summary_combos, which is not, is not keyed by date (from/to)`);
  return { ok: true, dim: '', values: [''], combos: true };
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
    summaryTrigger(summaryDeltas),
    `CREATE TRIGGER incidents_summary_insert AFTER INSERT ON incidents REFERENCING NEW TABLE AS rasd_new
      FOR EACH STATEMENT EXECUTE FUNCTION rasd_summary_changed()`,
    `CREATE TRIGGER incidents_summary_update AFTER UPDATE ON incidents
      REFERENCING OLD TABLE AS rasd_old NEW TABLE AS rasd_new FOR EACH STATEMENT EXECUTE FUNCTION rasd_summary_changed()`,
    `CREATE TRIGGER incidents_summary_delete AFTER DELETE ON incidents REFERENCING OLD TABLE AS rasd_old
      FOR EACH STATEMENT EXECUTE FUNCTION rasd_summary_changed()`,
  ];
}

/**
 * The trigger function (made or replaced) that runs the given deltas over the changed rows:
 * the inserted ones with +1, the deleted ones with -1, an update's both.
 */
export function summaryTrigger(deltas: (source: string) => string[]): string {
  const changed = deltas('%s').map((s) => `EXECUTE format($q$${s}$q$, src);`);
  return `CREATE OR REPLACE FUNCTION rasd_summary_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE src text;
    BEGIN
      src := CASE TG_OP WHEN 'INSERT' THEN 'SELECT n.*, 1 AS s FROM rasd_new n'
        WHEN 'DELETE' THEN 'SELECT o.*, -1 AS s FROM rasd_old o'
        ELSE 'SELECT n.*, 1 AS s FROM rasd_new n UNION ALL SELECT o.*, -1 AS s FROM rasd_old o' END;
      ${changed.join('\n      ')}
      RETURN NULL;
    END $fn$`;
}

/** The list columns of an incident, in the key of summary_days and summary_combos. */
const LIST_COLUMNS = [
  'type',
  'weapon',
  'actor',
  'actor_umbrella',
  'country',
  'admin1',
  'target',
  'review_status',
] as const;

/**
 * An incident dated to one day (alias `a`): its date range is that day and it sorts by it.
 * summary_months counts these per month of the day, summary_days per day.
 */
const dayDated = (a: string) =>
  `coalesce(${a}.date_lo = ${a}.date_hi AND ${a}.sort_date = ${a}.date_lo, false)`;

/**
 * The statements that add the incidents of `source` (as summaryDeltas) to the tables of
 * migration 10:
 * - summary_months: per key and facet value, the incidents dated to the day per month of it
 *   (`month`; the date columns null), and the others per date range as stored (`month` null;
 *   date_lo, date_hi, sort_date theirs: every one of them passes or fails a from/to alike).
 *   An incident without a date range (date_lo and date_hi null) matches no from/to: left out;
 * - summary_days: the incidents dated to the day, per day and combination of list fields;
 * - summary_combos: every incident, per combination of list fields.
 */
export function monthDeltas(source: string): string[] {
  const cols = LIST_COLUMNS.join(', ');
  const dcols = LIST_COLUMNS.map((c) => `d.${c}`).join(', ');
  const day = dayDated('d');
  return [
    `INSERT INTO summary_months (g_dim, g_value, f_dim, f_value, month, date_lo, date_hi, sort_date, n)
      SELECT g.dim, g.value, f.dim, f.value,
        CASE WHEN ${day} THEN date_trunc('month', d.sort_date)::date END,
        CASE WHEN NOT ${day} THEN d.date_lo END, CASE WHEN NOT ${day} THEN d.date_hi END,
        CASE WHEN NOT ${day} THEN d.sort_date END, sum(d.s)
      FROM (${source}) d CROSS JOIN LATERAL ${G_KEYS} CROSS JOIN LATERAL ${F_KEYS}
      WHERE g.value IS NOT NULL AND f.value IS NOT NULL AND (d.date_lo IS NOT NULL OR d.date_hi IS NOT NULL)
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(d.s) <> 0
      ON CONFLICT (g_dim, g_value, f_dim, month, date_lo, date_hi, sort_date, f_value)
        DO UPDATE SET n = summary_months.n + excluded.n`,
    `INSERT INTO summary_days (day, ${cols}, n)
      SELECT d.sort_date, ${dcols}, sum(d.s) FROM (${source}) d WHERE ${day}
      GROUP BY ${LIST_COLUMNS.map((_, k) => k + 2).join(', ')}, 1 HAVING sum(d.s) <> 0
      ON CONFLICT (day, ${cols}) DO UPDATE SET n = summary_days.n + excluded.n`,
    `INSERT INTO summary_combos (${cols}, n)
      SELECT ${dcols}, sum(d.s) FROM (${source}) d
      GROUP BY ${LIST_COLUMNS.map((_, k) => k + 1).join(', ')} HAVING sum(d.s) <> 0
      ON CONFLICT (${cols}) DO UPDATE SET n = summary_combos.n + excluded.n`,
  ];
}

/** Every delta the trigger runs since migration 10. */
export const allDeltas = (source: string): string[] => [...summaryDeltas(source), ...monthDeltas(source)];

/**
 * Migration 10: facets under a date range (summary_months, summary_days) and under several
 * list filters (summary_combos), filled from the incidents stored, kept by the same trigger.
 */
export function monthsMigration(): string[] {
  const listCols = LIST_COLUMNS.map((c) => `${c} text`).join(', ');
  return [
    `CREATE TABLE summary_months (
      g_dim text NOT NULL, g_value text NOT NULL, f_dim text NOT NULL, f_value text NOT NULL,
      month date, date_lo date, date_hi date, sort_date date, n integer NOT NULL)`,
    `CREATE UNIQUE INDEX summary_months_key
      ON summary_months (g_dim, g_value, f_dim, month, date_lo, date_hi, sort_date, f_value) NULLS NOT DISTINCT`,
    `CREATE TABLE summary_days (day date NOT NULL, ${listCols}, n integer NOT NULL)`,
    `CREATE UNIQUE INDEX summary_days_key ON summary_days (day, ${LIST_COLUMNS.join(', ')}) NULLS NOT DISTINCT`,
    `CREATE TABLE summary_combos (${listCols}, n integer NOT NULL) WITH (fillfactor = 80)`,
    `CREATE UNIQUE INDEX summary_combos_key ON summary_combos (${LIST_COLUMNS.join(', ')}) NULLS NOT DISTINCT`,
    // the list filters narrow the combinations by these (type leads the key)
    ...LIST_COLUMNS.slice(1).map((c) => `CREATE INDEX summary_combos_${c} ON summary_combos (${c})`),
    ...monthDeltas('SELECT i.*, 1 AS s FROM incidents i'),
    summaryTrigger(allDeltas),
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

/** The column a facet field counts. */
function facetColumn(field: string): string {
  const col = COUNTED.find(([name]) => name === field)?.[1];
  if (!col) throw new Error(`not a facet field: ${field}`);
  return col;
}

/** summary_combos' rows of a facet field's values under the filter's own conditions (value, n). */
function combosRows(field: string, f: CheckedFilter, bind: Bind, omit?: string): string {
  const col = `i.${facetColumn(field)}`;
  const c = [...filterConditions(f, bind, omit), `${col} IS NOT NULL`];
  return `SELECT ${col} AS value, i.n FROM summary_combos i WHERE ${all(c)}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** The first day of the month `k` months after that of `day` (YYYY-MM-DD), or null outside years 1–9999. */
function monthStart(day: string, k = 0): string | null {
  const m = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + k;
  const y = Math.floor(m / 12);
  if (y < 1 || y > 9999) return null;
  return `${String(y).padStart(4, '0')}-${pad2((m % 12) + 1)}-01`;
}
/** The last day of the month of `day`. */
function monthEnd(day: string): string {
  const y = Number(day.slice(0, 4));
  const mo = Number(day.slice(5, 7));
  return `${day.slice(0, 8)}${pad2(new Date(Date.UTC(y, mo, 0)).getUTCDate())}`;
}

/**
 * A date range from..to (days; null: unbounded) split in the whole months inside it (the
 * first days of the first and last, null: unbounded; `months` null when it holds none) and
 * the days at its ends outside them (at most two ranges of days).
 */
export function monthSplit(
  from: string | null,
  to: string | null,
): { months: [string | null, string | null] | null; edges: [string, string][] } {
  const first = from == null ? null : from.endsWith('-01') ? from : monthStart(from, 1);
  const last = to == null ? null : to === monthEnd(to) ? monthStart(to) : monthStart(to, -1);
  const none =
    (from != null && first == null) ||
    (to != null && last == null) ||
    (first != null && last != null && first > last);
  const edges: [string, string][] = [];
  const low = from != null && !from.endsWith('-01');
  const high = to != null && to !== monthEnd(to);
  if (low && high && from.slice(0, 7) === to.slice(0, 7)) edges.push([from, to]);
  else {
    if (low) edges.push([from, to != null && to < monthEnd(from) ? to : monthEnd(from)]);
    if (high) {
      const start = monthStart(to) as string;
      edges.push([from != null && from > start ? from : start, to]);
    }
  }
  return { months: none ? null : [first, last], edges };
}

/**
 * The rows (value, n) of a facet field's values under a filter with from/to and at most one
 * list filter (the plan's key): from summary_months, the incidents dated to the day in the
 * whole months of the range and every other dated incident whose stored date range passes the
 * filter's own from/to conditions; and from summary_days, the incidents dated to a day at the
 * range's ends, under the filter's own conditions.
 */
function monthsRows(field: string, p: SummaryPlan, f: CheckedFilter, bind: Bind, omit?: string): string {
  const { months, edges } = monthSplit(f.from, f.to);
  const parts: string[] = [];
  const head = () =>
    `SELECT i.f_value AS value, i.n FROM summary_months i WHERE ${keyed(p, bind)} AND i.f_dim = ${bind(field)}`;
  if (months) {
    const [a, b] = months;
    parts.push(
      `${head()} AND i.month IS NOT NULL${a ? ` AND i.month >= ${bind(a)}::date` : ''}${b ? ` AND i.month <= ${bind(b)}::date` : ''}`,
    );
  }
  parts.push(`${head()} AND i.month IS NULL AND ${all(ranges(f, bind))}`);
  if (edges.length) {
    const col = `i.${facetColumn(field)}`;
    const within = edges.map(([x, y]) => `i.sort_date BETWEEN ${bind(x)}::date AND ${bind(y)}::date`);
    const c = [...filterConditions(f, bind, omit), `${col} IS NOT NULL`, `(${within.join(' OR ')})`];
    // a day of summary_days is the date range and sort date of its incidents
    parts.push(`SELECT ${col} AS value, i.n
      FROM (SELECT d.*, d.day AS date_lo, d.day AS date_hi, d.day AS sort_date FROM summary_days d) i
      WHERE ${all(c)}`);
  }
  return parts.join('\n      UNION ALL ');
}

export const summarySql = {
  /**
   * The summary trigger as of a migration (7: summary_values, summary_dates, summary_points;
   * 10: and summary_months, summary_days, summary_combos), to time a bulk insert with each (the
   * web benchmark); 0 disables the triggers on incidents, and any other level enables them again.
   */
  triggerAt: (migration: 0 | 7 | 10): Sql[] =>
    migration === 0
      ? [{ text: 'ALTER TABLE incidents DISABLE TRIGGER USER' }]
      : [
          { text: 'ALTER TABLE incidents ENABLE TRIGGER USER' },
          { text: summaryTrigger(migration === 7 ? summaryDeltas : allDeltas) },
        ],
  /**
   * Incidents per value of a facet field (at most `limit`, most first), as sql.facet (the
   * field's own filter left out when the plan was made with `omit`): from summary_combos,
   * summary_months with summary_days (under from/to) or summary_values.
   */
  facet: (field: string, p: SummaryPlan, f: CheckedFilter, limit: number | null, omit?: string): Sql => {
    const { values, bind } = binder();
    const rows = p.combos
      ? combosRows(field, f, bind, omit)
      : f.from != null || f.to != null
        ? monthsRows(field, p, f, bind, omit)
        : `SELECT i.f_value AS value, i.n FROM summary_values i WHERE ${keyed(p, bind)} AND i.f_dim = ${bind(field)}`;
    return {
      text: `SELECT s.value, sum(s.n)::int AS count FROM (${rows}) s
        GROUP BY s.value HAVING sum(s.n) > 0 ORDER BY sum(s.n) DESC, s.value
        ${limit == null ? '' : `LIMIT ${bind(limit)}::int`}`,
      values,
    };
  },
  /** How many incidents under several list filters (summary_combos). */
  countCombos: (f: CheckedFilter): Sql => {
    const { values, bind } = binder();
    const c = filterConditions(f, bind);
    return {
      text: `SELECT coalesce(sum(i.n), 0)::int AS n FROM summary_combos i ${c.length ? `WHERE ${all(c)}` : ''}`,
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
