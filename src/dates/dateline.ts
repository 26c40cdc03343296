/**
 * The date a story gives itself at its head, for the discourse stage to use as the story's
 * date (the day that "اليوم", a bare weekday or an undated report refers to).
 *
 * Two forms are read, in the first few lines of the article (`datelineLines` in dates.json):
 * - a dateline: a place (at most `datelinePlaceMaxWords` words, bare or in parentheses) then
 *   dashes and/or a parenthesised agency, then optionally a date, at the start of a line:
 *   "بغداد - 12 كانون الثاني (رويترز) -", "(دمشق) - …", "دمشق- …". Without a date it is still
 *   a dateline (date null) when the line is a paragraph, not a short title.
 * - a date line: a line that holds a day-precision calendar date and little else — labels
 *   ("تاريخ النشر:"), times ("الساعة 21:47", "09:31"), parentheticals and at most
 *   `datelineMaxOtherWords` other words (a section name): "الأحد 18 نيسان 2021 الساعة 21:47".
 * The first line of either form wins.
 */
import { alternation } from '../numbers/numbers.js';
import { DATELINE, MONTHS } from './constants.js';
import { type DateMention, findDates } from './dates.js';

export interface Dateline {
  /** offsets into the normalized text of the dateline or date line */
  start: number;
  end: number;
  kind: 'dateline' | 'date-line';
  /** a dateline's place words ("بغداد"), unchecked against the gazetteer; null on a date line */
  place: { start: number; end: number; text: string } | null;
  /** the date (offsets into the normalized text), or null for a dateline with no date */
  date: DateMention | null;
}

const PLACE = `\\p{L}+(?: \\p{L}+){0,${Math.max(0, DATELINE.placeMaxWords - 1)}}`;
/** place, then separators: at least one dash, or the place in parentheses */
const RE_DATELINE = new RegExp(
  `^ *(?:\\( *(?<pp>${PLACE}) *\\)(?<sep1>(?: *-+| *\\([^()\\n]{1,30}\\))*)|(?<p>${PLACE})(?<sep2>(?: *\\([^()\\n]{1,30}\\))? *-+(?: *\\([^()\\n]{1,30}\\) *-*)?)) *`,
  'u',
);
/** a dateline with no date stands at the head of a paragraph, not of a short title */
const MIN_PARAGRAPH = 60;
const CALENDAR_KINDS = new Set<DateMention['kind']>(['absolute', 'weekday']);

const RE_PAREN = /\([^()\n]*\)/gu;
const RE_TIME = /\d{1,2}[:.]\d{2}(?:[:.]\d{2})?/gu;
const RE_WORD = /\p{L}+/gu;

function shift(m: DateMention, by: number): DateMention {
  return { ...m, start: m.start + by, end: m.end + by };
}

/** A dateline at the start of `line` (which starts at `offset` in the text), or null. */
function datelineIn(
  line: string,
  offset: number,
  published: string | null,
  isPlace?: (name: string) => boolean,
): Dateline | null {
  const m = RE_DATELINE.exec(line);
  if (!m?.groups) return null;
  const placeText = m.groups.pp ?? m.groups.p;
  if (placeText === undefined) return null;
  const placeStart = line.indexOf(placeText, m.index);
  const restStart = m.index + m[0].length;
  const rest = line.slice(restStart);
  const first = findDates(rest, published)[0];
  const place = { start: offset + placeStart, end: offset + placeStart + placeText.length, text: placeText };
  if (first && first.start === 0 && CALENDAR_KINDS.has(first.kind) && first.precision === 'day') {
    return {
      start: offset + m.index,
      end: offset + restStart + first.end,
      kind: 'dateline',
      place,
      date: shift(first, offset + restStart),
    };
  }
  if (line.trim().length < MIN_PARAGRAPH || (isPlace && !isPlace(placeText))) return null;
  return { start: offset + m.index, end: offset + restStart, kind: 'dateline', place, date: null };
}

/** Words of `s` that are not labels, time words or digits. */
function otherWords(s: string): number {
  let t = s.replace(RE_PAREN, ' ').replace(RE_TIME, ' ');
  for (const label of DATELINE.labels) t = t.split(label).join(' ');
  let n = 0;
  for (const w of t.match(RE_WORD) ?? []) if (!DATELINE.timeWords.has(w)) n++;
  return n;
}

