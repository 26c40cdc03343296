/**
 * The date lexicon (`data/lexicon/dates.json`), folded once at module load into lookup maps
 * and regex sources. Like chrono-node's locale constants: data in, dictionaries out.
 */
import { readFileSync } from 'node:fs';
import { fold } from '../normalize/normalize.js';
import { alternation, BOUND_END } from '../numbers/numbers.js';

export type PartOfDay = 'dawn' | 'morning' | 'noon' | 'afternoon' | 'evening' | 'night';
export type Rel = 'past' | 'next' | 'current';
export type PeriodUnit = 'day' | 'week' | 'month' | 'year' | 'recent';

interface PhraseGroup {
  phrases: string[];
  offset: number;
}

/** Where an offset counts from: a time stated before it, or the event named right after it. */
export type OffsetAnchor = 'preceding' | 'following';

interface DatesLexicon {
  months: Record<string, string[]>;
  ambiguousMonths: string[];
  strictMonths: string[];
  monthStrongContext: string[];
  monthIntro: string[];
  monthNameBefore: string[];
  positions: string[];
  relative: Record<Rel, string[]>;
  weekdays: Record<string, string[]>;
  weekdayBlockBefore: string[];
  weekdayIntro: string[];
  weekdayLink: string[];
  partsOfDay: Record<PartOfDay, string[]>;
  nightShift: { phrases: string[]; weekday: number; relDay: number }[];
  nightParts: PartOfDay[];
  positionedPeriods: (PhraseGroup & { unit: PeriodUnit })[];
  offsetPronounWords: string[];
  offsetPronounSuffixes: string[];
  relativeDays: (PhraseGroup & { partOfDay?: PartOfDay })[];
  todayNotBefore: string[];
  tallyEnd: string[];
  since: string[];
  untilToday: string[];
  yearIntro: string[];
  yearContext: string[];
  yearSuffix: string[];
  periods: (PhraseGroup & { unit: PeriodUnit; vague?: boolean })[];
  offsetAfter: string[];
  offsetBefore: string[];
  offsetAgo: string[];
  offsetAnchor: string[];
  durations: Record<string, { days: number; one: string[]; two: string[]; plural: string[] }>;
  dayOffsets: (PhraseGroup & { anchor?: OffsetAnchor })[];
  datelineLabels: string[];
  datelineTimeWords: string[];
  datelineMaxOtherWords: number;
  datelineLines: number;
  datelinePlaceMaxWords: number;
}

const LEX = JSON.parse(
  readFileSync(new URL('../../data/lexicon/dates.json', import.meta.url), 'utf8'),
) as DatesLexicon;

const foldAll = (xs: string[]): string[] => xs.map(fold);
/** key under which a matched phrase is looked up: folded, single spaces */
export const key = (s: string): string => s.replace(/ +/g, ' ');

function mapOf<T>(groups: Iterable<[string[], T]>): Map<string, T> {
  const m = new Map<string, T>();
  for (const [words, v] of groups) for (const w of foldAll(words)) if (!m.has(w)) m.set(w, v);
  return m;
}

