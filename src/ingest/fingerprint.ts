/**
 * Article fingerprints for deduplication:
 * - `contentHash`: SHA-256 of the normalized text with runs of white space collapsed, so a
 *   copy that differs only in diacritics, letter variants or spacing is the same content;
 * - `urlKey`: the URL without fragment, default port or trailing slash, host lower-cased;
 * - `simhash`: a 64-bit SimHash over word 3-shingles of the normalized text, for
 *   near-duplicates (syndicated copies with a changed headline, byline or a sentence).
 *   Two articles are near-duplicates when the Hamming distance of their SimHashes is ≤ 3.
 *   The 64 bits are cut into four 16-bit bands: by the pigeonhole principle two hashes
 *   within distance 3 share at least one band exactly, so candidates are found with four
 *   equality lookups instead of a scan.
 */
import { createHash } from 'node:crypto';
import { normalize } from '../normalize/normalize.js';

export const NEAR_DUPLICATE_DISTANCE = 3;
/** Texts with fewer shingles than this get no SimHash (too short to call a copy). */
export const MIN_SHINGLES = 8;

export interface Fingerprint {
  contentHash: string;
  urlKey: string | null;
  /** the SimHash as two unsigned 32-bit halves, or null for a short text */
  simhash: { hi: number; lo: number } | null;
}

function wordsOfNorm(norm: string): string[] {
  return norm.match(/[\p{L}\p{N}]+/gu) ?? [];
}

function hashOfNorm(norm: string): string {
  return createHash('sha256').update(norm.replace(/\s+/g, ' ').trim(), 'utf8').digest('hex');
}

export function contentHash(text: string): string {
  return hashOfNorm(normalize(text).norm);
}

export function urlKey(url: string | null | undefined): string | null {
  if (!url) return null;
  const s = url.trim();
  if (!s) return null;
  try {
    const u = new URL(s);
    u.hash = '';
    let out = u.toString();
    if (out.endsWith('/') && u.pathname !== '/') out = out.slice(0, -1);
    else if (u.pathname === '/' && !u.search) out = out.slice(0, -1);
    return out;
  } catch {
    return s;
  }
}

/** Two independent 32-bit hashes of a string (FNV-1a and a murmur-style mix). */
function hash64(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // final avalanche of each half
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  a = Math.imul(a, 0xc2b2ae35);
  a ^= a >>> 16;
  b ^= b >>> 16;
  b = Math.imul(b, 0x7feb352d);
  b ^= b >>> 15;
  b = Math.imul(b, 0x846ca68b);
  b ^= b >>> 16;
  return [a >>> 0, b >>> 0];
}

/** SimHash over word 3-shingles, or null when the text has fewer than MIN_SHINGLES of them. */
export function simhash(text: string): { hi: number; lo: number } | null {
  return simhashOfWords(wordsOfNorm(normalize(text).norm));
}

function simhashOfWords(w: string[]): { hi: number; lo: number } | null {
  const n = w.length - 2;
  if (n < MIN_SHINGLES) return null;
  const acc = new Int32Array(64);
  for (let i = 0; i < n; i++) {
    const [hi, lo] = hash64(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
    for (let bit = 0; bit < 32; bit++) {
      acc[bit] += (hi >>> bit) & 1 ? 1 : -1;
      acc[32 + bit] += (lo >>> bit) & 1 ? 1 : -1;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (acc[bit] > 0) hi |= 1 << bit;
    if (acc[32 + bit] > 0) lo |= 1 << bit;
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export function hamming(a: { hi: number; lo: number }, b: { hi: number; lo: number }): number {
  return popcount((a.hi ^ b.hi) >>> 0) + popcount((a.lo ^ b.lo) >>> 0);
}

/** The four 16-bit bands of a SimHash. */
export function bands(h: { hi: number; lo: number }): [number, number, number, number] {
  return [h.hi >>> 16, h.hi & 0xffff, h.lo >>> 16, h.lo & 0xffff];
}

/** The SimHash as a signed 64-bit decimal (PostgreSQL bigint). */
export function toBigintText(h: { hi: number; lo: number }): string {
  return BigInt.asIntN(64, (BigInt(h.hi) << 32n) | BigInt(h.lo)).toString();
}

export function fromBigintText(s: string): { hi: number; lo: number } {
  const v = BigInt.asUintN(64, BigInt(s));
  return { hi: Number(v >> 32n), lo: Number(v & 0xffffffffn) };
}

export function fingerprint(text: string, url?: string | null): Fingerprint {
  const norm = normalize(text).norm;
  return { contentHash: hashOfNorm(norm), urlKey: urlKey(url), simhash: simhashOfWords(wordsOfNorm(norm)) };
}
