/**
 * `rasd demo`: ingest the bundled sample (fixtures/demo/articles.jsonl) into a store — PGlite
 * in memory (gone when the demo stops), or in the `--data` folder — print its incidents, and
 * serve the dashboard over it until Ctrl-C. `--no-serve` prints and exits (for tests and CI).
 * In memory rather than in a temporary folder: PGlite creates a database in memory in half
 * the time it takes on disk, and there is nothing to clean up.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportIncidents } from '../export/index.js';
import type { IncidentView } from '../incidents/types.js';
import { readInputs } from '../io/read.js';
import { formatProblem } from '../io/records.js';
import { Store } from '../store/store.js';
import { startServer, stopOnSignal, tokenNotes } from './serve-command.js';
import { wholeNumber } from './store-options.js';

export interface DemoFlags {
  data?: string;
  port?: string;
  host?: string;
  /** commander's --no-serve */
  serve?: boolean;
  out?: string;
}

export function demoSample(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/demo/articles.jsonl');
}

/** The incidents as an aligned text table. */
export function incidentTable(items: IncidentView[]): string {
  const header = ['date', 'type', 'place', 'actor', 'weapon', 'killed/inj', 'sources', 'incident'];
  const rows = items.map((i) => [
    i.date ?? '',
    i.type,
    i.place,
    i.actor ?? '-',
    i.weapon ?? '-',
    `${i.killed ?? '?'}/${i.injured ?? '?'}`,
    String(i.source_count),
    i.id,
  ]);
  const all = [header, ...rows];
  const widths = header.map((_, k) => Math.min(44, Math.max(...all.map((r) => r[k].length))));
  return all
    .map((r) =>
      r
        .map((c, k) => c.slice(0, 44).padEnd(widths[k]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export async function runDemo(flags: DemoFlags): Promise<number> {
  const serveIt = flags.serve !== false;
  const port = wholeNumber('--port', flags.port) ?? 8080;
  const host = flags.host ?? '127.0.0.1';
  const { articles, problems } = await readInputs([demoSample()], { published: null });
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
  const store = await Store.open({ dataDir: flags.data ?? 'memory://', schema: 'public' });
  let serving = false;
  try {
    const r = await store.ingest(articles, { workers: 0 });
    const items: IncidentView[] = [];
    for await (const i of store.allIncidents({ sort: 'date' })) items.push(i);
    process.stdout.write(`${incidentTable(items)}\n`);
    process.stderr.write(
      `rasd: ${articles.length} articles, ${r.mentions} mentions, ${items.length} incidents` +
        ` (store: ${flags.data ? resolve(flags.data) : 'in memory'})\n`,
    );
    if (flags.out) {
      mkdirSync(dirname(resolve(flags.out)), { recursive: true });
      writeFileSync(flags.out, exportIncidents(items, 'jsonl').body);
    }
    if (!serveIt) return items.length ? 0 : 1;
    // a demo token, so that review can be tried; RASD_TOKEN wins
    const writeToken = process.env.RASD_TOKEN || randomBytes(12).toString('base64url');
    const readToken = process.env.RASD_READ_TOKEN || null;
    const running = await startServer(store, { port, host, writeToken, readToken, anyPortIfBusy: true });
    serving = true;
    process.stderr.write(
      `\nrasd: the dashboard is on ${running.url}  (Ctrl-C to stop)\n` +
        (process.env.RASD_TOKEN
          ? `rasd: ${tokenNotes(writeToken, readToken)}\n`
          : `rasd: review token for this demo: ${writeToken}  (paste it into the dashboard to review)\n`),
    );
    stopOnSignal(running, store);
    return 0;
  } finally {
    if (!serving) await store.close();
  }
}
