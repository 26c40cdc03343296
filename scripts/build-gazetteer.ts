/**
 * Builds data/gazetteer/places.json, the gazetteer that Rasd ships.
 *
 *   npx tsx scripts/build-gazetteer.ts        (or: npm run build:gazetteer)
 *
 * Inputs (read only here, never at run time):
 *   $RASD_SHARED/gazetteer/wof-*.tsv            Who's On First places with Arabic names
 *   $RASD_SHARED/gazetteer/openflights-*.dat    airfield coordinates (curated rows may cite an ICAO code)
 *   $RASD_SHARED/corpus/arabic-news.jsonl.gz    optional: finds place names that are common words
 *   data/gazetteer/curated.json                 hand-curated bases, airports, facilities, regions, cities
 *   data/gazetteer/ambiguous.txt                place names that are also common words or personal names
 * RASD_SHARED defaults to ../shared (relative to the repository root).
 *
 * Output: data/gazetteer/places.json, one place per line inside the `places` array.
 */

import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { PLACE_KINDS, type PlaceKind } from '../src/lexicon/lexicon.js';
import { fold } from '../src/normalize/normalize.js';
import { TARGETS } from '../src/record/record.js';

// ---------------------------------------------------------------------------
// Types

export type Kind = PlaceKind;
export const KINDS: readonly Kind[] = PLACE_KINDS;

/** One row of places.json. */
export interface Place {
  id: string;
  name: string;
  kind: Kind;
  country: string;
  admin1: string | null;
  lat: number;
  lon: number;
  ar: string[];
  pop?: number;
  cue: boolean;
  /** too large an area to locate an event (a whole region such as Iraqi Kurdistan) */
  coarse?: boolean;
  /** a capital whose name usually means its government ("أنقرة تتهم"): needs a locative word */
  metonym?: boolean;
  /** a fixed geo_precision (3 for the macro-regions of regions.json) */
  precision?: 1 | 2 | 3;
  /** the curated site this one lies in or belongs to (a facility in an airport, the road to it) */
  within?: string;
  /** who an attack on this curated site targets when the text does not say (the forces it hosts) */
  target?: string;
}

/** A place while it is being built: more bookkeeping than the output row. */
interface Candidate {
  id: string;
  name: string;
  kind: Kind;
  country: string;
  admin1: string | null;
  lat: number;
  lon: number;
  /** Arabic names as written, first = preferred */
  names: string[];
  pop?: number;
  source: 'curated' | 'wof';
  /** GeoNames feature code (PPL, PPLA2, …) or '' */
  code: string;
  /** WOF county id of a locality, or the WOF id of a county */
  countyId?: string;
  /** the place itself is too minor to match without a context word */
  minor: boolean;
  coarse?: boolean;
  metonym?: boolean;
  precision?: 1 | 2 | 3;
  within?: string;
  target?: string;
}

type Row = Record<string, string>;

// ---------------------------------------------------------------------------
// Paths

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SHARED = resolve(ROOT, process.env.RASD_SHARED ?? '../shared');
const GAZ_IN = join(SHARED, 'gazetteer');
const CORPUS = join(SHARED, 'corpus', 'arabic-news.jsonl.gz');
const GAZ_OUT = join(ROOT, 'data', 'gazetteer');

export const ATTRIBUTION = [
  "Data from Who's On First (whosonfirst.org). WOF's own data is CC0; records derived from other sources keep their licences.",
  'GeoNames (geonames.org), CC-BY 4.0: most localities and their Arabic alternate names, via Who’s On First.',
  'OpenFlights airport data (openflights.org), ODbL: coordinates of the air bases and airports marked with an ICAO code in curated.json (DAFIF rows are US-government data).',
  'Curated rows (bases, facilities, regions, cities): compiled by the Rasd project.',
];

// ---------------------------------------------------------------------------
// Provinces: canonical English admin1, capital (whose coordinates a province
// takes, ACLED convention) and hand-written Arabic aliases.

interface Province {
  admin1: string;
  name: string;
  country: string;
  capital: string;
  lat: number;
  lon: number;
  ar: string[];
}

const p = (
  admin1: string,
  name: string,
  country: string,
  capital: string,
  lat: number,
  lon: number,
  ar: string[],
): Province => ({ admin1, name, country, capital, lat, lon, ar });

