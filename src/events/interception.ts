/**
 * Was an attack intercepted? One named rule decides, and says which:
 * - failed-interception: "رغم محاولة الدفاعات التصدي لها", "دون أن تتمكن الدفاعات من إسقاطها" —
 *   an attempt, or an interception the defences could not make, is no interception;
 * - partial-interception: "أسقطت اثنتين منها", "أسقطت واحدة على الأقل", "إحداها", "أغلبيتها" —
 *   some got through (false: typed by weapon, as SCHEMA.md says); not a count that qualifies a
 *   projectile noun ("تصدت لهجوم بطائرة مسيرة واحدة على الأقل" counts the attack);
 * - impact-after-interception / casualties-after-interception: one landed or hurt someone;
 * - repelled: "تصدت القوات لهجوم" with no projectile and no air defence named: a ground attack
 *   fought off (null);
 * - all-intercepted: shot down, defused, foiled, and nothing says otherwise (true);
 * - air-strike: aircraft are not intercepted in this sense (false);
 * - projectile-impact: a projectile landed, hit or hurt (false);
 * - claimed-hit: the only impact is the attacker's claim of hits ("أصابت أهدافها بشكل مباشر"): a
 *   claim, not an account of the outcome (null); an account that it was shot down stands;
 * - impact: a non-projectile attack with an impact and no named attacker (false);
 * - no-outcome: the clause does not say (null).
 * A negated impact ("دون أن تسفر عن أضرار") is no impact, nor is the fall of what was downed.
 */
import { type Lexicon, matcherOf, readDataFile, type TriggerValue, type Weapon } from '../lexicon/lexicon.js';
import type { PhraseMatch } from '../lexicon/matcher.js';
import { fold } from '../normalize/normalize.js';
import { numberAt } from '../numbers/numbers.js';
import type { Token } from '../segment/segment.js';

interface InterceptionFile {
  falls: string[];
  projectile_heads: string[];
  air_defence: string[];
  repel: string[];
  quantifiers: string[];
  ordinals: string[];
  series_before: string[];
  refers_back: string[];
  attempt_window: number;
  caused_by: string[];
  another: string[];
  attempt: string[];
  unable: string[];
  unable_window: number;
  part_of: string[];
  at_least: string[];
  negators: string[];
  negation_window: number;
  not_partial: string[];
  claimed_hit: string[];
}

const DATA = readDataFile<InterceptionFile>('lexicon/interception.json');
const ATTEMPT = matcherOf(DATA.attempt, true);
const UNABLE = matcherOf(DATA.unable, true);
const PART_OF = matcherOf(DATA.part_of, true);
const AT_LEAST = matcherOf(DATA.at_least, true);
const NEGATORS = new Set(DATA.negators.map(fold));
const FALLS = new Set(DATA.falls.map(fold));
const ANOTHER = new Set(DATA.another.map(fold));
const NOT_PARTIAL = new Set(DATA.not_partial.map(fold));
const CLAIMED_HIT = new Set(DATA.claimed_hit.map(fold));
const CAUSED_BY = new Set(DATA.caused_by.map(fold));
const SERIES_BEFORE = new Set(DATA.series_before.map(fold));
const ORDINALS = new Set(DATA.ordinals.map(fold));
const QUANTIFIERS = new Set(DATA.quantifiers.map(fold));
const REPEL = new Set(DATA.repel.map(fold));
const AIR_DEFENCE = matcherOf(DATA.air_defence, true);
const PROJECTILE_HEADS = matcherOf(DATA.projectile_heads, true);
const REFERS_BACK = matcherOf(DATA.refers_back, true);

/** An interception word that carries the projectile as a pronoun ("إسقاطهما", "اعترضتها", "التصدي لها"): it refers back. */
export function refersBack(tokens: readonly Token[], t: PhraseMatch<TriggerValue>): boolean {
  return REFERS_BACK.matchAt(tokens, t.first).length > 0;
}

export type InterceptionRule =
  | 'failed-interception'
  | 'partial-interception'
  | 'impact-after-interception'
  | 'casualties-after-interception'
  | 'all-intercepted'
  | 'repelled'
  | 'air-strike'
  | 'projectile-impact'
  | 'claimed-hit'
  | 'impact'
  | 'no-outcome';

