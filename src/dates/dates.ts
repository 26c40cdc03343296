/**
 * Date mentions in normalized Arabic news text, resolved against the publication date.
 *
 * Pipeline (chrono-node's design, without chrono): the lexicon (data/lexicon/dates.json) is
 * folded into regexes (constants.ts); parsers read candidates and record only what the text
 * states (parsers.ts); refiners settle overlaps and read the context around each mention
 * (refiners.ts); this file resolves each mention to a calendar date no more precise than the
 * text (resolve.ts has the calendar arithmetic).
 *
 * Rule decisions (beyond the obvious):
 * - Day + month without a year: the latest such date on or before publication; with
 *   "الماضي"/"المنصرم" strictly before the publication MONTH; with "المقبل"/"القادم" the next
 *   occurrence after publication; with "الجاري"/"الحالي" the publication year. Same for a month
 *   alone, at month precision. A day that does not exist in the resolved month (29 February)
 *   falls back to month precision.
 * - Two days ("ليله 13/14 نيسان", "13 و14 نيسان") give month precision; `stated.day` is false.
 * - Weekdays resolve to the latest such day on or before publication (publication day counts);
 *   "الماضي" is strictly before (7 days back when it is the publication's weekday); "المقبل"
 *   strictly after. "امس الاثنين"/"اليوم الاربعاء" is the relative day; when the weekday does
 *   not fit it ("اليوم الخميس" published on a Wednesday: a late upload or a UTC timestamp), the
 *   stated weekday nearest to the relative day wins and the mention is `weekdayMismatch`. A
 *   weekday beside a full date that does not fit it only sets the flag.
 * - Night (the convention, data in dates.json nightShift): "ليله X" is the night leading into
 *   X, its evening X-1 (ليله الاحد → Saturday, also with "الماضي"); "ليل X" is X's own night;
 *   before midnight ("قبل منتصف ليله السبت") the date is the evening's day, after midnight
 *   ("بعد منتصف ليله السبت", "منتصف ليله السبت" = 00:00) the next day; "بعد منتصف ليله امس"
 *   is today. A night over two days ("ليل السبت الاحد", "ليله 13/14 نيسان") may be either
 *   day → month precision, unless after midnight (the second). Night and dawn mentions are
 *   flagged `night` (incident linking may allow ±1 day).
 * - Offsets carry an `anchor`: "قبل ذلك بيومين", "بعدها بثلاثه ايام", "في اليوم التالي",
 *   "بعد يومين" count from a time stated before ('preceding'); "بعد يومين من …", "غداه …"
 *   (+1), "عشيه …" (-1) from the event named after them ('following').
 * - "قبل يومين"/"منذ يومين" (no anchor) count back from publication (kind 'relative-day',
 *   منذ also sets `since`); "بعد يومين" and anything with "من" ("قبل يومين من") is kind
 *   'offset' with `offsetDays`, date null, for the caller to resolve against its anchor.
 *   Week-based offsets and "ago"s are `vague`.
 * - Vague periods: "الاسبوع الماضي" → month of (publication − 7 days); "مؤخرا", "الايام
 *   الاخيره", "في وقت سابق" → publication month; "الساعات الماضيه", "في وقت سابق من اليوم" →
 *   publication day; "الاشهر الاخيره" → publication year. All with vague: true.
 * - A bare four-digit year (1990–2039) is a year only after عام/العام/سنه, a context word
 *   (في, منذ, خلال, مطلع …), with the suffix "م", or when nothing but punctuation follows it:
 *   "2000 جندي" is a count.
 * - "حتي الان" makes no mention; after a date it marks the date `since` (a tally); "حتي اليوم"
 *   is a relative day marked `since` (the end of a tally, not an event date).
 * - `stated` lists the calendar components the text writes out: weekdays, relative days,
 *   periods and offsets state none (they are implied by the publication date).
 * - Hijri dates and hours are not read.
 */
