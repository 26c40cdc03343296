/**
 * Clitic-aware phrase matching over tokens.
 *
 * A phrase is one or more words (normalized with `fold`). The first word of a phrase
 * may carry proclitics in the text (و ف ب ل ك ال لل: "وبالصواريخ" matches "صواريخ"
 * and "الصواريخ"); a phrase whose last word ends in `*` matches any word that starts
 * with it ("استهدف*" matches استهدفت، استهدفوا، استهدفها). Between the words of a
 * phrase the text may have quotes and hyphens, nothing else.
 */
import { fold } from '../normalize/normalize.js';
import { type Token, tokenize } from '../segment/segment.js';

export interface CliticVariant {
  /** the word with proclitics removed (and, for لل, the article restored) */
  readonly stem: string;
  /** how many characters of the written word precede the stem */
  readonly cut: number;
}

const MIN_STEM = 2;

function addVariant(out: CliticVariant[], stem: string, cut: number): void {
  if (stem.length < MIN_STEM) return;
  for (let i = 0; i < out.length; i++) if (out[i].stem === stem) return;
  out.push({ stem, cut });
}

function computeVariants(word: string): CliticVariant[] {
  const out: CliticVariant[] = [{ stem: word, cut: 0 }];
  const c0 = word[0];
  const conj = (c0 === 'و' || c0 === 'ف') && word.length > 2;
  for (let b = 0; b < (conj ? 2 : 1); b++) {
    const s = b === 0 ? word : word.slice(1);
    const cut = b;
    addVariant(out, s, cut);
    if (s.startsWith('لل') && s.length > 3) addVariant(out, `ال${s.slice(2)}`, cut + 1);
    else if ((s[0] === 'ب' || s[0] === 'ل' || s[0] === 'ك') && s.length > 2)
      addVariant(out, s.slice(1), cut + 1);
  }
  // drop the article from every reading that has one
  for (let i = 0, n = out.length; i < n; i++) {
    const v = out[i];
    if (v.stem.startsWith('ال') && v.stem.length > 3) addVariant(out, v.stem.slice(2), v.cut + 2);
  }
  return out;
}

const VARIANT_CACHE = new Map<string, CliticVariant[]>();
const VARIANT_CACHE_MAX = 50_000;

/**
 * A word to keep as a cache key: a long token's text is a slice that holds on to the whole text
 * it was cut from (V8 shares the characters of a slice of 13 or more), so it is copied.
 */
function ownCopy(word: string): string {
  return word.length < 13 ? word : ` ${word}`.slice(1);
}

/** Proclitic readings of one normalized word, the word itself first (memoized: words repeat). */
export function cliticVariants(word: string): CliticVariant[] {
  let v = VARIANT_CACHE.get(word);
  if (v === undefined) {
    if (VARIANT_CACHE.size >= VARIANT_CACHE_MAX) VARIANT_CACHE.clear();
    v = computeVariants(word);
    VARIANT_CACHE.set(ownCopy(word), v);
  }
  return v;
}

interface Entry<T> {
  readonly words: string[];
  /** the last word is a prefix */
  readonly prefix: boolean;
  readonly value: T;
  readonly phrase: string;
}

export interface PhraseMatch<T> {
  readonly value: T;
  readonly phrase: string;
  /** token indices, inclusive */
  readonly first: number;
  readonly last: number;
  /** normalized-text offsets: start is after any proclitic */
  readonly start: number;
  readonly end: number;
  /** proclitic characters before the stem in the first word ("" when none) */
  readonly clitic: string;
}

const SKIPPABLE = new Set(['"', '-', '(', ')']);

/** Words of a phrase as the tokenizer sees them (quotes and hyphens dropped). */
export function phraseWords(phrase: string): string[] {
  return tokenize(fold(phrase))
    .filter((t) => !(t.kind === 'punct' && SKIPPABLE.has(t.text)))
    .map((t) => t.text);
}

// ---------------------------------------------------------------------------------------------
// One table of words for every matcher. A token is read once per token array: its clitic
// readings, each with the id of its stem, and the matchers that have a phrase that may start
// at it; a matcher then looks its phrases up by id, and passes over a token that starts none
// of its phrases at the cost of one list lookup.

