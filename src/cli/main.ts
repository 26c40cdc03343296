#!/usr/bin/env node
/**
 * The `rasd` command line. Thin: it parses arguments, reads inputs through src/io,
 * runs the extractor and writes JSONL. Messages go to stderr, records to stdout or --out.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { runExtract } from './extract-command.js';

const program = new Command();
program
  .name('rasd')
  .description('Arabic news → structured, geocoded, evidence-linked conflict events')
  .version('0.1.0');

program
  .command('extract')
  .description(
    'extract event records from articles (JSONL {id, published, text, url?}, .txt, .html, folders; - for stdin)',
  )
  .argument('<paths...>', 'input files or folders')
  .option('-o, --out <file>', 'write JSONL here instead of standard output')
  .option('--published <date>', 'publication date (YYYY-MM-DD) for .txt/.html inputs that carry none')
  .option('--no-incidents', 'do not link records of different articles into incidents')
  .option('-q, --quiet', 'no summary on stderr')
  .action(
    async (
      paths: string[],
      opts: { out?: string; published?: string; incidents: boolean; quiet?: boolean },
    ) => {
      const code = await runExtract(paths, opts);
      process.exitCode = code;
    },
  );

program
  .command('demo')
  .description('extract the bundled sample articles and print what was found')
  .option('-o, --out <file>', 'also write the records as JSONL')
  .action(async (opts: { out?: string }) => {
    const here = dirname(fileURLToPath(import.meta.url));
    const sample = resolve(here, '../../fixtures/demo/articles.jsonl');
    const out = opts.out ?? null;
    if (out) mkdirSync(dirname(resolve(out)), { recursive: true });
    const code = await runExtract([sample], { out: out ?? undefined, incidents: true, table: true });
    process.exitCode = code;
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`rasd: ${(err as Error).message}\n`);
  process.exitCode = 2;
});

export { createWriteStream };
