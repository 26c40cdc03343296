/**
 * One incident: its merged fields with the conflicts flagged, every source article with its
 * evidence highlighted in the right-to-left text and a link to the original, the review
 * actions and the review log.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiFailure, api } from '../lib/api.js';
import { SPAN_KINDS, type Span, safeHref, spansOf } from '../lib/highlight.js';
import { formatDate, formatNumber, type Key, type Lang, t } from '../lib/i18n.js';
import { admin1Label, label, placeLabel } from '../lib/labels.js';
import { linkClick, navigate } from '../lib/router.js';
import type { Settings } from '../lib/settings.js';
import {
  type IncidentSource,
  type IncidentView,
  type LogEntry,
  type SourceArticleResponse,
  TYPE_COLORS,
} from '../lib/types.js';
import { incidentPath, toSearch, type ViewState } from '../lib/url-state.js';
import { useApi } from '../lib/use-api.js';
import { ArticleText, SpanLegend } from './ArticleText.js';
import { ErrorState } from './ErrorState.js';
import { ReviewPanel } from './ReviewPanel.js';

interface Props {
  id: string;
  state: ViewState;
  settings: Settings;
}

const FIELD_ROWS = [
  'type',
  'date',
  'place',
  'admin1',
  'country',
  'geo_precision',
  'actor',
  'actor_umbrella',
  'target',
  'weapon',
  'munitions',
  'killed',
  'injured',
  'intercepted',
] as const;

export function fieldValue(lang: Lang, inc: IncidentView, f: (typeof FIELD_ROWS)[number]): string {
  const v = inc[f];
  if (v == null || v === '') return t(lang, 'none');
  switch (f) {
    case 'date':
      // the ISO date is isolated so that the Arabic text around it does not reorder it
      return `${formatDate(lang, inc.date)} (\u2066${inc.date}\u2069)`;
    case 'geo_precision':
      return t(lang, `geo_${inc.geo_precision}` as Key);
    case 'intercepted':
      return t(lang, v ? 'yes' : 'no');
    case 'munitions':
    case 'killed':
    case 'injured':
      return formatNumber(lang, v as number);
    case 'place': {
      const name = lang === 'ar' && inc.place_ar ? `${inc.place_ar} — ${inc.place}` : inc.place;
      return inc.lat != null && inc.lon != null
        ? `${name} (\u2066${inc.lat.toFixed(3)}, ${inc.lon.toFixed(3)}\u2069)`
        : name;
    }
    case 'admin1':
      return admin1Label(lang, inc.admin1, inc.admin1_ar);
    default:
      return label(lang, f, String(v));
  }
}

export function IncidentPage({ id, state, settings }: Props) {
  const { lang } = settings;
  const inc = useApi<IncidentView>(`/api/incidents/${encodeURIComponent(id)}`);
  const log = useApi<{ entries: LogEntry[] }>(`/api/incidents/${encodeURIComponent(id)}/log`);
  const [selected, setSelected] = useState<number[]>([]);
  const back = `/${toSearch(state)}`;

  useEffect(() => setSelected([]), [inc.data]);

  if (inc.error) {
    const into = (inc.error.details as { merged_into?: string } | undefined)?.merged_into;
    return (
      <main class="incident-page" id="main" tabIndex={-1}>
        <p>
          <a href={back} onClick={(e) => linkClick(e, back)}>
            {t(lang, 'back')}
          </a>
        </p>
        <p class="error" role="alert">
          {inc.error.status === 404
            ? t(lang, 'incident_not_found')
            : t(lang, 'error', { message: inc.error.message })}
        </p>
        {into && (
          <p>
            {t(lang, 'incident_merged_into')}{' '}
            <a href={incidentPath(into, state)} onClick={(e) => linkClick(e, incidentPath(into, state))}>
              {into}
            </a>
          </p>
        )}
      </main>
    );
  }
  const i = inc.data;
  if (!i || i.id !== id)
    return (
      <main class="incident-page" id="main" tabIndex={-1}>
        <p class="muted">{t(lang, 'loading')}</p>
      </main>
    );

  const refresh = (next?: IncidentView) => {
    if (next && next.id !== id) {
      navigate(incidentPath(next.id, state));
      return;
    }
    inc.reload();
    log.reload();
  };

  return (
    <main class="incident-page" id="main" tabIndex={-1}>
      <p>
        <a href={back} class="back" onClick={(e) => linkClick(e, back)}>
          {t(lang, 'back')}
        </a>
      </p>
      <header class="incident-head">
        <h1>
          <span class="swatch" style={{ background: TYPE_COLORS[i.type] ?? '#999' }} aria-hidden="true" />
          {label(lang, 'type', i.type)} — {placeLabel(lang, i)}
          {i.date ? ' — ' : ''}
          {i.date ? <bdi class="date">{formatDate(lang, i.date)}</bdi> : null}
        </h1>
        <p class="incident-meta">
          <span class={`badge status-${i.review_status}`} data-status={i.review_status}>
            {t(lang, `status_${i.review_status}` as Key)}
          </span>
          {i.pinned && <span class="badge pinned">{t(lang, 'pinned')}</span>}
          <code class="incident-id" dir="ltr">
            {i.id}
          </code>
        </p>
      </header>
      <div class="incident-grid">
        <section class="panel fields-panel">
          <h2>{t(lang, 'fields')}</h2>
          <table class="fields">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'field')}</th>
                <th scope="col">{t(lang, 'value')}</th>
              </tr>
            </thead>
            <tbody>
              {FIELD_ROWS.map((f) => {
                const conflict = i.conflicts.includes(f);
                return (
                  <tr key={f} class={conflict ? 'conflict' : undefined} data-field={f}>
                    <th scope="row">{t(lang, `f_${f}` as Key)}</th>
                    <td>
                      {fieldValue(lang, i, f)}
                      {f === 'target' && <ImpliedMark incident={i} lang={lang} />}
                      {conflict && (
                        <span class="conflict-flag" title={t(lang, 'conflict_title')}>
                          {' ⚠ '}
                          {t(lang, 'conflict')}
                        </span>
                      )}
                      {conflict && <BySource incident={i} field={f} lang={lang} />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {!i.conflicts.length && <p class="muted">{t(lang, 'conflicts_none')}</p>}
        </section>
        <ReviewPanel
          incident={i}
          settings={settings}
          selected={selected}
          onDone={refresh}
          log={log.data?.entries ?? null}
        />
      </div>
      <Coreference incident={i} lang={lang} state={state} />
      <Sources incident={i} lang={lang} selected={selected} onSelect={setSelected} />
    </main>
  );
}

/** "Implied by the site": no source states the target, the gazetteer's hosted forces of the site fill it. */
function ImpliedMark({ incident, lang }: { incident: IncidentView; lang: Lang }) {
  const by = incident.implied?.target;
  if (!by || incident.target == null) return null;
  return (
    <span
      class="implied-flag"
      data-implied={by.rule}
      title={t(lang, 'implied_by_site_title', { place: `\u2066${by.place_id}\u2069` })}
    >
      {' ('}
      {t(lang, 'implied_by_site')}
      {')'}
    </span>
  );
}

