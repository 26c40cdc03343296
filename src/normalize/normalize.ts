/**
 * Arabic text normalization that keeps offsets into the original text.
 *
 * The normalized string is what every matcher in Rasd reads; `offsets` maps each
 * normalized character back to the original, so that evidence spans always point
 * at the exact words of the source.
 *
 * What is folded:
 * - diacritics (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks), tatweel;
 * - zero-width and bidi control characters, soft hyphen;
 * - alef forms (أ إ آ ٱ) → ا; ى → ي; ة → ه; ؤ → و; ئ → ي; Persian ک ی ە → ك ي ه;
 * - Arabic presentation forms (ligatures) → their letters (NFKC);
 * - Arabic-Indic and Persian digits → ASCII; ٫ → . and ٬ → ,;
 * - every quote style → "; every dash → -; every space except newlines → ' ';
 * - Latin upper case → lower case;
 * - an underscore between letters or digits (hashtags: #كتائب_حزب_الله) → ' '.
 */

export interface NormalizedText {
  /** the text as received */
  readonly original: string;
  /** the folded text that matchers read */
  readonly norm: string;
  /** offsets[i] is the index in `original` of norm[i]; offsets[norm.length] === original.length */
  readonly offsets: Int32Array;
}

const DROP = new Set<number>();
for (let c = 0x064b; c <= 0x065f; c++) DROP.add(c); // harakat, tanwin, shadda, sukun, …
for (let c = 0x0610; c <= 0x061a; c++) DROP.add(c); // honorific and Quranic signs
for (let c = 0x06d6; c <= 0x06ed; c++) DROP.add(c); // Quranic annotation marks
for (const c of [0x0670, 0x0640, 0x00ad, 0xfeff, 0x061c, 0x180e]) DROP.add(c); // superscript alef, tatweel, soft hyphen, BOM, ALM
for (let c = 0x200b; c <= 0x200f; c++) DROP.add(c); // zero-width space/joiners, LRM, RLM
for (let c = 0x202a; c <= 0x202e; c++) DROP.add(c); // bidi embeddings
for (let c = 0x2066; c <= 0x2069; c++) DROP.add(c); // bidi isolates

const MAP = new Map<number, string>();
const setMap = (chars: string, to: string) => {
  for (const ch of chars) MAP.set(ch.codePointAt(0) as number, to);
};
setMap('أإآٱٲٳ', 'ا');
setMap('ىیيۍېێ', 'ي');
setMap('ة', 'ه');
setMap('ەۀہھ', 'ه');
setMap('ؤ', 'و');
setMap('ئ', 'ي');
setMap('کڪ', 'ك');
setMap('گ', 'ك');
setMap('٠۰', '0');
setMap('١۱', '1');
setMap('٢۲', '2');
setMap('٣۳', '3');
setMap('٤۴', '4');
setMap('٥۵', '5');
setMap('٦۶', '6');
setMap('٧۷', '7');
setMap('٨۸', '8');
setMap('٩۹', '9');
setMap('٫', '.');
setMap('٬', ',');
setMap('“”„‟«»‹›″〝〞＂‘’‚‛′`´', '"');
setMap("'", '"');
setMap('‐‑‒–—―−﹘﹣－', '-');
setMap(
  '\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v',
  ' ',
);
setMap('\r', '\n');
setMap('\u2028\u2029\u0085', '\n');

function isPresentationForm(c: number): boolean {
  return (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc);
}

