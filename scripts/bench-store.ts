/**
 * npm run bench:store: the store's two numbers.
 *
 * 1. Ingest rate: the first N (default 20,000) articles of ../shared/corpus/arabic-news.jsonl.gz
 *    into a fresh PGlite data folder, and into PostgreSQL (a fresh schema) when DATABASE_URL is
 *    set: fingerprinting, dedup, extraction (worker threads), mentions and incidents.
 * 2. Query latency: p50/p95 of five typical filtered listings (and the facets) against
 *    PostgreSQL holding M (default 1,000,000) synthetic incidents, generated in SQL with
 *    generate_series in a schema of their own (dropped afterwards unless --keep).
 *
 * The PGlite re-run is also timed as a user runs it: `rasd ingest FILE` on the folder, three
 * times (`rerun_cli_seconds`).
 *
 * Writes bench/store.json and prints one JSON line.
 * Options: --limit N  --incidents M  --workers W  --runs R  --skip-ingest  --skip-queries  --keep
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
// the shipped build (dist/) is what is measured
import { dropSchema } from '../dist/db/db.js';
import { benchSql } from '../dist/db/sql.js';
import { Store } from '../dist/store/store.js';
import { type CorpusArticle, readCorpus } from './corpus.js';

// generating a million synthetic incidents is one long statement: no statement timeout here
process.env.RASD_QUERY_TIMEOUT_MS ??= '0';

import { flag, opt } from './args.js';

const limit = opt('--limit', 20000);
const nIncidents = opt('--incidents', 1_000_000);
const workers = opt('--workers', Math.max(1, Math.min(4, availableParallelism() - 1)));
const runs = opt('--runs', 40);
const url = process.env.DATABASE_URL;
const log = (s: string) => process.stderr.write(`${s}\n`);

type Doc = CorpusArticle;

async function benchIngest(store: Store, docs: Doc[]) {
  const t0 = process.hrtime.bigint();
  const r = await store.ingest(docs, { workers, progress: process.stderr.isTTY });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const again0 = process.hrtime.bigint();
  const again = await store.ingest(docs, { workers });
  const againSecs = Number(process.hrtime.bigint() - again0) / 1e9;
  return {
    articles: docs.length,
    seconds: Number(secs.toFixed(2)),
    articles_per_s: Math.round(docs.length / secs),
    added: r.added,
    skipped_duplicate: r.skipped_duplicate,
    near_duplicates: r.near_duplicates,
    failed: r.failed,
    mentions: r.mentions,
    incidents: r.incidents_after,
    rerun_seconds: Number(againSecs.toFixed(2)),
    rerun_added: again.added,
  };
}

/** Seconds of `rasd ingest FILE --data DIR` (the built CLI) when DIR holds every article of FILE. */
function rerunCli(file: string, data: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    ['dist/cli/main.js', 'ingest', file, '--data', data, '--workers', String(workers), '-q'],
    { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
  );
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`rasd ingest exited with ${r.status}: ${r.stderr}`);
  return secs;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)].toFixed(2));
}

async function time(fn: () => Promise<unknown>): Promise<{ p50_ms: number; p95_ms: number; max_ms: number }> {
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { p50_ms: pct(ms, 50), p95_ms: pct(ms, 95), max_ms: pct(ms, 100) };
}

