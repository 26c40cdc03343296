/**
 * The OpenAPI 3.1 description of the API. The query parameters of the list views come from
 * the store's filter table (src/db/filter.ts) and every body's schema from the zod
 * schemas the code uses (src/api/schemas.ts), so neither is written twice.
 * src/api/openapi.test.ts lints it with Redocly's recommended rules and validates live
 * responses of every operation against it.
 */
import { API_FILTERS, type FilterDef } from '../db/filter.js';
import { ACLED_READ_DEFAULT_LIMIT, ACLED_READ_MAX_LIMIT } from './acled-read.js';
import { optionParameter } from './options.js';
import { componentSchemas } from './schemas.js';

type Json = Record<string, unknown>;
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (schema: Json, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

function filterParameter(d: FilterDef): Json {
  const list = d.kind === 'list';
  return {
    name: d.name,
    in: 'query',
    description: list
      ? `${d.description} (repeat the parameter or separate values with commas)`
      : d.description,
    schema: d.schema,
    ...(list ? { style: 'form', explode: true } : {}),
  };
}

const FACETS = optionParameter('_facets');
const COUNT = optionParameter('_count');
const DAYS = optionParameter('_days');
const DATES = optionParameter('_dates');
const STREAM = optionParameter('_stream');
const COLUMNS = optionParameter('_columns');
const INTER = optionParameter('_inter');

const error = (description: string) => json(ref('Error'), description);
const readErrors = {
  400: error('a bad parameter: `details` names each one ([{param, message}]) and the values allowed'),
  401: error('RASD_READ_TOKEN is set and the request has no token or another one'),
  503: {
    ...error('the database is busy or the query took too long: try again after Retry-After seconds'),
    headers: { 'Retry-After': { description: 'seconds', schema: { type: 'integer' } } },
  },
};
const notFound = { 404: error('no such incident or article (a merged incident: `details.merged_into`)') };
const writeErrors = {
  400: error('a bad body or field: `details` names it'),
  401: error("no token, or not the server's RASD_TOKEN"),
  403: error('writes are disabled (the server has no RASD_TOKEN)'),
  404: error('no such incident'),
  413: error('the body is larger than 64 KiB'),
  415: error('the body is not sent as application/json'),
  503: readErrors[503],
};
const readSecurity = [{}, { readToken: [] }];
const suggestParams = [
  {
    name: 'q',
    in: 'query',
    description: 'the name typed so far, English or Arabic (folded; at most 100 characters)',
    schema: { type: 'string', maxLength: 100 },
  },
  {
    name: 'limit',
    in: 'query',
    description: 'suggestions (default 20)',
    schema: { type: 'integer', minimum: 1, maximum: 50 },
  },
];
const writeSecurity = [{ writeToken: [] }];
const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'the incident id',
  schema: { type: 'string', maxLength: 1000 },
};
const body = (id: string) => ({ required: true, content: { 'application/json': { schema: ref(id) } } });
const link = {
  Link: {
    description: 'the next page: <url>; rel="next" (absent on the last page)',
    schema: { type: 'string' },
  },
};

const filterParams = API_FILTERS.map(filterParameter);
/** The filters of a view over every match (no page: no sort, cursor or limit). */
const wholeFilterParams = API_FILTERS.filter((d) => !['sort', 'cursor', 'limit'].includes(d.name)).map(
  filterParameter,
);

const listOp = (operationId: string, summary: string, response: Json, extra: Json[]) => ({
  get: {
    operationId,
    tags: [operationId === 'listIncidents' || operationId === 'listIncidentsJson' ? 'incidents' : 'exports'],
    summary,
    security: readSecurity,
    parameters: [...filterParams, ...extra],
    responses: { 200: { ...response, headers: link }, ...readErrors },
  },
});