export const MONTHS = mapOf(
  Object.entries(LEX.months).map(([n, ws]) => [ws, Number(n)] as [string[], number]),
);
export const AMBIGUOUS_MONTHS = new Set(foldAll(LEX.ambiguousMonths));
export const STRICT_MONTHS = new Set(foldAll(LEX.strictMonths));
export const MONTH_STRONG_CONTEXT = new Set(foldAll(LEX.monthStrongContext));
export const MONTH_NAME_BEFORE = new Set(foldAll(LEX.monthNameBefore));
export const REL = mapOf(Object.entries(LEX.relative).map(([r, ws]) => [ws, r as Rel] as [string[], Rel]));
export const WEEKDAYS = mapOf(
  Object.entries(LEX.weekdays).map(([n, ws]) => [ws, Number(n)] as [string[], number]),
);
export const WEEKDAY_BLOCK_BEFORE = new Set(foldAll(LEX.weekdayBlockBefore));
export const PARTS_OF_DAY = mapOf(
  Object.entries(LEX.partsOfDay).map(([p, ws]) => [ws, p as PartOfDay] as [string[], PartOfDay]),
);
/** night phrase → day shifts from a named weekday and from a relative day (see nightShift in dates.json) */
export const NIGHT_SHIFT = mapOf(
  LEX.nightShift.map((g) => [g.phrases, { weekday: g.weekday, relDay: g.relDay }] as const),
);
/** parts of day whose mention is flagged `night` */
export const NIGHT_PARTS = new Set<PartOfDay>(LEX.nightParts);
export const RELATIVE_DAYS = mapOf(
  LEX.relativeDays.map((g) => [g.phrases, { offset: g.offset, partOfDay: g.partOfDay }] as const),
);
export const TODAY = fold('اليوم');
export const TODAY_NOT_BEFORE = new Set(foldAll(LEX.todayNotBefore));
export const YEAR_CONTEXT = new Set(foldAll(LEX.yearContext));
export const PERIODS = mapOf(
  LEX.periods.map((g) => [g.phrases, { unit: g.unit, offset: g.offset, vague: g.vague === true }] as const),
);
export const DAY_OFFSETS = mapOf(
  LEX.dayOffsets.map(
    (g) => [g.phrases, { offset: g.offset, anchor: g.anchor ?? ('preceding' as OffsetAnchor) }] as const,
  ),
);
/** periods read only after a position word ("مطلع الشهر") */
export const POSITIONED_PERIODS = mapOf(
  LEX.positionedPeriods.map((g) => [g.phrases, { unit: g.unit, offset: g.offset }] as const),
);

export const OFFSET_DIRECTION = mapOf<'after' | 'before' | 'ago'>([
  [LEX.offsetAfter, 'after'],
  [LEX.offsetBefore, 'before'],
  [LEX.offsetAgo, 'ago'],
]);
export const OFFSET_ANCHOR = new Set(foldAll(LEX.offsetAnchor));

/** what may stand on an article's date line beside the date (see _dateline in dates.json) */
export const DATELINE = {
  /** labels, longest first, as folded phrases */
  labels: [...new Set(foldAll(LEX.datelineLabels))].sort((x, y) => y.length - x.length),
  timeWords: new Set(foldAll(LEX.datelineTimeWords)),
  maxOtherWords: LEX.datelineMaxOtherWords,
  lines: LEX.datelineLines,
  placeMaxWords: LEX.datelinePlaceMaxWords,
};

export interface DurationWord {
  days: number;
  /** the count the word implies by itself (يوم = 1, يومين = 2), or 0 for a plural after a number */
  count: number;
}
/** implicit-count duration words ("يومين") */
export const DURATION_COUNTED = new Map<string, DurationWord>();
/** unit words after a number ("ثلاثه ايام", "15 يوما") */
export const DURATION_UNITS = new Map<string, number>();
for (const d of Object.values(LEX.durations)) {
  for (const w of foldAll(d.one)) DURATION_COUNTED.set(w, { days: d.days, count: 1 });
  for (const w of foldAll(d.two)) DURATION_COUNTED.set(w, { days: d.days, count: 2 });
  for (const w of foldAll(d.plural)) DURATION_UNITS.set(w, d.days);
}

// --------------------------------------------------------------------------------------------
// regex sources

/**
 * Start of a date expression: not inside a word, except right after a one- or two-letter
 * clitic (و ف ب ل, وب, فل …) glued to it.
 */
export const START = '(?<=^|[^\\p{L}\\p{N}]|(?<![\\p{L}\\p{N}])(?:[وفبل]|[وف][بل]))';
export const E = BOUND_END;

const alt = (xs: Iterable<string>) => alternation(xs);

