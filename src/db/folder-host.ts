/**
 * Sharing a PGlite data folder between processes. The first process to open the folder takes
 * its lock (src/db/folder-lock.ts) and hosts it: PGlite runs in a worker thread of that
 * process (src/db/host-worker.ts) behind a unix socket. Every process on the folder, the
 * host included, then talks to it as a `pg` client (src/db/hosted.ts), so no process ever
 * opens a folder another live process has open.
 *
 * When the host's last store closes, it stops taking connections, lets the session in
 * progress finish, closes PGlite and releases the lock; the next process that needs the folder
 * takes it over (a client that finds no host becomes the host). A host that was killed leaves
 * a lock whose PID is dead: the next opener takes it over at once.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type FolderLock, lockFolder, processAlive, readHost } from './folder-lock.js';
import type { HostWorkerData } from './host-worker.js';

/** Where a client connects: pg's `host` (the folder holding `.s.PGSQL.5432`). */
export interface Endpoint {
  host: string;
  pid: number;
}

/** unix socket paths are at most 107 bytes */
const MAX_SOCKET_PATH = 100;
const SOCKET = '.s.PGSQL.5432';

/**
 * The host worker: dist/store/host-worker.js, or under tsx (tests) the .ts file, loaded with
 * tsx's require hook (a worker thread does not get the ESM loader of `--import tsx` in time).
 */
function startWorker(data: HostWorkerData): Worker {
  const js = fileURLToPath(new URL('./host-worker.js', import.meta.url));
  if (existsSync(js)) return new Worker(js, { workerData: data });
  const ts = fileURLToPath(new URL('./host-worker.ts', import.meta.url));
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  // import() and createRequire: eval code is CommonJS or a module depending on --input-type
  const boot = `import('node:module').then(({ createRequire }) => {
    const req = createRequire(${JSON.stringify(ts)});
    req(${JSON.stringify(tsx)}).register();
    req(${JSON.stringify(ts)});
  });`;
  return new Worker(boot, { eval: true, workerData: data });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Hosting {
  lock: FolderLock;
  worker: Worker;
  socketDir: string;
  stopped: Promise<void>;
}

/** How long a command waits for a folder's host (one that is starting or handing over). */
export function hostWaitMs(): number {
  const n = Number(process.env.RASD_HOST_WAIT_MS);
  return Number.isFinite(n) && n > 0 ? n : 120_000;
}

export class Folder {
  private hosting: Hosting | null = null;
  private becoming: Promise<Endpoint | null> | null = null;
  private broken: Error | null = null;
  refs = 0;

  constructor(readonly dir: string) {}

  /** Whether this process hosts the folder now. */
  get isHost(): boolean {
    return this.hosting !== null;
  }

  /**
   * Where to connect: this process's own host, or the live host recorded in the folder; when
   * there is none (or `failed`, the last endpoint, did not answer), this process tries to
   * become the host. Waits while another process is starting or handing over, up to `deadline`.
   */
  async endpoint(deadline: number, failed?: Endpoint): Promise<Endpoint> {
    for (let round = 0; ; round++) {
      if (this.broken) throw this.broken;
      if (this.hosting) return { host: this.hosting.socketDir, pid: process.pid };
      const rec = readHost(this.dir);
      const same = failed && rec?.pid === failed.pid && rec?.socket === failed.host;
      if (rec?.state === 'ready' && rec.socket && rec.pid !== process.pid && !same && processAlive(rec.pid))
        return { host: rec.socket, pid: rec.pid };
      this.becoming ??= this.become().finally(() => {
        this.becoming = null;
      });
      const mine = await this.becoming;
      if (mine) return mine;
      if (Date.now() > deadline) {
        const who = rec ? `process ${rec.pid} (${rec.state})` : 'another process';
        throw new Error(
          `the data folder ${this.dir} is held by ${who}, which does not answer; is it still running?`,
        );
      }
      failed = undefined;
      await sleep(Math.min(250, 20 + round * 10));
    }
  }

  /** Takes the lock and starts the host; null when another live process holds the lock. */
  private async become(): Promise<Endpoint | null> {
    mkdirSync(this.dir, { recursive: true });
    const lock = await lockFolder(this.dir, {
      onCompromised: (err) => {
        // someone else holds the folder now: stop writing at once
        this.broken = new Error(`lost the lock on ${this.dir}: ${err.message}`);
        process.stderr.write(`rasd: ${this.broken.message}\n`);
        void this.hosting?.worker.terminate();
      },
    });
    if (!lock) return null;
    const inDir = join(this.dir, SOCKET).length <= MAX_SOCKET_PATH;
    const socketDir = inDir ? this.dir : mkdtempSync(join(tmpdir(), 'rasd-'));
    const data: HostWorkerData = {
      dir: this.dir,
      socket: join(socketDir, SOCKET),
      inner: join(socketDir, '.rasd-pglite.sock'),
      drainMs: 60_000,
    };
    const worker = startWorker(data);
    try {
      await new Promise<void>((resolve, reject) => {
        const onMessage = (m: { ready?: boolean; error?: string }) => {
          off();
          if (m.ready) resolve();
          else reject(new Error(`cannot open the data folder ${this.dir}: ${m.error}`));
        };
        const onError = (err: Error) => {
          off();
          reject(err);
        };
        const onExit = (code: number) => {
          off();
          reject(new Error(`the database host exited (${code}) while starting`));
        };
        // (not removeAllListeners: that also drops the worker's own, and its messages with them)
        const off = () => {
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
      });
    } catch (err) {
      await worker.terminate();
      await lock.release();
      if (!inDir) rmSync(socketDir, { recursive: true, force: true });
      throw err;
    }
    // a command that forgets to close its store still exits (like a kill: the next opener
    // takes over)
    worker.unref();
    const stopped = new Promise<void>((resolve) => {
      worker.on('message', (m: { stopped?: boolean }) => {
        if (m.stopped) void worker.terminate();
      });
      worker.on('error', (err) => process.stderr.write(`rasd: the database host failed: ${err.message}\n`));
      worker.once('exit', () => {
        // stopped, or died: either way the folder is free for the next opener
        if (this.hosting?.worker === worker) this.hosting = null;
        void lock.release().finally(() => {
          if (!inDir) rmSync(socketDir, { recursive: true, force: true });
          resolve();
        });
      });
    });
    this.hosting = { lock, worker, socketDir, stopped };
    lock.ready(socketDir);
    return { host: socketDir, pid: process.pid };
  }

  /** Stops hosting (after the session in progress); the next opener takes the folder over. */
  async stop(): Promise<void> {
    const h = this.hosting;
    if (!h) return;
    h.worker.ref(); // the process waits for the host to stop
    h.worker.postMessage('stop');
    await h.stopped;
  }
}

const folders = new Map<string, Folder>();

/** The process's handle on a data folder (one per folder, shared by its stores). */
export function useFolder(dir: string): Folder {
  let f = folders.get(dir);
  if (!f) {
    f = new Folder(dir);
    folders.set(dir, f);
  }
  f.refs++;
  return f;
}

/** Lets go of a handle; the last one stops hosting. */
export async function releaseFolder(f: Folder): Promise<void> {
  f.refs--;
  if (f.refs > 0) return;
  if (folders.get(f.dir) === f) folders.delete(f.dir);
  await f.stop();
}
