/**
 * A polite HTTP client for feeds and article pages.
 *
 * - Per host: at most `perHost` requests at once (1–2) and at least `minIntervalMs` between
 *   the starts of two requests (raised to the host's robots.txt Crawl-delay, capped at 60 s).
 * - robots.txt is read once per origin (cached for an hour) and honoured for our product token
 *   ("rasd") or "*": a disallowed URL is not fetched. A robots.txt that answers 4xx allows
 *   everything; one that cannot be read (5xx, network error) disallows the origin for a few
 *   minutes (RFC 9309).
 * - Every attempt has a timeout (headers and body); network errors, timeouts, 408, 429 and 5xx
 *   are retried with exponential backoff and jitter (Retry-After honoured, capped).
 * - Redirects are followed by hand, at most `maxRedirects`, each hop checked against robots and
 *   the host limits; a loop is named as such.
 * - Bodies over `maxBytes` are refused from Content-Length, or cut off while streaming.
 * - Conditional GETs: `etag` / `lastModified` become If-None-Match / If-Modified-Since; a 304
 *   comes back as `notModified`.
 * - Only public addresses are contacted (see address.ts): an IP in the URL and every address
 *   a name resolves to (checked when connecting) must be public, on every hop and for
 *   robots.txt, unless `allowPrivate` is set (`rasd watch --allow-private`).
 *
 * Every failure is a FetchError whose message starts with the URL.
 */
import { Agent, fetch as undiciFetch } from 'undici';
import {
  type AddressPolicy,
  guardedLookup,
  PrivateAddressError,
  publicOnly,
  refusedLiteral,
} from './address.js';
import { ALLOW_ALL, parseRobots, type RobotsRules, robotsAllows } from './robots.js';

export interface FetcherOptions {
  /** User-Agent header; its first word (lower-cased, before '/') is the robots.txt product token */
  userAgent?: string;
  /** per attempt, headers and body (default 20 s) */
  timeoutMs?: number;
  /** retries after the first attempt (default 3) */
  retries?: number;
  /** first backoff; doubles each retry, plus up to as much jitter (default 500 ms) */
  backoffMs?: number;
  /** longest wait between attempts, Retry-After included (default 30 s) */
  maxBackoffMs?: number;
  /** default 5 */
  maxRedirects?: number;
  /** default 10 MB */
  maxBytes?: number;
  /** concurrent requests per host, 1 or 2 (default 2) */
  perHost?: number;
  /** between request starts to one host (default 1000 ms) */
  minIntervalMs?: number;
  /** honour robots.txt (default true) */
  robots?: boolean;
  /** contact loopback, private and link-local addresses too (default false: public ones only) */
  allowPrivate?: boolean;
  /** which addresses may be contacted, overriding allowPrivate (tests) */
  allowAddress?: AddressPolicy;
  /** the fetch implementation (tests; resolved addresses are then its business, IP literals are still checked) */
  fetchImpl?: typeof fetch;
}

export interface FetchResult {
  /** the URL that answered, after redirects */
  url: string;
  status: number;
  headers: Headers;
  body: Buffer;
  notModified: boolean;
  /** the URLs redirected through, in order (not counting the final one) */
  redirects: string[];
}

export interface GetOptions {
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  /**
   * This request does not hold back the next one on its host (a feed, read once a poll: the
   * articles it names may follow at once; the interval applies between them). It still waits
   * for the host's interval after a paced request.
   */
  unpaced?: boolean;
}

