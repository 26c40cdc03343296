/**
 * Cardinal and ordinal number expressions in normalized Arabic text.
 *
 * The vocabulary lives in `data/lexicon/numbers.json` (ordinary spelling, folded with
 * `fold()` at load time); this module only holds the grammar:
 *
 *   expression := [qualifier-before] core [qualifier-after]
 *   core       := several-phrase | several-word [plural-scale] | digits [scale] | words
 *   words      := piece { ("و" piece) | scale }       (e.g. "ثلاثمئه وخمسه وعشرين الفا")
 *   piece      := unit ["عشر"|"عشره"]  (teen)  | unit(3-9) "مئه" | teen-unit "عشر"
 *               | "عشر"/"عشره" | tens | hundreds | scale (at the start: "الف", "الفين")
 *
 * Words joined by "و" must make sense as one number: a unit may only be followed by tens
 * ("خمسه وعشرين"), hundreds by anything smaller, tens and teens by nothing, so "ثلاثه واربعه"
 * stays two numbers. The first word may carry a clitic (و ف ب ل ك, the article, "لل"), and
 * digits may follow "بـ"/"الـ" with or without a space (the tatweel is gone after normalization).
 *
 * Decisions:
 * - "احد"/"احدي"/"اثنا"/"اثني" count only before عشر/عشره: alone they are "one of"/"someone".
 * - "واحد من"/"واحده من" ("one of …") is not a count: numberAt returns null there.
 * - "الاثنين" with the article is taken as Monday, not as "the two" (see `exclude` in the data).
 * - Years, dates, calibres and percentages are returned like any other number: callers filter.
 * - Upper bounds ("اقل من") and ranges ("بين 10 و20") are not modelled: each number stands alone.
 * - A qualifier right after the number ("15 علي الاقل") is part of the span; after the counted
 *   noun ("15 شخصا علي الاقل", up to two words) it only sets the flag, so the noun still
 *   follows `end`.
 * - "بـ 5"/"الـ 26" (clitic written apart once the tatweel is gone) start at the clitic.
 */
import { readFileSync } from 'node:fs';
import { fold } from '../normalize/normalize.js';
import { isWordCharAt, WORD_CHAR_TABLE } from './chars.js';

export interface NumberMatch {
  start: number;
  end: number;
  /** null for indefinite quantities ("عده", "عدد من", "العديد من", "بضع", "عشرات") */
  value: number | null;
  /** "اكثر من 15", "15 علي الاقل", "ما لا يقل عن": value is the stated number */
  lowerBound?: boolean;
  /** "نحو", "حوالي", "قرابه", "زهاء", "ما يقارب" */
  approx?: boolean;
  kind: 'digits' | 'words' | 'several';
}

export interface OrdinalMatch {
  start: number;
  end: number;
  value: number;
}

interface NumbersLexicon {
  units: Record<string, string[]>;
  teenUnits: Record<string, string[]>;
  ten: string[];
  tens: Record<string, string[]>;
  hundreds: Record<string, string[]>;
  hundredAfterUnit: string[];
  scales: Record<string, { singular: string[]; dual: string[]; plural: string[] }>;
  several: string[];
  severalPhrases: string[];
  qualifiers: {
    lowerBoundBefore: string[];
    approxBefore: string[];
    lowerBoundAfter: string[];
    approxAfter: string[];
  };
  exclude: string[];
  oneOfFollowers: string[];
  clitics: string[];
  loneClitics: string[];
  ordinals: {
    simple: Record<string, string[]>;
    compound: Record<string, string[]>;
    teenSuffix: string[];
    tens: Record<string, string[]>;
  };
}

const LEX = JSON.parse(
  readFileSync(new URL('../../data/lexicon/numbers.json', import.meta.url), 'utf8'),
) as NumbersLexicon;

// ---------------------------------------------------------------------------------------------
// regex helpers (shared with the dates module)

/** not preceded by a letter or digit */
export const BOUND_START = '(?<![\\p{L}\\p{N}])';
/** not followed by a letter or digit */
export const BOUND_END = '(?![\\p{L}\\p{N}])';

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Regex source for a folded phrase: words separated by one or more spaces. */
export function phraseSource(phrase: string): string {
  return phrase.split(' ').map(escapeRe).join(' +');
}

/** Alternation of folded phrases, longest first so that the regex prefers the longest. */
export function alternation(phrases: Iterable<string>): string {
  const uniq = [...new Set(phrases)].filter((p) => p.length > 0);
  uniq.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return `(?:${uniq.map(phraseSource).join('|')})`;
}

