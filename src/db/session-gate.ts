/**
 * One PostgreSQL session at a time in front of PGlite's socket server.
 *
 * PGlite is a single session. @electric-sql/pglite-socket multiplexes clients at the level of
 * protocol messages, which mixes them up: measured with 8 clients sending parameterized
 * queries beside one client in a transaction, a client's Bind met another client's Parse
 * ("bind message supplies 3 parameters, but prepared statement "" requires 1") and answers
 * went to the wrong client. So the gate admits one client connection at a time, in arrival
 * order, and pipes it to the socket server; the others wait (their `connect()` has not
 * finished, so nothing of theirs has run). Clients hold a connection for one query or one
 * transaction (src/db/hosted.ts).
 *
 * When a client goes away, the gate knows from the messages both ways whether the session is
 * clean (every message answered, ReadyForQuery "idle"). If it is not — the client died inside
 * a transaction or between Parse and Sync — the gate sends Sync and ROLLBACK itself and waits
 * for both answers before the next client gets the session, so nothing half-done of one client
 * is ever committed by another. A client that keeps an idle connection (outside a
 * transaction) while others wait is closed after IDLE_MS. The gate answers SSL/GSS requests
 * with "N" and drops cancel requests (PGlite cannot cancel a query).
 */
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

const SYNC = Buffer.from([0x53, 0, 0, 0, 4]); // 'S'
const ROLLBACK = query('ROLLBACK');
const RESET_MS = 60_000;
/** a session left idle (outside a transaction) this long while others wait is closed */
export const IDLE_MS = 5_000;

function query(text: string): Buffer {
  const body = Buffer.from(`${text}\0`, 'utf8');
  const head = Buffer.alloc(5);
  head[0] = 0x51; // 'Q'
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/** Cuts a typed protocol stream (type byte + int32 length) into whole messages. */
export class MessageFramer {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: Buffer[] = [];
    while (this.buf.length >= 5) {
      const len = 1 + this.buf.readInt32BE(1);
      if (len < 5) throw new Error('malformed protocol message');
      if (this.buf.length < len) break;
      out.push(this.buf.subarray(0, len));
      this.buf = this.buf.subarray(len);
    }
    return out;
  }
}

/** What the gate knows about the session on the wire. */
class SessionState {
  /** ReadyForQuery answers still to come (startup, each Query, each Sync) */
  awaiting = 1;
  /** extended-protocol messages sent since the last Sync */
  extended = false;
  status = 'I';

  fromClient(m: Buffer): void {
    const t = String.fromCharCode(m[0]);
    if (t === 'Q') this.awaiting++;
    else if (t === 'S') {
      this.awaiting++;
      this.extended = false;
    } else if ('PBDECHF'.includes(t)) this.extended = true;
  }

  fromServer(m: Buffer): void {
    if (m[0] === 0x5a /* 'Z' */) {
      this.awaiting--;
      this.status = String.fromCharCode(m[5]);
    }
  }

  get clean(): boolean {
    return this.awaiting === 0 && !this.extended && this.status === 'I';
  }
}

interface Waiting {
  socket: Socket;
  /** the startup message and whatever followed it */
  head: Buffer;
}

export interface GateStats {
  waiting: number;
  active: boolean;
  sessions: number;
}

export class SessionGate {
  private server: Server | null = null;
  private readonly queue: Waiting[] = [];
  private active: Promise<void> | null = null;
  private activeClient: Socket | null = null;
  private closing = false;
  private sessions = 0;
  private readonly pending = new Set<Socket>();

  /** `inner`: the socket path of PGlite's socket server */
  constructor(private readonly inner: string) {}

