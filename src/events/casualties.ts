/**
 * Killed and injured counts of one clause: "مقتل 3 جنود وإصابة 25 آخرين",
 * "قتل متعاقد أمريكي وجنديان" (1 + 2), "دون وقوع إصابات" (0 and 0).
 *
 * The toll vocabulary is in `data/lexicon/casualties.json` (through the Lexicon); the context
 * words of the rules below are in `data/lexicon/casualty-rules.json`. Every count carries the
 * name of the rule that produced it:
 *
 * - `number-before`: a number right before a casualty noun ("ثلاثة قتلى وخمسة جرحى").
 *   Also a counted subject before a plural casualty verb, its qualifiers and a bracketed aside
 *   between them (subject-with-qualifiers: "4 عناصر من قوى الأمن الداخلي (الأسايش) قتلوا").
 * - `casualty-noun`: a singular or dual casualty noun without a number ("قتيل وجريحان" = 1, 2).
 * - `count-after`: a count after a trigger ("مقتل 3 جنود", "قتل متعاقد أمريكي وجنديان"),
 *   summed over و-coordination. Inside it: `ambiguous-du-pl` (an -ين form such as "عسكريين" is a
 *   plural of unknown size unless "اثنين", a dual verb or a vocalized dual says it is two),
 *   `partitive` ("اثنين منهم", "أحدهم" = 1, "بعضهم" = null; "إصابة أحد المستودعات" is a hit on a
 *   thing, no count), `breakdown` ("مقتل جنديين، أمريكي وبريطاني، ومتعاقد" = 3) and `subset` ("مقتل 5 أشخاص بينهم
 *   طفلان" = 5; with no total number the subset is a lower bound: `subset-lower-bound`).
 * - `nationality-person`: a nationality stands for a person at the head of the count or joined
 *   to it ("مقتل أمريكيين اثنين وبريطاني" = 3), unless it breaks down a number of three or more
 *   ("خمسة مهندسين أمريكيين وبريطانيين وأسترالي" = 5).
 * - `named-list`: "مقتل كل من فلان وفلان والقيادي فلان" counts the listed persons.
 * - `person-before`: "لقي متعاقد أمريكي حتفه", "عسكريان أمريكيان أصيبا".
 * - `updated-toll`: "ارتفعت حصيلة القتلى إلى 7": the figure after "إلى" wins over earlier ones;
 *   "مقتل 4 جنود، قبل أن ترتفع الحصيلة إلى 6" takes the kind of the toll before the verb.
 * - `wounded-who-died`: "بعد وفاة جريحين" names the dead, not a count of wounded.
 * - `no-casualties` / `no-casualties-phrase` / `material-only`: statements of zero.
 * - `denied-casualties`: a verb of denial before the event noun: "ونفت الوزارة وقوع أضرار أو
 *   خسائر بشرية", "نافيا وقوع إصابات في صفوف الجنود" (a zero; not when the denial is negated).
 * - `nobody-hurt`: a negated casualty verb whose subject is nobody ("ولم يصب أحد بأذى",
 *   "دون أن يقتل أو يجرح أحدا", "لم يصب أي من الجنود"): zero for the fields the verbs name.
 * - `unreported`: "ولم ترد أنباء عن ضحايا" says nothing is known: NOT a zero, the fields stay null.
 *   ("عدم الإبلاغ عن إصابات", an authority reporting no injuries, stays a zero.)
 *
 * `resolveTolls` applies the same "latest update wins" policy across sentences.
 */
import { type Lexicon, matcherOf, readDataFile } from '../lexicon/lexicon.js';
import { type PhraseMatch, PhraseMatcher } from '../lexicon/matcher.js';
import { fold, type NormalizedText } from '../normalize/normalize.js';
import { alternation, BOUND_END, BOUND_START, numberAt } from '../numbers/numbers.js';
import type { Token } from '../segment/segment.js';

export type CasualtyRule =
  | 'number-before'
  | 'casualty-noun'
  | 'count-after'
  | 'subset-lower-bound'
  | 'nationality-person'
  | 'named-list'
  | 'person-before'
  | 'updated-toll'
  | 'no-casualties'
  | 'no-casualties-phrase'
  | 'denied-casualties'
  | 'nobody-hurt'
  | 'material-only';

export interface Count {
  value: number | null;
  start: number;
  end: number;
  /** the rule that read the count */
  rule?: CasualtyRule;
  /** an updated toll ("ارتفعت حصيلة القتلى إلى 7"): it replaces earlier figures */
  updated?: boolean;
  /** a zero said of one party ("لم تقع إصابات بين الجنود"): void when anyone else is reported hurt */
  party?: boolean;
}

export interface Casualties {
  killed: Count | null;
  injured: Count | null;
  /** "لم ترد أنباء عن ضحايا": the text says the toll is not known (the fields stay null) */
  unreported?: { start: number; end: number };
}

export interface CasualtyOptions {
  /** the normalized article, to read vocalized duals ("مدنيَين") from the original text */
  text?: NormalizedText;
}

type Kind = 'killed' | 'injured';
type PersonNumber = 'sg' | 'du' | 'pl';

// ---------------------------------------------------------------------------------------------
// rule data

interface RulesFile {
  stop_punct: string[];
  aside_punct: string[];
  death_words: string[];
  illness_after: string[];
  relatives: string[];
  conjunct_reach: number;
  others_reach: number;
  others_words: string[];
  additive: string[];
  qualifiers: string[];
  nationalities: string[];
  not_person_after: string[];
  ambiguous_plural: string[];
  dual_verbs: string[];
  subset_markers: string[];
  partitives: Record<'1' | '2' | 'null', string[]>;
  partitive_objects: string[];
  casualty_nouns: Record<Kind, Record<PersonNumber, string[]>>;
  ordinal_after: string[];
  named_list: {
    intro: string[];
    stops: string[];
    title_prepositions: string[];
    waw_names: string[];
    age_words: string[];
    min: number;
    max: number;
  };
  updates: { verbs: string[]; to: string[]; region_stops: string[]; window: number };
  no_casualties: {
    verb_negators: string[];
    verbs: string[];
    noun_negators: string[];
    events: string[];
    any: string[];
    before_nouns: string[];
    nouns: Record<'both' | Kind, string[]>;
    not_after: string[];
    links: string[];
    denial: { verbs: string[]; gap: number; not_before: string[] };
    party_after: string[];
    not_before: string[];
    gap: number;
    long_gap: number;
    nobody: {
      verbs: Record<'both' | Kind, string[]>;
      need_harm: string[];
      joins: string[];
      subjects: string[];
      of_subjects: string[];
      people: string[];
      harm: string[];
      harm_reach: number;
      except: string[];
    };
  };
  material_only: { verbs: string[]; nouns: string[]; link: string[]; material: string[] };
}