const foldAll = (xs: string[]): string[] => xs.map(fold);

// ---------------------------------------------------------------------------------------------
// cardinal vocabulary

type WordKind = 'unit' | 'teenUnit' | 'ten' | 'tens' | 'hundred' | 'scale' | 'several';
interface WordInfo {
  kind: WordKind;
  value: number;
  /** for scales */
  form?: 'singular' | 'dual' | 'plural';
}

const WORDS = new Map<string, WordInfo>();
const addWords = (words: string[], info: WordInfo) => {
  for (const w of foldAll(words)) if (!WORDS.has(w)) WORDS.set(w, info);
};
for (const [v, ws] of Object.entries(LEX.units)) addWords(ws, { kind: 'unit', value: Number(v) });
for (const [v, ws] of Object.entries(LEX.teenUnits)) addWords(ws, { kind: 'teenUnit', value: Number(v) });
addWords(LEX.ten, { kind: 'ten', value: 10 });
for (const [v, ws] of Object.entries(LEX.tens)) addWords(ws, { kind: 'tens', value: Number(v) });
for (const [v, ws] of Object.entries(LEX.hundreds)) addWords(ws, { kind: 'hundred', value: Number(v) });
for (const [v, s] of Object.entries(LEX.scales)) {
  addWords(s.singular, { kind: 'scale', value: Number(v), form: 'singular' });
  addWords(s.dual, { kind: 'scale', value: Number(v), form: 'dual' });
  addWords(s.plural, { kind: 'scale', value: Number(v), form: 'plural' });
}
// several words override plural scales when they start an expression ("الاف" alone = thousands)
const SEVERAL = new Set(foldAll(LEX.several));
const TEEN_SUFFIX = new Set(foldAll(LEX.ten));
const HUNDRED_AFTER_UNIT = new Set(foldAll(LEX.hundredAfterUnit));
const EXCLUDE = new Set(foldAll(LEX.exclude));
const ONE_OF = new Set(foldAll(LEX.oneOfFollowers));
const PLURAL_SCALES = new Set<string>();
for (const s of Object.values(LEX.scales)) for (const w of foldAll(s.plural)) PLURAL_SCALES.add(w);

/** clitic prefixes a number word may carry, longest first */
const CLITICS = foldAll(LEX.clitics).sort((a, b) => b.length - a.length);

const RE_WORD = /\p{L}+/uy;
const RE_SPACES = / +/y;
const RE_DIGITS = /[وف]?(?:(?:بال|ال|لل|ب|ل) ?)?(\d{1,3}(?:,\d{3}(?!\d))+|\d+)(\.\d+)?/y;
const RE_DIGITS_BARE = /(\d{1,3}(?:,\d{3}(?!\d))+|\d+)(\.\d+)?/y;

const allScaleWords: string[] = [];
for (const s of Object.values(LEX.scales)) allScaleWords.push(...foldAll([...s.singular, ...s.plural]));
const RE_DIGIT_SCALE = new RegExp(` *(${alternation(allScaleWords)})${BOUND_END}`, 'uy');

const CL_SOURCE = '(?:[وف]?[بل]|[وفبل])?';
const RE_SEVERAL_PHRASE = new RegExp(
  `${CL_SOURCE}${alternation(foldAll(LEX.severalPhrases))}${BOUND_END}`,
  'uy',
);
const RE_SEVERAL_PHRASE_BARE = new RegExp(`${alternation(foldAll(LEX.severalPhrases))}${BOUND_END}`, 'uy');

const q = LEX.qualifiers;
const preLower = foldAll(q.lowerBoundBefore);
const preApprox = foldAll(q.approxBefore);
const RE_PRE_QUAL = new RegExp(
  `${CL_SOURCE}(?:(${alternation(preLower)})|(${alternation(preApprox)}))(?: +|(?=\\d))`,
  'uy',
);
const RE_POST_QUAL = new RegExp(
  ` +(?:(${alternation(foldAll(q.lowerBoundAfter))})|(${alternation(foldAll(q.approxAfter))}))${BOUND_END}`,
  'uy',
);

/** the same after one or two words (the counted noun and maybe an adjective) */
const RE_POST_QUAL_FAR = new RegExp(`(?: +\\p{L}+){1,2}${RE_POST_QUAL.source}`, 'uy');

