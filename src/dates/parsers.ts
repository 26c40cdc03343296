/**
 * Date parsers, chrono style: each parser is a regex built from the lexicon plus a small
 * function that turns a match into a `Parsed` candidate (or rejects it). Parsers only record
 * what the text states; resolving against the publication date happens in dates.ts.
 */
import { isWordCharAt, WORD_CHAR_TABLE } from '../numbers/chars.js';
import { numberAt, ORDINAL_FIRST_WORDS, ORDINAL_SOURCE, ordinalAt } from '../numbers/numbers.js';
import {
  AMBIGUOUS_MONTHS,
  DAY_OFFSET_SRC,
  DAY_OFFSETS,
  DURATION_COUNTED,
  DURATION_UNITS,
  E,
  FIRST,
  key,
  MONTH_INTRO_SRC,
  MONTH_NAME_BEFORE,
  MONTH_PERIOD_SRC,
  MONTH_SRC,
  MONTH_STRONG_CONTEXT,
  MONTHS,
  NIGHT_SHIFT,
  OFFSET_ANCHOR,
  OFFSET_DIRECTION,
  OFFSET_DIRECTION_SRC,
  OFFSET_PRONOUN_SRC,
  type OffsetAnchor,
  PARTS_OF_DAY,
  type PartOfDay,
  PERIOD_SRC,
  PERIODS,
  type PeriodUnit,
  POD_SRC,
  POSITION_SRC,
  POSITIONED_PERIOD_SRC,
  POSITIONED_PERIODS,
  REL,
  REL_SRC,
  RELATIVE_DAYS,
  RELDAY_SRC,
  type Rel,
  START,
  STRICT_MONTHS,
  TODAY,
  TODAY_NOT_BEFORE,
  WEEKDAY_BLOCK_BEFORE,
  WEEKDAY_INTRO_SRC,
  WEEKDAY_LINK_SRC,
  WEEKDAY_SRC,
  WEEKDAYS,
  YEAR_CONTEXT,
  YEAR_INTRO_SRC,
  YEAR_SUFFIX_SRC,
} from './constants.js';
import { isValidYMD } from './resolve.js';

export type DateKind = 'absolute' | 'relative-day' | 'weekday' | 'month' | 'year' | 'period' | 'offset';

/** What a parser read from the text, before resolution. */
export interface Parsed {
  start: number;
  end: number;
  kind: DateKind;
  /** lower wins a tie between candidates of the same length */
  priority: number;
  day?: number;
  month?: number;
  year?: number;
  /** "13/14 نيسان", "13 و14 نيسان": two days, so month precision */
  dayRange?: boolean;
  /** "5 من الشهر الجاري": the month is the publication month shifted by this many months */
  monthFromPeriod?: number;
  rel?: Rel;
  weekday?: number;
  /** night phrases: days to add to the weekday or relative day ("ليله الاحد" → -1, see nightShift) */
  dayShift?: number;
  /** "ليله السبت/الاحد" with two days that do not follow each other: month precision */
  weekdayPair?: boolean;
  /** relative-day offset from the publication date */
  relDay?: number;
  period?: { unit: PeriodUnit; offset: number };
  offsetDays?: number;
  /** kind 'offset': whether it counts from a time stated before or the event named after it */
  anchor?: OffsetAnchor;
  vague?: boolean;
  partOfDay?: PartOfDay;
  since?: boolean;
}

type Indices = Record<string, [number, number] | undefined>;
type Handler = (
  norm: string,
  m: RegExpExecArray,
  g: Record<string, string | undefined>,
  ix: Indices,
) => Parsed | null;

interface Parser {
  re: RegExp;
  handle: Handler;
  /** words (clitic stripped) the parser's expressions can start with */
  firsts: Set<string>[];
  /** expressions can also start with a digit, or "ال" + digit */
  digits: boolean;
}

