/**
 * The commands of the `rasd` command line (main.ts is its entry). Thin: it parses arguments,
 * reads inputs through src/io, runs the extractor and writes JSONL. Messages go to stderr,
 * records to stdout or --out.
 */
import { Command } from 'commander';
import { collect, repeat } from './store-options.js';

// each command's module is loaded when the command runs: `rasd ingest` does not load the
// dashboard's server, the HTML reader or the Parquet writer (module loading was ~1 s of a re-run)

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
      const code = await (await import('./extract-command.js')).runExtract(paths, opts);
      process.exitCode = code;
    },
  );

program
  .command('explain')
  .description(
    'show how an article was read: mentions, links, filled slots, dropped candidates with their reasons, records',
  )
  .argument('<paths...>', 'input files (as for extract)')
  .option('--id <id>', 'only the article with this id')
  .option('--published <date>', 'publication date (YYYY-MM-DD) for .txt/.html inputs that carry none')
  .option('--json', 'the whole explanation as JSON')
  .action(async (paths: string[], opts: { id?: string; published?: string; json?: boolean }) => {
    process.exitCode = await (await import('./explain-command.js')).runExplain(paths, opts);
  });

program
  .command('eval')
  .description(
    'extract articles and score the records against gold annotations (docs/eval.md): event, strict, field and incident scores',
  )
  .argument('<gold...>', 'gold JSONL files ({id, events: [record, …]} per line); one score line each')
  .option('-i, --input <path>', 'articles to extract, as for `rasd extract` (repeatable)', repeat)
  .option('--pred <file>', 'score this JSONL of extracted records instead of extracting --input')
  .option('--published <date>', 'publication date (YYYY-MM-DD) for .txt/.html inputs that carry none')
  .option('-o, --out <file>', 'also write the extracted records (JSONL) here')
  .option('--verbose', 'list MISSED, SPURIOUS and WRONG records before the scores')
  .option('--json', 'print the report as one JSON object')
  .option('-q, --quiet', 'no warnings about gold articles missing from the input')
  .action(async (golds: string[], opts) => {
    process.exitCode = await (await import('./eval-command.js')).runEval(golds, opts);
  });

