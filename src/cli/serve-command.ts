/** `rasd serve`: the REST API over the store, on a local port. */
import { serve } from '@hono/node-server';
import { createApp } from '../api/app.js';
import { Store } from '../store/store.js';
import { type DbFlags, storeOptions, wholeNumber } from './store-options.js';

export interface ServeFlags extends DbFlags {
  port?: string;
  host?: string;
}

export async function runServe(flags: ServeFlags): Promise<void> {
  const port = wholeNumber('--port', flags.port) ?? 8080;
  const host = flags.host ?? '127.0.0.1';
  const store = await Store.open(storeOptions(flags));
  const app = createApp(store);
  const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
    process.stderr.write(`rasd: API on http://${host}:${info.port}/api/incidents (docs: /api/docs)\n`);
  });
  const stop = async () => {
    server.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
