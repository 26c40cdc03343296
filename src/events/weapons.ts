/**
 * The weapon of a clause and how many were used: "بـ5 صواريخ" (5), "بصاروخين" (2),
 * "بطائرة مسيرة" (1), "عدة صواريخ" (unknown), "صواريخ أرض-أرض" (missile).
 */
import type { Lexicon, Weapon, WeaponNoun } from '../lexicon/lexicon.js';
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
    const implied = w.value.number === 'du' ? 2 : w.value.number === 'sg' ? 1 : null;
    const count = num ? num.value : implied;
    const countStart = num ? num.start : w.start;
    const before = norm.slice(Math.max(0, countStart - 12), countStart);
    const mention: WeaponMention = {
      weapon: w.value.weapon,
      number: w.value.number,
      first: w.first,
      last: w.last,
      start: w.start,
      end: w.end,
      count: w.value.number === 'adj' ? null : count,
      explicit: Boolean(num && num.value !== null),
      countStart,
      outOf: OUT_OF_RE.test(before),
      asObject: heads.some((h) => h.last < w.first && w.first - h.last <= 2),
    };
    mention.weapon = refine(lex, tokens, mention, to);
    out.push(mention);
  }
  // modifiers alone ("كاتيوشا" after "قذائف") also name the weapon
  return out;
}

/** Maps a weapon noun to a schema weapon (a bare "قذيفة" names no weapon). */
export function schemaWeapon(w: WeaponNoun): Weapon | null {
  return w === 'shell' ? null : w;
}
