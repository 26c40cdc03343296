/**
 * Reprocessing: extract every stored article again (after a lexicon or extractor change),
 * replace its mentions and re-cluster what changed.
 *
 * Per batch of articles, in one transaction: the old mentions are deleted and the new ones
 * inserted; a new mention that matches an old one of the same article (same evidence clause,
 * place and date) is first put back into the old one's incident, so that reviewed incidents
 * (confirmed, edited, rejected) keep their id, status and edited fields when the components
 * are re-clustered. A reviewed incident whose mentions all disappeared is kept, with no
 * sources.
 */
import type { Db } from '../db/db.js';
import { sql } from '../db/sql.js';
import { findComponent, type MentionRow, reassign } from '../incidents/assign.js';
import { extractorVersion, mentionRow, progressSink } from './ingest.js';
import { createWorkers, type Workers } from './pool.js';
import type { ProgressSink } from './progress.js';

export interface ReprocessOptions {
  workers?: number;
  pool?: Workers;
  batchSize?: number;
  progress?: boolean | ProgressSink;
  extractorVersion?: string;
}

export interface ReprocessReport {
  articles: number;
  failed: number;
  failures: { id: string; error: string }[];
  mentions_before: number;
  mentions_after: number;
  incidents_before: number;
  incidents_after: number;
  seconds: number;
}

const identity = (m: { article_id: string; evidence: string; place_id: string; date: string | null }) =>
  `${m.article_id}\u0000${m.evidence}\u0000${m.place_id}\u0000${m.date ?? ''}`;

interface Counts {
  articles: number;
  mentions: number;
  incidents: number;
}

export async function reprocess(db: Db, opts: ReprocessOptions = {}): Promise<ReprocessReport> {
  const t0 = Date.now();
  const batchSize = Math.max(1, opts.batchSize ?? 200);
  const version = opts.extractorVersion ?? extractorVersion();
  const before = (await db.query<Counts>(sql.counts()))[0];
  const report: ReprocessReport = {
    articles: 0,
    failed: 0,
    failures: [],
    mentions_before: before.mentions,
    mentions_after: 0,
    incidents_before: before.incidents,
    incidents_after: 0,
    seconds: 0,
  };
  const workers = opts.pool ?? (await createWorkers(opts.workers ?? 0));
  const progress = progressSink(opts.progress, before.articles, 'reprocess');
  try {
    let after: string | null = null;
    for (;;) {
      const page: { id: string; published: string | null; text: string; url: string | null }[] =
        await db.query(sql.articlesPage(after, batchSize));
      if (!page.length) break;
      after = page[page.length - 1].id;
      const results = await workers.extract(page);
      await db.transaction(async (tx) => {
        await tx.query(sql.schemaLock('ingest'));
        const ok = results.filter((r) => r.error === undefined);
        for (const r of results)
          if (r.error !== undefined) {
            report.failed++;
            report.failures.push({ id: r.id, error: r.error });
          }
        const okIds = ok.map((r) => r.id);
        const old = await tx.query<MentionRow>(sql.mentionsOfArticles(okIds));
        const oldIncident = new Map<string, { incident: string | null; reviewed: boolean }>();
        for (const m of old)
          oldIncident.set(identity(m), { incident: m.incident_id, reviewed: Boolean(m.reviewed) });
        const oldIncidents = [
          ...new Set(old.map((m) => m.incident_id).filter((x): x is string => x != null)),
        ];
        // the components the old mentions belonged to are re-clustered whole
        const deleted = new Set(old.map((m) => m.id));
        const around = old.length ? await findComponent(tx, [...deleted]) : [];
        const keepSeeds = around.filter((m) => !deleted.has(m.id)).map((m) => m.id);
        if (old.length) await tx.query(sql.deleteMentions([...deleted]));
        const rows = ok.flatMap((r) =>
          (r.events ?? []).map((e, i) => {
            const prev = oldIncident.get(identity({ ...e, article_id: r.id }));
            return { row: mentionRow(r.id, i, e, prev?.reviewed ?? false), prev: prev?.incident ?? null };
          }),
        );
        let ids: number[] = [];
        if (rows.length) {
          const inserted = await tx.query<{ id: number; article_id: string; idx: number }>(
            sql.insertMentions(rows.map((r) => r.row)),
          );
          const byKey = new Map(inserted.map((m) => [`${m.article_id}\u0000${m.idx}`, Number(m.id)]));
          ids = inserted.map((m) => Number(m.id));
          const relink = rows
            .filter((r) => r.prev != null)
            .map((r) => ({
              incident_id: r.prev as string,
              mention_id: byKey.get(`${r.row.article_id}\u0000${r.row.idx}`) as number,
            }));
          if (relink.length) await tx.query(sql.linkMentions(relink));
        }
        await reassign(tx, [...ids, ...keepSeeds], oldIncidents);
        if (okIds.length) await tx.query(sql.setExtractorVersion(okIds, version));
      });
      report.articles += page.length;
      progress?.tick(page.length);
    }
  } finally {
    if (!opts.pool) await workers.close();
    progress?.done();
  }
  const end = (await db.query<Counts>(sql.counts()))[0];
  report.mentions_after = end.mentions;
  report.incidents_after = end.incidents;
  report.seconds = (Date.now() - t0) / 1000;
  return report;
}
