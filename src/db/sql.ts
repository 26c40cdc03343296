/**
 * Every SQL statement Rasd runs (except the migration DDL, and the statements of `rasd watch`'s
 * tables in source-state.ts), as pure functions that return `{ text, values }`. Values are
 * always bound parameters; the only identifiers put into text are a validated schema name and
 * column names taken from the fixed maps below.
 * Dates and timestamps are selected as text so that PGlite and pg return the same thing.
 */

import { type IncidentNameFields, incidentNames } from '../places/names.js';
import {
  type Bind,
  type CheckedFilter,
  type Cursor,
  FILTERS,
  filterDef,
  filterConditions as tableConditions,
} from './filter.js';

export interface Sql {
  text: string;
  values?: unknown[];
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function validSchemaName(s: string): boolean {
  return SCHEMA_NAME.test(s) && !s.startsWith('pg_');
}

function ident(s: string): string {
  if (!validSchemaName(s)) throw new Error(`invalid identifier "${s}"`);
  return `"${s}"`;
}

/** Collects bound values and hands out their placeholders. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The columns of the filters shown as facets (from the filter table), by filter name. */
export const FACET_COLUMNS: Readonly<Record<FacetField, string>> = Object.fromEntries(
  FILTERS.filter((d) => d.facet).map((d) => [d.name, d.facet as string]),
) as Record<FacetField, string>;
export type FacetField = 'type' | 'weapon' | 'actor' | 'country' | 'admin1' | 'target';

const MENTION_COLS = `m.id, m.article_id, m.idx, m.type, m.date, m.place, m.place_id, m.lat, m.lon,
  m.geo_precision::int AS geo_precision, m.country, m.admin1, m.actor, m.actor_umbrella, m.target, m.weapon,
  m.munitions, m.killed, m.injured, m.intercepted, m.evidence, m.reviewed, m.part_of_day, m.implied`;

const MENTION_SELECT = `SELECT ${MENTION_COLS}, coalesce(a.duplicate_of, a.id) AS group_id, im.incident_id
  FROM mentions m JOIN articles a ON a.id = m.article_id
  LEFT JOIN incident_mentions im ON im.mention_id = m.id`;

const INCIDENT_COLS = `i.id, i.type, i.date, i.place, i.place_id, i.lat, i.lon, i.geo_precision::int AS geo_precision,
  i.country, i.admin1, i.actor, i.actor_umbrella, i.target, i.weapon, i.munitions, i.killed, i.injured,
  i.intercepted, i.source_count, i.conflicts, i.review_status, i.edits, i.evidence_norm, i.pinned, i.coreference,
  i.place_ar, i.admin1_ar, i.implied,
  ${ISO('i.updated_at')} AS updated_at, i.sort_date::text AS sort_date`;

/** The columns written by upsertIncidents (all from a JSON record). */
const INCIDENT_RECORD = `id text, type text, date text, date_lo date, date_hi date, sort_date date, place text,
  place_id text, lat double precision, lon double precision, geo_precision smallint, country text, admin1 text,
  actor text, actor_umbrella text, target text, weapon text, munitions integer, killed integer, injured integer,
  intercepted boolean, source_count integer, conflicts text[], review_status text, edits jsonb,
  evidence_norm text, digest text, coreference jsonb, place_ar text, admin1_ar text, names_norm text, implied jsonb`;
const INCIDENT_WRITE_COLS = [
  'type',
  'date',
  'date_lo',
  'date_hi',
  'sort_date',
  'place',
  'place_id',
  'lat',
  'lon',
  'geo_precision',
  'country',
  'admin1',
  'actor',
  'actor_umbrella',
  'target',
  'weapon',
  'munitions',
  'killed',
  'injured',
  'intercepted',
  'source_count',
  'conflicts',
  'review_status',
  'edits',
  'evidence_norm',
  'digest',
  'coreference',
  'place_ar',
  'admin1_ar',
  'names_norm',
  'implied',
];

export { likeEscape } from './filter.js';

/** The derived name columns (Arabic place and province names, searchable names) of a row to write. */
function withNames<T extends object>(row: T): T {
  return { ...row, ...incidentNames(row as unknown as IncidentNameFields) };
}

/** WHERE conditions of an incident filter (alias i), from the filter table; `omit` leaves one field out (for its facet). */
function filterConditions(f: CheckedFilter, p: Params, omit?: FacetField): string[] {
  return tableConditions(f, (v) => p.add(v), omit);
}

const BBOX_SQL = filterDef('bbox')?.sql as (box: [number, number, number, number], bind: Bind) => string[];

const where = (c: string[]) => (c.length ? `WHERE ${c.join(' AND ')}` : '');

export const sql = {
  // ------------------------------------------------------------ connection and schema
  createSchema: (schema: string): Sql => ({ text: `CREATE SCHEMA IF NOT EXISTS ${ident(schema)}` }),
  dropSchema: (schema: string): Sql => ({ text: `DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE` }),
  setSearchPath: (schema: string): Sql => ({ text: `SET search_path TO ${ident(schema)}, public` }),
  /** A transaction-scoped advisory lock, keyed by a name and the current schema. */
  /** no statement timeout for the rest of the transaction (migrations of a big store run long) */
  noStatementTimeout: (): Sql => ({ text: 'SET LOCAL statement_timeout = 0' }),
  advisoryLock: (name: string): Sql => ({
    text: 'SELECT pg_advisory_xact_lock(hashtext($1))::text AS locked',
    values: [name],
  }),
  schemaLock: (name: string): Sql => ({
    text: "SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':' || $1))::text AS locked",
    values: [name],
  }),

  truncateAll: (): Sql => ({
    text: `TRUNCATE articles, mentions, incidents, incident_mentions, review_log, summary_values, summary_dates,
      summary_points, summary_months, summary_days, summary_combos RESTART IDENTITY CASCADE`,
  }),

  // ------------------------------------------------------------ migrations
  createMigrationsTable: (): Sql => ({
    text: `CREATE TABLE IF NOT EXISTS rasd_migrations (
      id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  }),
  appliedMigrations: (): Sql => ({ text: 'SELECT id FROM rasd_migrations ORDER BY id' }),
  recordMigration: (id: number, name: string): Sql => ({
    text: 'INSERT INTO rasd_migrations (id, name) VALUES ($1, $2)',
    values: [id, name],
  }),
  tableExists: (table: string): Sql => ({
    text: 'SELECT to_regclass($1) IS NOT NULL AS ok',
    values: [table],
  }),

  // ------------------------------------------------------------ articles
  /** Stored articles with one of these content hashes, URL keys or ids. */
  /** The given URL keys that are stored (an index lookup each). */
  storedUrlKeys: (urlKeys: string[]): Sql => ({
    text: 'SELECT url_key FROM articles WHERE url_key = ANY($1::text[])',
    values: [urlKeys],
  }),
  /** The given content hashes that are stored (an index lookup each). */
  storedContentHashes: (hashes: string[]): Sql => ({
    text: 'SELECT content_hash FROM articles WHERE content_hash = ANY($1::text[])',
    values: [hashes],
  }),
  existingArticles: (hashes: string[], urlKeys: string[], ids: string[]): Sql => ({
    text: `SELECT id, content_hash, url_key FROM articles
      WHERE content_hash = ANY($1::text[]) OR url_key = ANY($2::text[]) OR id = ANY($3::text[])`,
    values: [hashes, urlKeys, ids],
  }),
  /** Articles sharing at least one 16-bit SimHash band with one of the given articles. */
  nearDuplicateCandidates: (bands: [number[], number[], number[], number[]]): Sql => ({
    text: `SELECT id, coalesce(duplicate_of, id) AS root, simhash::text AS simhash, published::text AS published
      FROM articles
      WHERE simhash IS NOT NULL AND (band0 = ANY($1::int[]) OR band1 = ANY($2::int[])
        OR band2 = ANY($3::int[]) OR band3 = ANY($4::int[]))`,
    values: bands,
  }),
  /** Sets duplicate_of of the given articles ({id, duplicate_of}[]). */
  markDuplicates: (marks: { id: string; duplicate_of: string }[]): Sql => ({
    text: `UPDATE articles SET duplicate_of = x.duplicate_of
      FROM jsonb_to_recordset($1::jsonb) AS x(id text, duplicate_of text)
      WHERE articles.id = x.id`,
    values: [JSON.stringify(marks)],
  }),
  insertArticles: (rows: object[]): Sql => ({
    text: `INSERT INTO articles (id, url, url_key, outlet, title, published, text, content_hash, simhash,
        band0, band1, band2, band3, duplicate_of, extractor_version)
      SELECT id, url, url_key, outlet, title, published::date, text, content_hash, simhash::bigint,
        band0, band1, band2, band3, duplicate_of, extractor_version
      FROM jsonb_to_recordset($1::jsonb) AS x(id text, url text, url_key text, outlet text, title text,
        published text, text text, content_hash text, simhash text, band0 int, band1 int, band2 int, band3 int,
        duplicate_of text, extractor_version text)
      ON CONFLICT DO NOTHING
      RETURNING id`,
    values: [JSON.stringify(rows)],
  }),
  getArticle: (id: string): Sql => ({
    text: `SELECT id, url, outlet, title, published::text AS published, text, duplicate_of,
        ${ISO('ingested_at')} AS ingested_at, extractor_version, content_hash
      FROM articles WHERE id = $1`,
    values: [id],
  }),
  /** A page of stored articles in id order (for reprocessing). */
  articlesPage: (afterId: string | null, limit: number): Sql => ({
    text: `SELECT id, url, title, outlet, published::text AS published, text FROM articles
      WHERE $1::text IS NULL OR id > $1::text ORDER BY id LIMIT $2`,
    values: [afterId, limit],
  }),
  setExtractorVersion: (ids: string[], version: string): Sql => ({
    text: 'UPDATE articles SET extractor_version = $2 WHERE id = ANY($1::text[])',
    values: [ids, version],
  }),
  counts: (): Sql => ({
    text: `SELECT (SELECT count(*) FROM articles)::int AS articles,
      (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL)::int AS near_duplicates,
      (SELECT count(*) FROM mentions)::int AS mentions,
      (SELECT count(*) FROM incidents)::int AS incidents`,
  }),

  // ------------------------------------------------------------ mentions
  insertMentions: (rows: object[]): Sql => ({
    text: `INSERT INTO mentions (article_id, idx, type, date, place, place_id, lat, lon, geo_precision, country,
        admin1, actor, actor_umbrella, target, weapon, munitions, killed, injured, intercepted, evidence, spans,
        reviewed, part_of_day, implied)
      SELECT article_id, idx, type, date, place, place_id, lat, lon, geo_precision, country, admin1, actor,
        actor_umbrella, target, weapon, munitions, killed, injured, intercepted, evidence, spans,
        coalesce(reviewed, false), part_of_day, implied
      FROM jsonb_to_recordset($1::jsonb) AS x(article_id text, idx int, type text, date text, place text,
        place_id text, lat double precision, lon double precision, geo_precision smallint, country text,
        admin1 text, actor text, actor_umbrella text, target text, weapon text, munitions int, killed int,
        injured int, intercepted boolean, evidence text, spans jsonb, reviewed boolean, part_of_day text,
        implied jsonb)
      RETURNING id, article_id, idx`,
    values: [JSON.stringify(rows)],
  }),
  mentionsByIds: (ids: number[]): Sql => ({
    text: `${MENTION_SELECT} WHERE m.id = ANY($1::int[])`,
    values: [ids],
  }),
  mentionsOfArticles: (articleIds: string[]): Sql => ({
    text: `${MENTION_SELECT} WHERE m.article_id = ANY($1::text[])`,
    values: [articleIds],
  }),
  mentionsOfIncidents: (incidentIds: string[]): Sql => ({
    text: `${MENTION_SELECT} WHERE im.incident_id = ANY($1::text[])`,
    values: [incidentIds],
  }),
  /**
   * Mentions that may be the same incident as one of the given ones (a superset: clustering
   * decides): those dated one of `dates` (the days around a day-level mention, the month a
   * month-level date of that day would name), and every mention dated within one of `months`
   * (what a month-level mention may be).
   */
  mentionNeighbors: (days: string[], monthsOfDays: string[], months: string[]): Sql => ({
    text: `${MENTION_SELECT} WHERE m.id IN (
        SELECT id FROM mentions WHERE date = ANY($1::text[])
        UNION
        SELECT id FROM mentions WHERE substr(date, 1, 7) = ANY($2::text[]))`,
    values: [[...days, ...monthsOfDays], months],
  }),
  mentionsForArticle: (articleId: string): Sql => ({
    text: `SELECT m.id, m.idx, m.type, m.date, m.place, m.place_id, m.lat, m.lon,
        m.geo_precision::int AS geo_precision, m.country, m.admin1, m.actor, m.actor_umbrella, m.target,
        m.weapon, m.munitions, m.killed, m.injured, m.intercepted, m.evidence, m.spans, m.reviewed,
        m.implied, im.incident_id
      FROM mentions m LEFT JOIN incident_mentions im ON im.mention_id = m.id
      WHERE m.article_id = $1 ORDER BY m.idx`,
    values: [articleId],
  }),
  deleteMentions: (ids: number[]): Sql => ({
    text: 'DELETE FROM mentions WHERE id = ANY($1::int[])',
    values: [ids],
  }),
  setMentionsReviewed: (incidentId: string, reviewed: boolean): Sql => ({
    text: `UPDATE mentions SET reviewed = $2
      WHERE id IN (SELECT mention_id FROM incident_mentions WHERE incident_id = $1)`,
    values: [incidentId, reviewed],
  }),

  // ------------------------------------------------------------ incidents (writing)
  incidentsByIds: (ids: string[]): Sql => ({
    text: `SELECT ${INCIDENT_COLS} FROM incidents i WHERE i.id = ANY($1::text[])`,
    values: [ids],
  }),
  existingIncidentIds: (ids: string[]): Sql => ({
    text: 'SELECT id FROM incidents WHERE id = ANY($1::text[])',
    values: [ids],
  }),
  unlinkMentions: (mentionIds: number[]): Sql => ({
    text: 'DELETE FROM incident_mentions WHERE mention_id = ANY($1::int[])',
    values: [mentionIds],
  }),
  deleteIncidents: (ids: string[]): Sql => ({
    text: 'DELETE FROM incidents WHERE id = ANY($1::text[])',
    values: [ids],
  }),
  /** Inserts or updates incidents; updated_at moves only when the content digest changes. */
  upsertIncidents: (rows: object[]): Sql => ({
    text: `INSERT INTO incidents (id, ${INCIDENT_WRITE_COLS.join(', ')})
      SELECT id, ${INCIDENT_WRITE_COLS.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${INCIDENT_RECORD})
      ON CONFLICT (id) DO UPDATE SET ${INCIDENT_WRITE_COLS.map((c) => `${c} = excluded.${c}`).join(', ')},
        updated_at = CASE WHEN incidents.digest IS DISTINCT FROM excluded.digest THEN now()
          ELSE incidents.updated_at END`,
    values: [JSON.stringify(rows.map(withNames))],
  }),
  /** An incident that lost all its mentions but is kept (a reviewer's decision stands). */
  orphanIncidents: (ids: string[]): Sql => ({
    text: `UPDATE incidents SET source_count = 0, conflicts = '{}', updated_at = now()
      WHERE id = ANY($1::text[]) AND source_count <> 0`,
    values: [ids],
  }),
  linkMentions: (pairs: { incident_id: string; mention_id: number }[]): Sql => ({
    text: `INSERT INTO incident_mentions (incident_id, mention_id)
      SELECT incident_id, mention_id FROM jsonb_to_recordset($1::jsonb) AS x(incident_id text, mention_id int)`,
    values: [JSON.stringify(pairs)],
  }),
  insertReviewLog: (
    incidentId: string,
    who: string,
    action: string,
    before: unknown,
    after: unknown,
  ): Sql => ({
    text: `INSERT INTO review_log (incident_id, who, action, before, after) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)
      RETURNING id`,
    values: [incidentId, who, action, JSON.stringify(before), JSON.stringify(after)],
  }),
  /** Pins (or unpins) incidents: a pinned incident's members are not re-clustered. */
  setPinned: (ids: string[], pinned: boolean): Sql => ({
    text: 'UPDATE incidents SET pinned = $2, updated_at = now() WHERE id = ANY($1::text[])',
    values: [ids, pinned],
  }),
  /** Moves mentions from one incident to another (all of them when `mentionIds` is null). */
  moveMentions: (from: string, to: string, mentionIds: number[] | null): Sql => ({
    text: `UPDATE incident_mentions SET incident_id = $2
      WHERE incident_id = $1 AND ($3::int[] IS NULL OR mention_id = ANY($3::int[]))`,
    values: [from, to, mentionIds],
  }),
  /** The incident a merged-away incident went into (from its review log). */
  mergedInto: (incidentId: string): Sql => ({
    text: `SELECT after->>'merged_into' AS merged_into FROM review_log
      WHERE incident_id = $1 AND action = 'merged_into' ORDER BY at DESC, id DESC LIMIT 1`,
    values: [incidentId],
  }),
  reviewLog: (incidentId: string): Sql => ({
    text: `SELECT id, incident_id, who, ${ISO('at')} AS at, action, before, after FROM review_log
      WHERE incident_id = $1 ORDER BY at, id`,
    values: [incidentId],
  }),

  // ------------------------------------------------------------ incidents (reading)
  listIncidents: (f: CheckedFilter): Sql => {
    const p = new Params();
    const c = filterConditions(f, p);
    const byDate = f.sort === 'date' || f.sort === '-date';
    const col = byDate ? 'i.sort_date' : 'i.source_count';
    const desc = f.sort.startsWith('-');
    if (f.cursor) c.push(keyset(f.cursor, col, desc, byDate, p));
    const dir = desc ? 'DESC' : 'ASC';
    return {
      text: `SELECT ${INCIDENT_COLS} FROM incidents i ${where(c)}
        ORDER BY ${col} ${dir}, i.id ${dir} LIMIT ${p.add(f.limit + 1)}::int`,
      values: p.values,
    };
  },
  /** A page of incidents by offset (the ACLED-compatible read: `page`), in the filter's sort. */
  incidentsAtOffset: (f: CheckedFilter, offset: number): Sql => {
    const p = new Params();
    const c = filterConditions(f, p);
    const byDate = f.sort === 'date' || f.sort === '-date';
    const col = byDate ? 'i.sort_date' : 'i.source_count';
    const dir = f.sort.startsWith('-') ? 'DESC' : 'ASC';
    return {
      text: `SELECT ${INCIDENT_COLS} FROM incidents i ${where(c)}
        ORDER BY ${col} ${dir}, i.id ${dir} LIMIT ${p.add(f.limit)}::int OFFSET ${p.add(offset)}::int`,
      values: p.values,
    };
  },
  countIncidents: (f: CheckedFilter): Sql => {
    const p = new Params();
    return {
      text: `SELECT count(*)::int AS n FROM incidents i ${where(filterConditions(f, p))}`,
      values: p.values,
    };
  },
  incidentSources: (incidentIds: string[]): Sql => ({
    text: `SELECT im.incident_id, m.id AS mention_id, a.id AS article_id, a.url, a.outlet, a.title,
        a.published::text AS published, m.evidence, m.spans, a.duplicate_of
      FROM incident_mentions im JOIN mentions m ON m.id = im.mention_id JOIN articles a ON a.id = m.article_id
      WHERE im.incident_id = ANY($1::text[])
      ORDER BY im.incident_id, a.published NULLS LAST, a.id, m.idx`,
    values: [incidentIds],
  }),
  facet: (field: FacetField, f: CheckedFilter, limit: number): Sql => {
    const p = new Params();
    const col = `i.${FACET_COLUMNS[field]}`;
    const c = [...filterConditions(f, p, field), `${col} IS NOT NULL`];
    return {
      text: `SELECT ${col} AS value, count(*)::int AS count FROM incidents i ${where(c)}
        GROUP BY ${col} ORDER BY count(*) DESC, ${col} LIMIT ${p.add(limit)}::int`,
      values: p.values,
    };
  },
  /** Incidents per ISO week (Monday), for the incidents dated to the day. */
  statsPerWeek: (f: CheckedFilter): Sql => {
    const p = new Params();
    const c = [...filterConditions(f, p), 'length(i.date) = 10'];
    return {
      text: `SELECT (i.date_lo - (extract(isodow FROM i.date_lo)::int - 1))::text AS week, count(*)::int AS count
        FROM incidents i ${where(c)} GROUP BY 1 ORDER BY 1`,
      values: p.values,
    };
  },
  /** Incidents per day, for the incidents dated to the day (the dashboard's timeline). */
  statsPerDay: (f: CheckedFilter): Sql => {
    const p = new Params();
    const c = [...filterConditions(f, p), 'length(i.date) = 10'];
    return {
      text: `SELECT i.date AS day, count(*)::int AS count FROM incidents i ${where(c)} GROUP BY 1 ORDER BY 1`,
      values: p.values,
    };
  },
  statsBy: (field: 'type' | 'actor', f: CheckedFilter): Sql => {
    const p = new Params();
    const col = `i.${FACET_COLUMNS[field]}`;
    const c = [...filterConditions(f, p), `${col} IS NOT NULL`];
    return {
      text: `SELECT ${col} AS value, count(*)::int AS count FROM incidents i ${where(c)}
        GROUP BY ${col} ORDER BY count(*) DESC, ${col}`,
      values: p.values,
    };
  },
  /**
   * The map: located incidents under the filter inside the view, counted per grid cell of
   * `cell` degrees and event type (mapCellsOf), with the smallest id (the incident itself when
   * a cell holds one).
   */
  mapCells: (f: CheckedFilter, view: [number, number, number, number], cell: number): Sql => {
    const p = new Params();
    const c = [...filterConditions(f, p), 'i.lat IS NOT NULL', 'i.lon IS NOT NULL'];
    // the view is a box like the bbox filter's, and has its SQL
    c.push(...BBOX_SQL(view, (v) => p.add(v)));
    const points = `SELECT i.lat, i.lon, i.type, count(*) AS n, sum(i.source_count) AS sources, min(i.id) AS id
      FROM incidents i ${where(c)} GROUP BY 1, 2, 3`;
    return { text: mapCellsOf(points, p.add(cell), 'min(p.id) AS id'), values: p.values };
  },
  incidentArticleCount: (incidentId: string): Sql => ({
    text: `SELECT count(DISTINCT m.article_id)::int AS n FROM incident_mentions im
      JOIN mentions m ON m.id = im.mention_id WHERE im.incident_id = $1`,
    values: [incidentId],
  }),
  /** Incidents under the filter without coordinates (they cannot be on the map). */
  countUnlocated: (f: CheckedFilter): Sql => {
    const p = new Params();
    const c = [...filterConditions(f, p), '(i.lat IS NULL OR i.lon IS NULL)'];
    return { text: `SELECT count(*)::int AS n FROM incidents i ${where(c)}`, values: p.values };
  },
  /** Incidents per date as dated: YYYY-MM-DD, YYYY-MM, YYYY, or null (undated). */
  statsPerDate: (f: CheckedFilter): Sql => {
    const p = new Params();
    return {
      text: `SELECT i.date, count(*)::int AS count FROM incidents i ${where(filterConditions(f, p))}
        GROUP BY 1 ORDER BY 1 NULLS LAST`,
      values: p.values,
    };
  },
  /** The articles behind an incident, a page at a time, in the order of incidentSources. */
  incidentArticles: (incidentId: string, offset: number, limit: number): Sql => ({
    text: `WITH arts AS (
        SELECT a.id, min(a.published) AS published FROM incident_mentions im
          JOIN mentions m ON m.id = im.mention_id JOIN articles a ON a.id = m.article_id
        WHERE im.incident_id = $1 GROUP BY a.id),
      page AS (SELECT id, published FROM arts ORDER BY published NULLS LAST, id OFFSET $2 LIMIT $3)
      SELECT a.id, a.url, a.outlet, a.title, a.published::text AS published, a.text, a.duplicate_of,
        jsonb_agg(jsonb_build_object('mention_id', m.id, 'spans', m.spans, 'evidence', m.evidence)
          ORDER BY m.idx) AS mentions
      FROM page JOIN articles a ON a.id = page.id
        JOIN mentions m ON m.article_id = a.id
        JOIN incident_mentions im ON im.mention_id = m.id AND im.incident_id = $1
      GROUP BY a.id, page.published
      ORDER BY page.published NULLS LAST, a.id`,
    values: [incidentId, offset, limit],
  }),
  updateIncidentReview: (id: string, fields: object, status: string, edits: object | null): Sql => ({
    text: `UPDATE incidents AS i SET type = x.type, date = x.date, date_lo = x.date_lo, date_hi = x.date_hi,
        sort_date = x.sort_date, place = x.place, place_id = x.place_id, lat = x.lat, lon = x.lon,
        geo_precision = x.geo_precision, country = x.country, admin1 = x.admin1, actor = x.actor,
        actor_umbrella = x.actor_umbrella, target = x.target, weapon = x.weapon, munitions = x.munitions,
        killed = x.killed, injured = x.injured, intercepted = x.intercepted, place_ar = x.place_ar,
        admin1_ar = x.admin1_ar, names_norm = x.names_norm, implied = x.implied, review_status = $3,
        edits = $4::jsonb, updated_at = now()
      FROM jsonb_to_record($2::jsonb) AS x(${INCIDENT_RECORD})
      WHERE i.id = $1`,
    values: [id, JSON.stringify(withNames(fields)), status, edits == null ? null : JSON.stringify(edits)],
  }),
};

/** Synthetic incidents (benchmarks and scale tests): a type drawn from random r1. */
const SYNTHETIC_TYPE = `(ARRAY['Shelling/artillery/missile attack', 'Air/drone strike', 'Remote explosive/landmine/IED',
          'Armed clash', 'Disrupted weapons use', 'Attack', 'Suicide bomb', 'Grenade'])[1 + floor(r1 * r1 * 8)::int]`;

/** The actors of synthetic incidents (each needs an Arabic label: data/labels/actors-ar.json or the lexicon). */
export const SYNTHETIC_ACTORS = [
  "Kata'ib Hezbollah",
  'Harakat al-Nujaba',
  "Kata'ib Sayyid al-Shuhada",
  "Asa'ib Ahl al-Haq",
  'Islamic Resistance in Iraq',
  'Islamic State',
  'United States',
  'Turkey',
  'Syrian Democratic Forces',
  'Hayat Tahrir al-Sham',
] as const;
const sqlText = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * Synthetic incidents: actor, umbrella, target, weapon, munitions, killed, injured, intercepted,
 * source_count, conflicts and review_status drawn from randoms r1–r6 (both generators use them).
 */
const SYNTHETIC_FIELDS = `CASE WHEN r2 < 0.4 THEN NULL ELSE (ARRAY[${SYNTHETIC_ACTORS.map(sqlText).join(', ')}])[1 + floor((r2 - 0.4) / 0.6 * ${SYNTHETIC_ACTORS.length})::int] END,
        CASE WHEN r2 >= 0.4 AND r2 < 0.64 THEN 'Islamic Resistance in Iraq' END,
        (ARRAY['us_forces', 'coalition', 'diplomatic', 'logistics', 'iraqi_forces', 'syrian_forces', 'militia',
          'civilians', 'other'])[1 + floor(r3 * 9)::int],
        (ARRAY['rocket', 'drone', 'ied', 'missile', 'mortar', 'aircraft', 'artillery', 'small_arms'])[1 + floor(r4 * r4 * 8)::int],
        CASE WHEN r5 < 0.5 THEN 1 + floor(r5 * 8)::int END,
        CASE WHEN r6 < 0.6 THEN NULL ELSE floor((r6 - 0.6) * 10)::int END,
        CASE WHEN r6 < 0.5 THEN NULL ELSE floor((r6 - 0.5) * 20)::int END,
        CASE WHEN r1 > 0.9 THEN true WHEN r1 > 0.3 THEN false END,
        1 + floor(-ln(1 - r5 * 0.999) * 0.7)::int, '{}', 'unreviewed'`;

/** Benchmark support: synthetic incidents made by the database itself. */
export const benchSql = {
  seed: (seed: number): Sql => ({ text: 'SELECT setseed($1::float8)::text AS ok', values: [seed] }),
  /**
   * Incidents with ids syn-<lo>…syn-<hi>: six years of dates, 2,000 places in Iraq, Syria
   * and Jordan, a skewed actor, type, weapon and source-count mix, and evidence made of
   * folded Arabic words (one in five mentions عين الاسد).
   */
  syntheticIncidents: (lo: number, hi: number): Sql => ({
    text: `WITH base AS (
        SELECT g, date '2019-01-01' + floor(random() * 2190)::int AS d, floor(random() * 2000)::int AS pid,
          random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6
        FROM generate_series($1::int, $2::int) AS g)
      INSERT INTO incidents (id, type, date, date_lo, date_hi, sort_date, place, place_id, lat, lon,
        geo_precision, country, admin1, actor, actor_umbrella, target, weapon, munitions, killed, injured,
        intercepted, source_count, conflicts, review_status, evidence_norm, digest)
      SELECT 'syn-' || g,
        ${SYNTHETIC_TYPE},
        d::text, d, d, d, 'Place ' || pid, 'syn:' || pid,
        29.5 + (pid % 97) * 0.08, 36.5 + (pid % 89) * 0.11, 1 + (pid % 3),
        CASE WHEN pid < 1400 THEN 'IQ' WHEN pid < 1900 THEN 'SY' ELSE 'JO' END,
        'Province ' || (pid % 18),
        ${SYNTHETIC_FIELDS},
        CASE WHEN r3 < 0.2 THEN 'سقطت صواريخ على قاعده عين الاسد في محافظه الانبار '
          ELSE 'استهدف هجوم موقعا عسكريا قرب ' END || 'Place ' || pid || ' ' ||
          (ARRAY['بطائره مسيره', 'بعبوه ناسفه', 'بقذائف هاون', 'بصواريخ كاتيوشا', 'بضربه جويه'])[1 + floor(r4 * 5)::int],
        NULL
      FROM base`,
    values: [lo, hi],
  }),
  /**
   * Incidents syn-<lo>…syn-<hi> at real gazetteer places (`places`: id, name, ar, admin1,
   * admin1_ar, country, lat, lon), with the date mix of real reporting: most dated to the day
   * over six years, 3% to the month, 1% to the year, 0.5% undated, 0.2% background dates of
   * the 1940s–80s, and 0.5% without coordinates.
   */
  syntheticPlacedIncidents: (lo: number, hi: number, places: object[]): Sql => ({
    text: `WITH p AS (
        SELECT (row_number() OVER () - 1)::int AS k, x.* FROM jsonb_to_recordset($3::jsonb)
          AS x(id text, name text, ar text, admin1 text, admin1_ar text, country text, lat float8, lon float8)),
      base AS (
        SELECT g, date '2019-01-01' + floor(random() * 2190)::int AS d,
          floor(random() * (SELECT count(*) FROM p))::int AS pk,
          random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
          random() AS rd, random() AS rl
        FROM generate_series($1::int, $2::int) AS g),
      dated AS (
        SELECT base.*, CASE WHEN rd < 0.005 THEN NULL
          WHEN rd < 0.007 THEN (date '1941-01-01' + floor(r6 * 15000)::int)::text
          WHEN rd < 0.017 THEN to_char(d, 'YYYY')
          WHEN rd < 0.047 THEN to_char(d, 'YYYY-MM')
          ELSE d::text END AS dt
        FROM base)
      INSERT INTO incidents (id, type, date, date_lo, date_hi, sort_date, place, place_id, place_ar, admin1_ar,
        names_norm, lat, lon, geo_precision, country, admin1, actor, actor_umbrella, target, weapon, munitions,
        killed, injured, intercepted, source_count, conflicts, review_status, evidence_norm, digest)
      SELECT 'syn-' || g,
        ${SYNTHETIC_TYPE},
        dt,
        CASE WHEN dt IS NULL THEN NULL WHEN length(dt) = 4 THEN (dt || '-01-01')::date
          WHEN length(dt) = 7 THEN (dt || '-01')::date ELSE dt::date END,
        CASE WHEN dt IS NULL THEN NULL WHEN length(dt) = 4 THEN (dt || '-12-31')::date
          WHEN length(dt) = 7 THEN ((dt || '-01')::date + interval '1 month' - interval '1 day')::date
          ELSE dt::date END,
        CASE WHEN dt IS NULL THEN d WHEN length(dt) = 4 THEN (dt || '-01-01')::date
          WHEN length(dt) = 7 THEN (dt || '-01')::date ELSE dt::date END,
        p.name, p.id, p.ar, p.admin1_ar, lower(p.name) || ' | ' || coalesce(p.ar, ''),
        CASE WHEN rl < 0.005 THEN NULL ELSE p.lat END, CASE WHEN rl < 0.005 THEN NULL ELSE p.lon END,
        1 + (g % 3), p.country, p.admin1,
        ${SYNTHETIC_FIELDS},
        'استهدف هجوم موقعا قرب ' || coalesce(p.ar, p.name), NULL
      FROM dated JOIN p ON p.k = dated.pk`,
    values: [lo, hi, JSON.stringify(places)],
  }),
  analyze: (): Sql => ({ text: 'ANALYZE incidents' }),
};

/**
 * The map's cells from `points` (a SELECT of lat, lon, type, n, sources: incidents per exact
 * point and type): per cell of `size` degrees and type, the incidents, the sums of their
 * coordinates (for the centroid) and of their sources, and `extra`. The coordinates are summed
 * point by point in one order (lat, lon), so the live query and the summary, which make the
 * same points, make the same sums to the last bit.
 */
export function mapCellsOf(points: string, size: string, extra: string): string {
  return `SELECT floor(p.lon / ${size}::float8)::int AS cx, floor(p.lat / ${size}::float8)::int AS cy,
      p.type, sum(p.n)::int AS n, sum(p.lat * p.n ORDER BY p.lat, p.lon) AS lat,
      sum(p.lon * p.n ORDER BY p.lat, p.lon) AS lon, sum(p.sources)::int AS sources, ${extra}
    FROM (${points}) p GROUP BY 1, 2, 3`;
}

function keyset(cur: Cursor, col: string, desc: boolean, byDate: boolean, p: Params): string {
  const k = p.add(cur.key);
  const id = p.add(cur.id);
  return `(${col}, i.id) ${desc ? '<' : '>'} (${k}::${byDate ? 'date' : 'int'}, ${id}::text)`;
}
