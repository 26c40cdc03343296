/**
 * The timeline's bins: incidents per day (from /api/stats?_days=1) grouped into days, ISO
 * weeks (from Monday) or months, with the empty bins in between. Days are 'YYYY-MM-DD'
 * strings handled in UTC. Pure functions, tested under node.
 */

export type Unit = 'day' | 'week' | 'month';

export interface Bin {
  /** first day of the bin */
  start: string;
  /** the day after the bin's last day */
  end: string;
  count: number;
}

const DAY_MS = 86_400_000;

export function dayToMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function msToDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return msToDay(dayToMs(day) + n * DAY_MS);
}

/** The first day of the unit holding `day`. */
export function unitStart(day: string, unit: Unit): string {
  if (unit === 'day') return day;
  if (unit === 'month') return `${day.slice(0, 7)}-01`;
  const dow = new Date(dayToMs(day)).getUTCDay(); // 0 = Sunday
  return addDays(day, -((dow + 6) % 7));
}

/** The first day of the next unit. */
export function nextUnit(start: string, unit: Unit): string {
  if (unit === 'day') return addDays(start, 1);
  if (unit === 'week') return addDays(start, 7);
  const d = new Date(dayToMs(start));
  return msToDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/** Days for up to four months, weeks for up to three years, months beyond. */
export function chooseUnit(first: string, last: string): Unit {
  const days = (dayToMs(last) - dayToMs(first)) / DAY_MS;
  if (days <= 120) return 'day';
  if (days <= 3 * 366) return 'week';
  return 'month';
}

/** Per-day counts → contiguous bins of `unit` from the first to the last day (empty ones too). */
export function binCounts(
  perDay: { day: string; count: number }[],
  unit?: Unit,
): { unit: Unit; bins: Bin[] } {
  const days = perDay
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.day))
    .sort((a, b) => (a.day < b.day ? -1 : 1));
  if (!days.length) return { unit: unit ?? 'day', bins: [] };
  const first = days[0].day;
  const last = days[days.length - 1].day;
  const u = unit ?? chooseUnit(first, last);
  const bins: Bin[] = [];
  const index = new Map<string, Bin>();
  // at most a few thousand bins: a decade of days, or centuries of months
  for (let s = unitStart(first, u); s <= last && bins.length < 5000; s = nextUnit(s, u)) {
    const b = { start: s, end: nextUnit(s, u), count: 0 };
    bins.push(b);
    index.set(s, b);
  }
  for (const d of days) {
    const b = index.get(unitStart(d.day, u));
    if (b) b.count += Number(d.count) || 0;
  }
  return { unit: u, bins };
}

/**
 * A brushed range [start, end) of days → the API's from/to (inclusive days), snapped
 * outwards to whole days.
 */
export function rangeToDates(startMs: number, endMs: number): { from: string; to: string } {
  const from = msToDay(Math.floor(Math.min(startMs, endMs) / DAY_MS) * DAY_MS);
  const endDay = msToDay(Math.ceil(Math.max(startMs, endMs) / DAY_MS) * DAY_MS);
  const to = addDays(endDay, -1);
  return { from, to: to < from ? from : to };
}

/** The API's from/to (YYYY, YYYY-MM or YYYY-MM-DD) → the [start, end) days they cover. */
export function datesToRange(from: string | null, to: string | null): [string | null, string | null] {
  const lo = from ? (from.length === 4 ? `${from}-01-01` : from.length === 7 ? `${from}-01` : from) : null;
  let hi: string | null = null;
  if (to) {
    if (to.length === 4) hi = `${Number(to) + 1}-01-01`;
    else if (to.length === 7) hi = nextUnit(`${to}-01`, 'month');
    else hi = addDays(to, 1);
  }
  return [lo, hi];
}
