import { basename } from 'node:path';
import {
  type Article,
  type InputProblem,
  MAX_ARTICLE_CHARS,
  MAX_ID_CHARS,
  type ReadResult,
  type Severity,
} from './types.js';

/** Where an article or problem came from. */
export interface Loc {
  source: string;
  line?: number;
  item?: number;
}

/** An article with the place it was read from (internal; used to point problems at lines). */
export interface Entry {
  article: Article;
  loc: Loc;
}

export function problem(loc: Loc, severity: Severity, message: string): InputProblem {
  return {
    source: loc.source,
    ...(loc.line !== undefined ? { line: loc.line } : {}),
    ...(loc.item !== undefined ? { item: loc.item } : {}),
    severity,
    message,
  };
}

/** 'a.jsonl:7: error: invalid JSON: …' */
export function formatProblem(p: InputProblem): string {
  const where = p.line !== undefined ? `:${p.line}` : p.item !== undefined ? `[${p.item}]` : '';
  return `${p.source}${where}: ${p.severity}: ${p.message}`;
}

const DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Validate a publication date. Accepts ISO dates and timestamps ('2021-12-19', '2021-12-19T14:05:00+03:00',
 * '2021-12-19 14:05') and returns the date part as given (no time-zone conversion).
 * Missing (undefined, null, '') → { date: null, valid: true }; anything else unusable → { date: null, valid: false }.
 */
export function parsePublishedDate(value: unknown): { date: string | null; valid: boolean } {
  if (value === undefined || value === null) return { date: null, valid: true };
  if (typeof value !== 'string') return { date: null, valid: false };
  const s = value.trim();
  if (s === '') return { date: null, valid: true };
  const m = DATE_RE.exec(s);
  if (!m) return { date: null, valid: false };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return { date: null, valid: false };
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59)) return { date: null, valid: false };
  if (m[6] !== undefined && Number(m[6]) > 60) return { date: null, valid: false };
  return { date: `${m[1]}-${m[2]}-${m[3]}`, valid: true };
}

/**
 * The URL when it is an absolute http(s) URL, else null: an article's link is shown as a link
 * (dashboard, API, GeoJSON), so `javascript:`, `data:`, `file:` and the like are never kept.
 */
export function webUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The scheme of a URL that webUrl refuses, for a message ('javascript:'), or a hint that it is no URL. */
function schemeOf(url: string): string {
  const m = /^([a-z][a-z0-9+.-]{0,30}:)/i.exec(url.trim());
  return m ? `"${m[1].toLowerCase()}"` : 'none (not an absolute URL)';
}

const ARABIC_LETTER = /(?=\p{L})\p{Script=Arabic}/u;

export function hasArabicLetters(text: string): boolean {
  return ARABIC_LETTER.test(text);
}