export interface Interception {
  value: boolean | null;
  rule: InterceptionRule;
}

export interface InterceptionContext {
  /** the interception triggers of the clause */
  intercepts: PhraseMatch<TriggerValue>[];
  weapon: Weapon | null;
  airstrike: boolean;
  /** someone was killed or injured */
  hurt: boolean;
  /** the clause names who did it */
  hasActor: boolean;
  kind: TriggerValue['kind'];
  /** the date mentions of the clause ("تشرين الثاني" holds no partial "الثاني") */
  dates?: [number, number][];
}

/** Impact words of tokens [from, to) that no negator stands before. */
export function impactsIn(
  lex: Lexicon,
  tokens: readonly Token[],
  from: number,
  to: number,
  intercepts: PhraseMatch<TriggerValue>[],
): PhraseMatch<true>[] {
  return lex.impact
    .findLongest(tokens, from, to)
    .filter((m) => !intercepts.some((t) => t.first === m.first))
    .filter(
      (m) =>
        !tokens
          .slice(Math.max(from, m.first - DATA.negation_window), m.first)
          .some((t) => NEGATORS.has(t.text) || NEGATORS.has(t.text.replace(/^[وف]/u, ''))),
    );
}

/** A projectile noun at token k: a weapon word, or a bare head such as "الطائرة", "صاروخ". */
function projectileNoun(lex: Lexicon, tokens: readonly Token[], k: number): boolean {
  return lex.weapons.matchAt(tokens, k).length > 0 || PROJECTILE_HEADS.matchAt(tokens, k).length > 0;
}

/**
 * An interception word with an attempt word shortly before it in its clause ("محاولة التصدي",
 * "رغم اعتراض", "فشل المنظومة في اعتراضه"), or a negated ability a little farther ("دون أن تتمكن
 * الدفاعات الجوية التابعة للجيش من إسقاط", "لم تتمكن المنظومة من اعتراضها").
 */
function attempted(tokens: readonly Token[], t: PhraseMatch<TriggerValue>, from: number): boolean {
  const reach = Math.max(DATA.attempt_window, DATA.unable_window);
  for (let k = t.first - 1; k >= Math.max(from, t.first - reach); k--) {
    if (tokens[k].kind === 'punct') return false;
    if (t.first - k <= DATA.attempt_window && ATTEMPT.matchAt(tokens, k).length) return true;
    if (UNABLE.matchAt(tokens, k).length) return true;
  }
  return false;
}

/** "أسقطت اثنتين منها", "أسقطت واحدة على الأقل": a count right after the interception word. */
function partialCount(
  lex: Lexicon,
  norm: string,
  tokens: readonly Token[],
  t: PhraseMatch<TriggerValue>,
  to: number,
): boolean {
  for (let k = t.last + 1; k < Math.min(to, t.last + 5); k++) {
    const n = numberAt(norm, tokens[k].start);
    if (!n) continue;
    // "تصدت لهجوم بطائرة مسيرة واحدة على الأقل": a count after a projectile noun counts the attack
    if (k > t.last + 1 && projectileNoun(lex, tokens, k - 1)) return false;
    // the count ends at token j; "منها" or "على الأقل" follows it
    let j = k;
    while (j + 1 < to && tokens[j + 1].start < n.end) j++;
    if (n.lowerBound) return true;
    const next = j + 1;
    return (
      next < to && (PART_OF.matchAt(tokens, next).length > 0 || AT_LEAST.matchAt(tokens, next).length > 0)
    );
  }
  return false;
}

/** "أصابت أهدافها بشكل مباشر": a claim word within two words after the impact word. */
function claimedHit(tokens: readonly Token[], m: PhraseMatch<true>, to: number): boolean {
  for (let k = m.first; k <= Math.min(to - 1, m.last + 2); k++)
    if (CLAIMED_HIT.has(tokens[k].text.replace(/^[وب]/u, ''))) return true;
  return false;
}

