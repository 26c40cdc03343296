/**
 * Stage 1 of reading an article: event mentions.
 *
 * Each clause group of a sentence (a trigger and the clauses that belong to it) yields
 * event mentions with the slots that the clause itself states: place, date, actor,
 * weapon, munitions, casualties, interception, target, each with its span. A clause
 * that reports an attack but names no place still yields one mention (place null): it
 * may carry the date, the claimant or the outcome of an event whose site another
 * sentence gives, and the discourse stage links it there.
 *
 * Every candidate that is not kept returns a named reason (see `Dropped`).
 */
import { type ActorRole, actorRoles, claimTokenSet, datesReport, notTargetHeads } from '../actors/actors.js';
import { type DateMention, shiftDate } from '../dates/dates.js';
import { COVERED_COUNTRIES, type Doc } from '../doc/doc.js';
import type { AnaphorKind, Lexicon, TriggerValue, Weapon } from '../lexicon/lexicon.js';
import type { PhraseMatch } from '../lexicon/matcher.js';
import { fold } from '../normalize/normalize.js';
import {
  collapseToContainer,
  eventPlaces,
  isEventPlaceCandidate,
  KIND_RANK,
  type PlaceMention,
} from '../places/places.js';
import type { Target } from '../record/record.js';
import type { Sentence, Token } from '../segment/segment.js';
import { type Casualties, findCasualties, violentKillings, zeroStatements } from './casualties.js';
import { type InterceptionRule, interceptionOf, refersBack } from './interception.js';
import {
  agencyDenial,
  anniversaryAt,
  anniversaryYear,
  blockedBy,
  deniedAfter,
  habitualAfter,
  isAnniversary,
  type ModalityCues,
  modalityCues,
  monthTollWord,
  pluralAttackNoun,
  prospectiveAfter,
  tallyAt,
  tallySpan,
} from './modality.js';
import { discourseVocab } from './vocab.js';
import { findWeapons, schemaWeapon, type WeaponMention } from './weapons.js';

/** Where a mention's date came from. */
export type DateSource =
  | 'clause' // a date in the mention's own clause
  | 'sentence' // the only date of the sentence
  | 'offset' // "بعد يومين من …", counted from the last day stated before it
  | 'since' // "منذ 2021": the year
  | 'none'; // the text gives no date for it (the discourse stage may give one)

export interface Mention {
  /** position in the article's list of mentions */
  id: number;
  sentence: number;
  /** the clause group, tokens [from, to) */
  from: number;
  to: number;
  trigger: PhraseMatch<TriggerValue>;
  kind: TriggerValue['kind'];
  /** null: the clause names no place (a donor of slots) */
  place: PlaceMention | null;
  /** one of several places of one clause ("في محافظات بابل والديوانية وذي قار") */
  listed: boolean;
  date: string | null;
  dateSpan?: [number, number];
  dateSource: DateSource;
  /** the date is of a night or a dawn ("ليل السبت", "فجر اليوم", "الليلة الماضية"): the event may sit on either calendar day */
  night: boolean;
  /** the date is of the report, not of the event ("أعلنت القيادة، مساء أمس، أن …"): the event fell on it or before */
  reportDated: boolean;
  actor: ActorRole | null;
  weapon: Weapon | null;
  weaponSpan?: [number, number];
  munitions: number | null;
  munitionsSpan?: [number, number];
  casualties: Casualties;
  intercepted: boolean | null;
  /** the rule that decided `intercepted` */
  interceptionRule: InterceptionRule;
  target: Target | null;
  /** the side the actor is on when attacked, and the side of the target (rule sides-apart; data: targets.json sides) */
  sides?: { attacker: string | null; target: string | null };
  evidence: [number, number];
  /** the trigger is a definite event noun ("الهجوم", "هذا القصف"): it refers back */
  definite: boolean;
  /** a sentence that tells only the outcome of the attack before it (rule outcome-sentence) */
  outcome?: boolean;
  /** the clause reports another event inside this one ("ردا على هجوم …", "بعد سقوط صاروخ") */
  embedded: boolean;
  /** the clause is background history ("كان قد", "سبق أن", "في وقت سابق") */
  background: boolean;
  /** the sentence opens with a pluperfect auxiliary ("وكان مسؤولون قد أعلنوا، الأربعاء الماضي، …")
   * and the clause is dated to a day before the publication: it recaps an earlier event */
  recap?: boolean;
  /** the clause dates itself against another event ("قبل ذلك بيومين") */
  relativeToAnother: boolean;
  /** "في اليوم نفسه": the same day as the event reported before */
  sameDay: boolean;
  /** the sentence opens with "وفي X،": it continues the report before it */
  fronted: boolean;
  /** "هجوم آخر", "هجوم مماثل": the clause says it is another event than one reported before */
  another: boolean;
  /** "وهذا الاستهداف هو الثاني من نوعه للقاعدة …": the clause counts the event already told */
  ofItsKind: boolean;
  /** a definite event noun in a sentence that disputes an event ("نفى أن يكون الهجوم وقع في …"): its place is a rival account */
  disputed: boolean;
  /** an undated mention: the one day-precision date of the sentence before or after it that names the same place */
  neighbourDay: { date: string; span: [number, number] } | null;
  /** slot → the discourse rule that filled it */
  filled: Partial<Record<Slot, string>>;
}

export type Slot =
  | 'date'
  | 'actor'
  | 'weapon'
  | 'munitions'
  | 'killed'
  | 'injured'
  | 'intercepted'
  | 'target';

export interface Dropped {
  sentence: number;
  trigger: string;
  reason: string;
}

interface Group {
  from: number;
  to: number;
  triggers: PhraseMatch<TriggerValue>[];
  embedded: boolean;
}

const V = discourseVocab();
/** How many sentences after an attack's mention an outcome sentence may stand. */
const OUTCOME_REACH = 1;
/** Reasons an attack word of an outcome sentence may have been dropped for (it names no attack). */
const OUTCOME_DROPS = ['weak-trigger', 'toll-word', 'no-violence'];
const DEFINITE_RE = /^(?:[وف])?(?:[بلك])?ال|^(?:[وف])?لل/u;

/** the first words of the two-word clause openers ("في حين"): the pair is looked up only after one */
const CLAUSE_PAIR_FIRSTS: ReadonlySet<string> = new Set([...V.clausePairs].map((p) => p.split(' ')[0]));

function isClauseOpener(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k].text;
  return (
    V.clauseWords.has(t) ||
    (CLAUSE_PAIR_FIRSTS.has(t) &&
      V.clausePairs.has(`${t} ${tokens[k + 1]?.text ?? ''}`) &&
      // ("في وقت متاخر من ليل امس" is a time, "في وقت تشهد فيه …" a clause)
      !V.clausePairExclusions.has(tokens[k + 2]?.text ?? ''))
  );
}

const WAW = 'و'.charCodeAt(0);
const FA = 'ف'.charCodeAt(0);
/** The word without a leading conjunction و or ف. */
const withoutConjunction = (w: string): string => {
  const c = w.charCodeAt(0);
  return c === WAW || c === FA ? w.slice(1) : w;
};

/** Splits a sentence's tokens into clause segments [start, end), the embedded ones marked. */
function clauseSegments(
  tokens: readonly Token[],
  s: Sentence,
  triggerStarts: ReadonlySet<number>,
  strongStarts: ReadonlySet<number>,
  killedStarts: () => ReadonlySet<number>,
): { from: number; to: number; embedded: boolean }[] {
  const out: { from: number; to: number; embedded: boolean }[] = [];
  let start = s.tokenStart;
  let embedded = false;
  const close = (k: number) => {
    if (k > start) out.push({ from: start, to: k, embedded });
  };
  for (let k = s.tokenStart; k < s.tokenEnd; k++) {
    const t = tokens[k];
    if (t.kind === 'punct' && V.clausePunct.has(t.text)) {
      close(k);
      start = k + 1;
      embedded = false;
    } else if (k > start && (isClauseOpener(tokens, k) || V.clauseBreaks.has(t.text))) {
      close(k);
      start = k;
      embedded = false;
    } else if (embeddingAt(tokens, k, s, triggerStarts, strongStarts, killedStarts)) {
      // "ردا على هجوم …", "بعد سقوط صاروخ …": another event starts here
      close(k);
      start = k;
      embedded = true;
    }
  }
  close(s.tokenEnd);
  return out;
}

/**
 * An embedding word ("ردا", "بعد", "عقب") with an attack word within the next three tokens,
 * in a sentence that reports an attack of its own outside that clause: "قتل جنديان إثر
 * هجوم" has one event (the attack is the cause of the deaths), "قصفت … ردا على هجوم" two.
 */
