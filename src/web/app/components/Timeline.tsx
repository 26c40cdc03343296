/**
 * Incidents per day, week or month (d3, SVG). Dragging across it chooses a period: the
 * brush sets `from` and `to` in the URL, which filters the map, the facets and the table.
 * Time runs left to right in both languages.
 */
import { axisBottom, axisLeft, brushX, max, scaleLinear, scaleUtc, select } from 'd3';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatNumber, type Key, type Lang, t } from '../lib/i18n.js';
import { binCounts, datesToRange, dayToMs, rangeToDates } from '../lib/timeline.js';

interface Props {
  perDay: { day: string; count: number }[] | null;
  from: string | null;
  to: string | null;
  lang: Lang;
  onRange: (from: string | null, to: string | null) => void;
}

const HEIGHT = 130;
const M = { top: 8, right: 14, bottom: 22, left: 36 };

export function Timeline({ perDay, from, to, lang, onRange }: Props) {
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(600);
  const onRangeRef = useRef(onRange);
  onRangeRef.current = onRange;

  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(240, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const { unit, bins } = binCounts(perDay ?? []);

  useEffect(() => {
    const node = svg.current;
    if (!node) return;
    const root = select(node);
    root.selectAll('*').remove();
    if (!bins.length) return;
    const w = width - M.left - M.right;
    const h = HEIGHT - M.top - M.bottom;
    const x = scaleUtc()
      .domain([new Date(dayToMs(bins[0].start)), new Date(dayToMs(bins[bins.length - 1].end))])
      .range([0, w]);
    const top = Math.max(1, max(bins, (b) => b.count) ?? 1);
    const y = scaleLinear().domain([0, top]).nice().range([h, 0]);
    const g = root.append('g').attr('transform', `translate(${M.left},${M.top})`);
    const [lo, hi] = datesToRange(from, to);
    const inRange = (s: string, e: string) => (!lo || e > lo) && (!hi || s < hi);
    g.append('g')
      .attr('class', 'bars')
      .selectAll('rect')
      .data(bins)
      .join('rect')
      .attr('x', (b) => x(new Date(dayToMs(b.start))) + 0.5)
      .attr('width', (b) => Math.max(1, x(new Date(dayToMs(b.end))) - x(new Date(dayToMs(b.start))) - 1))
      .attr('y', (b) => y(b.count))
      .attr('height', (b) => h - y(b.count))
      .attr('class', (b) => (inRange(b.start, b.end) ? 'bar' : 'bar out'))
      .append('title')
      .text((b) => `${b.start}: ${formatNumber(lang, b.count)}`);
    const fmt = new Intl.DateTimeFormat(lang === 'ar' ? 'ar-EG' : 'en-GB', {
      month: 'short',
      year: unit === 'day' ? undefined : '2-digit',
      day: unit === 'day' ? 'numeric' : undefined,
      timeZone: 'UTC',
    });
    g.append('g')
      .attr('class', 'axis')
      .attr('transform', `translate(0,${h})`)
      .call(
        axisBottom(x)
          .ticks(Math.max(2, Math.floor(w / 90)))
          .tickFormat((d) => fmt.format(d as Date)),
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
  }, [perDay, from, to, lang, width]);

  return (
    <div class="timeline" ref={wrap}>
      <div class="panel-head">
        <h2>{t(lang, 'timeline')}</h2>
        <span class="muted">
          {bins.length ? `${t(lang, `timeline_unit_${unit}` as Key)} — ${t(lang, 'timeline_hint')}` : ''}
        </span>
        {(from || to) && (
          <button type="button" class="link-button" onClick={() => onRange(null, null)}>
            {t(lang, 'timeline_clear')}
          </button>
        )}
      </div>
      {perDay && !bins.length && <p class="muted">{t(lang, 'timeline_empty')}</p>}
      <svg
        ref={svg}
        width={width}
        height={bins.length ? HEIGHT : 0}
        dir="ltr"
        role="img"
        aria-label={t(lang, 'timeline')}
      />
    </div>
  );
}
