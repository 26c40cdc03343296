/**
 * Stage 2 of reading an article: discourse. Mentions of one event are linked, within
 * the article, to one event; slots a mention leaves empty are filled from the mentions
 * it is linked to; restatements of one event fold into one.
 *
 * Two kinds of link, each made by a named rule and kept with its reason:
 * - fold: the two mentions report the same event; they become one record
 *   (same-site, outcome-donor, lead-donor, anaphor-to-donor, disputed-account);
 * - inherit: the later mention reports another event of the same story (another site
 *   hit that night, the same round of strikes) and takes the date, and sometimes the
 *   actor or the weapon, of the earlier one (anaphor-other-site, story-date,
 *   story-weapon, same-day, fronted-continuation, co-mentioned-day, claim-in-article).
 *
 * Decisions, in order:
 * 1. Folds, mention by mention in text order, against the nearest earlier mention that
 *    fits: same or nested place with compatible dates, weapons and actors; a mention
 *    with no place (the outcome, the claim, the lead that names only a country) joins
 *    the nearest placed mention of its story within two sentences. A group never holds
 *    two different sites.
 * 2. Each group's slots: the most precisely dated placed member is primary; a slot it
 *    leaves empty comes from the other members in text order (claimant before
 *    perpetrator); the place is the most precise one.
 * 3. Inheritance for groups the text gives no date, actor or weapon of their own.
 * 4. A group still undated is dated by the publication month when it is news; an
 *    embedded reference ("ردا على الهجوم …") or background with no date of its own is
 *    not recorded.
 */
import { type ActorRole, actorRoles, claimTokenSet, findActors } from '../actors/actors.js';
import type { Doc } from '../doc/doc.js';
import { weaponEvidence, weaponFamily } from '../incidents/cluster.js';
import type { Place } from '../lexicon/lexicon.js';
import {
  distanceKm,
  geoPrecision,
  KIND_RANK,
  MACRO_REGION_KM,
  type PlaceMention,
  sitesNest,
} from '../places/places.js';
import { type ImpliedBy, TARGETS, type Target } from '../record/record.js';
import { type Casualties, resolveTolls } from './casualties.js';
import type { Dropped, Mention, Slot } from './mentions.js';
import { discourseVocab } from './vocab.js';
import { fires } from './weapons.js';

const V = discourseVocab();

export interface Link {
  /** the earlier mention */
  from: number;
  /** the later mention */
  to: number;
  rule: string;
  fold: boolean;
}

/** One event of the article: its member mentions and its resolved slots. */
export interface ArticleEvent {
  members: Mention[];
  primary: Mention;
  place: PlaceMention;
  date: string | null;
  dateSpan?: [number, number];
  /** the date is the publication month, not read in the text */
  dateImplied: boolean;
  actor: ActorRole | null;
  weapon: Mention['weapon'];
  weaponSpan?: [number, number];
  munitions: number | null;
  munitionsSpan?: [number, number];
  casualties: Casualties;
  intercepted: boolean | null;
  kind: Mention['kind'];
  /** the target a member states (null when none does) */
  target: Mention['target'];
  /** no member states a target: the forces the site hosts, from the gazetteer (rule site-hosts) */
  impliedTarget: { value: Target; by: ImpliedBy } | null;
  evidence: [number, number];
  /** slot → the rule that filled it from another mention */
  filled: Partial<Record<Slot, string>>;
}

export interface Discourse {
  events: ArticleEvent[];
  links: Link[];
  dropped: Dropped[];
}

const SITE_RANK = 1;

/** One place, two names for one site, or a province/city that contains the other place. */
export function samePlace(a: Place, b: Place): boolean {
  if (a.id === b.id) return true;
  if (sitesNest(a.id, a.within, b.id, b.within)) return true;
  // a border lies between places of two countries (البوكمال and القائم are 10 km apart)
  if (a.country !== b.country) return false;
  const d = distanceKm(a, b);
  // a macro-region ("غرب العراق", "البادية السورية") holds what lies in its country near it
  if (a.precision === 3 || b.precision === 3) {
    const [region, other] = a.precision === 3 ? [a, b] : [b, a];
    return other.precision !== 3 && region.country === other.country && d <= MACRO_REGION_KM;
  }
  const ra = KIND_RANK[a.kind];
  const rb = KIND_RANK[b.kind];
  if (ra <= SITE_RANK && rb <= SITE_RANK) return d < 1.5;
  if (ra === rb) return d < 1;
  const [big, small] = ra > rb ? [a, b] : [b, a];
  // a province holds its places, and what lies by its capital ("دمشق" and "مطار دمشق الدولي",
  // which is in Rif Dimashq)
  if (big.kind === 'province')
    return big.country === small.country && (big.admin1 === small.admin1 || d <= 30);
  // a region's extent is unknown: only what lies near its point is inside it
  if (big.kind === 'region') return big.country === small.country && d <= 50;
  return d <= (big.kind === 'district' ? 40 : 25);
}

/**
 * May the places of two mentions stand in one event's group? The same site (samePlace), or two
 * macro-regions of one country that overlap ("البادية السورية" and "منطقة الـ55 كم") told in
 * main clauses: a region is never a site, so two of them do not make a group hold two sites (an
 * earlier event embedded in a clause, "بعد ساعات من هجوم في بادية البشري", stays apart).
 */
function oneSite(x: Mention, y: Mention): boolean {
  const a = x.place!.place;
  const b = y.place!.place;
  if (samePlace(a, b)) return true;
  if (x.embedded || y.embedded) return false;
  return (
    a.precision === 3 && b.precision === 3 && a.country === b.country && distanceKm(a, b) <= MACRO_REGION_KM
  );
}

