/**
 * Is a trigger a report of an attack that happened? Threats, promises, future
 * tense, conditionals, negations, habitual series, hedges, tallies, anniversaries and
 * commemorations, and protests or vigils are not.
 *
 * The cue words are in data/lexicon/modality.json (one list per kind); its "rules" block
 * holds the windows and the word lists the rules below read. Code keeps only the rules.
 */

import { type Lexicon, type ModalityKind, readDataFile } from '../lexicon/lexicon.js';
import { cliticVariants, type PhraseMatch } from '../lexicon/matcher.js';
import { fold } from '../normalize/normalize.js';
import { numberAt } from '../numbers/numbers.js';
import type { Token } from '../segment/segment.js';

interface ModalityRules {
  anniversary_ordinals: Record<string, number>;
  anniversary_spans: Record<string, number>;
  year_counts: Record<string, number>;
  year_words: string[];
  span_openers: string[];
  span_times: string[];
  long_span_times: string[];
  month_toll_words: string[];
  plural_attack_nouns: string[];
  span_superlatives: string[];
  agency_nouns: string[];
  agency_reach: { noun: number; attack: number };
  anniversary_cues: string[];
  relatives: string[];
  window: Record<ModalityKind, number>;
  wider: { kind: ModalityKind; words: string[]; window: number }[];
  attack_nouns: string[];
  times_nouns: string[];
  gathering_needs_site: string[];
  gathering_site_words: string[];
  gathering_site_reach: number;
  clause_bound: ModalityKind[];
  clause_breaks: string[];
  verb_endings: string[];
  noun_endings: string[];
  gathering_time_connectors: string[];
}

const RULES = readDataFile<{ rules: ModalityRules }>('lexicon/modality.json').rules;
const foldSet = (xs: string[]) => new Set(xs.map(fold));

/** How far before a trigger each kind of cue reaches (in tokens). */
const WINDOW = RULES.window;
/** cue word (as written) → its wider window, per kind */
const WIDER = new Map<string, number>();
for (const w of RULES.wider) for (const word of w.words) WIDER.set(`${w.kind}:${fold(word)}`, w.window);
const ATTACK_NOUNS = foldSet(RULES.attack_nouns);
const TIMES_NOUNS = foldSet(RULES.times_nouns);
const GATHERING_NEEDS_SITE = foldSet(RULES.gathering_needs_site);
const GATHERING_SITE = foldSet(RULES.gathering_site_words);
const CLAUSE_BOUND = new Set(RULES.clause_bound);
const CLAUSE_BREAKS = new Set(RULES.clause_breaks);
const VERB_ENDINGS = RULES.verb_endings.map(fold);
const NOUN_ENDINGS = RULES.noun_endings.map(fold);
const TIME_CONNECTORS = foldSet(RULES.gathering_time_connectors);
const ANNIVERSARY_ORDINALS = new Map(
  Object.entries(RULES.anniversary_ordinals).map(([w, n]) => [fold(w), n]),
);
const ANNIVERSARY_SPANS = new Map(Object.entries(RULES.anniversary_spans).map(([w, n]) => [fold(w), n]));
const YEAR_COUNTS = new Map(Object.entries(RULES.year_counts).map(([w, n]) => [fold(w), n]));
const YEAR_WORDS = foldSet(RULES.year_words);
const SPAN_OPENERS = foldSet(RULES.span_openers);
const SPAN_TIMES = foldSet(RULES.span_times);
const LONG_SPAN_TIMES = foldSet(RULES.long_span_times);
const MONTH_TOLL_WORDS = RULES.month_toll_words.map((w) => fold(w).split(' '));
const PLURAL_ATTACK_NOUNS = foldSet(RULES.plural_attack_nouns);
const SPAN_SUPERLATIVES = foldSet(RULES.span_superlatives);
const AGENCY_NOUNS = foldSet(RULES.agency_nouns);
const AGENCY_REACH = RULES.agency_reach;
const ANNIVERSARY_CUES = foldSet(RULES.anniversary_cues);
const RELATIVES = foldSet(RULES.relatives);

/** "اطلقت", "هاجموا": a finite verb (by its ending), not a verbal noun or a plural */
function verbLike(word: string): boolean {
  return VERB_ENDINGS.some((e) => word.endsWith(e)) && !NOUN_ENDINGS.some((e) => word.endsWith(e));
}

