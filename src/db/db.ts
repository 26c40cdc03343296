/**
 * The database seam. Rasd speaks one SQL dialect (PostgreSQL's) to two engines:
 * PGlite (PostgreSQL compiled to WebAssembly, a data folder on disk or `memory://`) and a real
 * PostgreSQL server through a `pg` Pool when a URL is given.
 *
 * A data folder is shared by every process that opens it: the first one hosts it (PGlite in a
 * worker thread behind a unix socket, src/db/folder-host.ts) and all of them, itself
 * included, reach it as `pg` clients (src/db/hosted.ts), one session at a time. `memory://`
 * stays in-process.
 *
 * `schema` puts every table in that schema: the schema is created when missing and
 * `search_path` is set to it (then `public`, where extensions live) on every connection.
 * Tests use a random schema per run and drop it at the end.
 */
import { resolve } from 'node:path';
import { StoreBusyError } from './errors.js';
import { useFolder } from './folder-host.js';
import { SessionPool } from './hosted.js';
import { sql, validSchemaName } from './sql.js';

export interface Query {
  text: string;
  values?: unknown[];
}

export interface Db {
  query<R = Record<string, unknown>>(q: Query): Promise<R[]>;
  /** Runs `fn` in a transaction (nested calls run inside the outer one). */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly engine: 'pglite' | 'pg';
  /** the schema the tables live in */
  readonly schema: string;
}

export interface OpenDbOptions {
  /** a postgres:// URL; when set, a pg Pool is used */
  url?: string | null;
  /** PGlite data folder, or 'memory://' (default: RASD_DATA or ./rasd-data) */
  dataDir?: string | null;
  /** the schema holding Rasd's tables (default: RASD_SCHEMA or 'public') */
  schema?: string | null;
  /** pg Pool size (default 4) */
  poolSize?: number;
  /**
   * Queries that may wait for a connection at once; one more throws StoreBusyError (the API
   * answers 503). Default: no bound.
   */
  maxWaiting?: number | null;
  /** what `url` is called in errors (default DATABASE_URL, where the CLI takes it from) */
  urlName?: string;
}

/** The PGlite data folder the CLI uses when none is given. */
export function defaultDataDir(): string {
  return process.env.RASD_DATA || './rasd-data';
}

export async function openDb(opts: OpenDbOptions = {}): Promise<Db> {
  const schema = opts.schema || process.env.RASD_SCHEMA || 'public';
  if (!validSchemaName(schema))
    throw new Error(
      `${opts.schema ? 'schema' : 'RASD_SCHEMA'}: invalid schema name "${schema}" (lower-case letters, digits and _, not starting with a digit or pg_)`,
    );
  const maxWaiting = opts.maxWaiting ?? null;
  if (opts.url)
    return openPg(opts.url, schema, opts.poolSize ?? 4, maxWaiting, opts.urlName ?? 'DATABASE_URL');
  const dataDir = opts.dataDir ?? defaultDataDir();
  if (dataDir.startsWith('memory://')) return openMemory(dataDir, schema);
  return openFolder(resolve(dataDir), schema, maxWaiting);
}

// ---------------------------------------------------------------- PGlite

interface PgliteLike {
  query<R>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

class PgliteDb implements Db {
  readonly engine = 'pglite' as const;
  constructor(
    private readonly conn: PgliteLike,
    readonly schema: string,
    private readonly root: {
      transaction<T>(fn: (tx: PgliteLike) => Promise<T>): Promise<T>;
      close(): Promise<void>;
    } | null,
  ) {}

  async query<R = Record<string, unknown>>(q: Query): Promise<R[]> {
    const res = await this.conn.query<R>(q.text, q.values ?? []);
    return res.rows;
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (!this.root) return fn(this);
    return this.root.transaction((tx) => fn(new PgliteDb(tx, this.schema, null)));
  }

  async close(): Promise<void> {
    await this.root?.close();
  }
}

/** PGlite in memory, in this process (nobody else can reach it). */
async function openMemory(dataDir: string, schema: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const pg = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const db = new PgliteDb(pg, schema, pg);
  if (schema !== 'public') await db.query(sql.createSchema(schema));
  await db.query(sql.setSearchPath(schema));
  return db;
}

/** A PGlite data folder, through its host (this process, or the one that opened it first). */
async function openFolder(dir: string, schema: string, maxWaiting: number | null): Promise<Db> {
  const pool = new SessionPool(useFolder(dir), sql.setSearchPath(schema));
  const db = new PgDb(pool, schema, pool, 'pglite', maxWaiting);
  try {
    if (schema !== 'public') await db.query(sql.createSchema(schema));
    return db;
  } catch (err) {
    await pool.end();
    throw err;
  }
}

// ---------------------------------------------------------------- pg

interface PgClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  release(err?: boolean | Error): void;
}

