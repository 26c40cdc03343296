/**
 * Review: a reviewer's decisions on incidents, in the store's database. Each runs in one
 * transaction under the ingest lock (so no ingest or reprocess re-clusters in between) and is
 * logged in review_log with what it changed:
 *
 * - review: confirm (the fields are kept as they are from now on), edit (the given fields are
 *   set and kept), reject (not an incident), reset (back to the sources);
 * - merge: one incident's mentions join another's, which is pinned;
 * - split: some mentions of an incident move to a new one; both are pinned.
 *
 * The functions take the database and answer whether the incident existed; the store reads
 * the incident back for its callers (src/store/store.ts), the API's routes are src/api/review.ts.
 */
import type { Db } from '../db/db.js';
import { checkId, dateRange, idProblem } from '../db/filter.js';
import { hasNul, InputError, onInput } from '../db/input-error.js';
import { sql } from '../db/sql.js';
import {
  compareMentions,
  dateColumns,
  EDITABLE_FIELDS,
  type IncidentFields,
  impliedKept,
  incidentKey,
  type MentionRow,
  mergeMentions,
  pickEditable,
  reassign,
} from '../incidents/assign.js';
import type { IncidentRow, ReviewStatus } from '../incidents/types.js';
import { COUNTRY_CODE, EVENT_TYPES, TARGETS, WEAPONS } from '../record/record.js';

export type ReviewAction = 'confirm' | 'edit' | 'reject' | 'reset';

export interface ReviewInput {
  who: string;
  action: ReviewAction;
  /** for 'edit': the fields to set (type, date, place, …, killed, injured, intercepted) */
  fields?: Partial<IncidentFields>;
}

export interface ReviewLogEntry {
  id: number;
  incident_id: string;
  who: string;
  at: string;
  action: string;
  before: unknown;
  after: unknown;
}

function checkWho(who: unknown): string {
  if (!who || typeof who !== 'string' || who.length > 200 || hasNul(who))
    throw new InputError('who', 'required (at most 200 characters, no NUL)');
  return who;
}

function fieldsOf(r: IncidentRow): IncidentFields {
  const out: Record<string, unknown> = {};
  for (const k of EDITABLE_FIELDS) out[k] = r[k];
  out.geo_precision = Number(r.geo_precision);
  return out as unknown as IncidentFields;
}

/** Longest free-text value a reviewer may set (a place, a province, an actor). */
const MAX_FIELD_CHARS = 200;
/** Largest count a reviewer may set (munitions, killed, injured: PostgreSQL's int). */
const MAX_COUNT = 2 ** 31 - 1;

/**
 * Checks reviewer-supplied fields against their domains; throws InputError naming the field
 * (`fields.country`). Codes and vocabularies are closed (country an ISO alpha-2 code, type an
 * event type, weapon and target from theirs), counts are whole numbers ≥ 0, dates calendar
 * dates, coordinates degrees; free text is at most 200 characters, with no NUL and no control
 * characters.
 */
export function checkEdit(fields: Record<string, unknown>): Partial<IncidentFields> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    const bad = (why: string) => new InputError(`fields.${k}`, why);
    if (!(EDITABLE_FIELDS as readonly string[]).includes(k))
      throw bad(`not an editable field (one of ${EDITABLE_FIELDS.join(', ')})`);
    const oneOf = (domain: readonly string[], nullable: boolean) => {
      if ((v === null && nullable) || domain.includes(v as string)) return;
      throw bad(`one of ${domain.join(', ')}${nullable ? ' or null' : ''}`);
    };
    switch (k) {
      case 'type':
        oneOf(EVENT_TYPES, false);
        break;
      case 'weapon':
        oneOf(WEAPONS, true);
        break;
      case 'target':
        oneOf(TARGETS, true);
        break;
      case 'country':
        if (typeof v !== 'string' || !COUNTRY_CODE.test(v))
          throw bad('an ISO 3166-1 alpha-2 code (IQ, SY, …)');
        break;
      case 'date':
        if (v !== null && (typeof v !== 'string' || !dateRange(v)))
          throw bad('a date YYYY, YYYY-MM or YYYY-MM-DD (years 0001 to 9999), or null');
        break;
      case 'lat':
      case 'lon': {
        const lim = k === 'lat' ? 90 : 180;
        if (v !== null && (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > lim))
          throw bad(`degrees from -${lim} to ${lim}, or null`);
        break;
      }
      case 'geo_precision':
        if (v !== 1 && v !== 2 && v !== 3) throw bad('1, 2 or 3');
        break;
      case 'munitions':
      case 'killed':
      case 'injured':
        if (v !== null && (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_COUNT))
          throw bad('a whole number ≥ 0, or null');
        break;
      case 'intercepted':
        if (v !== null && typeof v !== 'boolean') throw bad('true, false or null');
        break;
      default: {
        // place and place_id are required; admin1, actor and actor_umbrella may be null
        const required = k === 'place' || k === 'place_id';
        if (v === null && !required) break;
        if (typeof v !== 'string' || v.trim() === '' || v.length > MAX_FIELD_CHARS)
          throw bad(
            `a non-empty string of at most ${MAX_FIELD_CHARS} characters${required ? '' : ', or null'}`,
          );
        if (/[\u0000-\u001f\u007f]/.test(v)) throw bad('contains a control character');
      }
    }
    out[k] = v;
  }
  return out as Partial<IncidentFields>;
}