/** The interception outcome of the clause [from, to). */
export function interceptionOf(
  lex: Lexicon,
  norm: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  ctx: InterceptionContext,
): Interception {
  const real = ctx.intercepts.filter((t) => !attempted(tokens, t, from));
  // "اعترضت طائرتين سقطتا في منطقة خالية": after an interception, a fall is the wreck's
  const firstReal = real.length ? Math.min(...real.map((t) => t.first)) : Number.POSITIVE_INFINITY;
  const wreck = (m: PhraseMatch<true>) =>
    (m.first > firstReal &&
      FALLS.has(tokens[m.first].text) &&
      !ANOTHER.has(tokens[m.last + 1]?.text ?? '')) ||
    // "انفجرت الطائرة قرب القاعدة بعد اعتراضها": the interception did it
    real.some((t) => t.first > m.last && t.first > from && CAUSED_BY.has(tokens[t.first - 1].text));
  const impact = impactsIn(lex, tokens, from, to, ctx.intercepts).filter((m) => !wreck(m));
  const projectile = ctx.weapon !== null && ctx.weapon !== 'small_arms';
  if (ctx.intercepts.length > 0 && real.length === 0)
    return { value: projectile || impact.length > 0 || ctx.hurt ? false : null, rule: 'failed-interception' };
  if (real.length > 0) {
    // not a word of a date ("تشرين الثاني"), nor a rank in a series ("وهي الثانية التي يتم إسقاطها")
    const inDate = (m: PhraseMatch<true>) => (ctx.dates ?? []).some(([a, b]) => m.start >= a && m.end <= b);
    // ("الذكرى السنوية الثانية", "للمرة الثانية": an ordinal that agrees with a definite word before it
    // qualifies that word; after a projectile noun, "والطائرة الثانية سقطت", it is a part of the attack)
    const rank = (m: PhraseMatch<true>) => {
      if (m.first <= from) return false;
      const before = tokens[m.first - 1];
      if (SERIES_BEFORE.has(before.text)) return true;
      const ordinal =
        /^(?:[وف])?ال/u.test(tokens[m.first].text) &&
        ORDINALS.has(tokens[m.first].text.replace(/^[وف]/u, ''));
      return (
        ordinal && /^(?:[وفبل])?(?:ال|لل)/u.test(before.text) && !projectileNoun(lex, tokens, m.first - 1)
      );
    };
    // ("أعلنت بعض الوسائل الإعلامية": a quantifier is a part of the attack only before a projectile)
    const quantifiesOther = (m: PhraseMatch<true>) =>
      QUANTIFIERS.has(fold(m.phrase)) && m.last + 1 < to && !projectileNoun(lex, tokens, m.last + 1);
    const partial =
      lex.partial
        .findLongest(tokens, from, to)
        .some(
          (m) => !NOT_PARTIAL.has(tokens[m.first].text) && !inDate(m) && !rank(m) && !quantifiesOther(m),
        ) || real.some((t) => partialCount(lex, norm, tokens, t, to));
    if (partial) return { value: false, rule: 'partial-interception' };
    // "تصدت قوات الحشد لهجوم شنه مسلحو التنظيم": a ground attack repelled was fought, not intercepted
    // (air defences that "تصدت لعدوان" engaged something in the air: that stays an interception)
    if (
      !projectile &&
      real.every((t) => REPEL.has(fold(t.phrase))) &&
      AIR_DEFENCE.findAll(tokens, from, to).length === 0
    )
      return { value: null, rule: 'repelled' };
    if (ctx.hurt) return { value: false, rule: 'casualties-after-interception' };
    // "أكدت المقاومة أن مسيراتها أصابت أهدافها بدقة، بينما قال التحالف إنها أسقطت": the account stands over the claim
    if (impact.some((m) => !claimedHit(tokens, m, to)))
      return { value: false, rule: 'impact-after-interception' };
    return { value: true, rule: 'all-intercepted' };
  }
  if (ctx.airstrike || ctx.weapon === 'aircraft') return { value: false, rule: 'air-strike' };
  if (!ctx.hurt && impact.length > 0 && impact.every((m) => claimedHit(tokens, m, to)))
    return { value: null, rule: 'claimed-hit' };
  if (projectile && (ctx.hurt || impact.length > 0)) return { value: false, rule: 'projectile-impact' };
  if (!projectile && impact.length > 0 && ctx.kind !== 'clash' && !ctx.hasActor)
    return { value: false, rule: 'impact' };
  return { value: null, rule: 'no-outcome' };
}