/** Cut text to MAX_ARTICLE_CHARS, preferring a whitespace boundary and never splitting a surrogate pair. */
export function truncateText(text: string, max = MAX_ARTICLE_CHARS): string {
  if (text.length <= max) return text;
  const start = Math.max(0, max - 1000);
  for (let i = max; i > start; i--) if (/\s/.test(text[i])) return text.slice(0, i);
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Build an article, enforcing MAX_ARTICLE_CHARS and noting text without Arabic letters. */
export function buildEntry(article: Article, loc: Loc): { entry: Entry; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  if (article.text.length > MAX_ARTICLE_CHARS) {
    const original = article.text.length;
    article.text = truncateText(article.text);
    problems.push(
      problem(
        loc,
        'warning',
        `article "${article.id}" text is ${original.toLocaleString('en')} characters; truncated to ` +
          `${article.text.length.toLocaleString('en')} (limit ${MAX_ARTICLE_CHARS.toLocaleString('en')})`,
      ),
    );
  }
  if (!hasArabicLetters(article.text)) {
    problems.push(
      problem(loc, 'note', `no Arabic text in article "${article.id}" (nothing will be extracted)`),
    );
  }
  return { entry: { article, loc }, problems };
}

/**
 * Make an article from plain text. The text is kept as is (offsets of extracted evidence refer to it),
 * except that it is cut to MAX_ARTICLE_CHARS.
 */
export function articleFromText(
  text: string,
  opts: {
    id: string;
    published: string | null;
    url?: string | null;
    title?: string | null;
    outlet?: string | null;
  },
): Article {
  return {
    id: opts.id,
    published: parsePublishedDate(opts.published).date,
    text: truncateText(text),
    url: opts.url ?? null,
    title: opts.title ?? null,
    outlet: opts.outlet ?? null,
  };
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function quote(v: unknown): string {
  let s: string;
  try {
    s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

const TEXT_KEYS = ['text', 'body', 'content'] as const;

/**
 * Turn one parsed JSON value into an article. `derivedId` is used when the record has no usable id.
 * Returns no entry (and an error) when the record has no text.
 */
export function recordToEntry(
  value: unknown,
  loc: Loc,
  derivedId: string,
): { entry: Entry | null; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(problem(loc, 'error', `expected a JSON object, got ${typeName(value)}; skipped`));
    return { entry: null, problems };
  }
  const rec = value as Record<string, unknown>;

  let id = derivedId;
  if (rec.id !== undefined && rec.id !== null) {
    if (typeof rec.id === 'string' && rec.id.trim() !== '') id = rec.id.trim();
    else if (typeof rec.id === 'number' && Number.isFinite(rec.id)) id = String(rec.id);
    else problems.push(problem(loc, 'warning', `invalid id ${quote(rec.id)}; using "${derivedId}"`));
    if (id.length > MAX_ID_CHARS) {
      problems.push(
        problem(
          loc,
          'warning',
          `id of ${id.length} characters (at most ${MAX_ID_CHARS}); using "${derivedId}"`,
        ),
      );
      id = derivedId;
    }
  }

  let text: string | null = null;
  for (const k of TEXT_KEYS) {
    const v = rec[k];
    if (typeof v === 'string' && v.trim() !== '') {
      text = v;
      break;
    }
  }
  if (text === null) {
    const present = TEXT_KEYS.filter((k) => rec[k] !== undefined && rec[k] !== null);
    const wrong = present.find((k) => typeof rec[k] !== 'string');
    const msg = wrong
      ? `field "${wrong}" must be a string, got ${typeName(rec[wrong])}`
      : present.length > 0
        ? `empty text`
        : `missing text (expected a non-empty string in "text", "body" or "content")`;
    problems.push(problem(loc, 'error', `${msg}; record "${id}" skipped`));
    return { entry: null, problems };
  }

  const rawDate = rec.published ?? rec.date;
  const dateKey = rec.published !== undefined && rec.published !== null ? 'published' : 'date';
  const { date, valid } = parsePublishedDate(rawDate);
  if (!valid) {
    problems.push(
      problem(
        loc,
        'warning',
        `invalid published date ${quote(rawDate)} (field "${dateKey}"); treated as unknown`,
      ),
    );
  }

  const optional = (key: 'url' | 'title' | 'outlet'): string | null => {
    const v = rec[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') {
      problems.push(problem(loc, 'warning', `field "${key}" ignored: expected a string, got ${typeName(v)}`));
      return null;
    }
    return v.trim() || null;
  };

  let url = optional('url');
  if (url && !webUrl(url)) {
    problems.push(
      problem(
        loc,
        'warning',
        `url dropped: only http(s) links are kept (scheme ${schemeOf(url)}); article kept`,
      ),
    );
    url = null;
  }
  const article: Article = {
    id,
    published: date,
    text,
    url,
    title: optional('title'),
    outlet: optional('outlet'),
  };
  const built = buildEntry(article, loc);
  problems.push(...built.problems);
  return { entry: built.entry, problems };
}

function sourceName(source: string): string {
  return source === '-' ? 'stdin' : basename(source);
}

function jsonErrorMessage(err: unknown): string {
  // One line per problem: show line breaks from V8's source snippet as \n.
  const msg = (err instanceof Error ? err.message : String(err))
    .replace(/\r?\n/g, '\\n')
    // control characters from a damaged line would garble the terminal
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return msg.length > 300 ? `${msg.slice(0, 297)}…` : msg;
}

/** Offset of a JSON.parse error: 'at position N', or V8's 'Unexpected token 'x', ..."snippet"... is not valid JSON'. */
function errorPosition(err: unknown, text: string): number | undefined {
  const msg = err instanceof Error ? err.message : '';
  const m = /position (\d+)/.exec(msg);
  if (m) return Math.min(Number(m[1]), text.length);
  const u = /^Unexpected token '(.+?)', (\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON$/.exec(msg);
  if (!u) return undefined;
  const [, token, leading, snippet] = u;
  const at = text.indexOf(snippet);
  if (at < 0) return undefined;
  return at + (leading ? Math.min(10, snippet.length) : Math.max(0, snippet.lastIndexOf(token)));
}

/** Line number (1-based) of a JSON.parse error. */
function errorLine(err: unknown, text: string): number | undefined {
  const pos = errorPosition(err, text);
  if (pos === undefined) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function parseJsonlEntries(
  text: string,
  source: string,
  maxLineBytes = Number.POSITIVE_INFINITY,
): { entries: Entry[]; problems: InputProblem[] } {
  const entries: Entry[] = [];
  const problems: InputProblem[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split('\n');
  let seenFirst = false;
  for (let i = 0; i < lines.length; i++) {
    const lineText = lines[i].trim();
    if (lineText === '') continue;
    if (lineText.length * 3 > maxLineBytes && Buffer.byteLength(lineText) > maxLineBytes) {
      seenFirst = true;
      problems.push(lineTooLarge({ source, line: i + 1 }, Buffer.byteLength(lineText), maxLineBytes));
      continue;
    }
    if (!seenFirst && !/^[[{]/.test(lineText)) seenFirst = true;
    if (!seenFirst) {
      // A pretty-printed JSON document in a .jsonl file: read it as JSON rather than failing every line.
      const first = tryParse(lineText);
      if (!first.ok) {
        const whole = tryParse(body);
        if (whole.ok) {
          problems.push(problem({ source }, 'note', 'file is a JSON document, not JSON Lines; read as JSON'));
          const res = jsonValueEntries(whole.value, source);
          return { entries: res.entries, problems: [...problems, ...res.problems] };
        }
      }
    }
    seenFirst = true;
    const res = parseJsonlLine(lineText, source, i + 1);
    if (res.entry) entries.push(res.entry);
    problems.push(...res.problems);
  }
  return { entries, problems };
}

/** A JSON Lines record longer than the limit (skipped without being parsed). */
export function lineTooLarge(loc: Loc, bytes: number, limit: number): InputProblem {
  return problem(
    loc,
    'error',
    `record too large: ${bytes.toLocaleString('en')} bytes exceeds the limit of ${limit.toLocaleString('en')} bytes; line skipped`,
  );
}

/** One non-empty, trimmed line of a JSON Lines file (line numbers from 1). */
export function parseJsonlLine(
  lineText: string,
  source: string,
  line: number,
): { entry?: Entry; problems: InputProblem[] } {
  const loc: Loc = { source, line };
  let value: unknown;
  try {
    value = JSON.parse(lineText);
  } catch (err) {
    return { problems: [problem(loc, 'error', `invalid JSON: ${jsonErrorMessage(err)}; line skipped`)] };
  }
  const res = recordToEntry(value, loc, `${sourceName(source)}:${line}`);
  return { entry: res.entry ?? undefined, problems: res.problems };
}

/** Whether the first record of a JSON Lines file is a pretty-printed JSON document instead. */
export function looksLikeJsonDocument(firstLine: string): boolean {
  return /^[[{]/.test(firstLine) && !tryParse(firstLine).ok;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Entries from a parsed JSON document: an array of records, {articles: [...]}, or one record. */
function jsonValueEntries(value: unknown, source: string): { entries: Entry[]; problems: InputProblem[] } {
  const entries: Entry[] = [];
  const problems: InputProblem[] = [];
  const wrapped =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Array.isArray((value as Record<string, unknown>).articles) &&
    !TEXT_KEYS.some((k) => k in (value as Record<string, unknown>));
  const items = Array.isArray(value)
    ? value
    : wrapped
      ? ((value as Record<string, unknown>).articles as unknown[])
      : null;
  if (items === null) {
    const res = recordToEntry(value, { source }, sourceName(source));
    if (res.entry) entries.push(res.entry);
    problems.push(...res.problems);
    return { entries, problems };
  }
  items.forEach((item, i) => {
    const res = recordToEntry(item, { source, item: i + 1 }, `${sourceName(source)}[${i + 1}]`);
    if (res.entry) entries.push(res.entry);
    problems.push(...res.problems);
  });
  return { entries, problems };
}

export function parseJsonFileEntries(
  text: string,
  source: string,
): { entries: Entry[]; problems: InputProblem[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = tryParse(body);
  if (parsed.ok) return jsonValueEntries(parsed.value, source);
  const trimmed = body.trimStart();
  // JSON Lines saved as .json: the first line is a complete object on its own.
  const firstLine = trimmed.split('\n', 1)[0].trim();
  if (firstLine.startsWith('{') && tryParse(firstLine).ok) return parseJsonlEntries(body, source);
  if (!/^[[{]/.test(trimmed)) {
    return {
      entries: [],
      problems: [problem({ source }, 'error', 'not JSON: expected an array or an object')],
    };
  }
  const line = errorLine(parsed.error, body);
  const loc: Loc = line !== undefined ? { source, line } : { source };
  return {
    entries: [],
    problems: [problem(loc, 'error', `invalid JSON: ${jsonErrorMessage(parsed.error)}; file skipped`)],
  };
}

/** Gives later duplicates of an id the suffix '#2', '#3', … and reports each rename. */
export class IdRegistry {
  private readonly seen = new Map<string, Loc>();
  private readonly counts = new Map<string, number>();

  claim(entry: Entry): InputProblem | null {
    const id = entry.article.id;
    const first = this.seen.get(id);
    if (!first) {
      this.seen.set(id, entry.loc);
      return null;
    }
    let n = this.counts.get(id) ?? 1;
    let renamed: string;
    do {
      n++;
      renamed = `${id}#${n}`;
    } while (this.seen.has(renamed));
    this.counts.set(id, n);
    this.seen.set(renamed, entry.loc);
    entry.article.id = renamed;
    const where =
      first.line !== undefined ? `:${first.line}` : first.item !== undefined ? `[${first.item}]` : '';
    return problem(
      entry.loc,
      'warning',
      `duplicate id "${id}" (first seen in ${first.source}${where}); renamed to "${renamed}"`,
    );
  }
}

function finish(res: { entries: Entry[]; problems: InputProblem[] }): ReadResult {
  const registry = new IdRegistry();
  const problems = [...res.problems];
  for (const e of res.entries) {
    const p = registry.claim(e);
    if (p) problems.push(p);
  }
  return { articles: res.entries.map((e) => e.article), problems };
}

/**
 * Parse JSON Lines: one object per line, blank lines skipped. A broken line gives an error naming the
 * line and the other lines are still read. Each object needs a non-empty string `text` (or `body`/`content`);
 * `id` may be a string or number (default: '<source name>:<line>'); `published` (or `date`) must be an ISO
 * date or timestamp, otherwise it is reported and treated as unknown. Duplicate ids get '#2', '#3', ….
 */
export function parseJsonl(text: string, source: string): ReadResult {
  return finish(parseJsonlEntries(text, source));
}

/** Parse a .json file: an array of article objects, an object {articles: [...]}, a single article, or JSON Lines. */
export function parseJsonFile(text: string, source: string): ReadResult {
  return finish(parseJsonFileEntries(text, source));
}
