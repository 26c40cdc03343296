/**
 * One `Doc` per article: everything the extraction stages read, built once.
 *
 * - the original and the normalized text with one offset system (`toOriginalSpan`);
 * - tokens and sentences (hard line-wrapped text is rejoined: see `segment`);
 * - the publication date, parsed once (an invalid one is null, with a warning);
 * - the countries the article names (to choose between places of one name) and the place of
 *   its dateline, read on first use: most articles report no attack and never need them;
 * - per-sentence finders (places, dates, actors), computed on first use and kept.
 *
 * Every finder takes the doc and a span; nothing re-reads the raw article.
 */
import { type ActorMention, findActors } from '../actors/actors.js';
import { findDatelinePlace } from '../dates/dateline.js';
import { type DateMention, findDates } from '../dates/dates.js';
import { parsePublishedDate } from '../io/records.js';
import { type ActorEntry, type Lexicon, readDataFile } from '../lexicon/lexicon.js';
import type { PhraseMatcher } from '../lexicon/matcher.js';
import { fold, type NormalizedText, normalize, toOriginalSpan } from '../normalize/normalize.js';
import { findPlaces, type PlaceMention } from '../places/places.js';
import { type Sentence, segment, type Token } from '../segment/segment.js';

export interface ArticleInput {
  id: string;
  published: string | null;
  text: string;
  url?: string | null;
}

interface CountriesFile {
  countries: Record<string, string[]>;
  covered: string[];
}
const COUNTRIES = readDataFile<CountriesFile>('lexicon/countries.json');
const COUNTRY_CODES = Object.keys(COUNTRIES.countries);
/** the countries whose places the gazetteer covers in detail */
export const COVERED_COUNTRIES: ReadonlySet<string> = new Set(COUNTRIES.covered);

/** each country's words (folded substrings), in the order they are tried */
const WORDS_OF = COUNTRY_CODES.map((code) => COUNTRIES.countries[code]);
/** the places where some country word begins: one pass over the text for all the countries */
const ANY_COUNTRY_WORD = new RegExp(`(?=${WORDS_OF.flat().join('|')})`, 'gu');

/**
 * How often the text names each country (by country words): for each country, left to right,
 * an occurrence of one of its words that does not overlap its occurrence before (the first of
 * its words that fits), read at the places where the one pass found some country word.
 */
export function countryMentions(norm: string): { dominant: string | null; covered: boolean } {
  const counts = new Int32Array(COUNTRY_CODES.length);
  /** where each country's last match ends */
  const after = new Int32Array(COUNTRY_CODES.length);
  ANY_COUNTRY_WORD.lastIndex = 0;
  for (let m = ANY_COUNTRY_WORD.exec(norm); m !== null; m = ANY_COUNTRY_WORD.exec(norm)) {
    const at = m.index;
    ANY_COUNTRY_WORD.lastIndex = at + 1;
    for (let c = 0; c < WORDS_OF.length; c++) {
      if (at < after[c]) continue;
      const word = WORDS_OF[c].find((w) => norm.startsWith(w, at));
      if (word === undefined) continue;
      counts[c]++;
      after[c] = at + word.length;
    }
  }
  let dominant: string | null = null;
  let bestCount = 0;
  let covered = false;
  for (let c = 0; c < COUNTRY_CODES.length; c++) {
    const code = COUNTRY_CODES[c];
    const n = counts[c];
    if (n > 0 && COVERED_COUNTRIES.has(code)) covered = true;
    if (n > bestCount) {
      dominant = code;
      bestCount = n;
    }
  }
  return { dominant, covered };
}

export class Doc {
  readonly id: string;
  readonly text: string;
  readonly nt: NormalizedText;
  readonly tokens: Token[];
  readonly sentences: Sentence[];
  /** 'YYYY-MM-DD', or null when absent or invalid */
  readonly published: string | null;
  /** notes about the input (an invalid publication date …) */
  readonly warnings: string[] = [];
  /** the text was hard line-wrapped and its single line breaks were read as spaces */
  readonly rewrapped: boolean;

  private countries: { dominant: string | null; covered: boolean } | null = null;
  private dateline: { place: [number, number] | null } | null = null;

  private readonly placeCache = new Map<number, PlaceMention[]>();
  private readonly dateCache = new Map<number, DateMention[]>();
  private readonly actorCache = new Map<number, ActorMention[]>();
  private readonly actorTokens = new Map<number, Set<number>>();

