/**
 * Scores extracted event records against gold annotations, by the rules of the record contract
 * (docs/eval.md): one-to-one matching of the records of one article (places within 25/50/150 km by
 * gold geo_precision 1/2/3, dates agreeing to the precision both give), event and strict P/R/F1,
 * field accuracy on matched pairs and pairwise incident F1 across articles.
 * Pure: texts in, reports out; reading files is the caller's business.
 */
import type { Weapon } from '../lexicon/lexicon.js';
import { EVENT_TYPES, type EventType, WEAPONS } from '../record/record.js';

/** Radius within which a record matches a gold record, by the gold geo_precision. */
export const RADIUS_KM: Record<1 | 2 | 3, number> = { 1: 25, 2: 50, 3: 150 };

export const SCORED_FIELDS = [
  'type',
  'date',
  'place',
  'weapon',
  'actor',
  'munitions',
  'killed',
  'injured',
  'intercepted',
] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

/** The fields that must all be right for a match to count in strict F1. */
export const STRICT_FIELDS: readonly ScoredField[] = ['type', 'date', 'place', 'weapon', 'actor'];

/** The fields of a record the scorer reads (extractor output has these and more). */
export interface ScoredRecord {
  type: string;
  date: string | null;
  place: string;
  lat: number | null;
  lon: number | null;
  geo_precision?: number;
  actor: string | null;
  weapon: string | null;
  munitions: number | null;
  killed: number | null;
  injured: number | null;
  intercepted: boolean | null;
  evidence?: string;
  incident?: string | null;
}

export interface GoldRecord extends ScoredRecord {
  type: EventType;
  geo_precision: 1 | 2 | 3;
  weapon: Weapon | null;
  /** other accepted spellings of `actor` */
  actor_aliases?: string[];
  /** other accepted dates */
  date_aliases?: (string | null)[];
}

export interface GoldArticle {
  id: string;
  events: GoldRecord[];
  /** where it was read: 'file.gold.jsonl:7' */
  at: string;
}

export interface EvalProblem {
  source: string;
  line?: number;
  severity: 'error' | 'warning';
  message: string;
}

/** 'gold.jsonl:3: error: …' */
export function formatEvalProblem(p: EvalProblem): string {
  return `${p.source}${p.line !== undefined ? `:${p.line}` : ''}: ${p.severity}: ${p.message}`;
}

// ---------------------------------------------------------------------------------------------
// Reading gold and prediction files

const DATE_RE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;

const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

const isCount = (v: unknown) => v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 0);

/** What is wrong with one gold record (empty when nothing is). */
export function goldRecordErrors(e: unknown): string[] {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return [`expected an object, got ${show(e)}`];
  const r = e as Record<string, unknown>;
  const errs: string[] = [];
  if (!(EVENT_TYPES as readonly unknown[]).includes(r.type))
    errs.push(`unknown type ${show(r.type)} (expected one of: ${EVENT_TYPES.join(', ')})`);
  if (r.weapon != null && !(WEAPONS as unknown[]).includes(r.weapon))
    errs.push(`unknown weapon ${show(r.weapon)} (expected null or one of: ${WEAPONS.join(', ')})`);
  if (r.date != null && !(typeof r.date === 'string' && DATE_RE.test(r.date)))
    errs.push(`date ${show(r.date)} is not YYYY-MM-DD, YYYY-MM, YYYY or null`);
  if (r.date_aliases !== undefined) {
    const ok =
      Array.isArray(r.date_aliases) &&
      r.date_aliases.every((d) => d === null || (typeof d === 'string' && DATE_RE.test(d)));
    if (!ok) errs.push(`date_aliases ${show(r.date_aliases)} must be a list of dates`);
  }
  if (![1, 2, 3].includes(r.geo_precision as number))
    errs.push(`geo_precision ${show(r.geo_precision)} must be 1, 2 or 3`);
  for (const k of ['lat', 'lon'] as const)
    if (r[k] !== null && !(typeof r[k] === 'number' && Number.isFinite(r[k])))
      errs.push(`${k} ${show(r[k])} must be a number or null`);
  if (typeof r.lat === 'number' && Math.abs(r.lat) > 90) errs.push(`lat ${r.lat} is out of range`);
  if (typeof r.lon === 'number' && Math.abs(r.lon) > 180) errs.push(`lon ${r.lon} is out of range`);
  if (typeof r.place !== 'string') errs.push(`place ${show(r.place)} must be a string`);
  if (r.actor != null && typeof r.actor !== 'string')
    errs.push(`actor ${show(r.actor)} must be a string or null`);
  if (
    r.actor_aliases !== undefined &&
    !(Array.isArray(r.actor_aliases) && r.actor_aliases.every((a) => typeof a === 'string'))
  )
    errs.push(`actor_aliases ${show(r.actor_aliases)} must be a list of strings`);
  for (const k of ['munitions', 'killed', 'injured'] as const)
    if (r[k] !== undefined && !isCount(r[k])) errs.push(`${k} ${show(r[k])} must be a whole number or null`);
  if (r.intercepted != null && typeof r.intercepted !== 'boolean')
    errs.push(`intercepted ${show(r.intercepted)} must be true, false or null`);
  if (r.incident != null && typeof r.incident !== 'string')
    errs.push(`incident ${show(r.incident)} must be a string`);
  return errs;
}