const datesCompatible = (a: string | null, b: string | null) =>
  a == null || b == null || a.startsWith(b) || b.startsWith(a);

const REPORT_LAG_DAYS = 7;
/**
 * Two mentions' dates agree: compatible, told of one night, or one dates the report of the
 * event and the other the event itself, on that day or in the week before it.
 */
function mentionDatesAgree(a: Mention, b: Mention, news: string | null): boolean {
  // "بعد أيام من إعلان X استهداف القاعدة": an earlier event of unknown day is not a dated one at that site
  if ((a.embedded && a.relativeToAnother && stated(b)) || (b.embedded && b.relativeToAnother && stated(a)))
    return false;
  if (recapsEarlier(a, b) || recapsEarlier(b, a)) return false;
  if (datesCompatible(dateOf(a, news), dateOf(b, news)) || nightApart(a, b)) return true;
  const [report, event] = a.reportDated ? [a, b] : b.reportDated ? [b, a] : [null, null];
  // the event's day must be its own clause's, not a date of another clause of its sentence
  if (!report || !event || report.date?.length !== 10 || event.date?.length !== 10) return false;
  if (event.reportDated || event.dateSource !== 'clause') return false;
  const lag = (Date.parse(report.date) - Date.parse(event.date)) / 86_400_000;
  return lag >= 0 && lag <= REPORT_LAG_DAYS;
}

const stated = (m: Mention) => m.dateSource !== 'none';

/**
 * Rule recap-earlier: "سقطت صواريخ على معسكر التاجي. … وكان مسؤولون قد أعلنوا، الأربعاء الماضي،
 * أن جنديين قتلا في سقوط صواريخ على المعسكر": a recap (a sentence opened by a pluperfect
 * auxiliary) dated days before the publication tells an earlier event than the undated, new
 * (indefinite) report before it, which is the news of the day; a definite lead ("الهجوم الذي
 * استهدف قاعدة في كركوك") refers to an event already known, which the recap may date.
 */
function recapsEarlier(lead: Mention, recap: Mention): boolean {
  return recap.recap === true && !lead.recap && !lead.definite && !stated(lead) && lead.id < recap.id;
}

/**
 * Whether a province/city mention may fold into a site inside it: yes for a headline or a
 * later reference ("غارة على دمشق"), no when the province is one of a list of separately
 * dated attacks and the site mention carries no date of its own.
 */
function containmentDatesAgree(a: Mention, b: Mention): boolean {
  if (!a.place || !b.place) return true;
  const ra = KIND_RANK[a.place.place.kind];
  const rb = KIND_RANK[b.place.place.kind];
  if (a.place.place.id === b.place.place.id || (ra <= SITE_RANK && rb <= SITE_RANK) || ra === rb) return true;
  const big = ra > rb ? a : b;
  const small = big === a ? b : a;
  return !(big.listed && stated(big) && !stated(small));
}

function actorsAgree(a: Mention, b: Mention): boolean {
  if (sidesApart(a, b) || sidesApart(b, a)) return false;
  return !a.actor || !b.actor || a.actor.actor.name === b.actor.actor.name;
}

/**
 * Rule sides-apart: "تعرضت القاعدة الأميركية في حقل العمر للقصف … مدفعية التحالف الدولي قصفت مواقع
 * للقوات الرديفة": a mention whose attacker is on the side another mention's target is on tells
 * another event (the answer to it); one side does not attack itself.
 */
function sidesApart(a: Mention, b: Mention): boolean {
  const side = a.sides?.attacker;
  // (a mention whose attacker and target are on one side misreads one of them: it tells nothing)
  if (side == null || side === a.sides?.target || b.sides?.attacker === b.sides?.target) return false;
  return side === b.sides?.target;
}

/** Weapons agree, or one mention is undated and names the weapon differently ("القصف" vs "الصواريخ"). */
function weaponsAgree(a: Mention, b: Mention): boolean {
  if (!a.weapon || !b.weapon || a.weapon === b.weapon) return true;
  // "غارة" (an aircraft implied) told elsewhere as a drone; aircraft and the missiles they fire
  if (weaponEvidence(a, b).ok) return true;
  // a foiled attack and one that landed are two events
  return stated(a) !== stated(b) && (a.intercepted === true) === (b.intercepted === true);
}

/** Two days next to each other, one of them told as a night ("الليلة الماضية", "فجر الأحد"). */
function nightApart(a: Mention, b: Mention): boolean {
  if (!(a.night || b.night) || a.date?.length !== 10 || b.date?.length !== 10) return false;
  return Math.abs(Date.parse(a.date) - Date.parse(b.date)) === 86_400_000;
}

/**
 * The date a mention is compared by: its own; for an undated mention of the news (not
 * background, not embedded) the publication month, so that it does not fold with an old
 * event at the same place ("وتعرض المطار لهجوم مماثل في نيسان الماضي").
 */
function dateOf(m: Mention, newsMonth: string | null): string | null {
  if (m.date !== null || m.background || m.embedded || m.definite) return m.date;
  // "أفاد المراسل، أمس الأحد، بانفجارات في القاعدة. وأضاف أن مسيرات استهدفت القاعدة": the day
  // the sentence next to it gives for the same place
  return m.neighbourDay?.date ?? newsMonth;
}

