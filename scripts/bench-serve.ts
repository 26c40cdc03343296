/**
 * npm run bench:serve: `rasd serve` under load (a benchmark, not a test).
 *
 * A store is filled with the demo articles (fixtures/demo/articles.jsonl) and M (default
 * 20,000) synthetic incidents (the generator of bench:store), then `rasd serve` (the shipped
 * build, dist/) is started on it as its own process, and C (default 200) keep-alive clients
 * send N (default 4,000) requests of `/api/incidents?limit=50` between them, each waiting at
 * most 60 s for an answer. Meanwhile a probe fetches a static file (/) every 250 ms.
 *
 * Reported per engine (PGlite data folder; PostgreSQL too when DATABASE_URL is set): answers
 * by status, errors (connection resets, no answer in 60 s, any other status), p50/p95/p99 of
 * the 200 answers and of all answers, the 503s (load shed, with Retry-After), and the slowest
 * static file. Written to bench/serve.json under --key (default "current"), keeping the other
 * keys (e.g. a "before" run of an older commit).
 *
 * Options: --clients C  --requests N  --incidents M  --key NAME  --skip-pg  --skip-pglite
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// the shipped build (dist/) is what is measured
import { dropSchema } from '../dist/db/db.js';
import { benchSql } from '../dist/db/sql.js';
import { Store } from '../dist/store/store.js';

import { flag, opt, str } from './args.js';

const clients = opt('--clients', 200);
const requests = opt('--requests', 4000);
const nIncidents = opt('--incidents', 20_000);
const key = str('--key', 'current');
const ANSWER_MS = 60_000;
const log = (s: string) => process.stderr.write(`bench-serve: ${s}\n`);

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');
const demo = join(root, 'fixtures/demo/articles.jsonl');

interface Target {
  engine: 'pglite' | 'pg';
  open: () => Promise<InstanceType<typeof Store>>;
  env: Record<string, string>;
  args: string[];
}

async function fill(store: InstanceType<typeof Store>): Promise<number> {
  const articles = readFileSync(demo, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  await store.ingest(articles, { workers: 0 });
  await store.db.query(benchSql.seed(0.42));
  for (let lo = 1; lo <= nIncidents; lo += 50_000)
    await store.db.query(benchSql.syntheticIncidents(lo, Math.min(nIncidents, lo + 49_999)));
  await store.db.query(benchSql.analyze());
  const [row] = await store.db.query<{ n: number }>({ text: 'SELECT count(*)::int AS n FROM incidents' });
  return row.n;
}

function startServe(t: Target): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...t.args], {
    env: { ...process.env, ...t.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 120_000);
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /dashboard on (http:\/\/\S+?)\/? /.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}): ${err}`));
    });
  });
}

interface Answer {
  status: number | 'reset' | 'timeout';
  ms: number;
  retryAfter?: string;
}

function get(agent: http.Agent, url: string): Promise<Answer> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (a: Omit<Answer, 'ms'>) => {
      if (done) return;
      done = true;
      resolve({ ...a, ms: performance.now() - t0 });
    };
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () =>
        finish({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined }),
      );
      res.on('error', () => finish({ status: 'reset' }));
    });
    req.setTimeout(ANSWER_MS, () => {
      finish({ status: 'timeout' });
      req.destroy();
    });
    req.on('error', () => finish({ status: 'reset' }));
  });
}

function pct(xs: number[], p: number): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]);
}

async function load(base: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const url = `${base}/api/incidents?limit=50`;
  const answers: Answer[] = [];
  let next = 0;
  const t0 = performance.now();
  // the static-file probe: its own connection, every 250 ms while the load runs
  const probeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const statics: Answer[] = [];
  let running = true;
  const probe = (async () => {
    while (running) {
      statics.push(await get(probeAgent, `${base}/`));
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < requests) {
        next++;
        answers.push(await get(agent, url));
      }
    }),
  );
  running = false;
  await probe;
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  probeAgent.destroy();
  const byStatus: Record<string, number> = {};
  for (const a of answers) byStatus[String(a.status)] = (byStatus[String(a.status)] ?? 0) + 1;
  const ok = answers.filter((a) => a.status === 200).map((a) => a.ms);
  const shed = answers.filter((a) => a.status === 503);
  const errors = answers.filter((a) => a.status !== 200 && a.status !== 503).length;
  const answered = answers.filter((a) => typeof a.status === 'number').map((a) => a.ms);
  return {
    clients,
    requests,
    seconds: Number(seconds.toFixed(1)),
    requests_per_s: Math.round(requests / seconds),
    by_status: byStatus,
    errors,
    resets: byStatus.reset ?? 0,
    no_answer_in_60s: byStatus.timeout ?? 0,
    shed_503: shed.length,
    shed_with_retry_after: shed.filter((a) => a.retryAfter).length,
    ok_ms: { p50: pct(ok, 50), p95: pct(ok, 95), p99: pct(ok, 99), max: pct(ok, 100) },
    answered_ms: { p50: pct(answered, 50), p95: pct(answered, 95), p99: pct(answered, 99) },
    static_probes: statics.length,
    static_errors: statics.filter((a) => a.status !== 200).length,
    static_ms: {
      p50: pct(
        statics.map((a) => a.ms),
        50,
      ),
      max: pct(
        statics.map((a) => a.ms),
        100,
      ),
    },
  };
}

async function run(t: Target) {
  const store = await t.open();
  let incidents: number;
  try {
    incidents = await fill(store);
  } finally {
    await store.close();
  }
  log(`${t.engine}: ${incidents} incidents; starting rasd serve`);
  const server = await startServe(t);
  try {
    // warm up: a few sequential requests
    const warm = new http.Agent({ keepAlive: true });
    for (let i = 0; i < 5; i++) await get(warm, `${server.url}/api/incidents?limit=50`);
    warm.destroy();
    const r = await load(server.url);
    log(`${t.engine}: ${JSON.stringify(r)}`);
    return { incidents, ...r };
  } finally {
    await server.stop();
  }
}

const results: Record<string, unknown> = {};
if (!flag('--skip-pglite')) {
  const dir = mkdtempSync(join(tmpdir(), 'rasd-bench-serve-'));
  const data = join(dir, 'data');
  try {
    results.pglite = await run({
      engine: 'pglite',
      open: () => Store.open({ dataDir: data }),
      env: {},
      args: ['--data', data],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const url = process.env.DATABASE_URL;
if (url && !flag('--skip-pg')) {
  const schema = `rasd_bench_${randomBytes(4).toString('hex')}`;
  try {
    results.pg = await run({
      engine: 'pg',
      open: () => Store.open({ url, schema }),
      env: { DATABASE_URL: url, RASD_SCHEMA: schema },
      args: [],
    });
  } finally {
    const store = await Store.open({ url, schema });
    await dropSchema(store.db);
    await store.close();
  }
} else if (!url) log('DATABASE_URL not set: PostgreSQL skipped');

const file = 'bench/serve.json';
const all = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
all[key] = { node: process.version, when: new Date().toISOString(), ...results };
mkdirSync('bench', { recursive: true });
writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
console.log(JSON.stringify({ key, ...results }));
