#!/usr/bin/env node
/**
 * The `rasd` command line. Thin: it parses arguments, reads inputs through src/io,
 * runs the extractor and writes JSONL. Messages go to stderr, records to stdout or --out.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { runExport } from './export-command.js';
import { runExtract } from './extract-command.js';
import { runIngest } from './ingest-command.js';
import { runReprocess } from './reprocess-command.js';
import { runServe } from './serve-command.js';
import { collect } from './store-options.js';

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

const DATA_HELP = 'PGlite data folder (default: DATABASE_URL if set, else RASD_DATA or ./rasd-data)';

program
  .command('ingest')
  .description('store articles, their event mentions and the incidents they report (idempotent)')
  .argument('<paths...>', 'input files or folders (JSONL, JSON, .txt, .html; - for stdin)')
  .option('--data <dir>', DATA_HELP)
  .option('--workers <n>', 'extraction worker threads (0: in-process; default: cores - 1, at most 4)')
  .option('--published <date>', 'publication date (YYYY-MM-DD) for .txt/.html inputs that carry none')
  .option('--batch-size <n>', 'articles per transaction (default 200)')
  .option('-q, --quiet', 'no progress and no summary')
  .action(async (paths: string[], opts) => {
    process.exitCode = await runIngest(paths, opts);
  });

program
  .command('reprocess')
  .description(
    'extract the stored articles again (after lexicon changes); reviewed incidents keep their edits',
  )
  .option('--data <dir>', DATA_HELP)
  .option('--workers <n>', 'extraction worker threads (0: in-process)')
  .option('-q, --quiet', 'no progress and no summary')
  .action(async (opts) => {
    process.exitCode = await runReprocess(opts);
  });

program
  .command('export')
  .description('write the stored incidents matching the filters')
  .requiredOption('--format <format>', 'acled-csv, geojson or jsonl')
  .option('-o, --out <file>', 'write here instead of standard output')
  .option('--data <dir>', DATA_HELP)
  .option('--from <date>', 'incidents on or after (YYYY, YYYY-MM or YYYY-MM-DD)')
  .option('--to <date>', 'incidents on or before (YYYY, YYYY-MM or YYYY-MM-DD)')
  .option('--country <codes>', 'ISO country codes (comma-separated or repeated)', collect)
  .option('--admin1 <names>', 'provinces (comma-separated or repeated)', collect)
  .option('--type <types>', 'ACLED sub-event types (repeat the option for several)', collect)
  .option(
    '--actor <names>',
    'actors; an umbrella includes its members (comma-separated or repeated)',
    collect,
  )
  .option('--weapon <weapons>', 'weapons (comma-separated or repeated)', collect)
  .option('--target <targets>', 'targets (comma-separated or repeated)', collect)
  .option('--min-sources <n>', 'at least this many distinct sources')
  .option('-q, --quiet', 'no summary')
  .action(async (opts) => {
    process.exitCode = await runExport(opts);
  });

program
  .command('serve')
  .description('serve the REST API (OpenAPI at /api/openapi.json, docs at /api/docs)')
  .option('--data <dir>', DATA_HELP)
  .option('--port <n>', 'port (default 8080)')
  .option('--host <host>', 'address to listen on (default 127.0.0.1)')
  .action(async (opts) => {
    await runServe(opts);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`rasd: ${(err as Error).message}\n`);
  process.exitCode = 2;
});

export { createWriteStream };
