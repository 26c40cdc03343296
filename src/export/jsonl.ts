/**
 * Incidents as JSON Lines: one whole incident (sources included) per line, each line
 * ended by `\n`; no incidents gives ''. Each line also has `date_precision` (day, month,
 * year or null), so that a reader does not take "2019-12" for 1 December. U+2028 and
 * U+2029, which JSON allows raw but some line splitters (Python's str.splitlines) break
 * on, are written as escapes.
 */
import type { IncidentView } from '../incidents/types.js';
import { datePrecision } from './flat.js';

export function toJsonl(incidents: readonly IncidentView[]): string {
  let out = '';
  for (const inc of incidents) {
    const line = { ...inc, date_precision: datePrecision(inc.date) };
    out += JSON.stringify(line).replace(/[\u2028\u2029]/g, escapeSeparator) + '\n';
  }
  return out;
}

const escapeSeparator = (c: string) => `\\u${c.charCodeAt(0).toString(16)}`;
