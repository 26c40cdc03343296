/** `rasd export`: the stored incidents matching a filter, as ACLED CSV, GeoJSON, JSONL or Parquet. */
import type { IncidentFilter } from '../db/filter.js';
import { InputError } from '../db/input-error.js';
import { EXPORT_FORMATS, type ExportFormat, exportIncidents, exportOptions } from '../export/index.js';
import type { IncidentView } from '../incidents/types.js';
import { Store } from '../store/store.js';
import { writeOut } from './output.js';
import { type DbFlags, existingStoreOptions, wholeNumber } from './store-options.js';

export interface ExportFlags extends DbFlags {
  format: string;
  out?: string;
  from?: string;
  to?: string;
  country?: string[];
  admin1?: string[];
  type?: string[];
  actor?: string[];
  weapon?: string[];
  target?: string[];
  minSources?: string;
  /** geojson, parquet: rasd or acled */
  columns?: string;
  /** acled-csv, and ACLED columns elsewhere: text or numeric */
  inter?: string;
  quiet?: boolean;
}

export function exportFilter(flags: ExportFlags): IncidentFilter {
  return {
    from: flags.from,
    to: flags.to,
    country: flags.country,
    admin1: flags.admin1,
    type: flags.type,
    actor: flags.actor,
    weapon: flags.weapon,
    target: flags.target,
    min_sources: wholeNumber('--min-sources', flags.minSources),
    sort: 'date',
  };
}

/** Runs a filter check; its InputError comes back naming the command's options (--min-sources, not min_sources). */
export function checkOptions<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new InputError(
      err.details.map((d) => ({ param: `--${d.param.replaceAll('_', '-')}`, message: d.message })),
    );
  }
}

export async function runExport(flags: ExportFlags): Promise<number> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(flags.format))
    throw new Error(`--format: one of ${EXPORT_FORMATS.join(', ')}, not ${JSON.stringify(flags.format)}`);
  let options: ReturnType<typeof exportOptions>;
  try {
    options = exportOptions({ columns: flags.columns, inter: flags.inter });
  } catch (err) {
    throw new Error(`--${(err as Error).message}`);
  }
  const filter = exportFilter(flags);
  const store = await Store.open(existingStoreOptions(flags));
  let incidents: IncidentView[];
  try {
    checkOptions(() => store.check(filter));
    incidents = [];
    for await (const i of store.allIncidents(filter)) incidents.push(i);
  } finally {
    await store.close();
  }
  const doc = exportIncidents(incidents, flags.format as ExportFormat, options);
  if (flags.out) await writeOut(flags.out, doc.body);
  else process.stdout.write(doc.body);
  if (!flags.quiet) process.stderr.write(`rasd: ${incidents.length} incidents exported as ${flags.format}\n`);
  return 0;
}