/** every first word of every phrase of every matcher, by id */
const WORD_IDS = new Map<string, number>();
/** word id → the matchers (by index) with a phrase that starts with the word */
const FIRST_MATCHERS: number[][] = [];
/** the first PREFIX_KEY characters of a one-word prefix phrase → its word and matcher */
const PREFIX_FIRSTS = new Map<string, { word: string; matcher: number }[]>();
const PREFIX_KEY = 3;
let matcherCount = 0;
/** bumped by every phrase added: token readings made before it are made again */
let version = 0;

/** One proclitic reading of a token, with the id of its stem (-1: no phrase starts with it). */
interface Reading extends CliticVariant {
  readonly id: number;
  /** the stem's first PREFIX_KEY characters */
  readonly key: string;
  /** the proclitic characters cut off */
  readonly clitic: string;
}

/** What the matchers need of one token text. */
interface WordInfo {
  readonly readings: readonly Reading[];
  /** the list of matchers with a phrase that may start at the token (an index into LISTS) */
  readonly list: number;
}

/** every list of matchers that some word starts phrases of, by id (0: none) */
const LISTS: (readonly number[])[] = [[]];
const LIST_IDS = new Map<string, number>([['', 0]]);
function listId(matchers: number[]): number {
  const key = matchers.sort((a, b) => a - b).join(',');
  let id = LIST_IDS.get(key);
  if (id === undefined) {
    id = LISTS.length;
    LISTS.push(matchers);
    LIST_IDS.set(key, id);
  }
  return id;
}

/** a punctuation token's, and a word's that starts no phrase */
const NO_INFO: WordInfo = { readings: [], list: 0 };

function readingOf(word: string, v: CliticVariant): Reading {
  return {
    stem: v.stem,
    cut: v.cut,
    id: WORD_IDS.get(v.stem) ?? -1,
    key: v.stem.slice(0, PREFIX_KEY),
    clitic: word.slice(0, v.cut),
  };
}

function addAll(into: number[], from: readonly number[]) {
  for (const m of from) if (!into.includes(m)) into.push(m);
}

/**
 * A word's readings and the matchers that may match at it (a number: only its exact phrases);
 * a word that starts no phrase keeps nothing.
 */
function computeInfo(text: string, num: boolean): WordInfo {
  const variants = num ? [{ stem: text, cut: 0 }] : computeVariants(text);
  const matchers: number[] = [];
  for (const v of variants) {
    const id = WORD_IDS.get(v.stem);
    if (id !== undefined) addAll(matchers, FIRST_MATCHERS[id]);
    if (num || v.stem.length < PREFIX_KEY) continue;
    for (const p of PREFIX_FIRSTS.get(v.stem.slice(0, PREFIX_KEY)) ?? [])
      if (v.stem.startsWith(p.word) && !matchers.includes(p.matcher)) matchers.push(p.matcher);
  }
  if (matchers.length === 0) return NO_INFO;
  return { readings: variants.map((v) => readingOf(text, v)), list: listId(matchers) };
}

const WORD_INFO = new Map<string, WordInfo>();
const NUM_INFO = new Map<string, WordInfo>();
/** (the words of 20,000 articles are some 200,000: most read as NO_INFO, kept for one pointer each) */
const INFO_MAX = 200_000;
let infoVersion = 0;

function infoOf(tok: Token): WordInfo {
  if (tok.kind === 'punct') return NO_INFO;
  if (infoVersion !== version) {
    WORD_INFO.clear();
    NUM_INFO.clear();
    infoVersion = version;
  }
  const cache = tok.kind === 'num' ? NUM_INFO : WORD_INFO;
  let info = cache.get(tok.text);
  if (info === undefined) {
    if (cache.size >= INFO_MAX) cache.clear();
    info = computeInfo(tok.text, tok.kind === 'num');
    cache.set(ownCopy(tok.text), info);
  }
  return info;
}

/** The readings of the tokens of one array, each made on first use. */
interface TokenReadings {
  readonly version: number;
  readonly infos: (WordInfo | undefined)[];
  /** each token's list of matchers, -1 until read */
  readonly lists: Int32Array;
}
const READINGS = new WeakMap<readonly Token[], TokenReadings>();
let lastTokens: readonly Token[] | null = null;
let lastReadings: TokenReadings | null = null;

