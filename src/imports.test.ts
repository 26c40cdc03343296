/**
 * No import circles: neither between files nor between modules (a module is a folder under
 * src/: db, incidents, ingest, store, review, api …). The dependencies point one way, from
 * the edges (cli, api, web) down to the database layer (db) and the vocabularies (record,
 * vocab, lexicon …). Every import counts, `import type` included: a type is a dependency too.
 * Test files are left out (a test may open a whole store); test support modules are not.
 *
 * The graph is read with the TypeScript compiler's parser (imports, re-exports, import()).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SRC = dirname(fileURLToPath(import.meta.url));

type Graph = Map<string, Set<string>>;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
      out.push(p);
  }
  return out;
}

/** The relative module specifiers a file imports (static imports, re-exports, import() calls). */
function specifiers(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier)
      out.push((n.moduleSpecifier as ts.StringLiteral).text);
    else if (
      ts.isCallExpression(n) &&
      n.expression.kind === ts.SyntaxKind.ImportKeyword &&
      n.arguments[0] &&
      ts.isStringLiteral(n.arguments[0])
    )
      out.push(n.arguments[0].text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out.filter((s) => s.startsWith('.'));
}

/** The file an import resolves to ('./x.js' is x.ts or x.tsx, './x' may be x/index.ts), or null. */
function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec).replace(/\.js$/, '');
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p)) ?? null;
}

/** Which source file imports which, as paths relative to src/. */
export function fileGraph(root = SRC): Graph {
  const g: Graph = new Map();
  for (const f of sourceFiles(root)) {
    const deps = new Set<string>();
    for (const s of specifiers(f)) {
      const to = resolveImport(f, s);
      if (to?.startsWith(root)) deps.add(relative(root, to));
    }
    g.set(relative(root, f), deps);
  }
  return g;
}

/** The module of a file: its first folder under src/. */
const moduleOf = (file: string) => file.split('/')[0];

/** Which module imports which (a module's imports of itself left out). */
export function moduleGraph(files: Graph): Graph {
  const g: Graph = new Map();
  for (const [f, deps] of files) {
    const m = moduleOf(f);
    if (!g.has(m)) g.set(m, new Set());
    for (const d of deps) if (moduleOf(d) !== m) g.get(m)?.add(moduleOf(d));
  }
  return g;
}

/** One cycle through each strongly connected group of nodes (none when the graph has no circle). */
export function cycles(g: Graph): string[][] {
  // Tarjan's strongly connected components, then one cycle inside each
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || g.get(v)?.has(v)) groups.push(group);
    }
  };
  for (const v of [...g.keys()].sort()) if (!index.has(v)) visit(v);
  return groups.map((group) => {
    // a path from the group's first node back to itself, inside the group
    const inGroup = new Set(group);
    const start = [...group].sort()[0];
    const prev = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const v = queue.shift() as string;
      for (const w of [...(g.get(v) ?? [])].sort()) {
        if (!inGroup.has(w)) continue;
        if (w === start) {
          const path = [v];
          while (path[0] !== start) path.unshift(prev.get(path[0]) as string);
          return [...path, start];
        }
        if (!prev.has(w)) {
          prev.set(w, v);
          queue.push(w);
        }
      }
    }
    return [start, start];
  });
}

/** Which files make a module import another (for the message). */
function culprits(files: Graph, from: string, to: string): string[] {
  const out: string[] = [];
  for (const [f, deps] of files)
    if (moduleOf(f) === from) for (const d of deps) if (moduleOf(d) === to) out.push(`${f} → ${d}`);
  return out;
}

describe('import graph', () => {
  it('finds the circles of a graph, and none where there are none', () => {
    const g = (edges: Record<string, string[]>): Graph =>
      new Map(Object.entries(edges).map(([k, v]) => [k, new Set(v)]));
    assert.deepEqual(cycles(g({ a: ['b'], b: ['c'], c: [] })), []);
    assert.deepEqual(cycles(g({ store: ['ingest'], ingest: ['db', 'store'], db: [] })), [
      ['ingest', 'store', 'ingest'],
    ]);
    assert.deepEqual(cycles(g({ a: ['b'], b: ['c'], c: ['a'], d: ['d'] })), [
      ['a', 'b', 'c', 'a'],
      ['d', 'd'],
    ]);
    const files = g({ 'store/store.ts': ['ingest/ingest.ts'], 'ingest/ingest.ts': ['store/sql.ts'] });
    assert.deepEqual(cycles(files), []);
    assert.deepEqual(cycles(moduleGraph(files)), [['ingest', 'store', 'ingest']]);
  });

  it('reads the imports of the source tree', () => {
    const files = fileGraph();
    assert.ok(files.get('store/store.ts')?.has('db/db.ts'));
    assert.ok(files.get('ingest/ingest.ts')?.has('db/sql.ts'));
    // type-only imports count
    assert.ok(files.get('incidents/link.ts')?.has('record/record.ts'));
    assert.ok(!files.has('imports.test.ts'));
  });

  it('has no circle between files', () => {
    const found = cycles(fileGraph());
    assert.deepEqual(
      found.map((c) => c.join(' → ')),
      [],
      'files importing each other, directly or around a circle',
    );
  });

  it('has no circle between modules (the folders under src/)', () => {
    const files = fileGraph();
    const found = cycles(moduleGraph(files));
    const why = found.map((c) =>
      [c.join(' → '), ...c.slice(1).flatMap((to, k) => culprits(files, c[k], to).map((s) => `  ${s}`))].join(
        '\n',
      ),
    );
    assert.deepEqual(why, [], `modules importing each other:\n${why.join('\n')}`);
  });
});
