/**
 * Review: confirm, reject, reset, edit fields, merge another incident in, split chosen
 * sources out; and the review log. Every write sends the token the reviewer typed (kept for
 * the tab's life in sessionStorage); the server refuses writes without its RASD_TOKEN.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ActorSuggestion, PlaceSuggestion } from '../../../places/names.js';
import { ApiFailure, api } from '../lib/api.js';
import { formatDate, formatNumber, type Key, type Lang, t } from '../lib/i18n.js';
import { label, placeLabel } from '../lib/labels.js';
import { linkClick } from '../lib/router.js';
import { type Settings, updateSettings } from '../lib/settings.js';
import {
  EVENT_TYPES,
  type IncidentView,
  type ListResponse,
  type LogEntry,
  TARGETS,
  WEAPONS,
} from '../lib/types.js';
import { EMPTY_STATE, incidentPath } from '../lib/url-state.js';
import { useApi } from '../lib/use-api.js';

interface Props {
  incident: IncidentView;
  settings: Settings;
  selected: number[];
  log: LogEntry[] | null;
  onDone: (inc?: IncidentView) => void;
}

type Status = { kind: 'ok' | 'error'; text: string } | null;

const EDIT_FIELDS = [
  'type',
  'date',
  'place',
  'admin1',
  'actor',
  'target',
  'weapon',
  'munitions',
  'killed',
  'injured',
  'intercepted',
] as const;
type EditField = (typeof EDIT_FIELDS)[number];

/** Form strings → the fields that changed, typed for the API. */
export function editedFields(inc: IncidentView, form: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of EDIT_FIELDS) {
    if (!(f in form)) continue;
    const raw = form[f].trim();
    let v: unknown;
    if (f === 'munitions' || f === 'killed' || f === 'injured') v = raw === '' ? null : Number(raw);
    else if (f === 'intercepted') v = raw === 'true' ? true : raw === 'false' ? false : null;
    else if (f === 'type' || f === 'place') v = raw;
    else v = raw === '' ? null : raw;
    if (v !== inc[f]) out[f] = v;
  }
  return out;
}

export function ReviewPanel({ incident, settings, selected, log, onDone }: Props) {
  const { lang } = settings;
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const [other, setOther] = useState('');
  const [confirming, setConfirming] = useState<IncidentView | null>(null);
  const path = `/api/incidents/${encodeURIComponent(incident.id)}`;

  const run = async (action: string, url: string, body: Record<string, unknown>) => {
    setBusy(true);
    setStatus(null);
    try {
      const r = await api.post<IncidentView | { incident: IncidentView }>(url, {
        ...body,
        who: settings.reviewer || undefined,
      });
      setStatus({ kind: 'ok', text: t(lang, 'review_done', { action: t(lang, `action_${action}` as Key) }) });
      setEditing(false);
      onDone('incident' in r ? r.incident : r);
    } catch (e) {
      const msg = e instanceof ApiFailure ? `${e.status} ${e.code}: ${e.message}` : String(e);
      setStatus({ kind: 'error', text: t(lang, 'error', { message: msg }) });
    } finally {
      setBusy(false);
    }
  };
  const review = (action: string, fields?: Record<string, unknown>) =>
    run(action, `${path}/review`, { action, fields });

  return (
    <section class="panel review-panel" aria-label={t(lang, 'review')}>
      <h2>{t(lang, 'review')}</h2>
      <div class="credentials">
        <label>
          <span>{t(lang, 'reviewer')}</span>
          <input
            type="text"
            name="reviewer"
            autocomplete="name"
            value={settings.reviewer}
            onChange={(e) => updateSettings({ reviewer: (e.target as HTMLInputElement).value })}
          />
        </label>
        <label>
          <span>{t(lang, 'token')}</span>
          <input
            type="password"
            name="token"
            autocomplete="off"
            value={settings.token}
            onChange={(e) => updateSettings({ token: (e.target as HTMLInputElement).value })}
          />
        </label>
        <p class="muted small">{t(lang, 'token_hint')}</p>
      </div>
      <div class="actions">
        <button type="button" data-action="confirm" disabled={busy} onClick={() => review('confirm')}>
          {t(lang, 'confirm')}
        </button>
        <button type="button" data-action="reject" disabled={busy} onClick={() => review('reject')}>
          {t(lang, 'reject')}
        </button>
        <button type="button" data-action="reset" disabled={busy} onClick={() => review('reset')}>
          {t(lang, 'reset')}
        </button>
        <button
          type="button"
          data-action="edit"
          disabled={busy}
          onClick={() => setEditing(!editing)}
          aria-expanded={editing}
        >
          {t(lang, 'edit')}
        </button>
      </div>
      {status && (
        <output class={status.kind === 'ok' ? 'ok' : 'error'} data-status={status.kind}>
          {status.text}
        </output>
      )}
      {editing && (
        <EditForm
          incident={incident}
          lang={lang}
          busy={busy}
          onSave={(f) => review('edit', f)}
          onCancel={() => setEditing(false)}
        />
      )}

      <details class="merge">
        <summary>{t(lang, 'merge')}</summary>
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const id = other.trim();
            if (!id) return;
            // never on one click: the two incidents side by side first
            setStatus(null);
            try {
              setConfirming(await api.get<IncidentView>(`/api/incidents/${encodeURIComponent(id)}`));
            } catch (err) {
              const msg =
                err instanceof ApiFailure ? `${err.status} ${err.code}: ${err.message}` : String(err);
              setStatus({ kind: 'error', text: t(lang, 'error', { message: msg }) });
            }
          }}
        >
          <label>
            <span>{t(lang, 'merge_other')}</span>
            <input
              type="text"
              name="other"
              dir="ltr"
              value={other}
              onInput={(e) => setOther((e.target as HTMLInputElement).value)}
            />
          </label>
          <button type="submit" disabled={busy || !other.trim()}>
            {t(lang, 'merge_button')}
          </button>
        </form>
        {confirming && (
          <MergeConfirm
            keep={incident}
            gone={confirming}
            lang={lang}
            busy={busy}
            onCancel={() => setConfirming(null)}
            onConfirm={() => {
              const id = confirming.id;
              setConfirming(null);
              run('merge', `${path}/merge`, { other: id });
            }}
          />
        )}
        <Candidates incident={incident} lang={lang} onPick={setOther} />
      </details>

      <div class="split">
        <button
          type="button"
          data-action="split"
          disabled={busy || !selected.length}
          onClick={() => run('split', `${path}/split`, { mention_ids: selected })}
          title={selected.length ? undefined : t(lang, 'split_none')}
        >
          {t(lang, 'split_button', { n: selected.length })}
        </button>
        <span class="muted small">{selected.length ? t(lang, 'split') : t(lang, 'split_none')}</span>
      </div>

      <h3>{t(lang, 'review_log')}</h3>
      <ReviewLog entries={log} lang={lang} />
    </section>
  );
}