function readingsOf(tokens: readonly Token[]): TokenReadings {
  if (tokens === lastTokens && lastReadings !== null && lastReadings.version === version) return lastReadings;
  let r = READINGS.get(tokens);
  if (r === undefined || r.version !== version) {
    r = { version, infos: new Array(tokens.length), lists: new Int32Array(tokens.length).fill(-1) };
    READINGS.set(tokens, r);
  }
  lastTokens = tokens;
  lastReadings = r;
  return r;
}

/** The list of matchers that may match at token i (read on first use). */
function tokenList(r: TokenReadings, tokens: readonly Token[], i: number): number {
  const l = i < r.lists.length ? r.lists[i] : -1;
  if (l >= 0) return l;
  const info = infoOf(tokens[i]);
  r.infos[i] = info;
  if (i < r.lists.length) r.lists[i] = info.list;
  return info.list;
}

const EMPTY: PhraseMatch<never>[] = Object.freeze([]) as unknown as PhraseMatch<never>[];

const EMPTY_POSITIONS: readonly number[] = Object.freeze([]);

/** A first word with more phrases than this has them indexed by their second word. */
const INDEX_AT = 16;

/**
 * The phrases of one first word by their second word (a gazetteer's "تل", "عين", "ابو" start
 * hundreds of names): positions in the first word's list, so that only the phrases whose second
 * word follows are tried, in the list's order.
 */
interface SecondWordIndex {
  /** phrases of one word, and of two whose second word is a prefix: always tried */
  readonly always: readonly number[];
  readonly bySecond: ReadonlyMap<string, readonly number[]>;
}

function secondWordIndex<T>(list: readonly Entry<T>[]): SecondWordIndex {
  const always: number[] = [];
  const bySecond = new Map<string, number[]>();
  list.forEach((e, k) => {
    if (e.words.length === 1 || (e.words.length === 2 && e.prefix)) always.push(k);
    else {
      const at = bySecond.get(e.words[1]);
      if (at) at.push(k);
      else bySecond.set(e.words[1], [k]);
    }
  });
  return { always, bySecond };
}

/** The text of the token after i that a phrase's next word is compared with (quotes, hyphens skipped), or null. */
function nextWordAfter(tokens: readonly Token[], i: number): string | null {
  let t = i + 1;
  while (t < tokens.length && tokens[t].kind === 'punct' && SKIPPABLE.has(tokens[t].text)) t++;
  return t < tokens.length ? tokens[t].text : null;
}

export class PhraseMatcher<T> {
  /** first-word id → phrases */
  private readonly exact = new Map<number, Entry<T>[]>();
  /** first-word id → its phrases by second word (for long lists; made on first use) */
  private readonly indexed = new Map<number, SecondWordIndex>();
  /** first PREFIX_KEY characters → one-word prefix phrases */
  private readonly prefixes = new Map<string, Entry<T>[]>();
  /** first words, for the anchor regex */
  private readonly firstWords = new Set<string>();
  private readonly index = matcherCount++;
  /** by list id: 1 when the list has this matcher, -1 when not, 0 not yet known */
  private member = new Int8Array(64);
  size = 0;

  /** Does the list of matchers `list` have this one? */
  private inList(list: number): boolean {
    let m = list < this.member.length ? this.member[list] : 0;
    if (m === 0) {
      if (list >= this.member.length) {
        const bigger = new Int8Array(Math.max(LISTS.length, this.member.length * 2));
        bigger.set(this.member);
        this.member = bigger;
      }
      m = LISTS[list].includes(this.index) ? 1 : -1;
      this.member[list] = m;
    }
    return m === 1;
  }

  /**
   * Adds a phrase; a trailing `*` makes its last word a prefix. A hamza on waw or on ya is
   * written either way ("مسؤولية", Egyptian "مسئولية"; "شؤون", "شئون"): a phrase with one is
   * also added with the other seat.
   */
  add(phrase: string, value: T): void {
    this.addSpelling(phrase, value);
    const seat = phrase.replace(/[ؤئ]/gu, (c) => (c === 'ؤ' ? 'ئ' : 'ؤ'));
    if (seat !== phrase) this.addSpelling(seat, value);
  }

