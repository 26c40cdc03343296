/**
 * The word lists of the mention and discourse stages (data/lexicon/discourse.json),
 * folded and compiled once.
 */
import { matcherOf, readDataFile } from '../lexicon/lexicon.js';
import { PhraseMatcher } from '../lexicon/matcher.js';
import { fold } from '../normalize/normalize.js';

interface DiscourseFile {
  clause_punct: string[];
  clause_words: string[];
  clause_pair_exclusions: string[];
  clause_breaks: string[];
  boilerplate: string[];
  relative_to_another: string[];
  relative_pronouns: string[];
  pronoun_near: string[];
  same_day: string[];
  of_its_kind: string[];
  event_nouns: string[];
  indefinite_markers: string[];
  embedding: string[];
  background: string[];
  fronted_continuation: string[];
  demonstratives: string[];
  comes_after_verbs: string[];
  report_nouns: string[];
  pluperfect_auxiliaries: string[];
  actor_short_names: string[];
  another_markers: string[];
  dispute_markers: string[];
  exposure_verbs: string[];
  second_complements: string[];
  consequence_markers: string[];
  military_objects: string[];
  embedding_fillers: {
    durations: string[];
    links: string[];
    announcements: string[];
    announcement_reach: number;
  };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A regex that finds any of the folded phrases as whole words (after an optional و/ف). */
function phraseRegex(phrases: string[]): RegExp {
  const alts = phrases
    .map(fold)
    .sort((a, b) => b.length - a.length)
    .map(escapeRe);
  return new RegExp(`(?<!\\p{L})[وف]?(?:${alts.join('|')})(?!\\p{L})`, 'u');
}

export interface DiscourseVocab {
  clausePunct: Set<string>;
  /** one-word clause openers */
  clauseWords: Set<string>;
  /** two-word clause openers ("في حين") */
  clausePairs: Set<string>;
  /** "في وقت متاخر": after a two-word opener, a word that makes it a time adverbial */
  clausePairExclusions: Set<string>;
  /** words that open an explaining clause ("إذ", "حيث"): a new clause, not a contrast */
  clauseBreaks: Set<string>;
  boilerplate: RegExp;
  relativeToAnother: RegExp;
  /** الذي، التي …: the relative clause after an of-its-kind count */
  relativePronouns: Set<string>;
  /** قربها، بالقرب منه …: near the place a pronoun refers to */
  pronounNear: RegExp;
  sameDay: RegExp;
  ofItsKind: RegExp;
  eventNouns: PhraseMatcher<true>;
  indefiniteMarkers: Set<string>;
  embedding: Set<string>;
  background: PhraseMatcher<true>;
  frontedContinuation: PhraseMatcher<true>;
  demonstratives: Set<string>;
  /** ويأتي، وجاء …: with a demonstrative, the sentence places the event before after another */
  comesAfterVerbs: Set<string>;
  /** أنباء، تقارير …: reports of an event ("أنباء عن استهداف …") */
  reportNouns: Set<string>;
  pluperfectAuxiliaries: Set<string>;
  actorShortNames: PhraseMatcher<string>;
  anotherMarkers: Set<string>;
  /** words that make a sentence dispute an event already reported (نفى، بل) */
  disputeMarkers: PhraseMatcher<true>;
  /** تعرضت، يتعرض: the target is the subject, the attack a complement with ل */
  exposureVerbs: Set<string>;
  /** "، وأن …": a second proposition of one report */
  secondComplements: Set<string>;
  /** مما أدى إلى …: the clause after tells a consequence of the attack */
  consequenceMarkers: PhraseMatcher<true>;
  /** "مواقع عسكرية", "مخازن أسلحة": military objects whose attack is violence (rule no-violence) */
  militaryObjects: PhraseMatcher<true>;
  /** between an embedding word and its event: durations ("بعد أيام من"), announcement nouns ("إعلان X") */
  /** time words of a duration after an embedding word: "بعد أيام من" */
  embeddingDurations: Set<string>;
  /** the words around them: "بعد أقل من أسبوع على" */
  embeddingLinks: Set<string>;
  embeddingAnnouncements: Set<string>;
  announcementReach: number;
}

let cached: DiscourseVocab | null = null;

export function discourseVocab(): DiscourseVocab {
  if (cached) return cached;
  const d = readDataFile<DiscourseFile>('lexicon/discourse.json');
  const words = d.clause_words.map(fold);
  cached = {
    clausePunct: new Set(d.clause_punct),
    clauseWords: new Set(words.filter((w) => !w.includes(' '))),
    clausePairs: new Set(words.filter((w) => w.includes(' '))),
    clausePairExclusions: new Set(d.clause_pair_exclusions.map(fold)),
    clauseBreaks: new Set(d.clause_breaks.map(fold)),
    boilerplate: phraseRegex(d.boilerplate),
    relativeToAnother: phraseRegex(d.relative_to_another),
    relativePronouns: new Set(d.relative_pronouns.map(fold)),
    pronounNear: phraseRegex(d.pronoun_near),
    sameDay: phraseRegex(d.same_day),
    ofItsKind: phraseRegex(d.of_its_kind),
    eventNouns: matcherOf(d.event_nouns, true),
    indefiniteMarkers: new Set(d.indefinite_markers.map(fold)),
    embedding: new Set(d.embedding.map(fold)),
    background: matcherOf(d.background, true),
    frontedContinuation: matcherOf(d.fronted_continuation, true),
    demonstratives: new Set(d.demonstratives.map(fold)),
    comesAfterVerbs: new Set(d.comes_after_verbs.map(fold)),
    reportNouns: new Set(d.report_nouns.map(fold)),
    pluperfectAuxiliaries: new Set(d.pluperfect_auxiliaries.map(fold)),
    anotherMarkers: new Set(d.another_markers.map(fold)),
    disputeMarkers: matcherOf(d.dispute_markers, true),
    exposureVerbs: new Set(d.exposure_verbs.map(fold)),
    secondComplements: new Set(d.second_complements.map(fold)),
    consequenceMarkers: matcherOf(d.consequence_markers, true),
    militaryObjects: matcherOf(d.military_objects, true),
    embeddingDurations: new Set(d.embedding_fillers.durations.map(fold)),
    embeddingLinks: new Set(d.embedding_fillers.links.map(fold)),
    embeddingAnnouncements: new Set(d.embedding_fillers.announcements.map(fold)),
    announcementReach: d.embedding_fillers.announcement_reach,
    actorShortNames: (() => {
      const m = new PhraseMatcher<string>();
      for (const p of d.actor_short_names) m.add(p, fold(p));
      return m;
    })(),
  };
  return cached;
}
