/**
 * Refiners, chrono style: they run on the parsers' candidates in order, each returning a new
 * list. Overlaps are settled first (longest wins), then context outside the mention is read
 * (منذ … before a date, حتي الان after it).
 */
import { SINCE_LINK_WORDS, SINCE_PHRASES, TALLY_END_SRC, UNTIL_TODAY } from './constants.js';
import type { Parsed } from './parsers.js';

export type Refiner = (norm: string, cands: Parsed[]) => Parsed[];

/** Keeps the longest candidates that do not overlap (ties: parser priority, then position). */
export const removeOverlaps: Refiner = (_norm, cands) => {
  const byLength = [...cands].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.priority - b.priority || a.start - b.start,
  );
  const kept: Parsed[] = [];
  for (const c of byLength) {
    if (kept.every((k) => c.end <= k.start || c.start >= k.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
};

const RE_TALLY_AFTER = new RegExp(` *[،,]? *${TALLY_END_SRC}`, 'uy');
const RE_LETTER = /\p{L}/u;

/** Up to `max` words before `pos`, each followed by spaces (no punctuation in between), nearest last. */
function wordsBefore(norm: string, pos: number, max: number): string[] {
  const out: string[] = [];
  let i = pos;
  while (out.length < max) {
    let j = i - 1;
    while (j >= 0 && norm[j] === ' ') j--;
    if (j === i - 1) break;
    const end = j + 1;
    while (j >= 0 && RE_LETTER.test(norm[j])) j--;
    if (j + 1 === end) break;
    out.unshift(norm.slice(j + 1, end));
    i = j + 1;
  }
  return out;
}

const stripConj = (w: string) => (w.length > 2 && (w[0] === 'و' || w[0] === 'ف') ? w.slice(1) : w);

/** Do the words end with a since phrase ("منذ", "اعتبارا من"), after at most two link words? */
function endsWithSince(words: string[]): boolean {
  let n = words.length;
  for (let links = 0; links <= 2 && n > 0; links++) {
    const last = words[n - 1];
    if (SINCE_PHRASES.has(last) || SINCE_PHRASES.has(stripConj(last))) return true;
    if (n >= 2) {
      const two = `${words[n - 2]} ${last}`;
      if (SINCE_PHRASES.has(two) || SINCE_PHRASES.has(`${stripConj(words[n - 2])} ${last}`)) return true;
    }
    if (!SINCE_LINK_WORDS.has(last)) return false;
    n--;
  }
  return false;
}

/**
 * since: the date opens a series or tally — preceded by منذ/اعتبارا من/ابتداء من (possibly with
 * "بدايه", "مطلع", "شهر", "عام" in between) or followed by "حتي الان"/"حتي اليوم". A relative day
 * after "حتي"/"الي"/"لغايه" ("حتي اليوم") is the end of a tally and is marked the same way.
 */
export const markSince: Refiner = (norm, cands) =>
  cands.map((c) => {
    if (c.since) return c;
    const words = wordsBefore(norm, c.start, 4);
    let since = endsWithSince(words);
    if (!since && c.kind === 'relative-day' && words.length > 0) {
      since = UNTIL_TODAY.has(stripConj(words[words.length - 1]));
    }
    if (!since) {
      RE_TALLY_AFTER.lastIndex = c.end;
      since = RE_TALLY_AFTER.test(norm);
    }
    return since ? { ...c, since: true } : c;
  });

export const REFINERS: Refiner[] = [removeOverlaps, markSince];
