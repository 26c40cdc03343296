/**
 * `rasd eval GOLD.jsonl … --input ARTICLES.jsonl …`: extracts the articles as `rasd extract` does
 * and scores the records against the gold annotations (src/eval/score.ts; rules in docs/eval.md).
 */
import { readFile } from 'node:fs/promises';
import {
  type EvalProblem,
  evaluate,
  formatEvalProblem,
  formatReport,
  type GoldSet,
  goldSetName,
  parseGold,
  parsePredictions,
  reportJson,
  type ScoredRecord,
} from '../eval/score.js';
import { readInputs } from '../io/read.js';
import { formatProblem } from '../io/records.js';
import { extractAll } from './extract-command.js';
import { writeOut } from './output.js';

export interface EvalOptions {
  /** article files or folders to extract (as `rasd extract` reads them) */
  input?: string[];
  /** score this predictions JSONL file instead of extracting */
  pred?: string;
  published?: string;
  /** also write the predicted records (JSONL) here */
  out?: string;
  verbose?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** Errors shown before the rest are summarized. */
const MAX_SHOWN = 20;

function fail(message: string): number {
  process.stderr.write(`rasd eval: ${message}\n`);
  return 2;
}

async function readText(path: string): Promise<string | Error> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    return err as Error;
  }
}

/** Reads the gold files; null (after printing the errors) when any is unreadable or malformed. */
async function readGold(paths: string[]): Promise<GoldSet[] | null> {
  const sets: GoldSet[] = [];
  const problems: EvalProblem[] = [];
  for (const path of paths) {
    const text = await readText(path);
    if (text instanceof Error) {
      problems.push({ source: path, severity: 'error', message: `cannot read gold file: ${text.message}` });
      continue;
    }
    const res = parseGold(text, path);
    problems.push(...res.problems);
    if (res.articles.length === 0 && !res.problems.some((p) => p.severity === 'error'))
      problems.push({ source: path, severity: 'warning', message: 'no gold article in this file' });
    sets.push({ name: goldSetName(path), articles: res.articles });
  }
  const errors = problems.filter((p) => p.severity === 'error');
  const shown = [...problems.filter((p) => p.severity === 'warning'), ...errors.slice(0, MAX_SHOWN)];
  for (const p of shown) process.stderr.write(`${formatEvalProblem(p)}\n`);
  if (errors.length > MAX_SHOWN) process.stderr.write(`… and ${errors.length - MAX_SHOWN} more errors\n`);
  return errors.length ? null : sets;
}

/** Predictions by article id: extracted from the inputs, or read from --pred. Null on unusable input. */
async function predictions(opts: EvalOptions): Promise<Map<string, ScoredRecord[]> | null> {
  if (opts.pred) {
    const text = await readText(opts.pred);
    if (text instanceof Error) {
      fail(`cannot read predictions: ${text.message}`);
      return null;
    }
    const res = parsePredictions(text, opts.pred);
    for (const p of res.problems) process.stderr.write(`${formatEvalProblem(p)}\n`);
    return res.problems.length ? null : res.predictions;
  }
  const { articles, problems } = await readInputs(opts.input ?? [], { published: opts.published ?? null });
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
  if (articles.length === 0) {
    fail('no article could be read from the input');
    return null;
  }
  const { results, failures } = extractAll(articles);
  for (const f of failures) process.stderr.write(`${f}\n`);
  if (opts.out) await writeOut(opts.out, results.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return new Map(results.map((r) => [r.id, r.events]));
}

/** Runs the evaluation; returns the exit code (0 scored, 2 bad usage or input). */
export async function runEval(golds: string[], opts: EvalOptions): Promise<number> {
  const nInput = opts.input?.length ?? 0;
  if (!nInput && !opts.pred)
    return fail('give the articles to extract with --input (or a predictions file with --pred)');
  if (nInput && opts.pred) return fail('--input and --pred exclude each other');
  const sets = await readGold(golds);
  if (!sets) return 2;
  const pred = await predictions(opts);
  if (!pred) return 2;
  const report = evaluate(sets, pred);
  if (!opts.quiet) for (const w of report.warnings) process.stderr.write(`rasd eval: warning: ${w}\n`);
  process.stdout.write(opts.json ? `${JSON.stringify(reportJson(report))}\n` : formatReport(report, opts));
  return 0;
}
