/**
 * Actor mentions and their role in a clause. The record's actor is the perpetrator
 * or the claimant, never the target and never a group that is merely mentioned:
 * - claim: "تبنت المقاومة الإسلامية في العراق الهجوم", "هجوم تبنته كتائب حزب الله";
 * - perpetrator: a nationality adjective on a strike or weapon noun ("غارة أمريكية",
 *   "مسيرة تركية"), the subject of an attack verb ("أطلقت إيران صواريخ",
 *   "نفذ العدو الإسرائيلي عدوانا"), or an agent phrase ("هجوم لتنظيم داعش", "من قبل X").
 */
import type { ActorEntry, Lexicon } from '../lexicon/lexicon.js';
import type { PhraseMatch } from '../lexicon/matcher.js';
import type { Token } from '../segment/segment.js';

export interface ActorMention {
  actor: ActorEntry | null;
  first: number;
  last: number;
  start: number;
  end: number;
}

export interface ActorRole {
  actor: ActorEntry;
  role: 'claimant' | 'perpetrator';
  start: number;
  end: number;
}

/** Actor names in tokens [from, to) (generic descriptions come back with actor null). */
export function findActors(lex: Lexicon, tokens: readonly Token[], from: number, to: number): ActorMention[] {
  return lex.actors.findLongest(tokens, from, to).map((m) => ({
    actor: m.value,
    first: m.first,
    last: m.last,
    start: m.start,
    end: m.end,
  }));
}

const AGENT_VERB_RE = /^(?:و|ف)?(?:ا?طلق|نفذ|شن|قصف|اغار|ضرب|دك|استهدف|هاجم)/u;
const AGENT_NOUN_RE =
  /^(?:و|ف|ب|ل)?(?:ال)?(?:اغتيال|قصف|هجوم|غاره|غارات|ضربه|ضربات|عدوان|رد|طايرات|طيران|مسيره|مسيرات|صواريخ|هجمات)$/u;
const TARGET_PREP = new Set(['علي', 'ضد', 'استهداف', 'لاستهداف', 'باستهداف', 'تستهدف', 'يستهدف', 'ضد']);
/** words between an attack verb and the group that did it: "هاجم مسلحون من …" */
const AGENT_FILLER = new Set([
  'مسلحون',
  'مسلحو',
  'مسلحين',
  'عناصر',
  'عنصر',
  'مقاتلو',
  'مقاتلون',
  'من',
  'خلايا',
  'خليه',
  'فلول',
  'انتحاريون',
]);
const ANNOUNCE_RE = /^(?:و|ف)?(?:اعلن|اعلنت|تعلن|يعلن|اكدت|اكد)$/u;
const ANNOUNCED_ACT_RE = /^(?:و|ف|ب)?(?:استهداف|قصف|مهاجمه|تنفيذ|شن|ضرب|اسقاط)/u;
const BY_RE = /^(?:من قبل|بواسطه)$/u;
const HEDGE_RE = /^(?:يعتقد|يرجح|يشتبه|ربما|متهمه|اتهم|اتهمت|تتهم|يتهم)/u;

/**
 * Roles of actors in tokens [from, to) with respect to the attack triggers in that
 * range (`triggerTokens`). Mentions preceded by a target preposition (على، ضد) are
 * targets and get no role.
 */
