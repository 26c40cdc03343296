/**
 * The dashboard's files (built by Vite into dist/web) and the security headers of every
 * response. The files are found relative to this module, so the same code serves them from
 * src/ (under tsx) and from dist/.
 *
 * Content-Security-Policy: scripts, styles, workers and data only from this origin; no inline
 * script, no eval, no plugins, no framing. Article text is untrusted: the dashboard never
 * turns it into markup, and this policy is the second line of defence.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono, MiddlewareHandler } from 'hono';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sets the security headers on every response. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    c.res.headers.set('X-Frame-Options', 'DENY');
    c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  };
}

/** dist/web next to the package root, whether this module runs from src/api or dist/api. */
export function defaultWebRoot(): string {
  return fileURLToPath(new URL('../../dist/web/', import.meta.url));
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rasd</title></head>
<body><h1>Rasd</h1><p>The dashboard is not built: run <code>npm run build</code>.
The API is at <a href="/api/incidents">/api/incidents</a> (docs: <a href="/api/docs">/api/docs</a>).</p></body></html>`;

/**
 * Serves the dashboard: files under `root`, and index.html for every other path outside /api
 * without a file extension (the dashboard's own routes, e.g. /incident/<id>).
 */
export function mountWeb(app: Hono, root: string = defaultWebRoot()): void {
  const base = resolve(root);
  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/')) return next();
    let rel: string;
    try {
      rel = decodeURIComponent(path);
    } catch {
      return c.text('bad path', 400);
    }
    if (rel.includes('\0')) return c.text('bad path', 400);
    const file = resolve(join(base, rel));
    const inside = file === base || file.startsWith(base + sep);
    if (inside && file !== base && existsSync(file) && statSync(file).isFile()) {
      const ext = extname(file).toLowerCase();
      c.header('Content-Type', TYPES[ext] ?? 'application/octet-stream');
      // hashed build assets never change; everything else is checked every time
      c.header(
        'Cache-Control',
        rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      return c.body(readFileSync(file));
    }
    if (!inside || extname(rel)) return c.text('not found', 404);
    const index = join(base, 'index.html');
    c.header('Cache-Control', 'no-cache');
    if (!existsSync(index)) return c.html(NOT_BUILT, 503);
    return c.html(readFileSync(index, 'utf8'));
  });
}
