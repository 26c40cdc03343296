/** The i18n table is complete: every key in both languages, the same placeholders, no empty string. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SPAN_KINDS } from './highlight.js';
import { dirOf, formatDate, formatNumber, LANGS, placeholders, STRINGS, t, VALUE_LABELS } from './i18n.js';
import { LIST_FIELDS, TABLE_COLUMNS } from './url-state.js';

const ARABIC = /[\u0600-\u06FF]/;

describe('i18n', () => {
  it('has every key in every language, non-empty, with the same placeholders', () => {
    const keys = Object.keys(STRINGS.en).sort();
    for (const lang of LANGS) {
      assert.deepEqual(Object.keys(STRINGS[lang]).sort(), keys, `${lang} has the same keys`);
      for (const k of keys) {
        const s = (STRINGS[lang] as Record<string, string>)[k];
        assert.ok(s.trim().length > 0, `${lang}.${k} is empty`);
        assert.deepEqual(
          placeholders(s),
          placeholders((STRINGS.en as Record<string, string>)[k]),
          `${lang}.${k} placeholders`,
        );
      }
    }
  });

  it('writes the Arabic interface in Arabic', () => {
    // the exceptions: the name of the other language, and the dash for an empty value
    const latinOk = new Set(['lang_toggle', 'none']);
    for (const [k, s] of Object.entries(STRINGS.ar)) if (!latinOk.has(k)) assert.match(s, ARABIC, `ar.${k}`);
    assert.doesNotMatch(STRINGS.en.app_subtitle, ARABIC);
  });

  it('names every column, facet, span kind, field, status and action the page shows', () => {
    const need = [
      ...TABLE_COLUMNS.map((c) => `col_${c}`),
      ...LIST_FIELDS.map((f) => `facet_${f}`),
      ...SPAN_KINDS.map((k) => `span_${k}`),
      ...['unreviewed', 'confirmed', 'edited', 'rejected'].map((s) => `status_${s}`),
      ...['confirm', 'edit', 'reject', 'reset', 'merge', 'merged_into', 'split', 'split_from'].map(
        (a) => `action_${a}`,
      ),
      ...[
        'type',
        'date',
        'place',
        'admin1',
        'country',
        'actor',
        'target',
        'weapon',
        'killed',
        'injured',
        'munitions',
        'intercepted',
        'review_status',
      ].map((f) => `f_${f}`),
      ...['geo_1', 'geo_2', 'geo_3', 'timeline_unit_day', 'timeline_unit_week', 'timeline_unit_month'],
    ];
    for (const k of need) assert.ok(k in STRINGS.en, `missing key ${k}`);
  });

  it('labels the same data values in both languages', () => {
    for (const field of Object.keys(VALUE_LABELS.en))
      assert.deepEqual(
        Object.keys(VALUE_LABELS.ar[field]).sort(),
        Object.keys(VALUE_LABELS.en[field]).sort(),
        field,
      );
    for (const v of Object.values(VALUE_LABELS.ar.type)) assert.match(v, ARABIC);
  });

  it('fills placeholders and formats numbers, dates and direction per language', () => {
    assert.equal(t('en', 'incidents_count', { n: 12 }), '12 incidents');
    assert.equal(t('ar', 'incidents_count', { n: formatNumber('ar', 12) }), '١٢ حادثة');
    assert.equal(t('en', 'sort_by', {}), 'Sort by {col}');
    assert.equal(formatDate('en', '2024-01-28'), '28 Jan 2024');
    assert.match(formatDate('ar', '2024-01-28'), /٢٨/);
    assert.equal(formatDate('en', '2024-01'), 'January 2024');
    assert.equal(formatDate('en', null), '');
    assert.equal(dirOf('ar'), 'rtl');
    assert.equal(dirOf('en'), 'ltr');
  });
});
