/**
 * The API's bodies as zod schemas: the review routes validate their request bodies with them,
 * and the OpenAPI document's schemas are generated from them (z.toJSONSchema), so the
 * document and the code cannot drift apart. src/api/openapi.test.ts validates live responses
 * of every operation against these schemas.
 */
import { z } from 'zod';
import { ACLED_COLUMNS } from '../export/acled.js';
import { EVENT_TYPES, TARGETS, WEAPONS } from '../record/record.js';

const int = z.number().int();
const count = int.min(0);
const text = z.string();
const maybe = <T extends z.ZodType>(t: T) => t.nullable();
const span = z.tuple([count, count]);

export const ErrorBody = z
  .object({
    error: z.object({
      status: int,
      code: text.meta({ description: 'machine-readable: invalid_query, not_found, busy, …' }),
      message: text,
      details: z
        .unknown()
        .optional()
        .meta({ description: 'for a 400: [{param, message}] naming each bad parameter' }),
    }),
  })
  .meta({ id: 'Error' });

export const AcledError = ErrorBody.extend({ status: int, success: z.literal(false) }).meta({
  id: 'AcledError',
  description: "an error of /api/acled/read: ACLED's {status, success: false} around the one error shape",
});

export const IncidentSource = z
  .object({
    article_id: text,
    url: maybe(text),
    outlet: maybe(text),
    title: maybe(text),
    published: maybe(text),
    evidence: text.meta({ description: "the mention's evidence clause, exact text of the article" }),
    mention_id: int,
    spans: z.record(text, span).optional().meta({
      description:
        "[start, end) offsets into the article's text of the evidence, trigger, place, date, actor …",
    }),
    duplicate_of: maybe(text).optional(),
  })
  .meta({ id: 'IncidentSource' });

const Coreference = z
  .object({
    joins: z.array(
      z.object({
        mention_id: int,
        article_id: maybe(text),
        to_mention_id: int,
        to_article_id: maybe(text),
        km: maybe(z.number()),
        days: maybe(z.number()),
        evidence: z.array(z.object({ rule: text, detail: text.optional() })),
      }),
    ),
    may_be_one_of: z.array(text),
    pinned: z.boolean(),
  })
  .meta({ id: 'Coreference' });

const Disagreement = z
  .object({
    field: text,
    values: z.array(
      z.object({
        value: z.union([text, z.number(), z.boolean(), z.null()]),
        sources: z.array(z.object({ article_id: text, outlet: maybe(text), mention_id: int })),
      }),
    ),
  })
  .meta({ id: 'Disagreement' });

const ImpliedBy = z
  .object({
    rule: z.literal('site-hosts').meta({ description: 'site-hosts: the forces the curated site hosts' }),
    place_id: text.meta({ description: 'the gazetteer row the value comes from' }),
  })
  .meta({ id: 'ImpliedBy' });

const Implied = maybe(
  z.object({ target: ImpliedBy.optional() }).meta({
    description:
      'the fields no source states, each with its reason (no evidence span); null when every field is stated',
  }),
);

export const Incident = z
  .object({
    id: text,
    type: z.enum(EVENT_TYPES).meta({ description: 'ACLED sub-event type' }),
    date: maybe(text).meta({ description: 'YYYY-MM-DD, YYYY-MM or YYYY' }),
    place: text,
    place_id: text,
    place_ar: maybe(text).optional().meta({ description: "the place's Arabic name from the gazetteer" }),
    admin1_ar: maybe(text).optional().meta({ description: "the province's Arabic name from the gazetteer" }),
    lat: maybe(z.number()),
    lon: maybe(z.number()),
    geo_precision: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    country: text.meta({ description: 'ISO 3166-1 alpha-2' }),
    admin1: maybe(text),
    actor: maybe(text),
    actor_umbrella: maybe(text),
    target: maybe(z.enum(TARGETS)),
    weapon: maybe(z.enum(WEAPONS as [string, ...string[]])),
    munitions: maybe(count),
    killed: maybe(count),
    injured: maybe(count),
    intercepted: maybe(z.boolean()),
    implied: Implied.optional(),
    source_count: count,
    sources: z.array(IncidentSource),
    conflicts: z.array(text),
    review_status: z.enum(['unreviewed', 'confirmed', 'edited', 'rejected']),
    pinned: z.boolean().optional(),
    updated_at: text.meta({ description: 'ISO 8601 timestamp of the last change' }),
    coreference: Coreference.optional().meta({ description: 'incident detail only' }),
    disagreements: z.array(Disagreement).optional().meta({ description: 'incident detail only' }),
  })
  .meta({ id: 'Incident' });