/** Folds one code point; returns '' to drop it. */
export function foldChar(ch: string, c: number): string {
  if (DROP.has(c)) return '';
  const m = MAP.get(c);
  if (m !== undefined) return m;
  if (c >= 0x41 && c <= 0x5a) return String.fromCharCode(c + 32);
  if (isPresentationForm(c)) {
    const decomposed = ch.normalize('NFKC');
    if (decomposed === ch) return ch; // a symbol with no decomposition (U+FBB2 …)
    let out = '';
    for (const sub of decomposed) {
      const sc = sub.codePointAt(0) as number;
      out += isPresentationForm(sc) ? sub : foldChar(sub, sc);
    }
    return out;
  }
  if (c >= 0xff01 && c <= 0xff5e) return foldChar(String.fromCharCode(c - 0xfee0), c - 0xfee0);
  return ch;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

// The folding of every BMP code unit, computed once from foldChar: KEEP (unchanged), DROPPED,
// one replacement code unit (≥ 0), or MULTI (a presentation form folding to several, in MULTI_FOLD).
// Surrogates are kept (a pair is a character foldChar leaves as it is).
const KEEP = -1;
const DROPPED = -2;
const MULTI = -3;
const FOLD = new Int32Array(0x10000).fill(KEEP);
const MULTI_FOLD = new Map<number, string>();
const UNIT: string[] = [];
for (let c = 0; c < 0x10000; c++) {
  if (c >= 0xd800 && c <= 0xdfff) continue;
  const ch = String.fromCharCode(c);
  const f = foldChar(ch, c);
  if (f === ch) continue;
  if (f === '') FOLD[c] = DROPPED;
  else if (f.length === 1) {
    FOLD[c] = f.charCodeAt(0);
    UNIT[f.charCodeAt(0)] ??= f;
  } else {
    FOLD[c] = MULTI;
    MULTI_FOLD.set(c, f);
  }
}

/**
 * Normalizes `original` and keeps a map from each normalized char back to the original: one
 * pass over a lookup table, unchanged runs copied as slices, offsets in a preallocated array.
 */
export function normalize(original: string): NormalizedText {
  const n = original.length;
  let offs = new Int32Array(n + 1);
  let len = 0;
  const pieces: string[] = [];
  let runStart = 0;
  const room = (k: number) => {
    if (len + k < offs.length) return;
    const bigger = new Int32Array(Math.max(offs.length * 2, len + k + 1));
    bigger.set(offs.subarray(0, len));
    offs = bigger;
  };
  for (let i = 0; i < n; ) {
    const c = original.charCodeAt(i);
    const f = FOLD[c];
    if (f === KEEP) {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = original.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          // a pair: both units map to its start
          room(2);
          offs[len++] = i;
          offs[len++] = i;
          i += 2;
          continue;
        }
      }
      room(1);
      offs[len++] = i++;
      continue;
    }
    if (runStart < i) pieces.push(original.slice(runStart, i));
    if (f >= 0) {
      room(1);
      pieces.push(UNIT[f]);
      offs[len++] = i;
    } else if (f === MULTI) {
      const m = MULTI_FOLD.get(c) as string;
      room(m.length);
      pieces.push(m);
      for (let k = 0; k < m.length; k++) offs[len++] = i;
    }
    i++;
    runStart = i;
  }
  if (runStart === 0) pieces.push(original);
  else if (runStart < n) pieces.push(original.slice(runStart));
  room(1);
  offs[len] = n;
  let norm = pieces.length === 1 ? pieces[0] : pieces.join('');
  // "#المقاومة_الإسلامية_في_العراق": an underscore between letters is a space (one char for one: offsets hold)
  let under = norm.indexOf('_', 1);
  if (under >= 0 && under < norm.length - 1) {
    const parts: string[] = [];
    let from = 0;
    for (; under >= 0 && under < norm.length - 1; under = norm.indexOf('_', under + 1))
      if (LETTER_OR_DIGIT.test(norm[under - 1]) && LETTER_OR_DIGIT.test(norm[under + 1])) {
        parts.push(norm.slice(from, under), ' ');
        from = under + 1;
      }
    if (from > 0) {
      parts.push(norm.slice(from));
      norm = parts.join('');
    }
  }
  return { original, norm, offsets: len + 1 === offs.length ? offs : offs.slice(0, len + 1) };
}

/** Normalizes a lexicon entry or query string the same way article text is normalized. */
export function fold(s: string): string {
  return normalize(s).norm.replace(/ {2,}/g, ' ').trim();
}

/** Maps a [start, end) span of the normalized text to the original text. */
export function toOriginalSpan(nt: NormalizedText, start: number, end: number): [number, number] {
  const s = nt.offsets[Math.max(0, Math.min(start, nt.norm.length))];
  // end is exclusive: map the last included char and step past it (it may be a surrogate pair)
  if (end <= start) return [s, s];
  const lastIdx = Math.min(end, nt.norm.length) - 1;
  const last = nt.offsets[lastIdx];
  const cp = nt.original.codePointAt(last) as number;
  let e = last + (cp > 0xffff ? 2 : 1);
  // extend over dropped characters (diacritics, tatweel) that trail the last letter
  const nextKept = nt.offsets[lastIdx + 1];
  while (e < nextKept && DROP.has(nt.original.codePointAt(e) as number)) e++;
  return [s, e];
}

/** The original text under a normalized span. */
export function originalSlice(nt: NormalizedText, start: number, end: number): string {
  const [s, e] = toOriginalSpan(nt, start, end);
  return nt.original.slice(s, e);
}