const SP = ' +';
const opt = (s: string) => `(?:${s})?`;
// ("6 كانون الأول من عام 2017", "في شهر أيار من العام 2019": the year may be introduced with من)
const YEAR_TAIL = `(?: *[،,])?${SP}(?:(?:من${SP})?${YEAR_INTRO_SRC}${SP})?(?<year>\\d{4})(?!\\d)(?:${YEAR_SUFFIX_SRC})?${E}`;
const MONTH_EXPR = `(?<m1>${MONTH_SRC})(?:(?: *[/\\-] *| *\\( *|${SP}او${SP}|${SP})(?<m2>${MONTH_SRC})(?: *\\))?)?`;
const WEEKDAY_PREFIX = `(?:${WEEKDAY_INTRO_SRC}${SP})?(?:(?<wd>${WEEKDAY_SRC})(?: *[،,])?${SP}(?:${WEEKDAY_LINK_SRC}${SP})?(?:${WEEKDAY_INTRO_SRC}${SP})?)?`;

const RE_LETTER = /\p{L}/u;

/** The word before `pos` (skipping spaces), or ''. */
export function prevWord(norm: string, pos: number): string {
  let i = pos - 1;
  while (i >= 0 && norm[i] === ' ') i--;
  const end = i + 1;
  while (i >= 0 && RE_LETTER.test(norm[i])) i--;
  return norm.slice(i + 1, end);
}

/** The word after `pos` (skipping spaces), or ''. */
export function nextWord(norm: string, pos: number): string {
  let i = pos;
  while (i < norm.length && norm[i] === ' ') i++;
  const start = i;
  while (i < norm.length && RE_LETTER.test(norm[i])) i++;
  return norm.slice(start, i);
}

const stripConj = (w: string) => (w.length > 2 && (w[0] === 'و' || w[0] === 'ف') ? w.slice(1) : w);

const NO_SHIFT = { weekday: 0, relDay: 0 };

function pod(g: Record<string, string | undefined>): {
  partOfDay?: PartOfDay;
  shift: { weekday: number; relDay: number };
} {
  if (g.pod === undefined) return { shift: NO_SHIFT };
  const k = key(g.pod);
  return { partOfDay: PARTS_OF_DAY.get(k), shift: NIGHT_SHIFT.get(k) ?? NO_SHIFT };
}

const validYear = (y: number) => y >= 1900 && y <= 2100;

/** Month of m1, with m2 accepted only when it names the same month. */
function monthOf(g: Record<string, string | undefined>): { month: number; pairOk: boolean } | null {
  const m1 = g.m1 === undefined ? undefined : MONTHS.get(key(g.m1));
  if (m1 === undefined) return null;
  if (g.m2 === undefined) return { month: m1, pairOk: false };
  return { month: m1, pairOk: MONTHS.get(key(g.m2)) === m1 };
}

// ---------------------------------------------------------------------------------------------
// day + month [+ year]: "5 يناير 2020", "السابع من ابريل- نيسان", "ليله 13/14 نيسان",
// "الثلاثاء 30 مارس 2021", "في 20 فبراير الماضي", "في العاشر من الشهر الجاري"

const RE_ABS = new RegExp(
  START +
    opt(`(?<pod>${POD_SRC})${SP}`) +
    WEEKDAY_PREFIX +
    opt(`(?<d0>\\d{1,2})(?: *[-/] *| *و *|${SP}(?:الي|حتي)${SP})`) +
    `(?:(?<day>\\d{1,2})(?!\\d)|(?<ord>${ORDINAL_SOURCE}))` +
    `(?<of>${SP}من)?(?<mi>${SP}${MONTH_INTRO_SRC})?${SP}` +
    `(?:${MONTH_EXPR}|(?<mp>${MONTH_PERIOD_SRC}))` +
    opt(YEAR_TAIL) +
    opt(`${SP}(?<rel>${REL_SRC})`),
  'dyu',
);

