/**
 * Incremental, deterministic incident assignment in the store: the database side of
 * ./cluster.ts, which alone decides which mentions co-refer and forms the incidents (the same
 * decisions `rasd extract` and `rasd eval` make, so the store and the CLI give one partition).
 *
 * Links and clusters: see ./cluster.ts (positive evidence, named; coarse mentions join only
 * their only candidate). A near-duplicate copy is an article of its own here, so its records
 * join their originals' clusters; it only does not count as a source (source_count counts
 * originals).
 *
 * Incremental: when mentions are added (or removed), the components they touch are found
 * again (a breadth-first walk over candidate neighbours read from the database, plus every
 * member of every incident touched) and re-clustered whole. Untouched components keep their
 * clusters, which are what clustering them from scratch would give. So the stored incidents
 * are always "cluster each component of the whole graph", whatever the ingest order.
 *
 * Keys: an incident's id is derived from its first precise member in the total order (its
 * date, place and a hash of article id and index), so it stays while that member stays. An incident
 * a reviewer confirmed, edited or rejected keeps its id, status and edited fields: it goes to
 * the new cluster holding most of its old mentions.
 *
 * Every incident stores why its mentions were joined (`coreference`: each join's evidence,
 * km and days, and the incidents a flagged coarse mention may be one of).
 *
 * Pinned incidents (a reviewer merged or split them) are fixed clusters: their members are
 * never re-clustered, they keep their id, and other mentions may still join them (through any
 * member they link to). Reprocess puts a re-extracted mention back into its old incident
 * when it matches its old self, so pinned membership survives it.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/db.js';
import { dateRange } from '../db/filter.js';
import { sql } from '../db/sql.js';
import { fold } from '../normalize/normalize.js';
import type { ImpliedFields } from '../record/record.js';
import {
  CandidateIndex,
  type ClusterMention,
  compareMentions,
  type Evidence,
  firstMember,
  formIncidents,
  type Incident,
  incidentKey,
  linkable,
} from './cluster.js';

export { compareMentions, incidentKey } from './cluster.js';

/** A stored mention as clustering reads it. */
export interface MentionRow extends ClusterMention {
  id: number;
  article_id: string;
  idx: number;
  /** the article, or the original it is a near-duplicate of */
  group_id: string;
  incident_id: string | null;
  type: string;
  date: string | null;
  part_of_day?: string | null;
  place: string;
  place_id: string;
  lat: number | null;
  lon: number | null;
  geo_precision: 1 | 2 | 3;
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
  reviewed?: boolean;
  /** the fields the text does not state, with their reasons (the record's `implied`) */
  implied?: ImpliedFields | null;
}

/** The fields of an incident a reviewer may set. */
export const EDITABLE_FIELDS = [
  'type',
  'date',
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
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export interface IncidentFields {
  type: string;
  date: string | null;
  place: string;
  place_id: string;
  lat: number | null;
  lon: number | null;
  geo_precision: 1 | 2 | 3;
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
}

export interface MergedIncident extends IncidentFields {
  /** the merged fields no source states, with the reason of one that implies it (null: none) */
  implied: ImpliedFields | null;
  source_count: number;
  conflicts: string[];
  evidence_norm: string;
}

// ------------------------------------------------------------------ order and links

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** An edge of the link graph: the mentions may report one incident (./cluster.ts). */
export function linked(a: MentionRow, b: MentionRow): boolean {
  return linkable(a, b);
}

/**
 * Clusters one component (or any set of mentions) with ./cluster.ts: deterministic in the
 * set, not its order. `fixed` clusters (the members of pinned incidents) come first and are
 * never broken up; the other mentions may join them like any cluster.
 */
export function clusterMentions(rows: MentionRow[], fixed: MentionRow[][] = []): MentionRow[][] {
  return formIncidents(rows, fixed).map((c) => c.members);
}

// ------------------------------------------------------------------ merging

const TYPE_RANK = [
  'Suicide bomb',
  'Remote explosive/landmine/IED',
  'Air/drone strike',
  'Shelling/artillery/missile attack',
  'Grenade',
  'Armed clash',
  'Disrupted weapons use',
  'Attack',
];
const WEAPON_RANK = ['drone', 'missile', 'rocket', 'mortar', 'ied', 'small_arms', 'artillery', 'aircraft'];

const rankOf = (list: string[], v: string) => {
  const i = list.indexOf(v);
  return i < 0 ? list.length : i;
};

/** Most frequent value; ties broken by `tie` (smaller first). */
function majority<T extends string>(values: T[], tie: (a: T, b: T) => number): T | null {
  if (!values.length) return null;
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || tie(a[0], b[0]))[0][0];
}

