/**
 * Actor mentions and their role in a clause. The record's actor is the perpetrator
 * or the claimant, never the target and never a group that is merely mentioned:
 * - claim: "تبنت المقاومة الإسلامية في العراق الهجوم", "هجوم تبنته كتائب حزب الله",
 *   "قالت X، في بيان نشرته، إنها استهدفت …" (a phrase may stand between speaker and clause);
 * - the speaker of a statement whose agent is first person: "أعلنت X في بيان: هاجم مجاهدونا …";
 * - perpetrator: a nationality adjective on a strike or weapon noun ("غارة أمريكية",
 *   "مسيرة تركية"), the subject of an attack verb ("أطلقت إيران صواريخ",
 *   "مقاتلو X استهدفوا"), or an agent phrase ("هجوم لتنظيم داعش", "من قبل X");
 * - no role: a target or an owner ("قاعدة تضم قوات أمريكية", "قاعدة للتحالف",
 *   "القوات الأمريكية المتمركزة في …"), an accuser or the accused ("اتهمت واشنطن فصائل …").
 * Every context word list is data: data/lexicon/actor-context.json.
 */
import { type ActorEntry, type Lexicon, readDataFile } from '../lexicon/lexicon.js';
import { type PhraseMatch, PhraseMatcher } from '../lexicon/matcher.js';
import { fold } from '../normalize/normalize.js';
import type { Token } from '../segment/segment.js';

export interface ActorMention {
  actor: ActorEntry | null;
  first: number;
  last: number;
  start: number;
  end: number;
}

/** The rule that gave a mention its role. */
export type ActorRule =
  | 'claim_word'
  | 'announced_act'
  | 'statement_clause'
  | 'statement_speaker'
  | 'nationality_adjective'
  | 'verb_subject'
  | 'verb_filler_subject'
  | 'agent_genitive'
  | 'agent_phrase'
  | 'agent_lam'
  | 'weapon_owner'
  | 'subject_before_verb'
  | 'fighters_of'
  | 'arm_alias'
  | 'clash_side';

export interface ActorRole {
  actor: ActorEntry;
  role: 'claimant' | 'perpetrator';
  start: number;
  end: number;
  /** why the mention has this role */
  rule?: ActorRule;
}

/**
 * Actor names in tokens [from, to) (generic descriptions come back with actor null); `starts`:
 * the tokens where a name may start (`lex.actors.startCandidates`), when the caller has them.
 */
export function findActors(
  lex: Lexicon,
  tokens: readonly Token[],
  from: number,
  to: number,
  starts?: readonly number[],
): ActorMention[] {
  const found = starts
    ? lex.actors.findLongestAmong(starts, tokens, from, to)
    : lex.actors.findLongest(tokens, from, to);
  return found.map((m) => ({
    actor: m.value,
    first: m.first,
    last: m.last,
    start: m.start,
    end: m.end,
  }));
}

// ---------------------------------------------------------------------------
// context word classes (data/lexicon/actor-context.json)

interface WordClassData {
  proclitics?: string[];
  article?: boolean;
  words: string[];
}

/** A class of folded words with optional proclitics and article; a trailing * makes a prefix. */
export class WordClass {
  private readonly exact = new Set<string>();
  private readonly prefixes: string[] = [];
  private readonly proclitics: string[];
  private readonly article: boolean;

  constructor(data: WordClassData) {
    this.proclitics = (data.proclitics ?? []).map(fold);
    this.article = Boolean(data.article);
    for (const w of data.words) {
      if (w.endsWith('*')) this.prefixes.push(fold(w.slice(0, -1)));
      else this.exact.add(fold(w));
    }
  }

  private matches(stem: string): boolean {
    if (stem.length < 2) return false;
    if (this.exact.has(stem)) return true;
    for (const p of this.prefixes) if (stem.startsWith(p)) return true;
    return false;
  }

  /** The word (normalized text of one token) is in the class. */
  has(word: string): boolean {
    if (!word) return false;
    const stems = [word];
    const conj = this.proclitics.filter((c) => c === 'و' || c === 'ف');
    const prep = this.proclitics.filter((c) => c !== 'و' && c !== 'ف');
    for (const c of conj) if (word.startsWith(c) && word.length > 2) stems.push(word.slice(1));
    for (const s of [...stems])
      for (const c of prep)
        if (s.startsWith(c) && s.length > 2) {
          stems.push(s.slice(1));
          if (c === 'ل' && this.article && s.startsWith('لل')) stems.push(`ال${s.slice(2)}`);
        }
    if (this.article)
      for (const s of [...stems]) if (s.startsWith('ال') && s.length > 3) stems.push(s.slice(2));
    for (const s of stems) if (this.matches(s)) return true;
    return false;
  }
}

interface ActorContextFile {
  [key: string]: WordClassData | { phrases: string[] } | string;
}

export interface ActorContext {
  agentVerbs: WordClass;
  objectFirstVerbs: WordClass;
  objectHeads: WordClass;
  meansModifiers: WordClass;
  subjectPhraseStops: WordClass;
  timeWords: WordClass;
  forcesHeads: WordClass;
  notAttackHeads: WordClass;
  agentNouns: WordClass;
  genitiveNotAgentNouns: WordClass;
  lamAgentNouns: WordClass;
  droneHeads: WordClass;
  airModifiers: WordClass;
  targetPreps: WordClass;
  agentFillers: WordClass;
  agentHeads: WordClass;
  announceVerbs: WordClass;
  announcedActs: WordClass;
  speechVerbs: WordClass;
  statementNouns: WordClass;
  statementLinks: WordClass;
  interpolationOpeners: WordClass;
  complementizers: WordClass;
  pronounComplementizers: WordClass;
  firstPersonAgents: WordClass;
  byPhrases: PhraseMatcher<true>;
  hedges: WordClass;
  clashPreps: WordClass;
  hostVerbs: WordClass;
  ownerHeads: WordClass;
  stationedAfter: WordClass;
  patronHeads: WordClass;
  belongingHeads: WordClass;
  weaponOwnerHeads: WordClass;
  claimDenials: WordClass;
}