const handleAbs: Handler = (norm, m, g, ix) => {
  let day: number;
  if (g.day !== undefined) day = Number(g.day);
  else {
    const ordStart = ix.ord?.[0] ?? -1;
    const pw = prevWord(norm, ordStart);
    if (pw === 'كانون' || pw === 'تشرين') return null; // "تشرين الثاني نوفمبر": the ordinal is the month's
    const o = ordinalAt(norm, ordStart);
    if (!o) return null;
    // a spelled-out ordinal needs "من"/"شهر" before the month: "الطرف الثاني مارس ضغوطا" is no date
    if (g.of === undefined && g.mi === undefined && !/\d/.test(g.ord ?? '')) return null;
    day = o.value;
  }
  if (day < 1 || day > 31) return null;
  const p = pod(g);
  const out: Parsed = {
    start: m.index,
    end: m.index + m[0].length,
    kind: 'absolute',
    priority: 0,
    day,
    partOfDay: p.partOfDay,
  };
  if (g.wd !== undefined) out.weekday = WEEKDAYS.get(key(g.wd));
  if (g.d0 !== undefined) {
    const d0 = Number(g.d0);
    if (d0 < 1 || d0 > 31) return null;
    // "ليله 13/14 نيسان" may be either day (month precision); "بعد منتصف ليله 13/14" is the 14th
    if (p.partOfDay === 'night' && day === d0 + 1 && p.shift.relDay > 0) out.day = day;
    else out.dayRange = true;
  }
  if (g.mp !== undefined) {
    const per = PERIODS.get(key(g.mp));
    if (!per) return null;
    out.monthFromPeriod = per.offset;
    return out;
  }
  const mo = monthOf(g);
  if (!mo) return null;
  out.month = mo.month;
  if (g.m2 !== undefined && !mo.pairOk) {
    // two different month names: keep the first and drop what follows it
    out.end = ix.m1?.[1] ?? out.end;
    return out;
  }
  if (g.year !== undefined) {
    const y = Number(g.year);
    if (!validYear(y)) out.end = ix.m2?.[1] ?? ix.m1?.[1] ?? out.end;
    else out.year = y;
  }
  if (g.rel !== undefined && out.year === undefined) out.rel = REL.get(g.rel);
  else if (g.rel !== undefined) out.end = ix.year?.[1] ?? out.end;
  return out;
};

// ---------------------------------------------------------------------------------------------
// numeric: "3-4-2021", "3/4/2021" (d-m-y), "2021/4/3", "2021-04-03" (y-m-d)

const RE_NUMERIC = new RegExp(
  START +
    opt(`(?<pod>${POD_SRC})${SP}`) +
    WEEKDAY_PREFIX +
    '(?<![\\p{N}.,/\\-])(?:(?<a1>\\d{1,2})(?<s1>[/.\\-])(?<a2>\\d{1,2})\\k<s1>(?<a3>\\d{4})|(?<b1>\\d{4})(?<s2>[/.\\-])(?<b2>\\d{1,2})\\k<s2>(?<b3>\\d{1,2}))(?!\\p{N}|[/.\\-]\\p{N})',
  'dyu',
);

const handleNumeric: Handler = (_norm, m, g) => {
  let y: number;
  let mo: number;
  let d: number;
  if (g.a1 !== undefined) {
    d = Number(g.a1);
    mo = Number(g.a2);
    y = Number(g.a3);
  } else {
    y = Number(g.b1);
    mo = Number(g.b2);
    d = Number(g.b3);
  }
  if (!validYear(y) || !isValidYMD(y, mo, d)) return null;
  return {
    start: m.index,
    end: m.index + m[0].length,
    kind: 'absolute',
    priority: 1,
    day: d,
    month: mo,
    year: y,
    partOfDay: pod(g).partOfDay,
  };
};

// ---------------------------------------------------------------------------------------------
// month [+ year]: "يونيو/حزيران 2022", "في تموز/ يوليو الماضي", "اواخر يناير"

const RE_MONTH = new RegExp(
  START +
    opt(`(?<pos>${POSITION_SRC})${SP}`) +
    opt(`(?<intro>${MONTH_INTRO_SRC})${SP}`) +
    MONTH_EXPR +
    opt(YEAR_TAIL) +
    opt(`${SP}(?<rel>${REL_SRC})`),
  'dyu',
);

