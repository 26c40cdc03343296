import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Db, openDb } from '../db/db.js';
import type { IncidentFilter } from '../db/filter.js';
import { InputError } from '../db/input-error.js';
import { MIGRATIONS, migrate } from '../db/migrations.js';
import { sql } from '../db/sql.js';
import type { IncidentView } from '../incidents/types.js';
import type { Store } from './store.js';
import { closeTestStore, openTestStore, randomSchema, testArticles, testEngines } from './testing.js';

const ids = (items: IncidentView[]) => items.map((i) => i.id).sort();

for (const engine of testEngines()) {
  describe(`store on ${engine}`, () => {
    let store: Store;
    let all: IncidentView[];

    before(async () => {
      store = await openTestStore(engine);
      await store.ingest(testArticles());
      all = (await store.listIncidents({ limit: 500 })).items;
    });
    after(async () => {
      if (store) await closeTestStore(store);
    });

    it('migrations are recorded and running them again applies nothing', async () => {
      assert.deepEqual(await migrate(store.db), []);
      const rows = await store.db.query<{ id: number }>(sql.appliedMigrations());
      assert.deepEqual(
        rows.map((r) => Number(r.id)),
        MIGRATIONS.map((m) => m.id),
      );
    });

    if (engine === 'pg') {
      it('migrations run whatever the query timeout (a big store takes long to fill)', async () => {
        const schema = randomSchema();
        const setup = await openDb({ url: process.env.DATABASE_URL, schema });
        const before = process.env.RASD_QUERY_TIMEOUT_MS;
        process.env.RASD_QUERY_TIMEOUT_MS = '1';
        const short = await openDb({ url: process.env.DATABASE_URL, schema });
        if (before === undefined) delete process.env.RASD_QUERY_TIMEOUT_MS;
        else process.env.RASD_QUERY_TIMEOUT_MS = before;
        try {
          assert.deepEqual(
            await migrate(short),
            MIGRATIONS.map((m) => m.id),
          );
        } finally {
          await short.close();
          await setup.query(sql.dropSchema(schema));
          await setup.close();
        }
      });

      it('two processes migrating a fresh schema at once both succeed', async () => {
        const schema = randomSchema();
        const a = await openDb({ url: process.env.DATABASE_URL, schema });
        const b = await openDb({ url: process.env.DATABASE_URL, schema });
        try {
          const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
          assert.deepEqual([...ra, ...rb].sort(), MIGRATIONS.map((m) => m.id).sort());
        } finally {
          await a.query(sql.dropSchema(schema));
          await a.close();
          await b.close();
        }
      });
    }

    it('stored the test articles as the incidents they report', () => {
      assert.equal(all.length, 9);
      const ain = all.find((i) => i.date === '2024-01-15');
      assert.ok(ain);
      assert.equal(ain.source_count, 2);
      assert.equal(ain.sources.length, 3);
    });

    const cases: { name: string; filter: IncidentFilter; expect: (i: IncidentView) => boolean }[] = [
      { name: 'from', filter: { from: '2024-02-08' }, expect: (i) => (i.date ?? '') >= '2024-02-08' },
      { name: 'to', filter: { to: '2024-01-31' }, expect: (i) => (i.date ?? '9') <= '2024-01-31' },
      {
        name: 'from and to as months (a month-level date overlaps)',
        filter: { from: '2024-03', to: '2024-03' },
        expect: (i) => (i.date ?? '').startsWith('2024-03'),
      },
      { name: 'country', filter: { country: ['SY'] }, expect: (i) => i.country === 'SY' },
      {
        name: 'admin1',
        filter: { admin1: ['Erbil', 'Homs'] },
        expect: (i) => ['Erbil', 'Homs'].includes(i.admin1 ?? ''),
      },
      { name: 'type', filter: { type: ['Air/drone strike'] }, expect: (i) => i.type === 'Air/drone strike' },
      { name: 'weapon', filter: { weapon: ['ied'] }, expect: (i) => i.weapon === 'ied' },
      {
        name: 'actor',
        filter: { actor: ["Kata'ib Hezbollah"] },
        expect: (i) => i.actor === "Kata'ib Hezbollah",
      },
      {
        name: 'umbrella actor includes its members',
        filter: { actor: ['Islamic Resistance in Iraq'] },
        expect: (i) =>
          i.actor_umbrella === 'Islamic Resistance in Iraq' || i.actor === 'Islamic Resistance in Iraq',
      },
      { name: 'target', filter: { target: ['civilians'] }, expect: (i) => i.target === 'civilians' },
      {
        name: 'bbox (Kurdistan)',
        filter: { bbox: [43.5, 35.8, 45, 37] },
        expect: (i) =>
          i.lat != null && i.lon != null && i.lon >= 43.5 && i.lon <= 45 && i.lat >= 35.8 && i.lat <= 37,
      },
      { name: 'min_sources', filter: { min_sources: 2 }, expect: (i) => i.source_count >= 2 },
      {
        name: 'combined',
        filter: { country: ['IQ'], weapon: ['rocket'], min_sources: 2, to: '2024-02-01' },
        expect: (i) =>
          i.country === 'IQ' &&
          i.weapon === 'rocket' &&
          i.source_count >= 2 &&
          (i.date ?? '') <= '2024-02-01',
      },
    ];
    for (const c of cases) {
      it(`filter: ${c.name}`, async () => {
        const { items } = await store.listIncidents({ ...c.filter, limit: 500 });
        const want = all.filter(c.expect);
        assert.ok(want.length > 0, 'the case selects something');
        assert.ok(want.length < all.length, 'the case leaves something out');
        assert.deepEqual(ids(items), ids(want));
        assert.equal(await store.countIncidents(c.filter), want.length);
      });
    }

    it('q searches the Arabic-normalized evidence', async () => {
      // written with hamza, kasra, tatweel and a Persian yeh: all folded away
      for (const q of ['عين الأسد', 'عِين الاسـد', 'كاتيوشا', 'كاتیوشا', 'طوزخورماتو حافله']) {
        const { items } = await store.listIncidents({ q });
        assert.ok(items.length > 0, q);
        assert.ok(items.length < all.length, q);
      }
      const ain = await store.listIncidents({ q: 'كاتيوشا' });
      assert.deepEqual(
        ain.items.map((i) => i.date),
        ['2024-01-15'],
      );
      assert.equal(
        (await store.listIncidents({ q: 'طوزخورماتو بغداد' })).items.length,
        0,
        'every word must occur',
      );
    });

    it('facets count incidents per value, leaving out the facet’s own filter', async () => {
      const f = await store.facets({});
      const count = (field: keyof IncidentView, v: string) => all.filter((i) => i[field] === v).length;
      for (const field of ['type', 'weapon', 'actor', 'country', 'admin1', 'target'] as const) {
        assert.ok(f[field].length > 0, field);
        for (const { value, count: n } of f[field]) assert.equal(n, count(field, value), `${field}=${value}`);
      }
      const withType = await store.facets({ type: ['Air/drone strike'], country: ['IQ'] });
      // the type facet ignores the type filter but keeps the country filter
      assert.deepEqual(
        withType.type.map((t) => t.value).sort(),
        [...new Set(all.filter((i) => i.country === 'IQ').map((i) => i.type))].sort(),
      );
      assert.deepEqual(
        withType.weapon.map((w) => w.value),
        ['aircraft'],
      );
    });

    for (const sort of ['date', '-date', 'sources', '-sources'] as const) {
      it(`cursor pagination walks every page once (sort ${sort})`, async () => {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.listIncidents({ sort, limit: 2, cursor });
          assert.ok(page.items.length <= 2);
          seen.push(...page.items.map((i) => i.id));
          cursor = page.next_cursor ?? undefined;
          pages++;
        } while (cursor && pages < 50);
        assert.equal(seen.length, all.length);
        assert.equal(new Set(seen).size, all.length);
        const full = (await store.listIncidents({ sort, limit: 500 })).items.map((i) => i.id);
        assert.deepEqual(seen, full, 'pages concatenate to the full listing');
      });
    }

    it('sort orders by date and by sources', async () => {
      const byDate = (await store.listIncidents({ sort: 'date', limit: 500 })).items.map((i) => i.date ?? '');
      assert.deepEqual(byDate, [...byDate].sort());
      const bySources = (await store.listIncidents({ sort: '-sources', limit: 500 })).items.map(
        (i) => i.source_count,
      );
      assert.deepEqual(
        bySources,
        [...bySources].sort((a, b) => b - a),
      );
    });

    it('rejects a bad filter, a cursor of another sort and a limit over 500', async () => {
      await assert.rejects(store.listIncidents({ from: 'yesterday' }), InputError);
      await assert.rejects(
        store.listIncidents({ bbox: [1, 2, 3] as unknown as [number, number, number, number] }),
        InputError,
      );
      await assert.rejects(store.listIncidents({ cursor: 'not-a-cursor' }), InputError);
      const page = await store.listIncidents({ sort: 'date', limit: 1 });
      assert.ok(page.next_cursor);
      await assert.rejects(store.listIncidents({ sort: '-sources', cursor: page.next_cursor }), InputError);
      assert.throws(
        () => store.check({ limit: 100000 }),
        /^InputError: limit: expected a whole number from 1 to 500$/,
      );
      assert.equal(store.check({ limit: 500 }).limit, 500);
      assert.equal(store.check({}).limit, 50);
    });

    it('an SQL injection attempt in filter values is just a value', async () => {
      const evil = ["IQ'; DROP TABLE incidents; --", "' OR '1'='1"];
      assert.equal((await store.listIncidents({ admin1: evil })).items.length, 0);
      // a closed vocabulary refuses it by name
      await assert.rejects(
        store.listIncidents({ country: evil }),
        (e: unknown) => e instanceof InputError && e.details[0].param === 'country',
      );
      assert.equal(
        (await store.listIncidents({ actor: evil, q: "'; DELETE FROM articles; --" })).items.length,
        0,
      );
      // LIKE wildcards in q are literal characters
      assert.equal((await store.listIncidents({ q: '%' })).items.length, 0);
      assert.equal((await store.listIncidents({ q: '_' })).items.length, 0);
      const evilCursor = Buffer.from(
        JSON.stringify(['date', "2024-01-01'); DROP TABLE incidents; --", 'x']),
      ).toString('base64url');
      await assert.rejects(store.listIncidents({ sort: 'date', cursor: evilCursor }), InputError);
      assert.equal((await store.listIncidents({ limit: 500 })).items.length, all.length);
      assert.equal((await store.counts()).articles, 14);
    });

    it('getIncident and getArticle return the stored record with its evidence', async () => {
      const ain = all.find((i) => i.date === '2024-01-15') as IncidentView;
      const got = await store.getIncident(ain.id);
      assert.ok(got);
      const { coreference, disagreements, ...listed } = got;
      assert.deepEqual(listed, ain, 'the listed incident, plus the detail fields');
      // why: one join per mention after the first, each with its evidence
      assert.equal(coreference?.joins.length, ain.sources.length - 1);
      assert.ok(coreference?.joins.every((j) => j.evidence.some((e) => e.rule === 'date:same-day')));
      // which source gives which value, for each disputed field
      assert.deepEqual(
        disagreements?.map((d) => d.field),
        ain.conflicts,
      );
      for (const d of disagreements ?? []) {
        assert.ok(d.values.length >= 2, `${d.field}: two values or more`);
        assert.ok(
          d.values.every((v) =>
            v.sources.every((s) => ain.sources.some((x) => x.mention_id === s.mention_id)),
          ),
        );
      }
      assert.equal(await store.getIncident('no-such-incident'), null);
      const copy = await store.getArticle('ain-gamma-copy');
      assert.ok(copy);
      assert.equal(copy.duplicate_of, 'ain-alpha');
      assert.equal(copy.published, '2024-01-15');
      assert.equal(copy.mentions.length, 1);
      const m = copy.mentions[0];
      assert.equal(copy.text.slice(m.spans.evidence[0], m.spans.evidence[1]), m.evidence);
      assert.equal(m.incident_id, ain.id);
      assert.equal(await store.getArticle('nope'), null);
    });

    it('keeps where a target comes from: stated in the text, or implied by the site with its gazetteer row', async () => {
      const SITE = (place_id: string) => ({ target: { rule: 'site-hosts', place_id } });
      const view = (i: IncidentView) => [i.place, i.target, i.implied];
      const at = (place: string) => all.filter((i) => i.place === place).map(view);
      // 15 January: one source states the target, the other only names the base; 12 March: none states one
      assert.deepEqual(at('Ain al-Asad Air Base').sort(), [
        ['Ain al-Asad Air Base', 'coalition', SITE('base:ain-al-asad')],
        ['Ain al-Asad Air Base', 'us_forces', null],
      ]);
      assert.deepEqual(at('Al-Tanf garrison'), [['Al-Tanf garrison', 'us_forces', SITE('base:tanf')]]);
      // a stated target, and a site hosting no foreign forces
      assert.deepEqual(at('Harir Air Base'), [['Harir Air Base', 'iraqi_forces', null]]);
      assert.deepEqual(at('Erbil International Airport'), [['Erbil International Airport', null, null]]);
      // the mentions keep theirs
      const mentionsOf = async (id: string) =>
        (await store.getArticle(id))?.mentions.map((m) => [m.target, m.implied]);
      assert.deepEqual(await mentionsOf('ain-alpha'), [['coalition', SITE('base:ain-al-asad')]]);
      assert.deepEqual(await mentionsOf('ain-beta'), [['us_forces', null]]);
      // the detail says so too, and an implied target is counted in the target facet
      const tanf = all.find((i) => i.place === 'Al-Tanf garrison') as IncidentView;
      assert.deepEqual((await store.getIncident(tanf.id))?.implied, SITE('base:tanf'));
      const facets = await store.facets({});
      assert.deepEqual(
        facets.target?.filter((f) => f.value === 'us_forces' || f.value === 'coalition'),
        [
          { value: 'us_forces', count: 2 },
          { value: 'coalition', count: 1 },
        ],
      );
      assert.equal((await store.listIncidents({ target: ['coalition'] })).items.length, 1);
    });

    it('a reviewer who keeps an implied target keeps it implied; one who sets another states it', async () => {
      const tanf = all.find((i) => i.place === 'Al-Tanf garrison') as IncidentView;
      try {
        const confirmed = await store.review(tanf.id, { who: 'ed', action: 'confirm' });
        assert.deepEqual([confirmed?.target, confirmed?.implied], ['us_forces', tanf.implied]);
        const other = await store.review(tanf.id, { who: 'ed', action: 'edit', fields: { killed: 1 } });
        assert.deepEqual([other?.target, other?.implied], ['us_forces', tanf.implied]);
        const edited = await store.review(tanf.id, {
          who: 'ed',
          action: 'edit',
          fields: { target: 'coalition' },
        });
        assert.deepEqual([edited?.target, edited?.implied], ['coalition', null]);
        // reprocessing re-merges the incident: the reviewer's target stays theirs
        await store.reprocess();
        const again = await store.getIncident(tanf.id);
        assert.deepEqual([again?.target, again?.implied], ['coalition', null]);
        // the review log says where the target came from, before and after each decision
        const log = (await store.reviewLog(tanf.id)).map((e) => [
          e.action,
          (e.before as { target: string; implied: unknown }).implied,
          (e.after as { target: string; implied: unknown }).implied,
          (e.after as { target: string }).target,
        ]);
        assert.deepEqual(log, [
          ['confirm', tanf.implied, tanf.implied, 'us_forces'],
          ['edit', tanf.implied, tanf.implied, 'us_forces'],
          ['edit', tanf.implied, null, 'coalition'],
        ]);
      } finally {
        const reset = await store.review(tanf.id, { who: 'ed', action: 'reset' });
        assert.deepEqual([reset?.target, reset?.implied], ['us_forces', tanf.implied]);
      }
    });

    it('stats count incidents per week, type and actor', async () => {
      const s = await store.stats({});
      assert.equal(s.total, all.length);
      assert.equal(
        s.per_type.reduce((n, t) => n + t.count, 0),
        all.length,
      );
      const dayDated = all.filter((i) => i.date?.length === 10).length;
      assert.equal(
        s.per_week.reduce((n, w) => n + w.count, 0),
        dayDated,
      );
      assert.ok(
        s.per_week.every((w) => new Date(`${w.week}T00:00:00Z`).getUTCDay() === 1),
        'weeks start on Monday',
      );
      assert.deepEqual(
        s.per_actor.find((a) => a.value === "Kata'ib Hezbollah"),
        { value: "Kata'ib Hezbollah", count: 1 },
      );
      const iq = await store.stats({ country: ['SY'] });
      assert.equal(iq.total, 1);
    });

    it('a review is logged and an edit is validated', async () => {
      const harir = all.find((i) => i.place === 'Harir Air Base') as IncidentView;
      await assert.rejects(store.review(harir.id, { who: 'ed', action: 'edit', fields: { killed: -1 } }));
      await assert.rejects(
        store.review(harir.id, {
          who: 'ed',
          action: 'edit',
          fields: { nonsense: 1 } as Record<string, unknown>,
        }),
      );
      const edited = await store.review(harir.id, {
        who: 'ed',
        action: 'edit',
        fields: { actor: 'Unknown group' },
      });
      assert.equal(edited?.review_status, 'edited');
      assert.equal(edited?.actor, 'Unknown group');
      const log = await store.reviewLog(harir.id);
      assert.equal(log.length, 1);
      assert.equal(log[0].who, 'ed');
      assert.equal((log[0].before as { actor: string | null }).actor, null);
      assert.equal((log[0].after as { actor: string | null }).actor, 'Unknown group');
      const reset = await store.review(harir.id, { who: 'ed', action: 'reset' });
      assert.equal(reset?.review_status, 'unreviewed');
      assert.equal(reset?.actor, null);
      assert.equal(await store.review('no-such-incident', { who: 'ed', action: 'confirm' }), null);
    });
  });
}

describe('sql', () => {
  it('never takes a schema name that is not a plain identifier', () => {
    for (const bad of ['x; DROP SCHEMA public', 'A', 'pg_catalog', '"x"', '', 'a-b'])
      assert.throws(() => sql.createSchema(bad), /invalid identifier/);
  });

  it('binds every filter value as a parameter', () => {
    const q = sql.listIncidents({
      from: '2024-01-01',
      to: null,
      country: ["IQ'--"],
      admin1: null,
      type: null,
      weapon: null,
      actor: ["x' OR 1=1"],
      target: null,
      review_status: null,
      bbox: [1, 2, 3, 4],
      q: ["'%"],
      min_sources: 2,
      sort: '-date',
      cursor: null,
      limit: 10,
    });
    assert.ok(!q.text.includes("IQ'"));
    assert.ok(!q.text.includes('OR 1=1'));
    assert.ok(q.values?.includes("%'\\%%"));
  });
});

export type { Db };
