/**
 * The client side of a hosted PGlite folder (src/store/folder-host.ts): a pool-like object
 * for PgDb whose connections are `pg` sessions through the host's gate. A session lasts one
 * query or one transaction, so the host's single PGlite session passes from client to client
 * (the gate runs one at a time, in arrival order).
 *
 * Connecting is retried while nothing of the caller's has run: a host that is starting,
 * handing over or was killed is waited for or taken over. A connection lost after that is an
 * error naming the host (HostLostError): the outcome of what was in flight is unknown, so it
 * is never retried silently.
 */
import type pg from 'pg';
import { type Endpoint, type Folder, hostWaitMs, releaseFolder } from './folder-host.js';

export class HostLostError extends Error {
  constructor(dir: string, pid: number, cause: Error) {
    super(
      `lost the database host of ${dir} (process ${pid}) during a query (${cause.message}); ` +
        'what was in flight may not have been written: run the command again',
    );
    this.name = 'HostLostError';
  }
}

/** Errors of a connection that went away (as opposed to errors the database answered). */
export function connectionLost(err: unknown): boolean {
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && 'severity' in e) return false; // an answer from the database
  return (
    ['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'ENOTCONN'].includes(e?.code ?? '') ||
    /Connection terminated|not queryable|Client has encountered a connection error/i.test(e?.message ?? '')
  );
}

/** A counting semaphore that also says how many wait. */
class Slots {
  private free: number;
  private readonly queue: (() => void)[] = [];
  constructor(n: number) {
    this.free = n;
  }
  get waitingCount(): number {
    return this.queue.length;
  }
  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((r) => this.queue.push(r));
  }
  release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.free++;
  }
}

export interface SessionClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  release(err?: boolean | Error): void;
}

export class SessionPool {
  private readonly slots: Slots;
  private closed = false;

  /**
   * `sessions`: connections this process keeps at the host at once (two: the next one is
   * connecting while the current one runs).
   */
  constructor(
    private readonly folder: Folder,
    private readonly setup: { text: string },
    sessions = 2,
  ) {
    this.slots = new Slots(sessions);
  }

  /** queries of this process waiting for a session */
  get waitingCount(): number {
    return this.slots.waitingCount;
  }

  async connect(): Promise<SessionClient> {
    if (this.closed) throw new Error('the store is closed');
    await this.slots.acquire();
    let client: pg.Client;
    let ep: Endpoint;
    try {
      [client, ep] = await this.open();
    } catch (err) {
      this.slots.release();
      throw err;
    }
    let released = false;
    return {
      query: async (text, values) => {
        try {
          return await client.query(text, values);
        } catch (err) {
          if (connectionLost(err)) throw new HostLostError(this.folder.dir, ep.pid, err as Error);
          throw err;
        }
      },
      release: () => {
        if (released) return;
        released = true;
        this.slots.release();
        client.end().catch(() => {});
      },
    };
  }

  async query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
    const c = await this.connect();
    try {
      return await c.query(text, values);
    } finally {
      c.release();
    }
  }

  async end(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await releaseFolder(this.folder);
  }

  /** A session set up for the schema; retried while nothing of the caller's has run. */
  private async open(): Promise<[pg.Client, Endpoint]> {
    const { Client } = (await import('pg')).default;
    const deadline = Date.now() + hostWaitMs();
    let failed: Endpoint | undefined;
    for (;;) {
      const ep = await this.folder.endpoint(deadline, failed);
      // PGlite has one user and one database; it ignores these, pg needs them
      const client = new Client({ host: ep.host, user: 'postgres', database: 'postgres' });
      client.on('error', () => {
        /* a dead connection fails its query; see HostLostError */
      });
      try {
        await client.connect();
        await client.query(this.setup.text);
        return [client, ep];
      } catch (err) {
        client.end().catch(() => {});
        if (!connectionLost(err)) throw err;
        if (Date.now() > deadline)
          throw new Error(`cannot reach the database host of ${this.folder.dir}: ${(err as Error).message}`);
        failed = ep;
      }
    }
  }
}
