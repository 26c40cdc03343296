/**
 * Who hosts a PGlite data folder. The host is the one process that has PGlite open on the
 * folder; it holds the folder's lock and records itself in `<dir>/.rasd-host.json`
 * ({ pid, state, socket }). Every other process connects to it (src/db/folder-host.ts).
 *
 * The lock is a proper-lockfile lock (`<dir>/.rasd-host.lock`, an atomic mkdir). Stale locks
 * are found by PID: a lock whose recorded process is gone (killed with SIGKILL, say) is taken
 * over at once. Taking the lock, taking it over and releasing it all happen under a second,
 * short lock (`.rasd-open.lock`), so two processes finding the same dead host cannot both
 * take over, and the record always names the lock's holder. Should a recorded PID belong to
 * a new process by now, the lock's mtime (kept fresh by its holder) still ages out: after
 * STALE_MS it is taken over too.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

export const HOST_FILE = '.rasd-host.json';
/** a lock not refreshed for this long is stale whatever its PID says */
const STALE_MS = 10 * 60_000;

export interface HostRecord {
  pid: number;
  /** 'starting': PGlite is being opened; 'ready': the socket takes connections */
  state: 'starting' | 'ready';
  /** the folder holding the socket `.s.PGSQL.5432` (pg's `host`) */
  socket?: string;
  since: string;
}

export interface FolderLock {
  /** records that the host takes connections on `socket` */
  ready(socket: string): void;
  /** removes the record and the lock */
  release(): Promise<void>;
}

export function readHost(dir: string): HostRecord | null {
  try {
    const r = JSON.parse(readFileSync(join(dir, HOST_FILE), 'utf8')) as HostRecord;
    return Number.isInteger(r.pid) && r.pid > 0 ? r : null;
  } catch {
    return null;
  }
}

function writeHost(dir: string, r: HostRecord): void {
  const tmp = join(dir, `${HOST_FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(r)}\n`);
  renameSync(tmp, join(dir, HOST_FILE));
}

/** Whether a process with this id exists (EPERM: it does, but is someone else's). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const hostLock = (dir: string) => join(dir, '.rasd-host');
const openLock = (dir: string) => join(dir, '.rasd-open');

async function underOpenLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  // held for a few file operations; a holder killed meanwhile leaves it stale after 2 s
  const release = await lockfile.lock(openLock(dir), {
    realpath: false,
    stale: 2000,
    retries: { retries: 400, factor: 1.2, minTimeout: 5, maxTimeout: 50 },
    onCompromised: () => {},
  });
  try {
    return await fn();
  } finally {
    await release().catch(() => {});
  }
}

export interface LockOptions {
  /** called when the lock was lost while held (its mtime changed under us, or it vanished) */
  onCompromised(err: Error): void;
}

/**
 * Takes the folder's lock for this process, or returns null when a live process holds it.
 */
export async function lockFolder(dir: string, opts: LockOptions): Promise<FolderLock | null> {
  return underOpenLock(dir, async () => {
    const take = () =>
      lockfile.lock(hostLock(dir), {
        realpath: false,
        stale: STALE_MS,
        update: 10_000,
        onCompromised: opts.onCompromised,
      });
    let release: () => Promise<void>;
    try {
      release = await take();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
      const owner = readHost(dir);
      // no record under the open lock: its holder died between taking the lock and writing it
      if (owner && (owner.pid === process.pid || processAlive(owner.pid))) return null;
      rmSync(`${hostLock(dir)}.lock`, { recursive: true, force: true });
      release = await take();
    }
    writeHost(dir, { pid: process.pid, state: 'starting', since: new Date().toISOString() });
    let released = false;
    return {
      ready(socket: string) {
        writeHost(dir, { pid: process.pid, state: 'ready', socket, since: new Date().toISOString() });
      },
      async release() {
        if (released) return;
        released = true;
        await underOpenLock(dir, async () => {
          if (readHost(dir)?.pid === process.pid) rmSync(join(dir, HOST_FILE), { force: true });
          await release().catch(() => {});
        });
      },
    };
  });
}