/**
 * The fields the review log keeps of an incident: its status, its editable fields and where
 * the fields the text does not state come from (`implied`, e.g. a target the site implies),
 * so that an entry tells a stated target from an implied one on both sides.
 */
function logged(r: IncidentRow) {
  return { review_status: r.review_status, ...fieldsOf(r), implied: r.implied ?? null };
}

/** What the review log keeps of an incident for a merge or a split: its fields, pin and membership. */
async function snapshot(tx: Db, r: IncidentRow) {
  const members = await tx.query<{ id: number }>(sql.mentionsOfIncidents([r.id]));
  return {
    ...logged(r),
    pinned: Boolean(r.pinned),
    mention_ids: members.map((m) => Number(m.id)).sort((a, b) => a - b),
  };
}

async function snapshotById(tx: Db, id: string) {
  const rows = await tx.query<IncidentRow>(sql.incidentsByIds([id]));
  return rows.length ? snapshot(tx, rows[0]) : null;
}

/**
 * A reviewer's decision. confirm: the current fields are kept as they are from now on;
 * edit: the given fields are set and kept; reject: marked as not an incident (its fields
 * still follow its sources); reset: back to unreviewed, fields recomputed from the sources.
 * Logged in review_log with the fields before and after. Returns the incident, or null
 * when there is none with that id.
 */
export async function review(db: Db, id: string, input: ReviewInput): Promise<boolean> {
  checkId('id', id);
  checkWho(input.who);
  if (!['confirm', 'edit', 'reject', 'reset'].includes(input.action))
    throw new InputError('action', 'one of confirm, edit, reject, reset');
  const edit = input.action === 'edit' ? checkEdit((input.fields ?? {}) as Record<string, unknown>) : {};
  if (input.action === 'edit' && !Object.keys(edit).length) throw new InputError('fields', 'nothing to edit');
  const found = await onInput('fields', () =>
    db.transaction(async (tx) => {
      await tx.query(sql.schemaLock('ingest'));
      const rows = await tx.query<IncidentRow>(sql.incidentsByIds([id]));
      if (!rows.length) return false;
      const cur = rows[0];
      const before = logged(cur);
      let status: ReviewStatus;
      let edits: Partial<IncidentFields> | null;
      if (input.action === 'reset') {
        // back to the sources: fields and membership (a merge or split is undone by clustering)
        await tx.query(sql.setPinned([id], false));
        await tx.query(
          sql.updateIncidentReview(
            id,
            { ...fieldsOf(cur), ...dateColumns(cur.date), implied: cur.implied ?? null },
            'unreviewed',
            null,
          ),
        );
        await reassign(tx, [], [id]);
        await tx.query(sql.setMentionsReviewed(id, false));
      } else {
        if (input.action === 'confirm') {
          status = 'confirmed';
          edits = fieldsOf(cur);
        } else if (input.action === 'edit') {
          status = 'edited';
          edits = { ...fieldsOf(cur), ...pickEditable(cur.edits ?? {}), ...edit };
        } else {
          status = 'rejected';
          edits = cur.edits;
        }
        const fields = { ...fieldsOf(cur), ...(status === 'rejected' ? {} : edits) };
        // a target the reviewer changes is theirs, no longer the one the site implies
        const implied = impliedKept(cur.implied, cur.target, fields.target);
        await tx.query(
          sql.updateIncidentReview(id, { ...fields, ...dateColumns(fields.date), implied }, status, edits),
        );
        await tx.query(sql.setMentionsReviewed(id, true));
      }
      const afterRows = await tx.query<IncidentRow>(sql.incidentsByIds([id]));
      const after = afterRows.length ? logged(afterRows[0]) : null;
      await tx.query(sql.insertReviewLog(id, input.who, input.action, before, after));
      return true;
    }),
  );
  return found;
}

export async function reviewLog(db: Db, id: string): Promise<ReviewLogEntry[]> {
  return onInput('id', () => db.query<ReviewLogEntry>(sql.reviewLog(checkId('id', id))));
}

/** The incident a merged-away incident went into, or null. */
export async function mergedInto(db: Db, id: string): Promise<string | null> {
  const rows = await onInput('id', () =>
    db.query<{ merged_into: string | null }>(sql.mergedInto(checkId('id', id))),
  );
  return rows[0]?.merged_into ?? null;
}

