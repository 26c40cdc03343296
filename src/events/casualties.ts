/**
 * Killed and injured counts of one clause: "مقتل 3 جنود وإصابة 25 آخرين",
 * "قتل متعاقد أمريكي وجنديان" (1 + 2), "دون وقوع إصابات" (0 and 0).
 */
import type { Lexicon } from '../lexicon/lexicon.js';
import type { PhraseMatch } from '../lexicon/matcher.js';
import { numberAt } from '../numbers/numbers.js';
import type { Token } from '../segment/segment.js';

export interface Count {
  value: number | null;
  start: number;
  end: number;
}

export interface Casualties {
  killed: Count | null;
  injured: Count | null;
}

const NO_CASUALTIES_SPLIT_RE =
  /(?:لم|دون ان|من دون ان) (?:يسفر|تسفر|يودي|تودي|ينجم|تنجم)(?: [^.،,]{1,80}?)? عن (?:وقوع |سقوط |تسجيل )?(?:اي )?(?:اصابات|ضحايا|خسائر بشريه|قتلي او جرحي)/u;
const STOP = new Set(['،', ',', '.', ':', ';', '؛']);
const MAX_GAP = 7;

/** Reads "N نوع" / "نوع N" / dual noun / singular noun phrases, summed over و-coordination. */
function readCount(
  lex: Lexicon,
  norm: string,
  tokens: readonly Token[],
  i: number,
  to: number,
): Count | null {
  let total = 0;
  let found = false;
  let start = -1;
  let end = -1;
  let unknown = false;
  let k = i;
  let steps = 0;
  while (k < to && steps < MAX_GAP) {
    // the count follows the casualty word closely ("مقتل 3", "قتل فيها 16 شخصا")
    if (!found && !unknown && steps >= 3) break;
    const tok = tokens[k];
    if (tok.kind === 'punct') {
      if (found && STOP.has(tok.text)) break;
      k++;
      steps++;
      continue;
    }
    const num = numberAt(norm, tok.start);
    if (num && num.end <= tokens[to - 1].end) {
      // a number: "3 جنود", "ثلاثة عناصر", "عدد من"
      if (num.value === null) unknown = true;
      else {
        total += num.value;
        found = true;
      }
      if (start < 0) start = num.start;
      end = num.end;
      // skip the tokens the number covers and the noun after it
      while (k < to && tokens[k].start < num.end) k++;
      const noun = k < to ? lex.persons.matchAt(tokens, k)[0] : undefined;
      if (noun) {
        end = noun.end;
        k = noun.last + 1;
      }
    } else {
      const noun = lex.persons.matchAt(tokens, k).sort((a, b) => b.last - a.last)[0];
      // "هجوم مسلح" is an armed attack, not a gunman
      const adjective = noun && k > 0 && /^(?:و|ب|ف)?(?:ال)?هجوم/u.test(tokens[k - 1].text);
      if (noun && !adjective) {
        // "جنديان" = 2, "متعاقد أمريكي" = 1, "جنود" alone = unknown
        let n: number | null = noun.value === 'du' ? 2 : noun.value === 'sg' ? 1 : null;
        let last = noun.last;
        // "مقاتلين اثنين", "جنديان اثنان"
        const next = tokens[noun.last + 1];
        if (next && lex.dualNumerals.has(next.text)) {
          n = 2;
          last = noun.last + 1;
        }
        if (n === null) unknown = true;
        else {
          total += n;
          found = true;
        }
        if (start < 0) start = noun.start;
        end = tokens[last].end;
        k = last + 1;
      } else if (found || unknown) {
        // coordination continues only with "و" + another count
        const t = tok.text;
        if (t.startsWith('و') && t.length > 1) {
          const rest = lex.persons.matchAt(tokens, k);
          if (rest.length === 0 && !numberAt(norm, tok.start + 1)) break;
        }
        // adjectives and qualifiers after the noun ("أمريكي", "عراقيين", "من الجيش") are skipped
        k++;
        steps++;
        continue;
      } else {
        k++;
        steps++;
        continue;
      }
    }
    steps = 0;
    // continue only through "و" + count
    const nxt = tokens[k];
    if (!nxt || nxt.kind === 'punct') break;
    if (!(nxt.text.startsWith('و') && nxt.text.length > 1)) {
      // allow adjectives between: look ahead for "و" within 3 tokens
      let j = k;
      let ok = false;
      while (j < to && j < k + 3 && tokens[j].kind !== 'punct') {
        if (tokens[j].text.startsWith('و') && tokens[j].text.length > 1 && j > k) {
          const t = tokens[j];
          if (lex.persons.matchAt(tokens, j).length > 0 || numberAt(norm, t.start + 1)) {
            ok = true;
            k = j;
          }
          break;
        }
        j++;
      }
      if (!ok) break;
    }
  }
  if (!found && !unknown) return null;
  return { value: found && !unknown ? total : found ? total : null, start, end };
}

