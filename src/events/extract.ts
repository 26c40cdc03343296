/**
 * Article → event records. The declared pipeline of one article:
 *
 *   doc        normalize, segment (hard line wraps rejoined), publication date, countries
 *   mentions   per clause group: trigger, modality, local slots (mentions.ts)
 *   discourse  link mentions of one event, fill slots, fold restatements (discourse.ts)
 *   records    one record per event, every field with its span (records.ts)
 *
 * `explainArticle` runs the same stages and keeps what each decided and why.
 */
import { buildDoc } from '../doc/doc.js';
import { defaultLexicon, type Lexicon } from '../lexicon/lexicon.js';
import type { ArticleResult, EventRecord } from '../record/record.js';
import { type ArticleEvent, type Link, linkMentions } from './discourse.js';
import { type Dropped, type Mention, readMentions } from './mentions.js';
import { toRecord } from './records.js';

export type { ArticleInput } from '../doc/doc.js';
export { eventType } from './records.js';

import type { ArticleInput } from '../doc/doc.js';

export interface Explanation {
  id: string;
  published: string | null;
  rewrapped: boolean;
  sentences: { index: number; text: string }[];
  mentions: Mention[];
  links: Link[];
  dropped: Dropped[];
  events: ArticleEvent[];
  records: EventRecord[];
}

/** Runs every stage on one article and keeps each stage's output. */
export function explainArticle(article: ArticleInput, lex: Lexicon = defaultLexicon()): Explanation {
  const doc = buildDoc(lex, article);
  const { mentions, dropped } = readMentions(doc);
  const discourse = linkMentions(doc, mentions);
  const records = discourse.events.map((e) => toRecord(doc, e));
  return {
    id: doc.id,
    published: doc.published,
    rewrapped: doc.rewrapped,
    sentences: doc.sentences.map((s) => ({
      index: s.index,
      text: doc.text.slice(...doc.span(s.start, s.end)),
    })),
    mentions,
    links: discourse.links,
    dropped: [...dropped, ...discourse.dropped],
    events: discourse.events,
    records,
  };
}

/** Extracts the event records of one article. */
export function extractArticle(article: ArticleInput, lex: Lexicon = defaultLexicon()): ArticleResult {
  const doc = buildDoc(lex, article);
  const { mentions } = readMentions(doc, { stopEarly: true });
  const events = linkMentions(doc, mentions).events.map((e) => toRecord(doc, e));
  const result: ArticleResult = { id: doc.id, events };
  if (doc.warnings.length) result.warnings = [...doc.warnings];
  return result;
}
