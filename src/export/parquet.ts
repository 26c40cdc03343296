/**
 * Incidents as an Apache Parquet file (hyparquet-writer), for pandas, R (arrow), DuckDB and
 * Spark: one row per incident, ACLED's columns (default) or Rasd's (src/export/flat.ts),
 * each with a proper type — text as UTF-8 strings, counts and codes as INT32, coordinates
 * as DOUBLE, event_date as DATE, updated_at as a millisecond TIMESTAMP, intercepted as
 * BOOLEAN; unknown values are nulls. The column set is recorded in the file's key-value
 * metadata (`rasd:columns`).
 */
import { type ColumnSource, parquetWriteBuffer, type SchemaElement } from 'hyparquet-writer';
import type { IncidentView } from '../incidents/types.js';
import type { AcledOptions } from './acled.js';
import { type ColumnSet, type ColumnType, flatColumns, flatRows, type Scalar } from './flat.js';

export interface ParquetOptions extends AcledOptions {
  /** ACLED's columns (default) or Rasd's fields */
  columns?: ColumnSet;
  /** written into the file's created_by */
  createdBy?: string;
}

function schemaOf(name: string, type: ColumnType): SchemaElement {
  const repetition_type = 'OPTIONAL';
  switch (type) {
    case 'string':
      return { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type };
    case 'int':
      return { name, type: 'INT32', repetition_type };
    case 'double':
      return { name, type: 'DOUBLE', repetition_type };
    case 'boolean':
      return { name, type: 'BOOLEAN', repetition_type };
    case 'date':
      return { name, type: 'INT32', converted_type: 'DATE', repetition_type };
    case 'timestamp':
      return { name, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type };
  }
}

function cell(v: Scalar, type: ColumnType): unknown {
  if (v == null) return null;
  if (type === 'date') return new Date(`${v}T00:00:00Z`);
  if (type === 'timestamp') {
    const ms = Date.parse(String(v));
    return Number.isFinite(ms) ? new Date(ms) : null;
  }
  return v;
}

/** The incidents as the bytes of a Parquet file. */
export function toParquet(incidents: readonly IncidentView[], opts: ParquetOptions = {}): Uint8Array {
  const set = opts.columns ?? 'acled';
  const cols = flatColumns(set, opts);
  const rows = flatRows(incidents, set, opts);
  const columnData: ColumnSource[] = cols.map((c) => ({
    name: c.name,
    data: rows.map((r) => cell(r[c.name], c.type)) as ColumnSource['data'],
  }));
  const schema: SchemaElement[] = [
    { name: 'root', num_children: cols.length },
    ...cols.map((c) => schemaOf(c.name, c.type)),
  ];
  const buf = parquetWriteBuffer({
    columnData,
    schema,
    kvMetadata: [{ key: 'rasd:columns', value: set }],
    createdBy: opts.createdBy ?? 'rasd',
  });
  return new Uint8Array(buf);
}