export const JsonlIncident = Incident.extend({
  date_precision: maybe(z.enum(['day', 'month', 'year'])).meta({
    description: 'how precise date is: day, month or year (null: undated)',
  }),
}).meta({ id: 'JsonlIncident', description: 'one line of the JSON Lines export' });

const FacetValue = z.object({ value: text, count: count });
const FacetEntry = FacetValue.extend({
  ar: text.optional().meta({ description: "admin1: the province's Arabic name" }),
});

export const IncidentList = z
  .object({
    filter: z
      .record(text, z.unknown())
      .meta({ description: 'the filter as understood (canonical spellings)' }),
    total: count
      .optional()
      .meta({ description: 'with _count=1: every matching incident, not only this page' }),
    count,
    next_cursor: maybe(text),
    next: maybe(text).meta({ description: 'the URL of the next page (also in the Link header)' }),
    items: z.array(Incident),
    facets: z.record(text, z.array(FacetEntry)).optional().meta({
      description: 'with _facets=1: the top values of type, weapon, actor, country, admin1, target',
    }),
  })
  .meta({ id: 'IncidentList' });

const Scalar = z.union([text, z.number(), z.boolean(), z.null()]);

export const FeatureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: text,
        geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
        properties: z.record(text, Scalar).meta({
          description:
            "flat scalars: Rasd's fields, or ACLED's columns with _columns=acled (docs/data-dictionary.md)",
        }),
      }),
    ),
    skipped: count.meta({ description: 'foreign member: incidents left out for want of coordinates' }),
  })
  .meta({ id: 'FeatureCollection' });

export const ArticleMention = z.object({
  id: int,
  idx: count,
  incident_id: maybe(text),
  reviewed: z.boolean(),
  type: text,
  date: maybe(text),
  place: text,
  place_id: text,
  lat: maybe(z.number()),
  lon: maybe(z.number()),
  geo_precision: int,
  country: text,
  admin1: maybe(text),
  actor: maybe(text),
  actor_umbrella: maybe(text),
  target: maybe(text),
  weapon: maybe(text),
  munitions: maybe(count),
  killed: maybe(count),
  injured: maybe(count),
  intercepted: maybe(z.boolean()),
  evidence: text,
  spans: z.record(text, span),
  implied: Implied,
});

export const Article = z
  .object({
    id: text,
    url: maybe(text),
    outlet: maybe(text),
    title: maybe(text),
    published: maybe(text),
    text,
    duplicate_of: maybe(text),
    ingested_at: text,
    extractor_version: text,
    mentions: z.array(ArticleMention),
  })
  .meta({ id: 'Article' });

const PerDate = z.object({
  date: maybe(text).meta({ description: 'YYYY-MM-DD, YYYY-MM or YYYY as dated; null: undated' }),
  count,
});

export const Stats = z
  .object({
    per_week: z.array(z.object({ week: text, count })),
    per_type: z.array(FacetValue),
    per_actor: z.array(FacetValue),
    total: count,
    per_day: z
      .array(z.object({ day: text, count }))
      .optional()
      .meta({ description: 'with _days=1' }),
    per_date: z
      .array(PerDate)
      .optional()
      .meta({ description: 'with _dates=1: every incident per date as dated; the counts add up to total' }),
  })
  .meta({ id: 'Stats' });

export const Timeline = z
  .object({ total: count, per_date: z.array(PerDate) })
  .meta({ id: 'Timeline', description: 'the total and every incident per date as dated' });

export const DownloadTicket = z
  .object({
    url: text.meta({
      description: 'the export URL to follow, with its ticket when the server needs a read token',
    }),
    expires: z
      .string()
      .nullable()
      .meta({ description: 'when the ticket stops being good (ISO 8601), or null: no ticket needed' }),
  })
  .meta({ id: 'DownloadTicket', description: 'a link to one export that needs no Authorization header' });