/** May two mentions report one event (leaving place aside)? `news`: the publication month. */
function compatible(a: Mention, b: Mention, news: string | null): boolean {
  return mentionDatesAgree(a, b, news) && actorsAgree(a, b) && weaponsAgree(a, b) && !b.another;
}

const dateRank = (m: Mention) => (stated(m) ? (m.date?.length ?? 0) : -1);
/** The most precisely dated of some mentions (the first of equals). */
function bestDated(ms: Mention[]): Mention {
  return ms.reduce((best, m) => (dateRank(m) > dateRank(best) ? m : best), ms[0]);
}

/** Union–find over mention ids. */
class Groups {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number) {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Sentences apart, and whether they share a paragraph. */
function closeBy(doc: Doc, a: Mention, b: Mention, maxSentences: number): boolean {
  const d = Math.abs(b.sentence - a.sentence);
  if (d > maxSentences) return false;
  return (
    d <= 1 || doc.sentences[a.sentence].paragraph === doc.sentences[b.sentence].paragraph || doc.rewrapped
  );
}

/** How long before publication a stated date makes a mention old news (rule old-news-apart). */
const OLD_NEWS_DAYS = 90;
/** How many sentences apart an undated mention may still refer to an old, dated one. */
const OLD_NEWS_REACH = 2;

/**
 * Rule old-news-apart: "اقتحم مسلحون مبنى المحافظة في مدينة أربيل … وسبق لتنظيم داعش أن هاجم
 * مبنى وزارة داخلية الإقليم في أربيل العام 2015": a mention dated months or years before the
 * publication and an undated one far from it in the article are two events, however definite
 * the undated one ("الهجوم"): a definite noun refers to the event told near it, and the news of
 * the article is not an event of years ago. Close by ("… العام 2015. وأسفر الهجوم على المبنى
 * عن …") the undated one may restate the old one.
 */
function oldNewsApart(doc: Doc, a: Mention, b: Mention): boolean {
  if (!doc.published || stated(a) === stated(b)) return false;
  const old = stated(a) ? a : b;
  if (!old.date) return false;
  const days = (Date.parse(doc.published.slice(0, 10)) - Date.parse(firstDayOf(old.date))) / 86_400_000;
  return days > OLD_NEWS_DAYS && !closeBy(doc, a, b, OLD_NEWS_REACH);
}

/** The first day a date of any precision covers ('2015' → '2015-01-01'). */
function firstDayOf(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** How many placed mentions back a mention looks for the same or a containing site. */
const FOLD_LOOKBACK = 200;

export function linkMentions(doc: Doc, mentions: Mention[]): Discourse {
  const news = doc.published ? doc.published.slice(0, 7) : null;
  const links: Link[] = [];
  const dropped: Dropped[] = [];
  const groups = new Groups(mentions.length);
  const sitesOf = new Map<number, Mention[]>(); // root → placed members
  const membersOf = new Map<number, Mention[]>(); // root → all members
  // a disputed account ("نفى أن يكون الهجوم وقع في الأردن، موضحا أنه استهدف التنف") is of the
  // event reported before it: its place is a rival claim, neither a site of that event nor another event
  const disputedOf = new Map<number, Mention>();
  for (const m of mentions) {
    if (!m.disputed || !m.place || m.embedded) continue;
    const ante = mentions
      .slice(0, m.id)
      .reverse()
      .find((a) => a.place && !a.disputed && !a.embedded && a.sentence < m.sentence && closeBy(doc, a, m, 4));
    if (ante && !samePlace(ante.place!.place, m.place.place) && actorsAgree(ante, m) && weaponsAgree(ante, m))
      disputedOf.set(m.id, ante);
  }
  for (const m of mentions) {
    sitesOf.set(m.id, m.place && !disputedOf.has(m.id) ? [m] : []);
    membersOf.set(m.id, [m]);
  }

  /** Folds b into a's group unless that would put two different sites in one group. */
  /** `restated`: b only counts a's event, its place is no site of it (rule of-its-kind) */
  const tryFold = (a: Mention, b: Mention, rule: string, restated = false): boolean => {
    const ra = groups.find(a.id);
    const rb = groups.find(b.id);
    if (ra === rb) return true;
    const sa = sitesOf.get(ra) ?? [];
    const sb = restated ? [] : (sitesOf.get(rb) ?? []);
    for (const x of sa) for (const y of sb) if (!oneSite(x, y)) return false;
    // every member of one group agrees with every member of the other on dates and actors
    const ma = membersOf.get(ra) ?? [];
    const mb = membersOf.get(rb) ?? [];
    for (const x of ma)
      for (const y of mb) if (!mentionDatesAgree(x, y, news) || !actorsAgree(x, y)) return false;
    // weapons: the best-dated mention of each group speaks for it
    if (!weaponsAgree(bestDated(sa.length ? sa : [a]), bestDated(sb.length ? sb : [b]))) return false;
    groups.union(ra, rb);
    const root = groups.find(ra);
    sitesOf.set(root, [...sa, ...sb]);
    membersOf.set(root, [...ma, ...mb]);
    links.push({ from: a.id, to: b.id, rule, fold: true });
    return true;
  };

  // 1a. folds of placed mentions: the same site, or a site inside a place named before
  const placed = mentions.filter((m) => m.place && !disputedOf.has(m.id));
  // listed mention → the region mention before it that spans the list (rule region-spans-list)
  const spannedBy = new Map<number, number>();
  for (const m of placed) {
    // (a bounded look back: a report restating a site hundreds of mentions later is no news article)
    const at = placed.indexOf(m);
    for (let i = at - 1; i >= Math.max(0, at - FOLD_LOOKBACK); i--) {
      const a = placed[i];
      if (!a.place || !m.place) continue;
      // a place inside another ("مطار X" in "محافظة X") is the same event only with the same kind
      // of weapon, unless the two sentences are next to each other (a lead and its detail)
      const nested = a.place.place.id !== m.place.place.id;
      // a macro-region is the same event as a site in it only close by, or as the article's
      // first mention (its headline or lead)
      const region = a.place.place.precision === 3 || m.place.place.precision === 3;
      if (region && nested && !closeBy(doc, a, m, 3) && a.id !== 0) continue;
      // a place listed among several ("في محافظات بابل والديوانية وذي قار") is one of several
      // events: the region named before it spans them all and restates none of them
      if (region && nested && m.listed && !a.listed && a.place.place.precision === 3) {
        if (!spannedBy.has(m.id) && closeBy(doc, a, m, 3) && compatible(a, m, news))
          spannedBy.set(m.id, a.id);
        continue;
      }
      // a night told on two calendar days is one event at one place, not at a place and another inside it
      const nightOnly = !datesCompatible(dateOf(a, news), dateOf(m, news));
      if (
        samePlace(a.place.place, m.place.place) &&
        !(nested && nightOnly) &&
        !oldNewsApart(doc, a, m) &&
        containmentDatesAgree(a, m) &&
        compatible(a, m, news) &&
        (!nested ||
          !a.weapon ||
          !m.weapon ||
          family(a.weapon) === family(m.weapon) ||
          m.sentence - a.sentence <= 1) &&
        tryFold(a, m, nested ? 'nested-site' : 'same-site')
      )
        break;
    }
  }
  for (const [id, ante] of disputedOf) tryFold(ante, mentions[id], 'disputed-account');
  const restatements = new Set<number>();
  // rule of-its-kind: "وهذا القصف هو الثاني من نوعه الذي تتعرض له القاعدة": the mention
  // counts the event just told; the place it names (often coarser) is that event's
  for (const m of mentions) {
    if (!m.ofItsKind || !m.place) continue;
    const ante = mentions
      .slice(0, m.id)
      .reverse()
      .find(
        (a) =>
          a.place && !a.embedded && closeBy(doc, a, m, 8) && a.place.place.country === m.place?.place.country,
      );
    if (ante && tryFold(ante, m, 'of-its-kind', true)) {
      restatements.add(m.id);
      earlierOfSeries(doc, mentions, m, ante, links);
    }
  }
  // 1b. a mention with no place gives its slots to the event it belongs to: the outcome or the
  // claim of the event before it ("وأسفر الهجوم عن مقتل …", "وتبنت X الهجوم"), else the lead of
  // the event after it ("قتل ثلاثة جنود بهجوم بطائرة مسيرة. ووقع الهجوم في …")
  for (const m of mentions) {
    if (m.place) continue;
    const fits = (a: Mention) => closeBy(doc, a, m, 2) && a.embedded === m.embedded && compatible(a, m, news);
    let done = false;
    for (let i = m.id - 1; i >= 0 && !done; i--) {
      const a = mentions[i];
      if (m.sentence - a.sentence > 2) break; // fits() needs them within two sentences
      if (a.place && fits(a)) {
        done = tryFold(a, m, 'outcome-donor');
        // ("وهذا الاستهداف هو الثاني من نوعه للقاعدة، بعد استهداف آخر طالها في …")
        if (done && m.ofItsKind) earlierOfSeries(doc, mentions, m, a, links);
      } else if (!a.place && m.definite && fits(a)) done = tryFold(a, m, 'anaphor-to-donor');
    }
    // an outcome sentence tells the outcome of the attack before it, never the lead of one after it
    for (let i = m.id + 1; i < mentions.length && !done && !m.outcome; i++) {
      const b = mentions[i];
      if (b.sentence - m.sentence > 2) break;
      // a lead says when, who or with what toll; a bare weapon word is no lead
      const says =
        stated(m) || m.actor !== null || m.casualties.killed !== null || m.casualties.injured !== null;
      // ("مساء الاحد" in the lead, "ليلا" after it: one night)
      const sameDay = !stated(b) || datesCompatible(m.date, b.date) || nightApart(m, b);
      if (b.place && fits(b) && (b.definite || says) && sameDay) done = tryFold(m, b, 'lead-donor');
    }
  }

  // 2. groups and their slots
  const byRoot = new Map<number, Mention[]>();
  for (const m of mentions) {
    const r = groups.find(m.id);
    const list = byRoot.get(r) ?? [];
    list.push(m);
    byRoot.set(r, list);
  }
  const events: ArticleEvent[] = [];
  for (const members of byRoot.values()) {
    const placed = members.filter((m) => m.place && !disputedOf.has(m.id) && !restatements.has(m.id));
    if (placed.length === 0) continue; // a donor that found no event: nothing to locate
    events.push(resolveGroup(members, placed));
  }
  events.sort((a, b) => a.members[0].id - b.members[0].id);
  regionSpansList(events, spannedBy, links);
  clauseSiblings(events, links);

  // 3. inheritance
  const isDay = (e: ArticleEvent) => e.date !== null && e.date.length === 10 && !e.dateImplied;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const p = e.primary;
    const earlier = events.slice(0, i);
    const inherit = (from: ArticleEvent, rule: string, slots: Slot[]) => {
      links.push({ from: from.primary.id, to: p.id, rule, fold: false });
      for (const slot of slots) inheritSlot(e, from, slot, rule);
    };
    if (e.date === null && !p.relativeToAnother) {
      const lastDay = [...earlier].reverse().find((x) => isDay(x) && !x.primary.embedded);
      // the same attacker in the same story: the same arm ("وفي العراق، قصف أمريكي …" after US air strikes)
      const sameArm = (from: ArticleEvent) => {
        if (!e.weapon && e.actor && from.actor && e.actor.actor.name === from.actor.actor.name)
          inherit(from, 'story-weapon', ['weapon']);
      };
      if (e.members.some((m) => m.sameDay) && lastDay) {
        inherit(lastDay, 'same-day', ['date']);
        sameArm(lastDay);
      } else if (p.fronted && lastDay && lastDay.members.some((m) => m.sentence === p.sentence - 1)) {
        inherit(lastDay, 'fronted-continuation', ['date']);
        sameArm(lastDay);
      } else {
        const near = p.neighbourDay;
        if (near) {
          e.date = near.date;
          e.dateSpan = near.span;
          e.filled.date = 'co-mentioned-day';
        }
      }
    }
    if (e.date === null && !p.embedded && !p.background && !p.relativeToAnother) {
      // an anaphor ("واستهدف القصف …") continues the event before it at another site
      const ante = p.definite
        ? [...earlier].reverse().find((x) => !x.primary.embedded && closeBy(doc, x.primary, p, 4))
        : undefined;
      if (ante && ante.date !== null && isNews(doc, ante.date) && compatibleEvents(ante, e))
        inherit(ante, 'anaphor-other-site', ['date', 'actor', 'weapon']);
      else {
        const anchor = [...earlier]
          .reverse()
          .find(
            (x) => isDay(x) && !x.primary.embedded && !x.primary.background && isNews(doc, x.date as string),
          );
        // the story's date: another attack of the same night may use another weapon
        const actorsOk = !anchor?.actor || !e.actor || anchor.actor.actor.name === e.actor.actor.name;
        if (anchor && actorsOk) {
          inherit(anchor, 'story-date', ['date']);
          if (!e.weapon && e.actor && anchor.actor && e.actor.actor.name === anchor.actor.actor.name)
            inherit(anchor, 'story-weapon', ['weapon']);
        } else if (!anchor) {
          // rule lead-date: a lead that names no site, only the day and who ("أعلنت المقاومة
          // الإسلامية، مساء اليوم الاثنين، استهداف 4 قواعد …") dates the sites told after it
          const lead = mentions
            .slice(0, p.id)
            .reverse()
            .find(
              (m) =>
                !m.place &&
                stated(m) &&
                m.date?.length === 10 &&
                !m.embedded &&
                !m.background &&
                isNews(doc, m.date) &&
                (!m.actor || !e.actor || m.actor.actor.name === e.actor.actor.name),
            );
          if (lead?.date) {
            e.date = lead.date;
            e.dateSpan = lead.dateSpan;
            e.filled.date = 'lead-date';
            links.push({ from: lead.id, to: p.id, rule: 'lead-date', fold: false });
          } else {
            // rule story-date-after: an undated lead ("استشهد أربعة في عدوان جوي أمريكي على
            // القائم") and the next sentence dating the same attacker's strike on the other side
            // ("تعرضت المنطقة الحدودية لعدوان جوي أمريكي فجر اليوم") tell one night
            const next = events
              .slice(i + 1)
              .find((x) => x.primary.sentence > p.sentence && x.primary.sentence - p.sentence <= 1);
            if (
              next &&
              isDay(next) &&
              !next.primary.embedded &&
              !next.primary.background &&
              isNews(doc, next.date as string) &&
              e.actor &&
              next.actor &&
              e.actor.actor.name === next.actor.actor.name &&
              compatibleEvents(next, e)
            )
              inherit(next, 'story-date-after', ['date']);
          }
        }
      }
    }
  }
  // a definite anaphor ("الضربات التي وقعت فجر الجمعة استهدفت …") takes the attacker and the
  // weapon of the event it refers back to, when its own clause names neither
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const p = e.primary;
    if (!p.definite || p.embedded || (e.actor && e.weapon) || e.filled.date === 'anaphor-other-site')
      continue;
    const ante = events
      .slice(0, i)
      .reverse()
      .find((x) => !x.primary.embedded && closeBy(doc, x.primary, p, 4));
    if (!ante || !compatibleEvents(ante, e)) continue;
    if (e.date && ante.date && !(e.date.startsWith(ante.date) || ante.date.startsWith(e.date))) continue;
    links.push({ from: ante.primary.id, to: p.id, rule: 'anaphor-attributes', fold: false });
    inheritSlot(e, ante, 'actor', 'anaphor-attributes');
    inheritSlot(e, ante, 'weapon', 'anaphor-attributes');
  }
  claimsInArticle(doc, events, links);
  statementClaims(doc, events, links);

