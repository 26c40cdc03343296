/**
 * The REST API. `createApp(store)` takes its store as a parameter (json-server style):
 * the app routes, the store decides. Every list view has .json, .csv and .geojson twins
 * over the same URL filters; one error shape everywhere:
 *   { "error": { "status": 400, "code": "invalid_query", "message": "…", "details": [...] } }
 */

import type { Context } from 'hono';
import { Hono } from 'hono';
import { type ExportOptions, exportIncidents, exportOptions } from '../export/index.js';
import { HostLostError, StoreBusyError } from '../store/errors.js';
import { InputError } from '../store/input-error.js';
import type { IncidentView } from '../store/types.js';
import { type AcledReadStore, mountAcledRead } from './acled-read.js';
import { mountDocs } from './docs.js';
import { filterToQuery, type IncidentFilter, parseFilter } from './filters.js';
import { openApiDocument } from './openapi.js';
import { mountReview, type ReviewStore, readGuard, type TokenOptions } from './review.js';
import { mountWeb, securityHeaders } from './web.js';

export interface Facet {
  value: string;
  count: number;
}

/** What the API needs from a store (src/store/store.ts implements it). */
export interface IncidentStore {
  listIncidents(f: IncidentFilter): Promise<{ items: IncidentView[]; next_cursor: string | null }>;
  facets(f: IncidentFilter): Promise<Record<string, Facet[]>>;
  getIncident(id: string): Promise<IncidentView | null>;
  getArticle(id: string): Promise<unknown | null>;
  stats(f: IncidentFilter, opts?: { per_day?: boolean }): Promise<unknown>;
  /** page-numbered reading, for /api/acled/read (501 without it) */
  incidentsAtOffset?: AcledReadStore['incidentsAtOffset'];
}

export interface AppOptions extends TokenOptions {
  /** longest a query may run before the API answers 503 */
  queryTimeoutMs?: number;
  /** the dashboard's built files (default dist/web); false: no dashboard */
  webRoot?: string | false;
  /** where an unexpected error (a 500) is reported (default console.error) */
  onInternalError?: (err: unknown) => void;
  /** called after every response (request logs) */
  onResponse?: (r: { method: string; path: string; status: number; ms: number }) => void;
}

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413 | 415 | 500 | 501 | 503,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

function errorBody(e: ApiError) {
  return {
    error: {
      status: e.status,
      code: e.code,
      message: e.message,
      ...(e.details ? { details: e.details } : {}),
    },
  };
}