import { NIGHT_PARTS, type OffsetAnchor, type PartOfDay } from './constants.js';
import { type Parsed, parseAll } from './parsers.js';
import { REFINERS } from './refiners.js';
import {
  addDays,
  addMonths,
  daysInMonth,
  formatDay,
  formatMonth,
  formatYear,
  parseISODay,
  weekdayOf,
  type YMD,
} from './resolve.js';

export { shiftDate } from './resolve.js';

export type Precision = 'day' | 'month' | 'year';

export interface DateMention {
  /** offsets into the normalized string */
  start: number;
  end: number;
  /** 'YYYY-MM-DD' | 'YYYY-MM' | 'YYYY'; null when it cannot be resolved */
  date: string | null;
  precision: Precision | null;
  kind: 'absolute' | 'relative-day' | 'weekday' | 'month' | 'year' | 'period' | 'offset';
  /** the date starts a series or tally (منذ …, … حتي الان), not an event date */
  since?: boolean;
  /** a period rather than a specific day ("الايام الاخيره", "مؤخرا", "الاسبوع الماضي") */
  vague?: boolean;
  partOfDay?: PartOfDay;
  /** kind 'offset': days from an anchor date the caller knows */
  offsetDays?: number;
  /**
   * kind 'offset': what the days count from — 'preceding': a time stated before the mention
   * ("قبل ذلك بيومين", "في اليوم التالي"); 'following': the event named right after it
   * ("بعد يومين من الهجوم", "غداه الهجوم")
   */
  anchor?: OffsetAnchor;
  /**
   * the hours around midnight (night, after midnight, dawn): reports of one incident may give
   * either calendar day, so incident linking may allow ±1 day
   */
  night?: boolean;
  /**
   * the text's weekday does not fit the date it goes with ("اليوم الاحد" published on a
   * Monday, "الاثنين 15 تموز" when the 15th is a Tuesday)
   */
  weekdayMismatch?: boolean;
  /** which components the text states (vs implied by the publication date) */
  stated: { year: boolean; month: boolean; day: boolean };
}

interface Resolved {
  date: string | null;
  precision: Precision | null;
  weekdayMismatch?: boolean;
}

const NONE: Resolved = { date: null, precision: null };

function dayOrMonth(y: number, m: number, d: number): Resolved {
  if (d <= daysInMonth(y, m)) return { date: formatDay({ y, m, d }), precision: 'day' };
  return { date: formatMonth(y, m), precision: 'month' };
}

/** Year for a day+month (d may be 0 for a month alone) with no stated year. */
function inferYear(month: number, day: number, rel: Parsed['rel'], pub: YMD): number {
  const md = month * 100 + day;
  const pubMd = pub.m * 100 + (day === 0 ? 0 : pub.d);
  switch (rel) {
    case 'current':
      return pub.y;
    case 'past':
      return month < pub.m ? pub.y : pub.y - 1;
    case 'next':
      return md > pubMd ? pub.y : pub.y + 1;
    default:
      return md <= pubMd ? pub.y : pub.y - 1;
  }
}

function resolveCalendar(p: Parsed, pub: YMD | null): Resolved {
  let month = p.month;
  let year = p.year;
  if (p.monthFromPeriod !== undefined) {
    if (!pub) return NONE;
    const x = addMonths(pub.y, pub.m, p.monthFromPeriod);
    month = x.m;
    year = x.y;
  }
  if (month === undefined) {
    return year !== undefined ? { date: formatYear(year), precision: 'year' } : NONE;
  }
  const day = p.day !== undefined && !p.dayRange ? p.day : 0;
  if (year === undefined) {
    if (!pub) return NONE;
    year = inferYear(month, day, p.rel, pub);
  }
  if (day === 0) return { date: formatMonth(year, month), precision: 'month' };
  return dayOrMonth(year, month, day);
}