  private addSpelling(phrase: string, value: T): void {
    const prefix = phrase.trim().endsWith('*');
    const words = phraseWords(phrase.replace(/\*\s*$/, ''));
    if (words.length === 0) return;
    const entry: Entry<T> = { words, prefix, value, phrase };
    this.size++;
    version++;
    this.indexed.clear();
    this.anchor = null;
    this.startAnchor = null;
    this.firstWords.add(words[0]);
    if (prefix && words.length === 1) {
      const key = words[0].slice(0, PREFIX_KEY);
      const list = this.prefixes.get(key) ?? [];
      list.push(entry);
      this.prefixes.set(key, list);
      const firsts = PREFIX_FIRSTS.get(key) ?? [];
      if (!firsts.some((f) => f.word === words[0] && f.matcher === this.index))
        firsts.push({ word: words[0], matcher: this.index });
      PREFIX_FIRSTS.set(key, firsts);
      return;
    }
    let id = WORD_IDS.get(words[0]);
    if (id === undefined) {
      id = WORD_IDS.size;
      WORD_IDS.set(words[0], id);
      FIRST_MATCHERS.push([]);
    }
    if (!FIRST_MATCHERS[id].includes(this.index)) FIRST_MATCHERS[id].push(this.index);
    const list = this.exact.get(id) ?? [];
    list.push(entry);
    this.exact.set(id, list);
  }

  /** All phrases that start at token i. */
  matchAt(tokens: readonly Token[], i: number): PhraseMatch<T>[] {
    const r = readingsOf(tokens);
    if (!this.inList(tokenList(r, tokens, i))) return EMPTY;
    const info = r.infos[i] ?? infoOf(tokens[i]);
    const out: PhraseMatch<T>[] = [];
    for (const v of info.readings) {
      const list = v.id >= 0 ? this.exact.get(v.id) : undefined;
      if (list && list.length > INDEX_AT) this.extendIndexed(tokens, i, v, list, out);
      else if (list) for (const e of list) this.extend(tokens, i, v, e, out);
      if (this.prefixes.size > 0 && v.stem.length >= PREFIX_KEY) {
        const plist = this.prefixes.get(v.key);
        if (plist)
          for (const e of plist) if (v.stem.startsWith(e.words[0])) out.push(this.result(tokens, i, i, v, e));
      }
    }
    return out;
  }

  /**
   * extend() over the phrases of a long list that can match: those of one word or whose second
   * word is a prefix, and those whose second word follows token i, in the list's order (any other
   * phrase fails at its second word).
   */
  private extendIndexed(
    tokens: readonly Token[],
    i: number,
    v: Reading,
    list: readonly Entry<T>[],
    out: PhraseMatch<T>[],
  ) {
    let index = this.indexed.get(v.id);
    if (index === undefined) {
      index = secondWordIndex(list);
      this.indexed.set(v.id, index);
    }
    const next = nextWordAfter(tokens, i);
    const { always } = index;
    const followed = (next !== null && index.bySecond.get(next)) || EMPTY_POSITIONS;
    // (both lists ascend: merged, the phrases are tried in the list's order)
    let a = 0;
    let b = 0;
    while (a < always.length || b < followed.length) {
      const k =
        b >= followed.length || (a < always.length && always[a] < followed[b]) ? always[a++] : followed[b++];
      this.extend(tokens, i, v, list[k], out);
    }
  }

  private extend(tokens: readonly Token[], i: number, v: Reading, e: Entry<T>, out: PhraseMatch<T>[]) {
    let t = i;
    for (let w = 1; w < e.words.length; w++) {
      t++;
      while (t < tokens.length && tokens[t].kind === 'punct' && SKIPPABLE.has(tokens[t].text)) t++;
      if (t >= tokens.length) return;
      const text = tokens[t].text;
      const want = e.words[w];
      const isLast = w === e.words.length - 1;
      if (text === want) continue;
      if (isLast && e.prefix && text.startsWith(want)) continue;
      return;
    }
    out.push(this.result(tokens, i, t, v, e));
  }

  private result(tokens: readonly Token[], first: number, last: number, v: Reading, e: Entry<T>) {
    return {
      value: e.value,
      phrase: e.phrase,
      first,
      last,
      start: tokens[first].start + v.cut,
      end: tokens[last].end,
      clitic: v.clitic,
    };
  }

