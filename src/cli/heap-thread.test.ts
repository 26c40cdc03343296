import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { COMMAND_HEAP_MB, heapThreadFor, wantsHeapThread } from './heap-thread.js';

const BUILT = 'file:///opt/rasd/dist/cli/main.js';

describe('heap thread', () => {
  it('is for rasd extract run from the build, not for standard input or the sources', () => {
    assert.equal(wantsHeapThread(['extract', 'a.jsonl', '--out', 'b.jsonl'], BUILT), true);
    assert.equal(wantsHeapThread(['extract', '-'], BUILT), false);
    assert.equal(wantsHeapThread(['extract', 'a.jsonl'], 'file:///w/src/cli/main.ts'), false);
    assert.equal(wantsHeapThread(['serve'], BUILT), false);
    assert.equal(wantsHeapThread([], BUILT), false);
  });

  it('runs the module in a thread with the heap limit, with the arguments, and gives its exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasd-heap-thread-'));
    try {
      const report = join(dir, 'report.json');
      const cli = join(dir, 'cli.mjs');
      writeFileSync(
        cli,
        `import { writeFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
writeFileSync(${JSON.stringify(report)}, JSON.stringify({ isMainThread, args: process.argv.slice(2), limit: getHeapStatistics().heap_size_limit }));
process.exitCode = 7;
`,
      );
      const thread = heapThreadFor(pathToFileURL(cli), ['extract', 'a.jsonl'], BUILT);
      assert.ok(thread);
      assert.equal(await thread, 7);
      const seen = JSON.parse(readFileSync(report, 'utf8'));
      assert.equal(seen.isMainThread, false);
      assert.deepEqual(seen.args, ['extract', 'a.jsonl']);
      // the old generation's limit and a young generation: well under the default of several GB
      assert.ok(seen.limit <= (COMMAND_HEAP_MB + 256) * 1024 * 1024, String(seen.limit));
      assert.equal(heapThreadFor(pathToFileURL(cli), ['serve'], BUILT), null);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
