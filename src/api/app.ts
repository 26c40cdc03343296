/**
 * The REST API. `createApp(store)` takes its store as a parameter (json-server style):
 * the app routes, the store decides. Every list view has .json, .csv and .geojson twins
 * over the same URL filters; one error shape everywhere:
 *   { "error": { "status": 400, "code": "invalid_query", "message": "…", "details": [...] } }
 */

import type { Context } from 'hono';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { HostLostError, StoreBusyError } from '../db/errors.js';
import { InputError } from '../db/input-error.js';
import { type ExportOptions, exportIncidents, toGeoJson } from '../export/index.js';
import type { IncidentView } from '../incidents/types.js';
import { suggestActors, suggestPlaces, townLabels } from '../places/names.js';
import type { MapView, SourceArticle, Stats } from '../store/store.js';
import { type AcledReadStore, mountAcledRead } from './acled-read.js';
import { mountDocs } from './docs.js';
import { ApiError } from './errors.js';
import { filterToQuery, type IncidentFilter, MAX_PAGE_SIZE, parseFilter } from './filters.js';
import { openApiDocument } from './openapi.js';
import { exportOptionsOf, flag, numberParam, viewOption, zoomOption } from './options.js';
import { mountReview, type ReviewStore } from './review.js';
import { downloadTicket, readGuard, type TokenOptions } from './tokens.js';
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
  stats(f: IncidentFilter, opts?: { per_day?: boolean; per_date?: boolean }): Promise<unknown>;
  /** page-numbered reading, for /api/acled/read (501 without it) */
  incidentsAtOffset?: AcledReadStore['incidentsAtOffset'];
  countIncidents?(f: IncidentFilter): Promise<number>;
  timeline?(
    f: IncidentFilter,
  ): Promise<{ total: number; per_date: { date: string | null; count: number }[] }>;
  mapClusters?(
    f: IncidentFilter,
    opts: { zoom: number; view: [number, number, number, number] },
  ): Promise<MapView>;
  incidentArticles?(
    id: string,
    opts: { offset?: number; limit?: number },
  ): Promise<{ total: number; offset: number; items: SourceArticle[] } | null>;
}

export type { Stats };

type ExportKind = 'csv' | 'geojson' | 'jsonl';
type ListFormat = 'json' | ExportKind | 'parquet';
const EXPORT_OF = { csv: 'acled-csv', geojson: 'geojson', jsonl: 'jsonl', parquet: 'parquet' } as const;

export interface AppOptions extends TokenOptions {
  /** longest a query may run before the API answers 503 */
  queryTimeoutMs?: number;
  /** the dashboard's built files (default dist/web); false: no dashboard */
  webRoot?: string | false;
  /** where an unexpected error (a 500) is reported (default console.error) */
  onInternalError?: (err: unknown) => void;
  /** called after every response (request logs) */
  onResponse?: (r: { method: string; path: string; status: number; ms: number }) => void;
  /** the clock download tickets are made and checked by (tests) */
  now?: () => number;
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
  const ticketClock = opts.now ?? Date.now;
  app.use('/api/*', readGuard(opts, ticketClock));
  // gzip (or deflate) when the client accepts it; streamed exports are compressed as they go
  app.use(
    '/api/*',
    compress({ contentTypeFilter: (t) => /^(text\/|application\/(json|geo\+json|x-ndjson))/.test(t) }),
  );

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