function distinct<T>(values: (T | null)[]): T[] {
  return [...new Set(values.filter((v): v is T => v != null))];
}

/** One mention per source: the original's own mention before a copy's. */
function representatives(members: MentionRow[]): MentionRow[] {
  const byGroup = new Map<string, MentionRow>();
  for (const m of members) {
    const cur = byGroup.get(m.group_id);
    const better =
      !cur ||
      (m.article_id === m.group_id) > (cur.article_id === cur.group_id) ||
      ((m.article_id === m.group_id) === (cur.article_id === cur.group_id) && compareMentions(m, cur) < 0);
    if (better) byGroup.set(m.group_id, m);
  }
  return [...byGroup.values()].sort(compareMentions);
}

/**
 * The merged fields of a cluster. Date and place: the most precise (then the majority, then
 * the smallest). Actor: the most specific named (an umbrella gives way to its member), then
 * the majority. Type and weapon: the majority, then the most specific. Counts: ACLED's
 * conservative rule, the lowest stated figure. Interception: false when any source says
 * something got through. Every source votes once, whatever copies it has.
 */
export function mergeMentions(members: MentionRow[]): MergedIncident {
  const reps = representatives(members);
  const conflicts: string[] = [];

  const dated = reps.filter((r) => r.date);
  const maxLen = Math.max(0, ...dated.map((r) => (r.date as string).length));
  const date = majority(
    dated.filter((r) => (r.date as string).length === maxLen).map((r) => r.date as string),
    cmp,
  );

  const bestPrec = Math.min(...reps.map((r) => r.geo_precision));
  const placeId = majority(
    reps.filter((r) => r.geo_precision === bestPrec).map((r) => r.place_id),
    cmp,
  ) as string;
  const placeRep = reps.find((r) => r.place_id === placeId && r.geo_precision === bestPrec) as MentionRow;
  const admin1 = placeRep.admin1 ?? reps.find((r) => r.place_id === placeId && r.admin1)?.admin1 ?? null;

  const actors = distinct(reps.map((r) => r.actor));
  const umbrellaOf = new Map(reps.filter((r) => r.actor).map((r) => [r.actor as string, r.actor_umbrella]));
  const specific = actors.filter((a) => !actors.some((b) => b !== a && umbrellaOf.get(b) === a));
  if (specific.length > 1) conflicts.push('actor');
  const actor = majority(
    reps.map((r) => r.actor).filter((a): a is string => a != null && specific.includes(a)),
    cmp,
  );
  const actorUmbrella = actor
    ? (reps.find((r) => r.actor === actor && r.actor_umbrella)?.actor_umbrella ?? null)
    : null;

  const types = reps.map((r) => r.type);
  if (distinct(types).length > 1) conflicts.push('type');
  const type = majority(types, (a, b) => rankOf(TYPE_RANK, a) - rankOf(TYPE_RANK, b) || cmp(a, b)) as string;

  const weapons = reps.map((r) => r.weapon).filter((w): w is string => w != null);
  if (distinct(weapons).length > 1) conflicts.push('weapon');
  const weapon = majority(weapons, (a, b) => rankOf(WEAPON_RANK, a) - rankOf(WEAPON_RANK, b) || cmp(a, b));

  // a target a source states wins over the ones sites imply (rule site-hosts), whatever the order
  const withTarget = reps.filter((r) => r.target != null);
  const stated = withTarget.filter((r) => !r.implied?.target);
  const pool = stated.length ? stated : withTarget;
  const targets = pool.map((r) => r.target as string);
  if (distinct(targets).length > 1) conflicts.push('target');
  const target = majority(targets, cmp);
  const impliedBy = stated.length ? null : (pool.find((r) => r.target === target)?.implied?.target ?? null);

  const low = (field: 'munitions' | 'killed' | 'injured'): number | null => {
    const vals = distinct(reps.map((r) => r[field]));
    if (vals.length > 1) conflicts.push(field);
    return vals.length ? Math.min(...vals) : null;
  };
  const munitions = low('munitions');
  const killed = low('killed');
  const injured = low('injured');

  const icp = distinct(reps.map((r) => r.intercepted));
  if (icp.length > 1) conflicts.push('intercepted');
  const intercepted = icp.includes(false) ? false : icp.includes(true) ? true : null;

  const evidence = distinct([...members].sort(compareMentions).map((m) => fold(m.evidence)));
  return {
    type,
    date,
    place: placeRep.place,
    place_id: placeRep.place_id,
    lat: placeRep.lat,
    lon: placeRep.lon,
    geo_precision: placeRep.geo_precision,
    country: placeRep.country,
    admin1,
    actor,
    actor_umbrella: actorUmbrella,
    target,
    weapon,
    munitions,
    killed,
    injured,
    intercepted,
    implied: impliedBy ? { target: impliedBy } : null,
    source_count: new Set(members.map((m) => m.group_id)).size,
    conflicts: conflicts.sort(),
    evidence_norm: evidence.join('\n'),
  };
}

