#!/usr/bin/env node
/**
 * The `rasd` command line. The commands are in program.ts; a long streaming command first
 * moves to a thread with a heap limit of its own (heap-thread.ts), before this thread has
 * loaded anything else.
 */
import { heapThreadFor } from './heap-thread.js';

const thread = heapThreadFor(
  new URL('./program.js', import.meta.url),
  process.argv.slice(2),
  import.meta.url,
);
if (thread)
  process.exitCode = await thread.catch((err: unknown) => {
    process.stderr.write(`rasd: ${(err as Error).message}\n`);
    return 2;
  });
else await import('./program.js');
