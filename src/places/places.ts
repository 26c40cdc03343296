/**
 * Place mentions: gazetteer names found in text, with the context that decides
 * whether they are the place of an event (cue words for ambiguous names, "near",
 * launch origins, names that belong to an office or an organisation).
 */

import { attackerLocationAt, patronAt } from '../actors/actors.js';
import { findDates } from '../dates/dates.js';
import type { Lexicon, Place, PlaceKind } from '../lexicon/lexicon.js';
import type { PhraseMatch } from '../lexicon/matcher.js';
import type { Token } from '../segment/segment.js';

export interface PlaceMention {
  place: Place;
  /** token indices, inclusive */
  first: number;
  last: number;
  /** normalized offsets */
  start: number;
  end: number;
  near: boolean;
  origin: boolean;
  /** the far end of a road named by its two ends ("طريق القامشلي - المالكية"): no site */
  roadEnd?: boolean;
  /** names where the place before it lies ("حقل كورمور في قضاء جمجمال"): no site of its own */
  locates?: boolean;
  /** resolved from an anaphor such as "نفس القاعدة" */
  anaphor?: boolean;
}

/** How precise a kind of place is: lower is more precise. */
export const KIND_RANK: Record<PlaceKind, number> = {
  base: 0,
  airport: 0,
  facility: 0,
  landmark: 1,
  neighbourhood: 1,
  village: 2,
  town: 2,
  city: 3,
  district: 4,
  region: 5,
  province: 6,
  country: 9,
};

export function geoPrecision(place: Place, near: boolean): 1 | 2 | 3 {
  const rank = KIND_RANK[place.kind];
  // a macro-region ("غرب العراق", "البادية السورية") carries its own precision
  const base: 1 | 2 | 3 = place.precision ?? (rank >= 6 ? 3 : rank >= 4 ? 2 : 1);
  return near && base === 1 ? 2 : base;
}

/**
 * Two curated sites the gazetteer nests (`within`): one lies in or belongs to the other (a
 * facility in an airport, the road to it), or both lie in a third.
 */
export function sitesNest(
  aId: string,
  aWithin: string | null | undefined,
  bId: string,
  bWithin: string | null | undefined,
): boolean {
  return aWithin === bId || bWithin === aId || (aWithin != null && aWithin === bWithin);
}

export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Which kinds of place each kind of cue word may introduce. */
const CUE_LICENSES: Record<'base' | 'airport' | 'town' | 'province', ReadonlySet<PlaceKind>> = {
  base: new Set<PlaceKind>(['base', 'airport', 'facility', 'landmark']),
  airport: new Set<PlaceKind>(['airport', 'base']),
  town: new Set<PlaceKind>([
    'city',
    'town',
    'village',
    'neighbourhood',
    'district',
    'landmark',
    'region',
    'facility',
    'base',
  ]),
  province: new Set<PlaceKind>(['province', 'district', 'region', 'city', 'town']),
};

/** Kinds of place whose context-needing names a "near" word may introduce (not villages: too many homonyms). */
const NEAR_LICENSES = new Set<PlaceKind>(['city', 'town', 'district', 'province']);

const QUOTE = new Set(['"', '(', ')', '-']);

/** A direction word opening a region's name ("جنوبي بغداد", "شمال شرق سوريا"). */
const DIRECTION_RE = /^(?:[وب])?(?:ال)?(?:جنوب|شمال|شرق|غرب)(?:ي|ا)?$/u;

/** A relative pronoun opening a clause about the place before it. */
const RELATIVE_RE = /^(?:الذي|التي|الذين)$/u;
/** How far a container may stand after a place when a relative clause about it comes between. */
const RELATIVE_CONTAINER_REACH = 10;

/** A preposition carrying a pronoun between a verb and its subject ("تسيطر عليها دمشق"). */
const PREP_PRONOUN_RE = /^(?:علي|ل|الي|من|عن|ب|في)(?:ها|ه|هم|هما|هن)$/u;

/** Words a quoted site name may stand after its base word: "قاعدة الاحتلال الأمريكي "حرير"". */
const QUOTED_NAME_REACH = 4;

