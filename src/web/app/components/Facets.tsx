import { useEffect, useState } from 'preact/hooks';
import { formatNumber, type Key, type Lang, t } from '../lib/i18n.js';
import { label } from '../lib/labels.js';
import type { FacetValue } from '../lib/types.js';
import {
  activeFilterCount,
  clearFilters,
  LIST_FIELDS,
  type ListField,
  setDates,
  toggleValue,
  type ViewState,
} from '../lib/url-state.js';

interface Props {
  state: ViewState;
  lang: Lang;
  facets: Record<string, FacetValue[]> | null;
  onChange: (s: ViewState) => void;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function Facets({ state, lang, facets, onChange }: Props) {
  const [q, setQ] = useState(state.q ?? '');
  useEffect(() => setQ(state.q ?? ''), [state.q]);
  return (
    <div class="facets">
      <div class="facets-head">
        <h2>{t(lang, 'filters')}</h2>
        {activeFilterCount(state) > 0 && (
          <button type="button" class="link-button" onClick={() => onChange(clearFilters(state))}>
            {t(lang, 'clear_filters')}
          </button>
        )}
      </div>
      <form
        class="search"
        onSubmit={(e) => {
          e.preventDefault();
          onChange({ ...state, q: q.trim() || null });
        }}
      >
        <label>
          <span>{t(lang, 'search')}</span>
          <input
            type="search"
            name="q"
            dir="auto"
            value={q}
            placeholder={t(lang, 'search_placeholder')}
            onInput={(e) => setQ((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit">{t(lang, 'search_button')}</button>
      </form>
      <div class="dates">
        <label>
          <span>{t(lang, 'from')}</span>
          <input
            type="date"
            name="from"
            value={state.from && DAY.test(state.from) ? state.from : ''}
            onChange={(e) =>
              onChange(setDates(state, (e.target as HTMLInputElement).value || null, state.to))
            }
          />
        </label>
        <label>
          <span>{t(lang, 'to')}</span>
          <input
            type="date"
            name="to"
            value={state.to && DAY.test(state.to) ? state.to : ''}
            onChange={(e) =>
              onChange(setDates(state, state.from, (e.target as HTMLInputElement).value || null))
            }
          />
        </label>
      </div>
      <label class="min-sources">
        <span>{t(lang, 'min_sources')}</span>
        <select
          name="min_sources"
          value={String(state.min_sources ?? '')}
          onChange={(e) => {
            const v = Number((e.target as HTMLSelectElement).value);
            onChange({ ...state, min_sources: v >= 1 ? v : null });
          }}
        >
          <option value="">{t(lang, 'any')}</option>
          {[2, 3, 5].map((n) => (
            <option key={n} value={String(n)}>
              {formatNumber(lang, n)}
            </option>
          ))}
        </select>
      </label>
      {LIST_FIELDS.map((field) => (
        <Facet
          key={field}
          field={field}
          lang={lang}
          values={facets?.[field] ?? null}
          selected={state[field]}
          onToggle={(v) => onChange(toggleValue(state, field, v))}
        />
      ))}
    </div>
  );
}

function Facet({
  field,
  lang,
  values,
  selected,
  onToggle,
}: {
  field: ListField;
  lang: Lang;
  values: FacetValue[] | null;
  selected: string[];
  onToggle: (v: string) => void;
}) {
  const list = [...(values ?? [])];
  for (const s of selected) if (!list.some((v) => v.value === s)) list.push({ value: s, count: 0 });
  return (
    <fieldset class="facet" data-facet={field}>
      <legend>{t(lang, `facet_${field}` as Key)}</legend>
      {values && !list.length && <p class="muted">{t(lang, 'facet_empty')}</p>}
      <ul>
        {list.map((v) => (
          <li key={v.value}>
            <label>
              <input
                type="checkbox"
                name={field}
                value={v.value}
                checked={selected.includes(v.value)}
                onChange={() => onToggle(v.value)}
              />
              <span class="facet-label" title={v.value}>
                {label(lang, field, v.value)}
              </span>
              <span class="count">{formatNumber(lang, v.count)}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
