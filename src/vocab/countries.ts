/**
 * Countries: ISO 3166-1 from the i18n-iso-countries package (alpha-2, alpha-3, numeric,
 * English names), with ACLED's names and regions (data/acled/countries.json).
 *
 * `countryCode` reads what a user writes for a country — `IQ`, `iq`, `IRQ`, `368`, `Iraq`,
 * `Syrian Arab Republic`, `Syria`, `Côte d'Ivoire` — case- and accent-insensitively.
 */
import { createRequire } from 'node:module';
import isoCountries from 'i18n-iso-countries';
import { lazyData } from './data.js';

interface AcledCountries {
  names: Record<string, string>;
  regions: Record<string, string[]>;
}

const acledData = lazyData<AcledCountries>('acled/countries.json');

let registered = false;
function iso(): typeof isoCountries {
  if (!registered) {
    const require = createRequire(import.meta.url);
    isoCountries.registerLocale(require('i18n-iso-countries/langs/en.json'));
    registered = true;
  }
  return isoCountries;
}

export interface Country {
  /** ISO 3166-1 alpha-2 (what the store keeps) */
  alpha2: string;
  alpha3: string;
  /** ISO 3166-1 numeric, as a number (Iraq 368, Afghanistan 4) */
  numeric: number;
  /** ISO English name */
  isoName: string;
  /** the name ACLED writes */
  acledName: string;
  /** ACLED region */
  region: string | null;
}

/** Lower case, accents and punctuation folded, spaces collapsed: "Côte d'Ivoire" → "cote d ivoire". */
function key(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

let table: { byAlpha2: Map<string, Country>; byKey: Map<string, string> } | null = null;

function countries() {
  if (table) return table;
  const lib = iso();
  const { names, regions } = acledData();
  const regionOf = new Map<string, string>();
  for (const [region, codes] of Object.entries(regions)) for (const c of codes) regionOf.set(c, region);
  const byAlpha2 = new Map<string, Country>();
  const byKey = new Map<string, string>();
  const all = lib.getNames('en', { select: 'all' }) as Record<string, string[]>;
  for (const [alpha2, isoNames] of Object.entries(all)) {
    const alpha3 = lib.alpha2ToAlpha3(alpha2) ?? '';
    const numeric = Number(lib.alpha2ToNumeric(alpha2));
    const isoName = lib.getName(alpha2, 'en', { select: 'official' }) ?? isoNames[0];
    const acledName = names[alpha2] ?? isoName;
    byAlpha2.set(alpha2, {
      alpha2,
      alpha3,
      numeric,
      isoName,
      acledName,
      region: regionOf.get(alpha2) ?? null,
    });
    for (const k of [alpha2, alpha3, String(numeric), ...isoNames, acledName]) {
      const kk = key(k);
      if (kk && !byKey.has(kk)) byKey.set(kk, alpha2);
    }
  }
  table = { byAlpha2, byKey };
  return table;
}

/** Every ISO 3166-1 country. */
export function allCountries(): Country[] {
  return [...countries().byAlpha2.values()];
}

/** The country of an alpha-2 code (any case), or null. */
export function countryByAlpha2(code: string): Country | null {
  return countries().byAlpha2.get(code.toUpperCase()) ?? null;
}

/**
 * The alpha-2 code of a country written as an alpha-2, alpha-3 or numeric code (`4`, `004`)
 * or an English name (ISO's or ACLED's), in any case; null when it is none of these.
 */
export function countryCode(written: string): string | null {
  const s = written.trim();
  if (/^\d{1,3}$/.test(s)) {
    const code = iso().numericToAlpha2(s.padStart(3, '0'));
    return code ?? null;
  }
  return countries().byKey.get(key(s)) ?? null;
}

/** The ACLED regions, in the order of data/acled/countries.json. */
export function acledRegions(): string[] {
  return Object.keys(acledData().regions);
}
