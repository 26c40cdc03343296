/**
 * npm run bench:link: cross-article incident linking of N (default 16,000) event records in one
 * month (clusterAll: candidate index, components, clustering), min and median of R runs (wall
 * clock; and the process CPU time, less sensitive to a loaded machine).
 *
 * The records are synthetic but shaped like extracted ones (the shares are those of records
 * extracted from 4,000 corpus articles about attacks): 30 days, 1,500 places over Iraq and Syria
 * in 30 provinces (a fifth sharing one of 60 cities' coordinates), 35% province-only places, 35% month-level
 * dates, 12% at night, two records per article, weapons, actors and tolls drawn from small sets
 * so that many pairs link. Seeded: every run links the same set.
 * Writes bench/link.json and prints one JSON line.
 * Options: --events N  --runs R
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
// the shipped build (dist/) is what is measured
import { type ClusterMention, clusterAll } from '../dist/incidents/cluster.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const n = Number(opt('--events', '16000'));
const runs = Number(opt('--runs', '3'));

let seed = 20240301;
const rnd = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];

// 30 provinces, each a 1° × 1.33° block (a place lies in the province of its coordinates)
const provinceOf = (lat: number, lon: number) => `P${Math.floor(lat - 32)}-${Math.floor((lon - 38) / 1.34)}`;
const cities = Array.from({ length: 60 }, () => ({ lat: 32 + rnd() * 5, lon: 38 + rnd() * 8 }));
const places = Array.from({ length: 1500 }, (_, i) => {
  const c = rnd() < 0.2 ? pick(cities) : { lat: 32 + rnd() * 5, lon: 38 + rnd() * 8 };
  const admin1 = provinceOf(c.lat, c.lon);
  const p3 = rnd() < 0.35;
  return {
    place_id: p3 ? `bench:province-${admin1}` : `bench:p${i}`,
    place: p3 ? admin1 : `place ${i}`,
    lat: c.lat,
    lon: c.lon,
    admin1,
    country: c.lon < 42 ? 'SY' : 'IQ',
    geo_precision: (p3 ? 3 : rnd() < 0.1 ? 2 : 1) as 1 | 2 | 3,
  };
});
const weapons = [null, null, 'rocket', 'drone', 'missile', 'ied', 'mortar'];
const actors = [null, null, null, 'IS', 'PKK', 'IRGC'];

const items: ClusterMention[] = Array.from({ length: n }, (_, i) => {
  const p = pick(places);
  const day = 1 + Math.floor(rnd() * 30);
  return {
    article_id: `a${Math.floor(i / 2)}`,
    idx: i % 2,
    type: 'attack',
    date: rnd() < 0.35 ? '2024-03' : `2024-03-${String(day).padStart(2, '0')}`,
    part_of_day: rnd() < 0.12 ? 'night' : rnd() < 0.05 ? 'dawn' : null,
    place_kind: null,
    ...p,
    actor: pick(actors),
    actor_umbrella: null,
    weapon: pick(weapons),
    munitions: rnd() < 0.2 ? 1 + Math.floor(rnd() * 4) : null,
    killed: rnd() < 0.3 ? Math.floor(rnd() * 5) : null,
    injured: rnd() < 0.2 ? Math.floor(rnd() * 5) : null,
    intercepted: rnd() < 0.2 ? rnd() < 0.5 : null,
  };
});

const seconds: number[] = [];
const cpu: number[] = [];
let incidents = 0;
let largest = 0;
for (let r = 0; r < runs; r++) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const out = clusterAll(items);
  seconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
  const c1 = process.cpuUsage(c0);
  cpu.push((c1.user + c1.system) / 1e6);
  incidents = out.length;
  largest = Math.max(...out.map((c) => c.members.length));
}
const sorted = [...seconds].sort((a, b) => a - b);
const result = {
  events: n,
  incidents,
  largest_incident: largest,
  seconds_min: Number(sorted[0].toFixed(3)),
  seconds_median: Number(sorted[Math.floor(sorted.length / 2)].toFixed(3)),
  cpu_seconds_min: Number(Math.min(...cpu).toFixed(3)),
};
const detail = {
  ...result,
  runs: seconds.map((s) => Number(s.toFixed(3))),
  cores: availableParallelism(),
  node: process.version,
  when: new Date().toISOString(),
};
if (!process.env.RASD_BENCH_NO_WRITE) {
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/link.json', `${JSON.stringify(detail, null, 2)}\n`);
}
console.error(JSON.stringify(detail));
console.log(JSON.stringify(result));
