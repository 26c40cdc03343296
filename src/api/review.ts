/**
 * Review routes (the work is src/review/review.ts, through the store).
 *
 *   POST /api/incidents/:id/review  {action: confirm|reject|edit|reset, fields?, who?}
 *   POST /api/incidents/:id/merge   {other, who?}        → the merged incident
 *   POST /api/incidents/:id/split   {mention_ids, who?}  → 201 {incident, created}
 *   GET  /api/incidents/:id/log                          → {incident_id, entries}
 *
 * Writes need the server's write token (src/api/tokens.ts).
 */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { InputError } from '../db/input-error.js';
import type { IncidentView } from '../incidents/types.js';
import type { ReviewAction, ReviewLogEntry } from '../review/review.js';
import { ApiError } from './errors.js';
import { MergeBody, ReviewBody, SplitBody } from './schemas.js';
import { requireWriteToken, type TokenOptions } from './tokens.js';

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