interface Rules {
  stop: Set<string>;
  /** brackets and quotes that set off an aside inside a count ("(الأسايش)") */
  asidePunct: Set<string>;
  deathWords: Set<string>;
  /** "بنوبة قلبية" after an injured word: an illness, no wound */
  illnessAfter: PhraseMatcher<true>;
  relatives: Set<string>;
  conjunctReach: number;
  othersReach: number;
  othersWords: Set<string>;
  additive: PhraseMatcher<true>;
  qualifiers: Set<string>;
  /** folded nationality forms → their number ('adj': a feminine form, never a person) */
  nationality: Map<string, PersonNumber | 'adj'>;
  notPersonAfter: PhraseMatcher<true>;
  ambiguous: PhraseMatcher<true>;
  dualVerbs: PhraseMatcher<true>;
  subset: PhraseMatcher<true>;
  partitives: PhraseMatcher<number | null>;
  /** "أحد المستودعات": the things a partitive may quantify that are no people */
  partitiveObjects: Set<string>;
  casualtyNouns: PhraseMatcher<{ kind: Kind; number: PersonNumber }>;
  ordinalAfter: Set<string>;
  listIntro: PhraseMatcher<true>;
  listStops: Set<string>;
  titlePrepositions: Set<string>;
  wawNames: Set<string>;
  listMin: number;
  listMax: number;
  ageWords: Set<string>;
  updateVerbs: PhraseMatcher<true>;
  updateTo: Set<string>;
  updateStops: Set<string>;
  updateWindow: number;
  noneVerbRe: RegExp;
  noneNounRe: RegExp;
  /** rule denied-casualties: "نفت الوزارة وقوع خسائر بشرية" */
  deniedRe: RegExp;
  /** words right before a denial that negate it ("لم ينف وقوع إصابات") */
  denialNegators: Set<string>;
  noneKinds: Map<string, 'both' | Kind>;
  nobodyRe: RegExp;
  /** matches when the text before a statement of zero ends in a word that negates or prevents it */
  notBeforeRe: RegExp;
  /** matches when the text after a statement of zero restricts it to one party */
  partyAfterRe: RegExp;
  nobodyKinds: Map<string, 'both' | Kind>;
  needHarm: Set<string>;
  harmRe: RegExp;
  people: Set<string>;
  materialRe: RegExp;
}

const foldAll = (xs: string[]): string[] => xs.map(fold);

/** How many words after an injured word its illness may stand ("أصيب متعاقد مدني بنوبة قلبية"). */
const ILLNESS_REACH = 4;

/** Rule illness: an illness within reach after an injured word, in its clause. */
function illnessAfter(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < Math.min(to, from + ILLNESS_REACH); k++) {
    if (tokens[k].kind === 'punct') return false;
    if (rules().illnessAfter.matchAt(tokens, k).length > 0) return true;
  }
  return false;
}

function compileRules(r: RulesFile): Rules {
  const partitives = new PhraseMatcher<number | null>();
  for (const [v, ps] of Object.entries(r.partitives))
    for (const p of ps) partitives.add(p, v === 'null' ? null : Number(v));
  const casualtyNouns = new PhraseMatcher<{ kind: Kind; number: PersonNumber }>();
  for (const kind of ['killed', 'injured'] as const)
    for (const number of ['sg', 'du', 'pl'] as const)
      for (const p of r.casualty_nouns[kind][number]) casualtyNouns.add(p, { kind, number });

  const n = r.no_casualties;
  const noneKinds = new Map<string, 'both' | Kind>();
  for (const kind of ['both', 'killed', 'injured'] as const)
    for (const p of foldAll(n.nouns[kind])) noneKinds.set(p, kind);
  const nouns = `(${alternation(noneKinds.keys())})(?! +${alternation(foldAll(n.not_after))})${BOUND_END}`;
  // words may be set off by quotes ('عدم وقوع "أي خسائر بشرية"')
  const sep = '(?: *" *| +)';
  const tail = `(?:${alternation(foldAll(n.events))}${sep})?(?:${alternation(foldAll(n.any))}${sep})?(?:${alternation(foldAll(n.before_nouns))}${sep})?${nouns}`;
  const cl = '(?:[وف])?';
  // (a) "لم تسفر الهجمات على القاعدة عن وقوع إصابات"
  // the subject may stand between the verb and "عن" ("لم يسفر الهجوم على القاعدة عن …"), or a
  // few words without it ("لم تقع في المكان إصابات")
  const word = '(?: +[^ .،,؛:;!?؟]+)';
  const noneVerbRe = new RegExp(
    `${BOUND_START}${cl}${alternation(foldAll(n.verb_negators))} +${cl}${alternation(foldAll(n.verbs))}(?:${word}{0,${n.long_gap}}? +${alternation(foldAll(n.links))}|${word}{0,${n.gap}}?)${sep}${tail}`,
    'gu',
  );
  // (b) "دون وقوع خسائر بشرية", "لا خسائر في الأرواح"
  const noneNounRe = new RegExp(`${BOUND_START}${alternation(foldAll(n.noun_negators))}${sep}${tail}`, 'gu');
  // (b') rule denied-casualties: a denial verb, a few words (its subject), then an event noun
  // and the casualty noun: "ونفت غرفة العمليات وقوع أضرار مادية أو خسائر بشرية"
  const d = n.denial;
  const deniedRe = new RegExp(
    `${BOUND_START}${cl}${alternation(foldAll(d.verbs))}${word}{0,${d.gap}}? +${alternation(foldAll(n.events))}${sep}(?:${alternation(foldAll(n.any))}${sep})?(?:${alternation(foldAll(n.before_nouns))}${sep})?${nouns}`,
    'gu',
  );
  // (c) rule nobody-hurt: "ولم يصب أحد بأذى", "دون أن يقتل أو يجرح أحدا", "لم يصب أي من الجنود"
  const b = n.nobody;
  const nobodyKinds = new Map<string, 'both' | Kind>();
  for (const kind of ['both', 'killed', 'injured'] as const)
    for (const v of foldAll(b.verbs[kind])) nobodyKinds.set(v, kind);
  const verb = `(${alternation(nobodyKinds.keys())})`;
  const nobodyRe = new RegExp(
    `${BOUND_START}${cl}${alternation(foldAll(n.verb_negators))} +${verb}(?: +${alternation(foldAll(b.joins))} +${verb})?` +
      ` +(?:(${alternation(foldAll(b.subjects))})|${alternation(foldAll(b.of_subjects))} +([^ .،,؛:;!?؟]+))${BOUND_END}` +
      `(?!${word}{0,${b.harm_reach}}? +${alternation(foldAll(b.except))}${BOUND_END})`,
    'gu',
  );
  const harmRe = new RegExp(
    `^${word}{0,${b.harm_reach - 1}}? +${alternation(foldAll(b.harm))}${BOUND_END}`,
    'u',
  );
  const m = r.material_only;
  const materialRe = new RegExp(
    `${BOUND_START}${alternation(foldAll(m.verbs))} +${alternation(foldAll(m.nouns))} +${alternation(foldAll(m.link))} +${alternation(foldAll(m.material))}${BOUND_END}`,
    'gu',
  );
  // the dual, plural and feminine forms of each nationality nisba
  const nationality = new Map<string, PersonNumber | 'adj'>();
  for (const w of foldAll(r.nationalities)) {
    nationality.set(w, 'sg');
    nationality.set(`${w}ان`, 'du');
    nationality.set(`${w}ين`, 'pl');
    nationality.set(`${w}ون`, 'pl');
    nationality.set(`${w}ه`, 'adj');
    nationality.set(`${w}ة`, 'adj');
    nationality.set(`${w}ات`, 'adj');
  }
  return {
    stop: new Set(r.stop_punct),
    asidePunct: new Set(r.aside_punct),
    deathWords: new Set(foldAll(r.death_words)),
    illnessAfter: matcherOf(r.illness_after, true),
    relatives: new Set(foldAll(r.relatives)),
    conjunctReach: r.conjunct_reach,
    othersReach: r.others_reach,
    othersWords: new Set(foldAll(r.others_words)),
    additive: matcherOf(r.additive, true),
    qualifiers: new Set(foldAll(r.qualifiers)),
    nationality,
    notPersonAfter: matcherOf(r.not_person_after, true),
    ambiguous: matcherOf(r.ambiguous_plural, true),
    dualVerbs: matcherOf(r.dual_verbs, true),
    subset: matcherOf(r.subset_markers, true),
    partitives,
    partitiveObjects: new Set(foldAll(r.partitive_objects)),
    casualtyNouns,
    ordinalAfter: new Set(foldAll(r.ordinal_after)),
    listIntro: matcherOf(r.named_list.intro, true),
    listStops: new Set(foldAll(r.named_list.stops)),
    titlePrepositions: new Set(foldAll(r.named_list.title_prepositions)),
    wawNames: new Set(foldAll(r.named_list.waw_names)),
    listMin: r.named_list.min,
    listMax: r.named_list.max,
    ageWords: new Set(foldAll(r.named_list.age_words)),
    updateVerbs: matcherOf(r.updates.verbs, true),
    updateTo: new Set(foldAll(r.updates.to)),
    updateStops: new Set(foldAll(r.updates.region_stops)),
    updateWindow: r.updates.window,
    noneVerbRe,
    noneNounRe,
    deniedRe,
    denialNegators: new Set(foldAll(n.denial.not_before)),
    noneKinds,
    nobodyRe,
    partyAfterRe: new RegExp(`^${sep}${alternation(foldAll(n.party_after))}${BOUND_END}`, 'u'),
    notBeforeRe: new RegExp(`${BOUND_START}${alternation(foldAll(n.not_before))} +(?:[^ ]+ +)?$`, 'u'),
    nobodyKinds,
    needHarm: new Set(foldAll(b.need_harm)),
    harmRe,
    people: new Set(foldAll(b.people)),
    materialRe,
  };
}

