/**
 * Fast character classes for scanning normalized text (a table instead of a `\p{…}` regex on
 * the hot path). A "word char" is a Unicode letter or number, as `[\p{L}\p{N}]` with the u flag.
 */

const TABLE_SIZE = 0x3000;
/** WORD_CHAR_TABLE[c] === 1 when code unit c (< WORD_CHAR_TABLE.length) is a letter or number */
export const WORD_CHAR_TABLE = new Uint8Array(TABLE_SIZE);
const WORD = WORD_CHAR_TABLE;
const RE_WORD_CHAR = /[\p{L}\p{N}]/u;
for (let c = 0; c < TABLE_SIZE; c++) if (RE_WORD_CHAR.test(String.fromCharCode(c))) WORD_CHAR_TABLE[c] = 1;

/** Is the UTF-16 code unit at s[i] a letter or number? (surrogate halves count as letters) */
export function isWordCharAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < TABLE_SIZE) return WORD[c] === 1;
  if (c >= 0xd800 && c <= 0xdfff) return true;
  return RE_WORD_CHAR.test(s[i]);
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** End of the run of word chars starting at `i` (=== i when s[i] is not a word char). */
export function wordEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && isWordCharAt(s, j)) j++;
  return j;
}

/** Start of the next run of word chars at or after `i`, or s.length. */
export function nextWordStart(s: string, i: number): number {
  let j = i;
  while (j < s.length && !isWordCharAt(s, j)) j++;
  return j;
}
