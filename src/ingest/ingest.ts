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
 *   transaction inserts its articles and mentions, then takes a per-schema advisory lock for
 *   near-duplicates and incident assignment (see writeBatch), so two ingest processes on one
 *   PostgreSQL database write at once and decide one batch at a time.
 * - Fingerprinting and extraction run in worker threads (`workers` > 0) while the previous
 *   batch is written; `workers: 0` does everything in-process. The threads start on the first
 *   article to extract; until then fingerprints (for the "already stored" check) are computed
 *   in the calling thread, so a re-run of stored articles starts none.
 * - An article whose extraction throws is not stored (a rerun tries it again).
 */
import { readFileSync } from 'node:fs';
import type { Db } from '../db/db.js';
import { sql } from '../db/sql.js';
import { reassign } from '../incidents/assign.js';
import { webUrl } from '../io/records.js';
import type { Article } from '../io/types.js';
import type { EventRecord } from '../record/record.js';
import {
  bands,
  type Fingerprint,
  fingerprint,
  fromBigintText,
  hamming,
  NEAR_DUPLICATE_DISTANCE,
  toBigintText,
  urlKey,
} from './fingerprint.js';
import { createWorkers, type Workers } from './pool.js';
import { Progress, type ProgressSink } from './progress.js';
import { storableText } from './text.js';
import type { Extracted } from './work.js';

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
    implied: e.implied ?? null,
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
  total: number | null,
  label: string,
): ProgressSink | null {
  if (!opt) return null;
  if (opt === true) return new Progress(total, label);
  return opt;
}

/** Text of articles skipped by URL kept for a later content check, at most (32 M chars, 64 MB). */
const UNHASHED_CHARS = 32 * 1024 * 1024;

