/**
 * Checks the shipped gazetteer data (data/gazetteer/places.json, built by
 * scripts/build-gazetteer.ts): shape, coordinates, provinces, curated bases and the
 * cue flags of ambiguous names.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fold } from '../normalize/normalize.js';

interface Place {
  id: string;
  name: string;
  kind: string;
  country: string;
  admin1: string | null;
  lat: number;
  lon: number;
  ar: string[];
  pop?: number;
  cue: boolean;
}

const FILE = new URL('../../data/gazetteer/places.json', import.meta.url);
const data = JSON.parse(readFileSync(FILE, 'utf8')) as {
  attribution: string[];
  generated: string;
  places: Place[];
};
const places = data.places;

const KINDS = new Set([
  'country',
  'province',
  'district',
  'city',
  'town',
  'village',
  'neighbourhood',
  'base',
  'airport',
  'facility',
  'region',
  'landmark',
]);

/** [minLat, maxLat, minLon, maxLon], generous by a few km. */
const BBOX: Record<string, [number, number, number, number]> = {
  IQ: [29.0, 37.45, 38.7, 48.85],
  SY: [32.3, 37.35, 35.55, 42.45],
  JO: [29.15, 33.4, 34.9, 39.35],
  KW: [28.5, 30.15, 46.5, 48.5],
};

const ADMIN1: Record<string, string[]> = {
  IQ: [
    'Anbar',
    'Babil',
    'Baghdad',
    'Basra',
    'Dhi Qar',
    'Al-Qadisiyah',
    'Diyala',
    'Dohuk',
    'Erbil',
    'Karbala',
    'Kirkuk',
    'Maysan',
    'Muthanna',
    'Najaf',
    'Nineveh',
    'Salah al-Din',
    'Sulaymaniyah',
    'Wasit',
    'Halabja',
  ],
  SY: [
    'Al-Hasakah',
    'Aleppo',
    'Ar-Raqqa',
    'As-Suwayda',
    'Damascus',
    'Daraa',
    'Deir ez-Zor',
    'Hama',
    'Homs',
    'Idlib',
    'Latakia',
    'Quneitra',
    'Rif Dimashq',
    'Tartus',
  ],
};

/** Places holding a name (compared folded, as the runtime compares them). */
const byName = new Map<string, Place[]>();
for (const p of places) {
  for (const n of p.ar) {
    const list = byName.get(fold(n)) ?? [];
    list.push(p);
    byName.set(fold(n), list);
  }
}
const holders = (name: string, country?: string) =>
  (byName.get(fold(name)) ?? []).filter((p) => !country || p.country === country);

const near = (p: Place, lat: number, lon: number, tol = 0.06) =>
  Math.abs(p.lat - lat) <= tol && Math.abs(p.lon - lon) <= tol;

describe('gazetteer data: shape', () => {
  it('has attribution and places', () => {
    const attr = data.attribution.join(' ');
    for (const needle of ["Who's On First", 'GeoNames', 'CC-BY', 'OpenFlights', 'ODbL']) {
      assert.ok(attr.includes(needle), `attribution mentions ${needle}`);
    }
    assert.equal(data.generated, 'build-gazetteer.ts');
    assert.ok(places.length > 5000, `${places.length} places`);
  });

  it('stays under 6 MB', () => {
    assert.ok(statSync(FILE).size < 6_000_000);
  });

  it('every place is well-formed', () => {
    for (const p of places) {
      const where = JSON.stringify(p).slice(0, 120);
      assert.equal(typeof p.id, 'string', where);
      assert.ok(p.id.length > 0 && p.name.length > 0, where);
      assert.ok(KINDS.has(p.kind), `kind ${p.kind}: ${where}`);
      assert.match(p.country, /^[A-Z]{2}$/, where);
      assert.ok(Number.isFinite(p.lat) && Number.isFinite(p.lon), where);
      assert.ok(Array.isArray(p.ar) && p.ar.length > 0, where);
      assert.equal(typeof p.cue, 'boolean', where);
      if (p.pop !== undefined) assert.ok(Number.isInteger(p.pop) && p.pop > 0, where);
      if (p.kind !== 'country') assert.equal(typeof p.admin1, 'string', where);
    }
  });

  it('ids are unique', () => {
    const seen = new Set<string>();
    for (const p of places) {
      assert.ok(!seen.has(p.id), `duplicate id ${p.id}`);
      seen.add(p.id);
    }
  });

  it('places in Iraq, Syria, Jordan and Kuwait lie inside the country', () => {
    for (const p of places) {
      const box = BBOX[p.country];
      if (!box) continue;
      const [a, b, c, d] = box;
      assert.ok(
        p.lat >= a && p.lat <= b && p.lon >= c && p.lon <= d,
        `${p.id} ${p.name} at ${p.lat},${p.lon}`,
      );
    }
  });

  it('Arabic names are Arabic script, at least 3 letters, and not repeated within a place', () => {
    for (const p of places) {
      const folded = p.ar.map(fold);
      assert.equal(new Set(folded).size, folded.length, `repeated name in ${p.id}: ${p.ar.join(', ')}`);
      if (!p.id.startsWith('wof:')) continue; // curated aliases may be Latin ("K1")
      for (const n of p.ar) {
        assert.ok(n.replace(/[\s0-9-]/g, '').length >= 3, `short name "${n}" in ${p.id}`);
        assert.match(n, /^[\u0621-\u064A0-9 -]+$/, `"${n}" in ${p.id}`);
      }
    }
  });

  it('a name belongs to one place per country', () => {
    for (const [name, list] of byName) {
      const countries = list.map((p) => p.country);
      assert.equal(new Set(countries).size, countries.length, `"${name}" held by ${list.map((p) => p.id)}`);
    }
  });

  it('admin1 of Iraqi and Syrian places uses the canonical spellings', () => {
    for (const p of places) {
      const allowed = ADMIN1[p.country];
      if (!allowed || p.kind === 'country') continue;
      assert.ok(allowed.includes(p.admin1 ?? ''), `${p.id} ${p.name}: admin1 ${p.admin1}`);
    }
  });
});