interface Pool {
  connect(): Promise<PgClient>;
  end(): Promise<void>;
  /** queries waiting for a connection */
  readonly waitingCount: number;
}

/** A `pg` pool, or the sessions of a hosted PGlite folder (same protocol, engine 'pglite'). */
class PgDb implements Db {
  constructor(
    private readonly conn: { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> },
    readonly schema: string,
    private readonly pool: Pool | null,
    readonly engine: 'pglite' | 'pg' = 'pg',
    private readonly maxWaiting: number | null = null,
  ) {}

  /** Refuses work beyond the bound of waiting queries instead of queueing it. */
  private admit(): void {
    if (this.pool && this.maxWaiting != null && this.pool.waitingCount >= this.maxWaiting)
      throw new StoreBusyError(this.pool.waitingCount);
  }

  async query<R = Record<string, unknown>>(q: Query): Promise<R[]> {
    this.admit();
    const res = await this.conn.query(q.text, q.values ?? []);
    return res.rows as R[];
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (!this.pool) return fn(this);
    this.admit();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn(new PgDb(client, this.schema, null, this.engine));
      await client.query('COMMIT');
      client.release();
      return out;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
        client.release();
      } catch (e) {
        client.release(e as Error);
      }
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.pool?.end();
  }
}

/** The URL with its password hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** Checks a PostgreSQL URL; throws naming the variable it came from. */
export function checkPgUrl(url: string, name = 'DATABASE_URL'): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(
      `${name}: not a URL ("${redactUrl(url)}"; expected postgres://user[:password]@host[:port]/database)`,
    );
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:' && u.protocol !== 'socket:')
    throw new Error(
      `${name}: ${u.protocol.replace(/:$/, '')}:// is not PostgreSQL (expected postgres://user[:password]@host[:port]/database)`,
    );
}

/** SQLSTATE classes and errno codes that mean "could not reach or log in to the database". */
const CONNECT_CODES =
  /^(?:08|28|3D)|^E(?:CONNREFUSED|NOTFOUND|AI_AGAIN|HOSTUNREACH|NETUNREACH|TIMEDOUT|CONNRESET)$/;

async function openPg(
  url: string,
  schema: string,
  max: number,
  maxWaiting: number | null,
  urlName: string,
): Promise<Db> {
  checkPgUrl(url, urlName);
  const pg = (await import('pg')).default;
  // the schema name is validated ([a-z_][a-z0-9_]*), so it needs no quoting here
  // a runaway query is cancelled by the server (RASD_QUERY_TIMEOUT_MS, default 30 s; 0 = none)
  const timeout = Number(process.env.RASD_QUERY_TIMEOUT_MS ?? 30_000);
  const pool = new pg.Pool({
    connectionString: url,
    max,
    options: `-c search_path=${schema},public`,
    ...(Number.isFinite(timeout) && timeout > 0 ? { statement_timeout: timeout } : {}),
  });
  pool.on('error', () => {
    /* an idle client died (server restart); the next query reconnects */
  });
  const db = new PgDb(pool, schema, pool, 'pg', maxWaiting);
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => {});
    const code = String((err as { code?: unknown }).code ?? '');
    if (CONNECT_CODES.test(code))
      throw new Error(`${urlName} ${redactUrl(url)}: cannot connect (${(err as Error).message})`);
    throw err;
  }
  if (schema !== 'public') {
    await db.transaction(async (tx) => {
      // two processes creating the same schema at once would otherwise race
      await tx.query(sql.advisoryLock('rasd:schema'));
      await tx.query(sql.createSchema(schema));
    });
  }
  return db;
}

/** Drops a schema and everything in it (test teardown). */
export async function dropSchema(db: Db, schema: string = db.schema): Promise<void> {
  if (schema === 'public') throw new Error('refusing to drop the public schema');
  await db.query(sql.dropSchema(schema));
}