function embeddingAt(
  tokens: readonly Token[],
  k: number,
  s: Sentence,
  triggerStarts: ReadonlySet<number>,
  strongStarts: ReadonlySet<number>,
  killedStarts: () => ReadonlySet<number>,
) {
  const w = withoutConjunction(tokens[k].text);
  if (!V.embedding.has(w) && !V.embedding.has(tokens[k].text)) return false;
  let inner = -1;
  // "بعد أيام من إعلان X استهداف …": a duration, and an announcement with its announcer, may come first
  let at = k + 1;
  while (at < s.tokenEnd && (durationWord(tokens[at].text) || durationCount(tokens, at))) at++;
  const announced = at < s.tokenEnd && V.embeddingAnnouncements.has(tokens[at].text);
  const reach = announced ? V.announcementReach : 3;
  // "ردا على هجوم", "انتقاما لمقتل 3 جنود": an attack word or a killing
  for (let j = at; j <= Math.min(s.tokenEnd - 1, at - 1 + reach); j++)
    if (triggerStarts.has(j) || killedStarts().has(j)) {
      inner = j;
      break;
    }
  if (inner < 0) return false;
  // "وجاء ذلك بعد ساعات على محاولة انتحاري …": the sentence's subject is the event told before
  if (comesAfter(tokens, s.tokenStart, k)) return true;
  let clauseEnd = inner;
  while (clauseEnd < s.tokenEnd && !V.clausePunct.has(tokens[clauseEnd].text)) clauseEnd++;
  for (const t of strongStarts)
    if ((t >= s.tokenStart && t < k) || (t >= clauseEnd && t < s.tokenEnd)) return true;
  return false;
}

/** A report noun right before the trigger, or before "عن" before it ("أنباء عن استهداف"). */
function reportedAt(tokens: readonly Token[], t: number, from: number): boolean {
  const before = t - 1 >= from ? tokens[t - 1].text : '';
  if (V.reportNouns.has(before)) return true;
  return (before === 'عن' || before === 'بشان') && t - 2 >= from && V.reportNouns.has(tokens[t - 2].text);
}

/** Trigger kinds that are violence by themselves, with no weapon, site or victim named. */
const VIOLENT_KINDS: ReadonlySet<string> = new Set(['airstrike', 'clash', 'suicide']);

/**
 * "ويأتي ذلك بعد …", "وجاء هذا التطور عقب …": the sentence opens with a coming-after verb and a
 * demonstrative (and at most one noun), right before the embedding word at k.
 */
function comesAfter(tokens: readonly Token[], from: number, k: number): boolean {
  if (k - from < 2 || k - from > 3) return false;
  return V.comesAfterVerbs.has(tokens[from].text) && V.demonstratives.has(tokens[from + 1].text);
}

/** A word of a duration after an embedding word: "بعد (أقل من أسبوع على) …". */
const durationWord = (w: string) => V.embeddingDurations.has(w) || V.embeddingLinks.has(w);

/** "بعد 24 ساعة على …": digits before a time word count the duration. */
const durationCount = (tokens: readonly Token[], k: number) =>
  tokens[k].kind === 'num' && tokens[k + 1] !== undefined && V.embeddingDurations.has(tokens[k + 1].text);

/** "بعد أيام من …", "بعد أقل من أسبوع على …": the embedding word opens a duration (a time word soon after it). */
function opensDuration(tokens: readonly Token[], k: number): boolean {
  for (
    let j = k + 1;
    j < tokens.length && j <= k + 4 && (durationWord(tokens[j].text) || durationCount(tokens, j));
    j++
  )
    if (V.embeddingDurations.has(tokens[j].text)) return true;
  return false;
}

/** "وكانت تعرضت القاعدة لقصف …": a sentence that opens in the pluperfect tells background. */
function pluperfect(tokens: readonly Token[], s: Sentence, trigger: PhraseMatch<TriggerValue>): boolean {
  const first = tokens[s.tokenStart];
  return V.pluperfectAuxiliaries.has(first.text) && trigger.first - s.tokenStart <= 6;
}

/** A recap dated this many days or more before the publication tells an earlier event (the day
 * before is the news cycle's own lag: "وكان الجيش قد أعلن أن قذائف سقطت، الجمعة" in Saturday's paper) */
const RECAP_LAG_DAYS = 1;

/**
 * Rule recap-earlier: does sentence `s`, opened by a pluperfect auxiliary ("وكان مسؤولون قد
 * أعلنوا، الأربعاء الماضي، …"), give `date` as a day more than the news cycle's lag before the
 * publication? Then it recaps an earlier event.
 */
function recapDay(doc: Doc, s: Sentence, date: string | null): boolean {
  if (date?.length !== 10 || doc.published === null) return false;
  if (!V.pluperfectAuxiliaries.has(doc.tokens[s.tokenStart].text)) return false;
  return date < shiftDate(doc.published.slice(0, 10), -RECAP_LAG_DAYS);
}

/** A date that can date a clause by itself: not "since …", not an offset from another date. */
const datesAClause = (d: DateMention) => !d.since && d.kind !== 'offset' && d.date !== null;

const isNight = (d: DateMention) => d.night === true || d.partOfDay === 'night' || d.partOfDay === 'dawn';

/** Reads the event mentions of one article. */
export class MentionReader {
  readonly dropped: Dropped[] = [];
  private readonly mentions: Mention[] = [];
  /** start tokens of triggers inside an anniversary or commemoration (rule recalled-event) */
  private readonly recalled = new Set<number>();

  /**
   * @param stopEarly stop at rules no-attack-no-weapon and no-place-no-event (extraction); without
   * it every candidate is read and its drop reason kept (explain)
   */
  constructor(
    private readonly doc: Doc,
    private readonly stopEarly = false,
  ) {}

  /** token spans [denial, attack word) where no attacker or target is read (rule denied-agency) */
  private readonly agencyDenied: [number, number][] = [];
  /** the last sentence where a tally was dropped (rule tally-continues) */
  private tallySentence = -1;

  private drop(s: Sentence, trigger: PhraseMatch<TriggerValue> | string, reason: string) {
    if (reason.startsWith('tally') || reason === 'modality: tally') this.tallySentence = s.index;
    this.dropped.push({
      sentence: s.index,
      trigger: typeof trigger === 'string' ? trigger : this.doc.norm.slice(trigger.start, trigger.end),
      reason,
    });
  }

  read(): Mention[] {
    const { doc } = this;
    const { tokens } = doc;
    if (tokens.length === 0) return [];
    const triggers = doc.lex.triggers.findLongestIn(doc.norm, tokens);
    if (this.stopEarly && (!attackOrWeapon(doc, triggers) || !placeable(doc, triggers))) return [];
    const bySentence = new Map<number, PhraseMatch<TriggerValue>[]>();
    for (const t of triggers) {
      const si = tokens[t.first].sentence;
      const list = bySentence.get(si) ?? [];
      list.push(t);
      bySentence.set(si, list);
    }
    for (const s of doc.sentences) {
      const found = this.mentions.length;
      const dropped = this.dropped.length;
      const trigs = this.attackWords(s, this.kamikazeDrones(s, bySentence.get(s.index) ?? []));
      if (trigs.length && V.boilerplate.test(doc.norm.slice(s.start, s.end))) {
        this.drop(s, trigs[0], 'boilerplate: related-links furniture');
        continue;
      }
      if (trigs.length) for (const g of this.groups(s, trigs)) this.mentions.push(...this.mentionsOf(s, g));
      if (this.mentions.length === found) {
        const outcome = this.outcomeOf(s, this.dropped.slice(dropped));
        if (outcome) this.mentions.push(outcome);
      }
    }
    return this.deniedReports();
  }

  /** Sentences where reports of an attack are called untrue ("الأنباء عن استهداف … ليست صحيحة"). */
  private readonly reportsDenied: number[] = [];

  /**
   * Rule denied-reports: where the article calls reports of an attack untrue, the reports of it
   * it gives elsewhere ("ونشرت وسائل إعلام، مساء الاثنين، أنباء عن استهداف قاعدة عين الأسد")
   * are the denied event; an attack it tells as fact stays.
   */
  private deniedReports(): Mention[] {
    if (!this.reportsDenied.length) return this.mentions;
    const { tokens } = this.doc;
    return this.mentions.filter((m) => {
      if (!reportedAt(tokens, m.trigger.first, this.doc.sentences[m.sentence].tokenStart)) return true;
      this.drop(
        this.doc.sentences[m.sentence],
        m.trigger,
        'denied-reports: the article calls these reports untrue',
      );
      return false;
    });
  }