const handleMonth: Handler = (norm, m, g, ix) => {
  const mo = monthOf(g);
  if (!mo) return null;
  const out: Parsed = {
    start: m.index,
    end: m.index + m[0].length,
    kind: 'month',
    priority: 4,
    month: mo.month,
  };
  const pair = g.m2 !== undefined && mo.pairOk;
  if (g.m2 !== undefined && !mo.pairOk) {
    out.end = ix.m1?.[1] ?? out.end;
  } else {
    if (g.year !== undefined) {
      const y = Number(g.year);
      if (validYear(y)) out.year = y;
      else out.end = ix.m2?.[1] ?? ix.m1?.[1] ?? out.end;
    }
    if (g.rel !== undefined) {
      if (out.year === undefined) out.rel = REL.get(g.rel);
      else out.end = ix.year?.[1] ?? out.end;
    }
  }
  const name = key(g.m1 ?? '');
  if (STRICT_MONTHS.has(name) && out.year === undefined) return null;
  // "ابو تموز": a bare month name after a kinship word is a person's name
  if (
    out.year === undefined &&
    g.pos === undefined &&
    g.intro === undefined &&
    MONTH_NAME_BEFORE.has(prevWord(norm, m.index))
  )
    return null;
  if (AMBIGUOUS_MONTHS.has(name) && out.year === undefined && out.rel === undefined && !pair) {
    const m1Start = ix.m1?.[0] ?? m.index;
    if (m1Start > 0 && RE_LETTER.test(norm[m1Start - 1])) return null; // "باب", "لاب"
    if (
      g.intro === undefined &&
      g.pos === undefined &&
      !MONTH_STRONG_CONTEXT.has(stripConj(prevWord(norm, m.index)))
    )
      return null;
  }
  return out;
};

// ---------------------------------------------------------------------------------------------
// year: "عام 2020", "خلال عام 2020", "في 2019", "منذ بدايه 2021"

const RE_YEAR = new RegExp(
  START +
    opt(`(?<pos>${POSITION_SRC})${SP}`) +
    opt(`(?<intro>${YEAR_INTRO_SRC})${SP}`) +
    `(?<![\\p{N}.,/])(?<year>\\d{4})(?!\\d)(?<suf>${YEAR_SUFFIX_SRC})?${E}`,
  'dyu',
);

const RE_AFTER_YEAR_FREE = /^ *(?:$|[^ \p{L}\p{N}])/u;
const RE_YEAR_TOKEN = /^(?:19|20)\d\d$/;

const handleYear: Handler = (norm, m, g, ix) => {
  const y = Number(g.year);
  if (y < 1990 || y > 2039) return null;
  let ok = g.pos !== undefined || g.intro !== undefined || g.suf !== undefined;
  if (!ok) {
    const ys = ix.year?.[0] ?? m.index;
    const clitic = ys > 0 && RE_LETTER.test(norm[ys - 1]) ? norm[ys - 1] : '';
    const before = clitic ? ys - 1 : ys;
    const pw = prevWord(norm, before);
    if (YEAR_CONTEXT.has(pw) || YEAR_CONTEXT.has(stripConj(pw))) ok = true;
    // "عامي 2014 و2015": a year right after "و" that follows another year
    else if (clitic === 'و' && pw === '') {
      const tok = /(\d+)\s*$/.exec(norm.slice(Math.max(0, before - 8), before));
      if (tok && RE_YEAR_TOKEN.test(tok[1])) ok = true;
    }
    if (
      !ok &&
      !clitic &&
      RE_AFTER_YEAR_FREE.test(norm.slice(m.index + m[0].length, m.index + m[0].length + 8))
    )
      ok = true;
  }
  if (!ok) return null;
  return { start: m.index, end: m.index + m[0].length, kind: 'year', priority: 5, year: y };
};

// ---------------------------------------------------------------------------------------------
// weekday: "الاثنين", "يوم الجمعه الماضي", "امس الاثنين", "فجر اليوم الاربعاء", "ليله الاحد",
// "ليله السبت/الاحد"