/** Loads data/lexicon/actor-context.json (or the given object) into word classes. */
export function loadActorContext(file?: ActorContextFile): ActorContext {
  const f = file ?? readDataFile<ActorContextFile>('lexicon/actor-context.json');
  const cls = (key: string) => {
    const d = f[key] as WordClassData | undefined;
    if (!d || !Array.isArray(d.words)) throw new Error(`actor-context.json: missing word class '${key}'`);
    return new WordClass(d);
  };
  const by = new PhraseMatcher<true>();
  for (const p of (f.by_phrases as { phrases: string[] }).phrases) by.add(p, true);
  return {
    agentVerbs: cls('agent_verbs'),
    objectFirstVerbs: cls('object_first_verbs'),
    objectHeads: cls('object_heads'),
    meansModifiers: cls('means_modifiers'),
    subjectPhraseStops: cls('subject_phrase_stops'),
    timeWords: cls('time_words'),
    forcesHeads: cls('forces_heads'),
    notAttackHeads: cls('not_attack_heads'),
    agentNouns: cls('agent_nouns'),
    genitiveNotAgentNouns: cls('genitive_not_agent_nouns'),
    lamAgentNouns: cls('lam_agent_nouns'),
    droneHeads: cls('drone_heads'),
    airModifiers: cls('air_modifiers'),
    targetPreps: cls('target_preps'),
    agentFillers: cls('agent_fillers'),
    agentHeads: cls('agent_heads'),
    announceVerbs: cls('announce_verbs'),
    announcedActs: cls('announced_acts'),
    speechVerbs: cls('speech_verbs'),
    statementNouns: cls('statement_nouns'),
    statementLinks: cls('statement_links'),
    interpolationOpeners: cls('interpolation_openers'),
    complementizers: cls('complementizers'),
    pronounComplementizers: cls('pronoun_complementizers'),
    firstPersonAgents: cls('first_person_agents'),
    byPhrases: by,
    hedges: cls('hedges'),
    clashPreps: cls('clash_preps'),
    hostVerbs: cls('host_verbs'),
    ownerHeads: cls('owner_heads'),
    stationedAfter: cls('stationed_after'),
    patronHeads: cls('patron_heads'),
    belongingHeads: cls('belonging_heads'),
    weaponOwnerHeads: cls('weapon_owner_heads'),
    claimDenials: cls('claim_denials'),
  };
}

let sharedContext: ActorContext | undefined;
function ctx(): ActorContext {
  sharedContext ??= loadActorContext();
  return sharedContext;
}

// ---------------------------------------------------------------------------
// small token helpers

const isPunct = (tokens: readonly Token[], k: number) => tokens[k]?.kind === 'punct';
const isQuote = (tokens: readonly Token[], k: number) => tokens[k]?.text === '"';
const isComma = (tokens: readonly Token[], k: number) => tokens[k]?.text === '،' || tokens[k]?.text === ',';

/** An attack verb that names its subject as the attacker ("هاجم", not "استهدف" whose neighbour is the target). */
function attackVerb(c: ActorContext, w: string, allowObjectFirst: boolean): boolean {
  return c.agentVerbs.has(w) && (allowObjectFirst || !c.objectFirstVerbs.has(w));
}

/** First sentence token of the sentence that holds token k. */
function sentenceStart(tokens: readonly Token[], k: number): number {
  const si = tokens[k]?.sentence;
  let i = k;
  while (i > 0 && tokens[i - 1].sentence === si) i--;
  return i;
}

// ---------------------------------------------------------------------------
// statements: speakers and first-person agents

/** A word that may stand in the phrase between a speaker and its clause ("في بيان لها"). */
function statementWord(c: ActorContext, w: string): boolean {
  return c.interpolationOpeners.has(w) || c.statementNouns.has(w) || c.statementLinks.has(w);
}

/**
 * Rule statement_clause. Token index just past the phrase that may stand between a
 * speaker and what it says ("، في بيان نشرته على قناتها في تلغرام،", "في بيان لها"),
 * or `k` itself when there is none.
 */
function skipInterpolation(c: ActorContext, tokens: readonly Token[], k: number, to: number): number {
  const limit = Math.min(to, k + 14);
  if (isComma(tokens, k)) {
    for (let j = k + 1; j < limit; j++) if (isComma(tokens, j)) return j + 1;
    return k;
  }
  if (tokens[k] && !isPunct(tokens, k) && c.interpolationOpeners.has(tokens[k].text)) {
    for (let j = k + 1; j < limit; j++) {
      if (c.complementizers.has(tokens[j].text)) return j;
      if (isPunct(tokens, j))
        return tokens[j].text === ':' || isQuote(tokens, j) ? j : isComma(tokens, j) ? j + 1 : k;
      // an act noun ends "أعلنت X في بيان لها استهداف …" when only statement words stand before it
      if (c.announcedActs.has(tokens[j].text) && j > k + 1) {
        let plain = true;
        for (let i = k; i < j; i++) if (!statementWord(c, tokens[i].text)) plain = false;
        return plain ? j : k;
      }
    }
  }
  return k;
}