program
  .command('demo')
  .description(
    'ingest the bundled sample articles into a store (a temporary one unless --data), print its incidents and serve the dashboard',
  )
  .option('--data <dir>', 'PGlite data folder to keep the demo store in (default: a temporary folder)')
  .option('--port <n>', 'port (default 8080, or any free one when it is taken)')
  .option('--host <host>', 'address to listen on (default 127.0.0.1)')
  .option('--no-serve', 'print the incidents and exit')
  .option('-o, --out <file>', 'also write the incidents as JSONL')
  .action(async (opts) => {
    process.exitCode = await (await import('./demo-command.js')).runDemo(opts);
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
  .option('--queue', 'enqueue the articles for `rasd worker` processes (PostgreSQL: DATABASE_URL)')
  .option('--job-size <n>', 'with --queue: articles per job (default 100)')
  .option(
    '--job-timeout <s>',
    'with --queue: a job whose worker died is handed out again after this (default 900)',
  )
  .action(async (paths: string[], opts) => {
    process.exitCode = await (await import('./ingest-command.js')).runIngest(paths, opts);
  });

program
  .command('worker')
  .description(
    'ingest jobs from the queue filled by `rasd ingest --queue` (PostgreSQL); run as many as you like',
  )
  .option(
    '--threads <n>',
    'extraction threads in this process (default 0: in-process; add processes instead)',
  )
  .option('--batch-size <n>', 'articles per transaction (default 200)')
  .option('--poll <s>', 'seconds between polls for jobs when idle (default 1)')
  .option('--drain', 'exit once no job is waiting')
  .option('-q, --quiet', 'no log lines but warnings (--log-level warn)')
  .option(
    '--log-level <level>',
    'trace, debug, info, warn, error, fatal or silent (default info; RASD_LOG_LEVEL)',
  )
  .option('--log-json', 'log lines as JSON objects (pino; RASD_LOG_FORMAT=json)')
  .action(async (opts) => {
    process.exitCode = await (await import('./worker-command.js')).runWorkerCommand(opts);
  });

program
  .command('watch')
  .description(
    'poll RSS/Atom feeds and sitemaps (URLs or files), fetch new articles politely and ingest them',
  )
  .argument('<feeds...>', 'feed or sitemap URLs, or files')
  .option('--interval <s>', 'seconds between polls (default 300)')
  .option('--once', 'poll once and exit')
  .option('--data <dir>', DATA_HELP)
  .option('--max-items <n>', 'new articles taken from one feed per poll (default 200)')
  .option('--workers <n>', 'extraction worker threads (default 1)')
  .option(
    '--allow-private',
    'also contact loopback, private and link-local addresses (refused by default: a feed could point anywhere)',
  )
  .option('-q, --quiet', 'no summary line per poll (--log-level warn)')
  .option(
    '--log-level <level>',
    'trace, debug, info, warn, error, fatal or silent (default info; RASD_LOG_LEVEL)',
  )
  .option('--log-json', 'log lines as JSON objects (pino; RASD_LOG_FORMAT=json)')
  .action(async (feeds: string[], opts) => {
    process.exitCode = await (await import('./watch-command.js')).runWatch(feeds, opts);
  });

program
  .command('reprocess')
  .description(
    'extract the stored articles again (after lexicon changes); reviews, merges and splits are kept',
  )
  .option('--data <dir>', DATA_HELP)
  .option('--workers <n>', 'extraction worker threads (0: in-process)')
  .option('-q, --quiet', 'no progress and no summary')
  .action(async (opts) => {
    process.exitCode = await (await import('./reprocess-command.js')).runReprocess(opts);
  });

program
  .command('export')
  .description('write the stored incidents matching the filters')
  .requiredOption('--format <format>', 'acled-csv, geojson, jsonl or parquet')
  .option('-o, --out <file>', 'write here instead of standard output')
  .option('--data <dir>', DATA_HELP)
  .option('--from <date>', 'incidents on or after (YYYY, YYYY-MM or YYYY-MM-DD)')
  .option('--to <date>', 'incidents on or before (YYYY, YYYY-MM or YYYY-MM-DD)')
  .option(
    '--country <countries>',
    'countries: ISO alpha-2, alpha-3, numeric codes or English names (comma-separated or repeated)',
    collect,
  )
  .option('--admin1 <names>', 'provinces (comma-separated or repeated)', collect)
  .option(
    '--type <types>',
    'ACLED sub-event types or event types, any case (repeat the option for several)',
    collect,
  )
  .option(
    '--actor <names>',
    'actors; an umbrella includes its members (comma-separated or repeated)',
    collect,
  )
  .option('--weapon <weapons>', 'weapons (comma-separated or repeated)', collect)
  .option('--target <targets>', 'targets (comma-separated or repeated)', collect)
  .option('--min-sources <n>', 'at least this many distinct sources')
  .option(
    '--columns <set>',
    "geojson, parquet: Rasd's fields (rasd) or ACLED's columns (acled); default rasd for geojson, acled for parquet",
  )
  .option(
    '--inter <style>',
    'inter1, inter2, interaction as ACLED text (text, the default) or numeric codes (numeric)',
  )
  .option('-q, --quiet', 'no summary')
  .action(async (opts) => {
    process.exitCode = await (await import('./export-command.js')).runExport(opts);
  });

program
  .command('serve')
  .description(
    'serve the dashboard and the REST API (OpenAPI at /api/openapi.json, docs at /api/docs); writes need RASD_TOKEN',
  )
  .option('--data <dir>', DATA_HELP)
  .option('--port <n>', 'port (default 8080)')
  .option('--host <host>', 'address to listen on (default 127.0.0.1)')
  .option(
    '--create',
    'start with an empty store when the folder holds none (else a missing store is an error)',
  )
  .option(
    '--max-waiting <n>',
    'queries that may wait for the database before the API answers 503 (default RASD_MAX_WAITING or 500)',
  )
  .option(
    '--log-level <level>',
    'trace, debug, info, warn, error, fatal or silent (default info; RASD_LOG_LEVEL)',
  )
  .option('--log-json', 'log lines as JSON objects (pino; RASD_LOG_FORMAT=json)')
  .option('--watch <feeds...>', 'also watch these feeds or sitemaps in this process (as `rasd watch` does)')
  .option('--interval <s>', 'with --watch: seconds between polls (default 300)')
  .option('--max-items <n>', 'with --watch: new articles taken from one feed per poll (default 200)')
  .option('--workers <n>', 'with --watch: extraction worker threads (default 1)')
  .option('--allow-private', 'with --watch: also contact loopback, private and link-local addresses')
  .option('-q, --quiet', 'with --watch: no summary line per poll')
  .action(async (opts) => {
    await (await import('./serve-command.js')).runServe(opts);
  });

/** The command the arguments name when it is none of ours (checked first: `rasd nosuch --help` must not print the help and succeed). */
function unknownCommand(args: string[]): string | null {
  const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
  const first = args[0] === 'help' ? args[1] : args[0];
  return first !== undefined && !first.startsWith('-') && !names.includes(first) ? first : null;
}

const unknown = unknownCommand(process.argv.slice(2));
if (unknown !== null) {
  const names = program.commands.map((c) => c.name()).join(', ');
  process.stderr.write(
    `rasd: unknown command ${JSON.stringify(unknown)} (commands: ${names}; see rasd --help)\n`,
  );
  process.exitCode = 1;
} else {
  program.parseAsync(process.argv).catch((err: unknown) => {
    process.stderr.write(`rasd: ${(err as Error).message}\n`);
    process.exitCode = 2;
  });
}
