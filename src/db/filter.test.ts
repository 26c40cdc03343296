/**
 * The filter table: every accepted spelling of every closed or coded filter, and unknown
 * values refused by name with the allowed ones; then, on a real store (the export tests'
 * fixture store), that every spelling of a country matches the same rows and that an ACLED
 * event type matches exactly the rows the ACLED export gives that event type.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { toAcledRows } from '../export/acled.js';
import { FIXTURE_INCIDENTS, writeFixtureIncidents } from '../export/testdata/fixture-store.js';
import type { IncidentView } from '../incidents/types.js';
import { EVENT_TYPES, TARGETS, WEAPONS } from '../record/record.js';
import { closeTestStore, openTestStore, testEngines } from '../store/testing.js';
import { ACLED_EVENT_TYPES } from '../vocab/acled-types.js';
import { API_FILTERS, checkFilter, FILTERS, filterConditions, type IncidentFilter } from './filter.js';
import { FILTER_VOCAB } from './filter-vocab.js';
import { InputError } from './input-error.js';

const check = (f: IncidentFilter) => checkFilter(f, FILTER_VOCAB);

/** The InputError of a filter, as [param, message]. */
function refusal(f: IncidentFilter): [string, string] {
  try {
    check(f);
  } catch (e) {
    assert.ok(e instanceof InputError, String(e));
    return [e.details[0].param, e.details[0].message];
  }
  assert.fail(`accepted ${JSON.stringify(f)}`);
}

describe('filter table', () => {
  it('defines every filter once, with a schema, a description and a URL kind', () => {
    const names = FILTERS.map((d) => d.name);
    assert.equal(new Set(names).size, names.length);
    for (const d of FILTERS) {
      assert.ok(d.description.length > 10, d.name);
      assert.ok(d.schema.type, d.name);
      if (d.kind === 'list') assert.ok(d.value && d.sql, d.name);
    }
    assert.deepEqual(
      API_FILTERS.map((d) => d.name),
      [
        'from',
        'to',
        'type',
        'weapon',
        'actor',
        'country',
        'admin1',
        'target',
        'bbox',
        'q',
        'min_sources',
        'sort',
        'cursor',
        'limit',
      ],
    );
  });

  const countries: [string, string][] = [
    ['IQ', 'IQ'],
    ['iq', 'IQ'],
    ['Iq', 'IQ'],
    ['IRQ', 'IQ'],
    ['irq', 'IQ'],
    ['368', 'IQ'],
    ['Iraq', 'IQ'],
    ['IRAQ', 'IQ'],
    [' iraq ', 'IQ'],
    ['SY', 'SY'],
    ['SYR', 'SY'],
    ['760', 'SY'],
    ['Syria', 'SY'],
    ['Syrian Arab Republic', 'SY'],
    ['syrian arab republic', 'SY'],
    ['4', 'AF'],
    ['004', 'AF'],
    ['Afghanistan', 'AF'],
    ['Turkey', 'TR'],
    ['Türkiye', 'TR'],
    ['turkiye', 'TR'],
    ['United States', 'US'],
    ['USA', 'US'],
    ['Iran', 'IR'],
    ['Islamic Republic of Iran', 'IR'],
    ["Côte d'Ivoire", 'CI'],
    ['Ivory Coast', 'CI'],
    ['Palestine', 'PS'],
    ['State of Palestine', 'PS'],
  ];
  for (const [written, code] of countries)
    it(`country ${JSON.stringify(written)} → ${code}`, () =>
      assert.deepEqual(check({ country: [written] }).country, [code]));

  it('folds several spellings of one country into one value', () => {
    assert.deepEqual(check({ country: ['IQ', 'irq', 'Iraq', 'SY'] }).country, ['IQ', 'SY']);
  });

  for (const bad of ['ZZ', 'XXX', '999', 'Narnia', "IQ' OR 1=1 --", 'Iraqq'])
    it(`country ${JSON.stringify(bad)} is refused naming the accepted forms`, () => {
      const [param, message] = refusal({ country: [bad] });
      assert.equal(param, 'country');
      assert.equal(
        message,
        `unknown country ${JSON.stringify(bad)}: an ISO 3166-1 alpha-2, alpha-3 or numeric code or English name (IQ, IRQ, 368, Iraq)`,
      );
    });

  for (const t of [...EVENT_TYPES, ...ACLED_EVENT_TYPES]) {
    it(`type ${t}, in any case`, () => {
      assert.deepEqual(check({ type: [t] }).type, [t]);
      assert.deepEqual(check({ type: [t.toLowerCase()] }).type, [t]);
      assert.deepEqual(check({ type: [t.toUpperCase()] }).type, [t]);
    });
  }

  it('an unknown type is refused, naming every sub-event and event type', () => {
    const [param, message] = refusal({ type: ['Explosions'] });
    assert.equal(param, 'type');
    assert.equal(
      message,
      `unknown type "Explosions": one of ${[...EVENT_TYPES, ...ACLED_EVENT_TYPES].join(', ')}`,
    );
  });

  it('weapons and targets in any case; unknown ones refused with the allowed list', () => {
    for (const w of WEAPONS) assert.deepEqual(check({ weapon: [w.toUpperCase()] }).weapon, [w]);
    for (const t of TARGETS) assert.deepEqual(check({ target: [t.toUpperCase()] }).target, [t]);
    assert.deepEqual(refusal({ weapon: ['laser'] }), [
      'weapon',
      `unknown weapon "laser": one of ${WEAPONS.join(', ')}`,
    ]);
    assert.deepEqual(refusal({ target: ['aliens'] }), [
      'target',
      `unknown target "aliens": one of ${TARGETS.join(', ')}`,
    ]);
    assert.deepEqual(refusal({ sort: 'random' as never }), [
      'sort',
      'unknown sort "random": one of date, -date, sources, -sources',
    ]);
  });

  it('q: every word, folded and lowercased, in the evidence or the names in both languages', () => {
    const f = check({ q: 'Tanf  التنفُ' });
    assert.deepEqual(f.q, ['tanf', 'التنف']);
    const values: unknown[] = [];
    const conds = filterConditions(f, (v) => {
      values.push(v);
      return `$${values.length}`;
    });
    assert.deepEqual(conds, [
      '(i.evidence_norm LIKE $1 OR i.names_norm LIKE $1)',
      '(i.evidence_norm LIKE $2 OR i.names_norm LIKE $2)',
    ]);
    assert.deepEqual(values, ['%tanf%', '%التنف%']);
    assert.deepEqual(
      filterConditions(check({ q: '50%_off' }), (v) => String(v)),
      ['(i.evidence_norm LIKE %50\\%\\_off% OR i.names_norm LIKE %50\\%\\_off%)'],
    );
  });

  it('names every bad parameter at once', () => {
    try {
      check({ country: ['Narnia'], type: ['x'], weapon: ['y'] });
      assert.fail('accepted');
    } catch (e) {
      assert.ok(e instanceof InputError);
      assert.deepEqual(
        e.details.map((d) => d.param),
        ['type', 'weapon', 'country'],
      );
    }
  });
});