let RULES: Rules | undefined;
function rules(): Rules {
  RULES ??= compileRules(readDataFile<RulesFile>('lexicon/casualty-rules.json'));
  return RULES;
}

// ---------------------------------------------------------------------------------------------
// counts

const MAX_GAP = 7;
const MAX_COUNT = 100_000;

interface ReadContext {
  lex: Lexicon;
  r: Rules;
  norm: string;
  tokens: readonly Token[];
  /** the trigger is a dual verb ("أصيبا") */
  dualVerb: boolean;
  text?: NormalizedText;
}

/** 'du' / 'pl' when the original spelling of token k is vocalized as a dual / plural -ين form. */
function vocalizedNumber(text: NormalizedText | undefined, tok: Token): 'du' | 'pl' | null {
  if (!text) return null;
  const word = text.original.slice(text.offsets[tok.start], text.offsets[tok.end]);
  // fatha (maybe after a shadda) before the final ين: dual; kasra: plural
  if (/\u0651?\u064e\u064a\u0652?\u0646[\u064b-\u065f]*$/u.test(word)) return 'du';
  if (/\u0650\u0651?\u064a\u0652?\u0646[\u064b-\u065f]*$/u.test(word)) return 'pl';
  if (/\u0651\u0650\u064a\u0652?\u0646[\u064b-\u065f]*$/u.test(word)) return 'pl';
  return null;
}

/** The grammatical number of a person noun at k, with the dual/plural ambiguity of -ين resolved. */
function personNumber(
  c: ReadContext,
  k: number,
  afterExactCount = false,
): { number: PersonNumber; last: number; start: number } | null {
  const { lex, r, tokens } = c;
  const noun = lex.persons.matchAt(tokens, k).sort((a, b) => b.last - a.last)[0];
  if (!noun || noun.value === 'adj') return null;
  let number = noun.value as PersonNumber;
  let last = noun.last;
  const next = tokens[noun.last + 1];
  // "مقاتلين اثنين", "جنديان اثنان"
  if (next && c.lex.dualNumerals.has(next.text))
    return { number: 'du', last: noun.last + 1, start: noun.start };
  if (noun.first === noun.last && r.ambiguous.matchAt(tokens, k).length > 0) {
    const voc = vocalizedNumber(c.text, tokens[k]);
    // rule ambiguous-du-pl: "عسكريين" is two only when something says so
    // "3 جنود عراقيين ومتعاقدين أجنبيين": a conjunct after an exact count is counted by its form
    const conjoined = afterExactCount && tokens[k].text.startsWith('و');
    number = voc === 'du' || (voc === null && (c.dualVerb || conjoined)) ? 'du' : 'pl';
    // "عسكريين أمريكيين": the nisba after agrees with it
    const adj = tokens[k + 1];
    if (
      adj &&
      r.ambiguous.matchAt(tokens, k + 1).length > 0 &&
      lex.persons.matchAt(tokens, k + 1).length > 0
    ) {
      last = k + 1;
      // "عسكريين أمريكيين اثنين": the numeral after the nisba says two
      const after = tokens[k + 2];
      if (after && lex.dualNumerals.has(after.text)) return { number: 'du', last: k + 2, start: noun.start };
    }
  }
  return { number, last, start: noun.start };
}

/** The nationality form of a word without the article ("بريطاني", "وأمريكيان"), and whether it carries و. */
function nationalityOf(r: Rules, word: string): { form: PersonNumber | 'adj'; conj: boolean } | null {
  const form = r.nationality.get(word);
  if (form) return { form, conj: false };
  const bare = word.startsWith('و') ? r.nationality.get(word.slice(1)) : undefined;
  return bare ? { form: bare, conj: true } : null;
}

/**
 * A count standing as the subject before a plural casualty verb: "ثلاثة جنود قتلوا", "ثلاثة
 * من أفراد الخدمة قتلوا" (the number, then a person noun or "من" and a noun phrase of at most
 * three words, then the verb). The verb must be plural (ending in وا/ن) so that "قتل" as a
 * noun or a singular verb with its own count after it is left to the other rules.
 */
