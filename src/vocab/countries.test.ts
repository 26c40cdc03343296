/** Countries: every ISO 3166-1 country in exactly one ACLED region, ACLED names, every way of writing one. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { acledRegions, allCountries, countryByAlpha2, countryCode } from './countries.js';

const data = JSON.parse(
  readFileSync(new URL('../../data/acled/countries.json', import.meta.url), 'utf8'),
) as {
  names: Record<string, string>;
  regions: Record<string, string[]>;
};

describe('countries', () => {
  it('puts every ISO 3166-1 country in exactly one ACLED region, and lists no other code', () => {
    const iso = new Set(allCountries().map((c) => c.alpha2));
    assert.ok(iso.size >= 249);
    const seen = new Map<string, string>();
    for (const [region, codes] of Object.entries(data.regions))
      for (const c of codes) {
        assert.ok(iso.has(c), `${c} (${region}) is not ISO 3166-1`);
        assert.ok(!seen.has(c), `${c} is in ${seen.get(c)} and ${region}`);
        seen.set(c, region);
      }
    assert.deepEqual(
      [...iso].filter((c) => !seen.has(c)),
      [],
    );
    for (const c of Object.keys(data.names)) assert.ok(iso.has(c), c);
  });

  it('uses ACLED’s regions and names', () => {
    assert.deepEqual(acledRegions().length, 17);
    const cases: [string, string, string, string, number][] = [
      ['AF', 'AFG', 'Afghanistan', 'Caucasus and Central Asia', 4],
      ['IQ', 'IRQ', 'Iraq', 'Middle East', 368],
      ['SY', 'SYR', 'Syria', 'Middle East', 760],
      ['TR', 'TUR', 'Turkey', 'Middle East', 792],
      ['IR', 'IRN', 'Iran', 'Middle East', 364],
      ['PS', 'PSE', 'Palestine', 'Middle East', 275],
      ['EG', 'EGY', 'Egypt', 'Northern Africa', 818],
      ['SD', 'SDN', 'Sudan', 'Northern Africa', 729],
      ['RU', 'RUS', 'Russia', 'Europe', 643],
      ['US', 'USA', 'United States', 'North America', 840],
      ['MX', 'MEX', 'Mexico', 'Central America', 484],
      ['CD', 'COD', 'Democratic Republic of Congo', 'Middle Africa', 180],
      ['PK', 'PAK', 'Pakistan', 'South Asia', 586],
      ['UA', 'UKR', 'Ukraine', 'Europe', 804],
    ];
    for (const [a2, a3, name, region, numeric] of cases)
      assert.deepEqual(
        (({ alpha3, acledName, region: r, numeric: n }) => [alpha3, acledName, r, n])(
          countryByAlpha2(a2) ?? { alpha3: '', acledName: '', region: '', numeric: 0 },
        ),
        [a3, name, region, numeric],
        a2,
      );
  });

  it('reads codes and names in any case; nothing else', () => {
    for (const c of allCountries()) {
      for (const w of [
        c.alpha2,
        c.alpha2.toLowerCase(),
        c.alpha3,
        c.alpha3.toLowerCase(),
        c.isoName,
        c.acledName.toUpperCase(),
      ])
        assert.equal(countryCode(w), c.alpha2, `${w} → ${c.alpha2}`);
      if (Number.isFinite(c.numeric))
        assert.equal(countryCode(String(c.numeric)), c.alpha2, String(c.numeric));
    }
    for (const w of ['', 'ZZ', 'XXX', '999', 'Narnia', 'Iraq Syria']) assert.equal(countryCode(w), null, w);
  });
});