function sticky(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

interface Token {
  start: number;
  end: number;
  word: string;
}

/** the letter run starting exactly at pos */
function tokenAt(s: string, pos: number): Token | null {
  RE_WORD.lastIndex = pos;
  const m = RE_WORD.exec(s);
  return m ? { start: pos, end: pos + m[0].length, word: m[0] } : null;
}

/** the next token after one or more spaces */
function nextToken(s: string, pos: number): Token | null {
  RE_SPACES.lastIndex = pos;
  const m = RE_SPACES.exec(s);
  if (!m) return null;
  return tokenAt(s, pos + m[0].length);
}

const SEVERAL_INFO: WordInfo = { kind: 'several', value: 0 };

/** Looks a first word up, stripping a clitic when the whole word is not a number word. */
function lookupFirst(word: string, allowClitic: boolean): WordInfo | null {
  if (EXCLUDE.has(word)) return null;
  if (SEVERAL.has(word)) return SEVERAL_INFO;
  const direct = WORDS.get(word);
  if (direct) return direct;
  if (!allowClitic) return null;
  for (const c of CLITICS) {
    if (word.length > c.length + 1 && word.startsWith(c)) {
      const rest = word.slice(c.length);
      if (SEVERAL.has(rest)) return SEVERAL_INFO;
      const info = WORDS.get(rest);
      if (info) return info;
    }
  }
  return null;
}

type PieceKind = 'U' | 'T' | 'X' | 'H' | 'S';
interface Piece {
  end: number;
  value: number;
  kind: PieceKind;
  /** a bare unit "one" (for the "واحد من" rule) */
  one?: boolean;
}

/** A piece of a spelled-out number whose (already stripped) word is `info`, ending at tok.end. */
function readPiece(s: string, tok: Token, info: WordInfo): Piece | null {
  switch (info.kind) {
    case 'unit':
    case 'teenUnit': {
      const nt = nextToken(s, tok.end);
      if (nt && TEEN_SUFFIX.has(nt.word) && info.value >= 1) {
        return { end: nt.end, value: 10 + info.value, kind: 'T' };
      }
      if (info.kind === 'teenUnit') return null;
      if (nt && info.value >= 3 && HUNDRED_AFTER_UNIT.has(nt.word)) {
        return { end: nt.end, value: info.value * 100, kind: 'H' };
      }
      return { end: tok.end, value: info.value, kind: 'U', one: info.value === 1 };
    }
    case 'ten':
      return { end: tok.end, value: 10, kind: 'T' };
    case 'tens':
      return { end: tok.end, value: info.value, kind: 'X' };
    case 'hundred':
      return { end: tok.end, value: info.value, kind: 'H' };
    case 'scale':
      if (info.form === 'plural') return null;
      return { end: tok.end, value: info.value * (info.form === 'dual' ? 2 : 1), kind: 'S' };
    default:
      return null;
  }
}

const FOLLOWS: Record<PieceKind, PieceKind[]> = {
  S: ['H', 'U', 'T', 'X'],
  H: ['U', 'T', 'X'],
  U: ['X'],
  T: [],
  X: [],
};

/** After a group value, a scale word multiplies it ("خمسه الاف", "عشرين الفا"). */
function scaleAfter(s: string, pos: number, group: number): { end: number; scale: number } | null {
  const nt = nextToken(s, pos);
  if (!nt) return null;
  const info = WORDS.get(nt.word);
  if (info?.kind !== 'scale' || info.form === 'dual') return null;
  // plural scales go with 3-10, singular with 1-2 and 11+; accept both, the text is not always careful
  if (group <= 0) return null;
  return { end: nt.end, scale: info.value };
}

interface Core {
  end: number;
  value: number | null;
  kind: NumberMatch['kind'];
}

function parseWords(s: string, first: Token, info: WordInfo): Core | null {
  if (info.kind === 'several') {
    let end = first.end;
    const nt = nextToken(s, end);
    if (nt && (PLURAL_SCALES.has(nt.word) || SEVERAL.has(nt.word))) end = nt.end;
    return { end, value: null, kind: 'several' };
  }
  const p0 = readPiece(s, first, info);
  if (!p0) return null;
  if (p0.one) {
    const nt = nextToken(s, p0.end);
    if (nt && ONE_OF.has(nt.word)) return null;
  }
  let total = 0;
  let group = 0;
  let end = p0.end;
  let last: PieceKind = p0.kind;
  if (p0.kind === 'S') total = p0.value;
  else group = p0.value;
  for (;;) {
    if (last !== 'S') {
      const sc = scaleAfter(s, end, group);
      if (sc) {
        total += group * sc.scale;
        group = 0;
        end = sc.end;
        last = 'S';
        continue;
      }
    }
    // conjunction: "و" attached to the next word, or standing alone before it
    const nt = nextToken(s, end);
    if (!nt?.word.startsWith('و')) break;
    let tok: Token | null;
    if (nt.word === 'و') tok = nextToken(s, nt.end);
    else tok = { start: nt.start + 1, end: nt.end, word: nt.word.slice(1) };
    if (!tok) break;
    const ni = WORDS.get(tok.word);
    if (!ni) break;
    const piece = readPiece(s, tok, ni);
    if (!piece || piece.kind === 'S' || !FOLLOWS[last].includes(piece.kind)) break;
    group += piece.value;
    end = piece.end;
    last = piece.kind;
  }
  return { end, value: total + group, kind: 'words' };
}

function parseCore(s: string, pos: number, allowClitic: boolean): Core | null {
  const sp = sticky(allowClitic ? RE_SEVERAL_PHRASE : RE_SEVERAL_PHRASE_BARE, s, pos);
  if (sp) return { end: pos + sp[0].length, value: null, kind: 'several' };

  const dm = sticky(allowClitic ? RE_DIGITS : RE_DIGITS_BARE, s, pos);
  if (dm) {
    let value = Number(dm[1].replace(/,/g, '') + (dm[2] ?? ''));
    let end = pos + dm[0].length;
    if (end < s.length && /\d/.test(s[end])) return null;
    const sc = sticky(RE_DIGIT_SCALE, s, end);
    if (sc) {
      const info = WORDS.get(sc[1]);
      if (info) {
        value *= info.value;
        end += sc[0].length;
      }
    }
    return { end, value, kind: 'digits' };
  }

  const tok = tokenAt(s, pos);
  if (!tok) return null;
  const info = lookupFirst(tok.word, allowClitic);
  if (!info) return null;
  return parseWords(s, tok, info);
}

/**
 * A number expression starting exactly at `pos` (which may be a clitic, "بـ"/"الـ", or a
 * qualifier such as "اكثر من"). Returns null when there is none.
 */
export function numberAt(norm: string, pos: number): NumberMatch | null {
  if (pos < 0 || pos >= norm.length) return null;
  if (pos > 0 && /[\d.,]/.test(norm[pos - 1]) && /\d/.test(norm[pos])) return null;
  let lowerBound = false;
  let approx = false;
  let core: Core | null = null;
  const qm = sticky(RE_PRE_QUAL, norm, pos);
  if (qm) {
    core = parseCore(norm, pos + qm[0].length, false);
    if (core) {
      if (qm[1] !== undefined) lowerBound = true;
      else approx = true;
    }
  }
  if (!core) core = parseCore(norm, pos, true);
  if (!core) return null;
  let end = core.end;
  const post = sticky(RE_POST_QUAL, norm, end);
  if (post) {
    if (post[1] !== undefined) lowerBound = true;
    else approx = true;
    end += post[0].length;
  } else if (core.value !== null) {
    // "20 شخصا علي الاقل": the qualifier after the counted noun sets the flag, but the span
    // stays on the number so that the noun still follows it
    const far = sticky(RE_POST_QUAL_FAR, norm, end);
    if (far) {
      if (far[1] !== undefined) lowerBound = true;
      else approx = true;
    }
  }
  const out: NumberMatch = { start: pos, end, value: core.value, kind: core.kind };
  if (lowerBound) out.lowerBound = true;
  if (approx) out.approx = true;
  return out;
}

/** words a number expression can start with (clitics stripped), for a cheap pre-check */
const FIRST_WORDS = new Set<string>([...WORDS.keys(), ...SEVERAL]);
for (const p of [...LEX.severalPhrases, ...q.lowerBoundBefore, ...q.approxBefore])
  FIRST_WORDS.add(fold(p).split(' ')[0]);

/** clitics written apart from their digits ("بـ 5", "الـ 26" lose the tatweel) */
const LONE_CLITICS = new Set(foldAll(LEX.loneClitics));

function couldStart(w: string): boolean {
  if (LONE_CLITICS.has(w)) return true;
  for (let k = 0; k < w.length && k < 5; k++) {
    const c = w.charCodeAt(k);
    if (c >= 48 && c <= 57) return true;
  }
  if (FIRST_WORDS.has(w)) return true;
  for (const c of CLITICS)
    if (w.length > c.length + 1 && w.startsWith(c) && FIRST_WORDS.has(w.slice(c.length))) return true;
  return false;
}

const WT = WORD_CHAR_TABLE;
const isWord = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c < WT.length ? WT[c] === 1 : isWordCharAt(s, i);
};

