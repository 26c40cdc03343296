/**
 * Tokens, sentences and clauses over normalized text. All offsets are into the
 * normalized string (map them back with `toOriginalSpan`).
 */

export type TokenKind = 'word' | 'num' | 'punct';

export interface Token {
  /** normalized text of the token */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly kind: TokenKind;
  /** index of the sentence the token belongs to */
  sentence: number;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Sentence extends Span {
  readonly index: number;
  /** index of the first and one past the last token of the sentence */
  readonly tokenStart: number;
  readonly tokenEnd: number;
  /** paragraph number (a blank line or a line break starts a new paragraph) */
  readonly paragraph: number;
}

/**
 * The tokens are those of /(\p{L}+)|(\p{N}+(?:[.,:/]\p{N}+)*)|(\S)/gu (letters, numbers with
 * inner separators, any other non-space character), read through a class table of the BMP code
 * units (astral characters, rare, are classed by the same regular expressions as met).
 */
const SPACE = 0;
const LETTER = 1;
const DIGIT = 2;
const OTHER = 3;
const IS_L = /^\p{L}$/u;
const IS_N = /^\p{N}$/u;
const IS_S = /^\s$/u;
const classOf = (ch: string) =>
  IS_L.test(ch) ? LETTER : IS_N.test(ch) ? DIGIT : IS_S.test(ch) ? SPACE : OTHER;
const CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++)
  CLASS[c] = c >= 0xd800 && c <= 0xdfff ? OTHER : classOf(String.fromCharCode(c));
const ASTRAL = new Map<number, number>();

/** The class of the character at i, and its width in code units (2 for a surrogate pair). */
function charAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) return CLASS[c] | 4;
  const d = s.charCodeAt(i + 1);
  if (d < 0xdc00 || d > 0xdfff) return CLASS[c] | 4;
  const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  let k = ASTRAL.get(cp);
  if (k === undefined) {
    k = classOf(String.fromCodePoint(cp));
    ASTRAL.set(cp, k);
  }
  return k | 8;
}
const kindOf = (x: number) => x & 3;
const widthOf = (x: number) => x >> 2;
const SEPARATOR = (c: number) => c === 46 || c === 44 || c === 58 || c === 47; // . , : /

/** Splits normalized text into word, number and punctuation tokens. */
export function tokenize(norm: string): Token[] {
  const tokens: Token[] = [];
  const n = norm.length;
  for (let i = 0; i < n; ) {
    const x = charAt(norm, i);
    const k = kindOf(x);
    const start = i;
    i += widthOf(x);
    if (k === SPACE) continue;
    if (k === OTHER) {
      tokens.push({ text: norm.slice(start, i), start, end: i, kind: 'punct', sentence: -1 });
      continue;
    }
    // a run of the class; a number goes on over a separator between digits
    for (;;) {
      while (i < n) {
        const y = charAt(norm, i);
        if (kindOf(y) !== k) break;
        i += widthOf(y);
      }
      if (
        k !== DIGIT ||
        i + 1 >= n ||
        !SEPARATOR(norm.charCodeAt(i)) ||
        kindOf(charAt(norm, i + 1)) !== DIGIT
      )
        break;
      i += 1;
    }
    const kind: TokenKind = k === LETTER ? 'word' : 'num';
    tokens.push({ text: norm.slice(start, i), start, end: i, kind, sentence: -1 });
  }
  return tokens;
}

const SENTENCE_END = new Set(['.', '!', '?', '؟', ';', '؛']);

/**
 * Is the text hard line-wrapped (a line break every few words inside sentences, as in
 * e-mail, wire copy and PDF extracts)? Yes when it has at least four non-empty lines,
 * most of them short and ending without sentence punctuation, and the lines are of
 * similar length (headlines and paragraphs vary; a wrapped column does not).
 */
export function isHardWrapped(norm: string): boolean {
  // most texts have few line breaks: count them first, without allocating
  let breaks = 0;
  for (let i = norm.indexOf('\n'); i >= 0 && breaks < 4; i = norm.indexOf('\n', i + 1)) breaks++;
  if (breaks < 4) return false;
  // one pass over the non-empty lines: length, open end (no sentence punctuation), few words
  const lines: { length: number; open: boolean; few: boolean }[] = [];
  for (let start = 0; start <= norm.length; ) {
    let end = norm.indexOf('\n', start);
    if (end < 0) end = norm.length;
    let a = start;
    let b = end;
    while (a < b && norm.charCodeAt(a) === 32) a++;
    while (b > a && norm.charCodeAt(b - 1) === 32) b--;
    if (b > a) {
      const last = norm[b - 1];
      let words = 1;
      for (let i = a; i < b && words <= 16; i++) if (norm.charCodeAt(i) === 32) words++;
      lines.push({ length: b - a, open: !SENTENCE_END.has(last) && last !== ':', few: words <= 16 });
    }
    start = end + 1;
  }
  if (lines.length < 4) return false;
  // the last line of a paragraph is short: judge by the others
  const body = lines.slice(0, -1);
  if (body.filter((l) => l.open).length / body.length < 0.6) return false;
  const lengths = body.map((l) => l.length).sort((x, y) => x - y);
  const median = lengths[Math.floor(lengths.length / 2)];
  if (median > 100 || median < 15) return false;
  return body.filter((l) => l.few).length / body.length >= 0.8;
}