/**
 * Merges incident `other` into `id`: every mention of `other` joins `id`, `other` is deleted,
 * and `id` is pinned (its members are kept together by every later ingest and reprocess,
 * and other mentions may still join it). `id` keeps its review status and edited fields;
 * its other fields are merged again from all its sources. Logged on both incidents
 * (`merge` on `id`, `merged_into` on `other`). False when `id` does not exist.
 */
export async function merge(db: Db, id: string, other: string, who: string): Promise<boolean> {
  checkId('id', id);
  checkWho(who);
  if (idProblem(other)) throw new InputError('other', 'the id of the incident to merge in');
  if (other === id) throw new InputError('other', 'cannot merge an incident into itself');
  const found = await db.transaction(async (tx) => {
    await tx.query(sql.schemaLock('ingest'));
    const rows = await tx.query<IncidentRow>(sql.incidentsByIds([id, other]));
    const cur = rows.find((r) => r.id === id);
    const oth = rows.find((r) => r.id === other);
    if (!cur) return false;
    if (!oth) throw new InputError('other', `no incident ${JSON.stringify(other)}`);
    const before = await snapshot(tx, cur);
    const otherBefore = await snapshot(tx, oth);
    await tx.query(sql.moveMentions(other, id, null));
    await tx.query(sql.deleteIncidents([other]));
    await tx.query(sql.setPinned([id], true));
    await reassign(tx, [], [id]);
    await tx.query(sql.setMentionsReviewed(id, true));
    const after = await snapshotById(tx, id);
    await tx.query(sql.insertReviewLog(id, who, 'merge', { ...before, merged: otherBefore }, after));
    await tx.query(sql.insertReviewLog(other, who, 'merged_into', otherBefore, { merged_into: id }));
    return true;
  });
  return found;
}

/**
 * Splits incident `id`: the given mentions (ids from its sources' `mention_id`) move to a new
 * incident, the rest stay. Both are pinned, so reprocessing and new ingests keep them apart
 * (a re-extracted mention that no longer matches its old self is clustered afresh).
 * Logged on both (`split` and `split_from`). Returns the new incident's id, or null when
 * `id` does not exist.
 */
export async function split(db: Db, id: string, mentionIds: number[], who: string): Promise<string | null> {
  checkId('id', id);
  checkWho(who);
  if (
    !Array.isArray(mentionIds) ||
    !mentionIds.length ||
    mentionIds.length > 10_000 ||
    !mentionIds.every((m) => Number.isInteger(m) && m > 0 && m <= MAX_COUNT)
  )
    throw new InputError('mention_ids', 'a non-empty list of mention ids of this incident');
  const moving = [...new Set(mentionIds)];
  const created = await db.transaction(async (tx) => {
    await tx.query(sql.schemaLock('ingest'));
    const rows = await tx.query<IncidentRow>(sql.incidentsByIds([id]));
    if (!rows.length) return null;
    const members = await tx.query<MentionRow>(sql.mentionsOfIncidents([id]));
    const memberIds = new Set(members.map((m) => Number(m.id)));
    const stray = moving.filter((m) => !memberIds.has(m));
    if (stray.length)
      throw new InputError('mention_ids', `not mentions of this incident: ${stray.join(', ')}`);
    if (moving.length >= memberIds.size)
      throw new InputError('mention_ids', 'leave at least one mention in the incident');
    const before = await snapshot(tx, rows[0]);
    const moved = members.filter((m) => moving.includes(Number(m.id))).sort(compareMentions);
    const base = incidentKey(moved[0]);
    const taken = new Set(
      (
        await tx.query<{ id: string }>(
          sql.existingIncidentIds([base, ...Array.from({ length: 20 }, (_, n) => `${base}-${n + 2}`)]),
        )
      ).map((r) => r.id),
    );
    let newId = base;
    for (let n = 2; taken.has(newId); n++) newId = `${base}-${n}`;
    const merged = mergeMentions(moved);
    await tx.query(
      sql.upsertIncidents([
        {
          id: newId,
          ...merged,
          ...dateColumns(merged.date),
          review_status: 'unreviewed',
          edits: null,
          digest: null,
        },
      ]),
    );
    await tx.query(sql.moveMentions(id, newId, moving));
    await tx.query(sql.setPinned([id, newId], true));
    await reassign(tx, [], [id, newId]);
    await tx.query(sql.setMentionsReviewed(id, true));
    await tx.query(sql.setMentionsReviewed(newId, true));
    const after = await snapshotById(tx, id);
    const createdAfter = await snapshotById(tx, newId);
    await tx.query(sql.insertReviewLog(id, who, 'split', before, { ...after, split_off: newId }));
    await tx.query(sql.insertReviewLog(newId, who, 'split_from', { split_from: id }, createdAfter));
    return newId;
  });
  return created;
}
