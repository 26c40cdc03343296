/**
 * Ingestion: articles → stored articles, mentions (one per extracted event record) and
 * incidents.
 *
 * - Idempotent: an article whose normalized content hash or URL is already stored (or
 *   appeared earlier in the same run) adds nothing and is counted as `skipped_duplicate`.
 * - Near-duplicates (syndicated copies): SimHash within Hamming distance 3 of a stored
 *   article (see fingerprint.ts) → stored with `duplicate_of` = the original (the root of
 *   the nearest match). Their mentions join incidents but never count as extra sources.
 * - Batches (default 200 articles) are written one transaction each, so a crash loses at
 *   most the batch in flight and a rerun skips everything already stored. Each batch
 *   transaction takes a per-schema advisory lock, so two ingest processes on one
 *   PostgreSQL database interleave batches instead of racing.
 * - Fingerprinting and extraction run in worker threads (`workers` > 0) while the previous
 *   batch is written; `workers: 0` does everything in-process.
 * - An article whose extraction throws is not stored (a rerun tries it again).
 */
import { readFileSync } from 'node:fs';
import type { EventRecord } from '../events/record.js';
import { reassign } from '../incidents/assign.js';
import { webUrl } from '../io/records.js';
import type { Article } from '../io/types.js';
import type { Db } from '../store/db.js';
import { sql } from '../store/sql.js';
import {
  bands,
  type Fingerprint,
  fromBigintText,
  hamming,
  NEAR_DUPLICATE_DISTANCE,
  toBigintText,
} from './fingerprint.js';
import { createWorkers, type Workers } from './pool.js';
import { Progress, type ProgressSink } from './progress.js';
import { type Extracted, storableText } from './work.js';

export interface IngestOptions {
  /** worker threads for fingerprinting and extraction (0: in-process; default 0) */
  workers?: number;
  /** an existing pool (then `workers` is ignored and the pool is left open) */
  pool?: Workers;
  /** articles per transaction (default 200) */
  batchSize?: number;
  /** true: a progress bar / log lines on stderr; or a sink of your own */
  progress?: boolean | ProgressSink;
  /** recorded with every article (default rasd@<package version>) */
  extractorVersion?: string;
}

export interface IngestReport {
  /** articles given */
  input: number;
  /** articles stored (near-duplicates included) */
  added: number;
  /** same content or same URL as a stored article (or an earlier one of this run) */
  skipped_duplicate: number;
  /** stored as near-duplicates of another article */
  near_duplicates: number;
  /** stored under a new id because their id was taken by a different text */
  renamed: number;
  /** extraction failed: not stored */
  failed: number;
  /** articles given whose URL was dropped for not being http(s) (javascript:, data:, file: …) */
  urls_dropped: number;
  failures: { id: string; error: string }[];
  mentions: number;
  incidents_before: number;
  incidents_after: number;
  seconds: number;
}

let cachedVersion: string | null = null;

/** rasd@<version from package.json>. */
export function extractorVersion(): string {
  if (cachedVersion) return cachedVersion;
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    cachedVersion = `rasd@${pkg.version}`;
  } catch {
    cachedVersion = 'rasd@unknown';
  }
  return cachedVersion;
}

interface Item {
  article: Article;
  fp: Fingerprint;
  /** known to be a duplicate before extraction */
  skip: boolean;
  extracted?: Extracted;
}

interface Candidate {
  id: string;
  root: string;
  hash: { hi: number; lo: number };
}

export function mentionRow(articleId: string, idx: number, e: EventRecord, reviewed = false) {
  return {
    article_id: articleId,
    idx,
    type: e.type,
    date: e.date,
    place: e.place,
    place_id: e.place_id,
    lat: e.lat,
    lon: e.lon,
    geo_precision: e.geo_precision,
    country: e.country,
    admin1: e.admin1,
    actor: e.actor,
    actor_umbrella: e.actor_umbrella ?? null,
    target: e.target,
    weapon: e.weapon,
    munitions: e.munitions,
    killed: e.killed,
    injured: e.injured,
    intercepted: e.intercepted,
    evidence: storableText(e.evidence),
    spans: e.spans,
    reviewed,
    part_of_day: e.part_of_day ?? null,
  };
}