const RE_WEEKDAY = new RegExp(
  START +
    opt(`(?<pod>${POD_SRC})${SP}`) +
    opt(`(?<rd>${RELDAY_SRC})${SP}`) +
    opt(`(?<intro>${WEEKDAY_INTRO_SRC})${SP}`) +
    `(?<wd>${WEEKDAY_SRC})` +
    opt(`(?: *[/\\-] *|${SP}(?:علي|الي|و)${SP}|${SP})(?<wd2>${WEEKDAY_SRC})`) +
    opt(`${SP}(?<rel>${REL_SRC})`),
  'dyu',
);

const handleWeekday: Handler = (norm, m, g, ix) => {
  const wd = WEEKDAYS.get(key(g.wd ?? ''));
  if (wd === undefined) return null;
  if (g.pod === undefined && g.rd === undefined && g.intro === undefined) {
    const pw = prevWord(norm, m.index);
    if (WEEKDAY_BLOCK_BEFORE.has(pw) || WEEKDAY_BLOCK_BEFORE.has(stripConj(pw))) return null;
  }
  const p = pod(g);
  const out: Parsed = {
    start: m.index,
    end: m.index + m[0].length,
    kind: 'weekday',
    priority: 2,
    weekday: wd,
    partOfDay: p.partOfDay,
  };
  if (g.rd !== undefined) {
    const rd = RELATIVE_DAYS.get(key(g.rd));
    if (!rd) return null;
    out.relDay = rd.offset;
    if (!out.partOfDay && rd.partOfDay) out.partOfDay = rd.partOfDay;
  }
  if (g.wd2 !== undefined) {
    const wd2 = WEEKDAYS.get(key(g.wd2));
    if (p.partOfDay === 'night' && g.rd === undefined) {
      // "ليل الاربعاء الخميس" may be either day (month precision); "بعد منتصف ليل الاربعاء
      // الخميس" is the second
      if (wd2 === (wd + 1) % 7 && p.shift.relDay > 0) out.dayShift = p.shift.relDay;
      else out.weekdayPair = true;
    } else {
      out.end = ix.wd?.[1] ?? out.end; // "يومي السبت الاحد": two days, keep the first
      return out;
    }
  } else {
    const shift = g.rd === undefined ? p.shift.weekday : p.shift.relDay;
    if (shift) out.dayShift = shift;
  }
  if (g.rel !== undefined) out.rel = REL.get(g.rel);
  return out;
};

// ---------------------------------------------------------------------------------------------
// relative day: "اليوم", "فجر اليوم", "امس", "مساء امس", "اول امس", "الليله الماضيه"

const RE_RELDAY = new RegExp(
  START + opt(`(?<pod>${POD_SRC})${SP}`) + opt(`${WEEKDAY_INTRO_SRC}${SP}`) + `(?<rd>${RELDAY_SRC})`,
  'dyu',
);

const handleRelDay: Handler = (norm, m, g) => {
  const k = key(g.rd ?? '');
  const rd = RELATIVE_DAYS.get(k);
  if (!rd) return null;
  const end = m.index + m[0].length;
  if (k === TODAY && TODAY_NOT_BEFORE.has(nextWord(norm, end))) return null;
  const p = pod(g);
  return {
    start: m.index,
    end,
    kind: 'relative-day',
    priority: 3,
    relDay: rd.offset + p.shift.relDay,
    partOfDay: p.partOfDay ?? rd.partOfDay,
  };
};

// ---------------------------------------------------------------------------------------------
// periods: "الشهر الماضي", "مطلع العام الجاري", "الاسبوع الماضي", "مؤخرا", "الاشهر الاخيره"

const RE_PERIOD = new RegExp(START + opt(`(?<pos>${POSITION_SRC})${SP}`) + `(?<p>${PERIOD_SRC})`, 'dyu');