  /**
   * Rule kamikaze-drone: "طائرة مسيرة انتحارية" is a one-way drone, not a suicide bombing: a
   * suicide adjective right after a drone names the drone's manner, a plain attack word.
   */
  private kamikazeDrones(s: Sentence, triggers: PhraseMatch<TriggerValue>[]): PhraseMatch<TriggerValue>[] {
    if (!triggers.some((t) => t.value.kind === 'suicide')) return triggers;
    const { lex, norm, tokens } = this.doc;
    const drones = findWeapons(lex, norm, tokens, s.tokenStart, s.tokenEnd).filter(
      (w) => w.weapon === 'drone',
    );
    return triggers.map((t) =>
      t.value.kind === 'suicide' && t.first === t.last && drones.some((w) => w.last === t.first - 1)
        ? { ...t, value: { ...t.value, kind: 'attack', implies: undefined } }
        : t,
    );
  }

  /**
   * Rule toll-word: a casualty word inside a statement of zero ("لم تقع إصابات", "دون وقوع
   * إصابات") names the outcome, not an attack: it is no trigger, and its clause belongs to the
   * report before it ("…، مشيرة إلى أنه لم تقع إصابات").
   */
  private attackWords(s: Sentence, triggers: PhraseMatch<TriggerValue>[]): PhraseMatch<TriggerValue>[] {
    if (triggers.length === 0) return triggers;
    const { lex, norm, tokens } = this.doc;
    const casualtyWord = (t: PhraseMatch<TriggerValue>) =>
      lex.injured.matchAt(tokens, t.first).length > 0 ||
      lex.killed.matchAt(tokens, t.first).length > 0 ||
      lex.bothCasualties.matchAt(tokens, t.first).length > 0;
    // (the statements of zero are read only when some trigger is a casualty word)
    if (!triggers.some(casualtyWord)) return triggers;
    const zeros = zeroStatements(lex, norm, tokens, s.tokenStart, s.tokenEnd);
    if (zeros.length === 0) return triggers;
    return triggers.filter((t) => {
      const toll = casualtyWord(t) && zeros.some((z) => t.start >= z.start && t.end <= z.end);
      if (toll) this.drop(s, t, 'toll-word: the casualty word of a statement of zero, not an attack');
      return !toll;
    });
  }

  /**
   * Rule outcome-sentence: a sentence right after a reported attack that reports no attack of
   * its own, only a toll or a statement of zero ("ولم يصب أحد بأذى.", "وأصيب ثلاثة جنود بجروح
   * طفيفة."), tells the outcome of that attack. It yields a mention with no place and no date
   * (it refers back, as a definite "الهجوم" does), which the discourse stage folds into the event
   * before it and never into one after it. Not when the sentence has a date, a place of its own,
   * a background or modality cue (a hedge, a threat, a series …), an attack word dropped for
   * any reason but a missing weapon, a toll that follows "بعد", "منذ" … (another event), or a
   * toll over a span of time ("خلال ثلاثة أشهر": a tally).
   */
  private outcomeOf(s: Sentence, dropped: Dropped[]): Mention | null {
    const { doc } = this;
    const { lex, norm, tokens } = doc;
    const prev = this.mentions[this.mentions.length - 1];
    if (!prev || prev.embedded || s.index - prev.sentence > OUTCOME_REACH) return null;
    if (!dropped.every((d) => OUTCOME_DROPS.some((r) => d.reason.startsWith(r)))) return null;
    const { tokenStart: from, tokenEnd: to } = s;
    if (!lex.killed.findAll(tokens, from, to).length && !lex.injured.findAll(tokens, from, to).length) {
      if (zeroStatements(lex, norm, tokens, from, to).length === 0) return null;
    }
    if (doc.datesIn(s).some((d) => d.date !== null && !d.vague)) return null;
    const prevPlace = prev.place?.place.id;
    if (doc.placesIn(s).some((p) => p.place.id !== prevPlace && KIND_RANK[p.place.kind] < KIND_RANK.province))
      return null;
    if (V.background.findAll(tokens, from, to).length > 0 || V.pluperfectAuxiliaries.has(tokens[from].text))
      return null;
    if (modalityCues(lex, tokens, from, to).matches.some((m) => m.value !== 'negation')) return null;
    // "إن 75 شخصا قتلوا في معارك الأنبار خلال ثلاثة أشهر": a toll over a span is a tally
    if (tallySpan(tokens, from, to)) return null;
    const casualties = findCasualties(lex, norm, tokens, from, to, { text: doc.nt });
    const counts = [casualties.killed, casualties.injured].filter((c) => c !== null && c.value !== null);
    if (counts.length === 0) return null;
    // "إن الضحايا من المقاتلين ولم تسجل خسائر في صفوف الجيش": victims named beside a zero
    if (counts.every((c) => c?.value === 0)) {
      const zeros = zeroStatements(lex, norm, tokens, from, to);
      const words = [
        ...lex.killed.findAll(tokens, from, to),
        ...lex.injured.findAll(tokens, from, to),
        ...lex.bothCasualties.findAll(tokens, from, to),
      ];
      if (words.some((w) => !zeros.some((z) => w.start >= z.start && w.end <= z.end))) return null;
    }
    // "منذ مقتل القائد", "بعد إصابة 3 جنود": a toll of another event
    for (const c of counts) {
      const k = tokens.findIndex((t, i) => i >= from && i < to && t.end > (c?.start ?? 0));
      for (let j = Math.max(from, k - 3); j < k; j++)
        if (V.embedding.has(withoutConjunction(tokens[j].text))) return null;
    }
    const first = counts.reduce((a, c) => Math.min(a, c?.start ?? a), tokens[to - 1].end);
    const at = Math.max(
      from,
      tokens.findIndex((t, i) => i >= from && i < to && t.end > first),
    );
    const trigger: PhraseMatch<TriggerValue> = {
      value: { kind: 'attack', strong: false },
      phrase: '',
      first: at,
      last: at,
      start: tokens[at].start,
      end: tokens[at].end,
      clitic: '',
    };
    return {
      id: -1,
      sentence: s.index,
      from,
      to,
      trigger,
      kind: 'attack',
      place: null,
      listed: false,
      date: null,
      dateSource: 'none',
      night: false,
      reportDated: false,
      actor: null,
      weapon: null,
      munitions: null,
      casualties,
      intercepted: null,
      interceptionRule: 'no-outcome',
      target: null,
      evidence: [tokens[from].start, tokens[to - 1].end],
      definite: true,
      outcome: true,
      embedded: false,
      background: false,
      relativeToAnother: false,
      sameDay: false,
      fronted: false,
      another: false,
      ofItsKind: false,
      disputed: false,
      neighbourDay: null,
      filled: {},
    };
  }

  /** The last place of a kind mentioned before token `before` (for "نفس القاعدة"). */
  private antecedentPlace(kind: AnaphorKind, before: number, head: string): PlaceMention | null {
    const want =
      kind === 'base'
        ? ['base']
        : kind === 'airport'
          ? ['airport', 'base']
          : kind === 'facility'
            ? ['facility', 'base']
            : ['facility', 'base', 'airport'];
    // a facility is of many sorts: "المخيم" refers back to a camp ("مخيم مخمور"), "السفارة" to an embassy
    const noun = fold(head).replace(/^[وفبل]?ال/u, '');
    const named = (p: PlaceMention) =>
      kind !== 'facility' || p.place.ar.some((n) => fold(n).split(' ').includes(noun));
    for (let si = this.doc.tokens[before].sentence; si >= 0; si--) {
      const places = this.doc
        .placesIn(this.doc.sentences[si])
        .filter((p) => p.last < before && want.includes(p.place.kind) && named(p));
      if (places.length) return places[places.length - 1];
    }
    return null;
  }