function cleanArticle(a: Article): Article {
  return {
    ...a,
    id: storableText(String(a.id)),
    text: storableText(a.text),
    // only http(s) links are kept: a URL is shown as a link (dashboard, API, GeoJSON)
    url: webUrl(a.url) ? storableText(a.url as string) : null,
    title: a.title ? storableText(a.title) : null,
    outlet: a.outlet ? storableText(a.outlet) : null,
  };
}

export function progressSink(
  opt: IngestOptions['progress'],
  total: number,
  label: string,
): ProgressSink | null {
  if (!opt) return null;
  if (opt === true) return new Progress(total, label);
  return opt;
}

export async function ingest(db: Db, articles: Article[], opts: IngestOptions = {}): Promise<IngestReport> {
  const t0 = Date.now();
  const batchSize = Math.max(1, opts.batchSize ?? 200);
  const version = opts.extractorVersion ?? extractorVersion();
  const workers = opts.pool ?? (await createWorkers(opts.workers ?? 0));
  const progress = progressSink(opts.progress, articles.length, 'ingest');
  const report: IngestReport = {
    input: articles.length,
    added: 0,
    skipped_duplicate: 0,
    near_duplicates: 0,
    renamed: 0,
    failed: 0,
    urls_dropped: 0,
    failures: [],
    mentions: 0,
    incidents_before: 0,
    incidents_after: 0,
    seconds: 0,
  };
  const seenHash = new Set<string>();
  const seenUrl = new Set<string>();

  /** Fingerprints a batch, drops what is known to be stored already, extracts the rest. */
  const prepare = async (batch: Article[]): Promise<Item[]> => {
    const clean = batch.map(cleanArticle);
    report.urls_dropped += batch.filter((a) => a.url && !webUrl(a.url)).length;
    const fps = await workers.fingerprint(clean.map((a) => ({ text: a.text, url: a.url })));
    const stored = await db.query<{ content_hash: string; url_key: string | null }>(
      sql.existingArticles(
        fps.map((f) => f.contentHash),
        fps.map((f) => f.urlKey).filter((u): u is string => u != null),
        [],
      ),
    );
    const storedHash = new Set(stored.map((r) => r.content_hash));
    const storedUrl = new Set(stored.map((r) => r.url_key));
    const items = clean.map((article, i): Item => {
      const fp = fps[i];
      const skip =
        storedHash.has(fp.contentHash) ||
        seenHash.has(fp.contentHash) ||
        (fp.urlKey != null && (storedUrl.has(fp.urlKey) || seenUrl.has(fp.urlKey)));
      seenHash.add(fp.contentHash);
      if (fp.urlKey) seenUrl.add(fp.urlKey);
      return { article, fp, skip };
    });
    const todo = items.filter((it) => !it.skip);
    const extracted = await workers.extract(
      todo.map((it) => ({
        id: it.article.id,
        published: it.article.published,
        text: it.article.text,
        url: it.article.url,
      })),
    );
    todo.forEach((it, i) => {
      it.extracted = extracted[i];
    });
    return items;
  };

  try {
    report.incidents_before = (await db.query<{ incidents: number }>(sql.counts()))[0].incidents;
    const batches: Article[][] = [];
    for (let i = 0; i < articles.length; i += batchSize) batches.push(articles.slice(i, i + batchSize));
    let pending: Promise<Item[]> | null = batches.length ? prepare(batches[0]) : null;
    for (let b = 0; b < batches.length; b++) {
      const items = await (pending as Promise<Item[]>);
      // extraction of the next batch overlaps with writing this one
      pending = b + 1 < batches.length ? prepare(batches[b + 1]) : null;
      pending?.catch(() => {});
      await db.transaction((tx) => writeBatch(tx, items, version, report));
      progress?.tick(items.length);
    }
    report.incidents_after = (await db.query<{ incidents: number }>(sql.counts()))[0].incidents;
  } finally {
    if (!opts.pool) await workers.close();
    progress?.done();
  }
  report.seconds = (Date.now() - t0) / 1000;
  return report;
}