/** Is there a clause break (، , ؛ :) between tokens a and b (exclusive)? */
function clauseBreakBetween(tokens: readonly Token[], a: number, b: number): boolean {
  for (let k = a + 1; k < b; k++)
    if (tokens[k].kind === 'punct' && CLAUSE_BREAKS.has(tokens[k].text)) return true;
  return false;
}

/** Does cue `m` reach the trigger at `t` (within its window, and its clause for clause-bound kinds)? */
function reaches(tokens: readonly Token[], m: PhraseMatch<ModalityKind>, t: number): boolean {
  if (t - m.last > windowOf(tokens, m)) return false;
  if (CLAUSE_BOUND.has(m.value) && clauseBreakBetween(tokens, m.last, t)) return false;
  // "عشيه الذكري الثالثه للحرب اطلقت …": a new event on the anniversary (a finite verb at the
  // trigger or between the cue and it starts a clause of its own)
  if (m.value === 'commemoration') {
    if (verbLike(tokens[t].text)) return false;
    // (a verb of a relative clause, "الذين قتلوا في الغارة", starts none)
    for (let k = m.last + 1; k < t; k++)
      if (verbLike(tokens[k].text) && !RELATIVES.has(tokens[k - 1].text)) return false;
  }
  // "تظاهرات انطلقت عقب الضربه": the trigger dates the gathering, it is no act of it
  if (m.value === 'gathering' && t > m.last + 1 && TIME_CONNECTORS.has(tokens[t - 1].text)) return false;
  return true;
}

export interface ModalityCues {
  matches: PhraseMatch<ModalityKind>[];
}

/** Does any clitic reading of `word` belong to `set`? */
function inSet(set: Set<string>, word: string): boolean {
  for (const v of cliticVariants(word)) if (set.has(v.stem)) return true;
  return false;
}

/**
 * gathering: a bare head (تجمع، وقفه) is a protest only with a site word within reach
 * after it ("وقفه امام القاعده", "تجمع العشرات قرب …"); "تجمع لعناصر …" is a gathering of
 * fighters, not a protest.
 */
export function gatheringAt(tokens: readonly Token[], m: PhraseMatch<ModalityKind>, to: number): boolean {
  if (m.value !== 'gathering') return false;
  if (m.first !== m.last || !inSet(GATHERING_NEEDS_SITE, tokens[m.first].text)) return true;
  const next = tokens[m.last + 1]?.text ?? '';
  if (next.length > 2 && next[0] === 'ل' && !GATHERING_SITE.has(next)) return false;
  for (let k = m.last + 1; k <= Math.min(to - 1, m.last + RULES.gathering_site_reach); k++)
    if (GATHERING_SITE.has(tokens[k].text) || inSet(GATHERING_SITE, tokens[k].text)) return true;
  return false;
}

export function modalityCues(lex: Lexicon, tokens: readonly Token[], from: number, to: number): ModalityCues {
  const matches = lex.modality
    .findLongest(tokens, from, to)
    .filter((m) => m.value !== 'one_event' && (m.value !== 'gathering' || gatheringAt(tokens, m, to)));
  return { matches };
}

/**
 * An anniversary or commemoration phrase before the trigger at token `t` ("في الذكرى
 * السنويه الاولى لاغتيال …", "احياء ذكرى ضحايا القصف"): the trigger recalls an old event and
 * the date near it is the commemoration's. Returns the cue, or null.
 */
export function anniversaryAt(
  cues: ModalityCues,
  tokens: readonly Token[],
  from: number,
  t: number,
): PhraseMatch<ModalityKind> | null {
  for (const m of cues.matches) {
    if (m.value !== 'commemoration' || m.last >= t || m.first < from) continue;
    if (reaches(tokens, m, t)) return m;
  }
  return null;
}

/**
 * Rule anniversary-year: "الذكرى السنوية الرابعة لاغتيال …" published in 2024 recalls an event of
 * 2020; "مرور عامين على …" of two years before. The year, or null when the cue gives no count.
 */