/** Keyed by WOF region id. */
export const PROVINCES: Record<string, Province> = {
  // Iraq
  '85672483': p('Anbar', 'Anbar Governorate', 'IQ', 'الرمادي', 33.42, 43.3, [
    'الأنبار',
    'الانبار',
    'محافظة الأنبار',
  ]),
  '85672491': p('Babil', 'Babil Governorate', 'IQ', 'الحلة', 32.48, 44.42, ['بابل', 'محافظة بابل']),
  '85672447': p('Baghdad', 'Baghdad Governorate', 'IQ', 'بغداد', 33.34, 44.4, ['بغداد', 'محافظة بغداد']),
  '85672453': p('Basra', 'Basra Governorate', 'IQ', 'البصرة', 30.51, 47.78, ['البصرة', 'محافظة البصرة']),
  '85672463': p('Dhi Qar', 'Dhi Qar Governorate', 'IQ', 'الناصرية', 31.04, 46.26, [
    'ذي قار',
    'ذيقار',
    'محافظة ذي قار',
  ]),
  '85672459': p('Al-Qadisiyah', 'Al-Qadisiyah Governorate', 'IQ', 'الديوانية', 31.99, 44.93, [
    'القادسية',
    'محافظة القادسية',
    'محافظة الديوانية',
  ]),
  '85672481': p('Diyala', 'Diyala Governorate', 'IQ', 'بعقوبة', 33.75, 44.64, ['ديالى', 'محافظة ديالى']),
  '85672417': p('Dohuk', 'Dohuk Governorate', 'IQ', 'دهوك', 36.87, 42.99, [
    'دهوك',
    'دهوك',
    'محافظة دهوك',
    'محافظة دهوك',
  ]),
  '85672425': p('Erbil', 'Erbil Governorate', 'IQ', 'أربيل', 36.19, 44.01, [
    'أربيل',
    'اربيل',
    'محافظة أربيل',
    'هولير',
  ]),
  '85672443': p('Karbala', 'Karbala Governorate', 'IQ', 'كربلاء', 32.62, 44.02, [
    'كربلاء',
    'كربلاء المقدسة',
    'محافظة كربلاء',
  ]),
  '1108804831': p('Kirkuk', 'Kirkuk Governorate', 'IQ', 'كركوك', 35.47, 44.39, [
    'كركوك',
    'محافظة كركوك',
    'محافظة التأميم',
  ]),
  '85672469': p('Maysan', 'Maysan Governorate', 'IQ', 'العمارة', 31.84, 47.14, ['ميسان', 'محافظة ميسان']),
  '85672455': p('Muthanna', 'Muthanna Governorate', 'IQ', 'السماوة', 31.31, 45.28, [
    'المثنى',
    'محافظة المثنى',
  ]),
  '85672439': p('Najaf', 'Najaf Governorate', 'IQ', 'النجف', 31.99, 44.33, [
    'النجف',
    'النجف الأشرف',
    'محافظة النجف',
    'محافظة النجف الأشرف',
  ]),
  '85672429': p('Nineveh', 'Nineveh Governorate', 'IQ', 'الموصل', 36.34, 43.13, ['نينوى', 'محافظة نينوى']),
  '85672435': p('Salah al-Din', 'Salah al-Din Governorate', 'IQ', 'تكريت', 34.61, 43.68, [
    'صلاح الدين',
    'صلاح الدين',
    'محافظة صلاح الدين',
  ]),
  '85672475': p('Sulaymaniyah', 'Sulaymaniyah Governorate', 'IQ', 'السليمانية', 35.56, 45.44, [
    'السليمانية',
    'محافظة السليمانية',
  ]),
  '85672473': p('Wasit', 'Wasit Governorate', 'IQ', 'الكوت', 32.51, 45.82, ['واسط', 'محافظة واسط']),
  '1108804835': p('Halabja', 'Halabja Governorate', 'IQ', 'حلبجة', 35.18, 45.99, ['حلبجة', 'محافظة حلبجة']),
  // Syria
  '85678377': p('Al-Hasakah', 'Al-Hasakah Governorate', 'SY', 'الحسكة', 36.5, 40.75, [
    'الحسكة',
    'محافظة الحسكة',
    'ريف الحسكة',
  ]),
  '85678359': p('Aleppo', 'Aleppo Governorate', 'SY', 'حلب', 36.2, 37.15, ['حلب', 'محافظة حلب', 'ريف حلب']),
  '85678355': p('Ar-Raqqa', 'Ar-Raqqa Governorate', 'SY', 'الرقة', 35.95, 39.01, [
    'الرقة',
    'محافظة الرقة',
    'ريف الرقة',
  ]),
  '85678385': p('As-Suwayda', 'As-Suwayda Governorate', 'SY', 'السويداء', 32.71, 36.57, [
    'السويداء',
    'محافظة السويداء',
    'ريف السويداء',
  ]),
  '85678403': p('Damascus', 'Damascus Governorate', 'SY', 'دمشق', 33.51, 36.29, [
    'دمشق',
    'محافظة دمشق',
    'العاصمة السورية',
    'العاصمة السورية دمشق',
  ]),
  '85678399': p('Daraa', 'Daraa Governorate', 'SY', 'درعا', 32.62, 36.1, ['درعا', 'محافظة درعا', 'ريف درعا']),
  '85678381': p('Deir ez-Zor', 'Deir ez-Zor Governorate', 'SY', 'دير الزور', 35.34, 40.14, [
    'دير الزور',
    'ديرالزور',
    'دير الزور',
    'محافظة دير الزور',
    'محافظة ديرالزور',
    'ريف دير الزور',
    'ريف ديرالزور',
  ]),
  '85678363': p('Hama', 'Hama Governorate', 'SY', 'حماة', 35.13, 36.76, [
    'حماة',
    'حماه',
    'محافظة حماة',
    'ريف حماة',
  ]),
  '85678367': p('Homs', 'Homs Governorate', 'SY', 'حمص', 34.73, 36.71, ['حمص', 'محافظة حمص', 'ريف حمص']),
  '85678373': p('Idlib', 'Idlib Governorate', 'SY', 'إدلب', 35.93, 36.63, [
    'إدلب',
    'ادلب',
    'محافظة إدلب',
    'ريف إدلب',
  ]),
  '85678345': p('Latakia', 'Latakia Governorate', 'SY', 'اللاذقية', 35.53, 35.79, [
    'اللاذقية',
    'محافظة اللاذقية',
    'ريف اللاذقية',
  ]),
  '85678395': p('Quneitra', 'Quneitra Governorate', 'SY', 'القنيطرة', 33.13, 35.82, [
    'القنيطرة',
    'محافظة القنيطرة',
    'ريف القنيطرة',
  ]),
  '85678391': p('Rif Dimashq', 'Rif Dimashq Governorate', 'SY', 'دوما', 33.57, 36.4, [
    'ريف دمشق',
    'محافظة ريف دمشق',
  ]),
  '85678349': p('Tartus', 'Tartus Governorate', 'SY', 'طرطوس', 34.89, 35.89, ['طرطوس', 'محافظة طرطوس']),
  // Jordan
  '85672627': p('Amman', 'Amman Governorate', 'JO', 'عمان', 31.95, 35.93, ['محافظة العاصمة', 'محافظة عمان']),
  '85672641': p('Irbid', 'Irbid Governorate', 'JO', 'إربد', 32.56, 35.85, ['إربد', 'اربد', 'محافظة إربد']),
  '85672667': p('Zarqa', 'Zarqa Governorate', 'JO', 'الزرقاء', 32.07, 36.09, ['الزرقاء', 'محافظة الزرقاء']),
  '85672653': p('Balqa', 'Balqa Governorate', 'JO', 'السلط', 32.04, 35.73, ['البلقاء', 'محافظة البلقاء']),
  '85672623': p('Mafraq', 'Mafraq Governorate', 'JO', 'المفرق', 32.34, 36.21, ['المفرق', 'محافظة المفرق']),
  '85672661': p('Karak', 'Karak Governorate', 'JO', 'الكرك', 31.18, 35.7, ['الكرك', 'محافظة الكرك']),
  '85672649': p('Jerash', 'Jerash Governorate', 'JO', 'جرش', 32.28, 35.9, ['جرش', 'محافظة جرش']),
  '85672643': p('Ajloun', 'Ajloun Governorate', 'JO', 'عجلون', 32.33, 35.75, ['عجلون', 'محافظة عجلون']),
  '85672659': p('Madaba', 'Madaba Governorate', 'JO', 'مادبا', 31.72, 35.79, ['مادبا', 'محافظة مادبا']),
  '85672619': p('Aqaba', 'Aqaba Governorate', 'JO', 'العقبة', 29.53, 35.01, ['العقبة', 'محافظة العقبة']),
  '85672633': p('Tafilah', 'Tafilah Governorate', 'JO', 'الطفيلة', 30.84, 35.6, [
    'الطفيلة',
    'محافظة الطفيلة',
  ]),
  '85672637': p("Ma'an", "Ma'an Governorate", 'JO', 'معان', 30.19, 35.74, ['معان', 'محافظة معان']),
  // Kuwait
  '85673383': p('Al Asimah', 'Al Asimah (Capital) Governorate', 'KW', 'مدينة الكويت', 29.37, 47.98, [
    'محافظة العاصمة',
    'العاصمة',
  ]),
  '85673405': p('Hawalli', 'Hawalli Governorate', 'KW', 'حولي', 29.34, 48.02, ['حولي', 'محافظة حولي']),
  '85673389': p('Al Farwaniyah', 'Al Farwaniyah Governorate', 'KW', 'الفروانية', 29.28, 47.96, [
    'الفروانية',
    'محافظة الفروانية',
  ]),
  '85673391': p('Al Ahmadi', 'Al Ahmadi Governorate', 'KW', 'الأحمدي', 29.09, 48.07, [
    'الأحمدي',
    'محافظة الأحمدي',
  ]),
  '85673399': p('Al Jahra', 'Al Jahra Governorate', 'KW', 'الجهراء', 29.34, 47.66, [
    'الجهراء',
    'محافظة الجهراء',
  ]),
  '85673395': p('Mubarak Al-Kabeer', 'Mubarak Al-Kabeer Governorate', 'KW', 'مبارك الكبير', 29.19, 48.06, [
    'محافظة مبارك الكبير',
    'مبارك الكبير',
  ]),
  // Iran: the five provinces on the Iraqi border
  '85672325': p('Khuzestan', 'Khuzestan Province', 'IR', 'الأهواز', 31.32, 48.67, [
    'خوزستان',
    'محافظة خوزستان',
  ]),
  '85672333': p('Ilam', 'Ilam Province', 'IR', 'إيلام', 33.64, 46.42, ['محافظة إيلام', 'محافظة عيلام']),
  '85672369': p('West Azerbaijan', 'West Azerbaijan Province', 'IR', 'أرومية', 37.55, 45.08, [
    'أذربيجان الغربية',
    'محافظة أذربيجان الغربية',
  ]),
  '85672379': p('Kermanshah', 'Kermanshah Province', 'IR', 'كرمانشاه', 34.32, 47.07, [
    'كرمانشاه',
    'محافظة كرمانشاه',
  ]),
  '85672387': p('Kurdistan', 'Kurdistan Province', 'IR', 'سنندج', 35.31, 47.0, [
    'محافظة كردستان',
    'كردستان إيران',
    'كردستان الإيرانية',
  ]),
};