/**
 * What the speaker says, starting at token k (after any interpolation):
 * - 'self': the speaker is the subject of an attack ("إنها استهدفت", "أن مجاهديها قصفوا", ": هاجم مجاهدونا");
 * - 'act': an announced act ("استهداف قاعدة …") — counts only after an announcement verb;
 * - null: anything else ("إن الفصائل استهدفت": someone else did it).
 */
function statementContent(
  c: ActorContext,
  tokens: readonly Token[],
  k: number,
  to: number,
): 'self' | 'act' | null {
  let j = k;
  while (j < to && (tokens[j].text === ':' || isQuote(tokens, j))) j++;
  if (j >= to) return null;
  const w = tokens[j].text;
  if (c.pronounComplementizers.has(w)) {
    const next = tokens[j + 1];
    return next && j + 1 < to && attackVerb(c, next.text, true) ? 'self' : null;
  }
  if (c.complementizers.has(w)) j++;
  while (j < to && isQuote(tokens, j)) j++;
  if (j >= to) return null;
  if (firstPersonAgentAt(c, tokens, j, to)) return 'self';
  if (c.announcedActs.has(tokens[j].text)) return 'act';
  return null;
}

/**
 * Rule statement_speaker (first-person agent). Token j is a first-person or speaker-possessive
 * fighter noun ("مجاهدونا", "مقاتليها") in agent position: right after an attack verb
 * ("هاجم مجاهدونا"), or right before one ("مجاهديها استهدفوا").
 */
function firstPersonAgentAt(c: ActorContext, tokens: readonly Token[], j: number, to: number): boolean {
  if (isPunct(tokens, j) || !c.firstPersonAgents.has(tokens[j].text)) return false;
  const prev = tokens[j - 1];
  if (prev && prev.kind !== 'punct' && attackVerb(c, prev.text, true)) return true;
  for (let k = j + 1; k < Math.min(to, j + 4); k++) {
    if (isPunct(tokens, k)) continue;
    if (attackVerb(c, tokens[k].text, true)) return true;
    break;
  }
  return false;
}

/**
 * Tokens of tokens [from, to) that open an agent phrase's noun ("من قبل فصائل مسلحة",
 * "بواسطة طائرات"): the token right after the phrase, its fighter words skipped. What stands
 * there did the attack; it is not its target.
 */
function agentPhraseHeads(tokens: readonly Token[], from: number, to: number, out: Set<number>): void {
  const c = ctx();
  for (const p of c.byPhrases.findLongest(tokens, from, to)) {
    let k = p.last + 1;
    while (k < to && c.agentFillers.has(tokens[k].text)) k++;
    if (k < to) out.add(k);
  }
}

/**
 * Tokens of [from, to) where a target word names who did the attack or who speaks, not whom it
 * struck: the heads of agent phrases, of verb subjects, of strike-noun genitives, and speakers
 * (rules agent-phrase, verb-subject-no-target, agent-genitive-no-target, speaker-no-target).
 */
export function notTargetHeads(
  tokens: readonly Token[],
  from: number,
  to: number,
  triggerTokens: ReadonlySet<number>,
): Set<number> {
  const out = new Set<number>();
  agentPhraseHeads(tokens, from, to, out);
  verbSubjectHeads(tokens, from, to, triggerTokens, out);
  agentGenitiveHeads(tokens, from, to, out);
  speakerHeads(tokens, from, to, out);
  return out;
}

/**
 * "فصائل موالية لطهران", "مقاتلين مؤيدين لدمشق", "المدعومين من واشنطن": is the name at token k
 * (its clitic ل, or after من) the patron of a group, so no place? (data: patron_heads, less
 * belonging_heads)
 */
export function patronAt(tokens: readonly Token[], k: number, clitic: string): boolean {
  const c = ctx();
  const patron = (j: number) => c.patronHeads.has(tokens[j].text) && !c.belongingHeads.has(tokens[j].text);
  if (clitic.endsWith('ل')) return k > 0 && patron(k - 1);
  return k > 1 && tokens[k - 1].text === 'من' && patron(k - 2);
}

/**
 * Rule agent-genitive-no-target: tokens of [from, to) that stand right after a strike or weapon
 * noun whose genitive is the attacker ("طائرات التحالف", "طيران التحالف الدولي", "القصف
 * التركي"): what stands there did the attack; it is not its target. ("هجوم القاعدة", "رد
 * الفصائل": nouns whose genitive is as often the target stay out, data: genitive_not_agent_nouns.)
 */
function agentGenitiveHeads(tokens: readonly Token[], from: number, to: number, out: Set<number>): void {
  const c = ctx();
  for (let k = Math.max(from, 1); k < to; k++) {
    if (agentGenitiveOf(c, tokens[k - 1].text)) out.add(k);
    // "قصف جوي للتحالف": a lam agent after the strike noun's manner words
    else if (/^ل/u.test(tokens[k].text)) {
      const j = wordBeforeManner(c, tokens, from, k);
      if (j >= 0 && c.lamAgentNouns.has(tokens[j].text)) out.add(k);
    }
  }
}

/**
 * "قصف جوي وصاروخي للتحالف": the token before the manner words (air_modifiers, at most three)
 * that stand right before token `at`, where the strike noun of a lam agent would be; -1 when no
 * manner word stands there.
 */
function wordBeforeManner(c: ActorContext, tokens: readonly Token[], from: number, at: number): number {
  let j = at - 1;
  while (j > from && j >= at - 3 && c.airModifiers.has(tokens[j].text)) j--;
  return j < at - 1 ? j : -1;
}

