/**
 * Text as stored (its own module: ingest needs it without loading the extractor).
 *
 * Makes text safe to store without moving any offset: NUL (which PostgreSQL text cannot
 * hold) and lone surrogates (which UTF-8 cannot encode) become U+FFFD, one code unit each.
 */
export function storableText(s: string): string {
  return s.replace(
    /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}