function resolveWeekday(p: Parsed, pub: YMD | null): Resolved {
  if (!pub || p.weekday === undefined) return NONE;
  let d: YMD;
  let weekdayMismatch = false;
  if (p.relDay !== undefined) {
    d = addDays(pub, p.relDay);
    // "اليوم الاحد" published on a Monday: the stated weekday is trusted over the publication
    // date (a time zone or a late upload shifts the latter), so the nearest such day is taken
    const diff = (((p.weekday - weekdayOf(d)) % 7) + 7) % 7;
    if (diff !== 0) {
      weekdayMismatch = true;
      d = addDays(d, diff <= 3 ? diff : diff - 7);
    }
  } else {
    const pw = weekdayOf(pub);
    if (p.rel === 'next') d = addDays(pub, (p.weekday - pw + 7) % 7 || 7);
    else {
      let back = (pw - p.weekday + 7) % 7;
      if (p.rel === 'past' && back === 0) back = 7;
      d = addDays(pub, -back);
    }
  }
  if (p.dayShift) d = addDays(d, p.dayShift);
  if (p.weekdayPair) return { date: formatMonth(d.y, d.m), precision: 'month' };
  return { date: formatDay(d), precision: 'day', ...(weekdayMismatch ? { weekdayMismatch } : {}) };
}

/** "الاثنين 15 تموز 2024" when the 15th is not a Monday. */
function absoluteWeekdayMismatch(p: Parsed, r: Resolved): boolean {
  if (p.weekday === undefined || r.precision !== 'day' || r.date === null) return false;
  const x = parseISODay(r.date);
  return x !== null && weekdayOf(x) !== p.weekday;
}

function resolvePeriod(p: Parsed, pub: YMD | null): Resolved {
  if (!pub || !p.period) return NONE;
  const { unit, offset } = p.period;
  switch (unit) {
    case 'day':
      return { date: formatDay(addDays(pub, offset)), precision: 'day' };
    case 'week': {
      const d = addDays(pub, 7 * offset);
      return { date: formatMonth(d.y, d.m), precision: 'month' };
    }
    case 'month': {
      const x = addMonths(pub.y, pub.m, offset);
      return { date: formatMonth(x.y, x.m), precision: 'month' };
    }
    case 'year':
      return { date: formatYear(pub.y + offset), precision: 'year' };
    case 'recent':
      return { date: formatMonth(pub.y, pub.m), precision: 'month' };
  }
  return NONE;
}

function resolve(p: Parsed, pub: YMD | null): Resolved {
  switch (p.kind) {
    case 'absolute':
    case 'month':
    case 'year':
      return resolveCalendar(p, pub);
    case 'weekday':
      return resolveWeekday(p, pub);
    case 'relative-day':
      return pub && p.relDay !== undefined
        ? { date: formatDay(addDays(pub, p.relDay)), precision: 'day' }
        : NONE;
    case 'period':
      return resolvePeriod(p, pub);
    default:
      return NONE;
  }
}

function toMention(p: Parsed, pub: YMD | null): DateMention {
  const r = resolve(p, pub);
  const calendar = p.kind === 'absolute' || p.kind === 'month' || p.kind === 'year';
  const out: DateMention = {
    start: p.start,
    end: p.end,
    date: r.date,
    precision: r.precision,
    kind: p.kind,
    stated: {
      year: calendar && p.year !== undefined,
      month: calendar && p.month !== undefined,
      day: calendar && p.day !== undefined && !p.dayRange,
    },
  };
  if (p.since) out.since = true;
  if (p.vague) out.vague = true;
  if (p.partOfDay) out.partOfDay = p.partOfDay;
  if (p.offsetDays !== undefined) out.offsetDays = p.offsetDays;
  if (p.anchor) out.anchor = p.anchor;
  if (p.partOfDay && NIGHT_PARTS.has(p.partOfDay)) out.night = true;
  if (r.weekdayMismatch || (calendar && absoluteWeekdayMismatch(p, r))) out.weekdayMismatch = true;
  return out;
}

/**
 * All date mentions in a normalized text, non-overlapping and sorted by start.
 * `published` is an ISO date or timestamp (only its calendar date is used); null or invalid
 * leaves relative mentions unresolved (date null).
 */
export function findDates(norm: string, published: string | null): DateMention[] {
  const pub = parseISODay(published);
  let cands = parseAll(norm);
  if (cands.length === 0) return [];
  for (const refine of REFINERS) cands = refine(norm, cands);
  return cands.map((p) => toMention(p, pub));
}