/** Indices of tokens at which some match of `m` ends, within [from, to). */
function endsOf<T>(matches: PhraseMatch<T>[]): Set<number> {
  const s = new Set<number>();
  for (const x of matches) s.add(x.last);
  return s;
}

/** Which of two places with the same name the text more likely means. */
function better(
  a: { place: Place; cue: boolean },
  b: { place: Place; cue: boolean },
  preferCountry: string | null,
): boolean {
  if (preferCountry && (a.place.country === preferCountry) !== (b.place.country === preferCountry))
    return a.place.country === preferCountry;
  // a name that stands on its own belongs to a notable place; the same name as a minor village needs context
  if (a.cue !== b.cue) return !a.cue;
  const ra = KIND_RANK[a.place.kind];
  const rb = KIND_RANK[b.place.kind];
  if (ra !== rb) return ra < rb;
  return (a.place.pop ?? 0) > (b.place.pop ?? 0);
}

const SMALL_KINDS: ReadonlySet<PlaceKind> = new Set<PlaceKind>(['neighbourhood', 'village', 'landmark']);

/** How many tokens after a site a direction word may stand ("مطار X بريف حمص الشرقي باتجاه …"). */
const DIRECTION_REACH = 6;

/** How many tokens after a small place its stated container may begin ("X بريف Y", "X في محافظة Y"). */
const CONTAINER_REACH = 4;
/** How many tokens before an 'over' word a flight word may stand (rule overflight). */
const OVERFLIGHT_REACH = 6;

/** Does a date or a time of day begin with the "في" at token `k` ("في السادس من …", "في الليل")? */
function timeAt(tokens: readonly Token[], k: number, to: number): boolean {
  const text = tokens
    .slice(k, Math.min(to, k + 6))
    .map((t) => t.text)
    .join(' ');
  // (the date's span may or may not take the "في" in)
  return findDates(text, null).some((d) => d.start <= tokens[k].text.length + 1);
}

/** How far after a person's naming word ("يدعى") "من" may introduce the person's hometown. */
const HOMETOWN_REACH = 6;
const LAUNCH_RE = /^(?:و|ف)?(?:ا?طلق|انطلق|اطلاق|تطلق|يطلق)/u;

/** Tokens an aside opener may stand before the attack word of an embedded event ("بالتزامن مع قصف …"). */
const ASIDE_TRIGGER_REACH = 2;

/**
 * Rule aside: "استهدفت غارات الكسوة، بالتزامن مع تحليق طيران حربي في معظم مناطق درعا": the
 * places of a phrase about what went on alongside (up to the clause's end) are not the event's.
 * Returns `blocked` with those tokens added.
 */
function withAsides(
  lex: Lexicon,
  tokens: readonly Token[],
  from: number,
  to: number,
  blocked: ReadonlySet<number>,
): ReadonlySet<number> {
  const openers = lex.asideOpeners.findAll(tokens, from, to);
  if (openers.length === 0) return blocked;
  const triggerStarts = new Set(lex.triggers.findAll(tokens, from, to).map((t) => t.first));
  const out = new Set(blocked);
  for (const o of openers) {
    let embedded = false;
    for (let k = o.last + 1; k <= o.last + ASIDE_TRIGGER_REACH && k < to; k++)
      if (triggerStarts.has(k)) embedded = true;
    if (embedded) continue;
    for (let k = o.last + 1; k < to && !CLAUSE_END.has(tokens[k].text); k++) out.add(k);
  }
  return out;
}

/** Punctuation that ends the clause of an aside. */
const CLAUSE_END = new Set(['،', ',', '.', '؛', ';', ':', '!', '?', '؟']);

/** The best of a span's candidates in one country, or null. */
function bestIn(
  candidates: readonly PhraseMatch<{ place: Place; cue: boolean }>[],
  country: string,
): PhraseMatch<{ place: Place; cue: boolean }> | null {
  let best: PhraseMatch<{ place: Place; cue: boolean }> | null = null;
  for (const c of candidates)
    if (c.value.place.country === country && (best === null || better(c.value, best.value, country)))
      best = c;
  return best;
}

