import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from '../db/sql.js';
import type { IncidentView } from '../incidents/types.js';
import type { Article } from '../io/types.js';
import { Store } from '../store/store.js';
import { closeTestStore, openTestStore, testArticles, testEngines, truncateAll } from '../store/testing.js';
import { fingerprint } from './fingerprint.js';
import { createWorkers, type Workers } from './pool.js';

/** What must not depend on ingest order: the incidents, their members and merged fields. */
async function snapshot(store: Store) {
  const { items } = await store.listIncidents({ limit: 500, sort: 'date' });
  return items
    .map((i) => {
      const { updated_at: _u, sources, ...rest } = i;
      return {
        ...rest,
        members: sources.map((s) => `${s.article_id}:${s.evidence}`).sort(),
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

const byId = (arts: Article[], id: string) => arts.find((a) => a.id === id) as Article;

/** A pool that counts the articles it is asked to fingerprint and to extract, then does it. */
function counting(base: Workers): { pool: Workers; n: { hashed: number; extracted: number } } {
  const n = { hashed: 0, extracted: 0 };
  const pool: Workers = {
    ...base,
    fingerprint: (items) => {
      n.hashed += items.length;
      return base.fingerprint(items);
    },
    extract: (items) => {
      n.extracted += items.length;
      return base.extract(items);
    },
  };
  return { pool, n };
}

for (const engine of testEngines()) {
  describe(`ingest on ${engine}`, () => {
    let store: Store;
    const articles = testArticles();

    before(async () => {
      store = await openTestStore(engine);
    });
    after(async () => {
      if (store) await closeTestStore(store);
    });
    beforeEach(async () => {
      await truncateAll(store);
    });

    it('ingesting the same articles twice adds nothing the second time', async () => {
      const first = await store.ingest(articles);
      assert.equal(first.added, articles.length);
      assert.equal(first.skipped_duplicate, 0);
      const counts = await store.counts();
      const snap = await snapshot(store);
      const second = await store.ingest(articles);
      assert.equal(second.added, 0);
      assert.equal(second.skipped_duplicate, articles.length);
      assert.equal(second.mentions, 0);
      assert.deepEqual(await store.counts(), counts);
      assert.deepEqual(await snapshot(store), snap);
    });

    it('a re-run skips stored URLs without any text work; a stream is ingested as an array is', async () => {
      const withUrl = articles.map((a, i) => ({ ...a, url: a.url ?? `https://example.org/a/${i}` }));
      async function* stream() {
        for (const a of withUrl) yield a;
      }
      const first = await store.ingest(stream(), { batchSize: 3 });
      assert.equal(first.input, withUrl.length);
      assert.equal(first.added, withUrl.length);
      const snap = await snapshot(store);
      const { pool, n } = counting(await createWorkers(0));
      const again = await store.ingest(withUrl, { pool, batchSize: 3 });
      assert.deepEqual(
        [again.added, again.skipped_duplicate, n.hashed, n.extracted],
        [0, withUrl.length, 0, 0],
      );
      assert.deepEqual(await snapshot(store), snap);
    });

    it('a re-run of stored articles starts no extraction worker, even for those found by content hash', async () => {
      // the first has no URL, the second a URL stored under none (its text was stored by the first
      // article): both are found by content hash, the rest by URL
      const [a, b, ...rest] = articles;
      const input = [
        { ...a, url: null },
        { ...a, id: 'a-copy', url: 'https://example.org/copy-of-a' },
        { ...b, url: 'https://example.org/b' },
        ...rest.map((r, i) => ({ ...r, url: `https://example.org/r/${i}` })),
      ];
      const first = await store.ingest(input, { batchSize: 4 });
      assert.deepEqual([first.added, first.skipped_duplicate], [input.length - 1, 1]);
      const snap = await snapshot(store);
      const { pool: counted, n } = counting({ ...(await createWorkers(0)), threads: 1, started: false });
      const again = await store.ingest(input, { pool: counted, batchSize: 4 });
      assert.deepEqual(
        [again.added, again.skipped_duplicate, n.hashed, n.extracted],
        [0, input.length, 0, 0],
      );
      // a pool of threads: none started by the re-run; the first article to extract starts them
      const threads = await createWorkers(1);
      try {
        const third = await store.ingest(input, { pool: threads, batchSize: 4 });
        assert.deepEqual([third.added, third.skipped_duplicate, threads.started], [0, input.length, false]);
        assert.deepEqual(await snapshot(store), snap);
        const c = { ...a, id: 'a-changed', url: null, text: `${a.text} ${b.text}` };
        const fourth = await store.ingest([...input, c], { pool: threads, batchSize: 4 });
        assert.deepEqual([fourth.added, fourth.skipped_duplicate, threads.started], [1, input.length, true]);
      } finally {
        await threads.close();
      }
    });

    it('an article skipped by its URL still counts as seen content for the rest of the run', async () => {
      const [a, b, c] = articles;
      const aUrl = { ...a, url: 'https://example.org/first' };
      for (const batchSize of [1, 2, 10]) {
        await truncateAll(store);
        await store.ingest([aUrl]);
        // b's text at a's (stored) URL: skipped by URL, unhashed; c: new; b's text at a new URL:
        // it repeats the first article of the run, so it is a duplicate too
        const r = await store.ingest(
          [
            { ...b, id: 'b-at-a-url', url: aUrl.url },
            { ...c, id: 'c-new', url: 'https://example.org/c' },
            { ...b, id: 'b-new-url', url: 'https://example.org/b' },
          ],
          { batchSize },
        );
        assert.deepEqual([r.added, r.skipped_duplicate], [1, 2], `batch size ${batchSize}`);
      }
    });

    it('an article at a known URL, or with the same text under another id, is a duplicate', async () => {
      const a = byId(articles, 'harir-beta');
      await store.ingest([a]);
      const r = await store.ingest([
        { ...a, id: 'harir-again', text: `${a.text} (تحديث)` },
        {
          ...a,
          id: 'harir-same-text',
          url: 'https://other.example/x',
          text: `  ${a.text.replace(/ /g, '  ')}`,
        },
        { ...a, id: 'harir-fragment', url: `${a.url}#comments`, text: `${a.text}!` },
      ]);
      assert.equal(r.added, 0);
      assert.equal(r.skipped_duplicate, 3);
      assert.equal((await store.counts()).articles, 1);
    });

    it('the same id with a different text keeps both', async () => {
      const a = byId(articles, 'harir-beta');
      const b = byId(articles, 'erbil-alpha');
      await store.ingest([a]);
      const r = await store.ingest([{ ...b, id: a.id }]);
      assert.equal(r.added, 1);
      assert.equal(r.renamed, 1);
      assert.equal((await store.counts()).articles, 2);
    });

    it('a syndicated copy is flagged, linked to its original, and not counted as a source', async () => {
      const r = await store.ingest(articles);
      assert.equal(r.near_duplicates, 1);
      const copy = await store.getArticle('ain-gamma-copy');
      assert.equal(copy?.duplicate_of, 'ain-alpha');
      const incident = await store.getIncident(copy?.mentions[0].incident_id as string);
      assert.ok(incident);
      assert.deepEqual(incident.sources.map((s) => s.article_id).sort(), [
        'ain-alpha',
        'ain-beta',
        'ain-gamma-copy',
      ]);
      assert.equal(incident.source_count, 2);
      assert.equal(
        incident.sources.find((s) => s.article_id === 'ain-gamma-copy')?.duplicate_of,
        'ain-alpha',
      );
    });

    it('two outlets reporting one incident make one incident with two sources, merged conservatively', async () => {
      await store.ingest([byId(articles, 'ain-alpha'), byId(articles, 'ain-beta')]);
      const { items } = await store.listIncidents({});
      assert.equal(items.length, 1);
      const [ain] = items;
      assert.equal(ain.source_count, 2);
      assert.equal(ain.actor, "Kata'ib Hezbollah", 'the named actor');
      assert.equal(ain.actor_umbrella, 'Islamic Resistance in Iraq');
      // beta states the target; alpha names only the base, whose hosted forces are only a default
      assert.equal(ain.target, 'us_forces');
      assert.equal(ain.implied, null, 'a target a source states is not implied');
      assert.equal(ain.munitions, 3, 'the lowest stated figure (3 vs 4)');
      assert.equal(ain.injured, 2, 'the lowest stated figure (2 vs 3)');
      assert.deepEqual(ain.conflicts, ['injured', 'munitions']);
      assert.equal(ain.place_id, 'base:ain-al-asad');
    });

    it('the stated target wins whichever outlet comes first', async () => {
      await store.ingest([byId(articles, 'ain-beta')]);
      await store.ingest([byId(articles, 'ain-alpha')]);
      const { items } = await store.listIncidents({});
      assert.deepEqual(
        items.map((i) => [i.source_count, i.target, i.implied, i.conflicts]),
        [[2, 'us_forces', null, ['injured', 'munitions']]],
      );
    });

    it('a report that names no target gets the forces its site hosts, marked implied', async () => {
      await store.ingest([byId(articles, 'ain-alpha')]);
      const { items } = await store.listIncidents({});
      assert.deepEqual(
        items.map((i) => [i.target, i.implied]),
        [['coalition', { target: { rule: 'site-hosts', place_id: 'base:ain-al-asad' } }]],
      );
    });

    it('a month-level report joins the day-level report of the same site', async () => {
      await store.ingest([byId(articles, 'asad-month-delta'), byId(articles, 'asad-march-beta')]);
      const { items } = await store.listIncidents({});
      assert.equal(items.length, 1);
      assert.equal(items[0].date, '2024-03-12', 'the most precise date');
      assert.equal(items[0].source_count, 2);
    });

    it('another ingest order gives the same incidents with the same keys (two schemas)', async () => {
      await store.ingest(articles);
      const want = await snapshot(store);
      assert.equal(want.length, 9);
      const other = await openTestStore(engine);
      try {
        const reversed = [...articles].reverse();
        // one article per transaction: the most incremental path
        await other.ingest(reversed, { batchSize: 1 });
        assert.deepEqual(await snapshot(other), want);
        await truncateAll(other);
        const shuffled = [7, 3, 11, 0, 13, 5, 9, 1, 12, 2, 6, 10, 4, 8].map((i) => articles[i]);
        await other.ingest(shuffled.slice(0, 5), { batchSize: 2 });
        await other.ingest(shuffled.slice(5), { batchSize: 4 });
        assert.deepEqual(await snapshot(other), want);
      } finally {
        await closeTestStore(other);
      }
    });

    it('a crashed run resumes: rerunning stores only what is missing', async () => {
      const all = await store.ingest(articles);
      const want = await snapshot(store);
      await truncateAll(store);
      // the batches of a first run that died half-way are committed; the rest is not
      await store.ingest(articles.slice(0, 6), { batchSize: 3 });
      const rerun = await store.ingest(articles, { batchSize: 3 });
      assert.equal(rerun.skipped_duplicate, 6);
      assert.equal(rerun.added, all.added - 6);
      assert.deepEqual(await snapshot(store), want);
    });

    it('reprocess rebuilds the same incidents and keeps a reviewed incident’s edit', async () => {
      await store.ingest(articles);
      const before = await snapshot(store);
      const tuz = (await store.listIncidents({ q: 'طوزخورماتو' })).items[0] as IncidentView;
      const edited = await store.review(tuz.id, { who: 'reviewer', action: 'edit', fields: { killed: 3 } });
      assert.equal(edited?.killed, 3);
      const r = await store.reprocess({ batchSize: 4 });
      assert.equal(r.articles, articles.length);
      assert.equal(r.mentions_after, r.mentions_before);
      const after = await store.getIncident(tuz.id);
      assert.ok(after, 'the reviewed incident keeps its id');
      assert.equal(after.review_status, 'edited');
      assert.equal(after.killed, 3);
      assert.equal(after.source_count, 2);
      const rest = (await snapshot(store)).filter((i) => i.id !== tuz.id);
      assert.deepEqual(
        rest,
        before.filter((i) => i.id !== tuz.id),
      );
      // a new source for the reviewed incident does not undo the edit
      await store.ingest([
        {
          id: 'tuz-epsilon',
          published: '2024-02-25',
          outlet: 'epsilon',
          url: 'https://epsilon.example/tuz',
          text: 'أدى انفجار عبوة ناسفة استهدفت حافلة في طوزخورماتو صباح اليوم الأحد إلى مقتل مدني واحد.',
        },
      ]);
      const later = await store.getIncident(tuz.id);
      assert.equal(later?.killed, 3);
      assert.equal(later?.source_count, 3);
    });

    it('extraction in worker threads gives the same result as in-process', async () => {
      await store.ingest(articles, { workers: 0 });
      const want = await snapshot(store);
      await truncateAll(store);
      const r = await store.ingest(articles, { workers: 2, batchSize: 5 });
      assert.equal(r.failed, 0);
      assert.deepEqual(await snapshot(store), want);
    });

    it('stores only http(s) URLs: javascript:, file: and data: are dropped (counted), the article kept', async () => {
      const a = byId(articles, 'harir-beta');
      const bad = ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<script>alert(1)</script>'];
      const r = await store.ingest([
        ...bad.map((url, i) => ({ ...a, id: `bad-url-${i}`, text: `${a.text} ${'؟'.repeat(i + 1)}`, url })),
        { ...a, id: 'good-url', text: `${a.text} !`, url: 'https://ok.example/harir' },
      ]);
      assert.equal(r.added, 4);
      assert.equal(r.urls_dropped, 3);
      for (let i = 0; i < bad.length; i++) assert.equal((await store.getArticle(`bad-url-${i}`))?.url, null);
      assert.equal((await store.getArticle('good-url'))?.url, 'https://ok.example/harir');
      const urls = (await store.listIncidents({ limit: 500 })).items.flatMap((i) =>
        i.sources.map((s) => s.url),
      );
      assert.ok(urls.includes('https://ok.example/harir'));
      assert.ok(
        urls.every((u) => u === null || /^https?:/.test(u)),
        JSON.stringify(urls),
      );
    });

    it('stores text with NUL characters without moving evidence offsets', async () => {
      const a = byId(articles, 'harir-beta');
      await store.ingest([{ ...a, text: `\u0000${a.text}` }]);
      const got = await store.getArticle(a.id);
      assert.ok(got);
      assert.equal(got.text.length, a.text.length + 1);
      const m = got.mentions[0];
      assert.equal(got.text.slice(m.spans.evidence[0], m.spans.evidence[1]), m.evidence);
    });
  });
}

describe(
  'ingest beside a concurrent writer (PostgreSQL)',
  {
    skip: process.env.DATABASE_URL ? false : 'DATABASE_URL is not set',
  },
  () => {
    let store: Store;
    let other: Store;
    const articles = testArticles();
    before(async () => {
      store = await openTestStore('pg');
      other = await Store.open({ url: process.env.DATABASE_URL, schema: store.db.schema });
    });
    after(async () => {
      await other?.close();
      if (store) await closeTestStore(store);
    });
    beforeEach(async () => {
      await truncateAll(store);
    });

    it('article text is stored lz4-compressed where the server has lz4', async (t) => {
      const [{ lz4 }] = await store.db.query<{ lz4: boolean }>({
        text: "SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'",
      });
      if (!lz4) return t.skip('this server has no lz4');
      const a = byId(articles, 'harir-beta');
      await store.ingest([{ ...a, id: 'long-text', url: null, text: `${a.text}\n`.repeat(40) }]);
      const [{ c }] = await store.db.query<{ c: string }>({
        text: "SELECT pg_column_compression(text) AS c FROM articles WHERE id = 'long-text'",
      });
      assert.equal(c, 'lz4');
    });

    it('an insert that meets uncommitted rows waits, then is decided again: a duplicate skipped, a taken id renamed', async () => {
      const a = byId(articles, 'harir-beta');
      const b = byId(articles, 'erbil-alpha');
      const row = (id: string, text: string) => ({
        id,
        url: null,
        url_key: null,
        outlet: null,
        title: null,
        published: a.published,
        text,
        content_hash: fingerprint(text).contentHash,
        simhash: null,
        band0: null,
        band1: null,
        band2: null,
        band3: null,
        duplicate_of: null,
        extractor_version: 'test',
      });
      let commit: () => void = () => {};
      let held: (pid: number) => void = () => {};
      const holder = new Promise<number>((r) => {
        held = r;
      });
      // another transaction has inserted a's text under another id, and b's id with another text
      const writer = other.db.transaction(async (tx) => {
        await tx.query(sql.insertArticles([row('held-a', a.text), row(b.id, `${a.text} (نسخة أخرى)`)]));
        held((await tx.query<{ pid: number }>({ text: 'SELECT pg_backend_pid() AS pid' }))[0].pid);
        await new Promise<void>((r) => {
          commit = r;
        });
      });
      const pid = await holder;
      const ingesting = store.ingest([
        { ...a, url: null },
        { ...b, url: null },
      ]);
      // the ingest's insert waits for the other transaction
      for (let waited = 0; ; waited += 20) {
        const [{ n }] = await other.db.query<{ n: number }>({
          text: 'SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))',
          values: [pid],
        });
        if (n > 0) break;
        if (waited > 30_000) throw new Error('the ingest never waited for the other transaction');
        await new Promise((r) => setTimeout(r, 20));
      }
      commit();
      await writer;
      const r = await ingesting;
      assert.deepEqual(
        { added: r.added, skipped: r.skipped_duplicate, renamed: r.renamed, failed: r.failed },
        { added: 1, skipped: 1, renamed: 1, failed: 0 },
      );
      const ids = (await store.db.query<{ id: string }>({ text: 'SELECT id FROM articles ORDER BY id' })).map(
        (x) => x.id,
      );
      const renamed = `${b.id}~${fingerprint(b.text).contentHash.slice(0, 8)}`;
      assert.deepEqual(ids, [b.id, renamed, 'held-a'].sort());
      const stored = await store.getArticle(renamed);
      assert.equal(stored?.text, b.text);
      assert.ok((stored?.mentions.length ?? 0) > 0, 'its mentions were stored');
      assert.ok(
        stored?.mentions.every((m) => m.incident_id),
        'and assigned to incidents',
      );
    });
  },
);
