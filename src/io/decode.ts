import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  /** Encoding actually used: 'utf-8', 'utf-16le', 'utf-16be', 'windows-1256', 'iso-8859-6', or another iconv-lite name. */
  encoding: string;
  /** Present when the input was UTF-8 with a few broken byte sequences, replaced by U+FFFD. */
  invalidSequences?: number;
}

/** Labels (lower case) mapped to the names we decode with. Everything else goes through iconv-lite as is. */
const LABELS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'windows-1256': 'windows-1256',
  cp1256: 'windows-1256',
  'x-cp1256': 'windows-1256',
  'win-1256': 'windows-1256',
  'ms-arab': 'windows-1256',
  'iso-8859-6': 'iso-8859-6',
  'iso8859-6': 'iso-8859-6',
  'iso_8859-6': 'iso-8859-6',
  'iso_8859-6:1987': 'iso-8859-6',
  'iso-8859-6-e': 'iso-8859-6',
  'iso-8859-6-i': 'iso-8859-6',
  arabic: 'iso-8859-6',
  'asmo-708': 'iso-8859-6',
  'ecma-114': 'iso-8859-6',
  'iso-ir-127': 'iso-8859-6',
  csisolatinarabic: 'iso-8859-6',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  unicode: 'utf-16le',
};

/**
 * Western defaults that CMSs and servers stamp on pages regardless of content. For an Arabic-news
 * reader they carry no information: we ignore them and sniff instead (pure ASCII decodes the same anyway).
 */
const WEAK_LABELS = new Set([
  'us-ascii',
  'ascii',
  'iso-8859-1',
  'iso8859-1',
  'latin1',
  'l1',
  'windows-1252',
  'cp1252',
]);

/** Canonical encoding name for a charset label, or null when unknown / not worth honouring. */
export function encodingForLabel(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!l || WEAK_LABELS.has(l)) return null;
  if (LABELS[l]) return LABELS[l];
  return iconv.encodingExists(l) ? l : null;
}

function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*["']?\s*([^"';\s]+)/i.exec(contentType);
  if (m) return m[1];
  // A bare label such as 'windows-1256'.
  return /^[\w.:-]+$/.test(contentType.trim()) ? contentType.trim() : null;
}

/** Charset declared inside the document (<meta charset>, http-equiv Content-Type, <?xml encoding?>). */
function charsetFromMarkup(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, 4096)).toString('latin1');
  const meta = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  if (meta) return meta[1];
  const xml = /^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return xml ? xml[1] : null;
}

/** Guess UTF-16 without a BOM: NULs (and 0x06, the Arabic block) in one byte position of each pair, not the other. */
export function sniffUtf16(buf: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(buf.length, 8192) & ~1;
  if (n < 4) return null;
  let nulEven = 0;
  let nulOdd = 0;
  let highEven = 0; // even byte looks like the high byte of a BMP text char
  let highOdd = 0;
  for (let i = 0; i < n; i += 2) {
    const a = buf[i];
    const b = buf[i + 1];
    if (a === 0) nulEven++;
    if (b === 0) nulOdd++;
    if (a === 0 || a === 0x06 || a === 0x20 || a === 0xfb || a === 0xfe || a === 0xfd) highEven++;
    if (b === 0 || b === 0x06 || b === 0x20 || b === 0xfb || b === 0xfe || b === 0xfd) highOdd++;
  }
  const pairs = n / 2;
  const minNul = Math.max(1, Math.floor(pairs / 50));
  if (nulOdd >= minNul && nulEven <= nulOdd / 10 && highOdd >= pairs * 0.9) return 'utf-16le';
  if (nulEven >= minNul && nulOdd <= nulEven / 10 && highEven >= pairs * 0.9) return 'utf-16be';
  return null;
}

/** Length of a UTF-8 sequence announced by a lead byte (0 when not a lead byte). */
function seqLength(b: number): number {
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/**
 * Valid UTF-8, allowing the buffer to end in the middle of a character (a file cut short).
 * Returns the number of bytes that form complete valid UTF-8, or -1 when it is not UTF-8.
 */
function validUtf8Prefix(buf: Uint8Array): number {
  if (isUtf8(buf)) return buf.length;
  for (let back = 1; back <= 3 && back <= buf.length; back++) {
    const pos = buf.length - back;
    const len = seqLength(buf[pos]);
    if (len > back) return isUtf8(buf.subarray(0, pos)) ? pos : -1;
    if (buf[pos] < 0x80 || buf[pos] > 0xbf) break; // not a continuation byte: no truncated tail
  }
  return -1;
}

function hasNonAscii(buf: Uint8Array): boolean {
  for (let i = 0; i < buf.length; i++) if (buf[i] >= 0x80) return true;
  return false;
}

function decodeAs(buf: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8') return Buffer.from(buf.buffer, buf.byteOffset, buf.length).toString('utf8');
  return iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.length), encoding, { stripBOM: false });
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/**
 * Decode file bytes to text. Order: byte-order mark (UTF-8, UTF-16LE/BE) → charset hint
 * (Content-Type header, then <meta>/<?xml?> in the document) → UTF-16 without BOM (NUL pattern)
 * → valid UTF-8 (or UTF-8 with under 10% broken sequences, reported in `invalidSequences`) → windows-1256
 * or ISO-8859-6, whichever decodes with fewer misfit characters (guessArabicSingleByte).
 *
 * A declared single-byte charset (windows-1256, ISO-8859-6, …) is overridden when the bytes are
 * valid UTF-8 containing non-ASCII characters: pages re-saved as UTF-8 often keep their old <meta>,
 * and Arabic in windows-1256 is practically never valid multi-byte UTF-8. A declared UTF-8 that is
 * not valid UTF-8 falls through to the windows-1256 fallback. Latin-1/ASCII declarations are ignored.
 */