/**
 * Rule homonym-by-neighbours: "استهدفت قاعدة الإمام علي ومنطقة الحسيان في البوكمال": a name
 * borne by places in several countries is the one in the country of every other place the
 * clause names (not countries themselves), over the article's country.
 */
function preferNeighbourCountry(
  bySpan: Map<string, PhraseMatch<{ place: Place; cue: boolean }>>,
  candidates: ReadonlyMap<string, PhraseMatch<{ place: Place; cue: boolean }>[]>,
): void {
  const countriesOf = (key: string) => new Set((candidates.get(key) ?? []).map((m) => m.value.place.country));
  const neighbours = new Set<string>();
  for (const [key, m] of bySpan) {
    if (m.value.place.kind === 'country') continue;
    const cs = countriesOf(key);
    if (cs.size === 1) neighbours.add(m.value.place.country);
  }
  if (neighbours.size !== 1) return;
  const [country] = neighbours;
  for (const [key, m] of bySpan) {
    if (m.value.place.country === country || countriesOf(key).size < 2) continue;
    const alt = bestIn(candidates.get(key) ?? [], country);
    if (alt) bySpan.set(key, alt);
  }
}

/**
 * Finds place mentions in tokens [from, to). `blocked` holds token indices that
 * belong to other mentions (actor names) and cannot be places.
 */