/** Batches of `size` articles of an array or a stream. */
async function* batchesOf(articles: Articles, size: number): AsyncGenerator<Article[]> {
  if (Array.isArray(articles)) {
    for (let i = 0; i < articles.length; i += size) yield articles.slice(i, i + size);
    return;
  }
  let batch: Article[] = [];
  for await (const a of articles as AsyncIterable<Article> | Iterable<Article>) {
    batch.push(a);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** Articles to ingest: an array, or a stream (read batch by batch: memory does not grow with it). */
export type Articles = readonly Article[] | Iterable<Article> | AsyncIterable<Article>;

export async function ingest(db: Db, articles: Articles, opts: IngestOptions = {}): Promise<IngestReport> {
  const t0 = Date.now();
  const batchSize = Math.max(1, opts.batchSize ?? 200);
  const version = opts.extractorVersion ?? extractorVersion();
  const workers = opts.pool ?? (await createWorkers(opts.workers ?? 0));
  const progress = progressSink(opts.progress, Array.isArray(articles) ? articles.length : null, 'ingest');
  const report: IngestReport = {
    input: 0,
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

  // articles skipped by their URL before their content was hashed: hashed only if a later article
  // of the run needs to know whether it repeats one of them (a re-run never does), or when they
  // hold more than UNHASHED_CHARS of text (memory stays bounded)
  let unhashed: Article[] = [];
  let unhashedChars = 0;

  /**
   * Drops what is known to be stored already — first by URL (no text work at all), then by
   * content hash — and fingerprints and extracts the rest.
   */
  const prepare = async (batch: Article[]): Promise<Item[]> => {
    report.input += batch.length;
    report.urls_dropped += batch.filter((a) => a.url && !webUrl(a.url)).length;
    // the URL key of the cleaned article (see cleanArticle), before any text is touched
    const keys = batch.map((a) => urlKey(webUrl(a.url) ? storableText(a.url as string) : null));
    const byUrl = new Set(
      (
        await db.query<{ url_key: string }>(sql.storedUrlKeys(keys.filter((u): u is string => u != null)))
      ).map((r) => r.url_key),
    );
    // in input order: a URL seen earlier in the run counts as stored
    const urlKnown = keys.map((k) => {
      const known = k != null && (byUrl.has(k) || seenUrl.has(k));
      if (k) seenUrl.add(k);
      return known;
    });
    // the text of an article skipped by URL is cleaned only when it is hashed
    const clean = batch.map((a, i) => (urlKnown[i] ? a : cleanArticle(a)));
    // until the pool has work (its first article to extract) fingerprints are computed in this
    // thread: a re-run that finds every article stored (by URL, or by content hash for those whose
    // URL is not stored) starts no worker thread and loads no lexicon
    const hashOf = async (as: Article[]): Promise<Fingerprint[]> =>
      workers.started
        ? workers.fingerprint(as.map((a) => ({ text: a.text, url: a.url })))
        : as.map((a) => fingerprint(a.text, a.url));
    const hashUnhashed = async () => {
      if (unhashed.length)
        for (const f of await hashOf(unhashed.map(cleanArticle))) seenHash.add(f.contentHash);
      unhashed = [];
      unhashedChars = 0;
    };
    const rest = clean.filter((_, i) => !urlKnown[i]);
    const fps = rest.length ? await hashOf(rest) : [];
    const stored = fps.length
      ? await db.query<{ content_hash: string }>(sql.storedContentHashes(fps.map((f) => f.contentHash)))
      : [];
    const storedHash = new Set(stored.map((r) => r.content_hash));
    // an article to store must not repeat the content of an earlier one of the run: when one is
    // not stored yet, hash those skipped by URL (earlier batches and this one), in order
    const someNew = fps.some((f) => !storedHash.has(f.contentHash));
    let knownFps: Fingerprint[] = [];
    if (someNew) {
      await hashUnhashed();
      knownFps = await hashOf(clean.filter((_, i) => urlKnown[i]).map(cleanArticle));
    }
    let k = 0;
    let q = 0;
    const items = clean.map((article, i): Item => {
      if (urlKnown[i]) {
        // already stored (or earlier in this run) under its URL
        if (someNew) seenHash.add(knownFps[q++].contentHash);
        else {
          unhashed.push(article);
          unhashedChars += article.text.length;
        }
        return { article, fp: { contentHash: '', urlKey: keys[i], simhash: null }, skip: true };
      }
      const fp = fps[k++];
      const skip = storedHash.has(fp.contentHash) || seenHash.has(fp.contentHash);
      seenHash.add(fp.contentHash);
      return { article, fp, skip };
    });
    if (unhashedChars > UNHASHED_CHARS) await hashUnhashed();
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
    const batches = batchesOf(articles, batchSize);
    const nextPrepared = async (): Promise<Item[] | null> => {
      const b = await batches.next();
      return b.done ? null : prepare(b.value);
    };
    let pending: Promise<Item[] | null> = nextPrepared();
    for (let items = await pending; items; items = await pending) {
      // reading and extraction of the next batch overlap with writing this one
      pending = nextPrepared();
      pending.catch(() => {});
      const batch = items;
      // a batch of articles all stored already writes nothing: no transaction
      if (batch.every((it) => it.skip)) report.skipped_duplicate += batch.length;
      else await db.transaction((tx) => writeBatch(tx, batch, version, report));
      progress?.tick(batch.length);
    }
    report.incidents_after = (await db.query<{ incidents: number }>(sql.counts()))[0].incidents;
  } finally {
    if (!opts.pool) await workers.close();
    progress?.done();
  }
  report.seconds = (Date.now() - t0) / 1000;
  return report;
}

/** An article of the batch placed in the store: inserted under `id`. */
interface Placed {
  item: Item;
  id: string;
  renamed: boolean;
}

/**
 * Writes one batch in the caller's transaction. The articles and their mentions are inserted
 * before the store's ingest lock is taken, so the next batch's inserts (the bulk of the writing:
 * their text) run while another transaction holds it; under the lock come only the decisions that
 * must see every batch committed before: near-duplicates and incident assignment.
 *
 * - Exact duplicates: the unique indexes (content hash, URL key, id) decide. An insert that meets
 *   a row another transaction has not committed waits for it; an article whose insert conflicts
 *   is decided again under the lock (a duplicate after all, or its id taken by another text:
 *   renamed), so every article is stored exactly once.
 * - Near-duplicates: under the lock, each inserted article (in input order) is compared with the
 *   articles committed before and the earlier ones of this batch, as one process would.
 */
async function writeBatch(tx: Db, items: Item[], version: string, report: IngestReport): Promise<void> {
  const live = items.filter((it) => !it.skip);
  report.skipped_duplicate += items.length - live.length;
  if (!live.length) return;

  const first = await placeArticles(tx, live, version, report);
  const mentionIds = await insertMentionsOf(tx, first.placed);
  await tx.query(sql.schemaLock('ingest'));
  // what conflicted with a concurrent batch, decided again now that it is committed
  const second = first.conflicted.length
    ? await placeArticles(tx, first.conflicted, version, report)
    : { placed: [], conflicted: [] };
  report.skipped_duplicate += second.conflicted.length;
  mentionIds.push(...(await insertMentionsOf(tx, second.placed)));
  const placed = [...first.placed, ...second.placed];
  const order = new Map(live.map((it, i) => [it, i]));
  placed.sort((a, b) => (order.get(a.item) as number) - (order.get(b.item) as number));
  report.added += placed.length;
  report.renamed += placed.filter((p) => p.renamed).length;
  await markNearDuplicates(tx, placed, report);
  report.mentions += mentionIds.length;
  if (mentionIds.length) await reassign(tx, mentionIds);
}

/**
 * Inserts the articles not stored yet (an id taken by another text: renamed), without
 * `duplicate_of`. Returns those inserted and those whose insert met a row of a concurrent
 * transaction (nothing stored of them yet).
 */
async function placeArticles(
  tx: Db,
  live: Item[],
  version: string,
  report: IngestReport,
): Promise<{ placed: Placed[]; conflicted: Item[] }> {
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

  const rows: object[] = [];
  const tried: Placed[] = [];
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
    // the id names a different text already stored: keep both
    for (let n = 8; takenId.has(id); n += 4) id = `${article.id}~${fp.contentHash.slice(0, n)}`;
    takenHash.add(fp.contentHash);
    if (fp.urlKey) takenUrl.add(fp.urlKey);
    takenId.add(id);
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
      duplicate_of: null,
      extractor_version: version,
    });
    tried.push({ item: it, id, renamed: id !== article.id });
  }
  if (!rows.length) return { placed: [], conflicted: [] };
  const inserted = new Set((await tx.query<{ id: string }>(sql.insertArticles(rows))).map((r) => r.id));
  return {
    placed: tried.filter((p) => inserted.has(p.id)),
    conflicted: tried.filter((p) => !inserted.has(p.id)).map((p) => p.item),
  };
}