const ACLED_PARAMS: Json[] = [
  {
    name: 'country',
    description:
      'ACLED country name(s) or any spelling of /api/incidents?country; several as `Iraq|Syria` or `Iraq:OR:country=Syria`',
  },
  { name: 'iso', description: 'ISO 3166-1 numeric code(s), as country' },
  { name: 'event_date', description: 'YYYY-MM-DD; with event_date_where=BETWEEN two dates `from|to`' },
  {
    name: 'event_date_where',
    description: 'how event_date compares',
    schema: { type: 'string', enum: ['=', '>', '>=', '<', '<=', 'BETWEEN'] },
  },
  { name: 'year', description: 'a year YYYY', schema: { type: 'string', pattern: '^\\d{4}$' } },
  { name: 'event_type', description: 'ACLED event type(s), `|`-separated' },
  { name: 'sub_event_type', description: 'ACLED sub-event type(s), `|`-separated' },
  { name: 'fields', description: 'the columns to return, `|`-separated (default all 31)' },
  {
    name: 'limit',
    description: `rows per page (default ${ACLED_READ_DEFAULT_LIMIT})`,
    schema: { type: 'integer', minimum: 1, maximum: ACLED_READ_MAX_LIMIT },
  },
  { name: 'page', description: '1-based page number', schema: { type: 'integer', minimum: 1 } },
  {
    name: 'inter_format',
    description: 'inter columns as text (default) or numeric',
    schema: { type: 'string', enum: ['text', 'numeric'] },
  },
  { name: 'key', description: "ACLED's API key: accepted and ignored" },
  { name: 'email', description: "ACLED's account email: accepted and ignored" },
].map((p) => ({ in: 'query', schema: { type: 'string' }, ...p }));