export function findPlaces(
  lex: Lexicon,
  tokens: readonly Token[],
  from: number,
  to: number,
  blocked: ReadonlySet<number> = new Set(),
  preferCountry: string | null = null,
): PlaceMention[] {
  const all = lex.places.findAll(tokens, from, to);
  if (all.length === 0) return [];
  blocked = withAsides(lex, tokens, from, to, blocked);
  // a cue names what follows only in construct form: "محافظة الأنبار", not "المحافظات الجنوبية"
  const cueMatches = lex.placeCues
    .findAll(tokens, Math.max(0, from - 1), to)
    .filter((c) => !/(?:ال|لل)$/u.test(c.clitic));
  const cueEnds = endsOf(cueMatches);
  /** the kind of cue ending at each token: "مطار X" names an airport, not a village called X */
  const cueKindAt = new Map(cueMatches.map((c) => [c.last, c.value]));
  const pluralCues = lex.pluralSiteCues
    .findAll(tokens, from, to)
    .filter((c) => !/(?:ال|لل)$/u.test(c.clitic));
  const nearEnds = endsOf(lex.near.findAll(tokens, Math.max(0, from - 3), to));
  const originEnds = endsOf(lex.origin.findAll(tokens, Math.max(0, from - 3), to));
  const headEnds = endsOf(lex.notPlaceHeads.findAll(tokens, Math.max(0, from - 3), to));
  const directionEnds = endsOf(lex.directionAfterSite.findAll(tokens, from, to));
  const roadEnds = endsOf(lex.roadWords.findAll(tokens, Math.max(0, from - 2), to));
  const genericAt = new Set(lex.genericNames.findAll(tokens, from, to).map((g) => g.first));

  const prevWord = (i: number): number => {
    let j = i - 1;
    while (j >= from && tokens[j].kind === 'punct' && QUOTE.has(tokens[j].text)) j--;
    return j;
  };
  /** the token before the name, skipping quotes and cue words ("بالقرب من مدينة X") */
  const beforeCues = (i: number): number => {
    let j = prevWord(i);
    while (j >= from && cueEnds.has(j)) j = prevWord(j);
    return j;
  };

  /**
   * "قاعدة الاحتلال الأمريكي "حرير"", "مطار القوات الأجنبية (الحرير)": a quoted name a few words after
   * a base or airport word, with only its owner between them, is the name of that site; right
   * after "في" it is a town's
   */
  const quotedAfterSiteCue = (first: number, last: number, kind: PlaceKind): boolean => {
    const open = tokens[first - 1];
    const close = tokens[last + 1];
    if (!open || !close || open.kind !== 'punct' || close.kind !== 'punct') return false;
    if (!QUOTE.has(open.text) || !QUOTE.has(close.text) || open.text === '-') return false;
    // "على قوات الحشد في "القائم" و"جرف النصر"": a quoted name after "في" is a town's
    const at = tokens[first - 2];
    if (at && /^و?في$/u.test(at.text) && CUE_LICENSES.town.has(kind) && !SMALL_KINDS.has(kind)) return true;
    // (an appositive: "قاعدة الاحتلال الأميركي، "حرير"، الواقعة في أربيل")
    const before = tokens[first - 2];
    const start = before && (before.text === '،' || before.text === ',') ? first - 3 : first - 2;
    for (let j = start, words = 0; j >= from && words < QUOTED_NAME_REACH; j--, words++) {
      if (tokens[j].kind === 'punct') return false;
      const cue = cueKindAt.get(j);
      if (cue === 'base' || cue === 'airport') return CUE_LICENSES[cue].has(kind);
    }
    return false;
  };

  // "بلدة الدار الكبيرة بريف إدلب الجنوبي": a province or region named right after a small place
  // says which of its homonyms is meant; a homonym in another province is not the place
  // ("منطقة الحزام الغربي لمدينة القامشلي": a city contains a name that needs context too)
  const containers = all.filter(
    (c) => (c.value.place.kind === 'province' || c.value.place.kind === 'region') && c.value.place.admin1,
  );
  const cityContainers = all.filter(
    (c) =>
      (c.value.place.kind === 'city' || c.value.place.kind === 'town') &&
      c.value.place.admin1 &&
      !c.value.cue,
  );
  // (a container, not the next item of a list: no comma or "و" between them)
  const statedContainer = (m: PhraseMatch<{ place: Place; cue: boolean }>) =>
    (m.value.cue && SMALL_KINDS.has(m.value.place.kind)
      ? [...containers, ...cityContainers]
      : containers
    ).find(
      (c) =>
        c.first > m.last &&
        c.first - m.last <= CONTAINER_REACH &&
        !c.clitic.startsWith('و') &&
        !tokens.slice(m.last + 1, c.first).some((t) => t.kind === 'punct' || /^و/u.test(t.text)),
    );
  const contradicted = (m: PhraseMatch<{ place: Place; cue: boolean }>) => {
    if (!SMALL_KINDS.has(m.value.place.kind) && m.value.place.kind !== 'town') return false;
    const c = statedContainer(m);
    // "جرف الصخر جنوبي بغداد": a direction from a place says where it lies, not what holds it
    if (c && DIRECTION_RE.test(tokens[c.first].text)) return false;
    return (
      c !== undefined &&
      c.value.place.country === m.value.place.country &&
      c.value.place.admin1 !== m.value.place.admin1
    );
  };

  /** token ends of names of towns that need no context ("النجف"): a list may go on from them */
  const plainTownEnds = endsOf(all.filter((c) => !c.value.cue && NEAR_LICENSES.has(c.value.place.kind)));
  // group the candidates by their span; pick the best place for each span
  const bySpan = new Map<string, PhraseMatch<{ place: Place; cue: boolean }>>();
  const candidatesBySpan = new Map<string, PhraseMatch<{ place: Place; cue: boolean }>[]>();
  for (const m of all) {
    if (contradicted(m)) continue;
    if (m.value.cue) {
      // a name that needs context: a cue word right before it, or a cue word inside the name,
      // or a site in a list introduced by a plural cue ("قاعدتي عين الأسد … وحرير")
      const p = prevWord(m.first);
      const cueKind = p >= from ? cueKindAt.get(p) : undefined;
      const cued =
        (cueKind !== undefined && CUE_LICENSES[cueKind].has(m.value.place.kind)) ||
        // "شرقي الميادين", "قرب الطبقة": a direction or container word names a town, not a word
        // ("في محيط المدينة": "the city"; only "قضاء المدينة" names the town)
        (p >= from && nearEnds.has(p) && NEAR_LICENSES.has(m.value.place.kind) && !genericAt.has(m.first)) ||
        (m.first < m.last && cueEnds.has(m.first)) ||
        // rule preposition-licensed: "مواقع لكتائب حزب الله في القائم"
        (m.first === m.last &&
          m.clitic === '' &&
          p >= from &&
          p === m.first - 1 &&
          lex.prepositionLicensed.prepositions.has(tokens[p].text) &&
          lex.prepositionLicensed.names.has(tokens[m.first].text) &&
          !lex.prepositionLicensed.notBefore.has(tokens[m.first + 1]?.text ?? '')) ||
        quotedAfterSiteCue(m.first, m.last, m.value.place.kind);
      // ("منطقتي عكاشات والقائم"): the name follows the cue or is coordinated after it
      const coordinated = m.clitic.startsWith('و') || pluralCues.some((c) => c.last === p);
      const listed =
        (coordinated && pluralCues.some((c) => c.last < m.first && m.first - c.last <= 12)) ||
        // "في جرف الصخر، المسيب، النجف والإسكندرية": a town joined by و to a town named on its own
        (m.clitic.startsWith('و') &&
          p >= from &&
          plainTownEnds.has(p) &&
          NEAR_LICENSES.has(m.value.place.kind));
      if (!cued && !listed) continue;
    }
    let isBlocked = false;
    for (let k = m.first; k <= m.last; k++) if (blocked.has(k)) isBlocked = true;
    if (isBlocked) continue;
    const key = `${m.first}:${m.last}`;
    const cur = bySpan.get(key);
    if (!cur || better(m.value, cur.value, preferCountry)) bySpan.set(key, m);
    const alts = candidatesBySpan.get(key);
    if (alts) alts.push(m);
    else candidatesBySpan.set(key, [m]);
  }
  preferNeighbourCountry(bySpan, candidatesBySpan);
  // rule stated-country: "والتنف جنوبي سورية": a region, province or country named right after a
  // name borne in several countries says which one is meant
  for (const [key, m] of bySpan) {
    const alts = candidatesBySpan.get(key) ?? [];
    if (new Set(alts.map((c) => c.value.place.country)).size < 2) continue;
    const next = all.find(
      (c) =>
        (c.first === m.last + 1 || (c.first === m.last + 2 && tokens[m.last + 1].text === 'في')) &&
        ['region', 'province', 'country'].includes(c.value.place.kind),
    );
    const country = next?.value.place.country;
    if (!country || m.value.place.country === country) continue;
    const alt = bestIn(alts, country);
    if (alt) bySpan.set(key, alt);
  }
  // rule stated-nationality: "مدينة صعدة اليمنية": a country's adjective right after the name of
  // a settlement or an area says which country it is in; its homonym there is meant, a place
  // elsewhere is none (after a site's name it says whose the site is: "معسكر زليكان التركي")
  for (const [key, m] of bySpan) {
    if (KIND_RANK[m.value.place.kind] < KIND_RANK.village) continue;
    let k = m.last + 1;
    while (k < to && tokens[k].text === '"') k++;
    // ("مدينة سروج الحدوديه التركيه": a descriptive adjective or two may come first)
    for (let n = 0; n < 2 && k < to - 1 && lex.nationalityBetween.has(tokens[k].text); n++) k++;
    const adj =
      k < to
        ? lex.nationalityAdjectives.matchAt(tokens, k).find((a) => a.start === tokens[k].start)
        : undefined;
    if (!adj || m.value.place.country === adj.value) continue;
    const alt = bestIn(candidatesBySpan.get(key) ?? [], adj.value);
    if (alt) bySpan.set(key, alt);
    else bySpan.delete(key);
  }
  // longest spans first, no overlaps
  const chosen = [...bySpan.values()].sort(
    (a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first,
  );
  const taken = new Set<number>();
  const out: PlaceMention[] = [];
  for (const m of chosen) {
    let overlaps = false;
    for (let k = m.first; k <= m.last; k++) if (taken.has(k)) overlaps = true;
    if (overlaps) continue;
    for (let k = m.first; k <= m.last; k++) taken.add(k);
    const head = prevWord(m.first);
    // "اعتبرت أنقرة", "طهران تتهم": a capital that speaks is its government
    const verbWord = (k: number) =>
      k >= from &&
      k < to &&
      (lex.metonymyVerbs.has(tokens[k].text) || lex.metonymyVerbs.has(tokens[k].text.replace(/^[وف]/u, '')));
    if (m.clitic === '' || m.clitic === 'و') {
      if (verbWord(head) || verbWord(m.last + 1)) continue;
      // "المناطق التي تسيطر عليها دمشق": the verb, its prepositional pronoun, then the subject
      if (head >= from && PREP_PRONOUN_RE.test(tokens[head].text) && verbWord(prevWord(head))) continue;
    }
    // "السفارة الأمريكية في بكين": a site named generically, then placed somewhere else
    if (m.value.place.kind === 'facility') {
      const nx = m.last + 1;
      if (nx < to && /^(?:في|لدي)$/u.test(tokens[nx].text)) {
        const here = all.some((o) => o.first === nx + 1 && o.value.place.country === m.value.place.country);
        // ("مخيم مخمور في السادس من كانون الأول", "في الليل": a time, not a place, follows)
        if (!here && !timeAt(tokens, nx, to)) continue;
      }
    }
    // "بين أنقرة وواشنطن", "بدأت أنقرة هجومها": a foreign capital is a place only after "في"/"ب"/a cue
    // rule patron-name: "فصائل موالية لطهران", "مقاتلين مؤيدين لدمشق", "المدعومين من واشنطن":
    // the name of who backs a group is its government, not a place
    if (patronAt(tokens, m.first, m.clitic)) continue;
    if (m.value.place.metonym) {
      const locative =
        /ب$/u.test(m.clitic) ||
        (head >= from &&
          /^(?:و|ف)?(?:في|قرب|داخل|علي|الي|نحو|باتجاه|وسط|محيط|العاصمه)$/u.test(tokens[head].text));
      if (!locative && !(head >= from && cueEnds.has(head))) continue;
    }
    const b = beforeCues(m.first);
    // محافظ كركوك, جامعة بغداد, قائمقام بلدة جمجمال: an office or body named after the place
    if ((head >= from && headEnds.has(head)) || (b >= from && b !== head && headEnds.has(b))) continue;
    // "في ريف الميادين", "في بادية تدمر": a container word that is also a cue makes the place approximate
    let near = b >= from - 3 && b >= 0 && nearEnds.has(b);
    for (let k = prevWord(m.first); !near && k > b; k = prevWord(k)) if (nearEnds.has(k)) near = true;
    // ("مدفعية التحالف في قاعدة حقل العمر قصفت …": where the attackers are; rule attacker-location)
    let origin = (b >= 0 && originEnds.has(b)) || (b >= from && attackerLocationAt(tokens, b, m.last + 1));
    if (!origin && b >= 0 && tokens[b].text === 'من') {
      for (let k = Math.max(from, b - 4); k < b; k++) if (LAUNCH_RE.test(tokens[k].text)) origin = true;
      // "ضابط يدعى فلان الفلاني، من مدينة تدمر": the hometown of a person just named
      for (let k = Math.max(from, b - HOMETOWN_REACH); k < b; k++)
        if (lex.personNaming.has(tokens[k].text)) origin = true;
    }
    out.push({
      place: m.value.place,
      first: m.first,
      last: m.last,
      start: m.start,
      end: m.end,
      near,
      origin,
    });
  }
  out.sort((a, b) => a.first - b.first);
  // "مطار التيفور (بريف حمص الشرقي) باتجاه منطقة التنف": a direction after a site just named
  // (and perhaps its container) is not another site
  for (let i = 1; i < out.length; i++) {
    const b = beforeCues(out[i].first);
    if (b < from || !directionEnds.has(b)) continue;
    let j = i - 1;
    while (j > 0 && (out[j].place.kind === 'province' || out[j].place.kind === 'region')) j--;
    const site = out[j];
    if (site.last < b && b - site.last <= DIRECTION_REACH && KIND_RANK[site.place.kind] <= 1)
      out[i] = { ...out[i], origin: true };
  }
  // rule overflight: "تحليق مكثف لطيران الاحتلال فوق منطقة معيزيلة": where aircraft flew
  const overEnds = endsOf(lex.overflightOver.findAll(tokens, from, to));
  const flights = lex.overflightFlights.findAll(tokens, from, to);
  const flightEnds = [...endsOf(flights)];
  const flightStarts = new Set(flights.map((f) => f.first));
  for (let i = 0; i < out.length; i++) {
    const b = beforeCues(out[i].first);
    if (overEnds.has(b) && flightEnds.some((f) => f < b && b - f <= OVERFLIGHT_REACH))
      out[i] = { ...out[i], origin: true };
  }
  // ("شهدت محافظتا درعا والقنيطرة تحليقا مكثفا للطيران": the places a flight word follows, in
  // a list or alone, are where aircraft flew)
  for (let i = out.length - 1; i >= 0; i--) {
    const next = out[i].last + 1;
    const listed = out[i + 1]?.first === next && out[i + 1].origin;
    if (flightStarts.has(next) || listed) out[i] = { ...out[i], origin: true };
  }
  // "تعرضت سيارة لكمين في بلدة السخنة أثناء توجهها نحو مدينة تدمر": where it went or came from
  const movementEnds = endsOf(lex.movementTo.findAll(tokens, from, to));
  for (let i = 0; i < out.length; i++)
    if (movementEnds.has(beforeCues(out[i].first))) out[i] = { ...out[i], origin: true };
  // "حقل كورمور الغازي في قضاء جمجمال بالسليمانية": a coarser place stated right after a place
  // (في or ب, no comma or و between) says where that place lies
  for (let i = 1; i < out.length; i++) {
    const o = out[i - 1];
    const m = out[i];
    const gap = tokens.slice(o.last + 1, m.first);
    // ("مطار خراب الجير الذي يستخدمه التحالف كقاعدة عسكرية له بريف القامشلي": a relative clause
    // about the place may stand between it and where it lies)
    const relative = gap.length > 0 && RELATIVE_RE.test(gap[0].text);
    const reach = relative ? RELATIVE_CONTAINER_REACH : CONTAINER_REACH;
    if (m.first - o.last > reach || o.place.country !== m.place.country) continue;
    if (gap.some((t) => t.kind === 'punct' || /^و/u.test(t.text))) continue;
    // "في بادية دير الزور شرقي سوريا": a direction after a place of any size locates it
    if (o.place.kind !== 'country' && gap.length === 0 && DIRECTION_RE.test(tokens[m.first].text)) {
      out[i] = { ...m, locates: true };
      continue;
    }
    if (KIND_RANK[o.place.kind] >= KIND_RANK[m.place.kind]) continue;
    const clitic = tokens[m.first].text.slice(0, m.start - tokens[m.first].start);
    const introduced =
      gap.some((t) => t.text === 'في') || /ب/u.test(clitic) || gap.some((t) => /^ب/u.test(t.text));
    if (introduced) out[i] = { ...m, locates: true };
  }
  // "على طريق القامشلي - المالكية", "الطريق الواصل بين X وY": the road near its first end
  for (let i = 1; i < out.length; i++) {
    const a = out[i - 1];
    const b = out[i];
    if (!SETTLEMENT_KINDS.has(a.place.kind) || !SETTLEMENT_KINDS.has(b.place.kind)) continue;
    const r = prevWord(a.first);
    if (r < Math.max(0, from - 2) || !roadEnds.has(r)) continue;
    const gap = tokens.slice(a.last + 1, b.first);
    const joined =
      (gap.length === 1 && (gap[0].text === '-' || gap[0].text === '/')) ||
      (gap.length === 0 && /^و/u.test(tokens[b.first].text) && b.start > tokens[b.first].start);
    if (!joined) continue;
    out[i - 1] = { ...a, near: true };
    out[i] = { ...b, roadEnd: true };
  }
  return out;
}

/** Kinds of place a road is named after. */
const SETTLEMENT_KINDS: ReadonlySet<PlaceKind> = new Set<PlaceKind>(['city', 'town', 'village']);

/** How far from a macro-region's representative point a place named with it may lie. */
export const MACRO_REGION_KM = 300;

/**
 * The places an event happened at, from the mentions of its clause: drops launch
 * origins, countries, and provinces/cities that only locate a more precise place
 * ("قاعدة عين الأسد في الأنبار" is one place, not two).
 */
/** May a place mention be an event's place (not a launch origin, a road's far end, a container named to locate another, a country, a coarse area)? */
export const isEventPlaceCandidate = (m: PlaceMention): boolean =>
  !m.origin && !m.roadEnd && !m.locates && m.place.kind !== 'country' && !m.place.coarse;

export function eventPlaces(mentions: PlaceMention[]): PlaceMention[] {
  let cands = mentions.filter(isEventPlaceCandidate);
  // "شمال بغداد", "غربي العراق": a reference point next to the place itself
  if (cands.some((m) => !m.near)) cands = cands.filter((m) => !m.near || KIND_RANK[m.place.kind] <= 1);
  const keep: PlaceMention[] = [];
  for (const m of cands) {
    const rank = KIND_RANK[m.place.kind];
    const qualifies = cands.some((o) => {
      if (o === m) return false;
      // a macro-region ("غرب العراق", "الحدود العراقية السورية") only locates a place named with it,
      // even a province; and it locates nothing itself
      if (o.place.precision === 3) return false;
      if (m.place.precision === 3)
        return o.place.country === m.place.country || distanceKm(o.place, m.place) <= MACRO_REGION_KM;
      const orank = KIND_RANK[o.place.kind];
      if (orank >= rank) return false;
      if (m.place.kind === 'province' || m.place.kind === 'region')
        return o.place.admin1 === m.place.admin1 && o.place.country === m.place.country;
      const radius = m.place.kind === 'district' ? 40 : 30;
      return distanceKm(o.place, m.place) <= radius;
    });
    if (qualifies) continue;
    // the same place named twice, or two names for one site
    const dup = keep.find(
      (k) => k.place.id === m.place.id || (distanceKm(k.place, m.place) < 3 && k.place.kind === m.place.kind),
    );
    if (dup) continue;
    keep.push(m);
  }
  // a site named next to another site a few km away (a camp inside an airport): keep the first
  return keep.filter(
    (m, i) =>
      !keep.some(
        (o, j) =>
          j < i &&
          KIND_RANK[o.place.kind] <= 1 &&
          KIND_RANK[m.place.kind] <= 1 &&
          distanceKm(o.place, m.place) < 3,
      ),
  );
}

/**
 * "قصف استهدف منطقة X ومنطقة Y وحي Z بمدينة W": spots named inside one town are one event
 * at the town (ACLED codes the location, not every spot of it). When the clause names a town
 * or city after its small places (neighbourhoods, villages, landmarks), a small place far
 * from it (over 30 km) is a homonym of a spot in that town and goes; two or more small places
 * inside it become the town. A single small place inside a town stays itself ("حي المزة
 * بدمشق" is al-Mazzeh).
 */
export function collapseToContainer(places: PlaceMention[], mentions: PlaceMention[]): PlaceMention[] {
  const isSmall = (p: PlaceMention) => SMALL_KINDS.has(p.place.kind);
  const small = places.filter(isSmall);
  if (small.length === 0) return places;
  const lastSmall = Math.max(...small.map((p) => p.last));
  const container = mentions.find(
    (m) => m.first > lastSmall && (m.place.kind === 'city' || m.place.kind === 'town') && !m.near,
  );
  if (!container) return places;
  const inside = small.filter((p) => distanceKm(p.place, container.place) <= 30);
  const others = places.filter((p) => !isSmall(p) && p !== container && p.place.id !== container.place.id);
  if (inside.length >= 2) return [...others, container];
  const kept = places.filter((p) => !isSmall(p) || inside.includes(p));
  return kept.length ? kept : [container];
}