function countBeforeVerb(
  c: ReadContext,
  verb: number,
  from: number,
): { value: number; start: number } | null {
  const { lex, r, norm, tokens } = c;
  if (!/(?:وا|ن)$/u.test(tokens[verb].text)) return null;
  // rule subset-before-verb: "12 مدنيا بينهم 4 أطفال قتلوا" is 12: a count right after a subset
  // marker is part of a larger subject, whose own count is looked for further back; with none
  // ("مدنيون بينهم 4 أطفال قتلوا") the subset is a lower bound
  let subset: { value: number; start: number } | null = null;
  let reach = verb - SUBJECT_NOUN_REACH;
  for (let j = verb - 1; j >= Math.max(from, reach); j--) {
    const tok = tokens[j];
    if (tok.kind === 'punct' && !r.asidePunct.has(tok.text)) return subset;
    const n = numberAt(norm, tok.start);
    if (!n || n.value === null || n.value <= 0 || n.value > MAX_COUNT) continue;
    if (!subset && subsetMarkerEndsAt(c, j - 1, from)) {
      subset = { value: n.value, start: n.start };
      reach = j - 1 - SUBJECT_NOUN_REACH;
      continue;
    }
    // what lies between the number and the verb: a person noun, or "من" + up to three words
    let k = j;
    while (k < verb && tokens[k].start < n.end) k++;
    if (k >= verb) return null;
    const between = tokens.slice(k, verb);
    const words = between.filter((x) => x.kind === 'word');
    const plain = words.length === between.length;
    const partitive = plain && between[0].text === 'من' && between.length <= 4;
    const noun = lex.persons.matchAt(tokens, k).length > 0 && plain && between.length <= 3;
    // rule subject-with-qualifiers: "4 عناصر من قوى الأمن الداخلي (الأسايش) قتلوا": a person noun
    // right after the number, its qualifiers and an aside in brackets, then the plural verb
    const qualified =
      lex.persons.matchAt(tokens, k).length > 0 &&
      words.length <= SUBJECT_NOUN_REACH &&
      !between.some(
        (x, i) =>
          i > 0 &&
          (lex.killed.matchAt(tokens, k + i).length > 0 ||
            lex.injured.matchAt(tokens, k + i).length > 0 ||
            lex.triggers.matchAt(tokens, k + i).length > 0),
      );
    if (partitive || noun || qualified)
      return { value: subset ? Math.max(subset.value, n.value) : n.value, start: n.start };
    // ("12 مدنيا من عائلة واحدة بينهم 4 أطفال قتلوا": a number word inside the subject's qualifiers)
    if (!subset) return null;
  }
  return subset;
}

/** Does a subset marker ("بينهم", "من بينهم") end at token `at`? */
function subsetMarkerEndsAt(c: ReadContext, at: number, from: number): boolean {
  for (let k = Math.max(from, at - 2); k <= at; k++)
    if (c.r.subset.matchAt(c.tokens, k).some((m) => m.last === at)) return true;
  return false;
}

/** How many tokens before a plural casualty verb the number of its subject may stand ("4 عناصر من قوى الأمن الداخلي قتلوا"). */
const SUBJECT_NOUN_REACH = 9;

/** How many words before a casualty verb its subject may begin. */
const SUBJECT_REACH = 6;

/**
 * The count of the subject that stands before the casualty verb at token `verb`: the leftmost
 * person (or nationality) word within reach, with no punctuation or casualty word between it
 * and the verb, read as a count up to the verb. Null when it is of unknown size.
 */
function subjectBefore(c: ReadContext, verb: number, from: number): { value: number; start: number } | null {
  const { r, tokens } = c;
  // ("اللذان قتلا": a dual relative pronoun is the subject itself)
  const own = subjectEndingAt(c, verb, from);
  if (own || verb - 1 < from || !r.relatives.has(tokens[verb - 1].text)) return own;
  return subjectEndingAt(c, verb - 1, from);
}

function subjectEndingAt(c: ReadContext, end: number, from: number): { value: number; start: number } | null {
  const { lex, r, tokens } = c;
  let start = -1;
  for (let j = end - 1; j >= Math.max(from, end - SUBJECT_REACH); j--) {
    const tok = tokens[j];
    if (tok.kind === 'punct') break;
    if (lex.killed.matchAt(tokens, j).length > 0 || lex.injured.matchAt(tokens, j).length > 0) break;
    const nat = nationalityOf(r, tok.text);
    const person = lex.persons.matchAt(tokens, j).some((m) => m.value !== 'adj');
    if (person || (nat && !nat.conj && (nat.form === 'sg' || nat.form === 'du'))) start = j;
  }
  if (start < 0) return null;
  const count = readCount(c, start, end);
  return count && count.value !== null ? { value: count.value, start: count.start } : null;
}

/** Reads "N نوع" / "نوع N" / dual noun / singular noun phrases, summed over و-coordination. */
function readCount(c: ReadContext, i: number, to: number): Count | null {
  const { lex, r, norm, tokens } = c;
  let total = 0;
  let found = false;
  let start = -1;
  let end = -1;
  let unknown = false;
  let subsetOfUnknown = false;
  let nationalityCounted = false;
  // the last number of three or more, and the token after it (its head noun)
  let bigNumberHead = -1;
  let k = i;
  let steps = 0;
  // rule nationality-person: "مقتل أمريكي …", "… أمريكيين اثنين وبريطاني"
  const nationalityPerson = (at: number): { number: PersonNumber; last: number; start: number } | null => {
    const nat = nationalityOf(r, tokens[at].text);
    if (!nat || (nat.form !== 'sg' && nat.form !== 'du')) return null;
    if (nat.conj ? !(found || unknown) : at !== i) return null;
    // "خمسة مهندسين أمريكيين وبريطانيين وأسترالي": the nationalities break the number down
    const before = at > 0 ? nationalityOf(r, tokens[at - 1].text) : null;
    if (nat.conj && bigNumberHead >= 0 && before && at - 1 !== bigNumberHead) return null;
    nationalityCounted = true;
    return { number: nat.form, last: at, start: tokens[at].start + (nat.conj ? 1 : 0) };
  };
  while (k < to && steps < MAX_GAP) {
    // the count follows the casualty word closely ("مقتل 3", "قتل فيها 16 شخصا")
    if (!found && !unknown && steps >= 3) break;
    const tok = tokens[k];
    if (tok.kind === 'punct') {
      if (found && r.stop.has(tok.text)) break;
      k++;
      steps++;
      continue;
    }
    // "قتلوا وأصيب 25 آخرون": another casualty word starts its own count, not this one's
    if (
      !found &&
      !unknown &&
      (lex.injured.matchAt(tokens, k).length > 0 || lex.killed.matchAt(tokens, k).length > 0)
    )
      break;
    // rule subset: "مقتل 5 أشخاص بينهم طفلان" is 5; "مقتل مدنيين بينهم 3 أطفال" is at least 3
    const subset = found || unknown ? r.subset.matchAt(tokens, k)[0] : undefined;
    if (subset) {
      if (found) break;
      subsetOfUnknown = true;
      unknown = false;
      k = subset.last + 1;
      steps = 0;
      continue;
    }
    const num = numberAt(norm, tok.start);
    if (num && num.end <= tokens[to - 1].end) {
      // a number: "3 جنود", "ثلاثة عناصر", "عدد من"
      if (num.value === null) unknown = true;
      else {
        total += num.value;
        found = true;
      }
      if (start < 0) start = num.start;
      end = num.end;
      // skip the tokens the number covers and the noun after it
      while (k < to && tokens[k].start < num.end) k++;
      bigNumberHead = num.value !== null && num.value >= 3 ? k : -1;
      const noun = k < to ? lex.persons.matchAt(tokens, k)[0] : undefined;
      if (noun) {
        end = noun.end;
        k = noun.last + 1;
      }
    } else {
      // "الأحد" with the article is Sunday, not "one of them"
      const part =
        !found && !unknown
          ? r.partitives
              .matchAt(tokens, k)
              .filter((m) => !hasArticle(tokens[k].text, m))
              .sort((a, b) => b.last - a.last)[0]
          : undefined;
      const person = part ? null : (personNumber(c, k, found && !unknown) ?? nationalityPerson(k));
      // "هجوم مسلح" is an armed attack, not a gunman
      const adjective = person && k > 0 && r.notPersonAfter.matchAt(tokens, k - 1).length > 0;
      // "إصابة أحد المستودعات": one of the depots was hit, no one was hurt
      if (part && part.last + 1 < to && r.partitiveObjects.has(tokens[part.last + 1].text)) break;
      if (part) {
        // rule partitive: "أحدهم" = 1, "كلاهما" = 2, "بعضهم" = unknown; "أحد الجنود" takes the noun along
        if (part.value === null) unknown = true;
        else {
          total += part.value;
          found = true;
        }
        if (start < 0) start = part.start;
        end = part.end;
        k = part.last + 1;
        const noun = k < to ? lex.persons.matchAt(tokens, k)[0] : undefined;
        if (noun) {
          end = noun.end;
          k = noun.last + 1;
        }
      } else if (person && !adjective) {
        // "جنديان" = 2, "متعاقد أمريكي" = 1, "جنود" alone = unknown
        let n = person.number === 'du' ? 2 : person.number === 'sg' ? 1 : null;
        // rule definite-numeral: "الجنود الثلاثة" — a numeral with the article after a plural names its size
        const numeral = person.last + 1 < to ? tokens[person.last + 1] : undefined;
        if (n === null && numeral && /^ال/u.test(numeral.text)) {
          const sized = numberAt(norm, numeral.start);
          if (sized && sized.value !== null && sized.value >= 3 && sized.end <= numeral.end) {
            n = sized.value;
            person.last += 1;
          }
        }
        if (n === null) unknown = true;
        else {
          total += n;
          found = true;
        }
        if (start < 0) start = person.start;
        end = tokens[person.last].end;
        k = person.last + 1;
        // "جندي واحد", "جنديين اثنين": a numeral after the noun agrees with it, it adds nothing
        const agreeing = k < to ? numberAt(norm, tokens[k].start) : null;
        if (n !== null && agreeing && agreeing.value === n && agreeing.end <= tokens[k].end) {
          end = agreeing.end;
          k++;
        }
      } else if (found || unknown) {
        // coordination continues only with "و" + another count
        const t = tok.text;
        if (t.startsWith('و') && t.length > 1) {
          const rest = lex.persons.matchAt(tokens, k);
          if (rest.length === 0 && !numberAt(norm, tok.start + 1)) break;
        }
        // adjectives and qualifiers after the noun ("أمريكي", "عراقيين", "من الجيش") are skipped
        k++;
        steps++;
        continue;
      } else {
        k++;
        steps++;
        continue;
      }
    }
    steps = 0;
    // continue only through "و" + count, or "بالإضافة إلى" + count
    const next = nextConjunct(c, k, to);
    if (next === null) break;
    k = next;
  }
  if (!found && !unknown) return null;
  if (found && total > MAX_COUNT) return null;
  return {
    value: found ? total : null,
    start,
    end,
    rule:
      subsetOfUnknown && found
        ? 'subset-lower-bound'
        : nationalityCounted
          ? 'nationality-person'
          : 'count-after',
  };
}