  /** Triggers of a sentence that report an attack, with the clause groups around them. */
  private groups(s: Sentence, triggers: PhraseMatch<TriggerValue>[]): Group[] {
    const { lex, tokens } = this.doc;
    const starts = new Set(triggers.map((t) => t.first));
    const strongStarts = new Set(triggers.filter((t) => t.value.strong).map((t) => t.first));
    // (the killings are read only when an embedding word asks: "انتقاما لمقتل 3 جنود")
    let killed: ReadonlySet<number> | null = null;
    const killedStarts = () => {
      killed ??= new Set(violentKillings(lex, tokens, s.tokenStart, s.tokenEnd).map((m) => m.first));
      return killed;
    };
    const segments = clauseSegments(tokens, s, starts, strongStarts, killedStarts);
    const cues = seriesCountCues(
      modalityCues(lex, tokens, s.tokenStart, s.tokenEnd),
      this.doc.norm,
      tokens,
      s,
    );
    // "تتعرض القاعدة باستمرار لهجمات … كان آخرها في 20 يناير": the latest of a series is an event
    const latest = lex.latestOfSeries.findAll(tokens, s.tokenStart, s.tokenEnd).length > 0;
    // a question reports nothing: "هل تستطيع واشنطن وقف الهجمات …؟"
    const last = tokens[s.tokenEnd - 1]?.text;
    if (last === '؟' || last === '?' || tokens[s.tokenStart].text === 'هل') {
      this.drop(s, triggers[0], 'question: a question reports nothing');
      return [];
    }
    // (a day, or a night over two named days, which is dated to its month: "ليل الاثنين الثلاثاء";
    // the sentence's dates are read only when a habitual trigger asks)
    const dayDated = () =>
      this.doc
        .datesIn(s)
        .some(
          (d) => d.date !== null && !d.vague && !d.since && (d.precision === 'day' || d.kind === 'weekday'),
        );
    // rule ongoing-today: "وتشن القوات التركية منذ صباح اليوم قصفا مدفعيا على قرى …": a present
    // tense since a time of this day or the day before tells what is going on, not a habit
    const ongoingToday = () =>
      this.doc
        .datesIn(s)
        .some((d) => d.since === true && d.kind === 'relative-day' && d.date !== null && !d.vague);
    const datedSeriesAt = (t: number) =>
      lex.datedSeries.findAll(tokens, Math.max(s.tokenStart, t - 3), t).some((m) => m.last >= t - 2);
    const groups: Group[] = [];
    let pendingFrom = -1;
    let closed = false;
    for (const seg of segments) {
      const { from, to } = seg;
      const live = triggers.filter((t) => {
        if (t.first < from || t.first >= to) return false;
        // rule embedded-own-modality: an embedded event has its own mood ("هذه الهجمات تأتي ردا على
        // القصف الذي …": the series is the main clause's, the strike it answers happened)
        const why = blockedBy(cues, tokens, seg.embedded ? from : s.tokenStart, t.first);
        // rule denied-agency: "نفت واشنطن قيامها بقصف …" denies the attacker, not the attack
        const denial = agencyDenial(cues, tokens, seg.embedded ? from : s.tokenStart, t.first);
        if (denial) this.agencyDenied.push(denial);
        if (denial && why === 'negation') return true;
        if (why === 'habitual' && latest) return true;
        if (why === 'habitual' && ongoingToday()) return true;
        // rule recalled-event: "الذكرى الثانية لاغتيال …" recalls the old event, dated on its own (mentionsOf)
        if (why === 'commemoration') {
          this.recalled.add(t.first);
          return true;
        }
        // rule dated-series: "شنت الطائرات، ليل الأربعاء الخميس، سلسلة غارات": one wave of air strikes
        if (why === 'habitual' && t.value.kind === 'airstrike' && dayDated() && datedSeriesAt(t.first))
          return true;
        const series = habitualAfter(lex, tokens, t.last, to);
        const prospective = !series && prospectiveAfter(lex, tokens, t.last, to);
        const denied = !series && !prospective && deniedAfter(lex, tokens, t.last, s.tokenEnd);
        if (denied && reportedAt(tokens, t.first, s.tokenStart)) this.reportsDenied.push(s.index);
        if (why !== null || series || prospective || denied)
          this.drop(
            s,
            t,
            `modality: ${why ?? (series ? 'habitual series after the trigger' : prospective ? 'prospective: still to come' : 'denied or an exercise after the trigger')}`,
          );
        return why === null && !series && !prospective && !denied;
      });
      const contrastive = isClauseOpener(tokens, from);
      const blockedHere = triggers.some((t) => t.first >= from && t.first < to) && live.length === 0;
      // rule interception-refers-back: "…، تمكنت الدفاعات من إسقاطهما": an interception that carries
      // its projectile as a pronoun is the outcome of the clause before it
      const prevGroup = groups[groups.length - 1];
      const outcomeOfPrev =
        live.length > 0 &&
        prevGroup !== undefined &&
        !closed &&
        !contrastive &&
        prevGroup.to >= from - 1 &&
        live.every((t) => t.value.kind === 'intercept' && refersBack(tokens, t));
      if (outcomeOfPrev) {
        prevGroup.to = to;
        prevGroup.triggers.push(...live);
      } else if (live.length) {
        // ("…، وأن الطائرات نفذت الهجوم": a second proposition has no lead-in)
        const second = V.secondComplements.has(tokens[from].text);
        groups.push({
          from: pendingFrom >= 0 && !seg.embedded && !second ? pendingFrom : from,
          to,
          triggers: live,
          embedded: seg.embedded,
        });
        pendingFrom = -1;
        closed = false;
      } else if (blockedHere || contrastive) {
        // a threat, a series or "في حين طالبت …" ends the clause before and starts nothing
        closed = true;
        pendingFrom = -1;
      } else if (groups.length && !closed) {
        // "، التي تقع في محافظة الأنبار" belongs to the clause before
        groups[groups.length - 1].to = to;
      } else if (pendingFrom < 0 && !closed) {
        // a lead-in ("أما يوم الاثنين،") belongs to the trigger clause after it
        pendingFrom = from;
      }
    }
    // a trigger clause with no place and its neighbour are one report ("تعرضت قاعدة X، مساء الخميس، لقصف صاروخي")
    const named = (g: Group) => this.doc.placesIn(s).some((p) => p.first >= g.from && p.last < g.to);
    const hasPlace = (g: Group) => named(g) || lex.anaphora.findAll(tokens, g.from, g.to).length > 0;
    const merged: Group[] = [];
    for (const g of groups) {
      const prev = merged[merged.length - 1];
      // an embedded event with no place and the clause after it ("بعد يومين من اغتيال X، … بضربة
      // جوية قرب المطار") are one report; an embedded clause never swallows the main one after it
      // a tally ("أربع قواعد بستة هجمات") does not swallow the breakdown after it
      const tallied = (x: Group) => tallyAt(this.doc.norm, tokens, x.from, x.to) !== null;
      // "سجل أول استهداف في نيسان، ثم استهدفت في أيار مصفاة X": two clauses, two dates, two events
      const dateOf = (x: Group) =>
        this.doc
          .datesIn(s)
          .find((d) => datesAClause(d) && d.start >= tokens[x.from].start && d.end <= tokens[x.to - 1].end)
          ?.date;
      const ownDates = (a: Group, b: Group) => {
        const da = dateOf(a);
        const db = dateOf(b);
        return da != null && db != null && !da.startsWith(db) && !db.startsWith(da);
      };
      // "…، فيما شهدت مواقع أخرى هجمات مماثلة": a clause that says it tells another event
      const another = this.tellsAnother(g);
      // rule exposure-complement: "تعرضت قاعدة X، التي …، صباح اليوم، لهجوم": the verb's subject is
      // the target and the attack its complement, one report whatever stands between
      const exposure =
        prev !== undefined &&
        prev.embedded === g.embedded &&
        prev.triggers.every((t) => this.exposureVerb(t)) &&
        /^ل/u.test(tokens[g.triggers[0].first].text);
      const joinable =
        prev &&
        prev.to >= g.from - 1 &&
        !(tallied(prev) && hasPlace(g)) &&
        !ownDates(prev, g) &&
        !another &&
        (exposure ||
          (prev.embedded === g.embedded
            ? // ("وكانت قاعدة فيكتوريا، قد تعرضت، الاثنين، لهجوم …، التابعة للقاعدة": a place named
              // before, and only a word referring back to it after)
              !hasPlace(prev) || !hasPlace(g) || (named(prev) && !named(g))
            : prev.embedded && !hasPlace(prev)));
      if (prev && joinable) {
        prev.to = Math.max(prev.to, g.to);
        prev.triggers.push(...g.triggers);
        prev.embedded = prev.embedded && g.embedded;
      } else merged.push({ ...g, triggers: [...g.triggers] });
    }
    return merged;
  }

  /**
   * "وتمكنت الدفاعات من إسقاط الطائرة": an interception of a definite object, within two
   * sentences after a mention whose weapon is a projectile, downs that projectile.
   */
  private downsProjectileBefore(s: Sentence, intercepts: PhraseMatch<TriggerValue>[]): boolean {
    const prev = this.mentions[this.mentions.length - 1];
    if (!prev || s.index - prev.sentence > 2) return false;
    if (!prev.weapon || !['drone', 'rocket', 'missile'].includes(prev.weapon)) return false;
    const { tokens } = this.doc;
    return intercepts.some((t) => {
      const next = tokens[t.last + 1];
      return next !== undefined && next.kind === 'word' && DEFINITE_RE.test(next.text);
    });
  }