/** WOF region ids that are not governorates but whose places belong to one. */
const REGION_ALIASES: Record<string, string> = {
  '85672421': '1108804831', // At-Ta'mim, the former name of Kirkuk
  '85681385': '85678395', // UNDOF zone → Quneitra
};

/** Arabic names that WOF has wrong (Samawa district labelled سامراء, Hai labelled هاي …). */
const WOF_NAME_FIXES: Record<string, string[]> = {
  '421205333': ['السماوة'], // Samawa district
  '1108562685': ['الحي'], // Hai district (Wasit)
  '1108562711': ['الكحلاء'], // Kahla district (Maysan)
  '1108562701': ['الحمزة'], // Hamza district (Al-Qadisiyah)
  '1108562641': ['الحضر'], // Hatra district ("مملكة الحضر" is the ancient kingdom)
  '1108562647': ['بيجي', 'بايجي'], // Baiji district
};

/** WOF localities that are towns although WOF gives them no population (data/gazetteer/promote.json). */
const PROMOTED = new Set(
  Object.keys(
    (JSON.parse(readFileSync(join(GAZ_OUT, 'promote.json'), 'utf8')) as { towns: Record<string, string> })
      .towns,
  ),
);

/** WOF rows that are misfiled (Lebanese districts listed under Syria). */
const SKIP_WOF_IDS = new Set(['421188347', '421202299', '421177699', '85681385']);

/** Rough country bounding boxes [minLat, maxLat, minLon, maxLon]; rows outside are dropped. */
export const BBOX: Record<string, [number, number, number, number]> = {
  IQ: [29.0, 37.45, 38.7, 48.85],
  SY: [32.3, 37.35, 35.55, 42.45],
  JO: [29.15, 33.4, 34.9, 39.35],
  KW: [28.5, 30.15, 46.5, 48.5],
  IR: [29.5, 40.0, 44.0, 50.5],
};

// ---------------------------------------------------------------------------
// Arabic names

const HARAKAT = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF\u00AD]/g;
/** Arabic letters proper (hamza … yeh); anything else from the Arabic block marks a Persian/Kurdish spelling. */
const ARABIC_NAME = /^[\u0621-\u063A\u0641-\u064A0-9 -]+$/;
/** Context words that make a following name specific (قرية X, قاعدة X …). */
export const CUE_WORDS = [
  'قرية',
  'بلدة',
  'منطقة',
  'ناحية',
  'قضاء',
  'حي',
  'مدينة',
  'قاعدة',
  'مطار',
  'معسكر',
  'محافظة',
  'مخيم',
  'حقل',
  'حقول',
  'معمل',
  'معبر',
  'منفذ',
  'جبل',
  'جبال',
  'سد',
  'شارع',
  'مجمع',
  'مركز',
  'السفارة',
  'سفارة',
  'القنصلية',
  'قنصلية',
  'ميناء',
  'مصفى',
  'مقاطعة',
  'ريف',
  'إقليم',
  'حامية',
  'مقر',
  'مزار',
  'مقام',
  'مرقد',
  'مزرعة',
  'مزارع',
  'طريق',
  'بادية',
  'صحراء',
];
const CUE_WORDS_FOLDED = new Set(CUE_WORDS.map(fold));

/** Removes harakat, tatweel and invisible marks, maps Persian ی/ک to Arabic, tidies spaces. */
export function cleanArabic(raw: string): string {
  return raw
    .replace(INVISIBLE, '')
    .replace(HARAKAT, '')
    .replace(/ی/g, 'ي') // Persian yeh and kaf → Arabic
    .replace(/ک/g, 'ك')
    .replace(/^ال (?=\S)/, 'ال') // "ال شداد" → "الشداد"
    .replace(/\s+/g, ' ')
    .trim();
}

/** Letter count of a name, ignoring spaces, hyphens and digits. */
function letterCount(name: string): number {
  return name.replace(/[\s0-9-]/g, '').length;
}

/**
 * Returns the usable Arabic-script name, or null: Latin names, Persian/Kurdish spellings
 * and names of one or two letters are dropped. A trailing "، …" qualifier is cut off.
 */
