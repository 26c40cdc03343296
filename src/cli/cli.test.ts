import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const rasd = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8', timeout: 120_000 });

describe('rasd extract', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasd-cli-'));
  const line = (o: object) => JSON.stringify(o);
  const input = join(dir, 'in.jsonl');
  writeFileSync(
    input,
    [
      line({ id: 'ok', published: '2024-01-10', text: 'سقطت ثلاثة صواريخ على قاعدة عين الأسد فجر اليوم.' }),
      '{"id": "broken", "text": "سقط',
      line({ id: 'empty', published: '2024-01-10', text: '' }),
      line({ id: 'english', published: '2024-01-10', text: 'Rockets hit a base on Monday.' }),
      line({
        id: 'badpub',
        published: 'yesterday',
        text: 'سقطت صواريخ على قاعدة حرير في 5 كانون الثاني 2022.',
      }),
      line({
        id: 'big',
        published: '2024-01-10',
        text: `${'نص عادي بلا أحداث. '.repeat(60000)}سقطت صواريخ على قاعدة حرير أمس.`,
      }),
    ].join('\n'),
  );

  it('processes the good lines and names the bad ones', () => {
    const out = join(dir, 'out.jsonl');
    const r = rasd('extract', input, '--out', out);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /in\.jsonl:2: error: invalid JSON/);
    assert.match(r.stderr, /in\.jsonl:3: .*empty text/);
    assert.match(r.stderr, /no Arabic text/);
    assert.match(r.stderr, /invalid published date "yesterday"/);
    const results = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const byId = new Map(results.map((x) => [x.id, x]));
    assert.equal(byId.get('ok').events.length, 1);
    assert.equal(byId.get('ok').events[0].date, '2024-01-10');
    assert.deepEqual(byId.get('english').events, []);
    // an absolute date still resolves when the publication date is invalid
    assert.equal(byId.get('badpub').events[0]?.date, '2022-01-05');
    assert.equal(byId.get('big').events[0]?.date, '2024-01-09');
  });

  it('a write error on --out fails the command, naming the path, and reports no success', () => {
    const out = join(dir, 'missing-dir', 'x.jsonl');
    const r = rasd('extract', input, '--out', out);
    assert.notEqual(r.status, 0);
    assert.ok(
      r.stderr.includes(`rasd: --out ${out}: cannot write (ENOENT: no such file or directory`),
      r.stderr,
    );
    assert.doesNotMatch(r.stderr, /rasd: \d+ articles/);
    const asDir = rasd('extract', input, '--out', dir);
    assert.notEqual(asDir.status, 0);
    assert.match(asDir.stderr, /cannot write \(EISDIR/);
  });

  it('an unknown command is an error naming it, even with --help', () => {
    for (const args of [['nosuch', '--help'], ['nosuch'], ['help', 'nosuch']]) {
      const r = rasd(...args);
      assert.equal(r.status, 1, args.join(' '));
      assert.match(r.stderr, /^rasd: unknown command "nosuch" \(commands: extract, explain, /);
      assert.equal(r.stdout, '');
    }
    const help = rasd('extract', '--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: rasd extract/);
  });

  it('exits non-zero only when nothing could be processed', () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, 'not json\n{"x": 1}\n');
    const r = rasd('extract', bad);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /bad\.jsonl:1: error: invalid JSON/);
  });

  it('runs the demo without serving: the incident table, then exit', () => {
    const r = rasd('demo', '--no-serve');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^date\s+type\s+place/);
    assert.match(r.stdout, /Tower 22 .* 2 +2024-01-28-tower-22-/);
    assert.match(r.stderr, /10 articles, \d+ mentions, \d+ incidents/);
  });

  it('runs the demo: serves the dashboard and the API until stopped', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, 'demo', '--port', '0'], {
      env: { ...process.env, RASD_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let err = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL in time: ${err}`)), 90_000);
        child.stderr.on('data', (d: Buffer) => {
          err += d.toString();
          const m = /dashboard is on (http:\/\/\S+)/.exec(err);
          if (m && /review token for this demo: \S+/.test(err)) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.once('exit', (code) => reject(new Error(`demo exited (${code}): ${err}`)));
      });
      const list = (await (await fetch(`${url}api/incidents?_facets=1`)).json()) as { items: unknown[] };
      assert.ok(list.items.length >= 5);
      const page = await fetch(url);
      assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      const write = await fetch(`${url}api/incidents/x/review`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"action":"confirm"}',
      });
      assert.equal(write.status, 401);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