/** Inserts the mentions of the placed articles; returns their ids. */
async function insertMentionsOf(tx: Db, placed: Placed[]): Promise<number[]> {
  const rows = placed.flatMap((p) => {
    const ex = p.item.extracted as { events: EventRecord[] };
    return ex.events.map((e, i) => mentionRow(p.id, i, e));
  });
  if (!rows.length) return [];
  return (await tx.query<{ id: number }>(sql.insertMentions(rows))).map((r) => Number(r.id));
}

/**
 * Sets `duplicate_of` of the placed articles (in input order) that are near-duplicates of an
 * article committed before or of an earlier one of theirs. Runs under the ingest lock.
 */
async function markNearDuplicates(tx: Db, placed: Placed[], report: IngestReport): Promise<void> {
  const hashed = placed.filter((p) => p.item.fp.simhash);
  if (!hashed.length) return;
  const cols: [number[], number[], number[], number[]] = [[], [], [], []];
  for (const p of hashed) {
    const b = bands(p.item.fp.simhash as { hi: number; lo: number });
    for (let k = 0; k < 4; k++) cols[k].push(b[k]);
  }
  // this batch's own rows are stored already: they are candidates only in input order (below)
  const own = new Set(placed.map((p) => p.id));
  const candidates: Candidate[] = (
    await tx.query<{ id: string; root: string; simhash: string }>(sql.nearDuplicateCandidates(cols))
  )
    .filter((r) => !own.has(r.id))
    .map((r) => ({ id: r.id, root: r.root, hash: fromBigintText(r.simhash) }));
  const marks: { id: string; duplicate_of: string }[] = [];
  for (const { item, id } of hashed) {
    const simhash = item.fp.simhash as { hi: number; lo: number };
    let best: Candidate | null = null;
    let bestD = NEAR_DUPLICATE_DISTANCE + 1;
    for (const c of candidates) {
      const d = hamming(simhash, c.hash);
      if (d < bestD || (d === bestD && best && c.id < best.id)) {
        best = c;
        bestD = d;
      }
    }
    const duplicateOf = best && bestD <= NEAR_DUPLICATE_DISTANCE ? best.root : null;
    if (duplicateOf) marks.push({ id, duplicate_of: duplicateOf });
    candidates.push({ id, root: duplicateOf ?? id, hash: simhash });
  }
  report.near_duplicates += marks.length;
  if (marks.length) await tx.query(sql.markDuplicates(marks));
}
