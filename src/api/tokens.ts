/**
 * The API's tokens. Writes need `Authorization: Bearer <RASD_TOKEN>`: with no token configured
 * on the server they are refused (403 writes_disabled); a missing or wrong token is a 401.
 * Reads are open unless a read token is configured (RASD_READ_TOKEN; the write token reads
 * too). Tokens travel in a header, never in a cookie, so a cross-site form cannot use them.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
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

/** Middleware for /api/*: with a read token configured, reads need it (or the write token). */
export function readGuard(opts: TokenOptions): MiddlewareHandler {
  return async (c, next) => {
    const readToken = opts.readToken;
    const open = c.req.path === '/api/openapi.json' || c.req.path.startsWith('/api/docs');
    if (readToken && !open && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      const t = bearer(c);
      const ok =
        t != null && (tokenMatches(t, readToken) || (!!opts.writeToken && tokenMatches(t, opts.writeToken)));
      if (!ok) unauthorized(c, 'reading');
    }
    await next();
  };
}
