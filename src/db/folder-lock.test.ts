import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { HOST_FILE, lockFolder, processAlive, readHost } from './folder-lock.js';

/** A process that is running (until killed). */
function sleeper(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
}

/** The id of a process that has exited. */
async function deadPid(): Promise<number> {
  const p = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((r) => p.once('exit', r));
  return p.pid as number;
}

/** What a host killed with SIGKILL leaves: the lock folder and its record. */
function leaveLock(dir: string, pid: number, record = true): void {
  mkdirSync(join(dir, '.rasd-host.lock'), { recursive: true });
  if (record)
    writeFileSync(
      join(dir, HOST_FILE),
      JSON.stringify({ pid, state: 'ready', socket: dir, since: new Date().toISOString() }),
    );
}

const onCompromised = (err: Error) => {
  throw err;
};

describe('folder lock', () => {
  const root = mkdtempSync(join(tmpdir(), 'rasd-lock-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  const folder = () => {
    const d = join(root, `f${n++}`);
    mkdirSync(d);
    return d;
  };

  it('takes a free folder, records itself, and releases it', async () => {
    const dir = folder();
    const lock = await lockFolder(dir, { onCompromised });
    assert.ok(lock);
    assert.deepEqual(
      { pid: readHost(dir)?.pid, state: readHost(dir)?.state },
      { pid: process.pid, state: 'starting' },
    );
    lock.ready('/some/socket/dir');
    assert.equal(readHost(dir)?.socket, '/some/socket/dir');
    assert.equal(readHost(dir)?.state, 'ready');
    // this process holds it: a second attempt is refused
    assert.equal(await lockFolder(dir, { onCompromised }), null);
    await lock.release();
    assert.equal(readHost(dir), null);
    assert.equal(existsSync(join(dir, '.rasd-host.lock')), false);
  });

  it('refuses a folder whose lock a live process holds, and takes it once that process is gone', async () => {
    const dir = folder();
    const live = sleeper();
    try {
      await new Promise((r) => live.once('spawn', r));
      leaveLock(dir, live.pid as number);
      assert.equal(processAlive(live.pid as number), true);
      assert.equal(await lockFolder(dir, { onCompromised }), null);
      assert.equal(readHost(dir)?.pid, live.pid, 'the record is left alone');
    } finally {
      live.kill('SIGKILL');
      await new Promise((r) => live.once('exit', r));
    }
    // the lock's mtime is fresh: only the PID says it is stale
    const lock = await lockFolder(dir, { onCompromised });
    assert.ok(lock, 'taken over once its holder died');
    assert.equal(readHost(dir)?.pid, process.pid);
    await lock.release();
  });

  it('takes over at once a lock left by a killed process', async () => {
    const dir = folder();
    const pid = await deadPid();
    assert.equal(processAlive(pid), false);
    leaveLock(dir, pid);
    const lock = await lockFolder(dir, { onCompromised });
    assert.ok(lock);
    assert.equal(readHost(dir)?.pid, process.pid);
    assert.equal(readHost(dir)?.state, 'starting');
    await lock.release();
  });

  it('takes over a lock with no record (its holder died before writing one)', async () => {
    const dir = folder();
    leaveLock(dir, 0, false);
    const lock = await lockFolder(dir, { onCompromised });
    assert.ok(lock);
    await lock.release();
  });

  it('lets exactly one of several processes take over a dead host at once', async () => {
    const dir = folder();
    leaveLock(dir, await deadPid());
    const script = `
      const { lockFolder } = await import(${JSON.stringify(new URL('./folder-lock.ts', import.meta.url).href)});
      const lock = await lockFolder(${JSON.stringify(dir)}, { onCompromised: () => {} });
      process.stdout.write(lock ? 'took' : 'refused');
      setTimeout(() => lock?.release(), 3000);`;
    const racers = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    const outs = await Promise.all(
      racers.map(
        (p) =>
          new Promise<string>((resolve) => {
            let out = '';
            p.stdout?.on('data', (d) => {
              out += d;
            });
            p.once('exit', () => resolve(out));
          }),
      ),
    );
    assert.deepEqual(outs.sort(), ['refused', 'refused', 'refused', 'took']);
  });
});
