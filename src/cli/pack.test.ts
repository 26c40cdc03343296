/**
 * The package as users get it: `npm pack` on a copy of the sources (built there, so the
 * working tree's dist/ is never touched while other tests run), then `npx ./rasd-*.tgz demo
 * --no-serve` in an empty folder — the runtime dependencies come from the npm cache or the
 * registry, the dashboard-only ones must not be needed. Slow (a build and an install), so one test.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'LICENSE',
  'README.md',
  'src',
  'data',
  'fixtures',
];

function run(cmd: string, args: string[], cwd: string, timeout: number) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout,
    env: {
      ...process.env,
      DATABASE_URL: '',
      RASD_DATA: '',
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
    },
  });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  return r;
}

describe('npm pack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasd-pack-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'gives a tarball whose `npx ./rasd-*.tgz demo --no-serve` works in an empty folder',
    { timeout: 900_000 },
    () => {
      const src = join(dir, 'src');
      mkdirSync(src);
      for (const f of SOURCES) cpSync(join(root, f), join(src, f), { recursive: true });
      symlinkSync(join(root, 'node_modules'), join(src, 'node_modules'), 'dir');
      // pack runs prepare (npm run build: tsc and the dashboard's vite build) in the copy
      const packed = run('npm', ['pack', '--silent', '--pack-destination', dir], src, 600_000);
      const tgz = packed.stdout.trim().split('\n').pop() ?? '';
      assert.match(tgz, /^rasd-\d+\.\d+\.\d+\.tgz$/);
      const list = run('tar', ['-tzf', join(dir, tgz)], dir, 60_000).stdout.split('\n');
      for (const f of [
        'package/LICENSE',
        'package/dist/cli/main.js',
        'package/dist/web/index.html',
        'package/data/acled/actors.json',
        'package/fixtures/demo/articles.jsonl',
      ])
        assert.ok(list.includes(f), `${f} is in the tarball`);
      assert.ok(
        !list.some((f) => f.includes('.test.') || f.includes('/testdata/') || f.startsWith('package/src/')),
        'no tests or sources',
      );

      const empty = join(dir, 'empty');
      mkdirSync(empty);
      const demo = run(
        'npx',
        ['--yes', '--prefer-offline', `../${tgz}`, 'demo', '--no-serve'],
        empty,
        600_000,
      );
      assert.match(demo.stdout, /^date\s+type\s+place/);
      assert.match(demo.stderr, /rasd: 10 articles, \d+ mentions, \d+ incidents \(store: in memory\)/);
      assert.deepEqual(readdirSync(empty), [], 'the demo leaves the folder as it found it');
      assert.ok(!existsSync(join(empty, 'rasd-data')));
    },
  );
});