function firstMatchIn<T>(matches: PhraseMatch<T>[]): PhraseMatch<T> | undefined {
  return matches.length ? matches.reduce((a, b) => (b.first < a.first ? b : a)) : undefined;
}

/** Casualty counts stated in tokens [from, to). */
export function findCasualties(
  lex: Lexicon,
  norm: string,
  tokens: readonly Token[],
  from: number,
  to: number,
): Casualties {
  const result: Casualties = { killed: null, injured: null };
  if (to <= from) return result;
  const combined = lex.combinedCasualties.findAll(tokens, from, to);
  const combinedTokens = new Set<number>();
  for (const c of combined) for (let k = c.first; k <= c.last; k++) combinedTokens.add(k);

  const commemorative = lex.commemorative.findAll(tokens, from, to);
  const take = (kind: 'killed' | 'injured', triggers: PhraseMatch<true>[]) => {
    for (const t of triggers) {
      if (combinedTokens.has(t.first)) continue;
      // "الذكرى السنوية لاستشهاد …": a commemoration, not a toll
      if (commemorative.some((c) => c.last < t.first && t.first - c.last <= 3)) continue;
      // a number right before the word: "3 قتلى"
      const prev = tokens[t.first - 1];
      if (prev && t.first - 1 >= from && prev.kind === 'num') {
        const n = numberAt(norm, prev.start);
        if (n && n.value !== null) {
          result[kind] ??= { value: n.value, start: n.start, end: t.end };
          continue;
        }
      }
      const c = readCount(lex, norm, tokens, t.last + 1, to);
      if (c) {
        result[kind] ??= c;
        continue;
      }
      // "لقي متعاقد أمريكي حتفه": the person comes before the verb
      if (kind === 'killed') {
        for (let j = t.first - 1; j >= Math.max(from, t.first - 4); j--) {
          const noun = lex.persons.matchAt(tokens, j)[0];
          if (noun && noun.value !== 'pl') {
            result.killed ??= { value: noun.value === 'du' ? 2 : 1, start: noun.start, end: t.end };
            break;
          }
        }
      }
    }
  };
  take('killed', lex.killed.findLongest(tokens, from, to));
  take('injured', lex.injured.findLongest(tokens, from, to));

  // "لم تسفر الهجمات على القاعدتين عن وقوع إصابات": the phrase split by its subject
  const text = norm.slice(tokens[from].start, tokens[to - 1].end);
  const split = NO_CASUALTIES_SPLIT_RE.exec(text);
  if (split && !result.killed && !result.injured) {
    const start = tokens[from].start + split.index;
    const end = start + split[0].length;
    result.killed = { value: 0, start, end };
    result.injured = { value: 0, start, end };
  }
  const none = firstMatchIn(lex.noCasualties.findLongest(tokens, from, to));
  if (none) {
    result.killed ??= { value: 0, start: none.start, end: none.end };
    result.injured ??= { value: 0, start: none.start, end: none.end };
  }
  return result;
}
