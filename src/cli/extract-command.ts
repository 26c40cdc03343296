/** `rasd extract`: inputs → records, with a clear report of what could not be read. */
import { extractArticle } from '../events/extract.js';
import type { ArticleResult } from '../events/record.js';
import { linkIncidents } from '../incidents/link.js';
import { type Article, formatProblem, readInputs } from '../io/index.js';
import { writeOut } from './output.js';

export interface ExtractOptions {
  out?: string;
  published?: string;
  incidents: boolean;
  quiet?: boolean;
  table?: boolean;
}

/**
 * Extracts every article (one failing article is reported, not fatal) and, unless `incidents` is
 * false, links the records of different articles into incidents. Shared by `rasd extract` and `rasd eval`.
 */
export function extractAll(
  articles: readonly Article[],
  opts: { incidents?: boolean } = {},
): { results: ArticleResult[]; failures: string[] } {
  const results: ArticleResult[] = [];
  const failures: string[] = [];
  for (const a of articles) {
    try {
      const r = extractArticle(a);
      if (!a.published)
        r.warnings = [...(r.warnings ?? []), 'no publication date: relative dates are not resolved'];
      results.push(r);
    } catch (err) {
      failures.push(`${a.id}: extraction failed: ${(err as Error).message}`);
    }
  }
  if (opts.incidents !== false) linkIncidents(results);
  return { results, failures };
}

/** Runs extraction; returns the process exit code (non-zero only when nothing could be processed). */
export async function runExtract(paths: string[], opts: ExtractOptions): Promise<number> {
  const { articles, problems } = await readInputs(paths, { published: opts.published ?? null });
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
  const { results, failures } = extractAll(articles, { incidents: opts.incidents });
  for (const f of failures) process.stderr.write(`${f}\n`);
  const failed = failures.length;
  const lines = results.map((r) => JSON.stringify(r)).join('\n') + (results.length ? '\n' : '');
  if (opts.out) await writeOut(opts.out, lines);
  else if (!opts.table) {
    process.stdout.write(lines);
  }
  const nEvents = results.reduce((n, r) => n + r.events.length, 0);
  if (opts.table) printTable(results);
  if (!opts.quiet)
    process.stderr.write(
      `rasd: ${results.length} articles, ${nEvents} events${failed ? `, ${failed} failed` : ''}${problems.length ? `, ${problems.length} input problems` : ''}\n`,
    );
  return results.length === 0 ? 1 : 0;
}

function printTable(results: ArticleResult[]) {
  const rows = results.flatMap((r) =>
    r.events.map((e) => [
      r.id,
      e.date ?? '',
      e.type,
      e.place,
      e.actor ?? '-',
      e.weapon ?? '-',
      e.munitions ?? '',
      `${e.killed ?? '?'}/${e.injured ?? '?'}`,
      e.incident ?? '',
    ]),
  );
  const header = ['article', 'date', 'type', 'place', 'actor', 'weapon', 'n', 'killed/inj', 'incident'];
  const all = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.min(40, Math.max(...all.map((r) => r[i].length))));
  for (const r of all)
    process.stdout.write(`${r.map((c, i) => c.slice(0, 40).padEnd(widths[i])).join('  ')}\n`);
}