export class FetchError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
    /** worth trying again later (server errors, timeouts, network) */
    readonly transient: boolean,
    readonly status?: number,
    /** the address is not one this fetcher may contact (private, loopback, link-local) */
    readonly refused = false,
  ) {
    super(`${url}: ${reason}`);
    this.name = 'FetchError';
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface HostState {
  active: number;
  nextAt: number;
  waiting: (() => void)[];
}

const ROBOTS_TTL_MS = 60 * 60 * 1000;
const ROBOTS_ERROR_TTL_MS = 5 * 60 * 1000;
const MAX_CRAWL_DELAY_S = 60;

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

function describeNetworkError(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.cause?.code;
  if (code) return `connection failed (${code})`;
  return `connection failed (${e?.cause?.message ?? e?.message ?? String(err)})`;
}

/** The PrivateAddressError behind a failed fetch ("fetch failed", caused by the connection's lookup). */
function privateCause(err: unknown): PrivateAddressError | null {
  for (let e = err as { cause?: unknown } | undefined, n = 0; e && n < 5; e = e.cause as typeof e, n++)
    if (e instanceof PrivateAddressError) return e;
  return null;
}

export class Fetcher {
  readonly userAgent: string;
  private readonly agentToken: string;
  private readonly opts: Required<
    Omit<FetcherOptions, 'userAgent' | 'fetchImpl' | 'allowPrivate' | 'allowAddress'>
  >;
  private readonly fetchImpl: typeof fetch;
  /** null: every address may be contacted */
  private readonly allowed: AddressPolicy | null;
  private readonly hosts = new Map<string, HostState>();
  private readonly robotsCache = new Map<string, { at: number; ttl: number; rules: Promise<RobotsRules> }>();

  constructor(opts: FetcherOptions = {}) {
    this.userAgent = opts.userAgent ?? 'rasd/0.1 (Arabic conflict news monitor)';
    this.agentToken = this.userAgent.split(/[/\s]/)[0].toLowerCase();
    this.allowed = opts.allowAddress ?? (opts.allowPrivate ? null : publicOnly);
    if (opts.fetchImpl) this.fetchImpl = opts.fetchImpl;
    else {
      // undici's fetch with a dispatcher of our own: its connections resolve names through the guard
      const allowed = this.allowed;
      const dispatcher = new Agent(allowed ? { connect: { lookup: guardedLookup(allowed) } } : {});
      this.fetchImpl = ((input: string, init?: RequestInit) =>
        undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
    }
    this.opts = {
      timeoutMs: opts.timeoutMs ?? 20_000,
      retries: opts.retries ?? 3,
      backoffMs: opts.backoffMs ?? 500,
      maxBackoffMs: opts.maxBackoffMs ?? 30_000,
      maxRedirects: opts.maxRedirects ?? 5,
      maxBytes: opts.maxBytes ?? 10 * 1024 * 1024,
      perHost: Math.min(2, Math.max(1, opts.perHost ?? 2)),
      minIntervalMs: opts.minIntervalMs ?? 1000,
      robots: opts.robots ?? true,
    };
  }

  /** GET with redirects, robots, politeness and retries. Throws FetchError. */
  async get(url: string, opts: GetOptions = {}): Promise<FetchResult> {
    const redirects: string[] = [];
    let current = url;
    for (let hop = 0; ; hop++) {
      const res = await this.withRetries(current, opts, hop === 0);
      if (res.redirect === null) return { ...res.result, redirects };
      const next = res.redirect;
      redirects.push(current);
      if (redirects.includes(next) || next === current) {
        throw new FetchError(
          url,
          `redirect loop: ${[...redirects, next].join(' → ')}`,
          false,
          res.result.status,
        );
      }
      if (hop + 1 > this.opts.maxRedirects) {
        throw new FetchError(
          url,
          `too many redirects (more than ${this.opts.maxRedirects}): ${[...redirects, next].join(' → ')}`,
          false,
          res.result.status,
        );
      }
      current = next;
    }
  }

  private async withRetries(
    url: string,
    opts: GetOptions,
    conditional: boolean,
  ): Promise<{ result: Omit<FetchResult, 'redirects'>; redirect: string | null }> {
    let lastError: FetchError | null = null;
    const attempts = this.opts.retries + 1;
    for (let attempt = 0; attempt < attempts; attempt++) {
      let retryAfterMs: number | null = null;
      try {
        const out = await this.once(url, opts, conditional);
        if (out.retryable === null) return out;
        lastError = out.retryable.error;
        retryAfterMs = out.retryable.retryAfterMs;
      } catch (err) {
        if (!(err instanceof FetchError) || !err.transient) throw err;
        lastError = err;
      }
      if (attempt + 1 < attempts) {
        const base = this.opts.backoffMs * 2 ** attempt;
        const wait = Math.min(this.opts.maxBackoffMs, retryAfterMs ?? base + Math.random() * base);
        await sleep(wait);
      }
    }
    const e = lastError as FetchError;
    throw new FetchError(e.url, `${e.reason} (after ${attempts} attempts)`, true, e.status);
  }

  /** One request. Transient HTTP statuses come back as `retryable`; transient network failures throw transient errors. */
  private async once(
    url: string,
    opts: GetOptions,
    conditional: boolean,
  ): Promise<{
    result: Omit<FetchResult, 'redirects'>;
    redirect: string | null;
    retryable: { error: FetchError; retryAfterMs: number | null } | null;
  }> {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new FetchError(url, 'not a valid URL', false);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      throw new FetchError(url, `unsupported URL scheme "${u.protocol}"`, false);
    }
    u.hash = '';
    let rules: RobotsRules = ALLOW_ALL;
    if (this.opts.robots) {
      rules = await this.robotsFor(u).catch((err: unknown) => {
        if (err instanceof FetchError && err.refused)
          throw new FetchError(url, err.reason, false, undefined, true);
        throw err;
      });
      if (rules.unavailable) {
        throw new FetchError(
          url,
          `robots.txt of ${u.origin} unavailable (${rules.unavailable}); not fetched`,
          true,
        );
      }
      if (!robotsAllows(rules, u.pathname + u.search)) {
        throw new FetchError(url, 'disallowed by robots.txt', false);
      }
    }
    const headers: Record<string, string> = {
      'user-agent': this.userAgent,
      accept: opts.accept ?? 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'accept-language': 'ar,en;q=0.5',
    };
    if (conditional && opts.etag) headers['if-none-match'] = opts.etag;
    if (conditional && opts.lastModified) headers['if-modified-since'] = opts.lastModified;
    const r = await this.request(u, headers, rules.crawlDelay, !opts.unpaced);
    const { status } = r;
    if (status >= 300 && status < 400 && status !== 304) {
      const loc = r.headers.get('location');
      if (!loc) throw new FetchError(url, `HTTP ${status} redirect without a Location header`, false, status);
      let next: string;
      try {
        next = new URL(loc, u).toString();
      } catch {
        throw new FetchError(url, `HTTP ${status} redirect to an invalid URL "${loc}"`, false, status);
      }
      return { result: { ...r, url: u.toString(), notModified: false }, redirect: next, retryable: null };
    }
    const result = { ...r, url: u.toString(), notModified: status === 304 };
    if (status === 304 || (status >= 200 && status < 300)) return { result, redirect: null, retryable: null };
    const reason = `HTTP ${status}${r.statusText ? ` ${r.statusText}` : ''}`;
    if (status === 408 || status === 429 || status >= 500) {
      const ra = r.headers.get('retry-after');
      const secs = ra && /^\d+$/.test(ra.trim()) ? Number(ra) : null;
      return {
        result,
        redirect: null,
        retryable: {
          error: new FetchError(url, reason, true, status),
          retryAfterMs: secs === null ? null : secs * 1000,
        },
      };
    }
    throw new FetchError(url, reason, false, status);
  }

  /** One HTTP exchange under the host's limits, the body read up to maxBytes. */
  private async request(
    u: URL,
    headers: Record<string, string>,
    crawlDelayS: number | null,
    paced = true,
  ): Promise<{ status: number; statusText: string; headers: Headers; body: Buffer }> {
    const url = u.toString();
    const literal = this.allowed ? refusedLiteral(u, this.allowed) : null;
    if (literal) throw new FetchError(url, literal.message, false, undefined, true);
    const release = await this.acquire(u.host, crawlDelayS, paced);
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), this.opts.timeoutMs);
    try {
      let res: Response;
      try {
        res = await this.fetchImpl(url, { headers, redirect: 'manual', signal: ctl.signal });
      } catch (err) {
        if (ctl.signal.aborted) throw new FetchError(url, `timed out after ${this.opts.timeoutMs} ms`, true);
        const refused = privateCause(err);
        if (refused) throw new FetchError(url, refused.message, false, undefined, true);
        throw new FetchError(url, describeNetworkError(err), true);
      }
      const max = this.opts.maxBytes;
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > max) {
        await res.body?.cancel().catch(() => {});
        throw new FetchError(
          url,
          `response too large: ${formatBytes(declared)} over the ${formatBytes(max)} limit`,
          false,
        );
      }
      const chunks: Buffer[] = [];
      let total = 0;
      try {
        if (res.body) {
          const reader = res.body.getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            total += value.length;
            if (total > max) {
              await reader.cancel().catch(() => {});
              throw new FetchError(url, `response too large: over the ${formatBytes(max)} limit`, false);
            }
            chunks.push(Buffer.from(value));
          }
        }
      } catch (err) {
        if (err instanceof FetchError) throw err;
        if (ctl.signal.aborted) throw new FetchError(url, `timed out after ${this.opts.timeoutMs} ms`, true);
        throw new FetchError(
          url,
          `connection broken while reading the body (${(err as Error).message})`,
          true,
        );
      }
      return {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
        body: Buffer.concat(chunks),
      };
    } finally {
      clearTimeout(timer);
      release();
    }
  }

  private host(host: string): HostState {
    let h = this.hosts.get(host);
    if (!h) {
      h = { active: 0, nextAt: 0, waiting: [] };
      this.hosts.set(host, h);
    }
    return h;
  }

  /** Waits for a slot on the host and for its interval; returns the release function. */
  private async acquire(host: string, crawlDelayS: number | null, paced = true): Promise<() => void> {
    const h = this.host(host);
    const interval = Math.max(this.opts.minIntervalMs, Math.min(MAX_CRAWL_DELAY_S, crawlDelayS ?? 0) * 1000);
    for (;;) {
      if (h.active < this.opts.perHost) {
        const now = Date.now();
        if (now >= h.nextAt) {
          h.active++;
          if (paced) h.nextAt = now + interval;
          break;
        }
        await sleep(h.nextAt - now);
        continue;
      }
      await new Promise<void>((r) => h.waiting.push(r));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      h.active--;
      h.waiting.shift()?.();
    };
  }

  private robotsFor(u: URL): Promise<RobotsRules> {
    const origin = u.origin;
    const cached = this.robotsCache.get(origin);
    if (cached && Date.now() - cached.at < cached.ttl) return cached.rules;
    const entry = { at: Date.now(), ttl: ROBOTS_TTL_MS, rules: Promise.resolve(ALLOW_ALL) };
    entry.rules = this.loadRobots(origin).then(
      (rules) => rules,
      (err: unknown) => {
        // a refused address is not an unavailable robots.txt: the page is refused for the same reason
        if (err instanceof FetchError && err.refused) throw err;
        entry.ttl = ROBOTS_ERROR_TTL_MS;
        return { rules: [], crawlDelay: null, unavailable: (err as Error).message };
      },
    );
    this.robotsCache.set(origin, entry);
    return entry.rules;
  }

  private async loadRobots(origin: string): Promise<RobotsRules> {
    const u = new URL('/robots.txt', origin);
    let current = u;
    for (let hop = 0; hop <= this.opts.maxRedirects; hop++) {
      let r: Awaited<ReturnType<Fetcher['request']>> | null = null;
      let why = '';
      const tries = 1 + Math.min(1, this.opts.retries);
      for (let attempt = 0; attempt < tries; attempt++) {
        if (attempt > 0) await sleep(this.opts.backoffMs);
        try {
          // robots.txt, read once a day, holds back no page
          r = await this.request(
            current,
            { 'user-agent': this.userAgent, accept: 'text/plain' },
            null,
            false,
          );
          if (r.status < 500) break;
          why = `HTTP ${r.status}`;
        } catch (err) {
          if (!(err instanceof FetchError) || !err.transient) throw err;
          why = err.reason;
          r = null;
        }
      }
      if (!r || r.status >= 500) throw new Error(why || 'no answer');
      if (r.status >= 300 && r.status < 400) {
        const loc = r.headers.get('location');
        if (!loc) return ALLOW_ALL;
        current = new URL(loc, current);
        continue;
      }
      if (r.status >= 400) return ALLOW_ALL;
      return parseRobots(r.body.toString('utf8'), this.agentToken);
    }
    return ALLOW_ALL;
  }
}
