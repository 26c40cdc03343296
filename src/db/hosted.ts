/**
 * The client side of a hosted PGlite folder (src/db/folder-host.ts): a pool-like object
 * for PgDb whose connections are `pg` sessions through the host's gate, one at a time per
 * process. The host's single PGlite session passes from client to client (the gate runs one
 * at a time, in arrival order): a process keeps it only while it has work waiting, for at most
 * TURN queries or transactions, then gives it back.
 *
 * Connecting is retried while nothing of the caller's has run: a host that is starting,
 * handing over or was killed is waited for or taken over. A connection lost after that is an
 * error naming the host (HostLostError): the outcome of what was in flight is unknown, so it
 * is never retried silently.
 */
import type pg from 'pg';
import { HostLostError } from './errors.js';
import { type Endpoint, type Folder, hostWaitMs, releaseFolder } from './folder-host.js';

/** Errors of a connection that went away (as opposed to errors the database answered). */
export function connectionLost(err: unknown): boolean {
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && 'severity' in e) return false; // an answer from the database
  return (
    ['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'ENOTCONN'].includes(e?.code ?? '') ||
    /Connection terminated|not queryable|Client has encountered a connection error/i.test(e?.message ?? '')
  );
}

export interface SessionClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  release(err?: boolean | Error): void;
}

interface Session {
  client: pg.Client;
  ep: Endpoint;
  /** queries and transactions run in this turn */
  uses: number;
  dead: boolean;
}

/**
 * Work of this process passes the session on while more is waiting, up to this many times;
 * then the session goes back to the gate, so other processes get their turn.
 */
const TURN = 32;

export class SessionPool {
  private busy = false;
  /** callers waiting: each gets the session passed on, or null (open a new one) */
  private readonly waiters: ((s: Session | null) => void)[] = [];
  private closed = false;
  /** the session just released, kept for the rest of this event-loop turn */
  private idle: Session | null = null;

  constructor(
    private readonly folder: Folder,
    private readonly setup: { text: string },
  ) {}

  /** queries of this process waiting for the session */
  get waitingCount(): number {
    return this.waiters.length;
  }

  async connect(): Promise<SessionClient> {
    if (this.closed) throw new Error('the store is closed');
    let session: Session | null = null;
    if (this.busy) session = await new Promise<Session | null>((r) => this.waiters.push(r));
    else if (this.idle) {
      session = this.idle;
      this.idle = null;
    }
    this.busy = true;
    if (!session) {
      try {
        session = await this.open();
      } catch (err) {
        this.passOn(null);
        throw err;
      }
    }
    const s = session;
    let released = false;
    return {
      query: async (text, values) => {
        try {
          return await s.client.query(text, values);
        } catch (err) {
          if (!connectionLost(err)) throw err;
          s.dead = true;
          throw new HostLostError(this.folder.dir, s.ep.pid, err as Error);
        }
      },
      release: (err) => {
        if (released) return;
        released = true;
        s.uses++;
        if (err) s.dead = true;
        this.passOn(s);
      },
    };
  }

  /**
   * Gives the session to the next caller of this process, or back to the gate. With nobody
   * waiting it is kept until the end of this turn of the event loop, so that a caller's next
   * query (`for (…) await db.query(…)`) goes on in the same session.
   */
  private passOn(s: Session | null): void {
    const usable = s && !s.dead && s.uses < TURN && !this.closed;
    const next = this.waiters.shift();
    if (next) {
      if (s && !usable) s.client.end().catch(() => {});
      next(usable ? s : null);
      return;
    }
    this.busy = false;
    if (!s) return;
    if (!usable) {
      s.client.end().catch(() => {});
      return;
    }
    this.idle = s;
    setImmediate(() => {
      if (this.idle !== s) return;
      this.idle = null;
      s.client.end().catch(() => {});
    });
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
    const idle = this.idle;
    this.idle = null;
    await idle?.client.end().catch(() => {});
    await releaseFolder(this.folder);
  }

  /** A session set up for the schema; retried while nothing of the caller's has run. */
  private async open(): Promise<Session> {
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
        return { client, ep, uses: 0, dead: false };
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
