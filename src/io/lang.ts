/**
 * Is an article Arabic? Counted on its letters: Arabic-script letters against all letters
 * in the first 50,000 characters. A page quoting some English, or an Arabic page with an
 * English menu left over, stays Arabic; an English or French page with an Arabic name or two
 * does not.
 */

const SAMPLE = 50_000;
/** Arabic letters at or above this share of all letters: Arabic. */
const MIN_SHARE = 0.3;
/** …or at least this many Arabic letters (a long Arabic text inside a mostly Latin page). */
const MIN_LETTERS = 400;

export interface ArabicShare {
  letters: number;
  arabic: number;
}

export function arabicShare(text: string): ArabicShare {
  const s = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  let letters = 0;
  let arabic = 0;
  for (const m of s.matchAll(/\p{L}/gu)) {
    letters++;
    if (/\p{Script=Arabic}/u.test(m[0])) arabic++;
  }
  return { letters, arabic };
}

/**
 * Null when the text is Arabic; otherwise why not, e.g. 'not Arabic: 2% of 1,204 letters are
 * Arabic (page language "en")'. `lang` is the declared language, quoted in the reason only: the
 * letters decide (pages declare "en" by template default).
 */
export function notArabicReason(text: string, lang?: string | null): string | null {
  const { letters, arabic } = arabicShare(text);
  if (arabic >= MIN_LETTERS || (letters > 0 && arabic / letters >= MIN_SHARE && arabic >= 20)) return null;
  const declared = lang ? ` (page language "${lang}")` : '';
  if (letters === 0) return `not Arabic: no letters in the text${declared}`;
  const pct = Math.round((100 * arabic) / letters);
  return `not Arabic: ${pct}% of ${letters.toLocaleString('en')} letters are Arabic${declared}`;
}