for (const engine of testEngines()) {
  describe(`filters on the fixture store (${engine})`, async () => {
    const store = await openTestStore(engine);
    await writeFixtureIncidents(store);
    const ids = async (f: IncidentFilter) => {
      const out: string[] = [];
      for await (const i of store.allIncidents({ ...f, sort: 'date' })) out.push(i.id);
      return out.sort();
    };
    const all: IncidentView[] = [];
    for await (const i of store.allIncidents({ sort: 'date' })) all.push(i);
    after(() => closeTestStore(store));

    it('every spelling of a country matches the rows of its code', async () => {
      const iq = await ids({ country: ['IQ'] });
      assert.deepEqual(
        iq,
        FIXTURE_INCIDENTS.filter((i) => i.country === 'IQ')
          .map((i) => i.id)
          .sort(),
      );
      for (const w of ['iq', 'IRQ', '368', 'Iraq', 'iraq'])
        assert.deepEqual(await ids({ country: [w] }), iq, w);
      assert.deepEqual(await ids({ country: ['Afghanistan'] }), ['inc-af-1']);
    });

    for (const t of ACLED_EVENT_TYPES)
      it(`type=${t} matches the rows the ACLED export calls ${t}`, async () => {
        const expected = toAcledRows(all)
          .map((r, k) => [r.event_type, all[k].id])
          .filter(([et]) => et === t)
          .map(([, id]) => id)
          .sort();
        assert.deepEqual(await ids({ type: [t] }), expected);
        assert.deepEqual(await ids({ type: [t.toLowerCase()] }), expected);
      });

    it('an event type and a sub-event type together are their union', async () => {
      assert.deepEqual(await ids({ type: ['Strategic developments', 'Suicide bomb'] }), [
        'inc-iq-4',
        'inc-jo-1',
      ]);
      assert.deepEqual(await ids({ type: ['Battles', 'Attack'] }), ['inc-af-1', 'inc-sy-1']);
      assert.deepEqual(await ids({ type: ['Violence against civilians'] }), ['inc-sy-1']);
    });

    it('an unknown value is an InputError, never an empty answer', async () => {
      await assert.rejects(store.listIncidents({ country: ['IRQQ'] }), InputError);
      await assert.rejects(store.listIncidents({ type: ['Explosions/Remote'] }), InputError);
    });
  });
}
