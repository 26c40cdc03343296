/**
 * Article → event records. The pipeline of one article:
 *   normalize → segment → triggers → clause groups → modality filter →
 *   places, dates, actors, weapons, counts per group → one frame per place →
 *   claims across sentences → merge mentions of one incident → records.
 */
import { type ActorRole, actorRoles, claimTokenSet, findActors } from '../actors/actors.js';
import { type DateMention, findDates, shiftDate } from '../dates/dates.js';
import {
  defaultLexicon,
  type Lexicon,
  type Place,
  readDataFile,
  type TriggerValue,
  type Weapon,
} from '../lexicon/lexicon.js';
import type { PhraseMatch } from '../lexicon/matcher.js';
import { type NormalizedText, normalize, toOriginalSpan } from '../normalize/normalize.js';
import {
  distanceKm,
  eventPlaces,
  findPlaces,
  geoPrecision,
  KIND_RANK,
  type PlaceMention,
} from '../places/places.js';
import { type Sentence, segment, type Token } from '../segment/segment.js';
import { type Casualties, findCasualties } from './casualties.js';
import { blockedBy, habitualAfter, modalityCues, tallyAt } from './modality.js';
import type { ArticleResult, EventRecord, EventType, OffsetSpan, Target } from './record.js';
import { findWeapons, schemaWeapon } from './weapons.js';

export interface ArticleInput {
  id: string;
  published: string | null;
  text: string;
  url?: string | null;
}

/** Everything known about one event mention before it becomes a record. */
interface Frame {
  sentence: number;
  trigger: PhraseMatch<TriggerValue>;
  place: PlaceMention;
  date: string | null;
  dateSpan?: [number, number];
  /** the date came from the publication date, not from the text */
  dateImplied: boolean;
  actor: ActorRole | null;
  weapon: Weapon | null;
  weaponSpan?: [number, number];
  munitions: number | null;
  munitionsSpan?: [number, number];
  casualties: Casualties;
  intercepted: boolean | null;
  kind: TriggerValue['kind'];
  target: Target | null;
  /** one of several places of one clause ("في محافظات بابل والديوانية وذي قار") */
  listed: boolean;
  evidence: [number, number];
}

const NEGATORS = new Set(['دون', 'بدون', 'عدم', 'لم', 'لا', 'ولم', 'ودون']);
const CLAUSE_PUNCT = new Set(['،', ',', ':']);
const CLAUSE_WORDS = new Set(['بينما', 'وبينما', 'فيما', 'وفيما', 'ثم']);
const BOILERPLATE_RE =
  /(?:اقرا ايضا|اقرا المزيد|مقالات مشابهه|قد يعجبك|مواضيع ذات صله|اخبار ذات صله|شاهد ايضا|ملفات تعريف الارتباط)/u;
/** "وقبل ذلك بيومين", "بعد هذا الهجوم بساعات": dated relative to another event, not to its neighbours */
const RELATIVE_TO_ANOTHER_RE = /(?:قبل|بعد) (?:ذلك|هذا|هذه)/u;
const SAME_DAY_RE = /(?:اليوم نفسه|اليوم ذاته|نفس اليوم|ذات اليوم|في اليوم ذاته|الليله نفسها)/u;

function isoDate(published: string | null): string | null {
  if (!published) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published);
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : `${m[1]}-${m[2]}-${m[3]}`;
}

const PRECISION_LEN = (d: string | null) => (d ? d.length : 0);
const datesCompatible = (a: string | null, b: string | null) =>
  a == null || b == null || a.startsWith(b) || b.startsWith(a);