  /** "تعرضت", "وتتعرض": a verb whose subject is the target and whose complement is the attack. */
  private exposureVerb(t: PhraseMatch<TriggerValue>): boolean {
    return t.first === t.last && V.exposureVerbs.has(withoutConjunction(this.doc.tokens[t.first].text));
  }

  /** Is the word after token `last` one of `words` (its article aside): "هجوم آخر", "الهجوم الثاني"? */
  /** "هجوم آخر", "هجمات مماثلة": an attack word of the group says it tells another event. */
  private tellsAnother(g: Group): boolean {
    return g.triggers.some((t) => this.followedBy(V.anotherMarkers, t.last));
  }

  private followedBy(words: ReadonlySet<string>, last: number): boolean {
    const next = this.doc.tokens[last + 1]?.text;
    return next !== undefined && words.has(next.replace(/^ال/u, ''));
  }

  /** A definite event noun among tokens [from, to) ("الرد", "الهجوم"), not one followed by "آخر". */
  private definiteNounIn(from: number, to: number): boolean {
    const { tokens } = this.doc;
    for (let k = from; k < to; k++) {
      const m = V.eventNouns.matchAt(tokens, k)[0];
      if (!m || !DEFINITE_RE.test(tokens[k].text)) continue;
      if (this.followedBy(V.indefiniteMarkers, m.last)) continue;
      return true;
    }
    return false;
  }

  /** Is the trigger a definite event noun that refers back ("الهجوم", "هذا القصف")? */
  private isDefinite(trigger: PhraseMatch<TriggerValue>): boolean {
    const { tokens } = this.doc;
    const tok = tokens[trigger.first];
    if (V.eventNouns.matchAt(tokens, trigger.first).length === 0) return false;
    if (this.followedBy(V.indefiniteMarkers, trigger.last)) return false;
    const prev = tokens[trigger.first - 1]?.text;
    if (prev && V.demonstratives.has(prev)) return true;
    return DEFINITE_RE.test(tok.text);
  }

