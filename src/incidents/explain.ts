/**
 * What the incident detail tells a reader about how the incident was formed: why its mentions
 * were joined (the stored coreference evidence, with the articles named) and, for each field
 * the sources disagree on, which source gives which value.
 */
import type { MentionRow, StoredCoreference } from './assign.js';
import type { CoreferenceView, Disagreement, IncidentSource } from './types.js';

/** The stored coreference of an incident with each mention's article named. */
export function coreferenceView(
  stored: StoredCoreference | null,
  mentions: Pick<MentionRow, 'id' | 'article_id'>[],
): CoreferenceView {
  const article = new Map(mentions.map((m) => [Number(m.id), m.article_id]));
  return {
    joins: (stored?.joins ?? []).map((j) => ({
      mention_id: j.mention_id,
      article_id: article.get(j.mention_id) ?? null,
      to_mention_id: j.to_mention_id,
      to_article_id: article.get(j.to_mention_id) ?? null,
      km: j.km,
      days: j.days,
      evidence: j.evidence,
    })),
    may_be_one_of: stored?.may_be_one_of ?? [],
    pinned: stored?.pinned ?? false,
  };
}

type Field = 'type' | 'actor' | 'weapon' | 'target' | 'munitions' | 'killed' | 'injured' | 'intercepted';
const FIELDS: ReadonlySet<string> = new Set<Field>([
  'type',
  'actor',
  'weapon',
  'target',
  'munitions',
  'killed',
  'injured',
  'intercepted',
]);

/**
 * For each conflicting field: its values (stated ones, in first-seen order) and the sources giving
 * each. A target a site implies is not one of them when a source states one (the merge ignores it).
 */
export function disagreements(
  conflicts: string[],
  mentions: (Pick<MentionRow, 'id' | 'article_id' | 'implied'> & Record<Field, unknown>)[],
  sources: Pick<IncidentSource, 'mention_id' | 'outlet'>[],
): Disagreement[] {
  const outlet = new Map(sources.map((s) => [s.mention_id, s.outlet]));
  const ordered = [...mentions].sort((a, b) => Number(a.id) - Number(b.id));
  const statesTarget = (m: (typeof mentions)[number]) => m.target != null && !m.implied?.target;
  const someStated = mentions.some(statesTarget);
  return conflicts
    .filter((f) => FIELDS.has(f))
    .map((field) => {
      const byValue = new Map<string, Disagreement['values'][number]>();
      for (const m of ordered) {
        const value = m[field as Field] as string | number | boolean | null;
        if (value == null) continue;
        if (field === 'target' && someStated && !statesTarget(m)) continue;
        const key = JSON.stringify(value);
        const entry = byValue.get(key) ?? { value, sources: [] };
        entry.sources.push({
          article_id: m.article_id,
          outlet: outlet.get(Number(m.id)) ?? null,
          mention_id: Number(m.id),
        });
        byValue.set(key, entry);
      }
      return { field, values: [...byValue.values()] };
    });
}