/** A strike or weapon noun whose genitive is its attacker ("طائرات", "القصف"; not "هجوم", "رد"). */
function agentGenitiveOf(c: ActorContext, w: string): boolean {
  return c.agentNouns.has(w) && !c.genitiveNotAgentNouns.has(w);
}

/** How far back from "في" the head of the subject it locates may stand ("مدفعية التحالف الدولي في"). */
const LOCATED_SUBJECT_REACH = 4;

/**
 * Rule attacker-location: "مدفعية التحالف الدولي في قاعدة حقل العمر قصفت مواقع …": a place after
 * "في" (token `inAt`) that stands between the weapons or forces doing an attack and their attack
 * verb (token `afterAt`, right after the place), or between them and the verb's object when the
 * verb comes first, says where the attackers are, not where the attack struck. Attack nouns
 * ("الهجوم في قاعدة X استهدف") are no such subject: their place is the attack's.
 */
export function attackerLocationAt(tokens: readonly Token[], inAt: number, afterAt: number): boolean {
  const c = ctx();
  if (tokens[inAt]?.text !== 'في' || !tokens[afterAt]) return false;
  let head = -1;
  for (let k = inAt - 1; k >= Math.max(0, inAt - LOCATED_SUBJECT_REACH) && head < 0; k--) {
    if (isPunct(tokens, k)) return false;
    const w = tokens[k].text;
    if (c.weaponOwnerHeads.has(w) || c.agentHeads.has(w) || c.forcesHeads.has(w)) head = k;
  }
  if (head < 0) return false;
  // subject, place, verb: "مدفعية التحالف في قاعدة حقل العمر قصفت …"
  if (c.agentVerbs.has(tokens[afterAt].text)) return true;
  // verb, subject, place, object: "قصفت مدفعية التحالف في قاعدة حقل العمر، فجر اليوم، مواقع …"
  const verb = head - 1;
  if (verb < 0 || !c.agentVerbs.has(tokens[verb].text)) return false;
  const k = pastTime(c, tokens, afterAt, tokens.length);
  return k < tokens.length && objectNoun(c, tokens[k].text);
}

/**
 * "تحليق مكثف لطيران الاحتلال الأمريكي", "تحليق للطيران الأمريكي": a flight (or watch) noun a few
 * words before token `at` (the aircraft noun, its genitive or adjective): the aircraft fly, they
 * are not said to strike (data: not_attack_heads).
 */
function flyingBefore(c: ActorContext, tokens: readonly Token[], from: number, at: number): boolean {
  for (let k = at - 1; k >= Math.max(from, at - 4); k--) {
    if (isPunct(tokens, k)) return false;
    if (c.notAttackHeads.has(tokens[k].text)) return true;
  }
  return false;
}

/**
 * Rule speaker-no-target: tokens of [from, to) right after a speech or announcement verb ("وأكد
 * الجيش العراقي أن …", "أعلنت القوات الأمنية"): the speaker of the clause, not its target.
 */
function speakerHeads(tokens: readonly Token[], from: number, to: number, out: Set<number>): void {
  const c = ctx();
  for (let k = Math.max(from, 1); k < to; k++) if (c.speechVerbs.has(tokens[k - 1].text)) out.add(k);
}

/** Words of the subject's noun phrase that may stand between its head and the verb's object. */
const SUBJECT_PHRASE_REACH = 4;

/**
 * Rule verb-subject-no-target: tokens of [from, to) that head the subject of an attack verb
 * in verb-subject-object order: "قصفت الفصائل قاعدة حرير", "قصفت قوات النظام بلدات في ريف
 * درعا", "استهدفت فصائل موالية لإيران بطائرات مسيرة قاعدة …". The word right after the verb
 * is its subject when an object (a site, a position, a vehicle) follows within its phrase,
 * after the subject's modifiers and perhaps its ب-means. What stands there did the attack;
 * it is not its target. ("وقصفت مقرات الحزب": the object right after the verb, no second noun.)
 */
function verbSubjectHeads(
  tokens: readonly Token[],
  from: number,
  to: number,
  triggerTokens: ReadonlySet<number>,
  out: Set<number>,
): void {
  const c = ctx();
  for (let v = from; v + 2 < to; v++) {
    if (!c.agentVerbs.has(tokens[v].text) || isPunct(tokens, v + 1)) continue;
    const head = v + 1;
    if (objectNoun(c, tokens[head].text)) continue;
    for (let k = head + 1; k < Math.min(to, head + 1 + SUBJECT_PHRASE_REACH); k++) {
      if (isPunct(tokens, k) || c.targetPreps.has(tokens[k].text) || c.subjectPhraseStops.has(tokens[k].text))
        break;
      if (objectAfter(c, tokens, k, to, triggerTokens)) {
        out.add(head);
        break;
      }
    }
  }
}

/** First-person agents ("هاجم مجاهدونا", "إن مقاتلينا استهدفوا") in tokens [from, to): token indices. */
export function firstPersonAgents(tokens: readonly Token[], from: number, to: number): number[] {
  const c = ctx();
  const out: number[] = [];
  for (let j = from; j < to; j++) if (firstPersonAgentAt(c, tokens, j, tokens.length)) out.push(j);
  return out;
}

/**
 * Rule report_date. Does the date at tokens [first, …) date a report rather than the event it
 * reports? Yes when a speech or claim verb stands at most `reach` tokens before it in the
 * sentence with no "that" between ("أعلنت القيادة، مساء أمس الاثنين، أن …", "كشف التنظيم صباح
 * اليوم عن مسؤوليته عن الهجوم") and the event word comes after the date.
 */