  // 4. the month of the event a clause is dated against, the publication month, or nothing
  const out: ArticleEvent[] = [];
  for (const e of events) {
    if (e.date === null && e.primary.relativeToAnother) {
      // "وقبل هذا الهجوم بساعات، …": within hours of the event before — at least its month
      // (an event the text dates; else the news itself, dated by its publication month)
      const before = out.filter((x) => x.date && !x.dateImplied).pop() ?? out.filter((x) => x.date).pop();
      if (before?.date) {
        e.date = before.date.slice(0, 7);
        e.filled.date = 'relative-to-another';
        links.push({ from: before.primary.id, to: e.primary.id, rule: 'relative-to-another', fold: false });
      }
    }
    if (e.date === null) {
      const p = e.primary;
      if (e.members.every((m) => m.embedded || !m.place) || p.relativeToAnother) {
        dropped.push({
          sentence: p.sentence,
          trigger: doc.norm.slice(p.trigger.start, p.trigger.end),
          reason: 'embedded-undated: a reference to another event, with no date of its own',
        });
        continue;
      }
      if (!doc.published) {
        dropped.push({
          sentence: p.sentence,
          trigger: doc.norm.slice(p.trigger.start, p.trigger.end),
          reason: 'undated: no date in the text and no publication date',
        });
        continue;
      }
      e.date = doc.published.slice(0, 7);
      e.dateImplied = true;
      e.filled.date = 'publication-month';
    }
    out.push(e);
  }
  return { events: out, links, dropped };
}

