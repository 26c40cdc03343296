/**
 * Cross-article incident linking for `rasd extract` and `rasd eval`: records of different
 * articles that report the same real-world incident get the same `incident` key. The
 * decisions are those of ./cluster.ts, the same the store makes (src/incidents/assign.ts), so
 * the same articles give the same partition here and in the store, and the same keys.
 */
import type { ArticleResult, EventRecord } from '../record/record.js';
import { type ClusterMention, clusterAll, firstMember, type Incident, incidentKey } from './cluster.js';

export { actorEvidence, corefer, weaponEvidence } from './cluster.js';

/** A record as clustering reads it. */
export type RecordMention = ClusterMention & { rec: EventRecord };

export function recordMention(articleId: string, idx: number, rec: EventRecord): RecordMention {
  return {
    ...rec,
    actor_umbrella: rec.actor_umbrella ?? null,
    part_of_day: rec.part_of_day ?? null,
    article_id: articleId,
    idx,
    rec,
  };
}

/** What clustering reads of a record, and nothing else (the record's text and spans are not kept). */
export function clusterMention(articleId: string, idx: number, rec: EventRecord): ClusterMention {
  return {
    article_id: articleId,
    idx,
    type: rec.type,
    date: rec.date,
    part_of_day: rec.part_of_day ?? null,
    place: rec.place,
    place_id: rec.place_id,
    lat: rec.lat,
    lon: rec.lon,
    geo_precision: rec.geo_precision,
    country: rec.country,
    admin1: rec.admin1,
    actor: rec.actor,
    actor_umbrella: rec.actor_umbrella ?? null,
    weapon: rec.weapon,
    munitions: rec.munitions,
    killed: rec.killed,
    injured: rec.injured,
    intercepted: rec.intercepted,
  };
}

/** The incidents of a set of article results (does not change them). */
export function incidentsOf(results: ArticleResult[]): Incident<RecordMention>[] {
  const items = results.flatMap((r) => r.events.map((rec, i) => recordMention(r.id, i, rec)));
  return clusterAll(items);
}

/** Sets `incident` on every record of the results (mutates and returns them). */
export function linkIncidents(results: ArticleResult[]): ArticleResult[] {
  for (const inc of incidentsOf(results)) {
    const key = incidentKey(firstMember(inc.members));
    for (const m of inc.members) m.rec.incident = key;
  }
  return results;
}
