/**
 * An estimate of an article's publication date from its own text, for articles whose source
 * gives none (a page without date metadata, a feed item without pubDate, a .txt file), so
 * that "اليوم", "أمس" and weekdays still resolve.
 *
 * - Anchor: the latest date the text states to the day (`findDates` with no publication
 *   date resolves only those), leaving out tallies ("منذ 3 كانون الثاني") and dates after
 *   `today` (announced future events). News is published on or soon after the day it reports.
 * - Weekday: "اليوم الأحد" says the article was written on a Sunday, "أمس السبت" too
 *   (relative day + weekday). With an anchor, the estimate is the first such weekday on or
 *   after the anchor (at most six days later); a weekday that disagrees with nothing moves
 *   nothing when there is no anchor (a weekday alone does not name a date).
 * - Nothing stated to the day: no estimate.
 */
import { RELATIVE_DAYS, WEEKDAYS } from '../dates/constants.js';
import { findDates } from '../dates/dates.js';
import { addDays, formatDay, parseISODay, weekdayOf, type YMD } from '../dates/resolve.js';
import { normalize } from '../normalize/normalize.js';

export interface PublishedEstimate {
  /** 'YYYY-MM-DD' */
  date: string;
  /** how it was found, for the note shown to the user */
  basis: string;
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Longest relative-day phrase and the weekday named in a date mention's words. */
function relativeWeekday(span: string): { offset: number; weekday: number } | null {
  // a conjunction or preposition clitic on the first word: "وأمس السبت", "فاليوم"
  const words = span
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (/^[وف]/.test(w) && !WEEKDAYS.has(w) && !RELATIVE_DAYS.has(w) ? w.slice(1) : w));
  let weekday: number | null = null;
  let offset: number | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = WEEKDAYS.get(words[i]);
    if (w !== undefined && weekday === null) weekday = w;
    for (let n = Math.min(3, words.length - i); n >= 1 && offset === null; n--) {
      const rel = RELATIVE_DAYS.get(words.slice(i, i + n).join(' '));
      if (rel && !rel.partOfDay) offset = rel.offset;
    }
  }
  if (weekday === null || offset === null) return null;
  return { offset, weekday };
}

function todayYmd(now: Date): YMD {
  return { y: now.getUTCFullYear(), m: now.getUTCMonth() + 1, d: now.getUTCDate() };
}

function cmp(a: YMD, b: YMD): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/** The estimated publication date of a text, or null when the text states no day. */
export function estimatePublished(text: string, opts: { now?: Date } = {}): PublishedEstimate | null {
  const norm = normalize(text).norm;
  const mentions = findDates(norm, null);
  if (!mentions.length) return null;
  const limit = addDays(todayYmd(opts.now ?? new Date()), 1);
  let anchor: YMD | null = null;
  let pubWeekday: number | null = null;
  let weekdayPhrase = '';
  for (const m of mentions) {
    if (m.kind === 'absolute' && m.precision === 'day' && !m.since && m.stated.year) {
      const d = parseISODay(m.date);
      if (d && cmp(d, limit) <= 0 && (!anchor || cmp(d, anchor) > 0)) anchor = d;
    } else if ((m.kind === 'relative-day' || m.kind === 'weekday') && pubWeekday === null) {
      const rw = relativeWeekday(norm.slice(m.start, m.end));
      if (rw) {
        pubWeekday = (((rw.weekday - rw.offset) % 7) + 7) % 7;
        weekdayPhrase = norm.slice(m.start, m.end).trim();
      }
    }
  }
  if (!anchor) return null;
  if (pubWeekday === null) return { date: formatDay(anchor), basis: 'the latest date stated in the text' };
  let d = anchor;
  for (let k = 0; k < 7 && weekdayOf(d) !== pubWeekday; k++) d = addDays(d, 1);
  return {
    date: formatDay(d),
    basis: `the latest date stated in the text and "${weekdayPhrase}" (written on a ${WEEKDAY_NAMES[pubWeekday]})`,
  };
}