export function decodeBytes(buf: Uint8Array, hint?: { contentType?: string | null }): Decoded {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: decodeAs(buf.subarray(3), 'utf-8'), encoding: 'utf-8' };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: decodeAs(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: decodeAs(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  }

  const utf16 = sniffUtf16(buf);
  const fromHeader = encodingForLabel(charsetFromContentType(hint?.contentType));
  // UTF-16 declared in a header is believed; in markup it cannot be true (the markup was readable as ASCII).
  if (fromHeader === 'utf-16le' || fromHeader === 'utf-16be') {
    return { text: stripBom(decodeAs(buf, utf16 ?? fromHeader)), encoding: utf16 ?? fromHeader };
  }
  if (utf16) return { text: stripBom(decodeAs(buf, utf16)), encoding: utf16 };

  let declared = fromHeader ?? encodingForLabel(charsetFromMarkup(buf));
  if (declared === 'utf-16le' || declared === 'utf-16be') declared = 'utf-8';

  const utf8Len = validUtf8Prefix(buf);
  if (declared && declared !== 'utf-8') {
    const overridden = utf8Len >= 0 && hasNonAscii(buf.subarray(0, utf8Len));
    if (!overridden) return { text: stripBom(decodeAs(buf, declared)), encoding: declared };
  }
  if (utf8Len >= 0) {
    const text = decodeAs(buf.subarray(0, utf8Len), 'utf-8') + (utf8Len < buf.length ? '\ufffd' : '');
    return { text: stripBom(text), encoding: 'utf-8' };
  }
  // UTF-8 with a few broken bytes (a damaged or badly concatenated file) stays UTF-8; decoding all of it
  // as windows-1256 would turn every Arabic letter into mojibake.
  const lossy = Buffer.from(buf.buffer, buf.byteOffset, buf.length).toString('utf8');
  let bad = 0;
  let multi = 0;
  for (let i = 0; i < lossy.length; i++) {
    const c = lossy.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c >= 0x80) multi++;
  }
  // Arabic in windows-1256 or ISO-8859-6 practically never forms valid multi-byte UTF-8 (its letters are
  // lead bytes followed by more letters or spaces, not by continuation bytes): a text where valid
  // sequences outnumber broken ones ten to one is damaged UTF-8.
  if (multi >= 8 && bad <= multi / 10)
    return { text: stripBom(lossy), encoding: 'utf-8', invalidSequences: bad };
  const guess = guessArabicSingleByte(buf);
  return { text: decodeAs(buf, guess), encoding: guess };
}

/** Characters that a wrong Arabic code page produces: U+FFFD (undefined bytes), C1 controls, Latin-1 letters. */
function misfits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c >= 0x80 && c <= 0x9f) || (c >= 0xc0 && c <= 0xff)) n++;
  }
  return n;
}

/**
 * windows-1256 or ISO-8859-6 for undeclared single-byte Arabic. The two agree on ا (0xC7) but not on
 * most letters after it: ISO-8859-6 text read as windows-1256 turns ل ه و ي into â ç è ê, and
 * windows-1256 text read as ISO-8859-6 hits bytes ISO leaves undefined (U+FFFD). The page with
 * fewer such misfits wins; windows-1256 (far more common) on a tie.
 */
export function guessArabicSingleByte(buf: Uint8Array): 'windows-1256' | 'iso-8859-6' {
  const sample = buf.subarray(0, 65536);
  const win = misfits(decodeAs(sample, 'windows-1256'));
  if (win === 0) return 'windows-1256';
  return misfits(decodeAs(sample, 'iso-8859-6')) < win ? 'iso-8859-6' : 'windows-1256';
}

/** The charset parameter of a Content-Type header value ('text/html; charset=windows-1256'), or null. */
export function contentTypeCharset(contentType: string | null | undefined): string | null {
  return charsetFromContentType(contentType);
}