/** Length bounds of a line wrapped at a fixed width, and its fewest words. */
const WRAP_MIN = 40;
const WRAP_MAX = 100;
const WRAP_WORDS = 6;

/**
 * One wrapped paragraph in a text that is not wrapped throughout ("… في منطقة الرميلان\n
 * النفطية بريف محافظة الحسكة …"): the line break between `a` and `b` is a space when the
 * line before it is not the text's first, is as long as a wrapped line, has no sentence
 * punctuation at its end, and the line after it is no longer than a wrapped line (a headline
 * over a paragraph of one long line stays apart).
 */
function wrappedLine(norm: string, a: number, b: number): boolean {
  const nl = norm.indexOf('\n', a);
  if (nl < 0 || nl >= b) return false;
  const lineStart = norm.lastIndexOf('\n', nl - 1) + 1;
  if (lineStart === 0) return false;
  const before = norm.slice(lineStart, nl).trim();
  if (before.length < WRAP_MIN || before.length > WRAP_MAX) return false;
  const last = before[before.length - 1];
  if (SENTENCE_END.has(last) || last === ':' || last === '"') return false;
  if (before.split(' ').length < WRAP_WORDS) return false;
  let nextEnd = norm.indexOf('\n', b);
  if (nextEnd < 0) nextEnd = norm.length;
  const after = norm.slice(b, nextEnd).trim();
  return after.length > 0 && after.length <= WRAP_MAX && /^\p{L}/u.test(after);
}

/**
 * Splits into sentences at . ! ? ؟ ; ؛ and at every line break, and assigns each
 * token its sentence index. A period between digits (2.5) is not a break. With
 * `softWraps`, a single line break is a space: only a blank line (or punctuation) ends
 * a sentence.
 */
export function splitSentences(norm: string, tokens: Token[], softWraps = false): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let first = 0;
  const close = (endTok: number) => {
    if (endTok <= first) return;
    const start = tokens[first].start;
    const end = tokens[endTok - 1].end;
    const index = sentences.length;
    for (let t = first; t < endTok; t++) tokens[t].sentence = index;
    sentences.push({ index, start, end, tokenStart: first, tokenEnd: endTok, paragraph });
    first = endTok;
  };
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    if (t > first) {
      // a line break between the previous token and this one ends the sentence
      let lineBreaks = 0;
      for (let i = tokens[t - 1].end; i < tok.start; i++) if (norm.charCodeAt(i) === 10) lineBreaks++;
      if (
        lineBreaks > (softWraps ? 1 : 0) &&
        !(lineBreaks === 1 && wrappedLine(norm, tokens[t - 1].end, tok.start))
      ) {
        close(t);
        paragraph++;
      }
    }
    if (tok.kind === 'punct' && SENTENCE_END.has(tok.text)) {
      // an ellipsis written as a run of periods ("القصف المجهول.. استهدف سيارتين") is a pause
      // inside the sentence: only a line break after it ends the sentence
      if (tok.text === '.' && isEllipsis(tokens, t)) {
        while (t + 1 < tokens.length && tokens[t + 1].text === '.' && tokens[t + 1].start === tokens[t].end)
          t++;
        continue;
      }
      // swallow closing quotes/brackets that follow the stop
      let e = t + 1;
      while (e < tokens.length && tokens[e].kind === 'punct' && /^[")\]»]$/.test(tokens[e].text)) e++;
      t = e - 1;
      close(e);
    }
  }
  close(tokens.length);
  return sentences;
}

/** Whether the period at t starts a run of two or more periods (an ellipsis, not a stop). */
function isEllipsis(tokens: Token[], t: number): boolean {
  const next = tokens[t + 1];
  return next !== undefined && next.text === '.' && next.start === tokens[t].end;
}

/** Everything in one pass: tokens and sentences (`rewrapped`: hard line breaks were read as spaces). */
export function segment(norm: string): { tokens: Token[]; sentences: Sentence[]; rewrapped: boolean } {
  const tokens = tokenize(norm);
  const rewrapped = isHardWrapped(norm);
  const sentences = splitSentences(norm, tokens, rewrapped);
  return { tokens, sentences, rewrapped };
}

/** The text between two tokens (exclusive), as written in the normalized string. */
export function gapBetween(norm: string, a: Token, b: Token): string {
  return norm.slice(a.end, b.start);
}