/** Splits a sentence's tokens into clause segments [start, end). */
function clauseSegments(tokens: readonly Token[], s: Sentence): [number, number][] {
  const out: [number, number][] = [];
  let start = s.tokenStart;
  for (let k = s.tokenStart; k < s.tokenEnd; k++) {
    const t = tokens[k];
    if (t.kind === 'punct' && CLAUSE_PUNCT.has(t.text)) {
      if (k > start) out.push([start, k]);
      start = k + 1;
    } else if (
      k > start &&
      (CLAUSE_WORDS.has(t.text) || (t.text === 'في' && tokens[k + 1]?.text === 'حين'))
    ) {
      out.push([start, k]);
      start = k;
    }
  }
  if (start < s.tokenEnd) out.push([start, s.tokenEnd]);
  return out;
}

interface Group {
  from: number;
  to: number;
  triggers: PhraseMatch<TriggerValue>[];
}

export class ArticleExtractor {
  private readonly nt: NormalizedText;
  private readonly tokens: ReturnType<typeof segment>['tokens'];
  private readonly sentences: Sentence[];
  private readonly published: string | null;
  private readonly placeCache = new Map<number, PlaceMention[]>();
  private readonly dateCache = new Map<number, DateMention[]>();
  private readonly actorBlocked = new Map<number, Set<number>>();
  /** the country the article is mostly about, to choose between places of the same name */
  private readonly country: string | null;
  /** the article names Iraq, Syria, Jordan or Kuwait at least once */
  private readonly coveredMentioned: boolean;

  constructor(
    private readonly lex: Lexicon,
    private readonly article: ArticleInput,
  ) {
    this.nt = normalize(article.text ?? '');
    const seg = segment(this.nt.norm);
    this.tokens = seg.tokens;
    this.sentences = seg.sentences;
    this.published = isoDate(article.published);
    const countries = countryMentions(this.nt.norm);
    this.country = countries.dominant;
    this.coveredMentioned = countries.covered;
  }

  private span(start: number, end: number): OffsetSpan {
    return toOriginalSpan(this.nt, start, end);
  }

  private boilerplate(s: Sentence): boolean {
    return BOILERPLATE_RE.test(this.nt.norm.slice(s.start, s.end));
  }

  private actorsIn(s: Sentence) {
    const mentions = findActors(this.lex, this.tokens, s.tokenStart, s.tokenEnd);
    const blocked = new Set<number>();
    for (const m of mentions) for (let k = m.first; k <= m.last; k++) blocked.add(k);
    this.actorBlocked.set(s.index, blocked);
    return mentions;
  }

  private placesIn(s: Sentence): PlaceMention[] {
    let p = this.placeCache.get(s.index);
    if (!p) {
      if (!this.actorBlocked.has(s.index)) this.actorsIn(s);
      p = findPlaces(
        this.lex,
        this.tokens,
        s.tokenStart,
        s.tokenEnd,
        this.actorBlocked.get(s.index),
        this.country,
      );
      this.placeCache.set(s.index, p);
    }
    return p;
  }

  private datesIn(s: Sentence): DateMention[] {
    let d = this.dateCache.get(s.index);
    if (!d) {
      const text = this.nt.norm.slice(s.start, s.end);
      d = findDates(text, this.published).map((m) => ({
        ...m,
        start: m.start + s.start,
        end: m.end + s.start,
      }));
      this.dateCache.set(s.index, d);
    }
    return d;
  }

  /** The last place of a kind mentioned before token `before` (for "نفس القاعدة"). */
  private antecedent(kind: 'base' | 'airport' | 'facility', before: number): PlaceMention | null {
    const want = kind === 'base' ? ['base'] : kind === 'airport' ? ['airport', 'base'] : ['facility', 'base'];
    for (let si = this.tokens[before].sentence; si >= 0; si--) {
      const places = this.placesIn(this.sentences[si]).filter(
        (p) => p.last < before && want.includes(p.place.kind),
      );
      if (places.length) return places[places.length - 1];
    }
    return null;
  }