/** Columns derived from the date for filtering and sorting. */
export function dateColumns(date: string | null) {
  const r = dateRange(date);
  return { date_lo: r?.[0] ?? null, date_hi: r?.[1] ?? null, sort_date: r?.[0] ?? '0001-01-01' };
}

// ------------------------------------------------------------------ the store side

interface StoredIncident {
  id: string;
  review_status: string;
  edits: Partial<IncidentFields> | null;
  /** membership set by a reviewer (merge, split): its members stay together */
  pinned?: boolean | null;
}

export interface AssignResult {
  /** mentions re-clustered (the touched components) */
  mentions: number;
  /** incidents written */
  incidents: number;
}

/** Day strings of d-1, d, d+1. */
function around(day: string): string[] {
  const t = Date.parse(`${day}T00:00:00Z`);
  return [-1, 0, 1].map((k) => new Date(t + k * 86_400_000).toISOString().slice(0, 10));
}

/**
 * Finds the components of the seed mentions (and every member of incidents they touch): a
 * breadth-first walk whose neighbours are read from the database (the days around, the
 * month-level mentions of the month, every mention of a month a month-level one names) and
 * kept when ./cluster.ts links them.
 */
export async function findComponent(tx: Db, seeds: number[]): Promise<MentionRow[]> {
  const comp = new Map<number, MentionRow>();
  const expanded = new Set<string>();
  let frontier = await tx.query<MentionRow>(sql.mentionsByIds(seeds));
  for (const m of frontier) comp.set(m.id, m);
  while (frontier.length) {
    while (frontier.length) {
      const dated = frontier.filter((m) => m.date && m.date.length >= 7);
      const days = distinct(dated.flatMap((m) => (m.date?.length === 10 ? around(m.date) : [])));
      const monthsOfDays = distinct(dated.map((m) => (m.date?.length === 10 ? m.date.slice(0, 7) : null)));
      const months = distinct(dated.map((m) => (m.date?.length === 7 ? m.date : null)));
      if (!dated.length) break;
      const cands = await tx.query<MentionRow>(sql.mentionNeighbors(days, monthsOfDays, months));
      const index = new CandidateIndex(cands.filter((c) => !comp.has(c.id)));
      const next: MentionRow[] = [];
      for (const f of frontier)
        for (const c of index.near(f)) {
          if (comp.has(c.id)) continue;
          if (linked(f, c)) {
            comp.set(c.id, c);
            next.push(c);
          }
        }
      frontier = next;
    }
    // an incident is never split between a recomputed part and a kept part
    const touched = distinct([...comp.values()].map((m) => m.incident_id)).filter((id) => !expanded.has(id));
    if (!touched.length) break;
    for (const id of touched) expanded.add(id);
    const members = await tx.query<MentionRow>(sql.mentionsOfIncidents(touched));
    frontier = members.filter((m) => !comp.has(m.id));
    for (const m of frontier) comp.set(m.id, m);
  }
  return [...comp.values()];
}