type Line = { line: number; value: unknown } | { line: number; error: string };

function jsonLines(text: string): Line[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: Line[] = [];
  body.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    try {
      out.push({ line: i + 1, value: JSON.parse(raw) });
    } catch (err) {
      out.push({ line: i + 1, error: `not JSON (${(err as Error).message.slice(0, 120)})` });
    }
  });
  return out;
}

function articleId(v: Record<string, unknown>): string | null {
  if (typeof v.id === 'string' && v.id.trim()) return v.id.trim();
  if (typeof v.id === 'number' && Number.isFinite(v.id)) return String(v.id);
  return null;
}

/**
 * Reads a gold JSONL file: one line per article, `{"id", "events": [GOLD RECORD, …]}`.
 * Every malformed line or record is an error naming `source:line` (and the event's position);
 * articles with an error are left out. A repeated id is a warning (the later line is used).
 */
export function parseGold(
  text: string,
  source: string,
): { articles: GoldArticle[]; problems: EvalProblem[] } {
  const problems: EvalProblem[] = [];
  const byId = new Map<string, GoldArticle>();
  const err = (line: number, message: string) => problems.push({ source, line, severity: 'error', message });
  for (const l of jsonLines(text)) {
    if ('error' in l) {
      err(l.line, l.error);
      continue;
    }
    const v = l.value;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      err(l.line, `expected an article object {"id", "events": […]}, got ${show(v)}`);
      continue;
    }
    const rec = v as Record<string, unknown>;
    const id = articleId(rec);
    if (id === null) {
      err(l.line, `missing or invalid article id ${show(rec.id)}`);
      continue;
    }
    if (!Array.isArray(rec.events)) {
      const hint =
        rec.events === undefined && typeof rec.text === 'string'
          ? ' (this looks like an input article: give article files with --input)'
          : ' (use [] for an article with no event)';
      err(l.line, `article "${id}": "events" must be a list${hint}`);
      continue;
    }
    let ok = true;
    rec.events.forEach((e, i) => {
      for (const m of goldRecordErrors(e)) {
        err(l.line, `article "${id}", event ${i + 1}: ${m}`);
        ok = false;
      }
    });
    if (!ok) continue;
    const prev = byId.get(id);
    if (prev)
      problems.push({
        source,
        line: l.line,
        severity: 'warning',
        message: `article "${id}" is also at ${prev.at}; this line is used`,
      });
    byId.delete(id);
    byId.set(id, { id, events: rec.events as GoldRecord[], at: `${source}:${l.line}` });
  }
  return { articles: [...byId.values()], problems };
}

