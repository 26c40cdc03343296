/**
 * The weapon of a clause and how many were used: "بـ5 صواريخ" (5), "بصاروخين" (2),
 * "بطائرة مسيرة" (1), "عدة صواريخ" (unknown), "صواريخ أرض-أرض" (missile).
 * Rule construct-dual: a dual in construct state before the name of its type ("صاروخا كاتيوشا",
 * "أن صاروخي غراد سقطا") counts 2, though on its own it reads as a singular or an adjective.
 * Rule anti-weapon: a weapon word right after "المضادة" ("الرشاشات المضادة للطيران") is what a
 * defence is against, not a weapon used (like the object heads: "منصة صواريخ", "صناعات الطيران").
 */
import { type Lexicon, readDataFile, type Weapon, type WeaponNoun } from '../lexicon/lexicon.js';
import { fold } from '../normalize/normalize.js';
import { findNumbers, type NumberMatch } from '../numbers/numbers.js';
import type { Token } from '../segment/segment.js';

export interface WeaponMention {
  weapon: WeaponNoun;
  number: 'sg' | 'du' | 'pl' | 'adj';
  first: number;
  last: number;
  start: number;
  end: number;
  /** explicit count in the text ("4 صواريخ"), or implied by a dual/singular form */
  count: number | null;
  explicit: boolean;
  countStart: number;
  /** "من أصل 8 صواريخ": a total, not the munitions that hit */
  outOf: boolean;
  /** "منصة إطلاق صواريخ", "موقع لإطلاق طائرات مسيرة": the weapon is what was hit, not what was used */
  asObject: boolean;
}

/** The weapon a noun names once its modifiers are read (صواريخ كاتيوشا → rocket; صواريخ أرض-أرض → missile). */
function refine(lex: Lexicon, tokens: readonly Token[], m: WeaponMention, to: number): WeaponNoun {
  if (m.weapon !== 'rocket' && m.weapon !== 'shell') return m.weapon;
  for (let k = m.last + 1; k < Math.min(to, m.last + 6); k++) {
    const mod = lex.weaponModifiers.matchAt(tokens, k)[0];
    if (mod) return mod.value;
  }
  return m.weapon;
}

const OUT_OF_RE = /(?:^|\s)(?:من اصل|من بين|من مجموع)\s*$/u;

const DATA = readDataFile<{
  construct_duals: string[];
  anti_heads: string[];
  platforms: Partial<Record<Weapon, Weapon[]>>;
}>('lexicon/weapons.json');
const CONSTRUCT_DUALS = new Set(DATA.construct_duals.map(fold));
const ANTI_HEADS = new Set(DATA.anti_heads.map(fold));

/**
 * Rule construct-dual: "صاروخا كاتيوشا", "صاروخي غراد": a one-word dual in construct state before
 * a type name. Not after a strong attack word, which the form then qualifies ("هجوم صاروخي كاتيوشا").
 */
export function constructDual(lex: Lexicon, tokens: readonly Token[], first: number, last: number): boolean {
  if (first !== last || !CONSTRUCT_DUALS.has(tokens[first].text.replace(/^(?:[وف]?ب|[وف])/u, '')))
    return false;
  if (first > 0 && lex.triggers.matchAt(tokens, first - 1).some((t) => t.value.strong)) return false;
  return last + 1 < tokens.length && lex.weaponModifiers.matchAt(tokens, last + 1).length > 0;
}

/** Weapon nouns in tokens [from, to), each with its count. */
export function findWeapons(
  lex: Lexicon,
  norm: string,
  tokens: readonly Token[],
  from: number,
  to: number,
): WeaponMention[] {
  if (to <= from) return [];
  const found = lex.weapons.findLongest(tokens, from, to);
  if (found.length === 0) return [];
  const numbers: NumberMatch[] = findNumbers(norm, tokens[from].start, tokens[to - 1].end);
  const heads = lex.weaponObjectHeads.findAll(tokens, from, to);
  const out: WeaponMention[] = [];
  for (const w of found) {
    // a number that ends right before the noun (allowing a clitic like بـ before the number)
    const num = numbers.find((n) => n.end <= w.start && norm.slice(n.end, w.start).trim() === '');
    const dual =
      w.value.number !== 'du' && w.value.number !== 'pl' && constructDual(lex, tokens, w.first, w.last);
    const number = dual ? 'du' : w.value.number;
    const implied = number === 'du' ? 2 : number === 'sg' ? 1 : null;
    const count = num ? num.value : implied;
    const countStart = num ? num.start : w.start;
    const before = norm.slice(Math.max(0, countStart - 12), countStart);
    const mention: WeaponMention = {
      weapon: w.value.weapon,
      number,
      first: w.first,
      last: w.last,
      start: w.start,
      end: w.end,
      count: number === 'adj' ? null : count,
      explicit: Boolean(num && num.value !== null),
      countStart,
      outOf: OUT_OF_RE.test(before),
      // rule anti-weapon: "المضادة للطيران" names what a defence is against
      asObject:
        heads.some((h) => h.last < w.first && w.first - h.last <= 2) ||
        (w.first > 0 && ANTI_HEADS.has(tokens[w.first - 1].text.replace(/^[وف]/u, ''))),
    };
    mention.weapon = refine(lex, tokens, mention, to);
    out.push(mention);
  }
  // modifiers alone ("كاتيوشا" after "قذائف") also name the weapon
  return out;
}

/** Does `platform` fire `munition` (a drone or an aircraft its rockets and missiles)? */
export function fires(platform: Weapon, munition: Weapon): boolean {
  return DATA.platforms[platform]?.includes(munition) ?? false;
}

/** Maps a weapon noun to a schema weapon (a bare "قذيفة" names no weapon). */
export function schemaWeapon(w: WeaponNoun): Weapon | null {
  return w === 'shell' ? null : w;
}