  /**
   * Every matching row, page by page (keyset), written as it is read: memory stays at one
   * page whatever the size of the result (`_stream=1` on the .csv, .geojson and .jsonl twins).
   */
  const streamExport = (c: Context, filter: IncidentFilter, kind: ExportKind, exportOpts: ExportOptions) => {
    const format = EXPORT_OF[kind];
    const enc = new TextEncoder();
    let cursor: string | undefined = filter.cursor;
    let first = true;
    let wrote = 0;
    let skipped = 0;
    let done = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(ctl) {
        if (done) return;
        try {
          const page = await withTimeout(
            timeoutMs,
            store.listIncidents({ ...filter, cursor, limit: MAX_PAGE_SIZE }),
          );
          let chunk = '';
          if (kind === 'geojson') {
            if (first) chunk += '{"type":"FeatureCollection","features":[';
            const fc = toGeoJson(page.items, exportOpts);
            skipped += fc.skipped;
            for (const f of fc.features) {
              chunk += (wrote ? ',' : '') + JSON.stringify(f);
              wrote++;
            }
          } else if (kind === 'csv') {
            const text = exportIncidents(page.items, format, exportOpts).body;
            // the header once, on the first page
            chunk = first ? text : text.slice(text.indexOf('\n') + 1);
          } else chunk = exportIncidents(page.items, format, exportOpts).body;
          first = false;
          cursor = page.next_cursor ?? undefined;
          if (!page.next_cursor) {
            done = true;
            if (kind === 'geojson') chunk += `],"skipped":${skipped}}\n`;
          }
          if (chunk) ctl.enqueue(enc.encode(chunk));
          if (done) ctl.close();
        } catch (err) {
          (opts.onInternalError ?? console.error)(err);
          done = true;
          ctl.error(err);
        }
      },
    });
    const out = exportIncidents([], format);
    c.header('Content-Type', out.contentType);
    c.header('Content-Disposition', `attachment; filename="rasd-incidents.${out.extension}"`);
    return c.body(body);
  };

  const list = async (c: Context, format: ListFormat) => {
    const url = new URL(c.req.url);
    const filter = parseFilter(filterParams(url));
    const exportOpts = exportOptionsOf(url);
    if (format !== 'json' && format !== 'parquet' && flag(url, '_stream')) {
      if (filter.limit != null)
        throw new InputError('limit', 'not with _stream=1 (a stream holds every matching row)');
      return streamExport(c, filter, format, exportOpts);
    }
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
      const wantFacets = flag(url, '_facets');
      const facets = wantFacets
        ? await withTimeout(timeoutMs, store.facets({ ...filter, cursor: undefined }))
        : undefined;
      // the number of every match on request (?_count=1): the dashboard's header
      const unpaged = { ...filter, cursor: undefined };
      const total = !flag(url, '_count')
        ? undefined
        : store.countIncidents
          ? await withTimeout(timeoutMs, store.countIncidents(unpaged))
          : ((await withTimeout(timeoutMs, store.stats(unpaged))) as Stats).total;
      return c.json({
        filter,
        ...(total != null ? { total } : {}),
        count: page.items.length,
        next_cursor: page.next_cursor,
        next,
        items: page.items,
        facets,
      });
    }
    const out = exportIncidents(page.items, EXPORT_OF[format], exportOpts);
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
  app.get('/api/incidents.jsonl', (c) => list(c, 'jsonl'));
  app.get('/api/incidents.parquet', (c) => list(c, 'parquet'));

  app.get('/api/map', async (c) => {
    if (!store.mapClusters) throw new ApiError(501, 'not_implemented', 'this store has no map');
    const url = new URL(c.req.url);
    const filter = parseFilter(filterParams(url));
    const zoom = zoomOption(url);
    const view = viewOption(url);
    return c.json(await withTimeout(timeoutMs, store.mapClusters(filter, { zoom, view })));
  });
  app.get('/api/timeline', async (c) => {
    const filter = parseFilter(filterParams(new URL(c.req.url)));
    if (!store.timeline) return c.json(await withTimeout(timeoutMs, store.stats(filter, { per_date: true })));
    return c.json(await withTimeout(timeoutMs, store.timeline(filter)));
  });
  app.get('/api/incidents/:id/articles', async (c) => {
    if (!store.incidentArticles) throw new ApiError(501, 'not_implemented', 'this store has no articles');
    const id = c.req.param('id');
    const url = new URL(c.req.url);
    const unknown = [...url.searchParams.keys()].find((k) => k !== 'offset' && k !== 'limit');
    if (unknown) throw new InputError(unknown, 'not a parameter (offset, limit)');
    const offset = numberParam(url, 'offset', 0, 2 ** 31 - 1) ?? 0;
    const limit = numberParam(url, 'limit', 1, 100) ?? 10;
    const page = await withTimeout(
      timeoutMs,
      store.incidentArticles(id, { offset: Math.floor(offset), limit: Math.floor(limit) }),
    );
    if (!page) throw new ApiError(404, 'not_found', `no incident ${JSON.stringify(id)}`);
    return c.json(page);
  });
  app.get('/api/places', (c) => {
    const url = new URL(c.req.url);
    const q = url.searchParams.get('q') ?? '';
    if (q.length > 100) throw new InputError('q', 'longer than 100 characters');
    const limit = numberParam(url, 'limit', 1, 50) ?? 20;
    return c.json({ items: suggestPlaces(q, Math.floor(limit)) });
  });
  app.get('/api/actors', (c) => {
    const url = new URL(c.req.url);
    const q = url.searchParams.get('q') ?? '';
    if (q.length > 100) throw new InputError('q', 'longer than 100 characters');
    const limit = numberParam(url, 'limit', 1, 50) ?? 20;
    return c.json({ items: suggestActors(q, Math.floor(limit)) });
  });
  // a ticket for a download link (a link carries no Authorization header): with a read token
  // configured, the export URL signed for two minutes; with none, the URL as it is
  app.get('/api/download-ticket', (c) => {
    const path = new URL(c.req.url).searchParams.get('path') ?? '';
    if (
      !/^\/api\/incidents\.(?:csv|geojson|jsonl|parquet|json)(?:\?|$)/.test(path) ||
      /[?&]_ticket=/.test(path)
    )
      throw new InputError(
        'path',
        'an export URL of /api/incidents (.csv, .geojson, .jsonl, .parquet, .json)',
      );
    if (!opts.readToken) return c.json({ url: path, expires: null });
    const ticket = downloadTicket(opts.readToken, path, ticketClock());
    const url = `${path}${path.includes('?') ? '&' : '?'}_ticket=${encodeURIComponent(ticket)}`;
    return c.json({ url, expires: new Date(Number(ticket.split('.')[0]) * 1000).toISOString() });
  });
  app.get('/api/towns', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.json({ items: townLabels() });
  });

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
    const per_day = flag(url, '_days');
    const per_date = flag(url, '_dates');
    const opts =
      per_day || per_date
        ? { ...(per_day ? { per_day } : {}), ...(per_date ? { per_date } : {}) }
        : undefined;
    return c.json(await withTimeout(timeoutMs, store.stats(filter, opts)));
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