  constructor(
    readonly lex: Lexicon,
    article: ArticleInput,
  ) {
    this.id = String(article.id);
    this.text = article.text ?? '';
    this.nt = normalize(this.text);
    const seg = segment(this.nt.norm);
    this.tokens = seg.tokens;
    this.sentences = seg.sentences;
    this.rewrapped = seg.rewrapped;
    const pub = parsePublishedDate(article.published);
    this.published = pub.date;
    if (!pub.valid) this.warnings.push(`invalid publication date ${JSON.stringify(article.published)}`);
  }

  /** the country the article is mostly about */
  get country(): string | null {
    this.countries ??= countryMentions(this.nt.norm);
    return this.countries.dominant;
  }

  /** the article names a covered country (Iraq, Syria, Jordan, Kuwait …) at least once */
  get coveredMentioned(): boolean {
    this.countries ??= countryMentions(this.nt.norm);
    return this.countries.covered;
  }

  /** the place words of the article's dateline ("دمشق- …", "(بغداد) -"): where the report was filed, offsets into norm */
  get datelinePlace(): [number, number] | null {
    this.dateline ??= { place: findDatelinePlace(this.nt.norm, this.published) };
    return this.dateline.place;
  }

  get norm(): string {
    return this.nt.norm;
  }

  /** A normalized span as [start, end) offsets into the original text. */
  span(start: number, end: number): [number, number] {
    return toOriginalSpan(this.nt, start, end);
  }

  private named: ActorEntry[] | null = null;

  /** The actors the article names in full, once each. */
  namedActors(): ActorEntry[] {
    if (!this.named) {
      const seen = new Map<string, ActorEntry>();
      for (const s of this.sentences)
        for (const m of this.actorsIn(s)) if (m.actor) seen.set(m.actor.name, m.actor);
      this.named = [...seen.values()];
    }
    return this.named;
  }

  /**
   * Actor names of tokens [from, to), with short names ("المقاومة", "التنظيم") read as the one
   * actor of the article whose name begins with them; a short name that fits none or several
   * stays unread.
   */
  actorsBetween(from: number, to: number, shortNames: PhraseMatcher<string>): ActorMention[] {
    const full = findActors(this.lex, this.tokens, from, to);
    const out = [...full];
    for (const m of shortNames.findLongest(this.tokens, from, to)) {
      if (full.some((f) => f.first <= m.last && m.first <= f.last)) continue;
      const fits = this.namedActors().filter((a) =>
        a.ar.some((alias) => startsWithWords(fold(alias), m.value)),
      );
      if (fits.length === 1)
        out.push({ actor: fits[0], first: m.first, last: m.last, start: m.start, end: m.end });
    }
    return out.sort((a, b) => a.first - b.first);
  }

  /** the tokens where an actor's name may start, found in one pass over the text */
  private actorStarts: number[] | null = null;

  /** Actor names of a sentence. */
  actorsIn(s: Sentence): ActorMention[] {
    let a = this.actorCache.get(s.index);
    if (!a) {
      this.actorStarts ??= this.lex.actors.startCandidates(this.nt.norm, this.tokens);
      a = findActors(this.lex, this.tokens, s.tokenStart, s.tokenEnd, this.actorStarts);
      const covered = new Set<number>();
      for (const m of a) for (let k = m.first; k <= m.last; k++) covered.add(k);
      this.actorCache.set(s.index, a);
      this.actorTokens.set(s.index, covered);
    }
    return a;
  }

  /** Tokens of a sentence inside an actor name (a place word there names the actor, not a place). */
  actorTokensIn(s: Sentence): Set<number> {
    this.actorsIn(s);
    return this.actorTokens.get(s.index) as Set<number>;
  }

  /** Gazetteer places of a sentence, read in context. */
  placesIn(s: Sentence): PlaceMention[] {
    let p = this.placeCache.get(s.index);
    if (!p) {
      p = findPlaces(this.lex, this.tokens, s.tokenStart, s.tokenEnd, this.actorTokensIn(s), this.country);
      this.placeCache.set(s.index, p);
    }
    return p;
  }

  /** Date mentions of a sentence, resolved against the publication date. */
  datesIn(s: Sentence): DateMention[] {
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
}

/** Does `name` begin with the words of `head` ("المقاومه الاسلاميه في العراق" with "المقاومه"; "حركه النجباء" with "الحركه")? */
function startsWithWords(name: string, head: string): boolean {
  if (name === head || name.startsWith(`${head} `)) return true;
  // "الحركة" refers back to "حركة النجباء", "الكتائب" to "كتائب حزب الله": the article dropped
  const bare = head.startsWith('ال') ? head.slice(2) : null;
  return bare !== null && bare.length > 1 && name.startsWith(`${bare} `);
}

/** Builds the document model of one article. */
export function buildDoc(lex: Lexicon, article: ArticleInput): Doc {
  return new Doc(lex, article);
}
