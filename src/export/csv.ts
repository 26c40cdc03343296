/**
 * A small RFC 4180 CSV writer. Fields are quoted only when they must be (a comma, a
 * double quote, CR or LF inside); quotes are doubled. Records end with `\n` (RFC 4180
 * says CRLF; every CSV reader we care about — Excel, LibreOffice, pandas, R, QGIS —
 * accepts LF, and LF is what ACLED's own exports use), including the last one.
 *
 * Spreadsheet formula injection (CWE-1236) is not this module's business: it would
 * also mangle negative numbers. See `guardFormula`, which callers apply to free-text
 * fields only.
 */

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: RFC 4180 escaped. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV record (without its line end). */
export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/** A whole CSV document: the header, then the rows, each line ended by `\n`. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  let out = csvRecord(header) + '\n';
  for (const row of rows) out += csvRecord(row) + '\n';
  return out;
}

/**
 * Cells a spreadsheet would read as a formula start with `=`, `+`, `-` or `@` (OWASP
 * also lists tab and CR, which some spreadsheets strip before parsing). Such a cell
 * gets a leading `'`, which Excel and LibreOffice show as a text marker. Apply it to
 * free-text fields only: a latitude of `-33.5` must stay a number.
 */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
