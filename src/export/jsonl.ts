/**
 * Incidents as JSON Lines: one whole incident (sources included) per line, each line
 * ended by `\n`; no incidents gives ''. U+2028 and U+2029, which JSON allows raw but
 * some line splitters (Python's str.splitlines) break on, are written as escapes.
 */
import type { IncidentView } from '../store/types.js';

export function toJsonl(incidents: readonly IncidentView[]): string {
  let out = '';
  for (const inc of incidents) out += JSON.stringify(inc).replace(/[\u2028\u2029]/g, escapeSeparator) + '\n';
  return out;
}

const escapeSeparator = (c: string) => `\\u${c.charCodeAt(0).toString(16)}`;
