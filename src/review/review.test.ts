/** Merge and split: reviewer-set membership, logged, kept through ingest and reprocess. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { IncidentView } from '../incidents/types.js';
import type { Store } from '../store/store.js';
import { closeTestStore, openTestStore, testArticles, testEngines, truncateAll } from '../store/testing.js';

const articles = testArticles();

/** Incident ids with the article ids of their sources (membership, comparable across runs). */
async function membership(store: Store): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for await (const i of store.allIncidents({})) out.set(i.id, i.sources.map((s) => s.article_id).sort());
  return out;
}

async function byPlace(store: Store, place: string): Promise<IncidentView> {
  for await (const i of store.allIncidents({})) if (i.place === place) return i;
  throw new Error(`no incident at ${place}`);
}

for (const engine of testEngines()) {
  describe(`merge and split (${engine})`, () => {
    let store: Store;
    before(async () => {
      store = await openTestStore(engine);
    });
    after(async () => {
      await closeTestStore(store);
    });
    beforeEach(async () => {
      await truncateAll(store);
      await store.ingest(articles, { workers: 0 });
    });

    it('merges two incidents, logs both, and the merge survives reprocess and new ingests', async () => {
      const harir = await byPlace(store, 'Harir Air Base');
      const erbil = await byPlace(store, 'Erbil International Airport');
      const merged = await store.merge(harir.id, erbil.id, 'rana');
      assert.ok(merged);
      assert.equal(merged.id, harir.id);
      assert.equal(merged.pinned, true);
      assert.deepEqual(merged.sources.map((s) => s.article_id).sort(), ['erbil-alpha', 'harir-beta']);
      assert.equal(merged.source_count, 2);
      assert.equal(await store.getIncident(erbil.id), null);
      assert.equal(await store.mergedInto(erbil.id), harir.id);

      const log = await store.reviewLog(harir.id);
      assert.equal(log.length, 1);
      assert.equal(log[0].action, 'merge');
      assert.equal(log[0].who, 'rana');
      const b = log[0].before as { mention_ids: number[]; merged: { mention_ids: number[] } };
      const a = log[0].after as { mention_ids: number[] };
      assert.deepEqual([...b.mention_ids, ...b.merged.mention_ids].sort(), [...a.mention_ids].sort());
      // both snapshots say where the unstated fields come from (neither site implies a target here)
      const implied = (x: unknown) => (x as { implied?: unknown }).implied;
      assert.deepEqual([implied(b), implied(b.merged), implied(a)], [null, null, null]);
      const otherLog = await store.reviewLog(erbil.id);
      assert.equal(otherLog[0].action, 'merged_into');
      assert.deepEqual(otherLog[0].after, { merged_into: harir.id });

      const want = await membership(store);
      await store.reprocess({ batchSize: 3 });
      assert.deepEqual(await membership(store), want);
      // the same articles again change nothing; a new source of one of them joins
      await store.ingest(articles, { workers: 0 });
      assert.deepEqual(await membership(store), want);
      await store.ingest([
        {
          id: 'harir-new',
          published: '2024-01-20',
          outlet: 'zeta',
          url: 'https://zeta.example/harir',
          text: 'سقطت صواريخ على قاعدة حرير الجوية في محافظة أربيل اليوم السبت من دون أن تسفر عن إصابات.',
        },
      ]);
      const later = await store.getIncident(harir.id);
      assert.ok(later?.sources.some((s) => s.article_id === 'harir-new'));
      assert.ok(later?.sources.some((s) => s.article_id === 'erbil-alpha'));
    });

    it('merge refuses itself, a missing other, and answers null for a missing incident', async () => {
      const harir = await byPlace(store, 'Harir Air Base');
      await assert.rejects(store.merge(harir.id, harir.id, 'rana'), /itself/);
      await assert.rejects(store.merge(harir.id, 'nope', 'rana'), /no incident/);
      await assert.rejects(store.merge(harir.id, 'nope', ''), /who/);
      assert.equal(await store.merge('nope', harir.id, 'rana'), null);
    });

    it('splits chosen mentions into a new incident; both survive reprocess; reset undoes it', async () => {
      const ain = (await store.listIncidents({ q: 'عين الاسد', from: '2024-01-15', to: '2024-01-15' }))
        .items[0];
      assert.equal(ain.sources.length, 3);
      const beta = ain.sources.find((s) => s.article_id === 'ain-beta');
      assert.ok(beta);
      await assert.rejects(store.split(ain.id, [], 'sami'), /mention_ids/);
      await assert.rejects(store.split(ain.id, [999999], 'sami'), /not mentions of this incident/);
      await assert.rejects(
        store.split(
          ain.id,
          ain.sources.map((s) => s.mention_id),
          'sami',
        ),
        /at least one/,
      );
      const r = await store.split(ain.id, [beta.mention_id], 'sami');
      assert.ok(r);
      assert.equal(r.incident.id, ain.id);
      assert.deepEqual(
        r.created.sources.map((s) => s.article_id),
        ['ain-beta'],
      );
      assert.deepEqual(r.incident.sources.map((s) => s.article_id).sort(), ['ain-alpha', 'ain-gamma-copy']);
      assert.equal(r.incident.source_count, 1);
      assert.ok(r.created.pinned && r.incident.pinned);
      assert.equal((await store.reviewLog(ain.id)).at(-1)?.action, 'split');
      assert.deepEqual((await store.reviewLog(r.created.id))[0].before, { split_from: ain.id });

      const want = await membership(store);
      await store.reprocess({ batchSize: 2 });
      assert.deepEqual(await membership(store), want);
      await store.ingest(articles, { workers: 0 });
      assert.deepEqual(await membership(store), want);

      // reset both: clustering puts them together again
      await store.review(r.created.id, { who: 'sami', action: 'reset' });
      await store.review(ain.id, { who: 'sami', action: 'reset' });
      const again = (await store.listIncidents({ q: 'عين الاسد', from: '2024-01-15', to: '2024-01-15' }))
        .items[0];
      assert.deepEqual(again.sources.map((s) => s.article_id).sort(), [
        'ain-alpha',
        'ain-beta',
        'ain-gamma-copy',
      ]);
      assert.equal(again.pinned, false);
    });

    it('an edited incident keeps its edits through a merge and reprocess', async () => {
      const tanf = await byPlace(store, 'Al-Tanf garrison');
      const victory = await byPlace(store, 'Camp Victory (Victoria Base)');
      await store.review(tanf.id, { who: 'rana', action: 'edit', fields: { killed: 4 } });
      const merged = await store.merge(tanf.id, victory.id, 'rana');
      assert.equal(merged?.killed, 4);
      assert.equal(merged?.review_status, 'edited');
      await store.reprocess({ batchSize: 5 });
      const after = await store.getIncident(tanf.id);
      assert.equal(after?.killed, 4);
      assert.equal(after?.review_status, 'edited');
      assert.equal(after?.sources.length, 3);
    });
  });
}
