import { isUtf8 } from 'node:buffer';
import { createReadStream, type Stats } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { decodeBytes, sniffUtf16 } from './decode.js';
import { estimatePublished } from './estimate.js';
import type { extractPage } from './page.js';
import {
  buildEntry,
  type Entry,
  IdRegistry,
  type Loc,
  lineTooLarge,
  looksLikeJsonDocument,
  parseJsonFileEntries,
  parseJsonlEntries,
  parseJsonlLine,
  parsePublishedDate,
  problem,
} from './records.js';
import { type Article, DEFAULT_MAX_BYTES, type InputProblem, type ReadResult } from './types.js';

export const SUPPORTED_EXTENSIONS = ['.jsonl', '.jsonl.gz', '.json', '.txt', '.html', '.htm'] as const;

/** The file type of a path: its extension, or .jsonl.gz. */
function fileType(path: string): string {
  const lower = path.toLowerCase();
  return lower.endsWith('.jsonl.gz') ? '.jsonl.gz' : extname(lower);
}

/** JSON Lines are read as a stream; a file this small is read whole (and decoded as any file is). */
const HEAD_BYTES = 4 * 1024 * 1024;
/** Parsed records handed on at a time when reading a stream. */
const FLUSH_EVERY = 64;
/** Text read ahead of a stream's consumer, at most (in UTF-16 code units: 64 MB). */
const AHEAD_CHARS = 32 * 1024 * 1024;

export interface ReadOptions {
  /** Publication date for .txt files and for HTML pages without date metadata ('YYYY-MM-DD…'). */
  published?: string | null;
  /**
   * Files larger than this are skipped with an error (default 50 MB). JSON Lines (files, .jsonl.gz,
   * standard input) are read as a stream of any size: the limit is then per record (line).
   */
  maxBytes?: number;
  /** Problems as they are found (else they are collected in the result). */
  onProblem?: (p: InputProblem) => void;
  /** Where '-' reads from (default process.stdin); lets tests and callers supply their own stream. */
  stdin?: AsyncIterable<Uint8Array | string>;
  /**
   * Articles still without a publication date get one estimated from their text (estimatePublished),
   * marked `published_estimated: true`, with a note. Default false.
   */
  estimatePublished?: boolean;
}