/** The OpenAPI document; `serverUrl` is the origin it is served from. */
export function openApiDocument(opts: { serverUrl?: string } = {}) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rasd API',
      version: '0.1.0',
      description:
        'Conflict incidents extracted from Arabic news, with their sources and evidence. Errors have one shape, `{"error": {"status", "code", "message", "details"}}`. Column meanings: docs/data-dictionary.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: opts.serverUrl ?? 'http://127.0.0.1:8080', description: 'this Rasd server' }],
    tags: [
      { name: 'incidents', description: 'incidents and the filters over them' },
      { name: 'exports', description: 'the same pages as ACLED CSV, GeoJSON, JSON Lines and Parquet' },
      { name: 'articles', description: 'stored source articles' },
      { name: 'stats', description: 'counts for charts' },
      { name: 'review', description: 'confirm, edit, reject, merge and split incidents (RASD_TOKEN)' },
      { name: 'acled', description: "ACLED's API, for scripts written for it" },
      { name: 'meta', description: 'this document and its try-it page' },
    ],
    components: {
      securitySchemes: {
        readToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'RASD_READ_TOKEN (or RASD_TOKEN), needed for reads only when the server sets RASD_READ_TOKEN',
        },
        writeToken: { type: 'http', scheme: 'bearer', description: 'RASD_TOKEN, needed for every write' },
      },
      schemas: componentSchemas(),
    },
    paths: {
      '/api/incidents': listOp(
        'listIncidents',
        'incidents matching the filters, a page at a time (facets with _facets=1, the total with _count=1)',
        json(ref('IncidentList'), 'a page of incidents'),
        [FACETS, COUNT],
      ),
      '/api/incidents.json': listOp(
        'listIncidentsJson',
        'same as /api/incidents',
        json(ref('IncidentList'), 'a page of incidents'),
        [FACETS, COUNT],
      ),
      '/api/incidents.csv': listOp(
        'listIncidentsCsv',
        'the same page as an ACLED CSV (31 columns, docs/data-dictionary.md); every match with _stream=1',
        { description: 'ACLED CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
        [INTER, STREAM],
      ),
      '/api/incidents.geojson': listOp(
        'listIncidentsGeojson',
        'the same page as GeoJSON points (flat scalar properties; `skipped` counts incidents without coordinates); every match with _stream=1',
        { description: 'GeoJSON', content: { 'application/geo+json': { schema: ref('FeatureCollection') } } },
        [COLUMNS, INTER, STREAM],
      ),
      '/api/incidents.jsonl': listOp(
        'listIncidentsJsonl',
        'the same page as JSON Lines (one incident of /api/incidents per line); every match with _stream=1',
        {
          description: 'JSON Lines',
          content: {
            'application/x-ndjson': {
              schema: {
                type: 'string',
                contentMediaType: 'application/x-ndjson',
                description: 'one JSON object per line, each a JsonlIncident (the schema of contentSchema)',
                contentSchema: ref('JsonlIncident'),
              },
            },
          },
        },
        [STREAM],
      ),
      '/api/incidents.parquet': listOp(
        'listIncidentsParquet',
        'the same page as a Parquet file (typed columns)',
        {
          description: 'Parquet',
          content: {
            'application/vnd.apache.parquet': {
              schema: { type: 'string', contentMediaType: 'application/vnd.apache.parquet' },
            },
          },
        },
        [COLUMNS, INTER],
      ),
      '/api/incidents/{id}': {
        get: {
          operationId: 'getIncident',
          tags: ['incidents'],
          summary: 'one incident with every source article and evidence span',
          description:
            'Also `coreference` (why its mentions were joined) and `disagreements` (for each field in `conflicts`, which sources give which value).',
          security: readSecurity,
          parameters: [idParam],
          responses: {
            200: json(ref('Incident'), 'the incident'),
            ...notFound,
            401: readErrors[401],
            503: readErrors[503],
          },
        },
      },
      '/api/articles/{id}': {
        get: {
          operationId: 'getArticle',
          tags: ['articles'],
          summary: 'one stored article with its event mentions',
          security: readSecurity,
          parameters: [{ ...idParam, description: 'the article id' }],
          responses: {
            200: json(ref('Article'), 'the article'),
            ...notFound,
            401: readErrors[401],
            503: readErrors[503],
          },
        },
      },
      '/api/stats': {
        get: {
          operationId: 'getStats',
          tags: ['stats'],
          summary:
            'counts per week, type and actor (per day with _days=1; every incident per date as dated with _dates=1)',
          security: readSecurity,
          parameters: [...wholeFilterParams, DAYS, DATES],
          responses: { 200: json(ref('Stats'), 'the counts'), ...readErrors },
        },
      },
      '/api/incidents/{id}/review': {
        post: {
          operationId: 'reviewIncident',
          tags: ['review'],
          summary: 'confirm, edit, reject or reset an incident (logged; kept through reprocess)',
          security: writeSecurity,
          parameters: [idParam],
          requestBody: body('ReviewBody'),
          responses: { 200: json(ref('Incident'), 'the incident after the review'), ...writeErrors },
        },
      },
      '/api/incidents/{id}/merge': {
        post: {
          operationId: 'mergeIncident',
          tags: ['review'],
          summary: 'merge another incident into this one (its mentions join; it is deleted)',
          security: writeSecurity,
          parameters: [idParam],
          requestBody: body('MergeBody'),
          responses: { 200: json(ref('Incident'), 'the merged incident'), ...writeErrors },
        },
      },
      '/api/incidents/{id}/split': {
        post: {
          operationId: 'splitIncident',
          tags: ['review'],
          summary: 'move the given mentions (sources[].mention_id) to a new incident',
          security: writeSecurity,
          parameters: [idParam],
          requestBody: body('SplitBody'),
          responses: { 201: json(ref('SplitResult'), 'the incident and the new one'), ...writeErrors },
        },
      },
      '/api/incidents/{id}/log': {
        get: {
          operationId: 'getReviewLog',
          tags: ['review'],
          summary: 'the review log of an incident: who, when, action, fields before and after',
          security: readSecurity,
          parameters: [idParam],
          responses: {
            200: json(ref('ReviewLog'), 'the log'),
            ...notFound,
            401: readErrors[401],
            503: readErrors[503],
          },
        },
      },
      '/api/acled/read': {
        get: {
          operationId: 'acledRead',
          tags: ['acled'],
          summary: "ACLED's API: its parameter names and {status, success, count, data} envelope",
          description:
            'Change the base URL of a script written for ACLED’s API to read Rasd. Rows newest first; every value a string.',
          security: readSecurity,
          parameters: ACLED_PARAMS,
          responses: {
            200: json(ref('AcledRead'), 'a page of ACLED rows'),
            400: json(ref('AcledError'), 'a bad parameter: `error.details` names it'),
            401: json(ref('AcledError'), readErrors[401].description),
            503: {
              ...json(ref('AcledError'), readErrors[503].description),
              headers: readErrors[503].headers,
            },
          },
        },
      },
      '/api/map': {
        get: {
          operationId: 'getMap',
          tags: ['incidents'],
          summary: 'every incident under the filters in the view, counted per grid cell of the zoom',
          description:
            '`_zoom` and `_view` choose the grid: cells of about 60 px. A cell holding one incident carries its `id`.',
          security: readSecurity,
          parameters: [...wholeFilterParams, optionParameter('_zoom'), optionParameter('_view')],
          responses: {
            200: json(ref('MapView'), 'the clusters'),
            ...readErrors,
            501: error('this store has no map'),
          },
        },
      },
      '/api/timeline': {
        get: {
          operationId: 'getTimeline',
          tags: ['stats'],
          summary: 'the total and every incident per date as dated (YYYY-MM-DD, YYYY-MM, YYYY or null)',
          security: readSecurity,
          parameters: wholeFilterParams,
          responses: { 200: json(ref('Timeline'), 'the timeline'), ...readErrors },
        },
      },
      '/api/incidents/{id}/articles': {
        get: {
          operationId: 'getIncidentArticles',
          tags: ['articles'],
          summary: "an incident's source articles (text and highlight spans), a page at a time",
          security: readSecurity,
          parameters: [
            idParam,
            {
              name: 'offset',
              in: 'query',
              description: 'articles to skip (default 0)',
              schema: { type: 'integer', minimum: 0, maximum: 2 ** 31 - 1 },
            },
            {
              name: 'limit',
              in: 'query',
              description: 'articles per page (default 10)',
              schema: { type: 'integer', minimum: 1, maximum: 100 },
            },
          ],
          responses: {
            200: json(ref('SourceArticles'), 'a page of articles'),
            ...readErrors,
            ...notFound,
            501: error('this store has no articles'),
          },
        },
      },
      '/api/places': {
        get: {
          operationId: 'suggestPlaces',
          tags: ['meta'],
          summary: 'gazetteer places whose English or Arabic name matches q (for autocomplete)',
          security: readSecurity,
          parameters: suggestParams,
          responses: { 200: json(ref('PlaceSuggestions'), 'the places, best first'), ...readErrors },
        },
      },
      '/api/actors': {
        get: {
          operationId: 'suggestActors',
          tags: ['meta'],
          summary: 'lexicon actors whose English or Arabic name matches q (for autocomplete)',
          security: readSecurity,
          parameters: suggestParams,
          responses: { 200: json(ref('ActorSuggestions'), 'the actors, best first'), ...readErrors },
        },
      },
      '/api/download-ticket': {
        get: {
          operationId: 'getDownloadTicket',
          tags: ['incidents'],
          summary:
            'a link to one export that carries no Authorization header: with RASD_READ_TOKEN set, the URL with a `_ticket` good for two minutes for that URL only',
          security: readSecurity,
          parameters: [
            {
              name: 'path',
              in: 'query',
              required: true,
              description: 'the export URL, path and query (/api/incidents.csv?country=IQ&_stream=1)',
              schema: { type: 'string', pattern: '^/api/incidents\\.(csv|geojson|jsonl|parquet|json)' },
            },
          ],
          responses: {
            200: json(ref('DownloadTicket'), 'the link'),
            400: readErrors[400],
            401: readErrors[401],
          },
        },
      },
      '/api/towns': {
        get: {
          operationId: 'getTowns',
          tags: ['meta'],
          summary: "the map's town labels from the gazetteer (cities and towns by population)",
          security: readSecurity,
          responses: { 200: json(ref('TownLabels'), 'the labels'), 401: readErrors[401] },
        },
      },
      '/api/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          tags: ['meta'],
          summary: 'this document',
          security: readSecurity,
          responses: { 200: json({ type: 'object' }, 'OpenAPI 3.1'), 401: readErrors[401] },
        },
      },
      '/api/docs': {
        get: {
          operationId: 'getDocs',
          tags: ['meta'],
          summary: 'a page to try the API from a browser',
          security: readSecurity,
          responses: {
            200: { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } },
            401: readErrors[401],
          },
        },
      },
    },
  };
}