export function actorRoles(
  lex: Lexicon,
  tokens: readonly Token[],
  from: number,
  to: number,
  mentions: ActorMention[],
  triggerTokens: ReadonlySet<number>,
  claimTokens: ReadonlySet<number>,
): ActorRole[] {
  const roles: ActorRole[] = [];
  const word = (k: number) => (k >= from && k < to && tokens[k].kind !== 'punct' ? tokens[k].text : '');
  // nationality adjectives right after a strike/weapon noun: "غارة أمريكية", "طائرة مسيرة تركية"
  for (const adj of lex.actorAdjectives.findLongest(tokens, from, to)) {
    const p1 = adj.first - 1;
    const p2 = adj.first - 2;
    const p3 = adj.first - 3;
    if (
      triggerTokens.has(p1) ||
      AGENT_NOUN_RE.test(word(p1)) ||
      AGENT_NOUN_RE.test(word(p2)) ||
      (word(p1).length > 0 && /^(?:ال)?مسير[هت]/u.test(word(p1))) ||
      (p3 >= from && AGENT_NOUN_RE.test(word(p3)) && /^(?:ال)?(?:مسيره|جويه|جوي)$/u.test(word(p1)))
    ) {
      roles.push({ actor: adj.value, role: 'perpetrator', start: adj.start, end: adj.end });
    }
  }
  for (const m of mentions) {
    if (!m.actor) continue;
    const before = word(m.first - 1);
    const before2 = `${word(m.first - 2)} ${before}`;
    if (TARGET_PREP.has(before) || TARGET_PREP.has(word(m.first - 2))) continue;
    let hedged = false;
    for (let k = Math.max(from, m.first - 5); k < m.first; k++)
      if (HEDGE_RE.test(tokens[k].text)) hedged = true;
    if (hedged) continue;
    // claim: "تبنت X" / "X تبنت" / "أعلنت X مسؤوليتها" / "قالت X إنها شنت"
    let claimed = false;
    for (let k = Math.max(from, m.first - 6); k <= Math.min(to - 1, m.last + 10); k++) {
      if (claimTokens.has(k)) claimed = true;
    }
    // "أعلنت المقاومة الإسلامية في العراق استهداف قاعدة …": an announcement of its own attack
    if (!claimed && ANNOUNCE_RE.test(before || word(m.first - 2))) {
      for (let k = m.last + 1; k <= Math.min(to - 1, m.last + 4); k++) {
        if (tokens[k].kind === 'punct') continue;
        if (ANNOUNCED_ACT_RE.test(tokens[k].text)) claimed = true;
        if (/^(?:ان|بان|انه|انها)$/u.test(tokens[k].text)) break;
      }
    }
    if (claimed) {
      roles.push({ actor: m.actor, role: 'claimant', start: m.start, end: m.end });
      continue;
    }
    // subject of an attack verb, right after it: "أطلقت إيران", "شنت الولايات المتحدة"
    const verbBefore =
      (AGENT_VERB_RE.test(before) && !before.startsWith('است')) ||
      (AGENT_VERB_RE.test(word(m.first - 2)) &&
        /^[،,]?$/u.test(before) === false &&
        tokens[m.first - 1]?.kind === 'punct');
    // "هاجم مسلحون من تنظيم داعش": the verb, then who did it
    let k = m.first - 1;
    while (k >= Math.max(from, m.first - 3) && AGENT_FILLER.has(tokens[k].text)) k--;
    const verbBeforeFiller =
      k < m.first - 1 &&
      k >= from &&
      AGENT_VERB_RE.test(tokens[k].text) &&
      !/^(?:و|ف)?است/u.test(tokens[k].text);
    // genitive agent of a verbal noun: "اغتيال الولايات المتحدة", "القصف الأمريكي", "طائرات التحالف"
    const nounBefore =
      AGENT_NOUN_RE.test(before) && !/^(?:و|ف|ب)?(?:ال)?(?:هجوم|هجمات|رد|ضربات|ضربه)$/u.test(before);
    // agent phrase: "هجوم لتنظيم داعش", "من قبل X"
    const agentPhrase =
      BY_RE.test(before2) || (/^ل/u.test(tokens[m.first].text) && AGENT_NOUN_RE.test(word(m.first - 1)));
    const clitic = tokens[m.first].text.slice(0, m.start - tokens[m.first].start);
    const byLam = clitic === 'ل' && /^(?:ال)?(?:هجوم|قصف|غاره|غارات|ضربه)$/u.test(before);
    // subject before a past-tense attack verb: "عناصر داعش هاجمت", "طائرات التحالف الدولي … باستهداف"
    const after = word(m.last + 1);
    const verbAfter = AGENT_VERB_RE.test(after) && !/^(?:و|ف)?است/u.test(after) && after.length <= 8;
    const armHead = lex.agentAliasHeads.has(tokens[m.first].text.replace(/^(?:و|ف)/u, ''));
    // a side of a clash: "اشتباكات مع عناصر من تنظيم داعش"
    let clashWith = false;
    for (let k = Math.max(from, m.first - 4); k < m.first; k++) {
      // "اشتباكات مع X", "اشتباكات عنيفة بين X و…"
      if (/^و?(?:مع|بين)$/u.test(tokens[k].text) && [1, 2, 3].some((d) => triggerTokens.has(k - d)))
        clashWith = true;
    }
    if (
      verbBefore ||
      verbBeforeFiller ||
      nounBefore ||
      agentPhrase ||
      byLam ||
      verbAfter ||
      armHead ||
      clashWith
    ) {
      roles.push({ actor: m.actor, role: 'perpetrator', start: m.start, end: m.end });
    }
  }
  return roles;
}

/** Token indices of claim words ("تبنت", "مسؤوليتها") in [from, to). */
export function claimTokenSet(lex: Lexicon, tokens: readonly Token[], from: number, to: number): Set<number> {
  const s = new Set<number>();
  for (const m of lex.claim.findLongest(tokens, from, to) as PhraseMatch<true>[])
    for (let k = m.first; k <= m.last; k++) s.add(k);
  return s;
}
