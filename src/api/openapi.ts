/** The OpenAPI 3 description of the API, written by hand next to the routes it describes. */

const listParams = [
  {
    name: 'from',
    in: 'query',
    schema: { type: 'string' },
    description:
      'earliest date (YYYY, YYYY-MM or YYYY-MM-DD; years 0001 to 9999, 0001 = since the beginning)',
  },
  {
    name: 'to',
    in: 'query',
    schema: { type: 'string' },
    description: 'latest date (as from; not before from)',
  },
  {
    name: 'country',
    in: 'query',
    schema: { type: 'array', items: { type: 'string' } },
    explode: true,
    description: 'ISO 3166-1 alpha-2 codes',
  },
  { name: 'admin1', in: 'query', schema: { type: 'array', items: { type: 'string' } }, explode: true },
  {
    name: 'type',
    in: 'query',
    schema: { type: 'array', items: { type: 'string' } },
    explode: true,
    description: 'ACLED sub-event type',
  },
  { name: 'weapon', in: 'query', schema: { type: 'array', items: { type: 'string' } }, explode: true },
  {
    name: 'actor',
    in: 'query',
    schema: { type: 'array', items: { type: 'string' } },
    explode: true,
    description: 'an umbrella group includes its members',
  },
  { name: 'target', in: 'query', schema: { type: 'array', items: { type: 'string' } }, explode: true },
  {
    name: 'bbox',
    in: 'query',
    schema: { type: 'string' },
    description: 'west,south,east,north in degrees; west > east crosses the antimeridian (170,-10,-170,10)',
  },
  {
    name: 'q',
    in: 'query',
    schema: { type: 'string' },
    description: 'text search in the evidence (Arabic-normalized)',
  },
  { name: 'min_sources', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 2147483647 } },
  { name: 'sort', in: 'query', schema: { type: 'string', enum: ['date', '-date', 'sources', '-sources'] } },
  { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'opaque cursor from next_cursor' },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1 } },
];

const errorResponse = {
  description: 'error',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              status: { type: 'integer' },
              code: { type: 'string' },
              message: { type: 'string' },
              details: {},
            },
            required: ['status', 'code', 'message'],
          },
        },
      },
    },
  },
};

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 1000 } };
const security = [{ bearer: [] }];
const writeErrors = {
  400: errorResponse,
  401: { ...errorResponse, description: "no token, or not the server's RASD_TOKEN" },
  403: { ...errorResponse, description: 'writes are disabled (the server has no RASD_TOKEN)' },
  404: errorResponse,
};
const jsonBody = (properties: object, required: string[]) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', properties, required } } },
});
const who = { type: 'string', description: 'the reviewer (default "anonymous")', maxLength: 200 };