  listen(path: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((s) => this.accept(s));
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        this.server = server;
        resolve();
      });
    });
  }

  stats(): GateStats {
    return { waiting: this.queue.length, active: this.active !== null, sessions: this.sessions };
  }

  /**
   * Stops taking connections, drops the waiting ones (their connect fails: nothing of theirs
   * ran) and waits up to `drainMs` for the session in progress to end.
   */
  async close(drainMs = 60_000): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    for (const s of this.pending) s.destroy();
    for (const w of this.queue.splice(0)) w.socket.destroy();
    if (this.active) {
      const current = this.active;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((r) => {
        timer = setTimeout(() => r('late'), drainMs);
      });
      if ((await Promise.race([current, late])) === 'late') {
        this.activeClient?.destroy();
        await current;
      }
      clearTimeout(timer);
    }
    await closed;
  }

  /** Reads the first message: answers SSL/GSS requests, drops cancels, queues a startup. */
  private accept(socket: Socket): void {
    if (this.closing) {
      socket.destroy();
      return;
    }
    this.pending.add(socket);
    let buf: Buffer = Buffer.alloc(0);
    const fail = () => {
      this.pending.delete(socket);
      socket.destroy();
    };
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 8) {
        const len = buf.readInt32BE(0);
        const code = buf.readInt32BE(4);
        if (len < 8 || len > 10_000) return fail();
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          socket.write('N');
          buf = buf.subarray(8);
          continue;
        }
        if (code === CANCEL_REQUEST) return fail();
        if (code !== PROTOCOL_3) return fail();
        if (buf.length < len) return;
        socket.off('data', onData);
        socket.off('error', fail);
        socket.off('close', fail);
        socket.pause();
        this.pending.delete(socket);
        const waiting: Waiting = { socket, head: buf };
        const drop = () => {
          const i = this.queue.indexOf(waiting);
          if (i >= 0) this.queue.splice(i, 1);
        };
        socket.once('close', drop);
        socket.on('error', drop);
        this.queue.push(waiting);
        this.pump();
        return;
      }
    };
    socket.on('data', onData);
    socket.on('error', fail);
    socket.on('close', fail);
  }

  private pump(): void {
    if (this.active || this.closing) return;
    const next = this.queue.shift();
    if (!next) return;
    this.sessions++;
    this.activeClient = next.socket;
    this.active = this.run(next).finally(() => {
      this.active = null;
      this.activeClient = null;
      this.pump();
    });
  }

  /** One session: client ⇄ a fresh connection to the socket server, then a clean hand-back. */
  private run({ socket: client, head }: Waiting): Promise<void> {
    return new Promise<void>((done) => {
      const inner = netConnect(this.inner);
      const state = new SessionState();
      const fromClient = new MessageFramer();
      const fromServer = new MessageFramer();
      let clientGone = false;
      let finished = false;
      let lastActive = Date.now();
      // a client that keeps its connection open without using it (psql, say) must not keep
      // the only session from the others
      const idleCheck = setInterval(() => {
        if (this.queue.length && state.clean && Date.now() - lastActive >= IDLE_MS) client.destroy();
      }, IDLE_MS / 5);
      idleCheck.unref();
      const finish = () => {
        if (finished) return;
        finished = true;
        clearInterval(idleCheck);
        client.destroy();
        if (inner.destroyed) done();
        else {
          inner.once('close', () => done());
          inner.end();
        }
      };
      let resetSent = false;
      const maybeReset = () => {
        if (!clientGone || finished) return;
        if (state.clean) return finish();
        if (resetSent) return; // waiting for the answers to the reset
        resetSent = true;
        state.fromClient(SYNC);
        state.fromClient(ROLLBACK);
        inner.write(Buffer.concat([SYNC, ROLLBACK]));
        // should the answers never come (a protocol state the gate does not know), dropping the
        // connection makes the socket server roll back
        setTimeout(() => inner.destroy(), RESET_MS).unref();
      };
      // the startup message goes as it came; the rest is cut into messages
      const len = head.readInt32BE(0);
      const startup = head.subarray(0, len);
      const rest = head.subarray(len);
      const forward = (chunk: Buffer) => {
        lastActive = Date.now();
        let msgs: Buffer[];
        try {
          msgs = fromClient.push(chunk);
        } catch {
          client.destroy();
          return;
        }
        const out = msgs.filter((m) => m[0] !== 0x58); // Terminate: the gate ends the session itself
        for (const m of out) state.fromClient(m);
        // whole messages only: a client that dies mid-message leaves nothing half-sent
        if (out.length) inner.write(out.length === 1 ? out[0] : Buffer.concat(out));
      };
      inner.once('connect', () => {
        inner.write(startup);
        if (rest.length) forward(rest);
        client.on('data', forward);
        client.resume();
      });
      inner.on('data', (chunk: Buffer) => {
        lastActive = Date.now();
        let msgs: Buffer[];
        try {
          msgs = fromServer.push(chunk);
        } catch {
          inner.destroy();
          return;
        }
        for (const m of msgs) state.fromServer(m);
        if (!clientGone) client.write(chunk);
        maybeReset();
      });
      const onClientGone = () => {
        if (clientGone) return;
        clientGone = true;
        if (inner.destroyed) return finish();
        maybeReset();
      };
      client.on('close', onClientGone);
      client.on('error', onClientGone);
      inner.on('error', () => finish());
      inner.on('close', () => finish());
    });
  }
}
