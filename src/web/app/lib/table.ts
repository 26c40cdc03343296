/** Client-side ordering of the loaded rows by a column (pure, tested under node). */
import type { IncidentView } from './types.js';

type Value = string | number | null;

export function columnValue(i: IncidentView, col: string): Value {
  switch (col) {
    case 'sources':
      return i.source_count;
    case 'killed':
    case 'injured':
      return i[col];
    case 'date':
      return i.date;
    default:
      return ((i as unknown as Record<string, unknown>)[col] as string | null) ?? null;
  }
}

/** Sorts by `order` ('col' or '-col'); empty values last either way; ties keep the API's order. */
export function orderRows(
  rows: IncidentView[],
  order: string | null,
  text: (col: string, v: string) => string = (_, v) => v,
): IncidentView[] {
  if (!order) return rows;
  const desc = order.startsWith('-');
  const col = desc ? order.slice(1) : order;
  const keyed = rows.map((r, i) => ({ r, i, v: columnValue(r, col) }));
  keyed.sort((a, b) => {
    if (a.v == null || a.v === '') return b.v == null || b.v === '' ? a.i - b.i : 1;
    if (b.v == null || b.v === '') return -1;
    let c: number;
    if (typeof a.v === 'number' && typeof b.v === 'number') c = a.v - b.v;
    else c = text(col, String(a.v)).localeCompare(text(col, String(b.v)));
    return (desc ? -c : c) || a.i - b.i;
  });
  return keyed.map((k) => k.r);
}