const COMPARE = [
  'type',
  'date',
  'place',
  'admin1',
  'actor',
  'weapon',
  'target',
  'killed',
  'injured',
] as const;

/** The merge's confirmation: both incidents side by side, differences marked, then yes or cancel. */
function MergeConfirm({
  keep,
  gone,
  lang,
  busy,
  onConfirm,
  onCancel,
}: {
  keep: IncidentView;
  gone: IncidentView;
  lang: Lang;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const show = (inc: IncidentView, f: (typeof COMPARE)[number]) => {
    const v = inc[f];
    if (v == null || v === '') return t(lang, 'none');
    if (f === 'date') return formatDate(lang, String(v));
    if (f === 'place') return placeLabel(lang, inc);
    if (f === 'killed' || f === 'injured') return formatNumber(lang, v as number);
    return label(lang, f, String(v));
  };
  return (
    <div class="merge-confirm" role="dialog" aria-modal="false" aria-labelledby="merge-confirm-title">
      <h3 id="merge-confirm-title">{t(lang, 'merge_confirm_title')}</h3>
      <table class="side-by-side">
        <thead>
          <tr>
            <th scope="col">{t(lang, 'field')}</th>
            <th scope="col">
              {t(lang, 'merge_keep')} <code dir="ltr">{keep.id}</code>
            </th>
            <th scope="col">
              {t(lang, 'merge_gone')} <code dir="ltr">{gone.id}</code>
            </th>
          </tr>
        </thead>
        <tbody>
          {COMPARE.map((f) => (
            <tr key={f} class={keep[f] === gone[f] ? undefined : 'differs'}>
              <th scope="row">{t(lang, `f_${f}` as Key)}</th>
              <td>
                <bdi>{show(keep, f)}</bdi>
              </td>
              <td>
                <bdi>{show(gone, f)}</bdi>
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t(lang, 'col_sources')}</th>
            <td>{formatNumber(lang, keep.source_count)}</td>
            <td>{formatNumber(lang, gone.source_count)}</td>
          </tr>
        </tbody>
      </table>
      <div class="actions">
        <button type="button" data-action="merge-confirm" disabled={busy} onClick={onConfirm}>
          {t(lang, 'merge_confirm_yes')}
        </button>
        <button type="button" data-action="merge-cancel" onClick={onCancel}>
          {t(lang, 'merge_cancel')}
        </button>
      </div>
    </div>
  );
}

/** Suggestions for a typed value, from /api/places or /api/actors (the gazetteer and the lexicon). */
function useSuggestions<T>(kind: 'places' | 'actors', q: string): T[] {
  const [items, setItems] = useState<T[]>([]);
  useEffect(() => {
    if (kind === 'places' && q.trim().length < 2) return;
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<{ items: T[] }>(`/api/${kind}?q=${encodeURIComponent(q.trim())}&limit=15`, ctl.signal)
        .then((r) => setItems(r.items))
        .catch(() => {
          /* no suggestions: the field still takes what is typed */
        });
    }, 150);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [kind, q]);
  return items;
}

function EditForm({
  incident,
  lang,
  busy,
  onSave,
  onCancel,
}: {
  incident: IncidentView;
  lang: Lang;
  busy: boolean;
  onSave: (fields: Record<string, unknown>) => void;
  onCancel: () => void;
}) {
  const initial = (f: EditField) => {
    const v = incident[f];
    return v == null ? '' : String(v);
  };
  const [form, setForm] = useState<Record<string, string>>(() =>
    Object.fromEntries(EDIT_FIELDS.map((f) => [f, initial(f)])),
  );
  const set = (f: EditField) => (e: Event) => setForm({ ...form, [f]: (e.target as HTMLInputElement).value });
  const places = useSuggestions<PlaceSuggestion>('places', form.place ?? '');
  const actors = useSuggestions<ActorSuggestion>('actors', form.actor ?? '');
  /** a place picked from the gazetteer brings its id, coordinates and province */
  const placeFields = (): Record<string, unknown> => {
    const p = places.find((s) => s.name === form.place.trim());
    if (!p || p.name === incident.place) return {};
    return {
      place_id: p.id,
      country: p.country,
      ...(p.lat != null && p.lon != null ? { lat: p.lat, lon: p.lon } : {}),
      ...(form.admin1 === initial('admin1') && p.admin1 ? { admin1: p.admin1 } : {}),
    };
  };
  const select = (f: EditField, values: readonly string[], allowNone: boolean) => (
    <select id={`edit-${f}`} name={f} value={form[f]} onChange={set(f)}>
      {allowNone && <option value="">{t(lang, 'none')}</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {label(lang, f, v)}
        </option>
      ))}
    </select>
  );
  return (
    <form
      class="edit-form"
      onSubmit={(e) => {
        e.preventDefault();
        const fields = { ...editedFields(incident, form), ...placeFields() };
        if (Object.keys(fields).length) onSave(fields);
        else onCancel();
      }}
    >
      {EDIT_FIELDS.map((f) => (
        <label key={f} htmlFor={`edit-${f}`}>
          <span>{t(lang, `f_${f}` as Key)}</span>
          {f === 'type' ? (
            select(f, EVENT_TYPES, false)
          ) : f === 'weapon' ? (
            select(f, WEAPONS, true)
          ) : f === 'target' ? (
            select(f, TARGETS, true)
          ) : f === 'intercepted' ? (
            <select id={`edit-${f}`} name={f} value={form[f]} onChange={set(f)}>
              <option value="">{t(lang, 'unknown')}</option>
              <option value="true">{t(lang, 'yes')}</option>
              <option value="false">{t(lang, 'no')}</option>
            </select>
          ) : (
            <input
              id={`edit-${f}`}
              type={f === 'munitions' || f === 'killed' || f === 'injured' ? 'number' : 'text'}
              min={0}
              name={f}
              dir="auto"
              value={form[f]}
              onInput={set(f)}
              list={f === 'place' ? 'place-suggestions' : f === 'actor' ? 'actor-suggestions' : undefined}
              autocomplete="off"
            />
          )}
        </label>
      ))}
      <datalist id="place-suggestions">
        {places.map((p) => (
          <option key={p.id} value={p.name}>
            {[p.ar, label(lang, 'country', p.country), p.kind].filter(Boolean).join(' · ')}
          </option>
        ))}
      </datalist>
      <datalist id="actor-suggestions">
        {actors.map((a) => (
          <option key={a.name} value={a.name}>
            {a.ar ?? a.name}
          </option>
        ))}
      </datalist>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t(lang, 'save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t(lang, 'cancel')}
        </button>
      </div>
    </form>
  );
}

const DAY_MS = 86_400_000;
const shiftDay = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Great-circle distance in km (null without coordinates). */
export function kmBetween(a: IncidentView, b: IncidentView): number | null {
  if (a.lat == null || a.lon == null || b.lat == null || b.lon == null) return null;
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Incidents of the same or an adjacent day, nearest first: the likely merge partners. */
function Candidates({
  incident,
  lang,
  onPick,
}: {
  incident: IncidentView;
  lang: Lang;
  onPick: (id: string) => void;
}) {
  const day = incident.date && incident.date.length === 10 ? incident.date : null;
  const list = useApi<ListResponse>(
    day ? `/api/incidents?from=${shiftDay(day, -1)}&to=${shiftDay(day, 1)}&limit=50` : null,
  );
  const others = (list.data?.items ?? [])
    .filter((i) => i.id !== incident.id)
    .map((o) => ({
      o,
      km: kmBetween(incident, o),
      days:
        day && o.date && o.date.length === 10
          ? Math.abs(Math.round((Date.parse(o.date) - Date.parse(day)) / DAY_MS))
          : null,
    }))
    .sort((a, b) => (a.km ?? Number.POSITIVE_INFINITY) - (b.km ?? Number.POSITIVE_INFINITY))
    .slice(0, 20);
  if (!others.length) return null;
  return (
    <div class="candidates">
      <p class="muted small">{t(lang, 'merge_candidates')}</p>
      <ul>
        {others.map(({ o, km, days }) => (
          <li key={o.id}>
            <button type="button" class="link-button" onClick={() => onPick(o.id)}>
              {label(lang, 'type', o.type)} — {o.place}
            </button>{' '}
            <span class="small candidate-distance" data-km={km == null ? '' : Math.round(km)}>
              {km == null
                ? ''
                : days != null
                  ? t(lang, 'coreference_km_days', {
                      km: formatNumber(lang, Math.round(km)),
                      days: formatNumber(lang, days),
                    })
                  : t(lang, 'coreference_km', { km: formatNumber(lang, Math.round(km)) })}
            </span>{' '}
            <a
              class="small"
              href={incidentPath(o.id, EMPTY_STATE)}
              onClick={(e) => linkClick(e, incidentPath(o.id, EMPTY_STATE))}
              dir="ltr"
            >
              {o.id}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

const SKIP = new Set(['mention_ids', 'merged', 'split_off', 'merged_into', 'split_from']);

/** The fields an entry changed, as "field: before → after". */
export function changes(e: LogEntry): { field: string; before: unknown; after: unknown }[] {
  const b = e.before ?? {};
  const a = e.after ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !SKIP.has(k));
  return keys
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((k) => ({ field: k, before: b[k] ?? null, after: a[k] ?? null }));
}

function ReviewLog({ entries, lang }: { entries: LogEntry[] | null; lang: Lang }) {
  if (!entries) return null;
  if (!entries.length) return <p class="muted">{t(lang, 'review_log_empty')}</p>;
  const show = (field: string, v: unknown) => {
    if (v == null) return t(lang, 'none');
    if (field === 'review_status') return t(lang, `status_${v}` as Key);
    if (typeof v === 'boolean') return t(lang, v ? 'yes' : 'no');
    if (field === 'implied') {
      // {target: {rule, place_id}}: which field the site implies, and which site
      const by = Object.entries(v as Record<string, { place_id?: string } | null>).filter(([, r]) => r);
      if (!by.length) return t(lang, 'none');
      return by
        .map(([f, r]) => `${t(lang, `f_${f}` as Key)} \u2066${r?.place_id ?? ''}\u2069`)
        .join(lang === 'ar' ? '، ' : ', ');
    }
    if (typeof v === 'object') return JSON.stringify(v);
    return label(lang, field, String(v));
  };
  return (
    <ol class="review-log">
      {[...entries].reverse().map((e) => {
        const other =
          (e.after?.merged_into as string | undefined) ??
          (e.after?.split_off as string | undefined) ??
          (e.before?.split_from as string | undefined) ??
          ((e.before?.merged as { mention_ids?: number[] } | undefined) ? '' : undefined);
        return (
          <li key={e.id} data-action={e.action}>
            <div>
              <strong>{t(lang, `action_${e.action}` as Key)}</strong> — <span dir="auto">{e.who}</span> —{' '}
              <bdi class="date">
                <time dateTime={e.at}>
                  {formatDate(lang, e.at.slice(0, 10))} <span dir="ltr">{e.at.slice(11, 16)} UTC</span>
                </time>
              </bdi>
              {other ? (
                <>
                  {' '}
                  <a
                    href={incidentPath(other, EMPTY_STATE)}
                    onClick={(ev) => linkClick(ev, incidentPath(other, EMPTY_STATE))}
                    dir="ltr"
                    class="log-link"
                  >
                    <code>{other}</code>
                  </a>
                </>
              ) : null}
            </div>
            <ul class="changes">
              {changes(e).map((c) => (
                <li key={c.field}>
                  {t(lang, `f_${c.field}` as Key) ?? c.field}:{' '}
                  <span class="before">{show(c.field, c.before)}</span> →{' '}
                  <span class="after">{show(c.field, c.after)}</span>
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}
