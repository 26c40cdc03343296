/** `rasd extract`: inputs → records, with a clear report of what could not be read. */

import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { extractArticle } from '../events/extract.js';
import { type ClusterMention, clusterAll, firstMember, incidentKey } from '../incidents/cluster.js';
import { clusterMention, linkIncidents } from '../incidents/link.js';
import { readInputsEach } from '../io/read.js';
import { formatProblem } from '../io/records.js';
import type { Article } from '../io/types.js';
import type { ArticleResult } from '../record/record.js';
import { openOut } from './output.js';

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

/**
 * Runs extraction; returns the process exit code (non-zero only when nothing could be processed).
 *
 * A stream: articles are read, extracted and written as they come, so memory does not grow with
 * the number of articles. Incident keys need every record first: the results are written to a
 * temporary file while only what linking reads of each record is kept, then copied to the output
 * with their keys (byte for byte what extracting all at once writes).
 */
export async function runExtract(paths: string[], opts: ExtractOptions): Promise<number> {
  const tmp = await mkdtemp(join(tmpdir(), 'rasd-extract-'));
  const first = join(tmp, 'results.jsonl');
  const out = createWriteStream(first);
  let articles = 0;
  let events = 0;
  let failed = 0;
  let problems = 0;
  const mentions: (ClusterMention & { line: number })[] = [];
  try {
    await readInputsEach(
      paths,
      {
        published: opts.published ?? null,
        onProblem: (p) => {
          problems++;
          process.stderr.write(`${formatProblem(p)}\n`);
        },
      },
      async (batch) => {
        const { results, failures } = extractAll(batch, { incidents: false });
        for (const f of failures) process.stderr.write(`${f}\n`);
        failed += failures.length;
        let text = '';
        for (const r of results) {
          r.events.forEach((e, i) => {
            mentions.push({ ...clusterMention(r.id, i, e), line: articles });
          });
          events += r.events.length;
          articles++;
          text += `${JSON.stringify(r)}\n`;
        }
        if (!out.write(text)) await once(out, 'drain');
      },
    );
    out.end();
    await finished(out);
    // the incident key of each record, by line and index
    const keys = new Map<number, string[]>();
    if (opts.incidents !== false)
      for (const inc of clusterAll(mentions)) {
        const key = incidentKey(firstMember(inc.members));
        for (const m of inc.members) {
          const k = keys.get(m.line) ?? [];
          k[m.idx] = key;
          keys.set(m.line, k);
        }
      }
    mentions.length = 0;
    const file = opts.out ? await openOut(opts.out) : null;
    const sink = file ? file.stream : opts.table ? null : process.stdout;
    const rows: string[][] = [];
    let line = 0;
    for await (const text of createInterface({ input: createReadStream(first), crlfDelay: Infinity })) {
      const k = keys.get(line);
      let outText = text;
      if (k || opts.table) {
        const r = JSON.parse(text) as ArticleResult;
        if (k) {
          r.events.forEach((e, i) => {
            e.incident = k[i];
          });
          outText = JSON.stringify(r);
        }
        if (opts.table) rows.push(...tableRows([r]));
      }
      line++;
      if (sink && !sink.write(`${outText}\n`) && !sink.destroyed) await once(sink, 'drain');
    }
    await file?.close();
    if (opts.table) printRows(rows);
  } finally {
    out.destroy();
    await rm(tmp, { recursive: true, force: true });
  }
  if (!opts.quiet)
    process.stderr.write(
      `rasd: ${articles} articles, ${events} events${failed ? `, ${failed} failed` : ''}${problems ? `, ${problems} input problems` : ''}\n`,
    );
  return articles === 0 ? 1 : 0;
}

function tableRows(results: ArticleResult[]): string[][] {
  return results.flatMap((r) =>
    r.events.map((e) =>
      [
        r.id,
        e.date ?? '',
        e.type,
        e.place,
        e.actor ?? '-',
        e.weapon ?? '-',
        e.munitions ?? '',
        `${e.killed ?? '?'}/${e.injured ?? '?'}`,
        e.incident ?? '',
      ].map(String),
    ),
  );
}

function printRows(rows: string[][]) {
  const header = ['article', 'date', 'type', 'place', 'actor', 'weapon', 'n', 'killed/inj', 'incident'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.min(40, Math.max(...all.map((r) => r[i].length))));
  for (const r of all)
    process.stdout.write(`${r.map((c, i) => c.slice(0, 40).padEnd(widths[i])).join('  ')}\n`);
}