export function arabicName(raw: string): string | null {
  const name = cleanArabic(raw.split(/[،,(]/)[0]);
  if (!ARABIC_NAME.test(name)) return null;
  if (letterCount(name) < 3) return null;
  return name;
}

/** True when the name starts with a context word and has more words after it (قاعدة بلد). */
export function isSelfCued(name: string): boolean {
  const words = fold(name).split(' ');
  return words.length > 1 && CUE_WORDS_FOLDED.has(words[0]);
}

/** How much orthographic detail a spelling keeps (hamza, ta marbuta). */
const detail = (s: string) => s.replace(/[^أإآؤئة]/g, '').length;

/**
 * Adds names not yet present (compared folded). Of spellings that fold alike, the one
 * with hamza / ta marbuta is kept ("السماوة" over "السماوه"), else the first seen.
 */
export function addNames(target: string[], names: Iterable<string>): void {
  const index = new Map(target.map((n, i) => [fold(n), i]));
  for (const n of names) {
    const f = fold(n);
    if (!f) continue;
    const i = index.get(f);
    if (i === undefined) {
      index.set(f, target.length);
      target.push(n);
    } else if (detail(n) > detail(target[i])) target[i] = n;
  }
}

/** The names, de-duplicated by folded form. */
export function uniqueNames(names: Iterable<string>): string[] {
  const out: string[] = [];
  addNames(out, names);
  return out;
}

// ---------------------------------------------------------------------------
// Reading the sources

/** Splits a TSV file into rows keyed by the header. */
export function parseTsv(text: string): Row[] {
  const lines = text.split('\n').filter((l) => l.length > 0);
  const header = lines[0].split('\t');
  return lines.slice(1).map((line) => parseTsvRow(header, line));
}

export function parseTsvRow(header: string[], line: string): Row {
  const cells = line.replace(/\r$/, '').split('\t');
  const row: Row = {};
  header.forEach((h, i) => {
    row[h] = cells[i] ?? '';
  });
  return row;
}

const multi = (v: string): string[] => (v ? v.split('|') : []);

/** Parses one CSV line with double-quoted fields (OpenFlights format). */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** ICAO code → [lat, lon] from both OpenFlights files (the "extended" file wins). */
function readAirfields(): Map<string, [number, number]> {
  const byIcao = new Map<string, [number, number]>();
  const dafif = join(GAZ_IN, 'openflights-airports-dafif-IZ-SY-JO-KU.dat');
  for (const line of readFileSync(dafif, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const [, , icao, , lon, lat] = parseCsvLine(line); // DAFIF: longitude before latitude
    if (icao) byIcao.set(icao, [Number(lat), Number(lon)]);
  }
  const extended = join(GAZ_IN, 'openflights-airports-extended-IQ-SY-JO-KW.dat');
  for (const line of readFileSync(extended, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const f = parseCsvLine(line);
    const icao = f[5];
    if (icao && icao !== '\\N') byIcao.set(icao, [Number(f[6]), Number(f[7])]);
  }
  return byIcao;
}

// ---------------------------------------------------------------------------
// WOF rows → candidates

/** Latin name without BGN diacritics: "Al Ḩillah" → "Al Hillah". */
export function plainEnglish(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[‘’`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** city / town / village from population and GeoNames feature code. */
export function classifyLocality(pop: number | undefined, code: string, isCapital = false): Kind {
  if (isCapital || (pop ?? 0) >= 100_000 || code === 'PPLA' || code === 'PPLC') return 'city';
  if ((pop ?? 0) >= 10_000 || code === 'PPLA2' || code === 'PPLA3') return 'town';
  return 'village';
}

/** A locality/neighbourhood that should only match after a context word. */
export function isMinor(kind: Kind, pop: number | undefined, code: string): boolean {
  if (kind === 'village' || kind === 'neighbourhood') return true;
  if (kind === 'city' || kind === 'town') return !((pop ?? 0) >= 20_000 || /^PPL(A\d?|C)$/.test(code));
  return false;
}

function wofKeep(row: Row): boolean {
  if (row.is_current === '0' || row.deprecated !== '' || row.superseded_by !== '') return false;
  if (SKIP_WOF_IDS.has(row.wof_id)) return false;
  return ['country', 'region', 'county', 'locality', 'neighbourhood', 'microhood'].includes(row.placetype);
}

function regionOf(row: Row): Province | undefined {
  const id = REGION_ALIASES[row.region_id] ?? row.region_id;
  return PROVINCES[id];
}

/**
 * Arabic names of a WOF row. With `persian`, an Iranian row without any Arabic name may
 * use its Persian name when that is also a plausible Arabic spelling (no پ چ ژ گ …).
 */
function wofNames(row: Row, persian = false): string[] {
  const fixed = WOF_NAME_FIXES[row.wof_id];
  if (fixed) return fixed;
  const raw = [row.name_ara_preferred, ...multi(row.name_ara_variant), row.name_arz_preferred].filter(
    Boolean,
  );
  const names = uniqueNames(raw.map(arabicName).filter((n): n is string => n !== null));
  if (names.length === 0 && persian && row.country === 'IR' && row.name_fas_preferred) {
    const fas = arabicName(row.name_fas_preferred.replace(/^(شهرستان|استان) /, ''));
    if (fas) names.push(fas);
  }
  return names;
}

/**
 * "قرية X" / "ناحية X" / "حي X" … → "X": the context word belongs in the text, not in the
 * name of a village or neighbourhood (then "بلدة X" matches too). "مدينة X" is kept
 * (مدينة الصدر is not الصدر).
 */
export function stripSettlementWord(name: string): string {
  const m = /^(قرية|قريه|بلدة|ناحية|حي|منطقة|محافظة) (.+)$/.exec(name);
  return m && letterCount(m[2]) >= 3 ? m[2] : name;
}

/** For districts: bare name plus "قضاء X" (Iraq) or "منطقة X" (Syria). */
export function districtNames(names: string[], country: string): string[] {
  const out: string[] = [];
  for (const n of names) {
    const bare = n.replace(/^(قضاء|منطقة|مقاطعة|مركز|ناحية|شهرستان) /, '');
    out.push(bare);
    if (country === 'IQ') out.push(`قضاء ${bare}`);
    if (country === 'SY') out.push(`منطقة ${bare}`);
    if (country === 'IR') out.push(`مقاطعة ${bare}`);
  }
  return out;
}

function wofCandidate(row: Row): Candidate | null {
  const country = row.country;
  const pop = Number(row.population) > 0 ? Number(row.population) : undefined;
  const code = row.gn_feature_code ?? '';
  const lat = Number(row.latitude);
  const lon = Number(row.longitude);
  const province = regionOf(row);
  const base = {
    id: `wof:${row.wof_id}`,
    country,
    admin1: province?.admin1 ?? null,
    lat,
    lon,
    pop,
    source: 'wof' as const,
    code,
  };
  const english = plainEnglish(row.name_eng_preferred || row.name);
  switch (row.placetype) {
    case 'country': {
      const names = wofNames(row);
      return { ...base, admin1: null, name: english, kind: 'country', names, minor: false };
    }
    case 'region': {
      const prov = PROVINCES[row.wof_id];
      if (!prov) return null;
      // WOF lists the capital among a region's variants (الموصل under Nineveh …): keep
      // only the preferred name and "محافظة X" forms; the table adds the rest.
      const wof = wofNames(row, true).filter(
        (n, i) => i === 0 || n.startsWith('محافظة') || fold(n) === fold(prov.ar[0]),
      );
      const names = uniqueNames([...prov.ar, ...wof.filter((n) => fold(n) !== fold(prov.capital))]);
      return {
        ...base,
        admin1: prov.admin1,
        name: prov.name,
        kind: 'province',
        lat: prov.lat,
        lon: prov.lon,
        names,
        minor: false,
      };
    }
    case 'county': {
      const names = uniqueNames(districtNames(wofNames(row, true), country));
      return {
        ...base,
        name: `${english} ${country === 'IR' ? 'County' : 'District'}`,
        kind: 'district',
        names,
        countyId: row.wof_id,
        minor: false,
      };
    }
    case 'neighbourhood':
    case 'microhood':
      return {
        ...base,
        name: english,
        kind: 'neighbourhood',
        names: uniqueNames(wofNames(row).map(stripSettlementWord)),
        countyId: row.county_id,
        minor: true,
      };
    case 'locality': {
      const arabic = wofNames(row);
      const isCapital =
        province !== undefined &&
        arabic.some((n) => fold(n) === fold(province.capital)) &&
        km(lat, lon, province.lat, province.lon) < 15;
      let kind = classifyLocality(pop, code, isCapital);
      let minor = isCapital ? false : isMinor(kind, pop, code);
      // a town of conflict reporting that WOF gives no population (promote.json)
      if (PROMOTED.has(row.wof_id)) {
        if (kind === 'village') kind = 'town';
        minor = false;
      }
      return {
        ...base,
        name: english,
        kind,
        names: uniqueNames((minor ? arabic : wofNames(row, true)).map(stripSettlementWord)),
        countyId: row.county_id,
        minor,
      };
    }
    default:
      return null;
  }
}

export function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Places without a WOF region get the admin1 of their nearest neighbour in the same country. */
function fillAdmin1(cands: Candidate[]): number {
  const known = cands.filter((c) => c.admin1 && c.source === 'wof' && c.kind !== 'province');
  let filled = 0;
  for (const c of cands) {
    if (c.admin1 || c.kind === 'country') continue;
    let best: Candidate | undefined;
    let bestD = Number.POSITIVE_INFINITY;
    for (const k of known) {
      if (k.country !== c.country || Math.abs(k.lat - c.lat) > 0.5 || Math.abs(k.lon - c.lon) > 0.5) continue;
      const d = km(c.lat, c.lon, k.lat, k.lon);
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    if (best) {
      c.admin1 = best.admin1;
      filled++;
    }
  }
  return filled;
}

/**
 * A district whose bare name is also the name of a locality in it (its seat) gives that
 * name to the locality and keeps "قضاء X"; it takes the seat's coordinates. A seat is at
 * least a town and matches without a context word. WOF's county links are unreliable
 * (Samarra city sits in the Daur county), so "in it" means: in the same province, or in
 * the same county.
 */
function resolveDistrictSeats(cands: Candidate[]): number {
  const localities = cands.filter(
    (c) => c.source === 'wof' && (c.kind === 'city' || c.kind === 'town' || c.kind === 'village'),
  );
  let seats = 0;
  for (const d of cands) {
    if (d.kind !== 'district') continue;
    const inside = localities.filter(
      (s) =>
        s.country === d.country &&
        ((d.countyId !== undefined && s.countyId === d.countyId) ||
          (d.admin1 !== null && s.admin1 === d.admin1 && km(s.lat, s.lon, d.lat, d.lon) < 80)),
    );
    for (const n of [...d.names]) {
      if (isSelfCued(n)) continue;
      const seat = inside
        .filter((s) => s.names.some((sn) => fold(sn) === fold(n)))
        .sort((a, b) => compareImportance(a, b))[0];
      if (!seat) continue;
      d.names = d.names.filter((x) => fold(x) !== fold(n));
      d.lat = seat.lat;
      d.lon = seat.lon;
      if (seat.kind === 'village') seat.kind = 'town';
      seat.minor = false;
      seats++;
    }
  }
  return seats;
}

/**
 * Reporting is Iraq/Syria-centric: a WOF place in Jordan, Kuwait or Iran loses a name
 * that a place in Iraq or Syria also has (الرقة is Raqqa, not the Kuwaiti suburb), and
 * Iranian places also yield to Jordan and Kuwait. A major place (province, city …) only
 * yields to a major place: معان the Jordanian governorate keeps its name although a
 * Syrian village is called معان too. Curated rows keep their names.
 */
function yieldToCore(cands: Candidate[]): number {
  const tiers: [string[], string[]][] = [
    [
      ['JO', 'KW', 'IR'],
      ['IQ', 'SY'],
    ],
    [['IR'], ['JO', 'KW']],
  ];
  let removed = 0;
  for (const [weak, strong] of tiers) {
    const held = new Set<string>();
    const heldByMajor = new Set<string>();
    for (const c of cands) {
      if (!strong.includes(c.country)) continue;
      for (const n of c.names) {
        held.add(fold(n));
        if (!c.minor) heldByMajor.add(fold(n));
      }
    }
    for (const c of cands) {
      if (c.source !== 'wof' || !weak.includes(c.country)) continue;
      const taken = c.minor ? held : heldByMajor;
      const before = c.names.length;
      c.names = c.names.filter((n) => !taken.has(fold(n)));
      removed += before - c.names.length;
    }
  }
  return removed;
}

// ---------------------------------------------------------------------------
// Curated rows

interface CuratedRow extends Omit<Place, 'cue'> {
  cue?: boolean;
  icao?: string;
}

function readCurated(airfields: Map<string, [number, number]>): Candidate[] {
  const rows = JSON.parse(readFileSync(join(GAZ_OUT, 'curated.json'), 'utf8')) as CuratedRow[];
  const known = new Set(rows.map((r) => r.id));
  for (const r of rows)
    if (r.within && (!known.has(r.within) || r.within === r.id))
      throw new Error(`curated.json: ${r.id} lies within ${r.within}, which is no other curated place`);
  const ids = new Set<string>();
  const aliasOwner = new Map<string, string>();
  return rows.map((r) => {
    if (ids.has(r.id)) throw new Error(`curated.json: duplicate id ${r.id}`);
    ids.add(r.id);
    for (const a of r.ar) {
      const key = `${r.country}\t${fold(a)}`;
      const owner = aliasOwner.get(key);
      if (owner && owner !== r.id)
        throw new Error(`curated.json: "${a}" is an alias of both ${owner} and ${r.id}`);
      aliasOwner.set(key, r.id);
    }
    if (!KINDS.includes(r.kind)) throw new Error(`curated.json: ${r.id} has unknown kind ${r.kind}`);
    if (r.target && !(TARGETS as readonly string[]).includes(r.target))
      throw new Error(`curated.json: ${r.id} has unknown target ${r.target} (one of ${TARGETS.join(', ')})`);
    let { lat, lon } = r;
    if (r.icao) {
      const af = airfields.get(r.icao);
      if (!af) throw new Error(`curated.json: ${r.id} cites ICAO ${r.icao}, not in OpenFlights`);
      const d = km(lat, lon, af[0], af[1]);
      if (d > 5)
        console.warn(`  ! ${r.id}: curated coordinates are ${d.toFixed(1)} km from OpenFlights ${r.icao}`);
      lat = af[0];
      lon = af[1];
    }
    const names = uniqueNames(
      r.ar.flatMap((n) => [cleanArabic(n), ...spelledNumberVariants(cleanArabic(n))]),
    );
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      country: r.country,
      admin1: r.admin1,
      lat,
      lon,
      names,
      pop: r.pop,
      source: 'curated',
      code: '',
      minor: r.cue ?? false,
      ...(r.coarse ? { coarse: true } : {}),
      ...(r.metonym ? { metonym: true } : {}),
      ...(r.within ? { within: r.within } : {}),
      ...(r.target ? { target: r.target } : {}),
    };
  });
}

// ---------------------------------------------------------------------------
// Spelled-out numbers in site names ("البرج 22" = "البرج اثنان وعشرون")

interface NumbersFile {
  units: Record<string, string[]>;
  teenUnits: Record<string, string[]>;
  ten: string[];
  tens: Record<string, string[]>;
}

const NUMBERS = JSON.parse(
  readFileSync(join(ROOT, 'data', 'lexicon', 'numbers.json'), 'utf8'),
) as NumbersFile;

/** The ways of writing 1–99 in words (cardinals, both genders and cases). */
export function numberWords(n: number): string[] {
  if (n < 1 || n > 99) return [];
  if (n < 10) return NUMBERS.units[String(n)] ?? [];
  if (n === 10) return NUMBERS.ten;
  if (n < 20) {
    const u = n - 10;
    const heads = u <= 2 ? (NUMBERS.teenUnits[String(u)] ?? []) : (NUMBERS.units[String(u)] ?? []);
    return heads.flatMap((h) => NUMBERS.ten.map((t) => `${h} ${t}`));
  }
  const tens = NUMBERS.tens[String(n - (n % 10))] ?? [];
  if (n % 10 === 0) return tens;
  return (NUMBERS.units[String(n % 10)] ?? []).flatMap((u) => tens.map((t) => `${u} و${t}`));
}

/** A name with a number written in digits, with the number spelled out instead. */
export function spelledNumberVariants(name: string): string[] {
  const m = /(^|\s)(\d{1,2})(?=\s|$)/u.exec(name);
  if (!m) return [];
  const at = m.index + m[1].length;
  return numberWords(Number(m[2])).map((w) => `${name.slice(0, at)}${w}${name.slice(at + m[2].length)}`);
}

// ---------------------------------------------------------------------------
// Macro-regions (data/gazetteer/regions.json): directional parts of countries and
// provinces, deserts and borders. All carry geo_precision 3.

interface Direction {
  english: string;
  before: string[];
  adjective: string;
  noun: string;
  bearing: number;
}

interface RegionsFile {
  directions: Record<string, Direction>;
  countries: Record<string, { english: string; names: string[]; adjective: string }>;
  country_regions: { country: string; dir: string; admin1: string; lat: number; lon: number }[];
  named: {
    id: string;
    name: string;
    country: string;
    admin1: string;
    lat: number;
    lon: number;
    ar: string[];
  }[];
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Compass bearing (0 = north, 90 = east) from one point to another, flat-earth approximation. */
export function bearing(lat0: number, lon0: number, lat: number, lon: number): number {
  const dx = (lon - lon0) * Math.cos((lat0 * Math.PI) / 180);
  const dy = lat - lat0;
  return ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
}

/**
 * The representative point of one directional part of a set of points: the mean of the
 * points that lie within 45° of the bearing and farther from the centre than the median.
 */
export function sectorPoint(
  points: { lat: number; lon: number }[],
  dirBearing: number,
): { lat: number; lon: number } | null {
  if (points.length < 10) return null;
  const lat0 = points.reduce((a, p) => a + p.lat, 0) / points.length;
  const lon0 = points.reduce((a, p) => a + p.lon, 0) / points.length;
  const dist = points.map((p) => km(lat0, lon0, p.lat, p.lon));
  const median = [...dist].sort((a, b) => a - b)[Math.floor(dist.length / 2)];
  const sel = points.filter((p, i) => {
    const d = Math.abs(((bearing(lat0, lon0, p.lat, p.lon) - dirBearing + 540) % 360) - 180);
    return d <= 45 && dist[i] >= median;
  });
  if (sel.length < 3) return null;
  return {
    lat: sel.reduce((a, p) => a + p.lat, 0) / sel.length,
    lon: sel.reduce((a, p) => a + p.lon, 0) / sel.length,
  };
}

/** "لل" + name without its article, or "ل" + name: the name after the preposition ل. */
const withLam = (n: string) => (n.startsWith('ال') ? `لل${n.slice(2)}` : `ل${n}`);

function regionCandidate(
  id: string,
  name: string,
  country: string,
  admin1: string | null,
  lat: number,
  lon: number,
  names: string[],
): Candidate {
  return {
    id,
    name,
    kind: 'region',
    country,
    admin1,
    lat,
    lon,
    names: uniqueNames(names.map(cleanArabic)),
    source: 'curated',
    code: '',
    minor: false,
    precision: 3,
  };
}

function macroRegions(all: Candidate[]): Candidate[] {
  const data = JSON.parse(readFileSync(join(GAZ_OUT, 'regions.json'), 'utf8')) as RegionsFile;
  const out: Candidate[] = [];
  for (const r of data.country_regions) {
    const dir = data.directions[r.dir];
    const c = data.countries[r.country];
    if (!dir || !c) throw new Error(`regions.json: unknown direction or country in ${JSON.stringify(r)}`);
    const names = [
      ...c.names.flatMap((n) => dir.before.map((b) => `${b} ${n}`)),
      `${dir.noun} ${c.adjective}`,
    ];
    out.push(
      regionCandidate(
        `region:${slug(r.country)}-${slug(r.dir)}`,
        `${dir.english} ${c.english}`,
        r.country,
        r.admin1,
        r.lat,
        r.lon,
        names,
      ),
    );
  }
  for (const prov of Object.values(PROVINCES)) {
    if (!data.countries[prov.country]) continue;
    const points = all.filter(
      (c) =>
        c.source === 'wof' &&
        c.country === prov.country &&
        c.admin1 === prov.admin1 &&
        (c.kind === 'city' || c.kind === 'town' || c.kind === 'village'),
    );
    const bare = prov.ar.filter(
      (n) => !/^(?:محافظة|ريف|العاصمة) /.test(n) && !/^(?:محافظة|العاصمة)$/.test(n),
    );
    for (const [dirName, dir] of Object.entries(data.directions)) {
      const pt = sectorPoint(points, dir.bearing);
      if (!pt) continue;
      const names: string[] = [];
      for (const n of bare) {
        // ("جنوب العاصمة بغداد", "شمال مدينة كركوك": the province's capital by its cue word)
        for (const b of dir.before)
          names.push(`${b} ${n}`, `${b} محافظة ${n}`, `${b} العاصمة ${n}`, `${b} مدينة ${n}`);
        names.push(
          `ريف ${n} ${dir.adjective}`,
          `ريف محافظة ${n} ${dir.adjective}`,
          `الريف ${dir.adjective} ${withLam(n)}`,
          `الريف ${dir.adjective} لمحافظة ${n}`,
        );
      }
      out.push(
        regionCandidate(
          `region:${slug(prov.admin1)}-${slug(dirName)}`,
          `${dir.english} ${prov.name}`,
          prov.country,
          prov.admin1,
          pt.lat,
          pt.lon,
          names,
        ),
      );
    }
  }
  for (const r of data.named)
    out.push(regionCandidate(r.id, r.name, r.country, r.admin1, r.lat, r.lon, r.ar));
  return out;
}

// ---------------------------------------------------------------------------
// De-duplication

const KIND_TIER: Partial<Record<Kind, number>> = {
  country: 9,
  province: 8,
  district: 7,
  city: 6,
  town: 5,
  neighbourhood: 4,
  village: 3,
};

function codeScore(code: string): number {
  if (/^PPL(A\d?|C)$/.test(code)) return 3;
  if (code === 'PPL' || code === '') return 2;
  if (code === 'PPLL' || code === 'PPLF' || code === 'PPLS') return 1;
  return 0; // PPLQ abandoned, PPLW destroyed, PPLH historical …
}

/** Sort key: higher is more important. Curated rows always win. */
function importance(c: Candidate): number[] {
  const tier = c.source === 'curated' ? 10 : (KIND_TIER[c.kind] ?? 2);
  return [tier, c.pop ?? 0, codeScore(c.code)];
}

function compareImportance(a: Candidate, b: Candidate): number {
  const ia = importance(a);
  const ib = importance(b);
  for (let i = 0; i < ia.length; i++) if (ia[i] !== ib[i]) return ib[i] - ia[i];
  return 0;
}

/**
 * Index, in a list sorted by importance, of the place that keeps a shared name. Minor WOF
 * places of equal rank at the top cannot be told apart, so they all lose it and the next
 * rank is tried; an index past the end means nobody keeps the name.
 */
function keeperIndex(sorted: Candidate[]): number {
  let i = 0;
  while (i < sorted.length) {
    const top = sorted[i];
    if (top.source !== 'wof' || !top.minor) return i;
    let j = i + 1;
    while (j < sorted.length && compareImportance(sorted[j], top) === 0) j++;
    if (j === i + 1) return i;
    i = j;
  }
  return i;
}

interface DedupeStats {
  shared: number;
  droppedTies: number;
}

/**
 * Within one country every folded name stays on one place only: the most important
 * (curated > country > province > district > city by population > town > neighbourhood
 * > village). When equally ranked villages/neighbourhoods share a name, nothing tells
 * them apart, so the name is removed from all of them (a guess would usually be wrong).
 */
function dedupeNames(cands: Candidate[]): DedupeStats {
  const stats: DedupeStats = { shared: 0, droppedTies: 0 };
  const holders = new Map<string, Candidate[]>();
  for (const c of cands) {
    for (const n of c.names) {
      const key = `${c.country}\t${fold(n)}`;
      const list = holders.get(key) ?? [];
      if (!list.includes(c)) list.push(c);
      holders.set(key, list);
    }
  }
  const remove = new Map<Candidate, Set<string>>();
  const drop = (c: Candidate, f: string) => {
    const s = remove.get(c) ?? new Set<string>();
    s.add(f);
    remove.set(c, s);
  };
  for (const [key, list] of holders) {
    if (list.length < 2) continue;
    stats.shared++;
    const f = key.split('\t')[1];
    const sorted = [...list].sort(compareImportance);
    const keeper = keeperIndex(sorted);
    stats.droppedTies += keeper;
    sorted.forEach((c, i) => {
      if (i !== keeper) drop(c, f);
    });
  }
  for (const [c, fs] of remove) c.names = c.names.filter((n) => !fs.has(fold(n)));
  return stats;
}

// ---------------------------------------------------------------------------
// Ambiguity: the hand list and the corpus check

/** Countries, provinces and cities: the corpus check does not demote them. */
function isWellKnown(c: Candidate): boolean {
  return c.kind === 'country' || c.kind === 'province' || c.kind === 'city';
}

export function readAmbiguous(path: string): Set<string> {
  const words = new Set<string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const w = line.replace(/#.*/, '').trim();
    if (w) words.add(fold(w));
  }
  return words;
}

/** Splits folded text into word tokens. */
export function tokenize(folded: string): string[] {
  return folded.split(/[^\u0621-\u064Aa-z0-9]+/).filter(Boolean);
}

/** The token and the forms it has without و ف ب ل ك proclitics (لل → ال). */
export function tokenForms(t: string): string[] {
  const forms = [t];
  const strip = (s: string) => {
    if (s.length >= 5 && s.startsWith('لل')) forms.push(`ال${s.slice(2)}`);
    else if (s.length >= 4 && /^[بلك]/.test(s)) forms.push(s.slice(1));
  };
  if (t.length >= 4 && /^[وف]/.test(t)) {
    const rest = t.slice(1);
    forms.push(rest);
    strip(rest);
  } else strip(t);
  return forms;
}

const NON_POLITICAL = new Set(['sport', 'culture', 'economy', 'technology']);
const POLITICAL = new Set(['internationalNews', 'middleEast']);

interface CorpusCounts {
  docsNonPol: number;
  docsPol: number;
  /** documents in which the name occurs (bare or after a proclitic) */
  nonPol: Map<string, number>;
  pol: Map<string, number>;
  /** documents, of any topic, in which the name occurs bare (no proclitic) */
  bare: Map<string, number>;
  /** documents, of any topic, in which the name occurs at all */
  any: Map<string, number>;
}

/**
 * Document frequency of each candidate name (folded, as a whole-word sequence, after
 * optional proclitics) in the first `maxLines` articles, split into non-political
 * topics (sport, culture, economy, technology) and political ones.
 */
async function countInCorpus(names: Iterable<string>, maxLines: number): Promise<CorpusCounts> {
  const byFirst = new Map<string, string[][]>();
  for (const n of names) {
    const toks = tokenize(n);
    if (toks.length === 0) continue;
    const list = byFirst.get(toks[0]) ?? [];
    list.push(toks);
    byFirst.set(toks[0], list);
  }
  const counts: CorpusCounts = {
    docsNonPol: 0,
    docsPol: 0,
    nonPol: new Map(),
    pol: new Map(),
    bare: new Map(),
    any: new Map(),
  };
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const rl = createInterface({ input: createReadStream(CORPUS).pipe(createGunzip()), crlfDelay: Infinity });
  let lines = 0;
  for await (const line of rl) {
    if (++lines > maxLines) break;
    const art = JSON.parse(line) as { topic: string | null; title: string | null; text: string };
    const group = NON_POLITICAL.has(art.topic ?? '')
      ? 'nonPol'
      : POLITICAL.has(art.topic ?? '')
        ? 'pol'
        : null;
    if (group === 'nonPol') counts.docsNonPol++;
    if (group === 'pol') counts.docsPol++;
    const toks = tokenize(fold(`${art.title ?? ''}\n${art.text}`));
    const found = new Set<string>();
    const foundBare = new Set<string>();
    for (let i = 0; i < toks.length; i++) {
      tokenForms(toks[i]).forEach((f, formIndex) => {
        for (const cand of byFirst.get(f) ?? []) {
          let ok = true;
          for (let j = 1; j < cand.length && ok; j++) ok = toks[i + j] === cand[j];
          if (!ok) continue;
          found.add(cand.join(' '));
          if (formIndex === 0) foundBare.add(cand.join(' '));
        }
      });
    }
    for (const k of found) {
      bump(counts.any, k);
      if (group) bump(counts[group], k);
    }
    for (const k of foundBare) bump(counts.bare, k);
  }
  rl.close();
  return counts;
}

/** Tuning of the corpus check (see README): how often a name must occur outside politics. */
export const CORPUS_MIN_DOCS = 8;
export const CORPUS_MIN_RATIO = 0.5;
/**
 * A name seen mostly as the tail of a longer word (بنان in لبنان) is a clitic trap. Place
 * lists ("مضايا والزبداني") make short counts noisy, so this needs many documents.
 */
export const CLITIC_MIN_DOCS = 30;
export const CLITIC_MAX_BARE_SHARE = 0.1;

/**
 * Names that occur often in sport/culture/economy/technology articles, relative to
 * political ones, are common words there (النصر, الباب, التقدم …), not places. So are
 * names found mostly after a proclitic letter, i.e. inside another word (بنان ← لبنان).
 */
export function commonWordNames(counts: CorpusCounts): Map<string, [number, number]> {
  const flipped = new Map<string, [number, number]>();
  for (const [name, n] of counts.any) {
    if (n >= CLITIC_MIN_DOCS && (counts.bare.get(name) ?? 0) < CLITIC_MAX_BARE_SHARE * n) {
      flipped.set(name, [counts.nonPol.get(name) ?? 0, counts.pol.get(name) ?? 0]);
    }
  }
  for (const [name, n] of counts.nonPol) {
    if (n < CORPUS_MIN_DOCS) continue;
    const pol = counts.pol.get(name) ?? 0;
    const rateNon = n / counts.docsNonPol;
    const ratePol = pol / counts.docsPol;
    if (rateNon >= CORPUS_MIN_RATIO * ratePol) flipped.set(name, [n, pol]);
  }
  return flipped;
}

// ---------------------------------------------------------------------------
// Output rows

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * Splits a candidate into at most two rows: names that match on their own (cue:false)
 * and names that need a context word before them (cue:true, id suffixed ":cue" when
 * both exist).
 */
export function toPlaces(c: Candidate, needsCue: (name: string, c: Candidate) => boolean): Place[] {
  const free = c.names.filter((n) => (isSelfCued(n) || !c.minor) && !needsCue(n, c));
  const cued = c.names.filter((n) => !free.includes(n));
  const row = (id: string, ar: string[], cue: boolean): Place => {
    const place: Place = {
      id,
      name: c.name,
      kind: c.kind,
      country: c.country,
      admin1: c.admin1,
      lat: round(c.lat, 3),
      lon: round(c.lon, 3),
      ar,
      cue,
    };
    if (c.pop) place.pop = c.pop;
    if (c.coarse) place.coarse = true;
    if (c.metonym) place.metonym = true;
    if (c.precision) place.precision = c.precision;
    if (c.within) place.within = c.within;
    if (c.target) place.target = c.target;
    return place;
  };
  const out: Place[] = [];
  if (free.length) out.push(row(c.id, free, false));
  if (cued.length) out.push(row(free.length ? `${c.id}:cue` : c.id, cued, true));
  return out;
}

function placeLine(pl: Place): string {
  const ordered: Record<string, unknown> = {
    id: pl.id,
    name: pl.name,
    kind: pl.kind,
    country: pl.country,
    admin1: pl.admin1,
    lat: pl.lat,
    lon: pl.lon,
    ar: pl.ar,
  };
  if (pl.pop !== undefined) ordered.pop = pl.pop;
  ordered.cue = pl.cue;
  if (pl.coarse) ordered.coarse = true;
  if (pl.metonym) ordered.metonym = true;
  if (pl.precision) ordered.precision = pl.precision;
  if (pl.within) ordered.within = pl.within;
  if (pl.target) ordered.target = pl.target;
  return JSON.stringify(ordered);
}

const KIND_ORDER = new Map(KINDS.map((k, i) => [k, i]));
const COUNTRY_ORDER = ['IQ', 'SY', 'JO', 'KW', 'IR'];

function comparePlaces(a: Place, b: Place): number {
  const ca = COUNTRY_ORDER.indexOf(a.country);
  const cb = COUNTRY_ORDER.indexOf(b.country);
  if (ca !== cb) return (ca < 0 ? 99 : ca) - (cb < 0 ? 99 : cb) || a.country.localeCompare(b.country);
  const ka = KIND_ORDER.get(a.kind) ?? 0;
  const kb = KIND_ORDER.get(b.kind) ?? 0;
  if (ka !== kb) return ka - kb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// ---------------------------------------------------------------------------
// Main

function inBox(c: { country: string; lat: number; lon: number }): boolean {
  const box = BBOX[c.country];
  if (!box) return true; // curated places outside the five countries
  return c.lat >= box[0] && c.lat <= box[1] && c.lon >= box[2] && c.lon <= box[3];
}

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) out[key(it)] = (out[key(it)] ?? 0) + 1;
  return out;
}

async function main(): Promise<void> {
  if (!existsSync(GAZ_IN)) throw new Error(`gazetteer sources not found at ${GAZ_IN} (set RASD_SHARED)`);
  console.log(`reading ${GAZ_IN}`);

  const airfields = readAirfields();
  const curated = readCurated(airfields);
  const ambiguous = readAmbiguous(join(GAZ_OUT, 'ambiguous.txt'));
  // prepositions and particles that some WOF village is named after (same format as ambiguous.txt)
  const notNames = readAmbiguous(join(GAZ_OUT, 'not-names.txt'));

  const wof: Candidate[] = [];
  let skipped = 0;
  for (const file of ['wof-iq.tsv', 'wof-sy.tsv', 'wof-jo.tsv', 'wof-kw.tsv', 'wof-ir-border.tsv']) {
    for (const row of parseTsv(readFileSync(join(GAZ_IN, file), 'utf8'))) {
      if (!wofKeep(row)) {
        skipped++;
        continue;
      }
      const c = wofCandidate(row);
      if (c) c.names = c.names.filter((n) => !notNames.has(fold(n)));
      if (c && c.names.length > 0) wof.push(c);
    }
  }
  console.log(
    `WOF: ${wof.length} places with Arabic names kept, ${skipped} rows skipped (not current, deprecated, campus …)`,
  );

  const outside = wof.filter((c) => !inBox(c));
  if (outside.length)
    console.log(`dropped ${outside.length} WOF places outside their country's bounding box`);
  const all = [...curated, ...wof.filter((c) => inBox(c))];

  console.log(`admin1 from nearest neighbour: ${fillAdmin1(all)} places without a WOF region`);
  const regions = macroRegions(all);
  console.log(
    `macro-regions: ${regions.length} (directional parts of countries and provinces, deserts, borders)`,
  );
  all.push(...regions);
  console.log(`district seats: ${resolveDistrictSeats(all)} district names handed to their seat city`);

  console.log(`peripheral countries: ${yieldToCore(all)} names of JO/KW/IR places left to Iraq/Syria`);

  const dd = dedupeNames(all);
  console.log(
    `dedupe: ${dd.shared} names were shared within a country; ${dd.droppedTies} tied minor holders lost them`,
  );
  const kept = all.filter((c) => c.names.length > 0);

  // Which free-matching names are common words? The hand list, then the corpus.
  // Countries, provinces and cities are known well enough to match on their own even when
  // the word has another meaning (الرمادي "grey", القادسية a football club, الكويت …);
  // only ambiguous.txt can demote them.
  const candidateNames = new Set<string>();
  for (const c of kept) {
    if (c.minor || isWellKnown(c)) continue;
    for (const n of c.names) if (!isSelfCued(n) && !ambiguous.has(fold(n))) candidateNames.add(fold(n));
  }
  let flipped = new Map<string, [number, number]>();
  if (existsSync(CORPUS)) {
    console.log(`corpus check: ${candidateNames.size} free-matching names against ${CORPUS}`);
    const counts = await countInCorpus(candidateNames, 30_000);
    flipped = commonWordNames(counts);
    console.log(
      `  ${counts.docsNonPol} sport/culture/economy/technology articles, ${counts.docsPol} political; ` +
        `${flipped.size} names flipped to cue:true (non-political docs / political docs):`,
    );
    const list = [...flipped].sort((a, b) => b[1][0] - a[1][0]);
    console.log(`  ${list.map(([n, [a, b]]) => `${n} ${a}/${b}`).join(', ')}`);
  } else console.log(`corpus not found (${CORPUS}); skipping the corpus check`);

  const needsCue = (n: string, c: Candidate) =>
    ambiguous.has(fold(n)) || (!isWellKnown(c) && !isSelfCued(n) && flipped.has(fold(n)));
  const places = kept.flatMap((c) => toPlaces(c, needsCue)).sort(comparePlaces);

  const ids = new Set<string>();
  for (const pl of places) {
    if (ids.has(pl.id)) throw new Error(`duplicate id ${pl.id}`);
    ids.add(pl.id);
  }

  const body = places.map(placeLine).join(',\n');
  const json =
    `{"attribution":${JSON.stringify(ATTRIBUTION)},\n"generated":"build-gazetteer.ts",\n` +
    `"places":[\n${body}\n]}\n`;
  const outPath = join(GAZ_OUT, 'places.json');
  writeFileSync(outPath, json);

  console.log(`wrote ${outPath}: ${places.length} places, ${(Buffer.byteLength(json) / 1e6).toFixed(2)} MB`);
  console.log(
    '  by country:',
    countBy(places, (x) => x.country),
  );
  console.log(
    '  by kind:',
    countBy(places, (x) => x.kind),
  );
  console.log(
    '  cue:',
    countBy(places, (x) => String(x.cue)),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