export const MapView = z
  .object({
    clusters: z.array(
      z.object({
        lat: z.number().meta({ description: "the centroid of the cell's incidents" }),
        lon: z.number(),
        count,
        sources: count,
        types: z.record(text, count).meta({ description: 'incidents per event type' }),
        id: maybe(text).meta({ description: 'the incident, when the cell holds only one' }),
      }),
    ),
    located: count.meta({ description: 'incidents on the map in this view (the sum of the counts)' }),
    unlocated: count.meta({ description: 'incidents under the filters without coordinates' }),
    cell: z.number().meta({ description: "the grid's cell size in degrees" }),
  })
  .meta({ id: 'MapView' });

export const SourceArticles = z
  .object({
    total: count,
    offset: count,
    items: z.array(
      z.object({
        id: text,
        url: maybe(text),
        outlet: maybe(text),
        title: maybe(text),
        published: maybe(text),
        text,
        duplicate_of: maybe(text),
        mentions: z.array(z.object({ mention_id: int, evidence: text, spans: z.record(text, span) })),
      }),
    ),
  })
  .meta({ id: 'SourceArticles', description: "a page of an incident's source articles" });

export const PlaceSuggestions = z
  .object({
    items: z.array(
      z.object({
        id: text,
        name: text,
        ar: maybe(text),
        kind: text,
        country: text,
        admin1: maybe(text),
        lat: maybe(z.number()),
        lon: maybe(z.number()),
      }),
    ),
  })
  .meta({ id: 'PlaceSuggestions' });

export const ActorSuggestions = z
  .object({
    items: z.array(z.object({ name: text, ar: maybe(text), umbrella: maybe(text), kind: text })),
  })
  .meta({ id: 'ActorSuggestions' });

export const TownLabels = z
  .object({
    items: z.array(
      z.object({
        name: text,
        ar: maybe(text),
        lat: z.number(),
        lon: z.number(),
        rank: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      }),
    ),
  })
  .meta({ id: 'TownLabels' });

export const ReviewLog = z
  .object({
    incident_id: text,
    entries: z.array(
      z.object({
        id: int,
        incident_id: text,
        who: text,
        at: text,
        action: text,
        before: z.unknown(),
        after: z.unknown(),
      }),
    ),
  })
  .meta({ id: 'ReviewLog' });

export const SplitResult = z.object({ incident: Incident, created: Incident }).meta({ id: 'SplitResult' });

export const AcledRead = z
  .object({
    status: z.literal(200),
    success: z.literal(true),
    count,
    total_count: count,
    messages: z.array(z.unknown()),
    data: z.array(
      z
        .object(Object.fromEntries(ACLED_COLUMNS.map((c) => [c, text.optional()])))
        .meta({ description: 'ACLED columns, all as text (all 31, or those of fields)' }),
    ),
  })
  .meta({ id: 'AcledRead' });

const Who = z
  .string({ error: 'who: a name of at most 200 characters' })
  .max(200, { error: 'who: a name of at most 200 characters' })
  .nullable()
  .optional()
  .meta({ description: 'the reviewer (default "anonymous")' });

export const ReviewBody = z
  .looseObject({
    action: z.enum(['confirm', 'edit', 'reject', 'reset'], {
      error: 'action: one of confirm, edit, reject, reset',
    }),
    fields: z
      .record(text, z.unknown(), { error: 'fields: an object of field → value' })
      .optional()
      .meta({ description: 'for edit: field → value (type, date, place, …)' }),
    who: Who,
  })
  .meta({ id: 'ReviewBody' });

export const MergeBody = z
  .looseObject({
    other: z
      .string({ error: 'other: the id of the incident to merge into this one' })
      .min(1, { error: 'other: the id of the incident to merge into this one' }),
    who: Who,
  })
  .meta({ id: 'MergeBody' });

export const SplitBody = z
  .looseObject({
    mention_ids: z
      .array(int.positive(), { error: 'mention_ids: a non-empty list of mention ids' })
      .min(1, { error: 'mention_ids: a non-empty list of mention ids' }),
    who: Who,
  })
  .meta({ id: 'SplitBody' });

/**
 * Every schema above that has an id, as JSON Schema 2020-12 (what OpenAPI 3.1 uses), each
 * referring to the others as #/components/schemas/<id>.
 */
export function componentSchemas(): Record<string, Record<string, unknown>> {
  const all = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas as Record<string, Record<string, unknown>>;
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, schema] of Object.entries(all)) {
    const { $schema: _, $id: __, ...rest } = schema;
    out[id] = rest;
  }
  return out;
}
