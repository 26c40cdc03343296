/**
 * The API's try-it page at /api/docs. Its script and style are files of their own
 * (/api/docs.js, /api/docs.css), so the Content-Security-Policy can forbid inline script.
 */
import type { Hono } from 'hono';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rasd API</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/api/docs.css"><script src="/api/docs.js" defer></script></head>
<body><h1>Rasd API</h1><p>OpenAPI 3 document: <a href="/api/openapi.json">/api/openapi.json</a>.
Writes need <code>Authorization: Bearer &lt;token&gt;</code> (the server's RASD_TOKEN).
The dashboard is at <a href="/">/</a>.</p><div id="ops"></div></body></html>`;

const STYLE = `body{font:14px system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
code,pre{background:#f4f4f4;padding:.1rem .3rem}pre{padding:.6rem;overflow:auto;max-height:30rem}
section{border-top:1px solid #ddd;padding:.6rem 0}input{width:30rem}.method{font-weight:bold;margin-inline-end:.4rem}`;

// Everything is built with textContent: nothing the server returns is parsed as markup.
const SCRIPT = `'use strict';
fetch('/api/openapi.json').then(function (r) { return r.json(); }).then(function (doc) {
  var root = document.getElementById('ops');
  Object.keys(doc.paths).forEach(function (path) {
    var item = doc.paths[path];
    Object.keys(item).forEach(function (method) {
      var op = item[method];
      var s = document.createElement('section');
      var h = document.createElement('h3');
      var m = document.createElement('span');
      m.className = 'method';
      m.textContent = method.toUpperCase();
      h.appendChild(m);
      h.appendChild(document.createTextNode(path));
      s.appendChild(h);
      var p = document.createElement('p');
      p.textContent = op.summary || '';
      s.appendChild(p);
      if (method === 'get') {
        var input = document.createElement('input');
        input.value = path.replace(/\\{id\\}/, 'ID');
        s.appendChild(input);
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = 'Try';
        s.appendChild(b);
        var pre = document.createElement('pre');
        s.appendChild(pre);
        b.addEventListener('click', function () {
          fetch(input.value).then(function (r) { return r.text(); }).then(function (t) {
            pre.textContent = t.slice(0, 20000);
          });
        });
      }
      root.appendChild(s);
    });
  });
});
`;

export function mountDocs(app: Hono): void {
  app.get('/api/docs', (c) => c.html(PAGE));
  app.get('/api/docs.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(SCRIPT);
  });
  app.get('/api/docs.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(STYLE);
  });
}