async function benchQueries(dbUrl: string) {
  const schema = `rasd_bench_${randomBytes(4).toString('hex')}`;
  const store = await Store.open({ url: dbUrl, schema });
  try {
    const t0 = Date.now();
    await store.db.query(benchSql.seed(0.42));
    const chunk = 100_000;
    for (let lo = 1; lo <= nIncidents; lo += chunk) {
      const hi = Math.min(nIncidents, lo + chunk - 1);
      await store.db.query(benchSql.syntheticIncidents(lo, hi));
      log(`bench-store: ${hi.toLocaleString('en')} / ${nIncidents.toLocaleString('en')} synthetic incidents`);
    }
    await store.db.query(benchSql.analyze());
    const genSeconds = (Date.now() - t0) / 1000;
    const queries: Record<string, object> = {
      newest_first: {},
      country_type_half_year: {
        country: ['IQ'],
        type: ['Air/drone strike'],
        from: '2022-01-01',
        to: '2022-06-30',
      },
      umbrella_actor_min_sources_by_sources: {
        actor: ['Islamic Resistance in Iraq'],
        min_sources: 2,
        sort: '-sources',
      },
      bbox_weapon: { bbox: [42, 33, 45, 36], weapon: ['rocket'] },
      text_search_year: { q: 'عين الأسد', from: '2023', to: '2023' },
    };
    const results: Record<string, object> = {};
    for (const [name, filter] of Object.entries(queries)) {
      const first = await store.listIncidents(filter);
      const page1 = await time(() => store.listIncidents(filter));
      const page2 = first.next_cursor
        ? await time(() => store.listIncidents({ ...filter, cursor: first.next_cursor as string }))
        : null;
      results[name] = { filter, items: first.items.length, page1, page2 };
      log(`bench-store: ${name} p95 ${page1.p95_ms} ms`);
    }
    const facets = await time(() => store.facets({ country: ['IQ'], from: '2023' }));
    return {
      incidents: nIncidents,
      generate_seconds: genSeconds,
      runs,
      queries: results,
      facets_iq_2023: facets,
    };
  } finally {
    if (!flag('--keep')) await dropSchema(store.db);
    await store.close();
  }
}

const out: Record<string, unknown> = { node: process.version, workers, when: new Date().toISOString() };
if (!flag('--skip-ingest')) {
  const docs = await readCorpus('bench-store', limit);
  log(`bench-store: ${docs.length} corpus articles read`);
  const dir = mkdtempSync(join(tmpdir(), 'rasd-bench-'));
  try {
    const store = await Store.open({ dataDir: join(dir, 'data') });
    try {
      out.ingest_pglite = await benchIngest(store, docs);
      log(`bench-store: PGlite ${JSON.stringify(out.ingest_pglite)}`);
    } finally {
      await store.close();
    }
    // the re-run as a user runs it: `rasd ingest FILE` on the folder (process start, module
    // loading, PGlite open, reading and parsing the file, the stored checks, closing)
    const file = join(dir, 'articles.jsonl');
    writeFileSync(file, `${docs.map((d) => JSON.stringify(d)).join('\n')}\n`);
    const cli = [];
    for (let i = 0; i < 3; i++) cli.push(rerunCli(file, join(dir, 'data')));
    (out.ingest_pglite as Record<string, unknown>).rerun_cli_seconds = cli.map((x) => Number(x.toFixed(2)));
    log(`bench-store: rasd ingest re-run ${cli.map((x) => x.toFixed(2)).join(', ')} s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (url) {
    const schema = `rasd_bench_${randomBytes(4).toString('hex')}`;
    const store = await Store.open({ url, schema });
    try {
      out.ingest_pg = await benchIngest(store, docs);
      log(`bench-store: PostgreSQL ${JSON.stringify(out.ingest_pg)}`);
    } finally {
      await dropSchema(store.db);
      await store.close();
    }
  }
}
if (!flag('--skip-queries')) {
  if (url) out.queries_pg = await benchQueries(url);
  else log('bench-store: DATABASE_URL not set, query latency skipped');
}
mkdirSync('bench', { recursive: true });
writeFileSync('bench/store.json', `${JSON.stringify(out, null, 2)}\n`);
const summary = {
  articles: limit,
  pglite_articles_per_s:
    (out.ingest_pglite as { articles_per_s?: number } | undefined)?.articles_per_s ?? null,
  pg_articles_per_s: (out.ingest_pg as { articles_per_s?: number } | undefined)?.articles_per_s ?? null,
  incidents: url && !flag('--skip-queries') ? nIncidents : null,
  p95_ms: out.queries_pg
    ? Object.fromEntries(
        Object.entries(
          (out.queries_pg as { queries: Record<string, { page1: { p95_ms: number } }> }).queries,
        ).map(([k, v]) => [k, v.page1.p95_ms]),
      )
    : null,
};
console.log(JSON.stringify(summary));
