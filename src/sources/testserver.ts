/**
 * Test support: a local HTTP server on 127.0.0.1 (a free port) serving fixed routes, counting
 * hits per path. Routes answer with a status, headers and a body, or do something odd (never
 * answer, answer slowly). Nothing here contacts any other address.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route =
  | {
      status?: number;
      headers?: Record<string, string>;
      body?: string | Buffer;
    }
  | ((req: IncomingMessage, res: ServerResponse, hit: number) => void);

export interface TestServer {
  base: string;
  hits: Map<string, number>;
  /** request headers of the last request per path */
  lastHeaders: Map<string, IncomingMessage['headers']>;
  routes: Map<string, Route>;
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Route>): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const hits = new Map<string, number>();
  const lastHeaders = new Map<string, IncomingMessage['headers']>();
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('#')[0];
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    lastHeaders.set(path, req.headers);
    open.add(res);
    res.on('close', () => open.delete(res));
    const route = table.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    if (typeof route === 'function') {
      route(req, res, n);
      return;
    }
    res.writeHead(route.status ?? 200, route.headers ?? { 'content-type': 'text/html; charset=utf-8' });
    res.end(route.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    lastHeaders,
    routes: table,
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