/**
 * Rule region-spans-list: "قصفت مسيرات مواقع في ريف دير الزور الشرقي … استهدفت مواقع في باديتي
 * القورية والعشارة": a region told before a list of places in it is the sum of those events, not
 * one of them. Each listed event takes the region's date, attacker and weapon where its own
 * clause gives none, and the region, told again by its parts, is no record of its own.
 */
function regionSpansList(events: ArticleEvent[], spannedBy: Map<number, number>, links: Link[]) {
  if (!spannedBy.size) return;
  const eventOf = new Map<number, ArticleEvent>();
  for (const e of events) for (const m of e.members) eventOf.set(m.id, e);
  const parts = new Map<ArticleEvent, ArticleEvent[]>();
  for (const [listed, regionId] of spannedBy) {
    const part = eventOf.get(listed);
    const whole = eventOf.get(regionId);
    // the region's group holds no site of its own, and the part is an event apart from it
    if (!part || !whole || part === whole || whole.place.place.precision !== 3) continue;
    const list = parts.get(whole) ?? [];
    if (!list.includes(part)) list.push(part);
    parts.set(whole, list);
  }
  for (const [whole, list] of parts) {
    if (list.length < 2) continue;
    for (const e of list) {
      links.push({ from: whole.primary.id, to: e.primary.id, rule: 'region-spans-list', fold: false });
      for (const slot of ['date', 'actor', 'weapon'] as const)
        inheritSlot(e, whole, slot, 'region-spans-list');
      if (e.intercepted === null && whole.intercepted !== null) {
        e.intercepted = whole.intercepted;
        e.filled.intercepted = 'region-spans-list';
      }
    }
    events.splice(events.indexOf(whole), 1);
  }
}