export const MONTH_SRC = `${alt(MONTHS.keys())}${E}`;
export const REL_SRC = `${alt(REL.keys())}${E}`;
export const WEEKDAY_SRC = `${alt(WEEKDAYS.keys())}${E}`;
export const POD_SRC = `${alt(PARTS_OF_DAY.keys())}${E}`;
export const RELDAY_SRC = `${alt(RELATIVE_DAYS.keys())}${E}`;
export const POSITION_SRC = `${alt(foldAll(LEX.positions))}${E}`;
export const MONTH_INTRO_SRC = `${alt(foldAll(LEX.monthIntro))}${E}`;
export const WEEKDAY_INTRO_SRC = `${alt(foldAll(LEX.weekdayIntro))}${E}`;
export const WEEKDAY_LINK_SRC = `${alt(foldAll(LEX.weekdayLink))}${E}`;
export const YEAR_INTRO_SRC = `${alt(foldAll(LEX.yearIntro))}${E}`;
export const YEAR_SUFFIX_SRC = alt(foldAll(LEX.yearSuffix));
export const PERIOD_SRC = `${alt(PERIODS.keys())}${E}`;
export const POSITIONED_PERIOD_SRC = `${alt(POSITIONED_PERIODS.keys())}${E}`;
/** period phrases of unit month that can follow a day ("5 من الشهر الجاري") */
export const MONTH_PERIOD_SRC = `${alt(
  [...PERIODS.entries()].filter(([, p]) => p.unit === 'month' && !p.vague).map(([k]) => k),
)}${E}`;
export const DAY_OFFSET_SRC = `${alt(DAY_OFFSETS.keys())}${E}`;
export const OFFSET_DIRECTION_SRC = alt(OFFSET_DIRECTION.keys());
export const TALLY_END_SRC = `${alt(foldAll(LEX.tallyEnd))}${E}`;
/** "قبل ذلك بيومين", "بعدها بيوم": before/after + pronoun + ب (the duration follows) */
export const OFFSET_PRONOUN_SRC = `(?<dir>${alt([...foldAll(LEX.offsetBefore), ...foldAll(LEX.offsetAfter)])})(?:${alt(
  foldAll(LEX.offsetPronounSuffixes),
)}|${' +'}${alt(foldAll(LEX.offsetPronounWords))})${E} +ب *`;
export const SINCE_PHRASES = new Set(foldAll(LEX.since));
export const UNTIL_TODAY = new Set(foldAll(LEX.untilToday));

/** words that may stand between منذ and a date without breaking the link */
export const SINCE_LINK_WORDS = new Set(
  foldAll([...LEX.positions, ...LEX.monthIntro, ...LEX.yearIntro, ...LEX.weekdayIntro]),
);

// --------------------------------------------------------------------------------------------
// first words, to run a parser only where one of its expressions can start

const firstWords = (phrases: Iterable<string>): Set<string> => {
  const out = new Set<string>();
  for (const p of phrases) out.add(p.split(' ')[0]);
  return out;
};
export const FIRST = {
  pod: firstWords(PARTS_OF_DAY.keys()),
  weekdayIntro: new Set(foldAll(LEX.weekdayIntro)),
  weekday: new Set(WEEKDAYS.keys()),
  month: firstWords(MONTHS.keys()),
  monthIntro: new Set(foldAll(LEX.monthIntro)),
  position: firstWords(foldAll(LEX.positions)),
  yearIntro: new Set(foldAll(LEX.yearIntro)),
  relDay: firstWords(RELATIVE_DAYS.keys()),
  period: firstWords(PERIODS.keys()),
  dayOffset: firstWords(DAY_OFFSETS.keys()),
  offsetDirection: new Set(OFFSET_DIRECTION.keys()),
  offsetPronoun: new Set(
    [...foldAll(LEX.offsetBefore), ...foldAll(LEX.offsetAfter)].flatMap((d) => [
      d,
      ...foldAll(LEX.offsetPronounSuffixes).map((s) => d + s),
    ]),
  ),
};
