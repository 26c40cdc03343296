/**
 * URL query → incident filter. Datasette-style: every filter lives in the URL, lists are
 * repeated or comma-separated parameters (?type=A&type=B or ?type=A,B).
 */
import { z } from 'zod';
import type { IncidentFilter } from '../store/filter.js';

/** The filter the API accepts is the store's (src/store/filter.ts), minus review_status. */
export type { IncidentFilter } from '../store/filter.js';

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

const date = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(s.length === 4 ? `${s}-01-01` : s.length === 7 ? `${s}-01` : s)),
    'not a calendar date',
  );
const list = z.array(z.string().min(1).max(200)).max(50);

const schema = z
  .object({
    from: date.optional(),
    to: date.optional(),
    country: list.optional(),
    admin1: list.optional(),
    type: list.optional(),
    weapon: list.optional(),
    actor: list.optional(),
    target: list.optional(),
    bbox: z
      .string()
      .transform((s, ctx) => {
        const parts = s.split(',').map(Number);
        if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
          ctx.addIssue({ code: 'custom', message: 'bbox is west,south,east,north in degrees' });
          return z.NEVER;
        }
        const [w, s2, e, n] = parts;
        if (w < -180 || e > 180 || s2 < -90 || n > 90 || w > e || s2 > n) {
          ctx.addIssue({ code: 'custom', message: 'bbox is out of range or inverted' });
          return z.NEVER;
        }
        return parts as [number, number, number, number];
      })
      .optional(),
    q: z.string().min(1).max(200).optional(),
    min_sources: z.coerce.number().int().min(1).max(10000).optional(),
    sort: z.enum(['date', '-date', 'sources', '-sources']).optional(),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  })
  .strict();

const LIST_KEYS = ['country', 'admin1', 'type', 'weapon', 'actor', 'target'] as const;

export class FilterError extends Error {
  constructor(
    message: string,
    readonly details: { param: string; message: string }[],
  ) {
    super(message);
  }
}

/** Parses a URLSearchParams into a filter; throws FilterError naming each bad parameter. */
export function parseFilter(params: URLSearchParams): IncidentFilter {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if ((LIST_KEYS as readonly string[]).includes(key)) {
      raw[key] = values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean);
    } else {
      raw[key] = values[values.length - 1];
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({
      param:
        i.path.join('.') ||
        (i.code === 'unrecognized_keys' ? ((i as { keys?: string[] }).keys?.join(',') ?? '') : ''),
      message: i.message,
    }));
    throw new FilterError('invalid query parameters', details);
  }
  const f = parsed.data as IncidentFilter;
  if (f.from && f.to && f.from > f.to)
    throw new FilterError('invalid query parameters', [{ param: 'from', message: 'from is after to' }]);
  return f;
}

/** The filter back as a query string (for next-page links and the dashboard's URLs). */
export function filterToQuery(f: IncidentFilter): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      if (k === 'bbox') p.set(k, v.join(','));
      else for (const x of v) p.append(k, String(x));
    } else p.set(k, String(v));
  }
  return p.toString();
}
