/**
 * Cross-article incident linking: records of different articles that report the
 * same real-world incident get the same `incident` key.
 *
 * Two records are the same incident when their places are within a radius that
 * fits the less precise of the two, their dates are the same day (or, at month
 * precision, the same place and month), their weapons and types are compatible and
 * their actors do not contradict each other. Linking is transitive (union–find) and
 * deterministic: the key depends only on the records, not on their order.
 */
import type { ArticleResult, EventRecord } from '../events/record.js';
import { readDataFile } from '../lexicon/lexicon.js';
import { distanceKm } from '../places/places.js';

const RADIUS_KM: Record<1 | 2 | 3, number> = { 1: 15, 2: 40, 3: 150 };

/** weapon → family (data/lexicon/linking.json) */
const WEAPON_FAMILY: Record<string, string> = readDataFile<{ weapon_families: Record<string, string> }>(
  'lexicon/linking.json',
).weapon_families;

/** The fields the compatibility checks read, so stored mentions can use them too. */
type Weaponed = { weapon: string | null };
type Acting = { actor: string | null; actor_umbrella?: string | null };

/** Weapons of one family (rockets and missiles; drones and aircraft) may report one incident. */
export function weaponsCompatible(a: Weaponed, b: Weaponed): boolean {
  if (!a.weapon || !b.weapon) return true;
  return (WEAPON_FAMILY[a.weapon] ?? a.weapon) === (WEAPON_FAMILY[b.weapon] ?? b.weapon);
}

/** Actors do not contradict: one is unknown, they are the same, or one is the other's umbrella. */
export function actorsCompatible(a: Acting, b: Acting): boolean {
  if (!a.actor || !b.actor) return true;
  if (a.actor === b.actor) return true;
  return (
    a.actor_umbrella === b.actor ||
    b.actor_umbrella === a.actor ||
    (a.actor_umbrella != null && a.actor_umbrella === b.actor_umbrella)
  );
}

function datesCompatible(a: EventRecord, b: EventRecord): boolean {
  if (!a.date || !b.date) return false;
  if (a.date.length === 10 && b.date.length === 10) return a.date === b.date;
  // a month- or year-level date only links to the very same site in that period
  return (a.date.startsWith(b.date) || b.date.startsWith(a.date)) && a.place_id === b.place_id;
}

export function sameIncident(a: EventRecord, b: EventRecord): boolean {
  if (a.lat == null || a.lon == null || b.lat == null || b.lon == null) return false;
  const radius = RADIUS_KM[Math.max(a.geo_precision, b.geo_precision) as 1 | 2 | 3];
  if (distanceKm({ lat: a.lat, lon: a.lon }, { lat: b.lat, lon: b.lon }) > radius) return false;
  if (a.country !== b.country) return false;
  return datesCompatible(a, b) && weaponsCompatible(a, b) && actorsCompatible(a, b);
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

/** Sets `incident` on every record of the results (mutates and returns them). */
export function linkIncidents(results: ArticleResult[]): ArticleResult[] {
  const items: { rec: EventRecord; doc: string; key: string }[] = [];
  for (const r of results)
    r.events.forEach((rec, i) => {
      items.push({ rec, doc: r.id, key: `${r.id}#${i}` });
    });
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  // bucket by month to keep the pairwise comparison small
  const byMonth = new Map<string, number[]>();
  items.forEach((it, i) => {
    const m = it.rec.date?.slice(0, 7) ?? 'none';
    const list = byMonth.get(m) ?? [];
    list.push(i);
    byMonth.set(m, list);
  });
  for (const list of byMonth.values()) {
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const a = items[list[x]];
        const b = items[list[y]];
        if (a.doc === b.doc) continue;
        if (sameIncident(a.rec, b.rec)) {
          const ra = find(list[x]);
          const rb = find(list[y]);
          if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
      }
  }
  // the key of a cluster: its earliest date, most precise place, and a short hash of its members
  const clusters = new Map<number, number[]>();
  items.forEach((_, i) => {
    const r = find(i);
    const list = clusters.get(r) ?? [];
    list.push(i);
    clusters.set(r, list);
  });
  for (const members of clusters.values()) {
    const recs = members.map((i) => items[i]);
    const best = [...recs].sort(
      (a, b) =>
        a.rec.geo_precision - b.rec.geo_precision || (b.rec.date?.length ?? 0) - (a.rec.date?.length ?? 0),
    )[0];
    const memberKeys = recs.map((r) => r.key).sort();
    let h = 0x811c9dc5;
    for (const ch of memberKeys.join('|')) h = Math.imul(h ^ (ch.codePointAt(0) as number), 0x01000193) >>> 0;
    const key = `${best.rec.date ?? 'undated'}-${slug(best.rec.place)}-${h.toString(16).padStart(8, '0').slice(0, 6)}`;
    for (const r of recs) r.rec.incident = key;
  }
  return results;
}