export function anniversaryYear(
  norm: string,
  tokens: readonly Token[],
  cue: PhraseMatch<ModalityKind>,
  published: string | null,
): string | null {
  if (!published) return null;
  const years = Number(published.slice(0, 4));
  const phrase = fold(cue.phrase);
  const fixed = ANNIVERSARY_SPANS.get(phrase);
  if (fixed !== undefined) return String(years - fixed);
  for (let k = cue.last + 1; k <= Math.min(tokens.length - 1, cue.last + 2); k++) {
    const n = ANNIVERSARY_ORDINALS.get(tokens[k].text) ?? YEAR_COUNTS.get(tokens[k].text);
    if (n !== undefined) return String(years - n);
    // "بمناسبة مرور 3 سنوات على …"
    const count = numberAt(norm, tokens[k].start);
    if (count?.value && YEAR_WORDS.has(tokens[k + 1]?.text ?? '')) return String(years - count.value);
  }
  return null;
}

/** A commemoration cue that marks an anniversary ("الذكرى السنوية", "مرور عام على"), not a funeral or a eulogy. */
export function isAnniversary(cue: PhraseMatch<ModalityKind>): boolean {
  return cue.value === 'commemoration' && ANNIVERSARY_CUES.has(fold(cue.phrase));
}

/** The window of a cue: its kind's, or wider for the cue words listed in rules.wider. */
function windowOf(tokens: readonly Token[], m: PhraseMatch<ModalityKind>): number {
  const word = tokens[m.first].text.slice(m.start - tokens[m.first].start);
  return WIDER.get(`${m.value}:${word}`) ?? WINDOW[m.value] ?? 0;
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
    if (reaches(tokens, m, t)) return m.value;
  }
  return null;
}

/**
 * Rule denied-agency: "نفت واشنطن قيامها بقصف …", "نفى التحالف مسؤوليته عن قصف …": the
 * negation that reaches the trigger at `t` denies who did it (an agency noun stands between),
 * not the attack. Returns the tokens [cue, t) where no attacker or target of the attack is
 * read, or null.
 */
export function agencyDenial(
  cues: ModalityCues,
  tokens: readonly Token[],
  from: number,
  t: number,
): [number, number] | null {
  // the agency noun stands a few words after the denial (its subject between: "نفت مصادر
  // عسكريه امريكيه، في تصريحات، قيام …"), the attack word after it in the same phrase
  for (const m of cues.matches) {
    if (m.value !== 'negation' || m.last >= t || m.first < from) continue;
    for (let k = m.last + 1; k < Math.min(t, m.last + 1 + AGENCY_REACH.noun); k++)
      if (inSet(AGENCY_NOUNS, tokens[k].text) && t - k <= AGENCY_REACH.attack) return [m.first, t];
  }
  return null;
}

/** Rule denied-after: "الأنباء عن استهداف القاعدة ليست صحيحة", "الانفجارات ناجمة عن تدريبات". */
export function deniedAfter(lex: Lexicon, tokens: readonly Token[], t: number, to: number): boolean {
  return lex.deniedAfter.findAll(tokens, t + 1, Math.min(to, t + 1 + lex.deniedAfterWindow)).length > 0;
}

/** "هجمات متكررة", "استهدفت مرات عدة": a series right after the trigger. */
export function habitualAfter(lex: Lexicon, tokens: readonly Token[], t: number, to: number): boolean {
  return lex.habitualAfter.findAll(tokens, t + 1, Math.min(to, t + 12)).length > 0;
}

/**
 * Rule prospective-after: "الهجوم الوشيك على ادلب", "هجوم تركي مرتقب": an adjective right after
 * the attack word says it is still to come (nisba adjectives, "التركي", "الجوي", may stand
 * between).
 */
export function prospectiveAfter(lex: Lexicon, tokens: readonly Token[], t: number, to: number): boolean {
  for (let k = t + 1; k < Math.min(to, t + 4); k++) {
    if (lex.prospectiveAfter.matchAt(tokens, k).some((m) => m.start === tokens[k].start)) return true;
    const w = tokens[k].text;
    if (tokens[k].kind !== 'word' || !/(?:ي|يه|يين|يون)$/u.test(w)) return false;
  }
  return false;
}

const RE_CLITIC = /^(?:و|ف|ب|ل)?(?:ال)?/u;
/** the attack noun of a token (clitic and article stripped), or null */
function attackNoun(word: string): string | null {
  const stem = word.replace(RE_CLITIC, '');
  return ATTACK_NOUNS.has(stem) ? stem : null;
}