/** Reads a predictions JSONL file (what `rasd extract` writes): `{"id", "events": […]}` per line. */
export function parsePredictions(
  text: string,
  source: string,
): { predictions: Map<string, ScoredRecord[]>; problems: EvalProblem[] } {
  const problems: EvalProblem[] = [];
  const predictions = new Map<string, ScoredRecord[]>();
  const err = (line: number, message: string) => problems.push({ source, line, severity: 'error', message });
  for (const l of jsonLines(text)) {
    if ('error' in l) {
      err(l.line, l.error);
      continue;
    }
    const rec = (typeof l.value === 'object' && l.value !== null ? l.value : {}) as Record<string, unknown>;
    const id = articleId(rec);
    if (id === null) err(l.line, `missing or invalid article id ${show(rec.id)}`);
    else if (rec.events !== undefined && !Array.isArray(rec.events)) err(l.line, `"events" must be a list`);
    else predictions.set(id, (rec.events as ScoredRecord[] | undefined) ?? []);
  }
  return { predictions, problems };
}

// ---------------------------------------------------------------------------------------------
// Comparing records

/** Great-circle distance in km; Infinity when either record has no coordinates. */
export function distanceKm(
  a: Pick<ScoredRecord, 'lat' | 'lon'>,
  b: Pick<ScoredRecord, 'lat' | 'lon'>,
): number {
  if (
    typeof a.lat !== 'number' ||
    typeof a.lon !== 'number' ||
    typeof b.lat !== 'number' ||
    typeof b.lon !== 'number'
  )
    return Number.POSITIVE_INFINITY;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Radius for matching: by the gold geo_precision (a province-level gold record matches within 150 km). */
export function matchRadiusKm(gold: Pick<ScoredRecord, 'geo_precision'>): number {
  return RADIUS_KM[gold.geo_precision as 1 | 2 | 3] ?? RADIUS_KM[3];
}

/**
 * Dates agree to the precision both give: '2024-01' agrees with '2024-01-28', '2024' with both,
 * '2024-01-27' not with '2024-01-28'. A null gold date agrees with anything; a null predicted date
 * only with a null gold date.
 */
export function datesAgree(gold: string | null | undefined, pred: string | null | undefined): boolean {
  if (gold == null) return true;
  if (pred == null) return false;
  const g = gold.split('-');
  const p = pred.split('-');
  const n = Math.min(g.length, p.length);
  for (let i = 0; i < n; i++) if (g[i] !== p[i]) return false;
  return true;
}

/** Actor names compare case- and punctuation-insensitively: 'U.S.' = 'us'. */
export function actorKey(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Whether one field of a predicted record is right against its gold record. */
export function fieldRight(field: ScoredField, gold: GoldRecord, pred: ScoredRecord): boolean {
  switch (field) {
    case 'place':
      // within 25 km of a precision-1 gold place, within the match radius otherwise
      // (so always right on a matched pair; it counts when fieldRight is used on its own)
      return distanceKm(gold, pred) <= matchRadiusKm(gold);
    case 'actor': {
      if (gold.actor == null || pred.actor == null) return gold.actor == null && pred.actor == null;
      const want = actorKey(pred.actor);
      return [gold.actor, ...(gold.actor_aliases ?? [])].some((a) => actorKey(a) === want);
    }
    case 'date':
      return [gold.date ?? null, ...(gold.date_aliases ?? [])].includes(pred.date ?? null);
    default:
      return (gold[field] ?? null) === (pred[field] ?? null);
  }
}

export interface MatchedPair {
  gold: GoldRecord;
  pred: ScoredRecord;
  distanceKm: number;
  /** the strict fields that are wrong (empty: the pair counts for strict F1) */
  wrong: ScoredField[];
  right: ScoredField[];
}

export interface ArticleMatch {
  pairs: MatchedPair[];
  missed: GoldRecord[];
  spurious: ScoredRecord[];
}

/**
 * One-to-one matching of one article's records, best first: of all (gold, predicted) pairs whose
 * places are within the gold radius and whose dates agree, the pair with the most right fields is
 * taken first, then the closest; ties go to the earlier gold, then the earlier predicted record.
 */
export function matchArticle(gold: readonly GoldRecord[], pred: readonly ScoredRecord[]): ArticleMatch {
  const cand: { gi: number; pi: number; d: number; right: ScoredField[] }[] = [];
  gold.forEach((g, gi) => {
    pred.forEach((p, pi) => {
      const d = distanceKm(g, p);
      if (!(d <= matchRadiusKm(g)) || !datesAgree(g.date, p.date)) return;
      cand.push({ gi, pi, d, right: SCORED_FIELDS.filter((f) => fieldRight(f, g, p)) });
    });
  });
  cand.sort((a, b) => b.right.length - a.right.length || a.d - b.d || a.gi - b.gi || a.pi - b.pi);
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  const pairs: (MatchedPair & { gi: number })[] = [];
  for (const c of cand) {
    if (usedG.has(c.gi) || usedP.has(c.pi)) continue;
    usedG.add(c.gi);
    usedP.add(c.pi);
    const wrong = STRICT_FIELDS.filter((f) => !c.right.includes(f));
    pairs.push({ gi: c.gi, gold: gold[c.gi], pred: pred[c.pi], distanceKm: c.d, wrong, right: c.right });
  }
  return {
    pairs: pairs.map(({ gi: _, ...p }) => p),
    missed: gold.filter((_, i) => !usedG.has(i)),
    spurious: pred.filter((_, i) => !usedP.has(i)),
  };
}

// ---------------------------------------------------------------------------------------------
// Scores

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 of `tp` hits among `nPred` predictions of `nGold` gold items (nothing to find and nothing found: 1). */
export function prf(tp: number, nPred: number, nGold: number): Prf {
  const precision = nPred ? tp / nPred : nGold ? 0 : 1;
  const recall = nGold ? tp / nGold : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

export interface ArticleScore extends ArticleMatch {
  id: string;
}

export interface Score {
  articles: number;
  gold: number;
  predicted: number;
  matched: number;
  events: Prf;
  strict: Prf;
  /** share of matched pairs with the field right (null when nothing matched) */
  fields: Record<ScoredField, number | null>;
  /** pairwise, over matched records of different articles; null when gold has no such pair */
  incidents: (Prf & { goldPairs: number }) | null;
  details: ArticleScore[];
}

/** Scores the articles of a gold set against predictions by article id (a missing article predicted nothing). */
export function scoreArticles(
  gold: readonly GoldArticle[],
  predictions: ReadonlyMap<string, readonly ScoredRecord[]>,
): Score {
  let nGold = 0;
  let nPred = 0;
  let nStrict = 0;
  const right = Object.fromEntries(SCORED_FIELDS.map((f) => [f, 0])) as Record<ScoredField, number>;
  const details: ArticleScore[] = [];
  const matched: { doc: string; gold: GoldRecord; pred: ScoredRecord }[] = [];
  for (const a of gold) {
    const pred = predictions.get(a.id) ?? [];
    nGold += a.events.length;
    nPred += pred.length;
    const m = matchArticle(a.events, pred);
    for (const p of m.pairs) {
      for (const f of p.right) right[f]++;
      if (p.wrong.length === 0) nStrict++;
      matched.push({ doc: a.id, gold: p.gold, pred: p.pred });
    }
    details.push({ id: a.id, ...m });
  }
  const nMatch = matched.length;
  let tp = 0;
  let goldPairs = 0;
  let predPairs = 0;
  for (let i = 0; i < matched.length; i++)
    for (let j = i + 1; j < matched.length; j++) {
      const a = matched[i];
      const b = matched[j];
      if (a.doc === b.doc) continue;
      const g = a.gold.incident != null && a.gold.incident === b.gold.incident;
      const p = a.pred.incident != null && a.pred.incident === b.pred.incident;
      if (g) goldPairs++;
      if (p) predPairs++;
      if (g && p) tp++;
    }
  return {
    articles: gold.length,
    gold: nGold,
    predicted: nPred,
    matched: nMatch,
    events: prf(nMatch, nPred, nGold),
    strict: prf(nStrict, nPred, nGold),
    fields: Object.fromEntries(SCORED_FIELDS.map((f) => [f, nMatch ? right[f] / nMatch : null])) as Record<
      ScoredField,
      number | null
    >,
    incidents: goldPairs ? { ...prf(tp, predPairs, goldPairs), goldPairs } : null,
    details,
  };
}

export interface GoldSet {
  /** short name for the report: the file name without '.gold.jsonl' */
  name: string;
  articles: GoldArticle[];
}

export interface EvalReport {
  total: Score;
  sets: { name: string; score: Score }[];
  warnings: string[];
}

/** 'dev/real2.gold.jsonl' → 'real2' */
export function goldSetName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/(\.gold)?\.jsonl?$/i, '') || base;
}

/**
 * Scores every gold set alone and all together (an article id in several sets counts once, from the
 * last set). Warns about gold articles with no prediction at all (not in the input).
 */
export function evaluate(
  sets: readonly GoldSet[],
  predictions: ReadonlyMap<string, readonly ScoredRecord[]>,
): EvalReport {
  const all = new Map<string, GoldArticle>();
  const warnings: string[] = [];
  for (const s of sets)
    for (const a of s.articles) {
      const prev = all.get(a.id);
      if (prev) warnings.push(`article "${a.id}" at ${a.at} is also at ${prev.at}; the total uses ${a.at}`);
      all.delete(a.id);
      all.set(a.id, a);
    }
  for (const a of all.values())
    if (!predictions.has(a.id))
      warnings.push(
        `gold article "${a.id}" (${a.at}) is not in the input: its ${a.events.length} events count as missed`,
      );
  return {
    total: scoreArticles([...all.values()], predictions),
    sets: sets.map((s) => ({ name: s.name, score: scoreArticles(s.articles, predictions) })),
    warnings,
  };
}

// ---------------------------------------------------------------------------------------------
// Reports

const pct = (x: number | null | undefined): string =>
  x == null ? '  n/a' : (100 * x).toFixed(1).padStart(5);

/** MISSED / SPURIOUS lines per article, then a WRONG line per matched pair with a wrong strict field. */
export function verboseLines(score: Score): string[] {
  const lines: string[] = [];
  for (const d of score.details) {
    for (const g of d.missed) lines.push(`${d.id} MISSED  ${g.date} ${g.place} ${g.type} :: ${g.evidence}`);
    for (const p of d.spurious)
      lines.push(`${d.id} SPURIOUS ${p.date} ${p.place} ${p.type} :: ${p.evidence}`);
  }
  for (const d of score.details)
    for (const p of d.pairs) {
      if (!p.wrong.length) continue;
      const pick = (r: ScoredRecord) => JSON.stringify(Object.fromEntries(p.wrong.map((f) => [f, r[f]])));
      lines.push(`${d.id} WRONG ${p.wrong.join(',')} gold=${pick(p.gold)} pred=${pick(p.pred)}`);
    }
  return lines;
}

/** The text report: the total (as score.mjs prints it), then one line per gold set. */
export function formatReport(report: EvalReport, opts: { verbose?: boolean } = {}): string {
  const t = report.total;
  const lines = opts.verbose ? verboseLines(t) : [];
  const inc = t.incidents;
  lines.push(
    `articles ${t.articles}  gold events ${t.gold}  predicted ${t.predicted}  matched ${t.matched}`,
    `events    P ${pct(t.events.precision)}  R ${pct(t.events.recall)}  F1 ${pct(t.events.f1)}`,
    `strict    P ${pct(t.strict.precision)}  R ${pct(t.strict.recall)}  F1 ${pct(t.strict.f1)}`,
    `fields   ${SCORED_FIELDS.map((f) => `${f} ${pct(t.fields[f])}`).join('  ')}`,
    `incidents ${inc ? `P ${pct(inc.precision)}  R ${pct(inc.recall)}  F1 ${pct(inc.f1)}  (${inc.goldPairs} gold pairs)` : 'n/a (no incident reported by two articles)'}`,
    `strict F1 ${pct(t.strict.f1)}`,
  );
  const width = Math.max(0, ...report.sets.map((s) => s.name.length));
  for (const s of report.sets)
    lines.push(
      `  ${s.name.padEnd(width)}   event F1 ${pct(s.score.events.f1).trim()}  strict F1 ${pct(s.score.strict.f1).trim()}  (${s.score.articles} articles)`,
    );
  return lines.join('\n') + '\n';
}

/** The machine-readable report: totals, per-set scores and warnings (no per-article details). */
export function reportJson(report: EvalReport): object {
  const plain = ({ details: _, ...s }: Score) => s;
  return {
    ...plain(report.total),
    sets: report.sets.map((s) => ({ name: s.name, ...plain(s.score) })),
    warnings: report.warnings,
  };
}