  private mentionsOf(s: Sentence, g: Group): Mention[] {
    const { doc } = this;
    const { lex, tokens } = doc;
    const norm = doc.norm;
    const weapons = findWeapons(lex, norm, tokens, g.from, g.to);
    const hasWeapon = weapons.some((w) => !w.asObject && !w.outOf);
    const strong = g.triggers.filter((t) => t.value.strong);
    const intercepts = g.triggers.filter((t) => t.value.kind === 'intercept');
    const first = g.triggers[0];
    // "وتمكنت الدفاعات من إسقاط الطائرة" after a drone attack: the outcome of that attack
    const downs = intercepts.length === g.triggers.length && this.downsProjectileBefore(s, intercepts);
    if (!hasWeapon && strong.length === 0 && !downs) {
      this.drop(s, first, 'weak-trigger: no attack word and no weapon');
      return [];
    }
    if (
      intercepts.length === g.triggers.length &&
      !weapons.some((w) => ['drone', 'rocket', 'missile'].includes(w.weapon)) &&
      !downs
    ) {
      this.drop(s, first, 'intercept-without-projectile: only projectiles are intercepted');
      return [];
    }

    // dates
    const allDates = doc.datesIn(s);
    const inGroup = allDates.filter((d) => d.start >= tokens[g.from].start && d.end <= tokens[g.to - 1].end);
    const tally = tallyAt(norm, tokens, g.from, g.to);
    if (tally !== null) {
      const specific = inGroup.some((d) => !d.since && d.precision === 'day');
      // rule tally-over-a-span: "شنت 73 هجوما خلال الأيام الثلاثة الماضية" counts attacks over a
      // span, whatever day the report is dated (unless an attack word before the tally reports one)
      const overSpan = g.triggers.every((t) => t.first >= tally) && tallySpan(tokens, g.from, g.to);
      if (!specific || inGroup.some((d) => d.since) || overSpan) {
        this.drop(s, first, 'tally: a count of attacks, not an attack');
        return [];
      }
    }
    // rule toll-over-a-month: "وقتل 39 مدنيا في قصف للتحالف في شهر مايو من أصل 250 في حصيلة …"
    if (
      inGroup.some((d) => !d.since && d.precision === 'month') &&
      !inGroup.some((d) => !d.since && d.precision === 'day') &&
      monthTollWord(norm, tokens, g.from, g.to)
    ) {
      this.drop(s, first, 'tally: a toll over a whole month');
      return [];
    }
    // (a weak verb beside the nouns, "ضربات نفذها التحالف", names no strike of its own)
    const plural = (t: PhraseMatch<TriggerValue>) => pluralAttackNoun(tokens[t.first].text);
    if (g.triggers.some(plural) && g.triggers.every((t) => plural(t) || !t.value.strong)) {
      // rule tally-over-months: "قتل 173 مدنيا جراء هذه الغارات خلال هذه الفترة", "غارات التحالف
      // منذ 23 ايلول 2014": strikes counted over months, whatever day the report is dated
      // (a since of this month, "منذ فجر اليوم", is one day's attack going on: rule ongoing-today)
      const month = this.doc.published?.slice(0, 7);
      const longSince = inGroup.some(
        (d) => d.since && d.date != null && month != null && d.date.slice(0, 7) < month,
      );
      if (tallySpan(tokens, g.from, g.to, true) || longSince) {
        this.drop(s, first, 'tally: strikes over a span of months');
        return [];
      }
      // rule tally-continues: "ولفت الى مقتل 2927 … جراء الضربات …" right after a tally, with no
      // date of its own, goes on counting
      if (this.tallySentence >= 0 && s.index - this.tallySentence === 1 && allDates.length === 0) {
        this.drop(s, first, 'tally: continues the tally before');
        return [];
      }
    }

    // places
    const blocked = doc.actorTokensIn(s);
    // ("وقفة أمام السفارة بمناسبة الذكرى الأولى للغارة على القائم": the event recalled is at a place
    // named after the anniversary cue, not where the commemoration is held)
    const recalledCue = g.triggers.every((t) => this.recalled.has(t.first))
      ? anniversaryAt(
          modalityCues(lex, tokens, s.tokenStart, s.tokenEnd),
          tokens,
          s.tokenStart,
          g.triggers[0].first,
        )
      : null;
    let mentions = doc
      .placesIn(s)
      .filter(
        (p) =>
          p.first >= g.from &&
          p.last < g.to &&
          !blocked.has(p.first) &&
          (recalledCue === null || p.first > recalledCue.last),
      );
    // "دمشق- قصفت طائرات … مطار التيفور": the dateline names where the report was filed
    const dl = doc.datelinePlace;
    const filed = (p: PlaceMention) => dl !== null && p.start >= dl[0] && p.end <= dl[1];
    if (mentions.some(filed) && mentions.some((p) => !filed(p))) mentions = mentions.filter((p) => !filed(p));
    let places = collapseToContainer(eventPlaces(mentions), mentions);
    // an article about Yemen or Egypt: a village, town or city of the same name in Iraq is not
    // the place ("منطقة الفاو" in Marib is not Al-Faw in Basra), unless the clause also names a
    // province of ours that holds it ("حي المزة بدمشق")
    if (aboutAbroad(doc) && !mentions.some(holdsOurs)) places = places.filter((p) => !namesakeOfOurs(p));
    if (places.length === 0) {
      const ana = lex.anaphora
        .findLongest(tokens, g.from, g.to)
        .find((a) => a.first !== a.last || !/^ال/u.test(tokens[a.last + 1]?.text ?? ''));
      if (ana) {
        const ante = this.antecedentPlace(ana.value, ana.first, tokens[ana.first].text);
        if (ante)
          places = [
            { ...ante, first: ana.first, last: ana.last, start: ana.start, end: ana.end, anaphor: true },
          ];
      }
    }

    // the word that names the attack: a specific kind ("انتحاري", "قنبلة يدوية"), else a strong
    // trigger ("هجوم") over a weak one ("إصابة")
    // (an event an anniversary recalls names the attack only when the clause reports no new one:
    // "وفي ذكرى اغتيال سليماني، سقطت ثلاثة صواريخ …" reports the rockets)
    const fresh = g.triggers.filter((t) => !this.recalled.has(t.first));
    const named = fresh.length ? fresh : g.triggers;
    const trigger =
      named.find((t) => t.value.kind === 'suicide' || t.value.kind === 'grenade') ??
      named.find((t) => t.value.strong) ??
      named[0];
    // rule recalled-event: the event an anniversary recalls takes its own date, never the commemoration's
    const recalled = fresh.length === 0;
    const picked = recalled
      ? this.recalledDate(s, trigger, allDates)
      : this.pickDate(inGroup, allDates, trigger, g);
    if (recalled && picked.date === null) {
      this.drop(
        s,
        trigger,
        'recalled-undated: an anniversary, funeral or eulogy of an event the text does not date',
      );
      return [];
    }
    // "وهذا هو القصف الثاني من نوعه … بعد سقوط صاروخ الخميس الماضي": a restatement takes no date
    // from elsewhere in its sentence (the date there is the earlier event's)
    const groupText = norm.slice(tokens[g.from].start, tokens[g.to - 1].end);
    const restates = V.ofItsKind.test(groupText);
    const date = restates && picked.source === 'sentence' ? { date: null, source: 'none' as const } : picked;
    // "عودة قصف القواعد العسكرية في أربيل والأنبار": undated talk about targets in general
    // ("شهدت سوريا مؤخرا هجمات على قواعد …": a vague time is no date for this)
    const vagueOnly = inGroup.length > 0 && inGroup.every((d) => d.vague);
    // ("استهدفت مسيرة القاعدة في الشدادي، مما أدى إلى استنفار في قواعد التحالف": bases the
    // consequence names were not attacked)
    const attacked = V.consequenceMarkers.findAll(tokens, trigger.last + 1, g.to)[0]?.first ?? g.to;
    if (
      (date.source === 'none' || (date.source === 'clause' && vagueOnly)) &&
      lex.genericPluralTargets.findAll(tokens, g.from, attacked).length > 0
    ) {
      this.drop(s, trigger, 'generic-targets: undated talk about targets in general');
      return [];
    }

    // "واستهدف القصف …": the clause names its event with a definite noun, so it refers back
    // ("وجاء الرد الأمريكي … بقصف معسكراتها": a definite event noun before the trigger does too)
    const definite = g.triggers.some((t) => this.isDefinite(t)) || this.definiteNounIn(g.from, trigger.first);

    // actors
    const actorMentions = doc.actorsBetween(g.from, g.to, V.actorShortNames);
    const trigTokens = new Set<number>();
    for (const t of g.triggers) for (let k = t.first; k <= t.last; k++) trigTokens.add(k);
    for (const w of weapons) for (let k = w.first; k <= w.last; k++) trigTokens.add(k);
    const claims = claimTokenSet(lex, tokens, g.from, g.to);
    const roles = actorRoles(lex, tokens, g.from, g.to, actorMentions, trigTokens, claims, {
      findActors: (from, to) => doc.actorsBetween(from, to, V.actorShortNames),
    });
    // rule interceptor: "قذائف أميركية حاولت اعتراض الصواريخ": who stands before an interception
    // is the defender; the attacker is named after it ("اعتراض صواريخ إسرائيلية")
    const defends = (r: { start: number }) =>
      g.triggers.filter((t) => t.start > r.start).sort((a, b) => a.start - b.start)[0]?.value.kind ===
      'intercept';
    // (rule denied-agency: "نفت واشنطن قيامها بقصف …": who is denied did not do it, nor was attacked)
    const denied = (start: number) =>
      this.agencyDenied.some(([a, b]) => start >= tokens[a].start && start < tokens[b].start);
    const actor =
      [
        roles.find((r) => r.role === 'claimant' && !denied(r.start)),
        roles.find((r) => r.role === 'perpetrator' && !defends(r) && !denied(r.start)),
      ].find((r) => r !== undefined) ?? null;

    // a strong trigger with no weapon needs some sign of violence: a military site or target,
    // casualties, or a named attacker ("هجوم" is also a football word)
    // ("توفي طبيب عقب تعرضه لهجوم من أسود": a death word alone is no sign of violence)
    const killedWords = violentKillings(lex, tokens, g.from, g.to).length > 0;
    const injuredWords = lex.injured.findAll(tokens, g.from, g.to).length > 0;
    // (an air strike, a clash or a suicide attack is violence by itself, whichever word of the
    // clause names it: "استهدفت غارة جوية موقعا", "هاجم انتحاري بحزام ناسف مقرا")
    const violent = g.triggers.some((t) => VIOLENT_KINDS.has(t.value.kind));
    if (!hasWeapon && !violent) {
      const military =
        places.some((p) => ['base', 'airport', 'facility'].includes(p.place.kind)) ||
        lex.targets.findLongest(tokens, g.from, g.to).length > 0 ||
        V.militaryObjects.findAll(tokens, g.from, g.to).length > 0 ||
        actor !== null ||
        killedWords ||
        injuredWords;
      // a definite "الهجوم" refers to an attack already established: with no place it is a donor,
      // with a place it continues an attack reported in the sentences before ("واستهدف القصف …")
      const prev = this.mentions[this.mentions.length - 1];
      const continues = definite && (places.length === 0 || (prev && s.index - prev.sentence <= 3));
      // "هذا الاستهداف هو الثاني من نوعه للقاعدة، بعد استهداف آخر طالها في 25 …": the earlier
      // attack of a counted series is an attack like the one counted
      const ofSeries =
        g.embedded && V.ofItsKind.test(norm.slice(tokens[s.tokenStart].start, tokens[g.from].start));
      if (!military && !continues && !downs && !ofSeries) {
        this.drop(s, trigger, 'no-violence: an attack word with no weapon, military site, target or victim');
        return [];
      }
    }

    // weapon
    let weapon: Weapon | null = null;
    let weaponSpan: [number, number] | undefined;
    const usable = weapons.filter((w) => !w.outOf && !w.asObject);
    const airstrike = g.triggers.some((t) => t.value.kind === 'airstrike');
    const firstAir = g.triggers.find((t) => t.value.kind === 'airstrike');
    // the drone did the strike when it is the instrument ("بطائرة مسيرة") or the subject before the verb
    const drone = usable.find(
      (w) =>
        w.weapon === 'drone' &&
        (!firstAir || w.first < firstAir.first || /^(?:و|ف)?ب/u.test(tokens[w.first].text)),
    );
    if (airstrike) {
      weapon = drone ? 'drone' : 'aircraft';
      const w = drone ?? usable.find((x) => x.weapon === 'aircraft');
      if (w) weaponSpan = [w.start, w.end];
    } else {
      const w = usable.find((x) => x.weapon !== 'shell') ?? usable[0];
      if (w) {
        weapon = schemaWeapon(w.weapon);
        weaponSpan = [w.start, w.end];
      }
    }
    if (weapon === 'rocket' && actor?.actor.launches) weapon = actor.actor.launches;
    // "تفجير انتحاري": a trigger that names its weapon by itself (data: triggers.json "implies")
    const implying = g.triggers.find((t) => t.value.implies);
    if (weapon === null && implying?.value.implies) {
      weapon = implying.value.implies;
      weaponSpan = [implying.start, implying.end];
    }

    // counts: totals over several places are put on none of them
    const single = places.length <= 1;
    let munitions: number | null = null;
    let munitionsSpan: [number, number] | undefined;
    if (single) {
      const counted = usable.filter((w) => w.weapon !== 'aircraft' && w.number !== 'adj');
      const explicit = counted.find((w) => w.explicit && w.count !== null && w.count > 0 && w.count < 1000);
      const implied = counted.find(
        (w) => w.count !== null && (weapon === null || schemaWeapon(w.weapon) === weapon),
      );
      const pick = explicit ?? implied;
      // rule counted-after-plural: "سقطت صواريخ …، اثنان منها داخل القاعدة": a count after an
      // uncounted plural may be a part of it; after a definite plural that names the weapon in
      // general ("قصفت بالصواريخ … أن 10 صواريخ استهدفتها") it is the count of the attack
      const generic = (w: WeaponMention) => /^(?:[وف])?(?:ب|ل)?(?:ال|لل)/u.test(tokens[w.first].text);
      if (
        pick &&
        !counted.some(
          (w) => w !== pick && w.number === 'pl' && !w.explicit && w.first < pick.first && !generic(w),
        )
      ) {
        munitions = pick.count;
        munitionsSpan = [pick.countStart, pick.end];
      }
    }
    // "إصابة 45 جنديا جراء هجمات استهدفت قواعدها في العراق وسورية": a toll over attacks on
    // bases in general is a total, for no one event
    const overTargets =
      places.length === 0 && lex.genericPluralTargets.findAll(tokens, g.from, g.to).length > 0;
    // rule zero-for-each-place: "لم تسفر الهجمات على القاعدتين عن إصابات" is a zero for each
    const read = overTargets ? null : findCasualties(lex, norm, tokens, g.from, g.to, { text: doc.nt });
    const zeroOnly = (c: Casualties['killed']) => (c?.value === 0 ? c : null);
    const casualties: Casualties = !read
      ? { killed: null, injured: null }
      : single
        ? read
        : (read.killed?.value ?? 0) > 0 || (read.injured?.value ?? 0) > 0
          ? { killed: null, injured: null }
          : { killed: zeroOnly(read.killed), injured: zeroOnly(read.injured) };

    // interception: one named rule decides (interception.ts)
    const hurt = (casualties.killed?.value ?? 0) > 0 || (casualties.injured?.value ?? 0) > 0;
    const interception = interceptionOf(lex, norm, tokens, g.from, g.to, {
      intercepts,
      weapon,
      airstrike,
      hurt,
      hasActor: actor !== null,
      kind: trigger.value.kind,
      dates: inGroup.map((d) => [d.start, d.end] as [number, number]),
    });
    const intercepted = interception.value;
    const liveIntercept = interception.rule === 'all-intercepted';

    // target
    let target: Target | null = null;
    // ("من قبل فصائل مسلحة", "قصفت الفصائل قاعدة حرير": who did it is no target)
    const triggerTokens = new Set<number>();
    for (const t of g.triggers) for (let k = t.first; k <= t.last; k++) triggerTokens.add(k);
    const agents = notTargetHeads(tokens, g.from, g.to, triggerTokens);
    const targetHits = lex.targets
      .findLongest(tokens, g.from, g.to)
      .filter((t) => !agents.has(t.first) && !denied(t.start));
    targetHits.push(...siteOwners(lex, tokens, places, g.to));
    for (const cat of lex.targetPriority) {
      if (
        targetHits.some((t) => t.value === cat && !(actor && t.start >= actor.start && t.end <= actor.end))
      ) {
        target = cat as Target;
        break;
      }
    }

    const sentenceStart = doc.sentences[s.index].tokenStart;
    const fronted =
      V.frontedContinuation.matchAt(tokens, sentenceStart).length > 0 &&
      tokens.slice(sentenceStart, g.from + 6).some((t) => t.text === '،' || t.text === ',');
    const base = {
      sentence: s.index,
      from: g.from,
      to: g.to,
      trigger,
      kind: liveIntercept ? ('intercept' as const) : trigger.value.kind,
      interceptionRule: interception.rule,
      date: date.date,
      dateSpan: date.span,
      dateSource: date.source,
      night: date.night === true,
      reportDated:
        date.span !== undefined && date.source !== 'offset' && this.datesReport(s, date.span, trigger),
      actor,
      weapon,
      weaponSpan,
      munitions,
      munitionsSpan,
      casualties,
      intercepted,
      sides: {
        attacker: lex.targetSides.get(actor?.actor.target ?? '') ?? null,
        target: lex.targetSides.get(target ?? '') ?? null,
      },
      evidence: [tokens[g.from].start, tokens[g.to - 1].end] as [number, number],
      definite,
      embedded: g.embedded,
      background:
        recalled ||
        V.background.findAll(tokens, s.tokenStart, trigger.first).length > 0 ||
        pluperfect(tokens, s, trigger),
      recap: date.source === 'clause' && recapDay(doc, s, date.date),
      // "وقبل هذا الهجوم بساعات، أعلن … أسقطت": the marker may open the sentence before the clause
      relativeToAnother:
        // (only before the attack word: "… على القاعدة، وتوفي بعد ذلك بوقت قصير" dates the death)
        V.relativeToAnother.test(norm.slice(s.start, trigger.end)) ||
        // "بعد أيام من إعلان X استهداف …": an event days before the one of the main clause
        (g.embedded && opensDuration(tokens, g.from)),
      sameDay: V.sameDay.test(groupText),
      fronted,
      another: this.tellsAnother(g),
      ofItsKind: restates,
      disputed: definite && V.disputeMarkers.findAll(tokens, s.tokenStart, s.tokenEnd).length > 0,
      filled: {},
    };
    const list: (PlaceMention | null)[] = places.length ? places : [null];
    return list.map((place) => ({
      ...base,
      id: -1,
      place,
      neighbourDay: base.dateSource === 'none' && place ? coMentionedDay(doc, s.index, place) : null,
      listed: places.length > 1,
      target,
    }));
  }

