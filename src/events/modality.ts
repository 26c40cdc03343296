/**
 * Is a trigger a report of an attack that happened? Threats, promises, future
 * tense, conditionals, negations, habitual series, hedges and tallies are not.
 */
import type { Lexicon, ModalityKind } from '../lexicon/lexicon.js';
import type { PhraseMatch } from '../lexicon/matcher.js';
import { numberAt } from '../numbers/numbers.js';
import type { Token } from '../segment/segment.js';

/** How far before a trigger each kind of cue reaches (in tokens). */
const WINDOW: Record<ModalityKind, number> = {
  threat: 14,
  future: 4,
  conditional: 10,
  negation: 1,
  habitual: 8,
  tally: 12,
  hedge: 4,
  question: 0,
  quote_of_intent: 8,
};

const NEGATION_VERB = new Set(['نفي', 'نفت', 'ينفي', 'تنفي']);
/** present-tense "is subjected to" heads a habitual clause however long it runs */
const HABITUAL_VERB = new Set(['تتعرض', 'يتعرض', 'تتعرضان', 'يتعرضون']);

export interface ModalityCues {
  matches: PhraseMatch<ModalityKind>[];
}

export function modalityCues(lex: Lexicon, tokens: readonly Token[], from: number, to: number): ModalityCues {
  return { matches: lex.modality.findLongest(tokens, from, to) };
}

/** The reason a trigger at token `t` (clause starting at `from`) is not an attack report, or null. */
export function blockedBy(
  cues: ModalityCues,
  tokens: readonly Token[],
  from: number,
  t: number,
): ModalityKind | null {
  for (const m of cues.matches) {
    // a cue that contains the trigger ("تلك الهجمات", "وقف الهجمات") blocks it
    if (m.first <= t && m.last >= t && m.value === 'habitual') return m.value;
    if (m.last >= t || m.first < from) continue;
    const dist = t - m.last;
    let window = WINDOW[m.value];
    const word = tokens[m.first].text.slice(m.start - tokens[m.first].start);
    if (m.value === 'negation' && NEGATION_VERB.has(word)) window = 15;
    if (m.value === 'habitual' && HABITUAL_VERB.has(word)) window = 100;
    if (dist <= window) return m.value;
  }
  return null;
}

/** "هجمات متكررة", "استهدفت مرات عدة": a series right after the trigger. */
export function habitualAfter(lex: Lexicon, tokens: readonly Token[], t: number, to: number): boolean {
  return lex.habitualAfter.findAll(tokens, t + 1, Math.min(to, t + 12)).length > 0;
}

const ATTACK_NOUN_RE =
  /^(?:و|ف|ب|ل)?(?:ال)?(?:هجوم|هجوما|هجمات|هجمه|اعتداء|اعتداءات|ضربه|ضربات|غاره|غارات|عمليه|عمليات|استهداف)$/u;

/**
 * A tally counts attacks ("92 هجوما على قواتها منذ …", "63 هجوماً خلال عام 2020"):
 * a number of two or more right before an attack noun.
 */
export function tallyAt(norm: string, tokens: readonly Token[], from: number, to: number): number | null {
  for (let k = from; k < to; k++) {
    if (!ATTACK_NOUN_RE.test(tokens[k].text)) continue;
    // the number stands right before the noun ("92 هجوما", "أكثر من 50 هجوما", "عدة هجمات");
    // a noun after "و" is coordinated, not counted ("منذ بداية 2021 وهجمات على …")
    if (/^[وف]/u.test(tokens[k].text) && !/^(?:هجوم|هجمات)/u.test(tokens[k].text)) continue;
    for (let j = k - 1; j >= Math.max(from, k - 3); j--) {
      const n = numberAt(norm, tokens[j].start);
      if (!n || norm.slice(n.end, tokens[k].start).trim() !== '') continue;
      if ((n.value !== null && n.value >= 2) || n.kind === 'several') return k;
    }
  }
  // "تعرضت للهجوم ثلاث مرات": a count of times
  for (let k = from; k < to; k++) {
    if (!/^(?:مرات|مره)$/u.test(tokens[k].text) || k === from) continue;
    const n = numberAt(norm, tokens[k - 1].start);
    if (n && (n.kind === 'several' || (n.value !== null && n.value >= 2))) return k;
  }
  return null;
}