/**
 * Rule earlier-of-series: "وهذا هو القصف الثاني من نوعه الذي تتعرض له القاعدة بعد سقوط صاروخ
 * قربها الخميس الماضي": the earlier event a count names after it, dated in its own clause and
 * naming no place, is the first of the series at the counted event's site ("قربها": near it).
 */
function earlierOfSeries(doc: Doc, mentions: Mention[], count: Mention, ante: Mention, links: Link[]) {
  if (!ante.place) return;
  for (const x of mentions) {
    if (x.sentence !== count.sentence || x.id <= count.id || x.place || !x.embedded) continue;
    if (x.dateSource !== 'clause' || !x.date) continue;
    const clause = doc.norm.slice(doc.tokens[x.from].start, doc.tokens[x.to - 1].end);
    const near = V.pronounNear.test(clause);
    x.place = { ...ante.place, near: near || ante.place.near, anaphor: true };
    links.push({ from: ante.id, to: x.id, rule: 'earlier-of-series', fold: false });
  }
}

/** A day within ten days before publication (or any day when the publication date is unknown): the news itself. */
function isNews(doc: Doc, day: string): boolean {
  if (!doc.published) return true;
  if (day.length < 10) return day === doc.published.slice(0, day.length);
  const diff = (Date.parse(doc.published) - Date.parse(day)) / 86_400_000;
  return diff >= -1 && diff <= 10;
}

function compatibleEvents(a: ArticleEvent, b: ArticleEvent): boolean {
  const actorsOk = !a.actor || !b.actor || a.actor.actor.name === b.actor.actor.name;
  const weaponsOk = !a.weapon || !b.weapon || a.weapon === b.weapon || family(a.weapon) === family(b.weapon);
  return actorsOk && weaponsOk && (a.intercepted === true) === (b.intercepted === true);
}

/** An aircraft no word names: implied by an air-strike word alone ("غارة"). */
const impliedAir = (m: Mention) => m.weapon === 'aircraft' && m.weaponSpan === undefined;

/** weapon → family: the families cross-article clustering uses (data/coreference.json) */
const family = weaponFamily;

function inheritSlot(e: ArticleEvent, from: ArticleEvent, slot: Slot, rule: string) {
  if (slot === 'date' && e.date === null && from.date !== null) {
    e.date = from.date;
    e.dateSpan = from.dateSpan;
    e.filled.date = rule;
  } else if (slot === 'actor' && !e.actor && from.actor) {
    e.actor = from.actor;
    e.filled.actor = rule;
  } else if (slot === 'weapon' && !e.weapon && from.weapon) {
    e.weapon = from.weapon;
    e.weaponSpan = from.weaponSpan;
    e.filled.weapon = rule;
    if (e.intercepted === null && from.weapon === 'aircraft') e.intercepted = false;
  }
}

/**
 * Rule clause-sibling: the places of one attack word ("تعرضت مواقع في ريفي حماة وحلب ليلا لعدوان")
 * are one attack on one day: when the event of the first took another day than their clause
 * gives (rule night-named-day), the others take it too.
 */