/** All non-overlapping number expressions that lie inside [from, to). */
export function findNumbers(norm: string, from = 0, to: number = norm.length): NumberMatch[] {
  const out: NumberMatch[] = [];
  const limit = Math.min(to, norm.length);
  let i = Math.max(0, from);
  // do not start inside a word
  while (i > 0 && i < limit && isWord(norm, i - 1) && isWord(norm, i)) i++;
  while (i < limit) {
    if (!isWord(norm, i)) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < norm.length && isWord(norm, end)) end++;
    if (couldStart(norm.slice(i, end))) {
      const nm = numberAt(norm, i);
      if (nm && nm.end <= limit) {
        out.push(nm);
        i = nm.end;
        continue;
      }
    }
    i = end;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// ordinals

const ORD = LEX.ordinals;
const stripArticle = (w: string) => (w.startsWith('ال') ? w.slice(2) : w);
const ORD_SIMPLE = new Map<string, number>();
for (const [v, ws] of Object.entries(ORD.simple))
  for (const w of foldAll(ws)) ORD_SIMPLE.set(stripArticle(w), +v);
const ORD_COMPOUND = new Map<string, number>();
for (const [v, ws] of Object.entries(ORD.compound))
  for (const w of foldAll(ws)) ORD_COMPOUND.set(stripArticle(w), +v);
const ORD_TENS = new Map<string, number>();
for (const [v, ws] of Object.entries(ORD.tens))
  for (const w of foldAll(ws)) ORD_TENS.set(stripArticle(w), +v);

/**
 * Words an ordinal expression can start with (after stripping a one-letter clitic): the
 * article forms of every ordinal stem, "لل" + stem, and "ال" alone (from "الـ 26").
 */
export const ORDINAL_FIRST_WORDS: ReadonlySet<string> = new Set(
  [...ORD_SIMPLE.keys(), ...ORD_COMPOUND.keys(), ...ORD_TENS.keys()]
    .flatMap((w) => [`ال${w}`, `لل${w}`])
    .concat('ال'),
);

/** the article, possibly after a clitic: ال, وال, بال, فال, كال, لل, ولل */
const ORD_ART = '(?:[وفبك]?ال|[وف]?لل)';

/**
 * Regex source (no capture groups, needs the `u` flag) matching an ordinal expression as
 * accepted by `ordinalAt`; use `ordinalAt` on the match start to get its value.
 */
export const ORDINAL_SOURCE = `(?:${ORD_ART}(?:${alternation(ORD_COMPOUND.keys())} +${alternation(foldAll(ORD.teenSuffix))}|${alternation(ORD_COMPOUND.keys())} +و(?:ال)?${alternation(ORD_TENS.keys())}|${alternation([...ORD_SIMPLE.keys(), ...ORD_TENS.keys()])}| ?\\d{1,2}(?!\\d)))${BOUND_END}`;

const RE_ORDINAL = new RegExp(
  `${ORD_ART}(?:(${alternation(ORD_COMPOUND.keys())}) +(${alternation(foldAll(ORD.teenSuffix))})|(${alternation(ORD_COMPOUND.keys())}) +و(?:ال)?(${alternation(ORD_TENS.keys())})|(${alternation([...ORD_SIMPLE.keys(), ...ORD_TENS.keys()])})| ?(\\d{1,3})(?!\\d))${BOUND_END}`,
  'uy',
);

/**
 * An ordinal starting exactly at `pos`: "الاول"/"الاولي" … "العاشر", "السابع عشر",
 * "الحادي والثلاثين", "العشرين", and the digit form "ال26"/"ال 26" (from "الـ26").
 */
export function ordinalAt(norm: string, pos: number): OrdinalMatch | null {
  const m = sticky(RE_ORDINAL, norm, pos);
  if (!m) return null;
  let value: number | undefined;
  if (m[1] !== undefined) value = (ORD_COMPOUND.get(m[1]) ?? 0) + 10;
  else if (m[3] !== undefined) value = (ORD_COMPOUND.get(m[3]) ?? 0) + (ORD_TENS.get(m[4]) ?? 0);
  else if (m[5] !== undefined) value = ORD_SIMPLE.get(m[5]) ?? ORD_TENS.get(m[5]);
  else if (m[6] !== undefined) value = Number(m[6]);
  if (value === undefined || value <= 0) return null;
  return { start: pos, end: pos + m[0].length, value };
}
