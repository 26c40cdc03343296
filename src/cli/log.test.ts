/** Structured logs of the long-running commands: plain lines by default, pino JSON with --log-json, levels checked. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { commandLogger, LOG_LEVELS } from './log.js';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const rasd = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, DATABASE_URL: '', RASD_LOG_LEVEL: '', RASD_LOG_FORMAT: '', ...env },
  });

describe('logs of rasd watch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasd-log-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const feed = join(dir, 'feed.xml');
  writeFileSync(feed, '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>');
  const data = join(dir, 'data');

  it('writes one plain line per poll by default', () => {
    const r = rasd(['watch', feed, '--once', '--data', data]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stderr,
      /^rasd watch: 1 feeds \(1 read, 0 not modified, 0 failed\), 0 pages fetched, 0 skipped, 0 failed in \d+\.\d s\n$/,
    );
  });

  it('writes pino JSON with --log-json (or RASD_LOG_FORMAT=json), with the figures as fields', () => {
    for (const [args, env] of [
      [['--log-json'], {}],
      [[], { RASD_LOG_FORMAT: 'json' }],
    ] as const) {
      const r = rasd(['watch', feed, '--once', '--data', data, ...args], env);
      assert.equal(r.status, 0, r.stderr);
      const lines = r.stderr
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      assert.equal(lines.length, 1);
      const [poll] = lines;
      assert.equal(poll.level, 30);
      assert.equal(poll.command, 'watch');
      assert.equal(poll.pid > 0, true);
      assert.equal(typeof poll.time, 'number');
      assert.deepEqual(
        [poll.event, poll.feeds, poll.feeds_read, poll.fetched, poll.failed],
        ['poll', 1, 1, 0, 0],
      );
      assert.match(poll.msg, /^rasd watch: 1 feeds/);
    }
  });

  it('--log-level debug adds a line per feed; warn (or -q) leaves the poll out', () => {
    const debug = rasd(['watch', feed, '--once', '--data', data, '--log-json', '--log-level', 'debug']);
    const events = debug.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).event);
    assert.deepEqual(events, ['poll', 'feed']);
    for (const args of [['--log-level', 'warn'], ['-q']]) {
      const quiet = rasd(['watch', feed, '--once', '--data', data, ...args]);
      assert.equal(quiet.status, 0);
      assert.equal(quiet.stderr, '');
    }
  });

  it('refuses an unknown level naming the allowed ones (exit 2)', () => {
    const r = rasd(['watch', feed, '--once', '--data', data, '--log-level', 'loud']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `rasd: --log-level: one of ${LOG_LEVELS.join(', ')}, not "loud"\n`);
    const e = rasd(['watch', feed, '--once', '--data', data], { RASD_LOG_LEVEL: 'verbose' });
    assert.equal(e.status, 2);
    assert.match(e.stderr, /^rasd: RASD_LOG_LEVEL: one of trace, /);
  });
});

describe('commandLogger', () => {
  it('takes the level from the flag, then RASD_LOG_LEVEL, then -q, else info', () => {
    assert.equal(commandLogger('x', { logLevel: 'debug' }, {}).level, 'debug');
    assert.equal(commandLogger('x', {}, { RASD_LOG_LEVEL: 'error' }).level, 'error');
    assert.equal(commandLogger('x', { quiet: true }, {}).level, 'warn');
    assert.equal(commandLogger('x', {}, {}).level, 'info');
  });
});