export function datesReport(
  tokens: readonly Token[],
  sentenceFrom: number,
  first: number,
  triggerFirst: number,
  reach = 8,
): boolean {
  if (triggerFirst <= first) return false;
  const c = ctx();
  for (let k = first - 1; k >= Math.max(sentenceFrom, first - reach); k--) {
    const w = isPunct(tokens, k) ? '' : tokens[k].text;
    if (c.complementizers.has(w) || c.agentVerbs.has(w)) return false;
    if (c.speechVerbs.has(w)) return true;
  }
  return false;
}

/** Is the mention the speaker of a statement: after a speech verb, after "بيان (صادر عن) X", or before its verb. */
function isSpeaker(c: ActorContext, tokens: readonly Token[], m: ActorMention, from: number): boolean {
  // quotes around a name are transparent: 'وقالت "كتائب حزب الله"'
  let b = m.first - 1;
  while (b >= from && isQuote(tokens, b)) b--;
  let a = m.last + 1;
  while (a < tokens.length && isQuote(tokens, a)) a++;
  const w = (k: number) =>
    k >= from && k >= 0 && k < tokens.length && !isPunct(tokens, k) ? tokens[k].text : '';
  if (c.speechVerbs.has(w(b))) return true;
  // "ذكرت اليوم X": one adverb between
  if (c.speechVerbs.has(w(b - 1)) && c.interpolationOpeners.has(w(b))) return true;
  // "في بيان لـ X", "بيان صادر عن X", "بيان X"
  let k = b;
  while (k >= from && k >= b - 2 && c.statementLinks.has(w(k))) k--;
  if (c.statementNouns.has(w(k))) return true;
  if (/^ل/u.test(tokens[m.first].text) && c.statementNouns.has(w(b))) return true;
  // "X قالت", "X، في بيان، أعلنت"
  if (c.speechVerbs.has(w(a))) return true;
  return false;
}

/**
 * The speaker of a statement: the last actor in the introducing tokens [introFrom, statementFrom)
 * that a speech verb or a statement noun makes the speaker ("أعلنت X في بيان:", "وقالت X إن",
 * "بيان صادر عن X"). Accused or hedged mentions are not speakers. Null when there is none.
 */
export function statementSpeaker(
  lex: Lexicon,
  tokens: readonly Token[],
  introFrom: number,
  statementFrom: number,
  find: ActorFinder = (from, to) => findActors(lex, tokens, from, to),
): ActorRole | null {
  const c = ctx();
  const mentions = find(introFrom, statementFrom);
  for (let i = mentions.length - 1; i >= 0; i--) {
    const m = mentions[i];
    if (!m.actor) continue;
    if (hedgedAt(c, tokens, introFrom, m.first)) continue;
    if (isSpeaker(c, tokens, m, introFrom))
      return { actor: m.actor, role: 'claimant', start: m.start, end: m.end, rule: 'statement_speaker' };
  }
  // "ذكرت الفصائل التي تعرف باسم X أن …": the first named actor after the last speech verb,
  // before the clause it introduces
  let verb = -1;
  for (let k = statementFrom - 1; k >= introFrom; k--)
    if (!isPunct(tokens, k) && c.speechVerbs.has(tokens[k].text)) {
      verb = k;
      break;
    }
  if (verb < 0) return null;
  for (const m of mentions) {
    if (m.first <= verb || m.first > verb + 12 || !m.actor) continue;
    let clause = false;
    for (let k = verb + 1; k < m.first; k++) if (c.complementizers.has(tokens[k].text)) clause = true;
    if (clause || hedgedAt(c, tokens, introFrom, m.first)) break;
    return { actor: m.actor, role: 'claimant', start: m.start, end: m.end, rule: 'statement_speaker' };
  }
  return null;
}

/**
 * The statement's speaker for a first-person agent at token j: searched in its own sentence
 * before it, then, when j stands inside a quote opened in the sentence before ("أعلنت X: «… .
 * هاجم مجاهدونا …»"), in that sentence. `introFrom` overrides where the search starts.
 */
export function speakerOfFirstPerson(
  lex: Lexicon,
  tokens: readonly Token[],
  j: number,
  introFrom?: number,
  find?: ActorFinder,
): ActorRole | null {
  if (introFrom !== undefined) return statementSpeaker(lex, tokens, introFrom, j, find);
  const s0 = sentenceStart(tokens, j);
  const same = statementSpeaker(lex, tokens, s0, j, find);
  if (same || s0 === 0) return same;
  const p0 = sentenceStart(tokens, s0 - 1);
  let quotes = 0;
  for (let k = p0; k < j; k++) if (isQuote(tokens, k)) quotes++;
  const prevEndsIntro = tokens[s0 - 1].text === ':' || isQuote(tokens, s0 - 1) || isQuote(tokens, s0);
  if (quotes % 2 === 1 || prevEndsIntro) return statementSpeaker(lex, tokens, p0, s0, find);
  return null;
}

// ---------------------------------------------------------------------------
// target, owner and hedge contexts

/** Suspicion, accusation or blame within five words before token `at`. */
function hedgedAt(c: ActorContext, tokens: readonly Token[], from: number, at: number): boolean {
  for (let k = Math.max(from, at - 5); k < at; k++)
    if (!isPunct(tokens, k) && c.hedges.has(tokens[k].text)) return true;
  return false;
}