/**
 * A tally counts attacks ("92 هجوما على قواتها منذ …", "63 هجوماً خلال عام 2020"):
 * a number of two or more right before an attack noun.
 */
export function tallyAt(norm: string, tokens: readonly Token[], from: number, to: number): number | null {
  for (let k = from; k < to; k++) {
    if (attackNoun(tokens[k].text) === null) continue;
    // the number stands right before the noun ("92 هجوما", "أكثر من 50 هجوما", "عدة هجمات");
    // a noun after "و" is coordinated, not counted ("منذ بداية 2021 وهجمات على …")
    if (/^[وف]/u.test(tokens[k].text)) continue;
    for (let j = k - 1; j >= Math.max(from, k - 3); j--) {
      // "وعدد من الاستهدافات": the quantity word may carry the conjunction
      const n =
        numberAt(norm, tokens[j].start) ??
        (/^[وف]\p{L}/u.test(tokens[j].text) ? numberAt(norm, tokens[j].start + 1) : null);
      if (!n || norm.slice(n.end, tokens[k].start).trim() !== '') continue;
      // "استهدفت الطائرات بأربع غارات الفرقة الأولى": the means of one event, not a count of events
      const bi = /^و?ب/u.exec(tokens[j].text);
      if (bi && n.value !== null && numberAt(norm, tokens[j].start + bi[0].length)?.value === n.value)
        continue;
      // ("بـ4 غارات": the clitic is a token of its own before the digits)
      const prev = tokens[j - 1];
      if (prev && /^و?ب$/u.test(prev.text) && prev.end === tokens[j].start) continue;
      if ((n.value !== null && n.value >= 2) || n.kind === 'several') return k;
    }
  }
  // "تعرضت للهجوم ثلاث مرات": a count of times
  for (let k = from; k < to; k++) {
    if (!TIMES_NOUNS.has(tokens[k].text) || k === from) continue;
    const n = numberAt(norm, tokens[k - 1].start);
    if (n && (n.kind === 'several' || (n.value !== null && n.value >= 2))) return k;
  }
  return null;
}

/**
 * Rule tally-over-a-span: a span of time in the clause ("خلال الأيام الثلاثة الماضية", "خلال 24
 * ساعة", "على مدى أسبوع"): a tally in it counts attacks over that span. `long`: only spans of
 * months or years ("خلال 10 أشهر", "خلال هذه الفترة"; rule tally-over-months).
 */
export function tallySpan(tokens: readonly Token[], from: number, to: number, long = false): boolean {
  const times = long ? LONG_SPAN_TIMES : SPAN_TIMES;
  for (let k = from; k < to; k++) {
    if (!SPAN_OPENERS.has(tokens[k].text)) continue;
    // ("هي الاعنف خلال الاشهر الماضيه": one event compared with the span)
    if ([k - 1, k - 2].some((j) => j >= from && inSet(SPAN_SUPERLATIVES, tokens[j].text))) continue;
    for (let j = k + 1; j <= Math.min(to - 1, k + 3); j++) if (inSet(times, tokens[j].text)) return true;
  }
  return false;
}

/**
 * Rule toll-over-a-month: does the clause hold a word that sums up a toll ("من أصل", "في حصيلة", "إجمالي")?
 * With a whole month as its only date ("وقتل 39 مدنيا في قصف للتحالف في شهر مايو من أصل 250")
 * the figure is the month's toll, not one attack's.
 */
export function monthTollWord(norm: string, tokens: readonly Token[], from: number, to: number): boolean {
  const bare = (w: string) => w.replace(/^[وف]/u, '');
  for (let k = from; k < to; k++)
    for (const words of MONTH_TOLL_WORDS) {
      // "#" stands for a number ("من أصل 250"; "وهو من أصل جورجي" is an origin)
      const ok = words.every((w, i) => {
        const t = tokens[k + i];
        if (k + i >= to || !t) return false;
        if (w === '#') return numberAt(norm, t.start)?.value != null;
        return bare(t.text) === bare(w);
      });
      if (ok) return true;
    }
  return false;
}

/** "الغارات", "وهجمات": a plural attack noun (rule tally-over-months). */
export function pluralAttackNoun(word: string): boolean {
  return inSet(PLURAL_ATTACK_NOUNS, word);
}