/** Signatures of common binary formats, checked on the raw bytes. */
const MAGIC: [string, number[]][] = [
  ['zip archive', [0x50, 0x4b, 0x03, 0x04]],
  ['zip archive', [0x50, 0x4b, 0x05, 0x06]],
  ['gzip archive', [0x1f, 0x8b]],
  ['PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['7-zip archive', [0x37, 0x7a, 0xbc, 0xaf]],
  ['xz archive', [0xfd, 0x37, 0x7a, 0x58, 0x5a]],
  ['RAR archive', [0x52, 0x61, 0x72, 0x21]],
  ['Office document', [0xd0, 0xcf, 0x11, 0xe0]],
  ['executable', [0x7f, 0x45, 0x4c, 0x46]],
];

function binaryKind(buf: Uint8Array): string | null {
  for (const [kind, sig] of MAGIC) {
    if (buf.length >= sig.length && sig.every((b, i) => buf[i] === b)) return kind;
  }
  return null;
}

/** Why decoded text is not text: NULs or many control characters in the first 8 KB. */
function binaryText(text: string): string | null {
  const head = text.slice(0, 8192);
  // a stray NUL (a damaged line in a JSONL file) is the line's problem; many NULs make a binary file
  const nul = head.split('\0').length - 1;
  if (nul > 0 && nul > head.length / 200) return 'contains NUL bytes';
  const controls = head.match(/[\x01-\x08\x0e-\x1f\x7f]/g)?.length ?? 0;
  return controls >= 8 && controls > head.length * 0.05 ? 'contains control characters' : null;
}

/** Why these bytes are not a text document (a binary signature, NULs, control characters), or null. */
export function notTextReason(buf: Uint8Array, decoded?: string): string | null {
  const kind = binaryKind(buf);
  if (kind) return `not a text file (${kind})`;
  if (decoded === undefined) return null;
  const why = binaryText(decoded);
  return why ? `not a text file (${why})` : null;
}

function formatBytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${n.toLocaleString('en')} bytes (${v.toFixed(1)} ${units[u]})`;
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err
    ? String((err as { code: unknown }).code)
    : undefined;
}

function readError(err: unknown): string {
  const code = errorCode(err);
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot read: permission denied';
  if (code === 'EISDIR') return 'cannot read: is a directory';
  return `cannot read: ${err instanceof Error ? err.message : String(err)}`;
}

class Reader {
  readonly entries: Entry[] = [];
  readonly problems: InputProblem[] = [];
  private readonly ids = new IdRegistry();
  private readonly seenFiles = new Set<string>();
  private readonly seenDirs = new Set<string>();
  private readonly published: string | null;
  private readonly maxBytes: number;

  constructor(
    private readonly opts: ReadOptions,
    private readonly onArticles?: (articles: Article[]) => Promise<void> | void,
  ) {
    const p = parsePublishedDate(opts.published);
    if (!p.valid) {
      this.note(
        problem(
          { source: 'options' },
          'error',
          `invalid published date "${opts.published}"; treated as unknown`,
        ),
      );
    }
    this.published = p.date;
    this.maxBytes =
      typeof opts.maxBytes === 'number' && opts.maxBytes > 0 && Number.isFinite(opts.maxBytes)
        ? opts.maxBytes
        : DEFAULT_MAX_BYTES;
  }

  private note(p: InputProblem): void {
    if (this.opts.onProblem) this.opts.onProblem(p);
    else this.problems.push(p);
  }

  /** Hands the entries read so far to `onArticles` (when streaming). */
  async flush(): Promise<void> {
    if (!this.onArticles || !this.entries.length) return;
    const batch = this.entries.splice(0).map((e) => e.article);
    await this.onArticles(batch);
  }

  private add(res: { entries: Entry[]; problems: InputProblem[] }): void {
    for (const p of res.problems) this.note(p);
    for (const e of res.entries) {
      if (this.opts.estimatePublished && !e.article.published) {
        const est = estimatePublished(e.article.text);
        if (est) {
          e.article.published = est.date;
          e.article.published_estimated = true;
          this.note(
            problem(
              e.loc,
              'note',
              `no publication date for "${e.article.id}"; estimated ${est.date} from ${est.basis}`,
            ),
          );
        }
      }
      this.entries.push(e);
      const p = this.ids.claim(e);
      if (p) this.note(p);
    }
  }

  private report(source: string, severity: InputProblem['severity'], message: string): void {
    this.note(problem({ source }, severity, message));
  }

  async readPath(path: string): Promise<void> {
    if (path === '-') {
      await this.readStdin();
      return;
    }
    let st: Stats;
    try {
      st = await stat(path);
    } catch (err) {
      this.report(path, 'error', readError(err));
      return;
    }
    if (st.isDirectory()) {
      const files: string[] = [];
      await this.walk(path, files);
      if (files.length === 0) {
        this.report(path, 'warning', `no ${SUPPORTED_EXTENSIONS.join(' ')} files in folder`);
      }
      for (const f of files) await this.readFile(f, false);
      return;
    }
    if (!st.isFile()) {
      this.report(path, 'error', 'not a regular file or folder; skipped');
      return;
    }
    await this.readFile(path, true, st);
  }

  private async walk(dir: string, out: string[]): Promise<void> {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (err) {
      this.report(dir, 'error', readError(err));
      return;
    }
    if (this.seenDirs.has(real)) return; // symlink loop or folder given twice
    this.seenDirs.add(real);
    let names: string[];
    try {
      names = (await readdir(dir)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    } catch (err) {
      this.report(dir, 'error', readError(err));
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue; // hidden files and folders (.git, .DS_Store)
      const full = join(dir, name);
      let st: Stats;
      try {
        st = await stat(full);
      } catch {
        continue; // dangling symlink
      }
      if (st.isDirectory()) await this.walk(full, out);
      else if (st.isFile() && (SUPPORTED_EXTENSIONS as readonly string[]).includes(fileType(name))) {
        out.push(full);
      }
    }
  }

  private async readFile(path: string, explicit: boolean, known?: Stats): Promise<void> {
    const ext = fileType(path);
    if (!(SUPPORTED_EXTENSIONS as readonly string[]).includes(ext)) {
      this.report(
        path,
        'error',
        `skipped: unsupported file type "${ext || '(none)'}" (expected ${SUPPORTED_EXTENSIONS.join(' ')})`,
      );
      return;
    }
    try {
      const real = await realpath(path);
      if (this.seenFiles.has(real)) {
        if (explicit) this.report(path, 'note', 'already read; skipped');
        return;
      }
      this.seenFiles.add(real);
      if (ext === '.jsonl' || ext === '.jsonl.gz') {
        const file = createReadStream(path);
        const input = ext === '.jsonl.gz' ? file.pipe(createGunzip()) : file;
        file.on('error', (err) => input.destroy(err));
        try {
          await this.readJsonl(input, path);
        } finally {
          file.destroy();
          input.destroy();
        }
        return;
      }
      const st = known ?? (await stat(path));
      if (st.size > this.maxBytes) {
        this.report(
          path,
          'error',
          `file too large: ${formatBytes(st.size)} exceeds the limit of ${formatBytes(this.maxBytes)}; skipped`,
        );
        return;
      }
      const buf = await readFile(path);
      if (buf.length > this.maxBytes) {
        this.report(
          path,
          'error',
          `file too large: ${formatBytes(buf.length)} exceeds the limit of ${formatBytes(this.maxBytes)}; skipped`,
        );
        return;
      }
      // the HTML reader (cheerio, Readability, linkedom: ~0.5 s to load) only for a page
      const page = ext === '.html' || ext === '.htm' ? (await import('./page.js')).extractPage : null;
      this.readBytes(buf, path, ext, page);
    } catch (err) {
      this.report(path, 'error', readError(err));
    }
  }

  private readBytes(
    buf: Uint8Array,
    source: string,
    ext: string,
    extractHtml: typeof extractPage | null = null,
  ): void {
    if (buf.length === 0) {
      this.report(source, 'warning', 'empty file');
      return;
    }
    const kind = binaryKind(buf);
    if (kind) {
      this.report(source, 'error', `not a text file (${kind}); skipped`);
      return;
    }
    const decoded = decodeBytes(buf);
    const why = binaryText(decoded.text);
    if (why) {
      this.report(source, 'error', `not a text file (${why}); skipped`);
      return;
    }
    if (decoded.invalidSequences) {
      this.report(
        source,
        'warning',
        `${decoded.invalidSequences} invalid UTF-8 byte sequence(s) replaced with U+FFFD`,
      );
    }
    const text = decoded.text;
    if (text.trim() === '') {
      this.report(source, 'warning', 'empty file');
      return;
    }

    if (ext === '.jsonl') {
      this.add(parseJsonlEntries(text, source, this.maxBytes));
      return;
    }
    if (ext === '.json') {
      this.add(parseJsonFileEntries(text, source));
      return;
    }

    const id = basename(source, extname(source));
    const loc: Loc = { source };
    let article: Article;
    if (ext === '.txt') {
      article = { id, published: this.published, text, url: null, title: null, outlet: null };
    } else {
      if (!extractHtml) throw new Error(`${source}: the HTML reader was not loaded`);
      const page = extractHtml(text);
      for (const w of page.warnings) this.report(source, 'warning', w);
      if (page.text === '') {
        this.report(source, 'warning', 'no article text found in the page; skipped');
        return;
      }
      article = {
        id,
        published: page.published ?? this.published,
        text: page.text,
        url: page.url,
        title: page.title,
        outlet: page.outlet,
      };
    }
    const built = buildEntry(article, loc);
    this.add({ entries: [built.entry], problems: built.problems });
  }

  private async readStdin(): Promise<void> {
    const source = 'stdin';
    const stream = this.opts.stdin ?? process.stdin;
    if (!this.opts.stdin && process.stdin.isTTY) {
      this.report(source, 'error', 'standard input is a terminal; pipe JSON Lines into it');
      return;
    }
    try {
      await this.readJsonl(stream, source);
    } catch (err) {
      this.report(source, 'error', readError(err));
    }
  }

  /**
   * JSON Lines from a stream: a small input (up to HEAD_BYTES) is read whole, as any file is; a
   * larger one record by record, as UTF-8 (its first megabytes must be: a file in another encoding,
   * or one JSON document, is read whole under the size limit), each record handed on as it is read.
   */
  private async readJsonl(stream: AsyncIterable<Uint8Array | string>, source: string): Promise<void> {
    const it = stream[Symbol.asyncIterator]();
    const next = async (): Promise<Buffer | null> => {
      const r = await it.next();
      if (r.done) return null;
      return typeof r.value === 'string' ? Buffer.from(r.value, 'utf8') : Buffer.from(r.value);
    };
    const headChunks: Buffer[] = [];
    let headSize = 0;
    let ended = false;
    while (headSize < HEAD_BYTES) {
      const c = await next();
      if (!c) {
        ended = true;
        break;
      }
      headChunks.push(c);
      headSize += c.length;
    }
    const head: Buffer = Buffer.concat(headChunks);
    const whole = async (): Promise<void> => {
      // the rest too, under the file size limit
      const chunks: Buffer[] = [head];
      let total = head.length;
      for (let c = await next(); c; c = await next()) {
        total += c.length;
        if (total > this.maxBytes) {
          this.report(
            source,
            'error',
            `file too large: over the limit of ${formatBytes(this.maxBytes)} (not UTF-8 JSON Lines, read whole); skipped`,
          );
          return;
        }
        chunks.push(c);
      }
      this.readBytes(Buffer.concat(chunks), source, '.jsonl');
    };
    if (ended) {
      this.readBytes(head, source, '.jsonl');
      return;
    }
    const kind = binaryKind(head);
    if (kind) {
      this.report(source, 'error', `not a text file (${kind}); skipped`);
      return;
    }
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    const lastNl = head.lastIndexOf(10);
    const complete = head.subarray(bom, lastNl > 0 ? lastNl : head.length);
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || sniffUtf16(head))
      return whole();
    if (!isUtf8(complete)) return whole();
    const headText = complete.toString('utf8');
    const why = binaryText(headText);
    if (why) {
      this.report(source, 'error', `not a text file (${why}); skipped`);
      return;
    }
    const firstLine = headText.split('\n').find((l) => l.trim() !== '');
    if (firstLine !== undefined && looksLikeJsonDocument(firstLine.trim())) return whole();

    let invalid = 0;
    let lineNo = 0;
    let parsed = 0;
    const line = async (bytes: Buffer): Promise<void> => {
      lineNo++;
      if (bytes.length > this.maxBytes) {
        this.note(lineTooLarge({ source, line: lineNo }, bytes.length, this.maxBytes));
        return;
      }
      let text = bytes.toString('utf8');
      if (!isUtf8(bytes)) for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) invalid++;
      text = text.trim();
      if (text === '') return;
      const res = parseJsonlLine(text, source, lineNo);
      this.add({ entries: res.entry ? [res.entry] : [], problems: res.problems });
      if (++parsed % FLUSH_EVERY === 0) await this.flush();
    };
    let carry: Buffer = head.subarray(bom);
    // a line longer than the limit is counted and dropped, never held
    let skipping = -1;
    for (let chunk: Buffer | null = carry; chunk; chunk = await next()) {
      let buf = chunk === carry ? carry : Buffer.concat([carry, chunk]);
      if (skipping >= 0) {
        const nl = chunk.indexOf(10);
        if (nl < 0) {
          skipping += chunk.length;
          carry = Buffer.alloc(0);
          continue;
        }
        lineNo++;
        this.note(lineTooLarge({ source, line: lineNo }, skipping + nl, this.maxBytes));
        skipping = -1;
        buf = chunk.subarray(nl + 1);
      }
      let start = 0;
      for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
        await line(buf.subarray(start, nl));
        start = nl + 1;
      }
      carry = buf.subarray(start);
      if (carry.length > this.maxBytes) {
        skipping = carry.length;
        carry = Buffer.alloc(0);
      }
    }
    if (skipping >= 0) {
      lineNo++;
      this.note(lineTooLarge({ source, line: lineNo }, skipping, this.maxBytes));
    } else if (carry.length) await line(carry);
    await this.flush();
    if (invalid)
      this.report(source, 'warning', `${invalid} invalid UTF-8 byte sequence(s) replaced with U+FFFD`);
  }
}

/**
 * Read articles from files, folders (walked recursively in sorted order; only .jsonl .json .txt .html .htm,
 * hidden entries skipped) and '-' (standard input, JSON Lines). Never throws for bad input: every file that
 * cannot be used, every broken record and every repaired detail is reported in `problems`, and everything
 * else is still read. Later duplicates of an id are renamed 'id#2', 'id#3', … (with a warning).
 */
export async function readInputs(paths: string[], opts: ReadOptions = {}): Promise<ReadResult> {
  const reader = new Reader(opts);
  for (const p of paths) await reader.readPath(p);
  return { articles: reader.entries.map((e) => e.article), problems: reader.problems };
}

/**
 * Reads as `readInputs` does, handing the articles on in batches as they are read (in input
 * order; the next batch is read once `onArticles` has resolved): memory does not grow with the
 * number of articles. Problems go to `opts.onProblem` as they are found.
 */
export async function readInputsEach(
  paths: string[],
  opts: ReadOptions & { onProblem: (p: InputProblem) => void },
  onArticles: (articles: Article[]) => Promise<void> | void,
): Promise<void> {
  const reader = new Reader(opts, onArticles);
  for (const p of paths) {
    await reader.readPath(p);
    await reader.flush();
  }
}

/**
 * The articles of `paths` as a stream, read as `readInputsEach` reads them and ahead of the
 * consumer while it waits (for a database, say): at most `ahead` articles (default 256) and
 * AHEAD_CHARS of text wait. Problems go to `opts.onProblem` as they are found.
 */
export async function* inputStream(
  paths: string[],
  opts: ReadOptions & { onProblem: (p: InputProblem) => void; ahead?: number },
): AsyncGenerator<Article> {
  const ahead = Math.max(1, opts.ahead ?? 256);
  const queue: Article[][] = [];
  let queued = 0;
  let queuedChars = 0;
  const full = () => queued >= ahead || queuedChars >= AHEAD_CHARS;
  let done = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  let resume: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  readInputsEach(paths, opts, async (batch) => {
    queue.push(batch);
    queued += batch.length;
    for (const a of batch) queuedChars += a.text.length;
    poke();
    if (full())
      await new Promise<void>((r) => {
        resume = r;
      });
  }).then(
    () => {
      done = true;
      poke();
    },
    (err) => {
      failure = err;
      done = true;
      poke();
    },
  );
  for (;;) {
    const batch = queue.shift();
    if (batch) {
      queued -= batch.length;
      for (const a of batch) queuedChars -= a.text.length;
      if (!full() && resume) {
        const r: () => void = resume;
        resume = null;
        r();
      }
      yield* batch;
      continue;
    }
    if (done) {
      if (failure) throw failure;
      return;
    }
    await new Promise<void>((r) => {
      wake = r;
    });
  }
}