const handlePeriod: Handler = (_norm, m, g) => {
  const per = PERIODS.get(key(g.p ?? ''));
  if (!per) return null;
  const out: Parsed = {
    start: m.index,
    end: m.index + m[0].length,
    kind: 'period',
    priority: 6,
    period: { unit: per.unit, offset: per.offset },
  };
  if (per.vague) out.vague = true;
  return out;
};

// ---------------------------------------------------------------------------------------------
// a bare period after a position word: "مطلع الشهر", "منتصف الشهر" (not "منتصف الشهر الفضيل")

const RE_POSITIONED_PERIOD = new RegExp(
  `${START}(?<pos>${POSITION_SRC})${SP}(?<p>${POSITIONED_PERIOD_SRC})(?!${SP}ال\\p{L})`,
  'dyu',
);

const handlePositionedPeriod: Handler = (_norm, m, g) => {
  const per = POSITIONED_PERIODS.get(key(g.p ?? ''));
  if (!per) return null;
  return {
    start: m.index,
    end: m.index + m[0].length,
    kind: 'period',
    priority: 6,
    period: { unit: per.unit, offset: per.offset },
  };
};

// ---------------------------------------------------------------------------------------------
// fixed offsets: "في اليوم التالي" (+1), "اليوم السابق" (-1), "في اليوم نفسه" (0)

const RE_DAY_OFFSET = new RegExp(START + `(?<p>${DAY_OFFSET_SRC})`, 'dyu');

const handleDayOffset: Handler = (_norm, m, g) => {
  const off = DAY_OFFSETS.get(key(g.p ?? ''));
  if (off === undefined) return null;
  return {
    start: m.index,
    end: m.index + m[0].length,
    kind: 'offset',
    priority: 7,
    offsetDays: off.offset,
    anchor: off.anchor,
  };
};

// ---------------------------------------------------------------------------------------------
// counted offsets: "بعد يومين من", "قبل ثلاثه ايام من", "بعد اسبوع", "قبل يومين", "منذ ثلاثه ايام"

const RE_OFFSET = new RegExp(`${START}(?<dir>${OFFSET_DIRECTION_SRC})${SP}`, 'dyu');
const RE_SPACES = / +/y;
const RE_WORD = /\p{L}+/uy;

function wordAt(norm: string, pos: number): string {
  RE_WORD.lastIndex = pos;
  const w = RE_WORD.exec(norm);
  return w ? w[0] : '';
}

/** A duration at `p` ("يومين", "ثلاثه ايام", "15 يوما"): its days, unit and end, or null. */
function durationAt(norm: string, p: number): { days: number; unitDays: number; end: number } | null {
  const w = wordAt(norm, p);
  const counted = DURATION_COUNTED.get(w);
  if (counted) {
    // "منذ يوم الجمعه", "قبل يوم 5 يناير": يوم introduces a date, not a duration
    const nw = nextWord(norm, p + w.length);
    if (
      counted.count === 1 &&
      (WEEKDAYS.has(nw) || RELATIVE_DAYS.has(nw) || /^ *\d/.test(norm.slice(p + w.length)))
    )
      return null;
    if (counted.count === 1 && nw.startsWith('ال') && !OFFSET_ANCHOR.has(nw)) return null;
    return { days: counted.days * counted.count, unitDays: counted.days, end: p + w.length };
  }
  const n = numberAt(norm, p);
  if (!n || n.value === null || !Number.isInteger(n.value) || n.value < 1 || n.value > 400) return null;
  RE_SPACES.lastIndex = n.end;
  const sp = RE_SPACES.exec(norm);
  if (!sp) return null;
  const uw = wordAt(norm, n.end + sp[0].length);
  const ud = DURATION_UNITS.get(uw);
  if (ud === undefined) return null;
  return { days: ud * n.value, unitDays: ud, end: n.end + sp[0].length + uw.length };
}

