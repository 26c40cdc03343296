/**
 * Review routes and the API's tokens.
 *
 *   POST /api/incidents/:id/review  {action: confirm|reject|edit|reset, fields?, who?}
 *   POST /api/incidents/:id/merge   {other, who?}        → the merged incident
 *   POST /api/incidents/:id/split   {mention_ids, who?}  → 201 {incident, created}
 *   GET  /api/incidents/:id/log                          → {incident_id, entries}
 *
 * Writes need `Authorization: Bearer <RASD_TOKEN>`: with no token configured on the server
 * they are refused (403 writes_disabled); a missing or wrong token is a 401. Reads are open
 * unless a read token is configured (RASD_READ_TOKEN; the write token reads too).
 * Tokens travel in a header, never in a cookie, so a cross-site form cannot use them.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { InputError } from '../store/input-error.js';
import type { IncidentView } from '../store/types.js';
import { ApiError } from './errors.js';
import { MergeBody, ReviewBody, SplitBody } from './schemas.js';

export type ReviewAction = 'confirm' | 'edit' | 'reject' | 'reset';

export interface ReviewLogEntry {
  id: number;
  incident_id: string;
  who: string;
  at: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** What the review routes need from a store (src/store/store.ts implements it). */
export interface ReviewStore {
  review(
    id: string,
    input: { who: string; action: ReviewAction; fields?: Record<string, unknown> },
  ): Promise<IncidentView | null>;
  merge(id: string, other: string, who: string): Promise<IncidentView | null>;
  split(
    id: string,
    mentionIds: number[],
    who: string,
  ): Promise<{ incident: IncidentView; created: IncidentView } | null>;
  reviewLog(id: string): Promise<ReviewLogEntry[]>;
  getIncident(id: string): Promise<IncidentView | null>;
  mergedInto?(id: string): Promise<string | null>;
}

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

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new ApiError(415, 'unsupported_media_type', 'send the body as application/json');
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_json', 'the body is not valid JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new ApiError(400, 'invalid_review', 'the body is a JSON object');
  return body as Record<string, unknown>;
}

/** The body read with its zod schema (src/api/schemas.ts, which the OpenAPI document shows); a 400 names the first problem. */
function parsed<T extends z.ZodType>(schema: T, body: Record<string, unknown>): z.infer<T> {
  const r = schema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ApiError(400, 'invalid_review', issue.message, [
      { param: issue.path.join('.') || 'body', message: issue.message },
    ]);
  }
  return r.data;
}

const who = (body: { who?: string | null }): string => body.who || 'anonymous';

/** Store errors that are the caller's fault (InputError) become 400s naming the field. */
async function guarded<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof InputError) throw new ApiError(400, 'invalid_review', err.message, err.details);
    throw err;
  }
}

const notFound = (id: string) => new ApiError(404, 'not_found', `no incident ${JSON.stringify(id)}`);

export function mountReview(app: Hono, store: Partial<ReviewStore>, opts: TokenOptions): void {
  const limit = bodyLimit({
    maxSize: 64 * 1024,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', 'the body is larger than 64 KiB');
    },
  });
  const need = <K extends keyof ReviewStore>(k: K): NonNullable<ReviewStore[K]> => {
    const f = store[k];
    if (typeof f !== 'function') throw new ApiError(501, 'not_implemented', 'this store cannot review');
    return (f as (...a: unknown[]) => unknown).bind(store) as NonNullable<ReviewStore[K]>;
  };

  app.post('/api/incidents/:id/review', limit, async (c) => {
    requireWriteToken(c, opts);
    const id = c.req.param('id');
    const body = parsed(ReviewBody, await jsonBody(c));
    const inc = await guarded(
      need('review')(id, { who: who(body), action: body.action, fields: body.fields }),
    );
    if (!inc) throw notFound(id);
    return c.json(inc);
  });

  app.post('/api/incidents/:id/merge', limit, async (c) => {
    requireWriteToken(c, opts);
    const id = c.req.param('id');
    const body = parsed(MergeBody, await jsonBody(c));
    const inc = await guarded(need('merge')(id, body.other, who(body)));
    if (!inc) throw notFound(id);
    return c.json(inc);
  });

  app.post('/api/incidents/:id/split', limit, async (c) => {
    requireWriteToken(c, opts);
    const id = c.req.param('id');
    const body = parsed(SplitBody, await jsonBody(c));
    const r = await guarded(need('split')(id, body.mention_ids, who(body)));
    if (!r) throw notFound(id);
    return c.json(r, 201);
  });

  app.get('/api/incidents/:id/log', async (c) => {
    const id = c.req.param('id');
    const entries = await need('reviewLog')(id);
    if (!entries.length && !(await need('getIncident')(id))) throw notFound(id);
    return c.json({ incident_id: id, entries });
  });
}
