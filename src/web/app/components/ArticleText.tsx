/**
 * An article's text, right to left, with the evidence spans of the incident's mentions
 * highlighted. The text is untrusted: it is only ever a text node (segments → JSX strings),
 * never markup.
 */

import { markClass, type Span, segments } from '../lib/highlight.js';
import { type Key, type Lang, t } from '../lib/i18n.js';

export function ArticleText({ text, spans, lang }: { text: string; spans: Span[]; lang: Lang }) {
  const segs = segments(text, spans);
  return (
    <div class="article-text" lang="ar" dir="rtl">
      {segs.map((s) => {
        const cls = markClass(s);
        if (!cls) return s.text;
        const title = s.kinds.map((k) => t(lang, `span_${k}` as Key)).join(' · ');
        return (
          <mark
            key={s.start}
            class={cls}
            title={title}
            data-kinds={s.kinds.join(' ')}
            data-mentions={s.mentions.join(' ')}
          >
            {s.text}
          </mark>
        );
      })}
    </div>
  );
}

export function SpanLegend({ kinds, lang }: { kinds: string[]; lang: Lang }) {
  return (
    <p class="span-legend">
      <span class="muted">{t(lang, 'evidence_legend')}: </span>
      {kinds.map((k) => (
        <mark key={k} class={k === 'evidence' ? 'ev' : `ev ev-${k}`}>
          {t(lang, `span_${k}` as Key)}
        </mark>
      ))}
    </p>
  );
}
