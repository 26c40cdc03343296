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

/** Proclitic readings of one normalized word, the word itself first (memoized: words repeat). */
export function cliticVariants(word: string): CliticVariant[] {
  let v = VARIANT_CACHE.get(word);
  if (v === undefined) {
    if (VARIANT_CACHE.size >= VARIANT_CACHE_MAX) VARIANT_CACHE.clear();
    v = computeVariants(word);
    VARIANT_CACHE.set(word, v);
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

export class PhraseMatcher<T> {
  private readonly exact = new Map<string, Entry<T>[]>();
  private readonly prefixes = new Map<string, Entry<T>[]>();
  private readonly PREFIX_KEY = 3;
  size = 0;

  /** Adds a phrase; a trailing `*` makes its last word a prefix. */
  add(phrase: string, value: T): void {
    const prefix = phrase.trim().endsWith('*');
    const words = phraseWords(phrase.replace(/\*\s*$/, ''));
    if (words.length === 0) return;
    const entry: Entry<T> = { words, prefix, value, phrase };
    this.size++;
    if (prefix && words.length === 1) {
      const key = words[0].slice(0, this.PREFIX_KEY);
      const list = this.prefixes.get(key) ?? [];
      list.push(entry);
      this.prefixes.set(key, list);
      return;
    }
    const list = this.exact.get(words[0]) ?? [];
    list.push(entry);
    this.exact.set(words[0], list);
  }

  /** All phrases that start at token i. */
  matchAt(tokens: readonly Token[], i: number): PhraseMatch<T>[] {
    const tok = tokens[i];
    if (tok.kind === 'punct') return [];
    const out: PhraseMatch<T>[] = [];
    const variants = tok.kind === 'num' ? [{ stem: tok.text, cut: 0 }] : cliticVariants(tok.text);
    if (tok.kind === 'num' && !this.exact.has(tok.text)) return out;
    for (const v of variants) {
      const list = this.exact.get(v.stem);
      if (list) for (const e of list) this.extend(tokens, i, v, e, out);
      if (this.prefixes.size > 0 && v.stem.length >= this.PREFIX_KEY) {
        const plist = this.prefixes.get(v.stem.slice(0, this.PREFIX_KEY));
        if (plist)
          for (const e of plist) if (v.stem.startsWith(e.words[0])) out.push(this.result(tokens, i, i, v, e));
      }
    }
    return out;
  }

  private extend(tokens: readonly Token[], i: number, v: CliticVariant, e: Entry<T>, out: PhraseMatch<T>[]) {
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

  private result(tokens: readonly Token[], first: number, last: number, v: CliticVariant, e: Entry<T>) {
    const tok = tokens[first];
    return {
      value: e.value,
      phrase: e.phrase,
      first,
      last,
      start: tok.start + v.cut,
      end: tokens[last].end,
      clitic: tok.text.slice(0, v.cut),
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
      const stems = new Set<string>();
      for (const k of this.exact.keys()) stems.add(k);
      for (const list of this.prefixes.values()) for (const e of list) stems.add(e.words[0]);
      const alt = [...stems]
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
