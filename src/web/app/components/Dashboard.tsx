import { useMemo } from 'preact/hooks';
import { type Lang, t } from '../lib/i18n.js';
import { navigate } from '../lib/router.js';
import type { ListResponse, StatsResponse } from '../lib/types.js';
import { incidentPath, incidentsQuery, timelineQuery, toSearch, type ViewState } from '../lib/url-state.js';
import { useApi } from '../lib/use-api.js';
import { Facets } from './Facets.js';
import { IncidentTable } from './IncidentTable.js';
import { MapView } from './MapView.js';
import { Timeline } from './Timeline.js';
import { TokenForm } from './TokenForm.js';

export function Dashboard({ state, lang }: { state: ViewState; lang: Lang }) {
  const list = useApi<ListResponse>(`/api/incidents?${incidentsQuery(state)}`);
  const stats = useApi<StatsResponse>(`/api/stats?${timelineQuery(state)}`);
  const go = (s: ViewState) => navigate(`/${toSearch(s)}`);
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  return (
    <main class="dashboard">
      <aside class="side">
        <Facets state={state} lang={lang} facets={list.data?.facets ?? null} onChange={go} />
      </aside>
      <div class="main">
        {list.error && (
          <p class="error" role="alert">
            {t(lang, 'error', { message: list.error.message })}
          </p>
        )}
        {list.error?.status === 401 && (
          <TokenForm
            lang={lang}
            onSaved={() => {
              list.reload();
              stats.reload();
            }}
          />
        )}
        <section class="panel map-panel" aria-label={t(lang, 'map')}>
          <MapView
            items={items}
            lang={lang}
            bbox={state.bbox}
            onOpen={(id) => navigate(incidentPath(id, state))}
            onBbox={(bbox) => go({ ...state, bbox })}
          />
        </section>
        <section class="panel timeline-panel" aria-label={t(lang, 'timeline')}>
          <Timeline
            perDay={stats.data?.per_day ?? null}
            from={state.from}
            to={state.to}
            lang={lang}
            onRange={(from, to) => go({ ...state, from, to })}
          />
        </section>
        <section class="panel table-panel" aria-label={t(lang, 'incidents')}>
          <IncidentTable list={list.data} loading={list.loading} state={state} lang={lang} onState={go} />
        </section>
      </div>
    </main>
  );
}