  /** Does offset `pos` of the clause group lie inside round brackets? */
  private inBrackets(pos: number, g: Group): boolean {
    const norm = this.doc.norm;
    for (let i = pos - 1; i >= this.doc.tokens[g.from].start; i--) {
      if (norm[i] === ')') return false;
      if (norm[i] === '(') return true;
    }
    return false;
  }

  /** Rule report_date: the date stands between a speech verb and the report's content (actors.datesReport). */
  private datesReport(s: Sentence, span: [number, number], trigger: PhraseMatch<TriggerValue>): boolean {
    const { tokens } = this.doc;
    let first = s.tokenStart;
    while (first < s.tokenEnd && tokens[first].start < span[0]) first++;
    return datesReport(tokens, s.tokenStart, first, trigger.first);
  }

  /**
   * Rule recalled-event: the date of the event an anniversary recalls: a date of an earlier year
   * than the publication in the sentence, after the cue ("… اللذين قتلا في 3 يناير 2020"), else the
   * year the anniversary counts back to ("الذكرى السنوية الرابعة" → four years before), else none.
   * The commemoration's own dates ("اليوم", a day of this year) are never the event's.
   */
  private recalledDate(
    s: Sentence,
    trigger: PhraseMatch<TriggerValue>,
    inSentence: DateMention[],
  ): { date: string | null; span?: [number, number]; source: DateSource; night?: boolean } {
    const { doc } = this;
    const cues = modalityCues(doc.lex, doc.tokens, s.tokenStart, s.tokenEnd);
    const cue = anniversaryAt(cues, doc.tokens, s.tokenStart, trigger.first);
    const year = doc.published?.slice(0, 4);
    const after = cue ? doc.tokens[cue.first].start : doc.tokens[s.tokenStart].start;
    const nearest = (ds: DateMention[]) =>
      ds.sort((a, b) => Math.abs(a.start - trigger.start) - Math.abs(b.start - trigger.start))[0];
    // an anniversary recalls an event of an earlier year; a funeral or a eulogy, one of days ago,
    // which a date after the attack word gives ("شيعت المدينة ضحايا الهجمات التي وقعت الأربعاء")
    const own =
      cue && isAnniversary(cue)
        ? nearest(
            inSentence.filter(
              (d) =>
                datesAClause(d) &&
                d.start >= after &&
                year !== undefined &&
                (d.date as string).slice(0, 4) < year,
            ),
          )
        : nearest(inSentence.filter((d) => datesAClause(d) && !d.vague && d.start > trigger.end));
    if (own) return { date: own.date, span: [own.start, own.end], source: 'clause', night: isNight(own) };
    const counted = cue ? anniversaryYear(doc.norm, doc.tokens, cue, doc.published) : null;
    if (cue && counted) return { date: counted, span: [cue.start, cue.end], source: 'clause' };
    return { date: null, source: 'none' };
  }

  /** The date the clause itself gives, or none (the discourse stage may find one). */
  private pickDate(
    inGroup: DateMention[],
    inSentence: DateMention[],
    trigger: PhraseMatch<TriggerValue>,
    g: Group,
  ): { date: string | null; span?: [number, number]; source: DateSource; night?: boolean } {
    const usable = (ds: DateMention[]) => ds.filter(datesAClause);
    const dist = (d: DateMention) => Math.abs(d.start - trigger.start);
    const pick = (ds: DateMention[]) => ds.sort((a, b) => dist(a) - dist(b))[0];
    // a date in brackets glosses another ("الاثنين 14 تموز (23,20 ت غ ليل الأحد)"): it dates the event only alone
    const ownDates = usable(inGroup);
    const unbracketed = ownDates.filter((d) => !this.inBrackets(d.start, g));
    const own = pick(unbracketed.length ? unbracketed : ownDates);
    if (own) return { date: own.date, span: [own.start, own.end], source: 'clause', night: isNight(own) };
    const offset = inGroup.find((d) => d.kind === 'offset' && d.offsetDays !== undefined);
    const anchor = offset ? this.lastDayBefore(this.doc.tokens[g.from].start) : null;
    if (offset && anchor) {
      // "جاء القرار بعد يومين من اغتيال …": the event named after "من" is N days BEFORE the anchor
      const written = this.doc.norm.slice(offset.start, offset.end);
      const next = this.doc.norm.slice(offset.end, offset.end + 4);
      const before = /(?:^|\s)من$/u.test(written) || /^\s*من(?:\s|$)/u.test(next);
      const days = (offset.offsetDays as number) * (before ? -1 : 1);
      return { date: shiftDate(anchor, days), span: [offset.start, offset.end], source: 'offset' };
    }
    // a date elsewhere in the sentence that belongs to no other clause, or the nearest one
    // before the clause ("استهدفوا، اليوم الاثنين، أربع قواعد …، استهدفت ثلاث منها قاعدة …")
    const sentenceDate = pick(usable(inSentence));
    // (not a vague one of another clause: "…، فيما شهدت مواقع أخرى هجمات في الأشهر الأخيرة")
    if (sentenceDate && inSentence.length === 1 && !g.embedded && !sentenceDate.vague)
      return {
        date: sentenceDate.date,
        span: [sentenceDate.start, sentenceDate.end],
        source: 'sentence',
        night: isNight(sentenceDate),
      };
    const before = usable(inSentence).filter((d) => !d.vague && d.end <= this.doc.tokens[g.from].start);
    if (before.length && !g.embedded) {
      const d = before[before.length - 1];
      return { date: d.date, span: [d.start, d.end], source: 'sentence', night: isNight(d) };
    }
    const since = inGroup.find((d) => d.since && d.date);
    // "منذ فجر اليوم": since a time of this very day is that day; "منذ 2021" starts a series
    if (since?.date && since.kind === 'relative-day')
      return { date: since.date, span: [since.start, since.end], source: 'since' };
    if (since?.date) return { date: since.date.slice(0, 4), span: [since.start, since.end], source: 'since' };
    return { date: null, source: 'none' };
  }