async function writeBatch(tx: Db, items: Item[], version: string, report: IngestReport): Promise<void> {
  await tx.query(sql.schemaLock('ingest'));
  const live = items.filter((it) => !it.skip);
  report.skipped_duplicate += items.length - live.length;
  if (!live.length) return;

  const stored = await tx.query<{ id: string; content_hash: string; url_key: string | null }>(
    sql.existingArticles(
      live.map((it) => it.fp.contentHash),
      live.map((it) => it.fp.urlKey).filter((u): u is string => u != null),
      live.map((it) => it.article.id),
    ),
  );
  const takenHash = new Set(stored.map((r) => r.content_hash));
  const takenUrl = new Set(stored.map((r) => r.url_key).filter((u) => u != null));
  const takenId = new Set(stored.map((r) => r.id));

  const hashed = live.filter((it) => it.fp.simhash);
  const cols: [number[], number[], number[], number[]] = [[], [], [], []];
  for (const it of hashed) {
    const b = bands(it.fp.simhash as { hi: number; lo: number });
    for (let k = 0; k < 4; k++) cols[k].push(b[k]);
  }
  const candidates: Candidate[] = hashed.length
    ? (await tx.query<{ id: string; root: string; simhash: string }>(sql.nearDuplicateCandidates(cols))).map(
        (r) => ({ id: r.id, root: r.root, hash: fromBigintText(r.simhash) }),
      )
    : [];

  const rows: object[] = [];
  const accepted: { item: Item; id: string }[] = [];
  for (const it of live) {
    const { article, fp } = it;
    if (takenHash.has(fp.contentHash) || (fp.urlKey && takenUrl.has(fp.urlKey))) {
      report.skipped_duplicate++;
      continue;
    }
    if (!it.extracted || it.extracted.error !== undefined) {
      report.failed++;
      report.failures.push({ id: article.id, error: it.extracted?.error ?? 'not extracted' });
      continue;
    }
    let id = article.id;
    if (takenId.has(id)) {
      // the id names a different text already stored: keep both
      for (let n = 8; takenId.has(id); n += 4) id = `${article.id}~${fp.contentHash.slice(0, n)}`;
      report.renamed++;
    }
    let duplicateOf: string | null = null;
    if (fp.simhash) {
      let best: Candidate | null = null;
      let bestD = NEAR_DUPLICATE_DISTANCE + 1;
      for (const c of candidates) {
        const d = hamming(fp.simhash, c.hash);
        if (d < bestD || (d === bestD && best && c.id < best.id)) {
          best = c;
          bestD = d;
        }
      }
      if (best && bestD <= NEAR_DUPLICATE_DISTANCE) duplicateOf = best.root;
    }
    takenHash.add(fp.contentHash);
    if (fp.urlKey) takenUrl.add(fp.urlKey);
    takenId.add(id);
    if (fp.simhash) candidates.push({ id, root: duplicateOf ?? id, hash: fp.simhash });
    if (duplicateOf) report.near_duplicates++;
    rows.push({
      id,
      url: article.url ?? null,
      url_key: fp.urlKey,
      outlet: article.outlet ?? null,
      title: article.title ?? null,
      published: article.published,
      text: article.text,
      content_hash: fp.contentHash,
      simhash: fp.simhash ? toBigintText(fp.simhash) : null,
      ...(fp.simhash
        ? Object.fromEntries(bands(fp.simhash).map((v, k) => [`band${k}`, v]))
        : { band0: null, band1: null, band2: null, band3: null }),
      duplicate_of: duplicateOf,
      extractor_version: version,
    });
    accepted.push({ item: it, id });
  }
  if (!rows.length) return;
  const inserted = new Set((await tx.query<{ id: string }>(sql.insertArticles(rows))).map((r) => r.id));
  report.added += inserted.size;
  report.skipped_duplicate += rows.length - inserted.size;
  const mentionRows = accepted
    .filter((a) => inserted.has(a.id))
    .flatMap((a) => {
      const ex = a.item.extracted as { events: EventRecord[] };
      return ex.events.map((e, i) => mentionRow(a.id, i, e));
    });
  if (!mentionRows.length) return;
  const ids = (await tx.query<{ id: number }>(sql.insertMentions(mentionRows))).map((r) => Number(r.id));
  report.mentions += ids.length;
  await reassign(tx, ids);
}
