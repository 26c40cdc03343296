import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { formatDate, formatNumber, type Key, type Lang, t } from '../lib/i18n.js';
import { admin1Label, label, placeLabel } from '../lib/labels.js';
import { linkClick, navigate } from '../lib/router.js';
import { orderRows } from '../lib/table.js';
import { type IncidentView, type ListResponse, TYPE_COLORS } from '../lib/types.js';
import {
  clickColumn,
  incidentPath,
  TABLE_COLUMNS,
  type TableColumn,
  type ViewState,
} from '../lib/url-state.js';

interface Props {
  list: ListResponse | null;
  loading: boolean;
  state: ViewState;
  lang: Lang;
  onState: (s: ViewState) => void;
}

function sortOf(state: ViewState, col: TableColumn): 'ascending' | 'descending' | undefined {
  if (state.order) {
    if (state.order === col) return 'ascending';
    if (state.order === `-${col}`) return 'descending';
    return undefined;
  }
  if (col === 'date' || col === 'sources') {
    if (state.sort === col) return 'ascending';
    if (state.sort === `-${col}`) return 'descending';
  }
  return undefined;
}

export function IncidentTable({ list, loading, state, lang, onState }: Props) {
  const [more, setMore] = useState<IncidentView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  useEffect(() => {
    setMore([]);
    setNext(list?.next ?? null);
  }, [list]);
  const rows = useMemo(
    () =>
      orderRows([...(list?.items ?? []), ...more], state.order, (col, v) =>
        label(lang, col === 'review_status' ? 'status' : col, v),
      ),
    [list, more, state.order, lang],
  );
  const loadMore = async () => {
    if (!next) return;
    const page = await api.get<ListResponse>(next);
    setMore((m) => [...m, ...page.items]);
    setNext(page.next);
  };
  return (
    <div class="table-wrap">
      <div class="panel-head">
        <h2>{t(lang, 'incidents')}</h2>
        <span class="muted" aria-live="polite">
          {loading && !list
            ? t(lang, 'loading')
            : t(lang, 'incidents_count', { n: formatNumber(lang, rows.length) })}
        </span>
      </div>
      {list && !rows.length && <p class="muted">{t(lang, 'no_incidents')}</p>}
      {rows.length > 0 && (
        <div class="scroll-x">
          <table class="incidents">
            <thead>
              <tr>
                {TABLE_COLUMNS.map((col) => (
                  <th key={col} scope="col" aria-sort={sortOf(state, col) ?? 'none'}>
                    <button
                      type="button"
                      class="sort"
                      data-col={col}
                      title={t(lang, 'sort_by', { col: t(lang, `col_${col}` as Key) })}
                      onClick={() => onState(clickColumn(state, col))}
                    >
                      {t(lang, `col_${col}` as Key)}
                      <span class="sort-mark" aria-hidden="true">
                        {sortOf(state, col) === 'ascending'
                          ? '▲'
                          : sortOf(state, col) === 'descending'
                            ? '▼'
                            : ''}
                      </span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => {
                const href = incidentPath(i.id, state);
                return (
                  <tr
                    key={i.id}
                    data-id={i.id}
                    class={`status-${i.review_status}`}
                    onClick={() => navigate(href)}
                  >
                    <td class="nowrap" data-label={t(lang, 'col_date')}>
                      <a
                        href={href}
                        onClick={(e) => {
                          e.stopPropagation();
                          linkClick(e, href);
                        }}
                      >
                        <bdi class="date">{formatDate(lang, i.date) || t(lang, 'unknown')}</bdi>
                      </a>
                    </td>
                    <td data-label={t(lang, 'col_type')}>
                      <span
                        class="swatch"
                        style={{ background: TYPE_COLORS[i.type] ?? '#999' }}
                        aria-hidden="true"
                      />
                      {label(lang, 'type', i.type)}
                    </td>
                    <td class="place" data-label={t(lang, 'col_place')}>
                      {placeLabel(lang, i)}
                    </td>
                    <td data-label={t(lang, 'col_admin1')}>{admin1Label(lang, i.admin1, i.admin1_ar)}</td>
                    <td class="actor" data-label={t(lang, 'col_actor')}>
                      {label(lang, 'actor', i.actor) || t(lang, 'none')}
                    </td>
                    <td data-label={t(lang, 'col_weapon')}>
                      {label(lang, 'weapon', i.weapon) || t(lang, 'none')}
                    </td>
                    <td data-label={t(lang, 'col_target')}>
                      {label(lang, 'target', i.target) || t(lang, 'none')}
                    </td>
                    <td class="num" data-label={t(lang, 'col_killed')}>
                      {i.killed == null ? t(lang, 'none') : formatNumber(lang, i.killed)}
                    </td>
                    <td class="num" data-label={t(lang, 'col_injured')}>
                      {i.injured == null ? t(lang, 'none') : formatNumber(lang, i.injured)}
                    </td>
                    <td class="num" data-label={t(lang, 'col_sources')}>
                      {formatNumber(lang, i.source_count)}
                      {i.conflicts.length > 0 && (
                        <span
                          class="conflict-flag"
                          title={`${t(lang, 'conflict')}: ${i.conflicts.map((f) => t(lang, `f_${f}` as Key)).join(lang === 'ar' ? '، ' : ', ')}`}
                        >
                          {' ⚠'}
                        </span>
                      )}
                    </td>
                    <td data-label={t(lang, 'col_review_status')}>
                      <span class={`badge status-${i.review_status}`}>
                        {t(lang, `status_${i.review_status}` as Key)}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <p>
          <span class="muted">
            {t(lang, 'incidents_first_page', { n: formatNumber(lang, rows.length) })}{' '}
          </span>
          <button type="button" onClick={loadMore}>
            {t(lang, 'incidents_more')}
          </button>
        </p>
      )}
    </div>
  );
}
