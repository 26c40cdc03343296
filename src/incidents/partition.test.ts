/**
 * One grouping everywhere: the same articles give the same partition into incidents (and the
 * same incident ids) through `rasd extract` / `rasd eval` (extractAll → linkIncidents) and
 * through the store (ingest → reassign), in any ingest order, on every test engine.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { extractAll } from '../cli/extract-command.js';
import type { Article } from '../io/types.js';
import type { Store } from '../store/store.js';
import { closeTestStore, openTestStore, testArticles, testEngines, truncateAll } from '../store/testing.js';

function reports(): Article[] {
  const url = new URL('./testdata/reports.jsonl', import.meta.url);
  return readFileSync(url, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Article);
}

const articles = [...reports(), ...testArticles()];

/** incident id → its mentions as "article#idx", sorted; the list sorted. */
type Partition = [string, string[]][];

function normalize(groups: Map<string, string[]>): Partition {
  return [...groups.entries()]
    .map(([k, v]) => [k, v.sort()] as [string, string[]])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

function fromExtract(): Partition {
  const { results } = extractAll(articles);
  const groups = new Map<string, string[]>();
  for (const r of results)
    r.events.forEach((e, i) => {
      const key = e.incident as string;
      groups.set(key, [...(groups.get(key) ?? []), `${r.id}#${i}`]);
    });
  return normalize(groups);
}

async function fromStore(store: Store): Promise<Partition> {
  const groups = new Map<string, string[]>();
  for (const a of articles) {
    const view = await store.getArticle(a.id);
    for (const m of view?.mentions ?? []) {
      const key = m.incident_id as string;
      groups.set(key, [...(groups.get(key) ?? []), `${a.id}#${m.idx}`]);
    }
  }
  return normalize(groups);
}

const members = (p: Partition) => p.map(([, ms]) => ms.map((m) => m.replace(/#\d+$/, '')).join(' + ')).sort();

const want = fromExtract();

describe('the partition into incidents', () => {
  it('extract joins what the evidence supports and nothing else', () => {
    const groups = members(want);
    for (const g of [
      'r-asad-dawn + r-asad-night', // dawn of the 10th = night of the 9th
      'r-erbil-hit + r-erbil-month', // April's only drone attack on the airport
      'r-tanf-one + r-tanf-two', // a member and its umbrella
      'r-biap + r-victory', // a base in the airport's grounds, the same evening
      'r-asad-later', // the same base three days later
      'r-asad-month', // March has two incidents at that base: may be either
      'r-tanf-three', // another attacker
      'r-harir',
    ])
      assert.ok(groups.includes(g), `${g} in ${JSON.stringify(groups)}`);
  });

  for (const engine of testEngines())
    describe(`store on ${engine}`, () => {
      let store: Store;
      before(async () => {
        store = await openTestStore(engine);
      });
      after(async () => {
        await closeTestStore(store);
      });

      it('ingest gives the partition and the incident ids of extract', async () => {
        await store.ingest(articles);
        assert.deepEqual(await fromStore(store), want);
      });

      it('one by one, reversed, and shuffled in uneven batches: the same', async () => {
        await truncateAll(store);
        await store.ingest([...articles].reverse(), { batchSize: 1 });
        assert.deepEqual(await fromStore(store), want);
        await truncateAll(store);
        const order = articles.map((_, i) => (i * 7 + 3) % articles.length);
        assert.equal(new Set(order).size, articles.length);
        const shuffled = order.map((i) => articles[i]);
        await store.ingest(shuffled.slice(0, 9), { batchSize: 4 });
        await store.ingest(shuffled.slice(9), { batchSize: 3 });
        assert.deepEqual(await fromStore(store), want);
      });

      it('incremental: an incident keeps its id while its first precise member stays', async () => {
        await truncateAll(store);
        const pick = (...ids: string[]) => articles.filter((a) => ids.includes(a.id));
        const incidentOf = async (id: string) => (await store.getArticle(id))?.mentions[0]?.incident_id;
        await store.ingest(pick('r-erbil-hit'));
        const erbil = await incidentOf('r-erbil-hit');
        // an unrelated incident, then the coarse report that joins it
        await store.ingest(pick('r-tanf-one', 'r-tanf-two'));
        assert.equal(await incidentOf('r-erbil-hit'), erbil);
        await store.ingest(pick('r-erbil-month'));
        assert.equal(await incidentOf('r-erbil-month'), erbil);
        assert.equal(await incidentOf('r-erbil-hit'), erbil);
        assert.equal((await store.getIncident(erbil as string))?.source_count, 2);
      });

      it('the incident detail says why its mentions were joined, and flags the ambiguous one', async () => {
        await truncateAll(store);
        await store.ingest(articles);
        const idOf = (article: string) =>
          want.find(([, ms]) => ms.some((m) => m.startsWith(`${article}#`)))?.[0];
        const night = await store.getIncident(idOf('r-asad-dawn') as string);
        assert.equal(night?.coreference?.joins.length, 1);
        const j = night?.coreference?.joins[0];
        assert.deepEqual(
          [j?.article_id, j?.to_article_id, j?.km, j?.days],
          ['r-asad-dawn', 'r-asad-night', 0, 1],
        );
        assert.deepEqual(
          j?.evidence.map((e) => e.rule),
          ['date:night-window', 'place:same', 'weapon:same', 'numbers:shared'],
        );
        const month = await store.getIncident(idOf('r-asad-month') as string);
        // March at Ain al-Asad: the two incidents of these reports and one of src/ingest/testdata
        assert.deepEqual(
          month?.coreference?.may_be_one_of.sort(),
          [idOf('r-asad-dawn'), idOf('r-asad-later'), idOf('asad-march-beta')].sort(),
        );
        assert.deepEqual(month?.coreference?.joins, []);
      });
    });
});
