/**
 * Calendar arithmetic on plain calendar dates (no time zones: a date is a local Iraq/Syria
 * calendar date and is never converted).
 */

export interface YMD {
  y: number;
  m: number;
  d: number;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidYMD(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

const RE_ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;

/** The calendar date of an ISO date or timestamp (its date part, as written), or null. */
export function parseISODay(s: string | null | undefined): YMD | null {
  if (typeof s !== 'string') return null;
  const m = RE_ISO_DAY.exec(s.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return isValidYMD(y, mo, d) ? { y, m: mo, d } : null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatDay(x: YMD): string {
  return `${pad(x.y, 4)}-${pad(x.m)}-${pad(x.d)}`;
}
export function formatMonth(y: number, m: number): string {
  return `${pad(y, 4)}-${pad(m)}`;
}
export function formatYear(y: number): string {
  return pad(y, 4);
}

export function addDays(x: YMD, days: number): YMD {
  const t = new Date(Date.UTC(x.y, x.m - 1, x.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday */
export function weekdayOf(x: YMD): number {
  return new Date(Date.UTC(x.y, x.m - 1, x.d)).getUTCDay();
}

/** The month `delta` months away from (y, m). */
export function addMonths(y: number, m: number, delta: number): { y: number; m: number } {
  const idx = y * 12 + (m - 1) + delta;
  return { y: Math.floor(idx / 12), m: (idx % 12) + 1 };
}

/** Shifts a 'YYYY-MM-DD' date by `days` (negative for earlier). Throws on a malformed date. */
export function shiftDate(date: string, days: number): string {
  const x = parseISODay(date);
  if (!x) throw new RangeError(`shiftDate: not a YYYY-MM-DD date: ${date}`);
  return formatDay(addDays(x, Math.trunc(days)));
}
