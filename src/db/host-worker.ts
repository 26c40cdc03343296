/**
 * The worker thread that hosts a PGlite data folder (started by src/db/folder-host.ts in the
 * process holding the folder's lock): PGlite, its socket server (@electric-sql/pglite-socket)
 * on a private socket, and the session gate on the public one, which every `rasd` process on
 * the folder — this one included — connects to with `pg`. PGlite's queries run here, off the
 * main thread, so a long query never holds up the process's event loop (the HTTP server's).
 *
 * Messages: ← 'stop'; → { ready: true } | { error } | { stopped: true }.
 */
import { rmSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { SessionGate } from './session-gate.js';

export interface HostWorkerData {
  dir: string;
  /** the public socket (pg connects to `<dir of it>/.s.PGSQL.5432`) */
  socket: string;
  /** PGlite's socket server, behind the gate */
  inner: string;
  /** longest a session in progress may run on when the host stops */
  drainMs: number;
}

const data = workerData as HostWorkerData;
const port = parentPort;
if (!port) throw new Error('host-worker runs as a worker thread');

async function main() {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create(data.dir, { extensions: { pg_trgm } });
  // sockets left by a host that was killed (this process holds the lock now)
  rmSync(data.inner, { force: true });
  rmSync(data.socket, { force: true });
  // two: the gate closes one session's connection and may open the next before the server
  // has noticed; the gate never runs two sessions at once
  const server = new PGLiteSocketServer({ db, path: data.inner, maxConnections: 2 });
  await server.start();
  const gate = new SessionGate(data.inner);
  await gate.listen(data.socket);
  let stopping = false;
  port?.on('message', async (m) => {
    if (m !== 'stop' || stopping) return;
    stopping = true;
    await gate.close(data.drainMs);
    await server.stop();
    await db.close();
    rmSync(data.socket, { force: true });
    rmSync(data.inner, { force: true });
    port?.postMessage({ stopped: true });
  });
  port?.postMessage({ ready: true });
}

main().catch((err: unknown) => {
  port.postMessage({ error: (err as Error).message ?? String(err) });
});