function clauseSiblings(events: ArticleEvent[], links: Link[]) {
  for (let i = 1; i < events.length; i++) {
    const e = events[i];
    const p = e.primary;
    if (e.date !== p.date || e.members.length > 1) continue;
    const first = events
      .slice(0, i)
      .find(
        (f) =>
          f.primary.sentence === p.sentence &&
          f.primary.trigger.start === p.trigger.start &&
          f.primary.date === p.date &&
          f.date !== p.date,
      );
    if (!first?.date || first.date.length !== 10 || p.date?.length !== 10) continue;
    e.date = first.date;
    e.dateSpan = first.dateSpan;
    e.filled.date = 'clause-sibling';
    links.push({ from: first.primary.id, to: p.id, rule: 'clause-sibling', fold: false });
  }
}

/** A group's slots: the primary's, then the other members' in text order. */
function resolveGroup(members: Mention[], placed: Mention[]): ArticleEvent {
  // the main clause's mention speaks for the event, not a reference embedded in another clause
  const main = placed.filter((m) => !m.embedded);
  const primary = bestDated(main.length ? main : placed);
  const order = [primary, ...members.filter((m) => m !== primary)];
  const filled: ArticleEvent['filled'] = {};
  const firstWith = <T>(
    slot: Slot,
    get: (m: Mention) => T | null | undefined,
  ): [T | null, Mention | null] => {
    for (const m of order) {
      const v = get(m);
      if (v !== null && v !== undefined) {
        if (m !== primary) filled[slot] = `${m.place ? 'same-site' : 'donor'}:${m.id}`;
        return [v, m];
      }
    }
    return [null, null];
  };
  // rule night-named-day: of two days one night apart ("مساء الاحد" in the lead, "ليلا" after
  // it, read as the night that ended on the publication day), the evening before, not told as a
  // night, is the event's
  const ownDays = order.filter((m) => stated(m) && m.date !== null && !m.reportDated);
  const nightOnly = (m: Mention) =>
    m.night && ownDays.some((o) => !o.night && o.date! < m.date! && nightApart(m, o));
  const dated =
    ownDays.find((m) => !nightOnly(m)) ?? ownDays[0] ?? order.find((m) => stated(m) && m.date !== null);
  if (dated && dated !== primary) filled.date = `${dated.place ? 'same-site' : 'donor'}:${dated.id}`;
  const claimant = order.find((m) => m.actor?.role === 'claimant');
  const [actor] = claimant ? [claimant.actor] : firstWith('actor', (m) => m.actor);
  if (claimant && claimant !== primary) filled.actor = `donor:${claimant.id}`;
  // a drone the text names beats the aircraft an air-strike word implies ("غارة" … "بطائرة مسيرة")
  const named = order.find((m) => m.weapon === 'drone' && m.weaponSpan);
  const [weapon, wm] =
    named && order.some((m) => m.weapon && impliedAir(m))
      ? [named.weapon, named]
      : firstWith('weapon', (m) => m.weapon);
  if (wm && wm !== primary && named === wm) filled.weapon = `${wm.place ? 'same-site' : 'donor'}:${wm.id}`;
  // rule outcome-of-its-weapon: a member whose weapon disagrees with the event's (a drone that
  // "سقطت … وأودت بحياة شخص" beside an event of rockets) tells another attack's count, toll and
  // interception;
  // the munitions of the event's platform agree ("استهدفت مسيرة السيارة بثلاثة صواريخ")
  const agrees = (m: Mention) =>
    !weapon || !m.weapon || weaponFamily(weapon) === weaponFamily(m.weapon) || fires(weapon, m.weapon);
  const [munitions, mm] = firstWith('munitions', (m) => (agrees(m) ? m.munitions : null));
  // tolls over several sentences: an updated toll wins ("ارتفعت الحصيلة إلى …", resolveTolls);
  // otherwise the primary's own figure, then the first stated one (figures that disagree
  // without an update are not added up or maximised: the conservative reading stands)
  const inOrder = [...members].filter(agrees).sort((a, b) => a.id - b.id);
  const tolls = resolveTolls(inOrder.map((m) => m.casualties));
  // rule party-zero: "لم تقع إصابات بين الجنود الأمريكيين" says nothing of the others a member reports hurt
  const someoneHurt = members.some(
    (m) => (m.casualties.killed?.value ?? 0) > 0 || (m.casualties.injured?.value ?? 0) > 0,
  );
  const standing = (c: Casualties['killed']) => (c?.party && c.value === 0 && someoneHurt ? null : c);
  const tollOf = (kind: 'killed' | 'injured') => {
    const t = tolls[kind];
    if (t?.reason === 'latest-update') {
      const m = inOrder[t.from];
      if (m !== primary) filled[kind] = `${m.place ? 'same-site' : 'donor'}:${m.id} (latest-update)`;
      return m.casualties[kind];
    }
    const [count] = firstWith(kind, (m) => (agrees(m) ? standing(m.casualties[kind]) : null));
    return count;
  };
  const killed = tollOf('killed');
  const injured = tollOf('injured');
  const [told] = firstWith('intercepted', (m) => (agrees(m) ? m.intercepted : null));
  // someone hurt: something got through, whatever sentence says so (casualties-after-interception)
  const hurt = (killed?.value ?? 0) > 0 || (injured?.value ?? 0) > 0;
  // a projectile that killed or hurt someone landed, whatever sentence tells the toll (projectile-impact)
  const projectile = weapon !== null && weapon !== 'small_arms' && weapon !== 'aircraft';
  const intercepted = hurt && (told === true || (told === null && projectile)) ? false : told;
  const [target] = firstWith('target', (m) => m.target);
  // the most precise place; of two as precise, the site inside the other (a base in an airport)
  const place = placed.reduce((best, m) => {
    const pm = geoPrecision(m.place!.place, m.place!.near);
    const pb = geoPrecision(best.place!.place, best.place!.near);
    return pm < pb || (pm === pb && m.place!.place.within === best.place!.place.id) ? m : best;
  }).place as PlaceMention;
  const impliedTarget = target === null ? siteHosts(place) : null;
  if (impliedTarget) filled.target = `site-hosts: ${impliedTarget.by.place_id}`;
  // a specific manner one member names beats a plain attack ("الهجوم" … "هجوم انتحاري بسيارة
  // مفخخة"), as a specific trigger does within one clause
  const specific =
    primary.kind === 'attack' ? order.find((m) => m.kind === 'suicide' || m.kind === 'grenade') : undefined;
  let kind = specific?.kind ?? primary.kind;
  if (intercepted === false && kind === 'intercept') kind = primary.trigger.value.kind;
  if (intercepted === true) kind = 'intercept';
  return {
    members,
    primary,
    place,
    date: dated?.date ?? null,
    dateSpan: dated?.dateSpan,
    dateImplied: false,
    actor,
    weapon,
    weaponSpan: wm?.weaponSpan,
    munitions,
    munitionsSpan: mm?.munitionsSpan,
    casualties: { killed, injured },
    intercepted,
    kind,
    target,
    impliedTarget,
    evidence: primary.evidence,
    filled,
  };
}

