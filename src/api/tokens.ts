/**
 * The API's tokens. Writes need `Authorization: Bearer <RASD_TOKEN>`: with no token configured
 * on the server they are refused (403 writes_disabled); a missing or wrong token is a 401.
 * Reads are open unless a read token is configured (RASD_READ_TOKEN; the write token reads
 * too). Tokens travel in a header, never in a cookie, so a cross-site form cannot use them.
 * A link cannot carry a header, so a download of an export asks first for a ticket
 * (GET /api/download-ticket, with the token): a signature of that one URL, good for two
 * minutes, that the link carries as its last parameter (`_ticket`).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';

export interface TokenOptions {
  /** the token writes need (RASD_TOKEN); none: writes are refused */
  writeToken?: string | null;
  /** the token reads need (RASD_READ_TOKEN); none: reads are open */
  readToken?: string | null;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time comparison of a presented token with the configured one. */
export function tokenMatches(presented: string | null, expected: string): boolean {
  if (presented == null) return false;
  return timingSafeEqual(digest(presented), digest(expected));
}

function bearer(c: Context): string | null {
  const h = c.req.header('authorization');
  const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  return m ? m[1] : null;
}

function unauthorized(c: Context, what: string): never {
  c.header('WWW-Authenticate', 'Bearer realm="rasd"');
  throw new ApiError(401, 'unauthorized', `${what} needs "Authorization: Bearer <token>"`);
}

/** Refuses a write unless the request carries the configured write token. */
export function requireWriteToken(c: Context, opts: TokenOptions): void {
  if (!opts.writeToken)
    throw new ApiError(403, 'writes_disabled', 'writes are disabled: the server has no RASD_TOKEN');
  const t = bearer(c);
  if (!t) unauthorized(c, 'a write');
  if (!tokenMatches(t, opts.writeToken)) unauthorized(c, 'a write (the token given is not valid)');
}

/** How long a download ticket stays good, in seconds. */
export const TICKET_SECONDS = 120;

const sign = (key: string, expires: number, url: string) =>
  createHmac('sha256', key).update(`${expires}|${url}`, 'utf8').digest('base64url');

/** A ticket for one URL (path and query, as the link will carry it): `<expiry>.<signature>`. */
export function downloadTicket(readToken: string, url: string, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + TICKET_SECONDS;
  return `${expires}.${sign(readToken, expires, url)}`;
}

/** Whether a ticket was made for this URL (path and query without the ticket) and is still good. */
export function ticketValid(readToken: string, url: string, ticket: string, now = Date.now()): boolean {
  const m = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(ticket);
  if (!m) return false;
  const expires = Number(m[1]);
  if (expires < Math.floor(now / 1000) || expires > Math.floor(now / 1000) + TICKET_SECONDS) return false;
  return timingSafeEqual(digest(m[2]), digest(sign(readToken, expires, url)));
}

/** The URL a request was made for without its ticket, and the ticket (the last parameter). */
export function splitTicket(pathAndQuery: string): { url: string; ticket: string } | null {
  const m = /[?&]_ticket=([^&]*)$/.exec(pathAndQuery);
  return m ? { url: pathAndQuery.slice(0, m.index), ticket: decodeURIComponent(m[1]) } : null;
}

/** Whether the request carries the read token or the write token. */
export function hasReadToken(c: Context, opts: TokenOptions): boolean {
  const t = bearer(c);
  if (t == null) return false;
  return (
    (!!opts.readToken && tokenMatches(t, opts.readToken)) ||
    (!!opts.writeToken && tokenMatches(t, opts.writeToken))
  );
}

/** Middleware for /api/*: with a read token configured, reads need it (or the write token, or a ticket). */
export function readGuard(opts: TokenOptions, now: () => number = Date.now): MiddlewareHandler {
  return async (c, next) => {
    const readToken = opts.readToken;
    const open = c.req.path === '/api/openapi.json' || c.req.path.startsWith('/api/docs');
    if (readToken && !open && (c.req.method === 'GET' || c.req.method === 'HEAD') && !hasReadToken(c, opts)) {
      const u = new URL(c.req.url);
      const split = splitTicket(u.pathname + u.search);
      // (a ticket opens the one download it was made for, and never mints another)
      const ticketOk =
        split !== null &&
        c.req.path !== '/api/download-ticket' &&
        ticketValid(readToken, split.url, split.ticket, now());
      if (!ticketOk)
        unauthorized(c, split ? 'reading (the download ticket is not valid or has expired)' : 'reading');
    }
    await next();
  };
}
