/**
 * Every matching incident over time (d3, SVG): day-dated ones as bars per day, week, month or
 * year; month- and year-dated ones as a lighter band spread over their period; undated ones
 * and those outside the span counted under it. The default span is where the data is dense,
 * the whole span one click away. Dragging across it, or the arrow keys on it, choose a
 * period: `from` and `to` in the URL, which filter the map, the facets and the table. Time
 * runs left to right in both languages.
 */
import { axisBottom, axisLeft, brushX, max, scaleLinear, scaleUtc, select } from 'd3';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatNumber, type Key, type Lang, t } from '../lib/i18n.js';
import {
  addDays,
  type DateCount,
  datesToRange,
  dayToMs,
  nextUnit,
  rangeToDates,
  spans,
  timelineBins,
  unitStart,
} from '../lib/timeline.js';

interface Props {
  perDate: DateCount[] | null;
  from: string | null;
  to: string | null;
  lang: Lang;
  onRange: (from: string | null, to: string | null) => void;
}

const HEIGHT = 140;
const M = { top: 8, right: 14, bottom: 22, left: 40 };
const DAY_MS = 86_400_000;

/** Tick labels for the span shown: days and months, months and years, or years. */
function tickFormat(lang: Lang, spanDays: number): (d: Date) => string {
  const locale = lang === 'ar' ? 'ar-EG' : 'en-GB';
  const opts: Intl.DateTimeFormatOptions =
    spanDays <= 120
      ? { day: 'numeric', month: 'short', timeZone: 'UTC' }
      : spanDays <= 3 * 366
        ? { month: 'short', year: '2-digit', timeZone: 'UTC' }
        : { year: 'numeric', timeZone: 'UTC' };
  const fmt = new Intl.DateTimeFormat(locale, opts);
  return (d) => fmt.format(d);
}

