/**
 * Evidence spans → text segments. An article's text is cut at every span boundary; each
 * segment knows which spans cover it, so the page renders plain text nodes and <mark>
 * elements around them — the text is never parsed as markup.
 *
 * Spans are [start, end) offsets in UTF-16 code units into the article's text (what the
 * extractor and JavaScript strings both count). Spans that are empty, inverted or outside
 * the text are dropped; overlapping and nested spans are fine.
 */

export interface Span {
  /** what the span marks: evidence, trigger, place, date, actor, weapon, munitions, killed, injured */
  kind: string;
  start: number;
  end: number;
  /** which mention it belongs to (one article can report several events) */
  mention?: number;
}

export interface Segment {
  text: string;
  start: number;
  end: number;
  /** kinds of the spans covering the segment, most specific first */
  kinds: string[];
  /** mentions whose spans cover the segment */
  mentions: number[];
}

/** Inner kinds in the order the colour is chosen (the evidence clause is the background). */
export const SPAN_KINDS = [
  'trigger',
  'actor',
  'weapon',
  'munitions',
  'killed',
  'injured',
  'place',
  'date',
  'evidence',
] as const;

const rank = (k: string) => {
  const i = (SPAN_KINDS as readonly string[]).indexOf(k);
  return i < 0 ? SPAN_KINDS.length : i;
};

/** The spans of a mention's `spans` record ({kind: [start, end]}). */
export function spansOf(record: Record<string, unknown> | null | undefined, mention?: number): Span[] {
  const out: Span[] = [];
  if (!record || typeof record !== 'object') return out;
  for (const [kind, v] of Object.entries(record)) {
    if (!Array.isArray(v) || v.length !== 2) continue;
    const [start, end] = v;
    if (Number.isInteger(start) && Number.isInteger(end)) out.push({ kind, start, end, mention });
  }
  return out;
}

/** Cuts `text` at the span boundaries; segments cover the whole text, in order. */
export function segments(text: string, spans: Span[]): Segment[] {
  const valid = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  const cuts = new Set<number>([0, text.length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    const over = valid.filter((s) => s.start <= start && s.end >= end);
    const kinds = [...new Set(over.map((s) => s.kind))].sort(
      (a, b) => rank(a) - rank(b) || a.localeCompare(b),
    );
    const mentions = [...new Set(over.map((s) => s.mention).filter((m): m is number => m != null))].sort(
      (a, b) => a - b,
    );
    const prev = out[out.length - 1];
    // neighbours under the same spans are one segment
    if (prev && prev.kinds.join() === kinds.join() && prev.mentions.join() === mentions.join()) {
      prev.text += text.slice(start, end);
      prev.end = end;
    } else out.push({ text: text.slice(start, end), start, end, kinds, mentions });
  }
  return out;
}

/** The colour class of a segment: its most specific kind (none for plain text). */
export function markClass(seg: Segment): string | null {
  if (!seg.kinds.length) return null;
  const inner = seg.kinds.find((k) => k !== 'evidence');
  return inner ? `ev ev-${inner}` : 'ev';
}

/** A link only when it is http(s): an article's URL is untrusted (no javascript: or data:). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