function digest(row: object, members: number[]): string {
  return createHash('sha1')
    .update(JSON.stringify([row, members]), 'utf8')
    .digest('hex')
    .slice(0, 16);
}

/**
 * Re-clusters the components of the given mentions and writes their incidents. Must run in
 * a transaction holding the store's assignment lock.
 */
export async function reassign(
  tx: Db,
  seedMentionIds: number[],
  extraIncidents: string[] = [],
): Promise<AssignResult> {
  if (!seedMentionIds.length && !extraIncidents.length) return { mentions: 0, incidents: 0 };
  let seeds = seedMentionIds;
  if (extraIncidents.length) {
    const members = await tx.query<MentionRow>(sql.mentionsOfIncidents(extraIncidents));
    seeds = [...seeds, ...members.map((m) => m.id)];
  }
  const rows = seeds.length ? await findComponent(tx, seeds) : [];
  const oldIds = distinct([...rows.map((m) => m.incident_id), ...extraIncidents]);
  const old = oldIds.length ? await tx.query<StoredIncident>(sql.incidentsByIds(oldIds)) : [];

  // pinned incidents (a reviewer merged or split them) keep their members together, their id,
  // status and edits; the other mentions are clustered around them
  const pinned = old.filter((r) => r.pinned).sort((a, b) => cmp(a.id, b.id));
  const pinnedIds = new Set(pinned.map((r) => r.id));
  const fixed = pinned
    .map((r) => ({ r, members: rows.filter((m) => m.incident_id === r.id) }))
    .filter((x) => x.members.length);
  const formed = formIncidents(
    rows.filter((m) => !(m.incident_id && pinnedIds.has(m.incident_id))),
    fixed.map((x) => x.members),
  );
  const clusters = formed.map((c) => c.members);

  // reviewed incidents keep their id, status and edits: each goes to the new cluster that
  // holds most of its old mentions (ties: the earlier cluster)
  const ids: (string | null)[] = clusters.map((_, ci) => fixed[ci]?.r.id ?? null);
  const claimedBy: (StoredIncident | null)[] = clusters.map((_, ci) => fixed[ci]?.r ?? null);
  const orphans: string[] = pinned.filter((r) => !fixed.some((x) => x.r === r)).map((r) => r.id);
  const reviewed = old
    .filter((r) => !r.pinned && r.review_status !== 'unreviewed')
    .sort((a, b) => cmp(a.id, b.id));
  for (const r of reviewed) {
    let best = -1;
    let bestOverlap = 0;
    clusters.forEach((c, ci) => {
      if (ids[ci] != null) return;
      const overlap = c.filter((m) => m.incident_id === r.id).length;
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        best = ci;
      }
    });
    if (best >= 0) {
      ids[best] = r.id;
      claimedBy[best] = r;
    } else orphans.push(r.id);
  }
  const taken = new Set([...ids.filter((x): x is string => x != null), ...orphans]);
  const wanted = clusters.map((c, ci) => ids[ci] ?? incidentKey(firstMember(c)));
  const outside = new Set(
    (await tx.query<{ id: string }>(sql.existingIncidentIds(wanted.filter((k) => !oldIds.includes(k))))).map(
      (r) => r.id,
    ),
  );
  clusters.forEach((_, ci) => {
    if (ids[ci] != null) return;
    let key = wanted[ci];
    for (let n = 2; taken.has(key) || outside.has(key); n++) key = `${wanted[ci]}-${n}`;
    ids[ci] = key;
    taken.add(key);
  });

  const home = new Map<MentionRow, string>();
  clusters.forEach((c, ci) => {
    for (const m of c) home.set(m, ids[ci] as string);
  });
  const incidentRows = clusters.map((c, ci) => {
    const merged = mergeMentions(c);
    const coreference = coreferenceOf(formed[ci], home);
    const claim = claimedBy[ci];
    const locked = claim && (claim.review_status === 'confirmed' || claim.review_status === 'edited');
    const fields: MergedIncident = locked ? keptFields(merged, claim.edits ?? {}) : merged;
    const row = {
      id: ids[ci] as string,
      ...fields,
      ...dateColumns(fields.date),
      review_status: claim?.review_status ?? 'unreviewed',
      edits: claim?.edits ?? null,
      coreference,
    };
    return {
      ...row,
      digest: digest(
        row,
        c.map((m) => m.id).sort((a, b) => a - b),
      ),
    };
  });

  const keep = new Set([...incidentRows.map((r) => r.id), ...orphans]);
  const gone = oldIds.filter((id) => !keep.has(id));
  if (rows.length) await tx.query(sql.unlinkMentions(rows.map((m) => m.id)));
  if (gone.length) await tx.query(sql.deleteIncidents(gone));
  if (incidentRows.length) await tx.query(sql.upsertIncidents(incidentRows));
  const pairs = clusters.flatMap((c, ci) =>
    c.map((m) => ({ incident_id: ids[ci] as string, mention_id: m.id })),
  );
  if (pairs.length) await tx.query(sql.linkMentions(pairs));
  if (orphans.length) await tx.query(sql.orphanIncidents(orphans));
  return { mentions: rows.length, incidents: incidentRows.length };
}