describe('gazetteer data: provinces', () => {
  for (const [country, names] of Object.entries(ADMIN1)) {
    for (const admin1 of names) {
      it(`${country} ${admin1} exists as a province with "محافظة …"`, () => {
        const prov = places.filter(
          (p) => p.kind === 'province' && p.country === country && p.admin1 === admin1,
        );
        assert.ok(prov.length > 0, `no province ${admin1}`);
        assert.ok(
          prov.some((p) => p.ar.some((n) => n.startsWith('محافظة'))),
          `${admin1}: ${prov.flatMap((p) => p.ar)}`,
        );
      });
    }
  }

  const capitals: [string, string, number, number][] = [
    ['الأنبار', 'Anbar', 33.42, 43.3],
    ['محافظة أربيل', 'Erbil', 36.19, 44.01],
    ['محافظة كركوك', 'Kirkuk', 35.47, 44.39],
    ['بابل', 'Babil', 32.48, 44.42],
    ['المثنى', 'Muthanna', 31.31, 45.28],
    ['ذي قار', 'Dhi Qar', 31.04, 46.26],
    ['القادسية', 'Al-Qadisiyah', 31.99, 44.93],
    ['محافظة دير الزور', 'Deir ez-Zor', 35.34, 40.14],
    ['محافظة الحسكة', 'Al-Hasakah', 36.5, 40.75],
  ];
  for (const [alias, admin1, lat, lon] of capitals) {
    it(`${alias} is ${admin1} at its capital's coordinates`, () => {
      const p = holders(alias).find((x) => x.kind === 'province');
      assert.ok(p, `no province named ${alias}`);
      assert.equal(p.admin1, admin1);
      assert.ok(near(p, lat, lon, 0.03), `${p.lat},${p.lon}`);
      assert.equal(p.cue, false);
    });
  }
});