const handleOffset: Handler = (norm, m, g) => {
  const dir = OFFSET_DIRECTION.get(key(g.dir ?? ''));
  if (!dir) return null;
  const dur = durationAt(norm, m.index + m[0].length);
  if (!dur) return null;
  const { days, unitDays } = dur;
  let p = dur.end;
  let anchored = false;
  RE_SPACES.lastIndex = p;
  const sp = RE_SPACES.exec(norm);
  if (sp) {
    const aw = wordAt(norm, p + sp[0].length);
    if (OFFSET_ANCHOR.has(aw)) {
      anchored = true;
      p += sp[0].length + aw.length;
    }
  }
  const out: Parsed = { start: m.index, end: p, kind: 'offset', priority: 8 };
  // "بعد يومين من الهجوم": from the event named after من; "وبعد يومين": from the time stated before
  if (dir === 'after' || anchored) out.anchor = anchored ? 'following' : 'preceding';
  if (dir === 'after') out.offsetDays = days;
  else if (anchored) out.offsetDays = -days;
  else {
    // "قبل يومين" / "منذ يومين": counted back from the publication date
    out.kind = 'relative-day';
    out.relDay = -days;
    if (dir === 'ago') out.since = true;
  }
  if (unitDays >= 7) out.vague = true;
  return out;
};

// ---------------------------------------------------------------------------------------------
// offsets from the time stated before: "قبل ذلك بيومين", "بعدها بثلاثه ايام", "بعد ذلك باسبوع"

const RE_OFFSET_PRONOUN = new RegExp(`${START}${OFFSET_PRONOUN_SRC}`, 'dyu');

const handleOffsetPronoun: Handler = (norm, m, g) => {
  const dir = OFFSET_DIRECTION.get(key(g.dir ?? ''));
  if (dir !== 'after' && dir !== 'before') return null;
  const dur = durationAt(norm, m.index + m[0].length);
  if (!dur) return null;
  const out: Parsed = {
    start: m.index,
    end: dur.end,
    kind: 'offset',
    priority: 8,
    offsetDays: dir === 'after' ? dur.days : -dur.days,
    anchor: 'preceding',
  };
  if (dur.unitDays >= 7) out.vague = true;
  return out;
};

export const PARSERS: Parser[] = [
  {
    re: RE_ABS,
    handle: handleAbs,
    firsts: [FIRST.pod, FIRST.weekdayIntro, FIRST.weekday, ORDINAL_FIRST_WORDS as Set<string>],
    digits: true,
  },
  {
    re: RE_NUMERIC,
    handle: handleNumeric,
    firsts: [FIRST.pod, FIRST.weekdayIntro, FIRST.weekday],
    digits: true,
  },
  {
    re: RE_WEEKDAY,
    handle: handleWeekday,
    firsts: [FIRST.pod, FIRST.relDay, FIRST.weekdayIntro, FIRST.weekday],
    digits: false,
  },
  {
    re: RE_RELDAY,
    handle: handleRelDay,
    firsts: [FIRST.pod, FIRST.weekdayIntro, FIRST.relDay],
    digits: false,
  },
  {
    re: RE_MONTH,
    handle: handleMonth,
    firsts: [FIRST.position, FIRST.monthIntro, FIRST.month],
    digits: false,
  },
  { re: RE_YEAR, handle: handleYear, firsts: [FIRST.position, FIRST.yearIntro], digits: true },
  { re: RE_PERIOD, handle: handlePeriod, firsts: [FIRST.position, FIRST.period], digits: true },
  { re: RE_POSITIONED_PERIOD, handle: handlePositionedPeriod, firsts: [FIRST.position], digits: false },
  { re: RE_DAY_OFFSET, handle: handleDayOffset, firsts: [FIRST.dayOffset], digits: false },
  { re: RE_OFFSET, handle: handleOffset, firsts: [FIRST.offsetDirection], digits: false },
  { re: RE_OFFSET_PRONOUN, handle: handleOffsetPronoun, firsts: [FIRST.offsetPronoun], digits: false },
];

