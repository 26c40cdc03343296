/** `rasd serve`: the REST API and the dashboard over the store, on a local port. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../api/app.js';
import { Store } from '../store/store.js';
import { commandLogger, type LogFlags, type Logger } from './log.js';
import { type DbFlags, existingStoreOptions, storeOptions, wholeNumber } from './store-options.js';
import { startWatching, type Watching, watchSettings } from './watch-command.js';

export interface ServeFlags extends DbFlags, LogFlags {
  port?: string;
  host?: string;
  maxWaiting?: string;
  /** make an empty store when the folder holds none (serve then ingest into a new folder) */
  create?: boolean;
  /** feeds to watch in this process (`rasd watch` inside `rasd serve`) */
  watch?: string[];
  interval?: string;
  maxItems?: string;
  workers?: string;
  allowPrivate?: boolean;
  quiet?: boolean;
}

/**
 * Queries that may wait for the database at once before the API answers 503 with Retry-After
 * (--max-waiting, RASD_MAX_WAITING): a bounded queue instead of connections that time out.
 */
export const DEFAULT_MAX_WAITING = 500;

export interface Running {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface StartOptions {
  port: number;
  host: string;
  writeToken?: string | null;
  readToken?: string | null;
  /** when the port is taken, take any free one instead of failing */
  anyPortIfBusy?: boolean;
  /** unexpected errors (error) and, at debug, every request */
  log?: Logger;
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Running> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host });
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      const p = (server.address() as AddressInfo).port;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${p}/`,
        port: p,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** Serves the API and the dashboard over an open store. */
export async function startServer(store: Store, opts: StartOptions): Promise<Running> {
  const log = opts.log;
  const app = createApp(store, {
    writeToken: opts.writeToken,
    readToken: opts.readToken,
    ...(log
      ? {
          onInternalError: (err: unknown) =>
            log.error({ err }, `rasd serve: ${(err as Error)?.stack ?? String(err)}`),
          ...(log.isLevelEnabled('debug')
            ? {
                onResponse: (r: { method: string; path: string; status: number; ms: number }) =>
                  log.debug({ event: 'request', ...r }, `${r.method} ${r.path} ${r.status} ${r.ms} ms`),
              }
            : {}),
        }
      : {}),
  });
  try {
    return await listen(app, opts.port, opts.host);
  } catch (err) {
    if (opts.anyPortIfBusy && (err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      return listen(app, 0, opts.host);
    throw err;
  }
}

/** Stops the server and the store on Ctrl-C or SIGTERM (after `first`), then runs `cleanup`. */
export function stopOnSignal(
  running: Running,
  store: Store,
  cleanup?: () => void,
  first?: () => Promise<unknown>,
): void {
  const stop = async () => {
    await first?.().catch(() => {});
    await running.close().catch(() => {});
    await store.close().catch(() => {});
    cleanup?.();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function tokenNotes(
  writeToken: string | null | undefined,
  readToken: string | null | undefined,
): string {
  const w = writeToken
    ? 'review is on (RASD_TOKEN)'
    : 'review is off: set RASD_TOKEN to allow confirm/edit/reject/merge/split';
  return readToken ? `${w}; reads need RASD_READ_TOKEN` : w;
}

export async function runServe(flags: ServeFlags): Promise<void> {
  const port = wholeNumber('--port', flags.port) ?? 8080;
  const host = flags.host ?? '127.0.0.1';
  // -q quiets the watch's poll lines only: the line saying where the dashboard is always shows
  const log = commandLogger('serve', { ...flags, quiet: false });
  const writeToken = process.env.RASD_TOKEN || null;
  const readToken = process.env.RASD_READ_TOKEN || null;
  const maxWaiting =
    wholeNumber('--max-waiting', flags.maxWaiting ?? process.env.RASD_MAX_WAITING) ?? DEFAULT_MAX_WAITING;
  if (flags.watch?.length) watchSettings(flags);
  else {
    const stray = (['interval', 'maxItems', 'workers', 'allowPrivate'] as const).find(
      (k) => flags[k] !== undefined,
    );
    if (stray)
      throw new Error(`--${stray.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: goes with --watch FEEDS`);
  }
  const store = await Store.open({
    ...(flags.create ? storeOptions(flags) : existingStoreOptions(flags)),
    maxWaiting,
  });
  let running: Running;
  let watching: Watching | null = null;
  try {
    running = await startServer(store, { port, host, writeToken, readToken, log });
    if (flags.watch?.length) watching = startWatching(store, flags.watch, flags);
  } catch (err) {
    await store.close();
    throw err;
  }
  log.info(
    {
      event: 'listening',
      url: running.url,
      api: `${running.url}api/incidents`,
      docs: `${running.url}api/docs`,
    },
    `rasd: dashboard on ${running.url} — API ${running.url}api/incidents, docs ${running.url}api/docs`,
  );
  log.info(
    { event: 'tokens', review: Boolean(writeToken), read_token: Boolean(readToken) },
    `rasd: ${tokenNotes(writeToken, readToken)}`,
  );
  if (watching)
    log.info(
      { event: 'watching', feeds: flags.watch?.length },
      `rasd: watching ${flags.watch?.length} feed(s)`,
    );
  // a watch that ends on its own (its poll threw) is reported; the server goes on
  watching?.done.catch((err: Error) =>
    log.error({ event: 'watch-stopped', err: err.message }, `rasd watch: stopped: ${err.message}`),
  );
  stopOnSignal(running, store, undefined, async () => {
    watching?.stop();
    await watching?.done;
  });
}