/** Does a count start at token j: "وجنديان", "و3 مدنيين", "وبريطاني" (with و), "ثلاثة", "جندي" (without)? */
function countStartsAt(c: ReadContext, j: number, withWaw: boolean): boolean {
  const { lex, r, norm, tokens } = c;
  const t = tokens[j];
  if (!t || t.kind === 'punct') return false;
  if (withWaw !== (t.text.startsWith('و') && t.text.length > 1)) return false;
  if (lex.persons.matchAt(tokens, j).length > 0) return true;
  if (numberAt(norm, t.start + (withWaw ? 1 : 0))) return true;
  if (!withWaw) return r.partitives.matchAt(tokens, j).length > 0;
  const nat = nationalityOf(r, t.text);
  return !!nat?.conj && (nat.form === 'sg' || nat.form === 'du');
}

/**
 * Where the next conjunct of a count starts, after the conjunct that ends before token k, or null:
 * "و" + a count, past the qualifiers of the one before ("مقتل مسؤول الاستخبارات في فيلق القدس
 * ونائبه", "إصابة آمر اللواء بجروح متوسطة، ومقاتل آخر") — at most `conjunct_reach` words, a comma
 * right before the conjunct — or an additive connector and a count ("وجرح خمسة آخرون بالإضافة إلى
 * جندي أمريكي" = 6). A casualty or attack word, a subset marker or other punctuation ends the search.
 */
function nextConjunct(c: ReadContext, k: number, to: number): number | null {
  const { lex, r, tokens } = c;
  // rule others-conjunct: past the usual reach only a count that says it adds "others" continues
  // ("قتل مختار القرية … شمالي العراق، وأربعة مدنيين آخرين" = 5)
  const near = (words: number, at: number) => words <= r.conjunctReach || othersAfter(c, at, to);
  for (let j = k, words = 0; j < to && words <= r.othersReach; j++) {
    const t = tokens[j];
    if (t.kind === 'punct') {
      if ((t.text === '،' || t.text === ',') && countStartsAt(c, j + 1, true) && near(words, j + 1))
        return j + 1;
      // rule breakdown: "مقتل جنديين، أمريكي وبريطاني، ومتعاقد أمريكي" = 3: nationalities set off
      // by commas break the count before them down, and the count goes on after them
      const after = j === k ? breakdownEnd(c, j, to) : -1;
      return after >= 0 ? after : null;
    }
    // "مقتل مدنيين بينهم 3 أطفال": a subset right after the count is read by the loop (rule subset)
    if (r.subset.matchAt(tokens, j).length > 0) return j === k ? k : null;
    const additive = r.additive.matchAt(tokens, j).sort((a, b) => b.last - a.last)[0];
    if (additive && words <= r.conjunctReach)
      return countStartsAt(c, additive.last + 1, false) ? additive.last + 1 : null;
    if (countStartsAt(c, j, true) && near(words, j)) return j;
    const casualtyWord =
      lex.killed.matchAt(tokens, j).length > 0 || lex.injured.matchAt(tokens, j).length > 0;
    // "بجروح متوسطة" qualifies the count before it
    if ((casualtyWord && !r.qualifiers.has(t.text)) || lex.triggers.matchAt(tokens, j).length > 0)
      return null;
    words++;
  }
  return null;
}

/** Rule others-conjunct: does the count starting at token j say "others" ("وأربعة مدنيين آخرين")? */
function othersAfter(c: ReadContext, j: number, to: number): boolean {
  for (let k = j; k < Math.min(to, j + 4); k++) {
    if (c.tokens[k].kind === 'punct') return false;
    if (c.r.othersWords.has(c.tokens[k].text)) return true;
  }
  return false;
}

/**
 * Rule breakdown: at the comma `comma`, "، أمريكي وبريطاني، ومتعاقد": nationality words set off by
 * a second comma, then "و" + a count. Returns where that count starts, or -1.
 */
function breakdownEnd(c: ReadContext, comma: number, to: number): number {
  const { r, tokens } = c;
  let j = comma + 1;
  while (j < to && nationalityOf(r, tokens[j].text) !== null) j++;
  if (j === comma + 1 || j >= to || (tokens[j].text !== '،' && tokens[j].text !== ',')) return -1;
  return countStartsAt(c, j + 1, true) ? j + 1 : -1;
}