/** first word → indices of the parsers that may start there */
const BY_FIRST = new Map<string, number[]>();
const DIGIT_PARSERS: number[] = [];
PARSERS.forEach((p, i) => {
  for (const set of p.firsts)
    for (const w of set) {
      const list = BY_FIRST.get(w) ?? [];
      if (!list.includes(i)) list.push(i);
      BY_FIRST.set(w, list);
    }
  if (p.digits) DIGIT_PARSERS.push(i);
});

/** و ف ب ل may stand before a first word, and وب ول فب فل */
const CLITIC_1 = new Set(['و', 'ف', 'ب', 'ل'].map((c) => c.charCodeAt(0)));
const CLITIC_2_SECOND = new Set(['ب', 'ل'].map((c) => c.charCodeAt(0)));
const WAW = 'و'.charCodeAt(0);
const FA = 'ف'.charCodeAt(0);
const ALEF = 'ا'.charCodeAt(0);
const LAM = 'ل'.charCodeAt(0);

const WT = WORD_CHAR_TABLE;
const WT_SIZE = WT.length;
const isWordAt = isWordCharAt;
const isWord = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c < WT_SIZE ? WT[c] === 1 : isWordAt(s, i);
};
const isDigit = (c: number) => c >= 48 && c <= 57;

/** "5…" or "ال5…": the word s[from, end) */
function digitStart(s: string, from: number, end: number): boolean {
  return (
    isDigit(s.charCodeAt(from)) ||
    (end - from > 2 &&
      s.charCodeAt(from) === ALEF &&
      s.charCodeAt(from + 1) === LAM &&
      isDigit(s.charCodeAt(from + 2)))
  );
}

/** A hash of the code units s[from, end), so that a word is looked up without being sliced out. */
function hashOf(s: string, from: number, end: number): number {
  let h = end - from;
  for (let i = from; i < end; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
/** BY_FIRST by the hash of its words */
const FIRST_BY_HASH = new Map<number, { word: string; idxs: number[] }[]>();
for (const [word, idxs] of BY_FIRST) {
  const h = hashOf(word, 0, word.length);
  const bucket = FIRST_BY_HASH.get(h) ?? [];
  bucket.push({ word, idxs });
  FIRST_BY_HASH.set(h, bucket);
}
/** BY_FIRST.get(s.slice(from, end)), without the slice */
function firstAt(s: string, from: number, end: number): number[] | undefined {
  const bucket = FIRST_BY_HASH.get(hashOf(s, from, end));
  if (bucket === undefined) return undefined;
  for (const e of bucket) if (e.word.length === end - from && s.startsWith(e.word, from)) return e.idxs;
  return undefined;
}

function runAt(norm: string, pos: number, idx: number, out: Parsed[]): void {
  const { re, handle } = PARSERS[idx];
  re.lastIndex = pos;
  const m = re.exec(norm);
  if (!m) return;
  const r = handle(norm, m, m.groups ?? {}, (m.indices?.groups ?? {}) as Indices);
  if (r) out.push(r);
}

/**
 * Runs the parsers at every token start (and after a one- or two-letter clitic) where one of
 * their expressions can begin; returns all candidates, which may overlap.
 */
export function parseAll(norm: string): Parsed[] {
  const out: Parsed[] = [];
  const n = norm.length;
  let i = 0;
  while (i < n) {
    if (!isWord(norm, i)) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < n && isWord(norm, end)) end++;
    // the word, then without one clitic letter, then without two
    const c0 = norm.charCodeAt(i);
    const clitics = !CLITIC_1.has(c0)
      ? 0
      : (c0 === WAW || c0 === FA) && CLITIC_2_SECOND.has(norm.charCodeAt(i + 1))
        ? 2
        : 1;
    for (let k = 0; k <= clitics && k < end - i; k++) {
      const pos = i + k;
      const idxs = firstAt(norm, pos, end);
      const digits = digitStart(norm, pos, end);
      if (!idxs && !digits) continue;
      if (idxs) for (const p of idxs) runAt(norm, pos, p, out);
      if (digits) for (const p of DIGIT_PARSERS) if (!idxs?.includes(p)) runAt(norm, pos, p, out);
    }
    i = end;
  }
  return out;
}
