/** /api/acled/read with ACLED's API parameters and envelope, over the fixture store. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { FIXTURE_INCIDENTS, writeFixtureIncidents } from '../export/testdata/fixture-store.js';
import { closeTestStore, openTestStore, testEngines } from '../store/testing.js';
import { createApp } from './app.js';

interface Envelope {
  status: number;
  success: boolean;
  count: number;
  total_count: number;
  messages: unknown[];
  data: Record<string, string>[];
}

for (const engine of testEngines()) {
  describe(`/api/acled/read (${engine})`, async () => {
    const store = await openTestStore(engine);
    after(() => closeTestStore(store));
    await writeFixtureIncidents(store);
    const app = createApp(store, { webRoot: false });
    const read = async (query: string) => {
      const r = await app.request(`/api/acled/read?${query}`);
      return {
        status: r.status,
        body: (await r.json()) as Envelope & { error?: { details: { param: string }[] } },
      };
    };
    const ids = (b: Envelope) => b.data.map((r) => /rasd_id=([^;]+)/.exec(r.tags)?.[1]);

    it('answers in ACLED’s envelope, newest first, every column a string', async () => {
      const { status, body } = await read('key=abc&email=me@example.org');
      assert.equal(status, 200);
      assert.deepEqual([body.status, body.success, body.count, body.total_count], [200, true, 7, 7]);
      assert.deepEqual(body.messages, []);
      assert.deepEqual(ids(body), [
        'inc-sy-1',
        'inc-jo-1',
        'inc-iq-1',
        'inc-iq-2',
        'inc-af-1',
        'inc-iq-3',
        'inc-iq-4',
      ]);
      for (const row of body.data) for (const v of Object.values(row)) assert.equal(typeof v, 'string');
      assert.equal(Object.keys(body.data[0]).length, 31);
    });

    const cases: [string, string[]][] = [
      ['country=Iraq', ['inc-iq-1', 'inc-iq-2', 'inc-iq-3', 'inc-iq-4']],
      ['country=Iraq|Syria', ['inc-sy-1', 'inc-iq-1', 'inc-iq-2', 'inc-iq-3', 'inc-iq-4']],
      ['country=Jordan:OR:country=Syria', ['inc-sy-1', 'inc-jo-1']],
      ['iso=4', ['inc-af-1']],
      ['iso=368&event_type=Explosions/Remote violence', ['inc-iq-1', 'inc-iq-2', 'inc-iq-3', 'inc-iq-4']],
      ['event_type=Battles', ['inc-af-1']],
      ['event_type=Violence against civilians', ['inc-sy-1']],
      ['sub_event_type=Suicide bomb', ['inc-iq-4']],
      ['event_date=2024-01-01|2024-01-31&event_date_where=BETWEEN', ['inc-jo-1', 'inc-iq-1']],
      ['event_date=2024-01-20', ['inc-iq-1']],
      ['event_date=2024-01-20&event_date_where=>', ['inc-sy-1', 'inc-jo-1']],
      ['year=2024', ['inc-sy-1', 'inc-jo-1', 'inc-iq-1']],
      ['limit=2&page=2', ['inc-iq-1', 'inc-iq-2']],
      ['limit=5&page=2', ['inc-iq-3', 'inc-iq-4']],
      ['limit=5&page=3', []],
    ];
    for (const [q, expected] of cases)
      it(q, async () => {
        const { status, body } = await read(q.replaceAll(' ', '%20').replaceAll('/', '%2F'));
        assert.equal(status, 200, JSON.stringify(body));
        assert.deepEqual(ids(body), expected);
        assert.equal(body.count, expected.length);
      });

    it('fields picks the columns; inter_format=numeric gives the codes', async () => {
      const { body } = await read(
        'country=Iraq&fields=event_id_cnty|event_date|inter1|tags&inter_format=numeric&limit=1',
      );
      assert.deepEqual(Object.keys(body.data[0]), ['event_id_cnty', 'event_date', 'inter1', 'tags']);
      assert.equal(body.data[0].inter1, '3');
      assert.equal(body.total_count, FIXTURE_INCIDENTS.filter((i) => i.country === 'IQ').length);
    });

    const refused: [string, string][] = [
      ['country=Narnia', 'country'],
      ['event_type=Explosions', 'type'],
      ['region=Middle%20East', 'region'],
      ['event_date=2024-01-01&event_date_where=BETWEEN', 'event_date'],
      ['event_date_where=LIKE&event_date=2024-01-01', 'event_date_where'],
      ['limit=0', 'limit'],
      ['limit=5001', 'limit'],
      ['page=x', 'page'],
      ['fields=event_date|colour', 'fields'],
      ['year=24', 'year'],
    ];
    for (const [q, param] of refused)
      it(`refuses ${q} naming ${param}`, async () => {
        const { status, body } = await read(q);
        assert.equal(status, 400);
        assert.deepEqual([body.status, body.success], [400, false]);
        assert.equal(body.error?.details[0].param, param);
      });
  });
}
