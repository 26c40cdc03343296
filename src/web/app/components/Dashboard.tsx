import { useMemo, useState } from 'preact/hooks';
import { type ApiFailure, api, hasToken } from '../lib/api.js';
import { formatNumber, type Lang, t } from '../lib/i18n.js';
import { navigate } from '../lib/router.js';
import type { ListResponse, StatsResponse } from '../lib/types.js';
import {
  activeFilterCount,
  exportHref,
  filterQuery,
  incidentPath,
  incidentsQuery,
  timelineQuery,
  toSearch,
  type ViewState,
} from '../lib/url-state.js';
import { useApi } from '../lib/use-api.js';
import { ErrorState } from './ErrorState.js';
import { Facets } from './Facets.js';
import { IncidentTable } from './IncidentTable.js';
import { MapView } from './MapView.js';
import { Timeline } from './Timeline.js';
import { TokenForm } from './TokenForm.js';

export function Dashboard({ state, lang }: { state: ViewState; lang: Lang }) {
  const list = useApi<ListResponse>(`/api/incidents?${incidentsQuery(state)}`);
  const stats = useApi<StatsResponse>(`/api/timeline?${timelineQuery(state)}`);
  const [mapError, setMapError] = useState<ApiFailure | null>(null);
  const [retries, setRetries] = useState(0);
  const [drawer, setDrawer] = useState(false);
  const [exportError, setExportError] = useState<ApiFailure | null>(null);
  const go = (s: ViewState) => navigate(`/${toSearch(s)}`);
  const query = useMemo(() => filterQuery(state), [state]);
  const error = list.error ?? stats.error ?? mapError ?? null;
  const retry = () => {
    list.reload();
    stats.reload();
    setMapError(null);
    setRetries((n) => n + 1);
  };
  const total = list.data?.total;
  const filters = activeFilterCount(state);
  return (
    <main class="dashboard" id="main" tabIndex={-1}>
      <h1 class="page-title">{t(lang, 'page_title')}</h1>
      <button
        type="button"
        class="drawer-toggle"
        aria-expanded={drawer}
        aria-controls="filters"
        onClick={() => setDrawer(!drawer)}
      >
        {t(lang, 'filters_toggle')}
        {filters > 0 ? ` (${formatNumber(lang, filters)})` : ''}
      </button>
      <aside class={drawer ? 'side open' : 'side'} id="filters">
        <Facets state={state} lang={lang} facets={error ? null : (list.data?.facets ?? null)} onChange={go} />
      </aside>
      <div class="main">
        <div class="view-head">
          <p class="total" aria-live="polite" data-total={total ?? ''}>
            {total != null && !error ? t(lang, 'header_total', { n: formatNumber(lang, total) }) : '\u00a0'}
          </p>
          <p class="exports" hidden={error != null}>
            <span>{t(lang, 'export_label')}</span>
            {(['csv', 'geojson', 'jsonl'] as const).map((ext) => (
              <a
                key={ext}
                class="export"
                data-format={ext}
                href={exportHref(state, ext)}
                download
                onClick={(e) => {
                  // a link carries no token: with one, follow a ticket made for this export
                  if (!hasToken()) return;
                  e.preventDefault();
                  const href = (e.currentTarget as HTMLAnchorElement).getAttribute('href') ?? '';
                  api
                    .get<{ url: string }>(`/api/download-ticket?path=${encodeURIComponent(href)}`)
                    .then((ticket) => followDownload(ticket.url))
                    .catch((err: ApiFailure) => setExportError(err));
                }}
              >
                {t(lang, `export_${ext}`)}
              </a>
            ))}
          </p>
        </div>
        {exportError && <ErrorState error={exportError} lang={lang} onRetry={() => setExportError(null)} />}
        {error && error.status !== 401 && <ErrorState error={error} lang={lang} onRetry={retry} />}
        {error?.status === 401 && <TokenForm lang={lang} onSaved={retry} />}
        {/* over an error, the error state is all there is: no map, timeline or table of an older answer */}
        {!error && (
          <section class="panel map-panel" aria-label={t(lang, 'map')} id="map">
            <MapView
              key={retries}
              query={query}
              lang={lang}
              bbox={state.bbox}
              onOpen={(id) => navigate(incidentPath(id, state))}
              incidentHref={(id) => incidentPath(id, state)}
              onBbox={(bbox) => go({ ...state, bbox })}
              onError={setMapError}
            />
          </section>
        )}
        {!error && (
          <section class="panel timeline-panel" aria-label={t(lang, 'timeline')}>
            <Timeline
              perDate={stats.data?.per_date ?? null}
              from={state.from}
              to={state.to}
              lang={lang}
              onRange={(from, to) => go({ ...state, from, to })}
            />
          </section>
        )}
        {!error && (
          <section class="panel table-panel" aria-label={t(lang, 'incidents')}>
            <IncidentTable list={list.data} loading={list.loading} state={state} lang={lang} onState={go} />
          </section>
        )}
      </div>
    </main>
  );
}

/** Starts the download of a URL of this origin (the browser saves it; nothing is held in memory). */
function followDownload(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  document.body.append(a);
  a.click();
  a.remove();
}