export function Timeline({ perDate, from, to, lang, onRange }: Props) {
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(600);
  const [whole, setWhole] = useState(false);
  const onRangeRef = useRef(onRange);
  onRangeRef.current = onRange;

  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(240, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const sp = useMemo(() => spans(perDate ?? []), [perDate]);
  const narrowed = sp != null && (sp.dense[0] !== sp.full[0] || sp.dense[1] !== sp.full[1]);
  const domain = sp ? (whole ? sp.full : sp.dense) : null;
  const tl = useMemo(
    () => (domain ? timelineBins(perDate ?? [], domain) : null),
    [perDate, domain?.[0], domain?.[1]],
  );
  const undated = tl?.undated ?? (perDate ?? []).filter((d) => !d.date).reduce((n, d) => n + d.count, 0);

  useEffect(() => {
    const node = svg.current;
    if (!node) return;
    const root = select(node);
    root.selectAll('*').remove();
    // the keyboard's way to brush (an SVG attribute is case-sensitive: tabindex, not tabIndex)
    if (tl?.bins.length) node.setAttribute('tabindex', '0');
    else node.removeAttribute('tabindex');
    if (!tl || !tl.bins.length || !domain) return;
    const bins = tl.bins;
    const w = width - M.left - M.right;
    const h = HEIGHT - M.top - M.bottom;
    const x = scaleUtc()
      .domain([new Date(dayToMs(bins[0].start)), new Date(dayToMs(bins[bins.length - 1].end))])
      .range([0, w]);
    const top = Math.max(1, max(bins, (b) => b.count + b.coarse) ?? 1);
    const y = scaleLinear().domain([0, top]).nice().range([h, 0]);
    const g = root.append('g').attr('transform', `translate(${M.left},${M.top})`);
    const [lo, hi] = datesToRange(from, to);
    const inRange = (s: string, e: string) => (!lo || e > lo) && (!hi || s < hi);
    const bx = (b: { start: string }) => x(new Date(dayToMs(b.start))) + 0.5;
    const bw = (b: { start: string; end: string }) =>
      Math.max(1, x(new Date(dayToMs(b.end))) - x(new Date(dayToMs(b.start))) - 1);
    const dateLabel = (s: string) => s;
    g.append('g')
      .attr('class', 'bars')
      .selectAll('rect')
      .data(bins.filter((b) => b.count > 0))
      .join('rect')
      .attr('x', bx)
      .attr('width', bw)
      .attr('y', (b) => y(b.count))
      .attr('height', (b) => h - y(b.count))
      .attr('data-count', (b) => b.count)
      .attr('class', (b) => (inRange(b.start, b.end) ? 'bar' : 'bar out'))
      .append('title')
      .text((b) => `${dateLabel(b.start)}: ${formatNumber(lang, b.count)}`);
    g.append('g')
      .attr('class', 'coarse')
      .selectAll('rect')
      .data(bins.filter((b) => b.coarse > 0))
      .join('rect')
      .attr('x', bx)
      .attr('width', bw)
      .attr('y', (b) => y(b.count + b.coarse))
      .attr('height', (b) => y(b.count) - y(b.count + b.coarse))
      .attr('class', (b) => (inRange(b.start, b.end) ? 'band' : 'band out'))
      .append('title')
      .text(
        (b) =>
          `${dateLabel(b.start)}: ${t(lang, 'timeline_coarse')} ≈ ${formatNumber(lang, Math.round(b.coarse * 10) / 10)}`,
      );
    const spanDays = (dayToMs(domain[1]) - dayToMs(domain[0])) / DAY_MS;
    const fmt = tickFormat(lang, spanDays);
    // no two ticks with one label
    const ticks = x.ticks(Math.max(2, Math.floor(w / 90)));
    const shown = ticks.filter((d, k) => k === 0 || fmt(d) !== fmt(ticks[k - 1]));
    g.append('g')
      .attr('class', 'axis')
      .attr('transform', `translate(0,${h})`)
      .call(
        axisBottom(x)
          .tickValues(shown)
          .tickFormat((d) => fmt(d as Date)),
      );
    g.append('g')
      .attr('class', 'axis')
      .call(
        axisLeft(y)
          .ticks(Math.min(3, top))
          .tickFormat((d) => formatNumber(lang, Number(d))),
      );
    const brush = brushX<unknown>()
      .extent([
        [0, 0],
        [w, h],
      ])
      .on('end', (ev: { selection: [number, number] | null; sourceEvent?: unknown }) => {
        if (!ev.sourceEvent) return; // moved by the code below, not by the reader
        if (!ev.selection) {
          onRangeRef.current(null, null);
          return;
        }
        const [a, b] = ev.selection;
        const r = rangeToDates(x.invert(a).getTime(), x.invert(b).getTime());
        onRangeRef.current(r.from, r.to);
      });
    const bg = g.append('g').attr('class', 'brush').call(brush);
    if (lo || hi) {
      const a = lo ? Math.max(0, x(new Date(dayToMs(lo)))) : 0;
      const b = hi ? Math.min(w, x(new Date(dayToMs(hi)))) : w;
      if (b > a) bg.call(brush.move, [a, b]);
    }
  }, [tl, from, to, lang, width]);

  /** The keyboard brush: arrows move the chosen period by one bin, Shift+arrows change its end. */
  const onKey = (e: KeyboardEvent) => {
    if (!tl?.bins.length) return;
    const unit = tl.unit;
    const first = tl.bins[0].start;
    const end = tl.bins[tl.bins.length - 1].end;
    const [lo, hi] = datesToRange(from, to);
    let a = lo ? unitStart(lo, unit) : null;
    let b = hi ?? null;
    const prev = (d: string) => unitStart(addDays(d, -1), unit);
    if (e.key === 'Escape') {
      if (from || to) onRange(null, null);
      return;
    }
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    if (!a || !b) {
      // the first key chooses one bin: the first, or the last with End
      a = e.key === 'End' ? prev(end) : first;
      b = nextUnit(a, unit);
    } else if (e.key === 'Home') {
      b = nextUnit(first, unit);
      a = first;
    } else if (e.key === 'End') {
      a = prev(end);
      b = end;
    } else if (e.shiftKey) {
      b = e.key === 'ArrowRight' ? nextUnit(unitStart(addDays(b, -1), unit), unit) : prev(b);
      if (e.key === 'ArrowRight') b = nextUnit(unitStart(b, unit), unit) > end ? end : b;
      if (b <= a) b = nextUnit(a, unit);
    } else if (e.key === 'ArrowRight' && b < end) {
      a = nextUnit(a, unit);
      b = nextUnit(unitStart(b, unit), unit);
    } else if (e.key === 'ArrowLeft' && a > first) {
      a = prev(a);
      b = prev(b);
      if (b <= a) b = nextUnit(a, unit);
    }
    onRange(a, addDays(b, -1));
  };

  const n = (v: number) => formatNumber(lang, v);
  return (
    <div class="timeline" ref={wrap}>
      <div class="panel-head">
        <h2>{t(lang, 'timeline')}</h2>
        <span class="muted">
          {tl?.bins.length
            ? `${t(lang, `timeline_unit_${tl.unit}` as Key)} — ${t(lang, 'timeline_hint')}`
            : ''}
        </span>
        {narrowed && (
          <button type="button" class="link-button" data-action="span" onClick={() => setWhole(!whole)}>
            {t(lang, whole ? 'timeline_show_dense' : 'timeline_show_all')}
          </button>
        )}
        {(from || to) && (
          <button type="button" class="link-button" onClick={() => onRange(null, null)}>
            {t(lang, 'timeline_clear')}
          </button>
        )}
      </div>
      {perDate && !tl?.bins.length && <p class="muted">{t(lang, 'timeline_empty')}</p>}
      <svg
        ref={svg}
        width={width}
        height={tl?.bins.length ? HEIGHT : 0}
        dir="ltr"
        role="img"
        aria-label={`${t(lang, 'timeline')}. ${t(lang, 'timeline_keys')}`}
        onKeyDown={onKey}
      />
      {tl && (
        <p class="timeline-counts small">
          <span class="key key-bar" aria-hidden="true" /> {t(lang, 'timeline_precise')}:{' '}
          <strong data-precise={tl.precise}>{n(tl.precise)}</strong>
          {' · '}
          <span class="key key-band" aria-hidden="true" /> {t(lang, 'timeline_coarse')}:{' '}
          <strong data-coarse={tl.coarse}>{n(tl.coarse)}</strong>
          {tl.outside > 0 && (
            <>
              {' · '}
              <span data-outside={tl.outside}>{t(lang, 'timeline_outside', { n: n(tl.outside) })}</span>
            </>
          )}
          {' · '}
          <span data-undated={undated}>{t(lang, 'timeline_undated', { n: n(undated) })}</span>
        </p>
      )}
    </div>
  );
}
