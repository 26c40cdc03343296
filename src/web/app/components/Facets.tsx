import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatNumber, type Key, type Lang, t } from '../lib/i18n.js';
import { admin1Label, label } from '../lib/labels.js';
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

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

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
        <DateInput
          name="from"
          lang={lang}
          value={state.from}
          onDate={(v) => onChange(setDates(state, v, state.to))}
        />
        <DateInput
          name="to"
          lang={lang}
          value={state.to}
          onDate={(v) => onChange(setDates(state, state.from, v))}
        />
        <p class="muted small" id="date-hint">
          {t(lang, 'date_hint')}{' '}
          <bdi dir="ltr" class="date">
            (2024-01-28)
          </bdi>
        </p>
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

/**
 * A date typed as the API takes it (YYYY, YYYY-MM or YYYY-MM-DD: the browser's date picker
 * would impose the browser's locale, mm/dd/yyyy in an Arabic page), shown back in the page's
 * language beside it.
 */
function DateInput({
  name,
  lang,
  value,
  onDate,
}: {
  name: 'from' | 'to';
  lang: Lang;
  value: string | null;
  onDate: (v: string | null) => void;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const ok = text.trim() === '' || DATE.test(text.trim());
  return (
    <label>
      <span>{t(lang, name)}</span>
      <input
        type="text"
        name={name}
        dir="ltr"
        inputMode="numeric"
        autocomplete="off"
        placeholder="YYYY-MM-DD"
        aria-describedby="date-hint"
        aria-invalid={!ok}
        value={text}
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
        onChange={() => {
          const v = text.trim();
          if (v === '' || DATE.test(v)) onDate(v || null);
        }}
      />
      {value && <bdi class="date date-shown small">{formatDate(lang, value)}</bdi>}
    </label>
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
                {field === 'admin1' ? admin1Label(lang, v.value, v.ar) : label(lang, field, v.value)}
              </span>
              {/* no counts without an answer (loading, or an error): a 0 would be a false count */}
              {values && <span class="count">{formatNumber(lang, v.count)}</span>}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
