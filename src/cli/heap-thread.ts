/**
 * A long streaming command (`rasd extract` over many articles) runs in a worker thread whose
 * heap has a limit of its own.
 *
 * V8 sizes how far it lets the heap grow between full collections by the heap's limit: under
 * the default limit (about 4 GB on a machine of 24 GB) the garbage of a long stream piles up in
 * the old generation to several times the live heap before it is collected (a 70,000-article
 * extract peaked at 420 MB resident with some 60 MB live). Under a limit of 1 GB the same run
 * peaks under 300 MB, and the largest articles (1 MB of text) still fit with room to spare.
 * A running thread cannot change its own limit, so the command is run, with the same
 * arguments, in a worker thread that is given one; its exit code is the command's.
 */
import { isMainThread, Worker } from 'node:worker_threads';

/** the heap limit of the command's thread */
export const COMMAND_HEAP_MB = 1024;

/**
 * Does this command run in a thread of its own? `rasd extract`, unless it reads standard input
 * (which stays with the main thread) or runs from the TypeScript sources (a worker thread does
 * not load them through the loader: tests and `npx tsx src/cli/main.ts` run it in place).
 */
export function wantsHeapThread(args: readonly string[], entry: string): boolean {
  return isMainThread && args[0] === 'extract' && !args.includes('-') && !entry.endsWith('.ts');
}

/**
 * Runs the CLI module `cli` with the arguments in a worker thread with the heap limit and
 * resolves to its exit code; null when the command runs in this thread (`entry`: the URL of
 * the CLI's entry module).
 */
export function heapThreadFor(cli: URL, args: readonly string[], entry: string): Promise<number> | null {
  if (!wantsHeapThread(args, entry)) return null;
  const worker = new Worker(cli, {
    argv: [...args],
    resourceLimits: { maxOldGenerationSizeMb: COMMAND_HEAP_MB },
  });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', resolve);
  });
}