/** A source as the page names it: its outlet, else its article id. */
function sourceName(inc: IncidentView, articleId: string | null): string {
  if (!articleId) return '?';
  return inc.sources.find((s) => s.article_id === articleId)?.outlet || articleId;
}

function showValue(lang: Lang, field: string, v: string | number | boolean | null): string {
  if (v == null) return t(lang, 'none');
  if (typeof v === 'boolean') return t(lang, v ? 'yes' : 'no');
  if (typeof v === 'number') return formatNumber(lang, v);
  return label(lang, field, v);
}

/** "Sources disagree": which source gives which value. */
function BySource({ incident, field, lang }: { incident: IncidentView; field: string; lang: Lang }) {
  const d = incident.disagreements?.find((x) => x.field === field);
  if (!d?.values.length) return null;
  return (
    <ul class="by-source small" aria-label={t(lang, 'conflict_by_source')}>
      {d.values.map((v) => (
        <li key={JSON.stringify(v.value)}>
          <strong>{showValue(lang, field, v.value)}</strong>
          {': '}
          {[...new Set(v.sources.map((s) => s.outlet || s.article_id))].join(lang === 'ar' ? '، ' : ', ')}
        </li>
      ))}
    </ul>
  );
}

/** Why the incident's reports were joined: each join with its evidence, distance and day difference. */
function Coreference({ incident, lang, state }: { incident: IncidentView; lang: Lang; state: ViewState }) {
  const c = incident.coreference;
  if (!c) return null;
  const sep = lang === 'ar' ? '، ' : ', ';
  return (
    <section class="panel coreference">
      <h2>{t(lang, 'coreference')}</h2>
      {c.pinned && <p class="muted">{t(lang, 'coreference_pinned')}</p>}
      {!c.joins.length && !c.pinned && !c.may_be_one_of.length && (
        <p class="muted">{t(lang, 'coreference_single')}</p>
      )}
      {c.joins.length > 0 && (
        <ul class="joins">
          {c.joins.map((j) => (
            <li key={j.mention_id} data-mention={j.mention_id}>
              {t(lang, 'coreference_join', {
                a: sourceName(incident, j.article_id),
                b: sourceName(incident, j.to_article_id),
              })}
              {': '}
              {j.evidence.map((e) => label(lang, 'rule', e.rule)).join(sep)}
              {j.km != null && (
                <span class="muted small">
                  {' ('}
                  {j.days != null
                    ? t(lang, 'coreference_km_days', {
                        km: formatNumber(lang, j.km),
                        days: formatNumber(lang, j.days),
                      })
                    : t(lang, 'coreference_km', { km: formatNumber(lang, j.km) })}
                  {')'}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {c.may_be_one_of.length > 0 && (
        <div class="may-be-one-of">
          <p>{t(lang, 'may_be_one_of', { n: formatNumber(lang, c.may_be_one_of.length) })}</p>
          <ul>
            {c.may_be_one_of.map((id) => (
              <li key={id}>
                <a
                  href={incidentPath(id, state)}
                  onClick={(e) => linkClick(e, incidentPath(id, state))}
                  dir="ltr"
                  class="small"
                >
                  {id}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** Articles fetched per request; the first EXPANDED are open, the others one click away. */
const PAGE = 10;
const EXPANDED = 3;

/** A URL as a reader reads it: percent-escapes decoded (an Arabic path shows in Arabic). */
export function readableUrl(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}

/** The sources, one per article, fetched PAGE at a time in one request each. */
function Sources({
  incident,
  lang,
  selected,
  onSelect,
}: {
  incident: IncidentView;
  lang: Lang;
  selected: number[];
  onSelect: (ids: number[]) => void;
}) {
  const [pages, setPages] = useState<SourceArticleResponse['items']>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [loading, setLoading] = useState(false);
  const load = async (offset: number) => {
    setLoading(true);
    try {
      const r = await api.get<SourceArticleResponse>(
        `/api/incidents/${encodeURIComponent(incident.id)}/articles?offset=${offset}&limit=${PAGE}`,
      );
      setPages((p) => (offset === 0 ? r.items : [...p, ...r.items]));
      setTotal(r.total);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiFailure ? e : new ApiFailure(0, 'error', String(e)));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    setPages([]);
    load(0);
  }, [incident]);
  const count = total ?? new Set(incident.sources.map((s) => s.article_id)).size;
  const rest = total != null ? total - pages.length : 0;
  return (
    <section class="panel sources">
      <h2>{t(lang, 'sources', { n: formatNumber(lang, count) })}</h2>
      <SpanLegend kinds={[...SPAN_KINDS].reverse()} lang={lang} />
      {error && <ErrorState error={error} lang={lang} onRetry={() => load(pages.length)} />}
      {!pages.length && !error && <p class="muted">{t(lang, 'article_loading')}</p>}
      {pages.map((article, k) => (
        <SourceArticle
          key={article.id}
          article={article}
          sources={incident.sources.filter((s) => s.article_id === article.id)}
          open={k < EXPANDED}
          lang={lang}
          selected={selected}
          onSelect={onSelect}
          canSplit={incident.sources.length > 1}
        />
      ))}
      {rest > 0 && (
        <p>
          <button type="button" class="more-sources" disabled={loading} onClick={() => load(pages.length)}>
            {t(lang, 'sources_more', { n: formatNumber(lang, Math.min(rest, PAGE)) })}
          </button>
        </p>
      )}
    </section>
  );
}

function SourceArticle({
  article,
  sources,
  open,
  lang,
  selected,
  onSelect,
  canSplit,
}: {
  article: SourceArticleResponse['items'][number];
  sources: IncidentSource[];
  open: boolean;
  lang: Lang;
  selected: number[];
  onSelect: (ids: number[]) => void;
  canSplit: boolean;
}) {
  const href = safeHref(article.url);
  const spans: Span[] = article.mentions.flatMap((m) => spansOf(m.spans, m.mention_id));
  const ids = article.mentions.map((m) => m.mention_id);
  const checked = ids.every((m) => selected.includes(m));
  const duplicateOf = article.duplicate_of ?? sources[0]?.duplicate_of ?? null;
  return (
    <article class="source" data-article={article.id}>
      <header class="source-head">
        <h3 lang="ar" dir="auto">
          {article.title || article.id}
        </h3>
        <p class="source-meta">
          {article.outlet && <span class="outlet">{article.outlet}</span>}
          {article.published && (
            <span>{t(lang, 'source_published', { date: formatDate(lang, article.published) })}</span>
          )}
          {duplicateOf ? (
            <span class="badge duplicate">{t(lang, 'source_duplicate', { id: duplicateOf })}</span>
          ) : (
            <span class="badge original">{t(lang, 'source_original')}</span>
          )}
          {href ? (
            <a class="original-link" href={href} target="_blank" rel="noopener noreferrer nofollow" dir="ltr">
              {readableUrl(href)}
            </a>
          ) : (
            <span class="muted">{t(lang, 'source_no_url')}</span>
          )}
        </p>
        {canSplit && (
          <label class="split-select">
            <input
              type="checkbox"
              name="split"
              value={ids.join(',')}
              checked={checked}
              onChange={() =>
                onSelect(
                  checked ? selected.filter((s) => !ids.includes(s)) : [...new Set([...selected, ...ids])],
                )
              }
            />
            {t(lang, 'split_select')}
          </label>
        )}
      </header>
      <details class="article-body" open={open}>
        <summary>{t(lang, 'source_expand')}</summary>
        <ArticleText text={article.text} spans={spans} lang={lang} />
      </details>
    </article>
  );
}