  /** The last day-precision date stated in the text before offset `pos` (at most three sentences back). */
  private lastDayBefore(pos: number): string | null {
    const { doc } = this;
    const si = doc.tokens.find((t) => t.start >= pos)?.sentence ?? doc.sentences.length - 1;
    for (let k = si; k >= Math.max(0, si - 3); k--) {
      const ds = doc
        .datesIn(doc.sentences[k])
        .filter((d) => d.end <= pos && d.date && d.date.length === 10 && !d.since && d.kind !== 'offset');
      if (ds.length) return ds[ds.length - 1].date;
    }
    return null;
  }
}

/** A day-precision date in the sentence before or after the mention's that names the same place. */
function coMentionedDay(
  doc: Doc,
  sentence: number,
  place: PlaceMention,
): { date: string; span: [number, number] } | null {
  for (const k of [sentence - 1, sentence + 1]) {
    if (k < 0 || k >= doc.sentences.length) continue;
    const sk = doc.sentences[k];
    if (!doc.placesIn(sk).some((p) => p.place.id === place.place.id)) continue;
    // (a recap days before the publication tells an earlier event: rule recap-earlier)
    const days = doc
      .datesIn(sk)
      .filter((d) => d.date?.length === 10 && !d.since && d.kind !== 'offset' && !recapDay(doc, sk, d.date));
    if (days.length === 1) return { date: days[0].date as string, span: [days[0].start, days[0].end] };
  }
  return null;
}

/**
 * Rule no-attack-no-weapon: an article whose attack words are all weak ("إصابة", "سقوط") and
 * whose sentences with one name no weapon has no mention. Every clause group there is dropped as
 * weak-trigger; an outcome sentence and an interception that refers back need a mention before
 * them. Most articles with an attack word are of this kind ("هجوم" in a match report), and their
 * reading stops here.
 */
function attackOrWeapon(doc: Doc, triggers: readonly PhraseMatch<TriggerValue>[]): boolean {
  if (triggers.some((t) => t.value.strong)) return true;
  const { lex, tokens } = doc;
  let last = -1;
  for (const t of triggers) {
    const s = doc.sentences[tokens[t.first].sentence];
    if (s.index === last) continue;
    last = s.index;
    for (let k = s.tokenStart; k < s.tokenEnd; k++)
      if (lex.weapons.matchAt(tokens, k).length > 0) return true;
  }
  return false;
}

/** The article is about a country abroad (Yemen, Egypt …) and names none of ours. */
const aboutAbroad = (doc: Doc): boolean =>
  doc.country !== null && !COVERED_COUNTRIES.has(doc.country) && !doc.coveredMentioned;

/** A province (or district, region) of ours: a clause that names one may name its villages. */
const holdsOurs = (p: PlaceMention): boolean =>
  COVERED_COUNTRIES.has(p.place.country) && KIND_RANK[p.place.kind] >= 4;

/** A village, town, neighbourhood or city of ours, which an article about abroad names only as a namesake. */
const namesakeOfOurs = (p: PlaceMention): boolean =>
  KIND_RANK[p.place.kind] === 2 ||
  p.place.kind === 'neighbourhood' ||
  (p.place.kind === 'city' && COVERED_COUNTRIES.has(p.place.country));

/** Place kinds an anaphor ("نفس القاعدة", "المطار", "المنشأة") refers back to (antecedentPlace). */
const ANAPHOR_KINDS: ReadonlySet<string> = new Set(['base', 'airport', 'facility']);

/**
 * Rule no-place-no-event: the discourse stage makes events only of mentions with a place (one
 * without a place only gives its slots to an event). A mention's place is one of the event
 * places of its sentence's places (eventPlaces keeps one of them when they hold a candidate),
 * not a namesake of ours in an article about abroad unless the sentence names a province of
 * ours; or, for an anaphor ("نفس القاعدة"), a base, airport or facility named before it. An
 * article where no sentence with an attack word can give a place so has no event (most of the
 * articles with an attack word report one abroad, where the gazetteer names no place), and
 * extraction stops reading it here: its mentions would all be placeless.
 */
function placeable(doc: Doc, triggers: readonly PhraseMatch<TriggerValue>[]): boolean {
  const { lex, tokens } = doc;
  let last = -1;
  for (const t of triggers) {
    const s = doc.sentences[tokens[t.first].sentence];
    if (s.index === last) continue;
    last = s.index;
    const places = doc.placesIn(s);
    if (
      places.some(isEventPlaceCandidate) &&
      (!aboutAbroad(doc) || places.some((p) => holdsOurs(p) || !namesakeOfOurs(p)))
    )
      return true;
    if (lex.anaphora.findAll(tokens, s.tokenStart, s.tokenEnd).length > 0)
      for (let k = s.index; k >= 0; k--)
        if (doc.placesIn(doc.sentences[k]).some((p) => ANAPHOR_KINDS.has(p.place.kind))) return true;
  }
  return false;
}

/**
 * The event mentions of a document, numbered, and the candidates dropped with their reasons.
 * With `stopEarly` an article that can have no mention, or no mention with a place, is not read
 * further (its drops are not kept).
 */
export function readMentions(
  doc: Doc,
  { stopEarly = false }: { stopEarly?: boolean } = {},
): { mentions: Mention[]; dropped: Dropped[] } {
  const reader = new MentionReader(doc, stopEarly);
  const mentions = reader.read();
  mentions.forEach((m, i) => {
    m.id = i;
  });
  return { mentions, dropped: reader.dropped };
}

/**
 * Rule series-count: "وهذا هو القصف الثاني من نوعه الذي تتعرض له القاعدة بعد سقوط صاروخ قربها
 * الخميس الماضي": the present-tense verb in the relative clause of an of-its-kind count tells
 * the series this event is the n-th of, not a habit; the earlier event after it stays an event.
 */
function seriesCountCues(
  cues: ModalityCues,
  norm: string,
  tokens: readonly Token[],
  s: Sentence,
): ModalityCues {
  const text = norm.slice(s.start, s.end);
  const count = V.ofItsKind.exec(text);
  if (!count) return cues;
  const end = s.start + count.index + count[0].length;
  let after = s.tokenStart;
  while (after < s.tokenEnd && tokens[after].start < end) after++;
  // the relative pronoun right after the count, then the verb of the relative clause
  if (!V.relativePronouns.has(tokens[after]?.text ?? '')) return cues;
  const verb = after + 1;
  return { matches: cues.matches.filter((m) => !(m.value === 'habitual' && m.first === verb)) };
}

/** Site kinds whose name an owner adjective may follow. */
const OWNED_SITE_KINDS = new Set(['base', 'airport', 'facility']);

/**
 * Rule site-owner: "قاعدة حرير الأمريكية", "قاعدة "عين الأسد" الأميركية": an adjective right
 * after a site's name (a closing quote may stand between) says whose the site is, a target
 * category (data: targets.json site_owner_adjectives).
 */
export function siteOwners(
  lex: Lexicon,
  tokens: readonly Token[],
  places: readonly PlaceMention[],
  to: number,
): PhraseMatch<string>[] {
  const out: PhraseMatch<string>[] = [];
  for (const p of places) {
    if (!OWNED_SITE_KINDS.has(p.place.kind)) continue;
    let k = p.last + 1;
    while (k < to && tokens[k].text === '"') k++;
    if (k < to) out.push(...lex.siteOwnerAdjectives.matchAt(tokens, k));
  }
  return out;
}
