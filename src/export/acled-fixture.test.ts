/**
 * The ACLED CSV of a fixture store, column by column, against an ACLED-format file written
 * by hand from ACLED's codebook (src/export/testdata/acled-expected.csv): time_precision
 * codes, inter and interaction text, actor names with government terms, admin spellings,
 * admin2 and location, region, source_scale, key=value tags. Read back with csv-parse, as a
 * client script would. The timestamp column (the store's updated_at) is written `*` there.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { IncidentView } from '../incidents/types.js';
import { closeTestStore, openTestStore, testEngines } from '../store/testing.js';
import { ACLED_COLUMNS, exportIncidents } from './index.js';
import { FIXTURE_INCIDENTS, writeFixtureIncidents } from './testdata/fixture-store.js';

const expected = parse(readFileSync(new URL('./testdata/acled-expected.csv', import.meta.url), 'utf8'), {
  columns: true,
}) as Record<string, string>[];

for (const engine of testEngines()) {
  describe(`ACLED CSV of a fixture store (${engine})`, async () => {
    const started = Math.floor(Date.now() / 1000) - 1;
    const store = await openTestStore(engine);
    await writeFixtureIncidents(store);
    const items: IncidentView[] = [];
    for await (const i of store.allIncidents({ sort: 'date' })) items.push(i);
    await closeTestStore(store);
    const csv = exportIncidents(items, 'acled-csv').body;
    const header = csv.slice(0, csv.indexOf('\n')).split(',');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];

    it('has ACLED’s 31 columns in order and one row per incident', () => {
      assert.deepEqual(header, Object.keys(expected[0]));
      assert.deepEqual(header, [...ACLED_COLUMNS]);
      assert.equal(rows.length, FIXTURE_INCIDENTS.length);
      assert.equal(rows.length, expected.length);
    });

    for (const column of ACLED_COLUMNS) {
      it(`column ${column}`, () => {
        const got = rows.map((r) => r[column]);
        if (column === 'timestamp') {
          for (const t of got) assert.ok(/^\d{10}$/.test(t) && Number(t) >= started, `timestamp ${t}`);
          return;
        }
        assert.deepEqual(
          got,
          expected.map((r) => r[column]),
        );
      });
    }
  });
}