export function openApiDocument(maxPageSize: number) {
  const limit = listParams.map((p) =>
    p.name === 'limit' ? { ...p, schema: { ...p.schema, maximum: maxPageSize } } : p,
  );
  const listOp = (summary: string, mime: string) => ({
    get: {
      summary,
      parameters: limit,
      responses: {
        200: { description: 'a page of incidents', content: { [mime]: {} } },
        400: errorResponse,
        503: errorResponse,
      },
    },
  });
  return {
    openapi: '3.0.3',
    info: {
      title: 'Rasd API',
      version: '0.1.0',
      description: 'Conflict incidents extracted from Arabic news, with their sources and evidence.',
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'RASD_TOKEN for writes; RASD_READ_TOKEN (when set) for reads',
        },
      },
    },
    paths: {
      '/api/incidents': listOp('incidents matching the filters, with facets', 'application/json'),
      '/api/incidents.json': listOp('same as /api/incidents', 'application/json'),
      '/api/incidents.csv': listOp('the same page as ACLED-style CSV', 'text/csv'),
      '/api/incidents.geojson': listOp('the same page as GeoJSON', 'application/geo+json'),
      '/api/incidents.jsonl': listOp('the same page as JSON Lines', 'application/x-ndjson'),
      '/api/incidents/{id}': {
        get: {
          summary: 'one incident with every source article and evidence span',
          description:
            'Also `coreference` (why its mentions were joined: for each join the two mention ids, km, days apart and the named evidence rules; `may_be_one_of`: the incidents a coarse report may belong to) and `disagreements` (for each field in `conflicts`, which sources give which value).',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'the incident' }, 404: errorResponse },
        },
      },
      '/api/articles/{id}': {
        get: {
          summary: 'one stored article with its event mentions',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'the article' }, 404: errorResponse },
        },
      },
      '/api/stats': {
        get: {
          summary:
            'counts per week, type and actor (per day with _days=1; every incident per date as dated — YYYY-MM-DD, YYYY-MM, YYYY or null — with _dates=1)',
          parameters: limit,
          responses: { 200: { description: 'stats' }, 400: errorResponse },
        },
      },
      '/api/incidents/{id}/review': {
        post: {
          summary: 'confirm, edit, reject or reset an incident (logged; kept through reprocess)',
          security,
          parameters: [idParam],
          requestBody: jsonBody(
            {
              action: { type: 'string', enum: ['confirm', 'edit', 'reject', 'reset'] },
              fields: { type: 'object', description: 'for edit: field → value (type, date, place, …)' },
              who,
            },
            ['action'],
          ),
          responses: { 200: { description: 'the incident after the review' }, ...writeErrors },
        },
      },
      '/api/incidents/{id}/merge': {
        post: {
          summary: 'merge another incident into this one (its mentions join; it is deleted)',
          security,
          parameters: [idParam],
          requestBody: jsonBody({ other: { type: 'string' }, who }, ['other']),
          responses: { 200: { description: 'the merged incident' }, ...writeErrors },
        },
      },
      '/api/incidents/{id}/split': {
        post: {
          summary: 'move the given mentions (sources[].mention_id) to a new incident',
          security,
          parameters: [idParam],
          requestBody: jsonBody(
            { mention_ids: { type: 'array', items: { type: 'integer' }, minItems: 1 }, who },
            ['mention_ids'],
          ),
          responses: { 201: { description: '{incident, created}' }, ...writeErrors },
        },
      },
      '/api/incidents/{id}/log': {
        get: {
          summary: 'the review log of an incident: who, when, action, fields before and after',
          parameters: [idParam],
          responses: { 200: { description: '{incident_id, entries}' }, 404: errorResponse },
        },
      },
      '/api/map': {
        get: {
          summary: 'every incident under the filters in the view, counted per grid cell of the zoom',
          description:
            '`_zoom` (0–22, default 5) and `_view` (west,south,east,north; default the world) choose the grid: cells of about 60 px. Answers `{clusters: [{lat, lon, count, sources, types, id}], located, unlocated, cell}`; `id` is set when a cell holds one incident.',
          parameters: [
            ...limit.filter((p) => p.name !== 'limit' && p.name !== 'cursor' && p.name !== 'sort'),
            { name: '_zoom', in: 'query', schema: { type: 'number', minimum: 0, maximum: 22 } },
            { name: '_view', in: 'query', schema: { type: 'string' }, description: 'west,south,east,north' },
          ],
          responses: { 200: { description: 'the clusters' }, 400: errorResponse },
        },
      },
      '/api/timeline': {
        get: {
          summary: 'the total and every incident per date as dated (YYYY-MM-DD, YYYY-MM, YYYY or null)',
          parameters: limit.filter((p) => p.name !== 'limit' && p.name !== 'cursor' && p.name !== 'sort'),
          responses: { 200: { description: '{total, per_date}' }, 400: errorResponse },
        },
      },
      '/api/incidents/{id}/articles': {
        get: {
          summary: "an incident's source articles (text and highlight spans), a page at a time",
          parameters: [
            idParam,
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
          ],
          responses: { 200: { description: '{total, offset, items}' }, 404: errorResponse },
        },
      },
      '/api/places': {
        get: {
          summary: 'gazetteer places whose English or Arabic name matches q (for autocomplete)',
          parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }],
          responses: { 200: { description: '{items: [{id, name, ar, kind, country, admin1, lat, lon}]}' } },
        },
      },
      '/api/actors': {
        get: {
          summary: 'lexicon actors whose English or Arabic name matches q (for autocomplete)',
          parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }],
          responses: { 200: { description: '{items: [{name, ar, umbrella, kind}]}' } },
        },
      },
      '/api/towns': {
        get: {
          summary: "the map's town labels from the gazetteer (cities and towns by population)",
          responses: { 200: { description: '{items: [{name, ar, lat, lon, rank}]}' } },
        },
      },
      '/api/openapi.json': {
        get: { summary: 'this document', responses: { 200: { description: 'OpenAPI 3' } } },
      },
    },
  };
}
