/**
 * The timeline's bins: incidents per date as dated (from /api/stats?_dates=1) — day-dated
 * ones grouped into days, ISO weeks (from Monday), months or years with the empty bins in
 * between, month- and year-dated ones spread over the bins of their month or year (the
 * lighter band), undated ones counted apart. The default span is where the data is dense
 * (1st to 99th percentile); what lies outside is counted and one click away. Days are
 * 'YYYY-MM-DD' strings handled in UTC. Pure functions, tested under node.
 */

export type Unit = 'day' | 'week' | 'month' | 'year';

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
  if (unit === 'year') return `${day.slice(0, 4)}-01-01`;
  const dow = new Date(dayToMs(day)).getUTCDay(); // 0 = Sunday
  return addDays(day, -((dow + 6) % 7));
}

/** The first day of the next unit. */
export function nextUnit(start: string, unit: Unit): string {
  if (unit === 'day') return addDays(start, 1);
  if (unit === 'week') return addDays(start, 7);
  const d = new Date(dayToMs(start));
  if (unit === 'year') return msToDay(Date.UTC(d.getUTCFullYear() + 1, 0, 1));
  return msToDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/** Days for up to four months, weeks for up to three years, months up to thirty, years beyond. */
export function chooseUnit(first: string, last: string): Unit {
  const days = (dayToMs(last) - dayToMs(first)) / DAY_MS;
  if (days <= 120) return 'day';
  if (days <= 3 * 366) return 'week';
  if (days <= 30 * 366) return 'month';
  return 'year';
}

export interface DateCount {
  date: string | null;
  count: number;
}

/** An incident date as the [start, end) days it covers: a day, a month or a year. */
export function periodOf(date: string): [string, string] | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return [date, addDays(date, 1)];
  if (/^\d{4}-\d{2}$/.test(date)) return [`${date}-01`, nextUnit(`${date}-01`, 'month')];
  if (/^\d{4}$/.test(date)) return [`${date}-01-01`, nextUnit(`${date}-01-01`, 'year')];
  return null;
}

/**
 * The span of days where the data is: [first, end) of everything, and the dense span from
 * the 1st to the 99th percentile of the incidents (a month- or year-dated one at the middle
 * of its period). A span under two weeks is widened to two weeks around its middle.
 */
export function spans(perDate: DateCount[]): { full: [string, string]; dense: [string, string] } | null {
  const pts: { start: string; end: string; mid: number; count: number }[] = [];
  for (const d of perDate) {
    if (!d.date) continue;
    const p = periodOf(d.date);
    if (!p) continue;
    pts.push({
      start: p[0],
      end: p[1],
      mid: (dayToMs(p[0]) + dayToMs(p[1])) / 2,
      count: Number(d.count) || 0,
    });
  }
  if (!pts.length) return null;
  const widen = ([a, b]: [string, string]): [string, string] => {
    const len = (dayToMs(b) - dayToMs(a)) / DAY_MS;
    if (len >= 14) return [a, b];
    const pad = Math.ceil((14 - len) / 2);
    return [addDays(a, -pad), addDays(b, pad)];
  };
  const full: [string, string] = [
    pts.reduce((m, p) => (p.start < m ? p.start : m), pts[0].start),
    pts.reduce((m, p) => (p.end > m ? p.end : m), pts[0].end),
  ];
  const byMid = [...pts].sort((a, b) => a.mid - b.mid);
  const total = byMid.reduce((n, p) => n + p.count, 0);
  const at = (q: number) => {
    let seen = 0;
    for (let k = 0; k < byMid.length; k++) {
      seen += byMid[k].count;
      if (seen >= q * total) return k;
    }
    return byMid.length - 1;
  };
  let i = at(0.01);
  let j = at(0.99);
  // grow the span over data that continues it: stop only at a gap (the 1941 outlier, not January)
  const gap = Math.max(60 * DAY_MS, 0.05 * (byMid[j].mid - byMid[i].mid));
  while (i > 0 && byMid[i].mid - byMid[i - 1].mid <= gap) i--;
  while (j < byMid.length - 1 && byMid[j + 1].mid - byMid[j].mid <= gap) j++;
  const lo = byMid[i];
  const hi = byMid[j];
  const dense: [string, string] = [
    [...byMid.slice(i, j + 1)].reduce((m, p) => (p.start < m ? p.start : m), lo.start),
    [...byMid.slice(i, j + 1)].reduce((m, p) => (p.end > m ? p.end : m), hi.end),
  ];
  // the dense span only when it is much narrower than the whole
  const spanOf = ([a, b]: [string, string]) => dayToMs(b) - dayToMs(a);
  const useDense = spanOf(full) > 2 * spanOf(dense) + 30 * DAY_MS;
  return { full: widen(full), dense: widen(useDense ? dense : full) };
}

export interface Timeline {
  unit: Unit;
  /** bins over the domain: `count` of day-dated incidents, `coarse` the share of month- and year-dated ones */
  bins: (Bin & { coarse: number })[];
  /** day-dated incidents in the domain (the sum of the bins' counts) */
  precise: number;
  /** month- and year-dated incidents whose period meets the domain */
  coarse: number;
  /** dated incidents outside the domain */
  outside: number;
  undated: number;
}

/** Every incident of `perDate` in bins over [domain), or counted as coarse, outside or undated. */
export function timelineBins(perDate: DateCount[], domain: [string, string], unit?: Unit): Timeline {
  const [lo, hi] = domain;
  const u = unit ?? chooseUnit(lo, addDays(hi, -1));
  const bins: Timeline['bins'] = [];
  const index = new Map<string, Timeline['bins'][number]>();
  for (let s = unitStart(lo, u); s < hi && bins.length < 5000; s = nextUnit(s, u)) {
    const b = { start: s, end: nextUnit(s, u), count: 0, coarse: 0 };
    bins.push(b);
    index.set(s, b);
  }
  const out: Timeline = { unit: u, bins, precise: 0, coarse: 0, outside: 0, undated: 0 };
  for (const d of perDate) {
    const n = Number(d.count) || 0;
    const p = d.date ? periodOf(d.date) : null;
    if (!p) {
      out.undated += n;
      continue;
    }
    const [a, b] = p;
    if (b <= lo || a >= hi) {
      out.outside += n;
      continue;
    }
    if (d.date?.length === 10) {
      const bin = index.get(unitStart(a, u));
      if (bin) {
        bin.count += n;
        out.precise += n;
      } else out.outside += n;
      continue;
    }
    // a month or a year: spread over the bins it overlaps, by days
    out.coarse += n;
    const len = (dayToMs(b) - dayToMs(a)) / DAY_MS;
    for (let s = unitStart(a > lo ? a : lo, u); s < b && s < hi; s = nextUnit(s, u)) {
      const bin = index.get(s);
      if (!bin) continue;
      const from = bin.start > a ? bin.start : a;
      const to = bin.end < b ? bin.end : b;
      const days = (dayToMs(to) - dayToMs(from)) / DAY_MS;
      if (days > 0) bin.coarse += (n * days) / len;
    }
  }
  return out;
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