/** Is there a weapon or aircraft noun ("طائرات", "صواريخ") among the few words up to token `at`? */
function weaponBefore(c: ActorContext, word: (k: number) => string, from: number, at: number): boolean {
  for (let k = at; k >= Math.max(from, at - 3); k--) if (c.weaponOwnerHeads.has(word(k))) return true;
  return false;
}

/**
 * The mention is a target, a host or an owner: after "على/ضد" (one word may stand between),
 * after a hosting verb ("قاعدة تضم قوات أمريكية"), after a site or convoy noun
 * ("قاعدة للتحالف", "رتل التحالف"), or before "المتمركزة/المتواجدة".
 */
function targetContext(
  c: ActorContext,
  word: (k: number) => string,
  tokens: readonly Token[],
  m: ActorMention,
): 'target' | 'host' | 'owner' | 'stationed' | 'patron' | null {
  const before = word(m.first - 1);
  // "هجوم على قوات X" (X attacked), but not "بعد أسبوع على إعلان X" (X announced)
  if (c.targetPreps.has(before)) return 'target';
  if (c.targetPreps.has(word(m.first - 2)) && !c.announceVerbs.has(before) && !statementWord(c, before))
    return 'target';
  if (c.hostVerbs.has(before)) return 'host';
  if (c.ownerHeads.has(before) && !c.agentNouns.has(before)) return 'owner';
  // "فصائل موالية لإيران", "مدعومة من إيران": the patron of another group
  if (
    c.patronHeads.has(before) ||
    ((before === 'من' || before === 'ل') && c.patronHeads.has(word(m.first - 2)))
  )
    return 'patron';
  if (c.stationedAfter.has(word(m.last + 1)) || c.stationedAfter.has(tokens[m.last + 1]?.text ?? ''))
    return 'stationed';
  return null;
}

// ---------------------------------------------------------------------------
// roles

/** Actor names of tokens [from, to) (the document may read short names back to full ones). */
export type ActorFinder = (from: number, to: number) => ActorMention[];

export interface ActorRoleOptions {
  /** how actor names are found outside the role range (default: findActors) */
  findActors?: ActorFinder;
  /**
   * Where the speaker of a first-person statement may be found (token index; the statement
   * is the role range). Default: the start of the statement's sentence, or of the sentence
   * before when the statement sits in a quote opened there.
   */
  introFrom?: number;
}

/**
 * Roles of actors in tokens [from, to) with respect to the attack triggers in that
 * range (`triggerTokens`). Mentions in a target, host or owner context get no role, nor do
 * accused or suspected ones. A first-person agent ("هاجم مجاهدونا") gives the statement's
 * speaker, which may stand before `from` (see ActorRoleOptions).
 */
export function actorRoles(
  lex: Lexicon,
  tokens: readonly Token[],
  from: number,
  to: number,
  mentions: ActorMention[],
  triggerTokens: ReadonlySet<number>,
  claimTokens: ReadonlySet<number>,
  options: ActorRoleOptions = {},
): ActorRole[] {
  const c = ctx();
  const roles: ActorRole[] = [];
  const word = (k: number) => (k >= from && k < to && tokens[k].kind !== 'punct' ? tokens[k].text : '');
  // nationality adjectives right after a strike/weapon noun: "غارة أمريكية", "طائرة مسيرة تركية"
  for (const adj of lex.actorAdjectives.findLongest(tokens, from, to)) {
    const p1 = adj.first - 1;
    const p2 = adj.first - 2;
    const p3 = adj.first - 3;
    // "قصف القوات الأمريكية المتمركزة في …", "هجوم على قوات أمريكية": the forces attacked
    const next = adj.last + 1 < to ? tokens[adj.last + 1].text : '';
    if (c.stationedAfter.has(next) || c.targetPreps.has(word(p2)) || c.hostVerbs.has(word(p2))) continue;
    if (flyingBefore(c, tokens, from, adj.first)) continue;
    if (
      triggerTokens.has(p1) ||
      c.agentNouns.has(word(p1)) ||
      // ("صواريخ القاعدة الأمريكية": the adjective is the site's, the word between owns it)
      (c.agentNouns.has(word(p2)) && !c.ownerHeads.has(word(p1))) ||
      c.droneHeads.has(word(p1)) ||
      (p3 >= from && c.agentNouns.has(word(p3)) && c.airModifiers.has(word(p1)))
    ) {
      roles.push({
        actor: adj.value,
        role: 'perpetrator',
        start: adj.start,
        end: adj.end,
        rule: 'nationality_adjective',
      });
    }
  }
  // "هاجم مجاهدونا …" inside a statement of X: X
  for (let j = from; j < to; j++) {
    if (!firstPersonAgentAt(c, tokens, j, to)) continue;
    const speaker = speakerOfFirstPerson(lex, tokens, j, options.introFrom, options.findActors);
    if (speaker) roles.push(speaker);
    break;
  }
  for (const m of mentions) {
    if (!m.actor) continue;
    const role = mentionRole(c, lex, tokens, from, to, m, word, triggerTokens, claimTokens);
    if (role) roles.push({ actor: m.actor, role: role.role, start: m.start, end: m.end, rule: role.rule });
  }
  return roles;
}