/**
 * Rule site-hosts: "استهدفت طائرة مسيرة قاعدة الشدادي" names no target, but the site hosts US
 * forces (the curated gazetteer row's `target`): the attack targets them, by implication. Only
 * the site itself implies it (not a place near it or a town it lies in). Null when the site
 * hosts no foreign forces or mission.
 */
export function siteHosts(place: PlaceMention): ArticleEvent['impliedTarget'] {
  const hosted = place.place.target;
  if (!hosted || place.near || !(TARGETS as readonly string[]).includes(hosted)) return null;
  return { value: hosted as Target, by: { rule: 'site-hosts', place_id: place.place.id } };
}

/**
 * "وتبنت المقاومة الإسلامية في العراق الهجومين": a claim in a sentence of its own names the
 * actor of the events reported in it and in the two sentences before it (same paragraph).
 */
/**
 * Rule statement-claims: "وقالت المقاومة الإسلامية في بيان إن مجاهديها استهدفوا قاعدة عين الأسد،
 * مضيفة أن قاعدتي تل بيدر والتنف تم استهدافهما": a group's statement claiming one attack claims
 * the others its sentence goes on to list, after the claimant is named.
 */
function statementClaims(doc: Doc, events: ArticleEvent[], links: Link[]) {
  // ("…، فيما قال الجيش إن قاعدة Y تعرضت لهجوم": a contrastive clause is another account)
  const contrastBetween = (si: number, from: number, to: number) => {
    const s = doc.sentences[si];
    for (let k = s.tokenStart; k < s.tokenEnd; k++) {
      const t = doc.tokens[k];
      if (t.start >= from && t.end <= to && V.clauseWords.has(t.text)) return true;
    }
    return false;
  };
  for (const e of events) {
    const p = e.primary;
    if (e.actor || p.embedded || p.background) continue;
    const claim = events.find(
      (x) =>
        x !== e &&
        x.primary.sentence === p.sentence &&
        x.actor?.role === 'claimant' &&
        x.actor.start < p.trigger.start &&
        !x.primary.embedded &&
        !contrastBetween(p.sentence, x.actor.end, p.trigger.start),
    );
    if (!claim?.actor) continue;
    e.actor = claim.actor;
    e.filled.actor = 'statement-claims';
    links.push({ from: claim.primary.id, to: p.id, rule: 'statement-claims', fold: false });
  }
}

function claimsInArticle(doc: Doc, events: ArticleEvent[], links: Link[]) {
  if (events.length === 0) return;
  const { lex, tokens } = doc;
  // a claim reaches events of its sentence and the two before it: only the sentences that
  // have such an event are read (in order), not every sentence up to the last event
  const reach = new Set<number>();
  for (const e of events) {
    if (e.actor || e.primary.embedded) continue;
    for (let si = e.primary.sentence; si <= e.primary.sentence + 2; si++)
      if (si < doc.sentences.length) reach.add(si);
  }
  for (const si of [...reach].sort((a, b) => a - b)) {
    const s = doc.sentences[si];
    const claims = claimTokenSet(lex, tokens, s.tokenStart, s.tokenEnd);
    if (claims.size === 0) continue;
    const mentions = findActors(lex, tokens, s.tokenStart, s.tokenEnd);
    const roles = actorRoles(lex, tokens, s.tokenStart, s.tokenEnd, mentions, new Set(), claims).filter(
      (r) => r.role === 'claimant',
    );
    if (roles.length !== 1) continue;
    for (const e of events) {
      const f = e.primary;
      if (e.actor || f.sentence > si || f.sentence < si - 2 || f.embedded) continue;
      if (doc.sentences[f.sentence].paragraph !== s.paragraph && f.sentence !== si - 1) continue;
      e.actor = roles[0];
      e.filled.actor = 'claim-in-article';
      links.push({ from: f.id, to: f.id, rule: `claim-in-article: sentence ${si}`, fold: false });
    }
  }
}