/** rule named-list: "مقتل كل من أحمد علي وحسن كاظم والقيادي محمود سالم" = 3 */
function readNamedList(c: ReadContext, i: number, to: number): Count | null {
  const { lex, r, tokens } = c;
  // "قتل في الضربة كل من …": the intro may come a few words after the trigger
  let intro: PhraseMatch<true> | undefined;
  for (let k = i; k < Math.min(to, i + 4) && !intro && tokens[k].kind !== 'punct'; k++)
    intro = r.listIntro.matchAt(tokens, k)[0];
  if (!intro) return null;
  let n = 0;
  let end = -1;
  let separated = true;
  let titleAt = -1;
  let titled = false;
  for (let k = intro.last + 1; k < to; k++) {
    const tok = tokens[k];
    if (tok.kind === 'punct') {
      if (tok.text === '،' || tok.text === ',') separated = true;
      else if (['"', '(', ')', '-', '/'].includes(tok.text)) continue;
      else break;
      continue;
    }
    // "خالد سالم (60 عاما)": an age belongs to the name before it
    if (tok.kind === 'num' && r.ageWords.has(tokens[k + 1]?.text ?? '')) {
      k++;
      continue;
    }
    if (tok.kind === 'num') break;
    // "فلان بالإضافة إلى فلان": an additive connector separates two names
    const additive = r.additive.matchAt(tokens, k).sort((a, b) => b.last - a.last)[0];
    if (additive) {
      separated = true;
      // (what follows it is another person, never a name in apposition to a title)
      titled = false;
      k = additive.last;
      continue;
    }
    if (
      lex.killed.matchAt(tokens, k).length > 0 ||
      lex.injured.matchAt(tokens, k).length > 0 ||
      lex.triggers.matchAt(tokens, k).length > 0
    )
      break;
    if (r.listStops.has(tok.text)) {
      // "القيادي في الفصيل": a preposition right after a title stays in the name
      if (!(r.titlePrepositions.has(tok.text) && titleAt >= 0 && k - titleAt <= 4)) break;
      end = tok.end;
      continue;
    }
    if (tok.text === 'و') {
      separated = true;
      continue;
    }
    const conj = tok.text.length > 2 && tok.text.startsWith('و') && !r.wawNames.has(tok.text);
    if (!conj && separated && titled) {
      // "قائد الفيلق، قاسم سليماني، والقيادي …": a name after a title between commas is the same person
      titled = false;
      titleAt = -1;
    } else if (separated || conj) {
      n++;
      titleAt = lex.persons.matchAt(tokens, k).length > 0 ? k : -1;
      titled = titleAt >= 0;
    }
    separated = false;
    end = tok.end;
  }
  // "كل من" lists two or more: "قتل كل من حولها", "كل من يحاول" are "everyone who …"
  if (n < r.listMin || n > r.listMax) return null;
  return { value: n, start: intro.start, end, rule: 'named-list' };
}

/** The longest number expression that ends right before token k (within 6 tokens). */
function numberBefore(norm: string, tokens: readonly Token[], from: number, k: number) {
  if (k - 1 < from) return null;
  const endAt = tokens[k - 1].end;
  for (let j = Math.max(from, k - 6); j < k; j++) {
    if (tokens[j].kind === 'punct') continue;
    const n = numberAt(norm, tokens[j].start);
    if (n && n.end === endAt) return n;
  }
  return null;
}

/** the word carries the article ("القتيل", "للشهيد"): a known person, not a count */
function hasArticle(word: string, m: PhraseMatch<unknown>): boolean {
  const stem = fold(m.phrase).split(' ')[0];
  const prefix = word.endsWith(stem) ? word.slice(0, word.length - stem.length) : '';
  return /(?:ال|لل)$/u.test(prefix);
}

interface Candidate extends Count {
  kind: Kind;
}

/** rule updated-toll: "ارتفعت حصيلة القتلى إلى 7": regions after "إلى" and the figures they state */
function updatedTolls(
  c: ReadContext,
  from: number,
  to: number,
  earlier: readonly Candidate[],
): { regions: [number, number][]; figures: Candidate[] } {
  const { lex, r, norm, tokens } = c;
  const regions: [number, number][] = [];
  const figures: Candidate[] = [];
  for (const v of r.updateVerbs.findAll(tokens, from, to)) {
    const named = new Set<Kind>();
    for (let k = v.last + 1; k < Math.min(to, v.last + 1 + r.updateWindow); k++) {
      const tok = tokens[k];
      if (tok.kind === 'punct' && r.stop.has(tok.text)) break;
      if (lex.killed.matchAt(tokens, k).length > 0) named.add('killed');
      else if (lex.injured.matchAt(tokens, k).length > 0) named.add('injured');
      if (!r.updateTo.has(tok.text) || k + 1 >= to) continue;
      // "ارتفعت أعداد قتلى وجرحى … إلى 23": a figure for both kinds together is neither;
      // "مقتل 4 جنود، قبل أن ترتفع الحصيلة إلى 6": a toll named before the verb gives its kind
      const before = new Set(earlier.filter((x) => x.start < v.start && x.value !== null).map((x) => x.kind));
      const kinds = named.size > 0 ? named : before;
      const kind: Kind | null = kinds.size === 1 ? [...kinds][0] : null;
      let regionEnd = tokens[to - 1].end;
      for (let e = k + 1; e < to; e++)
        if ((tokens[e].kind === 'punct' && r.stop.has(tokens[e].text)) || r.updateStops.has(tokens[e].text)) {
          regionEnd = tokens[e].start;
          break;
        }
      regions.push([tokens[k + 1].start, regionEnd]);
      const num = numberAt(norm, tokens[k + 1].start);
      if (num && num.value !== null && num.value <= MAX_COUNT) {
        // "إلى 5 قتلى": the noun after the figure names its kind
        let after = k + 1;
        while (after < to && tokens[after].start < num.end) after++;
        const noun = after < to ? r.casualtyNouns.matchAt(tokens, after)[0] : undefined;
        const figureKind = noun?.value.kind ?? kind;
        if (figureKind)
          figures.push({
            kind: figureKind,
            value: num.value,
            start: num.start,
            end: noun ? noun.end : num.end,
            rule: 'updated-toll',
            updated: true,
          });
      }
      break;
    }
  }
  return { regions, figures };
}

interface Zero {
  kind: 'both' | Kind;
  start: number;
  end: number;
  rule: CasualtyRule;
  /** said of one party (rule party-zero) */
  party: boolean;
}

/**
 * Rules no-casualties, material-only and unreported: the statements of zero in tokens [from, to),
 * in text order. One that follows an 'unknown' phrase closely ("لم ترد أنباء عن …") is dropped.
 */