async function withTimeout<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ApiError(503, 'query_timeout', `the query took longer than ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The response options of a list view: `_columns` (rasd, acled) and `_inter` (text, numeric). */
function responseOptions(url: URL): ExportOptions {
  const columns = url.searchParams.get('_columns') ?? undefined;
  const inter = url.searchParams.get('_inter') ?? undefined;
  try {
    return exportOptions({ columns, inter });
  } catch (err) {
    const param = `_${(err as Error).message.slice(0, (err as Error).message.indexOf(':'))}`;
    throw new InputError(param, (err as Error).message.slice((err as Error).message.indexOf(':') + 2));
  }
}

/** Query parameters that steer the response, not the filter. */
function filterParams(url: URL): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of url.searchParams) if (!k.startsWith('_')) p.append(k, v);
  return p;
}

export function createApp(store: IncidentStore & Partial<ReviewStore>, opts: AppOptions = {}): Hono {
  const timeoutMs = opts.queryTimeoutMs ?? 10_000;
  const app = new Hono();
  const onResponse = opts.onResponse;
  if (onResponse)
    app.use('*', async (c, next) => {
      const t0 = performance.now();
      await next();
      onResponse({
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - t0),
      });
    });
  app.use('*', securityHeaders());
  app.use('/api/*', readGuard(opts));

  app.onError((err, c) => {
    // ACLED's envelope on its endpoint ({status, success: false}), around the one error shape
    const acled = c.req.path.startsWith('/api/acled/');
    const body = (e: ApiError) =>
      acled ? { status: e.status, success: false, ...errorBody(e) } : errorBody(e);
    if (err instanceof ApiError) return c.json(body(err), err.status);
    // bad input, found by the filter's checks or by the database: the caller's fault
    if (err instanceof InputError)
      return c.json(body(new ApiError(400, 'invalid_query', err.message, err.details)), 400);
    // load shed, or the folder's host changing hands: come back in a second
    if (err instanceof StoreBusyError || err instanceof HostLostError) {
      c.header('Retry-After', '1');
      return c.json(body(new ApiError(503, 'busy', err.message)), 503);
    }
    (opts.onInternalError ?? console.error)(err);
    return c.json(body(new ApiError(500, 'internal_error', 'internal error')), 500);
  });
  app.notFound((c) =>
    c.json(errorBody(new ApiError(404, 'not_found', `no route for ${c.req.method} ${c.req.path}`)), 404),
  );

  const list = async (c: Context, format: 'json' | 'csv' | 'geojson' | 'parquet') => {
    const url = new URL(c.req.url);
    const filter = parseFilter(filterParams(url));
    const exportOpts = responseOptions(url);
    const page = await withTimeout(timeoutMs, store.listIncidents(filter));
    // the next page keeps the filters and the response options (_facets …)
    const options = [...url.searchParams].filter(([k]) => k.startsWith('_'));
    const extra = options.length ? `&${new URLSearchParams(options).toString()}` : '';
    const next = page.next_cursor
      ? `${url.pathname}?${filterToQuery({ ...filter, cursor: page.next_cursor })}${extra}`
      : null;
    if (next) c.header('Link', `<${next}>; rel="next"`);
    if (format === 'json') {
      // facets on request (?_facets=1): a list query stays fast on millions of incidents
      const wantFacets = url.searchParams.get('_facets') === '1';
      const facets = wantFacets
        ? await withTimeout(timeoutMs, store.facets({ ...filter, cursor: undefined }))
        : undefined;
      return c.json({
        filter,
        count: page.items.length,
        next_cursor: page.next_cursor,
        next,
        items: page.items,
        facets,
      });
    }
    const out = exportIncidents(page.items, format === 'csv' ? 'acled-csv' : format, exportOpts);
    c.header('Content-Type', out.contentType);
    c.header(
      'Content-Disposition',
      `${format === 'parquet' ? 'attachment' : 'inline'}; filename="rasd-incidents.${out.extension}"`,
    );
    return c.body(typeof out.body === 'string' ? out.body : (out.body as Uint8Array<ArrayBuffer>));
  };

  app.get('/api/incidents', (c) => list(c, 'json'));
  app.get('/api/incidents.json', (c) => list(c, 'json'));
  app.get('/api/incidents.csv', (c) => list(c, 'csv'));
  app.get('/api/incidents.geojson', (c) => list(c, 'geojson'));
  app.get('/api/incidents.parquet', (c) => list(c, 'parquet'));

  app.get('/api/incidents/:id', async (c) => {
    const id = c.req.param('id');
    const inc = await withTimeout(timeoutMs, store.getIncident(id));
    if (!inc) {
      const into = store.mergedInto ? await store.mergedInto(id) : null;
      throw new ApiError(
        404,
        'not_found',
        `no incident ${JSON.stringify(id)}`,
        into ? { merged_into: into } : undefined,
      );
    }
    return c.json(inc);
  });
  app.get('/api/articles/:id', async (c) => {
    const id = c.req.param('id');
    const a = await withTimeout(timeoutMs, store.getArticle(id));
    if (!a) throw new ApiError(404, 'not_found', `no article ${JSON.stringify(id)}`);
    return c.json(a);
  });
  app.get('/api/stats', async (c) => {
    const url = new URL(c.req.url);
    const filter = parseFilter(filterParams(url));
    const per_day = url.searchParams.get('_days') === '1';
    return c.json(await withTimeout(timeoutMs, store.stats(filter, per_day ? { per_day } : undefined)));
  });
  mountAcledRead(app, (filter, offset) => {
    if (!store.incidentsAtOffset)
      throw new ApiError(501, 'not_implemented', 'this store cannot read by page');
    return withTimeout(timeoutMs, store.incidentsAtOffset(filter, offset));
  });
  app.get('/api/openapi.json', (c) => c.json(openApiDocument({ serverUrl: new URL(c.req.url).origin })));
  mountDocs(app);
  mountReview(app, store, opts);
  if (opts.webRoot !== false) mountWeb(app, opts.webRoot);
  return app;
}