/**
 * More words than any date line holds: a date, its weekday and time, labels and time words
 * ("الأحد 18 نيسان 2021 الساعة 21:47 بتوقيت بغداد"), and a few other words.
 */
const DATE_LINE_MAX_WORDS = 40;

/** Does `s` hold more than `n` space-separated words? (counts spaces; stops early) */
function wordsOver(s: string, n: number): boolean {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const space = s.charCodeAt(i) === 32;
    if (!space && !inWord && ++words > n) return true;
    inWord = !space;
  }
  return false;
}

/**
 * What every date of a date line holds: its day and month are stated, so the line has a month
 * name ("18 نيسان", "السابع من ايار") or a numeric date ("11.06.2022", "2021/4/3": a digit, a
 * separator, a digit). A line with neither holds no such date.
 */
const RE_DAY_AND_MONTH_CUE = new RegExp(`${alternation(MONTHS.keys())}|\\d[/.\\-]\\d`, 'u');

/** A line that holds only a date (and labels, times, a section name), or null. */
function dateLineIn(line: string, offset: number, published: string | null): Dateline | null {
  // (a paragraph is no date line, nor a line with no month name and no numeric date: the date
  // parsers are not run over them)
  if (wordsOver(line, DATE_LINE_MAX_WORDS) || !RE_DAY_AND_MONTH_CUE.test(line)) return null;
  const ds = findDates(line, published).filter(
    (d) => d.kind === 'absolute' && d.precision === 'day' && d.stated.day && d.stated.month,
  );
  if (ds.length !== 1) return null;
  const d = ds[0];
  if (otherWords(line.slice(0, d.start) + ' ' + line.slice(d.end)) > DATELINE.maxOtherWords) return null;
  const lead = line.length - line.trimStart().length;
  return {
    start: offset + lead,
    end: offset + line.trimEnd().length,
    kind: 'date-line',
    place: null,
    date: shift(d, offset),
  };
}

/**
 * The dateline or date line at the head of a normalized article text, or null. `isPlace`
 * (e.g. a gazetteer lookup of the normalized name) vets the place of a dateline that has no
 * date ("العالم - …" names an outlet, not a place); without it such datelines are not vetted.
 */
export function findDateline(
  norm: string,
  published: string | null,
  isPlace?: (name: string) => boolean,
): Dateline | null {
  let seen = 0;
  // the head's lines, cut one at a time (not the whole text)
  for (let here = 0; here <= norm.length; ) {
    const nl = norm.indexOf('\n', here);
    const end = nl < 0 ? norm.length : nl;
    const line = norm.slice(here, end);
    const at = here;
    here = end + 1;
    if (line.trim() === '') continue;
    if (seen++ >= DATELINE.lines) break;
    const found = datelineIn(line, at, published, isPlace) ?? dateLineIn(line, at, published);
    if (found) return found;
  }
  return null;
}

/**
 * The place of the dateline `findDateline` finds (offsets into the normalized text), or null, read
 * with fewer date parses: a date line (whose place is null) matters only before the first line
 * that opens with a dateline, so the head's lines are first tried as datelines alone, and as date
 * lines only the lines before the first dateline are (none when no line has a dateline).
 */
export function findDatelinePlace(
  norm: string,
  published: string | null,
  isPlace?: (name: string) => boolean,
): [number, number] | null {
  const lines: [string, number][] = [];
  for (let here = 0; here <= norm.length && lines.length < DATELINE.lines; ) {
    const nl = norm.indexOf('\n', here);
    const end = nl < 0 ? norm.length : nl;
    const line = norm.slice(here, end);
    if (line.trim() !== '') lines.push([line, here]);
    here = end + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const found = datelineIn(lines[i][0], lines[i][1], published, isPlace);
    if (found === null) continue;
    for (let j = 0; j < i; j++) if (dateLineIn(lines[j][0], lines[j][1], published)) return null;
    return found.place ? [found.place.start, found.place.end] : null;
  }
  return null;
}

/** The calendar date ('YYYY-MM-DD') the article's head gives the story, or null. */
export function datelineDate(norm: string, published: string | null): string | null {
  return findDateline(norm, published)?.date?.date ?? null;
}