function statementsOfZero(
  lex: Lexicon,
  r: Rules,
  norm: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  unreported: PhraseMatch<true>[],
): Zero[] {
  const out: Zero[] = [];
  const textStart = tokens[from].start;
  const text = norm.slice(textStart, tokens[to - 1].end);
  const add = (kind: 'both' | Kind, start: number, end: number, rule: CasualtyRule, ofParty = false) => {
    if (unreported.some((u) => end > u.start && start <= u.end + 40)) return;
    // "لم تكن العملية بلا خسائر", "حال دون وقوع خسائر": the zero is negated or prevented
    if (r.notBeforeRe.test(norm.slice(Math.max(textStart, start - 30), start))) return;
    // rule party-zero: "دون وقوع إصابات في صفوف القوات الأمريكية"
    const party = ofParty || r.partyAfterRe.test(norm.slice(end, end + 20));
    out.push({ kind, start, end, rule, party });
  };
  for (const re of [r.noneVerbRe, r.noneNounRe]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text))
      add(
        r.noneKinds.get(m[1]) ?? 'both',
        textStart + m.index,
        textStart + m.index + m[0].length,
        'no-casualties',
      );
  }
  r.deniedRe.lastIndex = 0;
  for (let m = r.deniedRe.exec(text); m !== null; m = r.deniedRe.exec(text)) {
    // "لم ينف وقوع إصابات": a negated denial denies nothing
    const before = text.slice(0, m.index).trimEnd().split(' ').pop() ?? '';
    if (r.denialNegators.has(before)) continue;
    add(
      r.noneKinds.get(m[1]) ?? 'both',
      textStart + m.index,
      textStart + m.index + m[0].length,
      'denied-casualties',
    );
  }
  r.nobodyRe.lastIndex = 0;
  for (let m = r.nobodyRe.exec(text); m !== null; m = r.nobodyRe.exec(text)) {
    const verbs = [m[1], m[2]].filter((v): v is string => v !== undefined);
    const end = m.index + m[0].length;
    // "لم يتعرض أي من الجنود لأذى": some verbs need the harm named
    if (verbs.some((v) => r.needHarm.has(v)) && !r.harmRe.test(text.slice(end))) continue;
    // "أي من الجنود": the noun names people ("أي من الأهداف" does not)
    if (m[4] !== undefined) {
      const at = textStart + end - m[4].length;
      const k = tokens.findIndex((t, i) => i >= from && i < to && t.start === at);
      if (k < 0 || (lex.persons.matchAt(tokens, k).length === 0 && !r.people.has(m[4]))) continue;
    }
    const kinds = new Set(verbs.map((v) => r.nobodyKinds.get(v)));
    const kind = kinds.has('both') || kinds.size > 1 ? 'both' : ([...kinds][0] ?? 'both');
    add(kind, textStart + m.index, textStart + end, 'nobody-hurt', m[4] !== undefined);
  }
  r.materialRe.lastIndex = 0;
  for (let m = r.materialRe.exec(text); m !== null; m = r.materialRe.exec(text))
    add('both', textStart + m.index, textStart + m.index + m[0].length, 'material-only');
  for (const m of lex.noCasualties.findLongest(tokens, from, to))
    add('both', m.start, m.end, 'no-casualties-phrase');
  return out.sort((a, b) => a.start - b.start);
}

/** The killed words of tokens [from, to) that say a killing, not only a death ("وفاة", "توفي" do not). */
export function violentKillings(
  lex: Lexicon,
  tokens: readonly Token[],
  from: number,
  to: number,
): PhraseMatch<true>[] {
  const deaths = rules().deathWords;
  return lex.killed.findAll(tokens, from, to).filter((m) => !deaths.has(fold(m.phrase)));
}

/** The statements of zero of tokens [from, to) ("لم تقع إصابات", "ولم يصب أحد"), in text order. */
export function zeroStatements(
  lex: Lexicon,
  norm: string,
  tokens: readonly Token[],
  from: number,
  to: number,
): { start: number; end: number; kind: 'both' | Kind; rule: CasualtyRule }[] {
  if (to <= from) return [];
  return statementsOfZero(
    lex,
    rules(),
    norm,
    tokens,
    from,
    to,
    lex.unknownCasualties.findLongest(tokens, from, to),
  );
}

/** How far before a killed word a count makes "X قتلوا وأصيب N" two figures. */
const COMBINED_COUNT_REACH = 6;