  /** Every match in tokens [from, to), overlapping ones included, in text order. */
  findAll(tokens: readonly Token[], from = 0, to = tokens.length): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = from; i < to; i++) {
      for (const m of this.matchAt(tokens, i)) if (m.last < to) out.push(m);
    }
    return out;
  }

  private anchor: RegExp | null = null;

  /** A regex that finds, anywhere in a text, the places where some first word could stand. */
  private anchorRegex(): RegExp {
    if (!this.anchor) {
      const alt = [...this.firstWords]
        .sort((a, b) => b.length - a.length)
        .map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|');
      this.anchor = new RegExp(alt || '(?!)', 'gu');
    }
    return this.anchor;
  }

  /**
   * Like findLongest over all tokens, but first scans the normalized text once for the
   * first words of the phrases and only tries the tokens where one occurs. For large
   * texts and small lexicons (the trigger pass over every article).
   */
  findLongestIn(norm: string, tokens: readonly Token[]): PhraseMatch<T>[] {
    const re = this.anchorRegex();
    re.lastIndex = 0;
    const candidates: number[] = [];
    let t = 0;
    for (let m = re.exec(norm); m !== null; m = re.exec(norm)) {
      while (t < tokens.length && tokens[t].end <= m.index) t++;
      if (t >= tokens.length) break;
      if (tokens[t].start <= m.index && candidates[candidates.length - 1] !== t) candidates.push(t);
      re.lastIndex = Math.max(m.index + 1, tokens[t].end);
    }
    const out: PhraseMatch<T>[] = [];
    let after = -1;
    for (const i of candidates) {
      if (i <= after) continue;
      const best = this.longestAt(tokens, i, tokens.length);
      if (best) {
        out.push(best);
        after = best.last;
      }
    }
    return out;
  }

  private startAnchor: RegExp | null = null;

  /**
   * The tokens of a text where a phrase may start, ascending: those that hold a first word (or,
   * for a first word with the article, "ل" and the rest of it: "للتحالف" reads as "التحالف"),
   * found by one pass of a regular expression over the normalized text. Every token where
   * findLongest finds a phrase is among them, so `findLongestAmong` over them finds the same.
   */
  startCandidates(norm: string, tokens: readonly Token[]): number[] {
    if (!this.startAnchor) {
      const words = new Set<string>();
      for (const w of this.firstWords) {
        words.add(w);
        if (w.startsWith('ال') && w.length > 2) words.add(`ل${w.slice(2)}`);
      }
      const alt = [...words]
        .sort((a, b) => b.length - a.length)
        .map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|');
      this.startAnchor = new RegExp(alt || '(?!)', 'gu');
    }
    const re = this.startAnchor;
    re.lastIndex = 0;
    const out: number[] = [];
    let t = 0;
    for (let m = re.exec(norm); m !== null; m = re.exec(norm)) {
      while (t < tokens.length && tokens[t].end <= m.index) t++;
      if (t >= tokens.length) break;
      if (tokens[t].start > m.index) {
        re.lastIndex = m.index + 1;
        continue;
      }
      out.push(t);
      re.lastIndex = tokens[t].end;
    }
    return out;
  }

  /** findLongest(tokens, from, to), trying only the tokens `startCandidates` gave. */
  findLongestAmong(
    starts: readonly number[],
    tokens: readonly Token[],
    from: number,
    to: number,
  ): PhraseMatch<T>[] {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    const out: PhraseMatch<T>[] = [];
    let after = -1;
    for (let k = lo; k < starts.length && starts[k] < to; k++) {
      const i = starts[k];
      if (i <= after) continue;
      const best = this.longestAt(tokens, i, to);
      if (best) {
        out.push(best);
        after = best.last;
      }
    }
    return out;
  }

  /** The longest phrase starting at token i and ending before `to` (fewest clitic letters on a tie). */
  private longestAt(tokens: readonly Token[], i: number, to: number): PhraseMatch<T> | undefined {
    let best: PhraseMatch<T> | undefined;
    for (const m of this.matchAt(tokens, i)) {
      if (m.last >= to) continue;
      if (!best || m.last > best.last || (m.last === best.last && m.clitic.length < best.clitic.length))
        best = m;
    }
    return best;
  }

  /** Non-overlapping matches, the longest (most tokens) winning at each position, left to right. */
  findLongest(tokens: readonly Token[], from = 0, to = tokens.length): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = from; i < to; i++) {
      const best = this.longestAt(tokens, i, to);
      if (best) {
        out.push(best);
        i = best.last;
      }
    }
    return out;
  }
}
