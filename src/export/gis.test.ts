/**
 * Exports for GIS and data tools, on the fixture store: GeoJSON whose properties are all
 * scalars of one type per name (what GDAL's Shapefile and GeoPackage drivers need to make
 * columns without dropping or converting), in both column sets; date_precision in GeoJSON
 * and JSONL; Parquet read back with hyparquet, typed.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import type { IncidentView } from '../incidents/types.js';
import { closeTestStore, openTestStore } from '../store/testing.js';
import { ACLED_COLUMNS, exportIncidents, RASD_COLUMNS, toAcledRows, toGeoJson, toParquet } from './index.js';
import { FIXTURE_INCIDENTS, writeFixtureIncidents } from './testdata/fixture-store.js';

describe('GIS and data-tool exports of the fixture store', async () => {
  const store = await openTestStore('pglite');
  after(() => closeTestStore(store));
  await writeFixtureIncidents(store);
  const items: IncidentView[] = [];
  for await (const i of store.allIncidents({ sort: 'date' })) items.push(i);
  const byId = new Map(items.map((i) => [i.id, i]));

  for (const columns of ['rasd', 'acled'] as const) {
    it(`GeoJSON (${columns} columns): every property a scalar, one type per property, the same names on every feature`, () => {
      const fc = toGeoJson(items, { columns });
      assert.equal(fc.features.length, FIXTURE_INCIDENTS.length);
      const names = columns === 'acled' ? [...ACLED_COLUMNS] : RASD_COLUMNS.map((c) => c.name);
      const types = new Map<string, Set<string>>();
      for (const f of fc.features) {
        assert.deepEqual(Object.keys(f.properties), names);
        for (const [k, v] of Object.entries(f.properties)) {
          assert.ok(
            v === null || ['string', 'number', 'boolean'].includes(typeof v),
            `${k}: ${JSON.stringify(v)}`,
          );
          if (v !== null) types.set(k, (types.get(k) ?? new Set()).add(typeof v));
        }
      }
      for (const [k, t] of types) assert.equal(t.size, 1, `${k} has types ${[...t]}`);
    });
  }

  it('GeoJSON Rasd columns: sources joined, date_precision day/month/year', () => {
    const props = new Map(toGeoJson(items).features.map((f) => [f.id, f.properties]));
    assert.equal(
      props.get('inc-iq-1')?.source_urls,
      'https://shafaq.com/ar/1; https://www.reuters.com/world/1',
    );
    assert.equal(props.get('inc-iq-1')?.sources, 2);
    assert.equal(props.get('inc-jo-1')?.conflicts, 'killed');
    assert.deepEqual(
      ['inc-iq-1', 'inc-iq-2', 'inc-iq-3'].map((id) => props.get(id)?.date_precision),
      ['day', 'month', 'year'],
    );
  });

  it('GeoJSON ACLED columns: numbers as numbers, text as ACLED writes it', () => {
    const p = toGeoJson(items, { columns: 'acled' }).features.find((f) => f.id === 'inc-iq-2')?.properties;
    assert.ok(p);
    assert.deepEqual(
      [p.event_date, p.year, p.time_precision, p.iso, p.latitude, p.fatalities, p.inter1, p.location],
      ['2023-11-01', 2023, 3, 368, 35.47, 3, 'External/Other forces', 'Kirkuk'],
    );
    const n = toGeoJson(items, { columns: 'acled', inter: 'numeric' }).features.find(
      (f) => f.id === 'inc-iq-2',
    );
    assert.deepEqual([n?.properties.inter1, n?.properties.inter2, n?.properties.interaction], [8, 3, 38]);
  });

  it('JSONL: every line has date_precision', () => {
    const lines = (exportIncidents(items, 'jsonl').body as string)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; date: string; date_precision: string });
    assert.deepEqual(Object.fromEntries(lines.map((l) => [l.id, l.date_precision])), {
      'inc-iq-4': 'day',
      'inc-iq-3': 'year',
      'inc-af-1': 'day',
      'inc-iq-2': 'month',
      'inc-iq-1': 'day',
      'inc-jo-1': 'day',
      'inc-sy-1': 'day',
    });
  });

  it('Parquet, ACLED columns: read back with hyparquet, typed, equal to the CSV row', async () => {
    const bytes = toParquet(items);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const meta = parquetMetadata(file);
    assert.equal(Number(meta.num_rows), items.length);
    const schema = Object.fromEntries(
      meta.schema.slice(1).map((e) => [e.name, [e.type, e.converted_type ?? null]]),
    );
    assert.deepEqual(Object.keys(schema), [...ACLED_COLUMNS]);
    assert.deepEqual(schema.event_date, ['INT32', 'DATE']);
    assert.deepEqual(schema.latitude, ['DOUBLE', null]);
    assert.deepEqual(schema.fatalities, ['INT32', null]);
    assert.deepEqual(schema.actor1, ['BYTE_ARRAY', 'UTF8']);
    assert.deepEqual(meta.key_value_metadata?.find((kv) => kv.key === 'rasd:columns')?.value, 'acled');
    const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
    const csvRows = toAcledRows(items);
    assert.equal(rows.length, csvRows.length);
    rows.forEach((r, k) => {
      const c = csvRows[k];
      assert.ok(r.event_date instanceof Date);
      assert.equal((r.event_date as Date).toISOString().slice(0, 10), c.event_date);
      assert.equal(r.year, Number(c.year));
      assert.equal(r.latitude, Number(c.latitude));
      assert.equal(r.fatalities, Number(c.fatalities));
      assert.equal(r.actor1, c.actor1);
      assert.equal(r.notes, c.notes);
      assert.equal(r.iso, Number(c.iso));
    });
  });

  it('Parquet, Rasd columns: nulls stay nulls, booleans and timestamps are typed', async () => {
    const bytes = toParquet(items, { columns: 'rasd' });
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
    const iq3 = rows.find((r) => r.id === 'inc-iq-3');
    const jo = rows.find((r) => r.id === 'inc-jo-1');
    assert.ok(iq3 && jo);
    assert.deepEqual(
      [iq3.killed, iq3.actor, iq3.date, iq3.date_precision, iq3.intercepted],
      [null, null, '2019', 'year', null],
    );
    assert.deepEqual([jo.intercepted, jo.killed, jo.source_count, jo.conflicts], [true, 3, 2, 'killed']);
    assert.ok(jo.updated_at instanceof Date);
    assert.equal((jo.updated_at as Date).toISOString(), byId.get('inc-jo-1')?.updated_at);
  });
});