/** Casualty counts stated in tokens [from, to). */
export function findCasualties(
  lex: Lexicon,
  norm: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  options: CasualtyOptions = {},
): Casualties {
  const result: Casualties = { killed: null, injured: null };
  if (to <= from) return result;
  const r = rules();
  const base: ReadContext = { lex, r, norm, tokens, dualVerb: false, text: options.text };

  // "بين قتيل وجريح", "مقتل وإصابة 5": a combined figure is not split; "قتيل وجريح" alone is 1 + 1
  const combinedTokens = new Set<number>();
  for (const m of lex.combinedCasualties.findAll(tokens, from, to)) {
    const noun = r.casualtyNouns.matchAt(tokens, m.first)[0];
    const plain =
      noun &&
      noun.value.number !== 'pl' &&
      !m.phrase.startsWith('بين') &&
      !numberBefore(norm, tokens, from, m.first) &&
      !(m.first > from && tokens[m.first - 1].text === 'بين');
    if (!plain) for (let k = m.first; k <= m.last; k++) combinedTokens.add(k);
  }
  // rule combined-pair: any killed word joined by و/أو to an injured word right after it is one
  // figure too ("استشهاد وإصابة 22 شخصا", "مقتل أو جرح 7"), unless each word has its own number
  const injuredAt = new Map(lex.injured.findAll(tokens, from, to).map((m) => [m.first, m]));
  for (const k of lex.killed.findAll(tokens, from, to)) {
    let j = k.last + 1;
    if (tokens[j]?.text === 'أو' || tokens[j]?.text === 'او') j++;
    const inj = injuredAt.get(j);
    if (!inj || (j === k.last + 1 && !/^و/u.test(inj.clitic))) continue;
    if (r.casualtyNouns.matchAt(tokens, k.first).some((n) => n.value.number !== 'pl')) continue;
    // the one figure follows the pair ("مقتل وإصابة 22"); "ثلاثة جنود قتلوا وأصيب 25 آخرون" counts apart
    // ("مقتل وجرح نحو /15/ عنصرا": the figure may stand a few marks or words later)
    let figure = false;
    for (let a = inj.last + 1; a < Math.min(to, inj.last + 4) && !figure; a++)
      if (numberAt(norm, tokens[a].start)?.value != null) figure = true;
    if (!figure) continue;
    let counted = false;
    for (let b = Math.max(from, k.first - COMBINED_COUNT_REACH); b < k.first; b++)
      if (numberAt(norm, tokens[b].start)) counted = true;
    if (counted) continue;
    for (let t = k.first; t <= inj.last; t++) combinedTokens.add(t);
  }

  const unreported = lex.unknownCasualties.findLongest(tokens, from, to);
  const zeros = statementsOfZero(lex, r, norm, tokens, from, to, unreported);
  const commemorative = lex.commemorative.findAll(tokens, from, to);
  const candidates: Candidate[] = [];
  const used: [number, number][] = [];
  const take = (kind: Kind, triggers: PhraseMatch<true>[]) => {
    for (const t of triggers) {
      if (combinedTokens.has(t.first)) continue;
      // "دون وقوع إصابات": the toll word inside a statement of zero counts nothing
      if (zeros.some((z) => t.start >= z.start && t.start < z.end)) continue;
      // "الذكرى السنوية لاستشهاد …": a commemoration, not a toll
      if (commemorative.some((m) => m.last < t.first && t.first - m.last <= 3)) continue;
      const add = (c: Count) => {
        candidates.push({ ...c, kind });
        if (c.start >= 0) used.push([c.start, c.end]);
      };
      const noun = r.casualtyNouns.matchAt(tokens, t.first).find((m) => m.value.kind === kind);
      // rule wounded-who-died: "بعد وفاة جريحين متأثرين بجروحهما": the wounded named after a death
      // word are among the dead, not a count of wounded
      if (
        noun &&
        kind === 'injured' &&
        !/^[وف]/u.test(t.clitic) &&
        t.first > from &&
        lex.killed.matchAt(tokens, t.first - 1).length > 0 &&
        r.casualtyNouns.matchAt(tokens, t.first - 1).length === 0
      )
        continue;
      if (noun) {
        // rule number-before: "ثلاثة قتلى", "16 قتيلا", "عشرات الجرحى"
        const n = numberBefore(norm, tokens, from, t.first);
        if (n && (n.value === null || n.value <= MAX_COUNT)) {
          add({ value: n.value, start: n.start, end: t.end, rule: 'number-before' });
          continue;
        }
        // "للشهيد القائد", "القتيل": with the article a singular or dual is a known person, not a toll
        if (noun.value.number !== 'pl' && hasArticle(tokens[t.first].text, noun)) continue;
        // rule casualty-noun: "قتيل" = 1, "جريحان" = 2
        // "قتيل ثالث" is a rank in a series, not one more count
        const ordinal = t.last + 1 < to && r.ordinalAfter.has(tokens[t.last + 1].text);
        if (ordinal) continue;
        if (noun.value.number !== 'pl' && noun.last === t.last) {
          add({
            value: noun.value.number === 'du' ? 2 : 1,
            start: t.start,
            end: t.end,
            rule: 'casualty-noun',
          });
          continue;
        }
      }
      const ctx = { ...base, dualVerb: r.dualVerbs.matchAt(tokens, t.first).length > 0 };
      const listed = readNamedList(ctx, t.last + 1, to);
      if (listed) {
        add(listed);
        continue;
      }
      // rule number-before (subject before the verb): "ثلاثة جنود قتلوا", "ثلاثة من أفراد الخدمة قتلوا";
      // it comes first: "13 شخصا استشهدوا وتسعة آخرين أصيبوا" — the count after belongs to the next verb
      const subject = countBeforeVerb(ctx, t.first, from);
      if (subject && !used.some(([s, e]) => subject.start >= s && subject.start < e)) {
        add({ value: subject.value, start: subject.start, end: t.end, rule: 'number-before' });
        continue;
      }
      const c = readCount(ctx, t.last + 1, to);
      if (c) {
        add(c);
        continue;
      }
      // rule person-before: the subject before the verb, read as a count up to it: "لقي متعاقد
      // أمريكي حتفه", "عسكريان أمريكيان أصيبا", "أمريكيين اثنين وبريطاني قتلا" (= 3), "الجنود
      // الثلاثة الذين قتلوا" (a relative pronoun may stand before the verb)
      const before = subjectBefore(ctx, t.first, from);
      if (before && !used.some(([s, e]) => before.start >= s && before.start < e))
        add({ value: before.value, start: before.start, end: t.end, rule: 'person-before' });
    }
  };
  take('killed', lex.killed.findLongest(tokens, from, to));
  // rule illness: "أصيب بنوبة قلبية أثناء الاحتماء من القصف" is no wound
  take(
    'injured',
    lex.injured.findLongest(tokens, from, to).filter((m) => !illnessAfter(tokens, m.last + 1, to)),
  );

  const updates = updatedTolls(base, from, to, candidates);
  for (const cand of candidates)
    if (updates.regions.some(([s, e]) => cand.start >= s && cand.start < e)) {
      cand.updated = true;
      cand.rule = 'updated-toll';
    }
  for (const f of updates.figures)
    if (!candidates.some((cand) => cand.kind === f.kind && cand.start === f.start)) candidates.push(f);

  for (const kind of ['killed', 'injured'] as const) {
    const mine = candidates.filter((cand) => cand.kind === kind).sort((a, b) => a.start - b.start);
    const pick =
      mine.filter((cand) => cand.updated && cand.value !== null).pop() ??
      mine.find((cand) => cand.value !== null) ??
      mine[0];
    if (pick) {
      const { kind: _k, ...count } = pick;
      result[kind] = count;
    }
  }

  // rule party-zero: a zero said of one party stands only while no one is reported hurt
  const hurt = (result.killed?.value ?? 0) > 0 || (result.injured?.value ?? 0) > 0;
  for (const z of zeros) {
    if (z.party && hurt) continue;
    const zero = { value: 0, start: z.start, end: z.end, rule: z.rule, ...(z.party ? { party: true } : {}) };
    if (z.kind !== 'injured' && !result.killed) result.killed = zero;
    if (z.kind !== 'killed' && !result.injured) result.injured = { ...zero };
  }
  if (unreported.length > 0) result.unreported = { start: unreported[0].start, end: unreported[0].end };
  return result;
}

// ---------------------------------------------------------------------------------------------
// across sentences

export interface TollReading {
  killed: Count | null;
  injured: Count | null;
}

export interface FinalCount {
  value: number | null;
  /** index of the reading the value comes from */
  from: number;
  reason: 'only-figure' | 'latest-update' | 'largest-figure' | 'figure-over-zero' | 'zero' | 'agree';
}

/**
 * The final killed / injured of one event from the casualty readings of several sentences
 * about it, in text order: the latest updated toll wins ("ارتفعت الحصيلة إلى 7"); otherwise,
 * figures that disagree give the largest (a later sentence often restates a subset: "بينهم 3
 * أطفال"); a stated figure wins over a zero; a zero over nothing. Null values are ignored.
 */
export function resolveTolls(readings: readonly TollReading[]): {
  killed: FinalCount | null;
  injured: FinalCount | null;
} {
  const resolve = (kind: Kind): FinalCount | null => {
    const stated = readings
      .map((x, i) => ({ c: x[kind], i }))
      .filter((x): x is { c: Count; i: number } => x.c !== null && x.c.value !== null);
    if (stated.length === 0) return null;
    const updated = stated.filter((x) => x.c.updated && (x.c.value ?? 0) > 0);
    if (updated.length > 0) {
      const last = updated[updated.length - 1];
      return { value: last.c.value, from: last.i, reason: 'latest-update' };
    }
    const positive = stated.filter((x) => (x.c.value ?? 0) > 0);
    if (positive.length === 0) return { value: 0, from: stated[0].i, reason: 'zero' };
    const best = positive.reduce((a, b) => ((b.c.value ?? 0) > (a.c.value ?? 0) ? b : a));
    const values = new Set(positive.map((x) => x.c.value));
    const reason =
      stated.length === 1
        ? 'only-figure'
        : positive.length < stated.length && values.size === 1
          ? 'figure-over-zero'
          : values.size === 1
            ? 'agree'
            : 'largest-figure';
    return { value: best.c.value, from: best.i, reason };
  };
  return { killed: resolve('killed'), injured: resolve('injured') };
}