describe('gazetteer data: places that must match', () => {
  // [alias, expected id (a ":cue" sibling row also counts), lat, lon]
  const table: [string, string, number, number][] = [
    ['عين الأسد', 'base:ain-al-asad', 33.8, 42.44],
    ['قاعدة عين الاسد الجوية', 'base:ain-al-asad', 33.8, 42.44],
    ['قاعدة الأسد', 'base:ain-al-asad', 33.8, 42.44],
    ['فكتوريا', 'base:victory', 33.26, 44.23],
    ['معسكر النصر', 'base:victory', 33.26, 44.23],
    ['قاعدة النصر', 'base:victory', 33.26, 44.23],
    ['مطار بغداد الدولي', 'airport:baghdad', 33.26, 44.23],
    ['قاعدة حرير', 'base:harir', 36.54, 44.35],
    ['قاعدة الحرير', 'base:harir', 36.54, 44.35],
    ['قاعدة باشور', 'base:harir', 36.54, 44.35],
    ['مطار أربيل الدولي', 'airport:erbil', 36.24, 43.96],
    ['قاعدة بلد الجوية', 'base:balad', 33.94, 44.36],
    ['مطار بلد', 'base:balad', 33.94, 44.36],
    ['التاجي', 'base:taji', 33.52, 44.25],
    ['معسكر التاجي', 'base:taji', 33.52, 44.25],
    ['كي وان', 'base:k1', 35.51, 44.28],
    ['قاعدة كي وان', 'base:k1', 35.51, 44.28],
    ['السفارة الأمريكية في بغداد', 'facility:us-embassy-baghdad', 33.3, 44.39],
    ['السفارة الأميركية', 'facility:us-embassy-baghdad', 33.3, 44.39],
    ['المنطقة الخضراء', 'neighbourhood:green-zone', 33.3, 44.39],
    ['الشدادي', 'base:shaddadi', 36.05, 40.73],
    ['الشدادية', 'base:shaddadi', 36.05, 40.73],
    ['التنف', 'base:tanf', 33.5, 38.64],
    ['قاعدة التنف', 'base:tanf', 33.5, 38.64],
    ['حقل العمر', 'facility:al-omar', 35.05, 40.55],
    ['حقل العمر النفطي', 'facility:al-omar', 35.05, 40.55],
    ['كونيكو', 'facility:conoco', 35.36, 40.29],
    ['معمل غاز كونيكو', 'facility:conoco', 35.36, 40.29],
    ['خراب الجير', 'base:kharab-al-jir', 36.94, 41.93],
    ['تل بيدر', 'base:tal-baydar', 36.68, 40.6],
    ['القرية الخضراء', 'base:green-village', 35.04, 40.55],
    ['الركبان', 'facility:rukban', 33.31, 38.67],
    ['البرج 22', 'base:tower-22', 33.32, 38.69],
    ['برج 22', 'base:tower-22', 33.32, 38.69],
    ['موفق السلطي', 'base:muwaffaq-salti', 31.83, 36.78],
    ['مطار دمشق الدولي', 'airport:damascus', 33.41, 36.52],
    ['المزة', 'neighbourhood:mezzeh', 33.5, 36.25],
    ['البوكمال', 'city:abu-kamal', 34.45, 40.92],
    ['البو كمال', 'city:abu-kamal', 34.45, 40.92],
    ['القائم', 'town:al-qaim', 34.37, 41.09],
    ['المشتل', 'neighbourhood:mashtal', 33.31, 44.49],
    ['البلديات', 'neighbourhood:baladiyat', 33.34, 44.47],
    ['جرف الصخر', 'town:jurf-al-sakhar', 32.93, 44.11],
    ['جرف النصر', 'town:jurf-al-sakhar', 32.93, 44.11],
    ['جبال قنديل', 'region:qandil', 36.45, 45.0],
    ['الطارمية', 'town:tarmiyah', 33.67, 44.38],
    ['إقليم كردستان', 'region:kurdistan', 36.19, 44.01],
    ['أنقرة', 'city:ankara', 39.93, 32.86],
    ['زفولون', 'facility:zvulun', 32.81, 35.03],
  ];
  for (const [alias, id, lat, lon] of table) {
    it(`${alias} → ${id}`, () => {
      const hits = holders(alias).filter((p) => p.id === id || p.id === `${id}:cue`);
      assert.equal(hits.length, 1, `${alias}: held by ${holders(alias).map((p) => p.id)}`);
      assert.ok(near(hits[0], lat, lon), `${id} at ${hits[0].lat},${hits[0].lon}`);
    });
  }

  it('common provinces and cities match without a context word', () => {
    for (const [alias, country] of [
      ['الأنبار', 'IQ'],
      ['الموصل', 'IQ'],
      ['الرمادي', 'IQ'],
      ['كركوك', 'IQ'],
      ['الناصرية', 'IQ'],
      ['الحلة', 'IQ'],
      ['دير الزور', 'SY'],
      ['ديرالزور', 'SY'],
      ['الحسكة', 'SY'],
      ['الرقة', 'SY'],
      ['البوكمال', 'SY'],
      ['عين العرب', 'SY'],
      ['كوباني', 'SY'],
    ]) {
      const hits = holders(alias, country);
      assert.equal(hits.length, 1, `${alias} in ${country}`);
      assert.equal(hits[0].cue, false, `${alias} → ${hits[0].id} should match on its own`);
    }
  });
});

describe('gazetteer data: ambiguous names need a context word', () => {
  const words = [
    'بلد',
    'النصر',
    'حرير',
    'القائم',
    'الميادين',
    'العمر',
    'الخضراء',
    'السلام',
    'الحرية',
    'صور',
    'عمان',
  ];
  for (const w of words) {
    it(`"${w}" alone is cue:true or absent`, () => {
      for (const p of holders(w)) assert.equal(p.cue, true, `${w} → ${p.id}`);
    });
  }

  it('every name listed in ambiguous.txt is cue:true wherever it appears', () => {
    const list = readFileSync(new URL('../../data/gazetteer/ambiguous.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim())
      .filter(Boolean);
    assert.ok(list.length > 50);
    for (const w of list) for (const p of holders(w)) assert.equal(p.cue, true, `${w} → ${p.id}`);
  });

  it('multi-word base aliases still match on their own', () => {
    for (const alias of ['قاعدة بلد الجوية', 'قاعدة حرير', 'معسكر النصر', 'حقل العمر']) {
      const hits = holders(alias);
      assert.ok(hits.length > 0 && hits.every((p) => !p.cue), alias);
    }
  });

  it('villages are never free-matching by a bare name', () => {
    const cueWords =
      /^(قرية|بلدة|منطقة|ناحية|قضاء|حي|مدينة|مجمع|مركز|مخيم|حقل|حقول|معمل|جبل|سد|معبر|منفذ|ميناء|مزار|مقام|مرقد|مزرعة|مزارع|طريق|بادية|صحراء)\s/;
    for (const p of places) {
      if (p.kind !== 'village' || p.cue) continue;
      for (const n of p.ar) assert.match(n, cueWords, `${p.id}: "${n}"`);
    }
  });
});