function mentionRole(
  c: ActorContext,
  lex: Lexicon,
  tokens: readonly Token[],
  from: number,
  to: number,
  m: ActorMention,
  word: (k: number) => string,
  triggerTokens: ReadonlySet<number>,
  claimTokens: ReadonlySet<number>,
): { role: 'claimant' | 'perpetrator'; rule: ActorRule } | null {
  const before = word(m.first - 1);
  if (hedgedAt(c, tokens, from, m.first)) return null;
  // "قصفت طائرات بدون طيار تابعة لدولة X المخيم": who the weapons belong to fired them
  if (c.patronHeads.has(before) && weaponBefore(c, word, from, m.first - 2))
    return { role: 'perpetrator', rule: 'weapon_owner' };
  if (targetContext(c, word, tokens, m)) return null;
  // claim: "تبنت X" / "X تبنت" / "أعلنت X مسؤوليتها" / "قالت X إنها شنت"
  for (let k = Math.max(from, m.first - 6); k <= Math.min(to - 1, m.last + 10); k++)
    if (claimTokens.has(k)) return { role: 'claimant', rule: 'claim_word' };
  // "أعلنت المقاومة الإسلامية في العراق استهداف قاعدة …": an announcement of its own attack
  if (c.announceVerbs.has(before || word(m.first - 2))) {
    for (let k = m.last + 1; k <= Math.min(to - 1, m.last + 4); k++) {
      if (tokens[k].kind === 'punct') continue;
      if (c.announcedActs.has(tokens[k].text)) return { role: 'claimant', rule: 'announced_act' };
      if (c.complementizers.has(tokens[k].text)) break;
    }
  }
  // "قالت X، في بيان نشرته على قناتها، إنها استهدفت …", "أعلنت X في بيان لها أن مجاهديها قصفوا …"
  if (isSpeaker(c, tokens, m, from)) {
    const k = skipInterpolation(c, tokens, c.speechVerbs.has(word(m.last + 1)) ? m.last + 2 : m.last + 1, to);
    const said = statementContent(c, tokens, k, to);
    if (said === 'self' || (said === 'act' && c.announceVerbs.has(before || word(m.first - 2))))
      return { role: 'claimant', rule: 'statement_clause' };
  }
  // subject of an attack verb, right after it: "أطلقت إيران", "شنت الولايات المتحدة"; after
  // "استهدف" only an armed group in the active reading ("استهدفت كتائب حزب الله قاعدة …", not
  // the passive "استهدفت كتائب حزب الله بغارة")
  const armedGroup = m.actor?.kind === 'militia' || m.actor?.kind === 'insurgent';
  const active = (verb: number) =>
    !subjectBefore(tokens, verb, triggerTokens) &&
    ((armedGroup && !passiveAfter(tokens, m.last + 1, to, triggerTokens)) ||
      objectAfter(c, tokens, m.last + 1, to, triggerTokens));
  if (attackVerb(c, before, active(m.first - 1))) return { role: 'perpetrator', rule: 'verb_subject' };
  // "هاجم مسلحون من تنظيم داعش", "استهدف عناصر كتائب حزب الله": the verb, then who did it
  let k = m.first - 1;
  while (k >= Math.max(from, m.first - 3) && c.agentFillers.has(tokens[k].text)) k--;
  const filled = k < m.first - 1;
  if (filled && k >= from && attackVerb(c, tokens[k].text, active(k)))
    return { role: 'perpetrator', rule: 'verb_filler_subject' };
  // genitive agent of a verbal noun: "اغتيال الولايات المتحدة", "القصف الأمريكي", "طائرات التحالف"
  if (agentGenitiveOf(c, before) && !flyingBefore(c, tokens, from, m.first - 1))
    return { role: 'perpetrator', rule: 'agent_genitive' };
  // agent phrase: "هجوم لتنظيم داعش", "من قبل X", "بواسطة طائرات التحالف"
  // ("من قبل" after an attack word only: "التحقيقات من قبل القوات العراقية" is no attack)
  // ("من قبل خلايا تنظيم داعش": fighter words may stand between the phrase and the group)
  let byEnd = m.first - 1;
  while (byEnd > Math.max(from, m.first - 3) && c.agentFillers.has(tokens[byEnd].text)) byEnd--;
  const by = c.byPhrases
    .findLongest(tokens, Math.max(from, byEnd - 2), byEnd + 1)
    .some(
      (p) =>
        p.last === byEnd && [1, 2, 3, 4].some((d) => triggerTokens.has(p.first - d) && p.first - d >= from),
    );
  if (by || (/^ل/u.test(tokens[m.first].text) && c.agentNouns.has(before)))
    return { role: 'perpetrator', rule: 'agent_phrase' };
  const clitic = tokens[m.first].text.slice(0, m.start - tokens[m.first].start);
  if (clitic === 'ل' && c.lamAgentNouns.has(before)) return { role: 'perpetrator', rule: 'agent_lam' };
  // "قصف جوي للتحالف الدولي", "قصف جوي وصاروخي للتحالف": the strike noun's manner words stand
  // between it and its lam agent
  // (every lam agent noun is an agent noun)
  if (/^ل/u.test(tokens[m.first].text)) {
    const j = wordBeforeManner(c, tokens, from, m.first);
    if (j >= 0 && c.agentNouns.has(word(j))) return { role: 'perpetrator', rule: 'agent_lam' };
  }
  // subject before a past-tense attack verb: "عناصر داعش هاجمت"
  // ("القوات الأمريكية استهدفت" may be read passive, "were targeted"; an armed group before
  // "استهدفت" is its subject: "المقاومة الإسلامية في العراق استهدفت قاعدة …")
  let ak = m.last + 1;
  while (ak < to && isQuote(tokens, ak)) ak++; // 'إن "المقاومة الإسلامية" استهدفت'
  const after = word(ak);
  // ("التحالف استهدف قبل منتصف ليل الخميس بلدة السوسة": an object after the verb makes it active;
  // fighter words before the group leave it to rule fighters_of)
  const activeAfter = armedGroup || (!filled && objectAfter(c, tokens, ak + 1, to, triggerTokens));
  if (attackVerb(c, after, activeAfter) && after.length <= 8)
    return { role: 'perpetrator', rule: 'subject_before_verb' };
  // "مقاتلو X، فجر اليوم، استهدفوا …", "عناصر من X استهدفوا": fighters of X, then their attack verb
  if (filled && k >= from - 1 && c.agentHeads.has(tokens[k + 1].text)) {
    for (let j = m.last + 1; j < Math.min(to, m.last + 7); j++) {
      if (isPunct(tokens, j)) continue;
      const w = tokens[j].text;
      if (attackVerb(c, w, true)) return { role: 'perpetrator', rule: 'fighters_of' };
      if (c.targetPreps.has(w) || c.complementizers.has(w) || triggerTokens.has(j)) break;
    }
  }
  if (lex.agentAliasHeads.has(tokens[m.first].text.replace(/^(?:و|ف)/u, '')))
    return { role: 'perpetrator', rule: 'arm_alias' };
  // a side of a clash: "اشتباكات مع عناصر من تنظيم داعش", "اشتباكات عنيفة بين X و…"
  for (let j = Math.max(from, m.first - 4); j < m.first; j++)
    if (c.clashPreps.has(tokens[j].text) && [1, 2, 3].some((d) => triggerTokens.has(j - d)))
      return { role: 'perpetrator', rule: 'clash_side' };
  return null;
}