/** Why an incident's mentions were joined, as stored (mention ids, km, days, the evidence). */
export interface StoredCoreference {
  joins: {
    mention_id: number;
    to_mention_id: number;
    km: number | null;
    days: number | null;
    evidence: Evidence[];
  }[];
  /** a coarse mention that may be one of these incidents (flagged for review) */
  may_be_one_of: string[];
  /** a reviewer set the membership (merge, split) */
  pinned: boolean;
}

function coreferenceOf(inc: Incident<MentionRow>, home: Map<MentionRow, string>): StoredCoreference {
  return {
    joins: inc.joins.map((j) => ({
      mention_id: Number(j.mention.id),
      to_mention_id: Number(j.to.id),
      km: j.km,
      days: j.days,
      evidence: j.evidence,
    })),
    may_be_one_of: inc.mayBeOneOf.map((m) => home.get(m)).filter((x): x is string => x != null),
    pinned: Boolean(inc.pinned),
  };
}

/**
 * The fields of an incident a reviewer locked: the edited ones over the merged ones. A target the
 * merge implies stays implied while the reviewer kept it; a target they set otherwise is theirs.
 */
export function keptFields(merged: MergedIncident, edits: Partial<IncidentFields>): MergedIncident {
  const fields = { ...merged, ...pickEditable(edits) };
  return { ...fields, implied: impliedKept(merged.implied, merged.target, fields.target) };
}

/** `implied` once the target is `now` (it was `was`): a changed target is no longer implied. */
export function impliedKept(
  implied: ImpliedFields | null | undefined,
  was: string | null,
  now: string | null,
): ImpliedFields | null {
  if (!implied?.target || now === was) return implied ?? null;
  const { target: _, ...rest } = implied;
  return Object.keys(rest).length ? rest : null;
}

export function pickEditable(o: Record<string, unknown>): Partial<IncidentFields> {
  const out: Record<string, unknown> = {};
  for (const k of EDITABLE_FIELDS) if (k in o) out[k] = o[k];
  return out as Partial<IncidentFields>;
}
