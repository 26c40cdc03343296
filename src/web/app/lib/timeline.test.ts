/** Timeline bins and brush ranges. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderRows } from './table.js';
import {
  binCounts,
  chooseUnit,
  datesToRange,
  dayToMs,
  rangeToDates,
  spans,
  timelineBins,
  unitStart,
} from './timeline.js';
import type { IncidentView } from './types.js';

describe('timeline', () => {
  it('bins days with the empty days in between', () => {
    const { unit, bins } = binCounts([
      { day: '2024-01-03', count: 2 },
      { day: '2024-01-01', count: 1 },
    ]);
    assert.equal(unit, 'day');
    assert.deepEqual(
      bins.map((b) => [b.start, b.end, b.count]),
      [
        ['2024-01-01', '2024-01-02', 1],
        ['2024-01-02', '2024-01-03', 0],
        ['2024-01-03', '2024-01-04', 2],
      ],
    );
  });

  it('uses ISO weeks (from Monday) and months for longer spans', () => {
    assert.equal(unitStart('2024-01-28', 'week'), '2024-01-22'); // a Sunday → its Monday
    assert.equal(unitStart('2024-01-22', 'week'), '2024-01-22');
    assert.equal(chooseUnit('2024-01-01', '2024-03-01'), 'day');
    assert.equal(chooseUnit('2023-01-01', '2024-03-01'), 'week');
    assert.equal(chooseUnit('2020-03-11', '2024-02-07'), 'month');
    const { unit, bins } = binCounts([
      { day: '2020-03-11', count: 1 },
      { day: '2020-03-30', count: 2 },
      { day: '2024-02-07', count: 1 },
    ]);
    assert.equal(unit, 'month');
    assert.equal(bins[0].start, '2020-03-01');
    assert.equal(bins[0].count, 3);
    assert.equal(bins.at(-1)?.start, '2024-02-01');
    assert.equal(bins.at(-1)?.end, '2024-03-01');
    assert.equal(
      bins.reduce((n, b) => n + b.count, 0),
      4,
    );
    assert.deepEqual(binCounts([]).bins, []);
  });

  it('turns a brushed range into whole days and back', () => {
    const r = rangeToDates(dayToMs('2024-01-10') + 3600e3, dayToMs('2024-01-20') + 7200e3);
    assert.deepEqual(r, { from: '2024-01-10', to: '2024-01-20' });
    assert.deepEqual(rangeToDates(dayToMs('2024-01-12'), dayToMs('2024-01-10')), {
      from: '2024-01-10',
      to: '2024-01-11',
    });
    assert.deepEqual(datesToRange('2024-01-10', '2024-01-20'), ['2024-01-10', '2024-01-21']);
    assert.deepEqual(datesToRange('2024', '2024-02'), ['2024-01-01', '2024-03-01']);
    assert.deepEqual(datesToRange(null, '2023'), [null, '2024-01-01']);
  });
});

describe('table order', () => {
  const row = (id: string, place: string, killed: number | null) =>
    ({ id, place, killed, source_count: 1 }) as IncidentView;
  const rows = [row('a', 'Tower 22', 3), row('b', 'Ain al-Asad', null), row('c', 'Harir', 0)];
  it('orders by a column either way, empty values last, ties in the API order', () => {
    assert.deepEqual(
      orderRows(rows, 'place').map((r) => r.id),
      ['b', 'c', 'a'],
    );
    assert.deepEqual(
      orderRows(rows, '-place').map((r) => r.id),
      ['a', 'c', 'b'],
    );
    assert.deepEqual(
      orderRows(rows, 'killed').map((r) => r.id),
      ['c', 'a', 'b'],
    );
    assert.deepEqual(
      orderRows(rows, '-killed').map((r) => r.id),
      ['a', 'c', 'b'],
    );
    assert.deepEqual(
      orderRows(rows, null).map((r) => r.id),
      ['a', 'b', 'c'],
    );
  });
});

describe('timeline spans and bins of every incident', () => {
  const perDate = [
    { date: '1941-05-01', count: 1 },
    { date: '2020-01-01', count: 250 },
    { date: '2020-01-15', count: 150 },
    { date: '2020-02', count: 200 },
    { date: '2020', count: 100 },
    { date: '2020-03-31', count: 300 },
    { date: null, count: 7 },
  ];
  it('keeps the dense span, with the outlier outside and one click away', () => {
    const sp = spans(perDate);
    assert.ok(sp);
    assert.deepEqual(sp.full, ['1941-05-01', '2021-01-01']);
    assert.deepEqual(sp.dense, ['2020-01-01', '2021-01-01']);
  });
  it('counts every incident: day bins, the month/year band, outside and undated', () => {
    const sp = spans(perDate);
    assert.ok(sp);
    const tl = timelineBins(perDate, sp.dense);
    assert.equal(tl.unit, 'week');
    assert.equal(tl.precise, 700);
    assert.equal(tl.coarse, 300);
    assert.equal(tl.outside, 1);
    assert.equal(tl.undated, 7);
    assert.equal(
      tl.bins.reduce((n, b) => n + b.count, 0),
      700,
    );
    assert.ok(
      Math.abs(tl.bins.reduce((n, b) => n + b.coarse, 0) - 300) < 1e-9,
      'the band holds the coarse ones',
    );
    const whole = timelineBins(perDate, sp.full);
    assert.equal(whole.unit, 'year');
    assert.equal(whole.outside, 0);
    assert.equal(whole.precise + whole.coarse + whole.undated, 1008);
  });
  it('widens a single day to two weeks', () => {
    const sp = spans([{ date: '2024-03-10', count: 9 }]);
    assert.deepEqual(sp?.dense, ['2024-03-03', '2024-03-18']);
    assert.equal(timelineBins([{ date: '2024-03-10', count: 9 }], sp?.dense ?? ['', '']).unit, 'day');
  });
});