  /** Triggers of a sentence that report an attack, with the clause groups around them. */
  private groups(s: Sentence, triggers: PhraseMatch<TriggerValue>[]): Group[] {
    const { lex, tokens } = this;
    const segments = clauseSegments(tokens, s);
    const cues = modalityCues(lex, tokens, s.tokenStart, s.tokenEnd);
    // "تتعرض القاعدة باستمرار لهجمات … كان آخرها في 20 يناير": the latest of a series is an event
    const latest = lex.latestOfSeries.findAll(tokens, s.tokenStart, s.tokenEnd).length > 0;
    // a question reports nothing: "هل تستطيع واشنطن وقف الهجمات …؟"
    const last = tokens[s.tokenEnd - 1]?.text;
    if (last === '؟' || last === '?' || tokens[s.tokenStart].text === 'هل') return [];
    const groups: Group[] = [];
    let pendingFrom = -1;
    let closed = false;
    for (const [from, to] of segments) {
      const live = triggers.filter((t) => {
        if (t.first < from || t.first >= to) return false;
        const why = blockedBy(cues, tokens, s.tokenStart, t.first);
        if (why === 'habitual' && latest) return !habitualAfter(lex, tokens, t.last, to) || latest;
        return why === null && !habitualAfter(lex, tokens, t.last, to);
      });
      const contrastive =
        CLAUSE_WORDS.has(tokens[from].text) ||
        (tokens[from].text === 'في' && tokens[from + 1]?.text === 'حين');
      const blockedHere = triggers.some((t) => t.first >= from && t.first < to) && live.length === 0;
      if (live.length) {
        groups.push({ from: pendingFrom >= 0 ? pendingFrom : from, to, triggers: live });
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
    const hasPlace = (g: Group) =>
      this.placesIn(s).some((p) => p.first >= g.from && p.last < g.to) ||
      lex.anaphora.findAll(tokens, g.from, g.to).length > 0;
    const merged: Group[] = [];
    for (const g of groups) {
      const prev = merged[merged.length - 1];
      if (prev && prev.to >= g.from - 1 && (!hasPlace(prev) || !hasPlace(g))) {
        prev.to = Math.max(prev.to, g.to);
        prev.triggers.push(...g.triggers);
      } else merged.push({ ...g, triggers: [...g.triggers] });
    }
    return merged;
  }

  run(): EventRecord[] {
    const { lex, tokens } = this;
    if (tokens.length === 0) return [];
    const triggers = lex.triggers.findLongestIn(this.nt.norm, tokens);
    if (triggers.length === 0) return [];
    const bySentence = new Map<number, PhraseMatch<TriggerValue>[]>();
    for (const t of triggers) {
      const si = tokens[t.first].sentence;
      const list = bySentence.get(si) ?? [];
      list.push(t);
      bySentence.set(si, list);
    }
    const frames: Frame[] = [];
    for (const [si, trigs] of [...bySentence.entries()].sort((a, b) => a[0] - b[0])) {
      const s = this.sentences[si];
      if (this.boilerplate(s)) continue;
      for (const g of this.groups(s, trigs)) frames.push(...this.framesOf(s, g, frames));
    }
    this.claimsAcrossSentences(frames);
    return this.merge(frames).map((f) => this.record(f));
  }

  private framesOf(s: Sentence, g: Group, previous: Frame[]): Frame[] {
    const { lex, tokens, nt } = this;
    const norm = nt.norm;
    const weapons = findWeapons(lex, norm, tokens, g.from, g.to);
    const hasWeapon = weapons.some((w) => !w.asObject && !w.outOf);
    const strong = g.triggers.filter((t) => t.value.strong);
    const intercepts = g.triggers.filter((t) => t.value.kind === 'intercept');
    if (!hasWeapon && strong.length === 0) return [];
    if (
      intercepts.length === g.triggers.length &&
      !weapons.some((w) => ['drone', 'rocket', 'missile'].includes(w.weapon))
    )
      return [];

    // dates
    const allDates = this.datesIn(s);
    const inGroup = allDates.filter((d) => d.start >= tokens[g.from].start && d.end <= tokens[g.to - 1].end);
    const tally = tallyAt(norm, tokens, g.from, g.to);
    if (tally !== null) {
      const specific = inGroup.some((d) => !d.since && d.precision === 'day');
      if (!specific || inGroup.some((d) => d.since)) return [];
    }

    // places
    const blocked = this.actorBlocked.get(s.index) ?? new Set<number>();
    const mentions = this.placesIn(s).filter(
      (p) => p.first >= g.from && p.last < g.to && !blocked.has(p.first),
    );
    let places = eventPlaces(mentions);
    // an article about Yemen or Egypt: a village of the same name in Iraq is not the place
    if (this.country && !COVERED.has(this.country) && !this.coveredMentioned)
      places = places.filter((p) => KIND_RANK[p.place.kind] !== 2 && p.place.kind !== 'neighbourhood');
    if (places.length === 0) {
      const ana = lex.anaphora
        .findLongest(tokens, g.from, g.to)
        .find((a) => a.first !== a.last || !/^ال/u.test(tokens[a.last + 1]?.text ?? ''));
      if (ana) {
        const ante = this.antecedent(ana.value, ana.first);
        if (ante)
          places = [
            { ...ante, first: ana.first, last: ana.last, start: ana.start, end: ana.end, anaphor: true },
          ];
      }
    }
    if (places.length === 0) return [];

    // the word that names the attack: a strong trigger ("هجوم") over a weak one ("إصابة")
    const trigger = g.triggers.find((t) => t.value.strong) ?? g.triggers[0];
    const date = this.pickDate(inGroup, allDates, trigger, g, previous);
    if (date.date === null) return [];
    // "عودة قصف القواعد العسكرية في أربيل والأنبار": undated talk about targets in general
    if (date.implied && lex.genericPluralTargets.findAll(tokens, g.from, g.to).length > 0) return [];

    // actors
    const actorMentions = findActors(lex, tokens, g.from, g.to);
    const trigTokens = new Set<number>();
    for (const t of g.triggers) for (let k = t.first; k <= t.last; k++) trigTokens.add(k);
    for (const w of weapons) for (let k = w.first; k <= w.last; k++) trigTokens.add(k);
    const claims = claimTokenSet(lex, tokens, g.from, g.to);
    const roles = actorRoles(lex, tokens, g.from, g.to, actorMentions, trigTokens, claims);
    const actor =
      roles.find((r) => r.role === 'claimant') ?? roles.find((r) => r.role === 'perpetrator') ?? null;

    // a strong trigger with no weapon needs some sign of violence: a military site or target,
    // casualties, or a named attacker ("هجوم" is also a football word)
    if (!hasWeapon && trigger.value.kind !== 'airstrike' && trigger.value.kind !== 'clash') {
      const military =
        places.some((p) => ['base', 'airport', 'facility'].includes(p.place.kind)) ||
        lex.targets.findLongest(tokens, g.from, g.to).length > 0 ||
        actor !== null ||
        lex.killed.findAll(tokens, g.from, g.to).length > 0 ||
        lex.injured.findAll(tokens, g.from, g.to).length > 0;
      if (!military) return [];
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

    // counts: totals over several places are put on none of them
    const single = places.length === 1;
    let munitions: number | null = null;
    let munitionsSpan: [number, number] | undefined;
    if (single) {
      const counted = usable.filter((w) => w.weapon !== 'aircraft' && w.number !== 'adj');
      const explicit = counted.find((w) => w.explicit && w.count !== null && w.count > 0 && w.count < 1000);
      const implied = counted.find(
        (w) => w.count !== null && (weapon === null || schemaWeapon(w.weapon) === weapon),
      );
      const pick = explicit ?? implied;
      if (
        pick &&
        !counted.some((w) => w !== pick && w.number === 'pl' && !w.explicit && w.first < pick.first)
      ) {
        munitions = pick.count;
        munitionsSpan = [pick.countStart, pick.end];
      }
    }
    const casualties: Casualties = single
      ? findCasualties(lex, norm, tokens, g.from, g.to)
      : { killed: null, injured: null };

    // interception and impact
    // "دون تسجيل أي أضرار": a negated impact is no impact
    const impact = lex.impact
      .findLongest(tokens, g.from, g.to)
      .filter((m) => !intercepts.some((t) => t.first === m.first))
      .filter((m) => !tokens.slice(Math.max(g.from, m.first - 3), m.first).some((t) => NEGATORS.has(t.text)));
    const partial = lex.partial.findLongest(tokens, g.from, g.to).length > 0;
    const hurt = (casualties.killed?.value ?? 0) > 0 || (casualties.injured?.value ?? 0) > 0;
    let intercepted: boolean | null = null;
    const liveIntercept = intercepts.length > 0;
    // interception is a question about projectiles: a raid or a clash is never "intercepted"
    const projectile = weapon !== null && weapon !== 'small_arms';
    if (liveIntercept) intercepted = !(partial || hurt || impact.length > 0);
    else if (airstrike || weapon === 'aircraft') intercepted = false;
    else if (projectile && (hurt || impact.length > 0)) intercepted = false;
    else if (!projectile && impact.length > 0 && trigger.value.kind !== 'clash' && !actor)
      intercepted = false;

    // target
    let target: Target | null = null;
    const targetHits = lex.targets.findLongest(tokens, g.from, g.to);
    for (const cat of lex.targetPriority) {
      if (
        targetHits.some((t) => t.value === cat && !(actor && t.start >= actor.start && t.end <= actor.end))
      ) {
        target = cat as Target;
        break;
      }
    }

    const evidence: [number, number] = [tokens[g.from].start, tokens[g.to - 1].end];
    const groupText = norm.slice(evidence[0], evidence[1]);
    return places.map((place) => {
      // an undated mention takes the day stated next to the same place in a neighbouring sentence
      const near =
        date.implied && !RELATIVE_TO_ANOTHER_RE.test(groupText)
          ? this.coMentionedDay(s.index, place.place.id)
          : null;
      return {
        sentence: s.index,
        listed: places.length > 1,
        trigger,
        place,
        date: date.date,
        dateSpan: date.span,
        dateImplied: date.implied,
        actor,
        weapon,
        weaponSpan,
        munitions,
        munitionsSpan,
        casualties,
        intercepted,
        kind: liveIntercept && intercepted ? 'intercept' : trigger.value.kind,
        target: target ?? (place.place.target as Target | undefined) ?? null,
        evidence,
        ...(near ? { date: near.date, dateSpan: near.span, dateImplied: false } : {}),
      };
    });
  }

  /** A day-precision date in the sentence before or after `si` that also names place `placeId`. */
  private coMentionedDay(si: number, placeId: string): { date: string; span: [number, number] } | null {
    for (const k of [si - 1, si + 1]) {
      if (k < 0 || k >= this.sentences.length) continue;
      const sk = this.sentences[k];
      if (!this.placesIn(sk).some((p) => p.place.id === placeId)) continue;
      const days = this.datesIn(sk).filter((d) => d.date?.length === 10 && !d.since && d.kind !== 'offset');
      if (days.length === 1) return { date: days[0].date as string, span: [days[0].start, days[0].end] };
    }
    return null;
  }

  private pickDate(
    inGroup: DateMention[],
    inSentence: DateMention[],
    trigger: PhraseMatch<TriggerValue>,
    g: Group,
    previous: Frame[],
  ): { date: string | null; span?: [number, number]; implied: boolean } {
    const usable = (ds: DateMention[]) =>
      ds.filter((d) => !d.since && d.kind !== 'offset' && d.date !== null);
    const dist = (d: DateMention) => Math.abs(d.start - trigger.start);
    const pick = (ds: DateMention[]) => ds.sort((a, b) => dist(a) - dist(b))[0];
    const own = pick(usable(inGroup));
    if (own) return { date: own.date, span: [own.start, own.end], implied: false };
    const lastDated = [...previous].reverse().find((f) => f.date && f.date.length === 10 && !f.dateImplied);
    const offset = inGroup.find((d) => d.kind === 'offset' && d.offsetDays !== undefined);
    const anchor = this.lastDayBefore(this.tokens[g.from].start) ?? lastDated?.date ?? null;
    if (offset && anchor) {
      // "جاء القرار بعد يومين من اغتيال …": the event named after "من" is N days BEFORE the anchor
      const written = this.nt.norm.slice(offset.start, offset.end);
      const next = this.nt.norm.slice(offset.end, offset.end + 4);
      const before = /(?:^|\s)من$/u.test(written) || /^\s*من(?:\s|$)/u.test(next);
      const days = (offset.offsetDays as number) * (before ? -1 : 1);
      return { date: shiftDate(anchor, days), span: [offset.start, offset.end], implied: false };
    }
    const groupText = this.nt.norm.slice(this.tokens[g.from].start, this.tokens[g.to - 1].end);
    if (SAME_DAY_RE.test(groupText) && lastDated?.date) return { date: lastDated.date, implied: false };
    // "وفي سوريا، استهدفت …": a fronted place continues the report of the sentence before
    const first = this.tokens[this.sentences[this.tokens[g.from].sentence].tokenStart];
    const prev = previous[previous.length - 1];
    if (
      first.text === 'وفي' &&
      prev &&
      prev.sentence === first.sentence - 1 &&
      !prev.dateImplied &&
      prev.date?.length === 10 &&
      this.tokens
        .slice(first.sentence === undefined ? 0 : this.sentences[first.sentence].tokenStart, g.from + 6)
        .some((t) => t.text === '،' || t.text === ',')
    )
      return { date: prev.date, implied: false };
    // a date elsewhere in the sentence that belongs to no other clause
    const sentenceDate = pick(usable(inSentence));
    if (sentenceDate && inSentence.length === 1)
      return { date: sentenceDate.date, span: [sentenceDate.start, sentenceDate.end], implied: false };
    const since = inGroup.find((d) => d.since && d.date);
    if (since?.date) return { date: since.date.slice(0, 4), span: [since.start, since.end], implied: false };
    // news with no time expression: the month of publication
    return { date: this.published ? this.published.slice(0, 7) : null, implied: true };
  }

  /** The last day-precision date stated in the text before offset `pos`. */
  private lastDayBefore(pos: number): string | null {
    const si = this.tokens.find((t) => t.start >= pos)?.sentence ?? this.sentences.length - 1;
    for (let k = si; k >= Math.max(0, si - 3); k--) {
      const ds = this.datesIn(this.sentences[k]).filter(
        (d) => d.end <= pos && d.date && d.date.length === 10 && !d.since && d.kind !== 'offset',
      );
      if (ds.length) return ds[ds.length - 1].date;
    }
    return null;
  }

  /** "وتبنت المقاومة الإسلامية في العراق الهجومين": a claim in a later sentence names the actor. */
  private claimsAcrossSentences(frames: Frame[]) {
    if (frames.length === 0) return;
    const { lex, tokens } = this;
    const last = Math.max(...frames.map((f) => f.sentence)) + 2;
    for (let si = 0; si <= Math.min(last, this.sentences.length - 1); si++) {
      const s = this.sentences[si];
      const claims = claimTokenSet(lex, tokens, s.tokenStart, s.tokenEnd);
      if (claims.size === 0) continue;
      const mentions = findActors(lex, tokens, s.tokenStart, s.tokenEnd);
      const roles = actorRoles(lex, tokens, s.tokenStart, s.tokenEnd, mentions, new Set(), claims).filter(
        (r) => r.role === 'claimant',
      );
      if (roles.length !== 1) continue;
      for (const f of frames) {
        if (f.actor || f.sentence > si || f.sentence < si - 2) continue;
        if (this.sentences[f.sentence].paragraph !== s.paragraph && f.sentence !== si - 1) continue;
        f.actor = roles[0];
      }
    }
  }

  /** Mentions of one incident in one article become one frame. */
  private merge(frames: Frame[]): Frame[] {
    const out: Frame[] = [];
    for (const f of frames) {
      const same = out.find(
        (o) =>
          samePlace(o.place.place, f.place.place) &&
          containmentDatesAgree(o, f) &&
          datesCompatible(o.date, f.date) &&
          (!o.actor || !f.actor || o.actor.actor.name === f.actor.actor.name) &&
          (!o.weapon ||
            !f.weapon ||
            o.weapon === f.weapon ||
            // a later undated mention may name the weapon differently ("القصف" vs "الصواريخ"),
            // but a foiled attack and one that landed are two events
            (o.dateImplied !== f.dateImplied && (o.intercepted === true) === (f.intercepted === true))),
      );
      if (!same) {
        out.push(f);
        continue;
      }
      // keep the more precise date and its evidence; fill the gaps from the other mention
      const primary = PRECISION_LEN(f.date) > PRECISION_LEN(same.date) && !f.dateImplied ? f : same;
      const other = primary === f ? same : f;
      const merged: Frame = {
        ...primary,
        actor: primary.actor ?? other.actor,
        weapon: primary.weapon ?? other.weapon,
        weaponSpan: primary.weapon ? primary.weaponSpan : other.weaponSpan,
        munitions: primary.munitions ?? other.munitions,
        munitionsSpan: primary.munitions !== null ? primary.munitionsSpan : other.munitionsSpan,
        casualties: {
          killed: primary.casualties.killed ?? other.casualties.killed,
          injured: primary.casualties.injured ?? other.casualties.injured,
        },
        intercepted: primary.intercepted ?? other.intercepted,
        target: primary.target ?? other.target,
        place:
          geoPrecision(primary.place.place, primary.place.near) <=
          geoPrecision(other.place.place, other.place.near)
            ? primary.place
            : other.place,
      };
      if (merged.intercepted === false && merged.kind === 'intercept')
        merged.kind = primary.trigger.value.kind;
      out[out.indexOf(same)] = merged;
    }
    return out;
  }

  private record(f: Frame): EventRecord {
    const place = f.place.place;
    const killed = f.casualties.killed;
    const injured = f.casualties.injured;
    const spans: EventRecord['spans'] = {
      evidence: this.span(f.evidence[0], f.evidence[1]),
      trigger: this.span(f.trigger.start, f.trigger.end),
      place: this.span(f.place.start, f.place.end),
    };
    if (f.dateSpan) spans.date = this.span(f.dateSpan[0], f.dateSpan[1]);
    if (f.actor) spans.actor = this.span(f.actor.start, f.actor.end);
    if (f.weaponSpan) spans.weapon = this.span(f.weaponSpan[0], f.weaponSpan[1]);
    if (f.munitionsSpan && f.munitions !== null)
      spans.munitions = this.span(f.munitionsSpan[0], f.munitionsSpan[1]);
    if (killed && killed.value !== null && killed.start >= 0)
      spans.killed = this.span(killed.start, killed.end);
    if (injured && injured.value !== null && injured.start >= 0)
      spans.injured = this.span(injured.start, injured.end);
    return {
      type: eventType(f),
      date: f.date,
      place: place.name,
      lat: place.lat,
      lon: place.lon,
      geo_precision: geoPrecision(place, f.place.near),
      country: place.country,
      admin1: place.admin1,
      actor: f.actor?.actor.name ?? null,
      target: f.target,
      weapon: f.weapon,
      munitions: f.munitions,
      killed: killed?.value ?? null,
      injured: injured?.value ?? null,
      intercepted: f.intercepted,
      evidence: this.article.text.slice(spans.evidence[0], spans.evidence[1]),
      place_id: place.id,
      actor_umbrella: f.actor?.actor.umbrella ?? null,
      spans,
    };
  }
}

interface CountriesFile {
  countries: Record<string, string[]>;
  covered: string[];
}
const COUNTRIES = readDataFile<CountriesFile>('lexicon/countries.json');
const COUNTRY_WORDS: [string, RegExp][] = Object.entries(COUNTRIES.countries).map(([code, words]) => [
  code,
  new RegExp((words as string[]).join('|'), 'gu'),
]);
const COVERED = new Set(COUNTRIES.covered);

/** How often the text names each country (by country words), in one pass per country. */
function countryMentions(norm: string): { dominant: string | null; covered: boolean } {
  let dominant: string | null = null;
  let bestCount = 0;
  let covered = false;
  for (const [code, re] of COUNTRY_WORDS) {
    const n = norm.match(re)?.length ?? 0;
    if (n > 0 && COVERED.has(code)) covered = true;
    if (n > bestCount) {
      dominant = code;
      bestCount = n;
    }
  }
  return { dominant, covered };
}

/**
 * Whether a province/city mention may fold into a site inside it: yes for a headline or a
 * later reference ("غارة على دمشق"), no when the province is one of a list of separately
 * dated attacks and the site mention carries no date of its own.
 */
function containmentDatesAgree(a: Frame, b: Frame): boolean {
  const ra = KIND_RANK[a.place.place.kind];
  const rb = KIND_RANK[b.place.place.kind];
  if (a.place.place.id === b.place.place.id || (ra <= SITE_RANK && rb <= SITE_RANK) || ra === rb) return true;
  const big = ra > rb ? a : b;
  const small = big === a ? b : a;
  // a province named in a list of separately dated attacks is not the site mentioned without a date
  return !(big.listed && !big.dateImplied && small.dateImplied);
}

const SITE_RANK = 1;
/** One place, two names for one site, or a province/city that contains the other place. */
function samePlace(a: Place, b: Place): boolean {
  if (a.id === b.id) return true;
  const d = distanceKm(a, b);
  const ra = KIND_RANK[a.kind];
  const rb = KIND_RANK[b.kind];
  if (ra <= SITE_RANK && rb <= SITE_RANK) return d < 1.5;
  if (ra === rb) return d < 1;
  const [big, small] = ra > rb ? [a, b] : [b, a];
  if (big.kind === 'province' || big.kind === 'region')
    return big.admin1 === small.admin1 && big.country === small.country;
  return d <= (big.kind === 'district' ? 40 : 25);
}

/** ACLED sub-event type from what the text says. */
export function eventType(
  f: Pick<Frame, 'kind' | 'weapon' | 'intercepted' | 'target' | 'actor' | 'trigger'>,
): EventType {
  if (f.intercepted === true) return 'Disrupted weapons use';
  if (f.kind === 'suicide') return 'Suicide bomb';
  if (f.kind === 'grenade') return 'Grenade';
  switch (f.weapon) {
    case 'aircraft':
    case 'drone':
      return 'Air/drone strike';
    case 'rocket':
    case 'missile':
    case 'mortar':
    case 'artillery':
      return 'Shelling/artillery/missile attack';
    case 'ied':
      return 'Remote explosive/landmine/IED';
    case 'small_arms':
      return 'Armed clash';
    default:
      break;
  }
  if (f.kind === 'airstrike') return 'Air/drone strike';
  // "نفذت القوات الأمريكية ضربتين": a state's or the coalition's strikes with no weapon named
  if (
    f.actor &&
    (f.actor.actor.kind === 'state' || f.actor.actor.kind === 'coalition') &&
    /^ضرب/u.test(f.trigger.phrase)
  )
    return 'Air/drone strike';
  if (f.kind === 'clash') return 'Armed clash';
  if (f.target === 'logistics') return 'Remote explosive/landmine/IED';
  if (f.actor?.actor.kind === 'insurgent') return 'Armed clash';
  return 'Shelling/artillery/missile attack';
}

/** Extracts the event records of one article. */
export function extractArticle(article: ArticleInput, lex: Lexicon = defaultLexicon()): ArticleResult {
  const events = new ArticleExtractor(lex, article).run();
  return { id: String(article.id), events };
}