/** Relative pronouns: "الهجوم الذي استهدف عناصر الحشد" — the attack is the verb's subject. */
const RELATIVES = new Set(['الذي', 'التي', 'اللذين', 'اللتين', 'الذين', 'اللذان', 'اللتان']);

/**
 * The verb at `verb` already has its subject before it: an attack word or weapon
 * ("طائرة مسيرة استهدفت عناصر الحشد") or a relative pronoun after one ("الهجوم الذي استهدف …").
 */
function subjectBefore(tokens: readonly Token[], verb: number, triggerTokens: ReadonlySet<number>): boolean {
  const k = verb - 1;
  if (k < 0) return false;
  return RELATIVES.has(tokens[k].text) || triggerTokens.has(k);
}

/**
 * "استهدفت كتائب حزب الله بغارة أمريكية": the group after the verb is followed by the means
 * ("ب" + attack word) or by its agent ("من قبل"), so the verb is read as a passive.
 */
function passiveAfter(
  tokens: readonly Token[],
  k: number,
  to: number,
  triggerTokens: ReadonlySet<number>,
): boolean {
  while (k < to && tokens[k].kind === 'punct') k++;
  if (k >= to) return false;
  const w = tokens[k].text;
  if (w === 'من' && tokens[k + 1]?.text === 'قبل') return true;
  return /^(?:و)?ب/u.test(w) && triggerTokens.has(k);
}

/** Past a time phrase at k, bare ("فجر اليوم") or between commas ("، فجر اليوم،"); k itself when none. */
function pastTime(c: ActorContext, tokens: readonly Token[], k: number, to: number): number {
  const comma = isComma(tokens, k);
  const start = comma ? k + 1 : k;
  let j = start;
  while (j < to && c.timeWords.has(tokens[j].text)) j++;
  if (j === start) return k;
  if (comma) return isComma(tokens, j) ? j + 1 : k;
  return isComma(tokens, j) ? k : j;
}

/**
 * Rule object-after: "استهدفت القوات الأمريكية بغارات جوية مواقع لكتائب حزب الله": after the
 * forces named after the verb, their means ("ب" + attack word and its modifiers) may stand,
 * then an object noun: the verb is active and the forces its subject. Without the object
 * ("استهدفت القوات الأمريكية بصواريخ في …") the passive reading stays open.
 */
function objectAfter(
  c: ActorContext,
  tokens: readonly Token[],
  k: number,
  to: number,
  triggerTokens: ReadonlySet<number>,
): boolean {
  k = pastTime(c, tokens, k, to);
  const means = (j: number) =>
    triggerTokens.has(j) || c.weaponOwnerHeads.has(tokens[j].text.replace(/^(?:و)?ب/u, ''));
  if (k < to && /^(?:و)?ب/u.test(tokens[k].text) && means(k)) {
    k++;
    while (k < to && (means(k) || c.meansModifiers.has(tokens[k].text))) k++;
    k = pastTime(c, tokens, k, to);
  }
  if (k >= to || isPunct(tokens, k)) return false;
  return objectNoun(c, tokens[k].text);
}

/** A noun that may be an attack verb's object: a site, a position, a vehicle (object_heads, owner_heads). */
function objectNoun(c: ActorContext, w: string): boolean {
  return c.objectHeads.has(w) || c.ownerHeads.has(w);
}

/** Token indices of claim words ("تبنت", "مسؤوليتها") in [from, to). */
export function claimTokenSet(lex: Lexicon, tokens: readonly Token[], from: number, to: number): Set<number> {
  const s = new Set<number>();
  for (const m of lex.claim.findLongest(tokens, from, to) as PhraseMatch<true>[]) {
    // rule denied-claim: "نفى التحالف مسؤوليته عن القصف" claims nothing
    // (the claimant's name may stand between: "نفت المقاومة الاسلاميه في العراق مسؤوليتها")
    let denied = false;
    for (let k = m.first - 1; k >= Math.max(from, m.first - 6) && tokens[k].kind !== 'punct'; k--)
      if (ctx().claimDenials.has(tokens[k].text)) denied = true;
    if (denied) continue;
    for (let k = m.first; k <= m.last; k++) s.add(k);
  }
  return s;
}
