/**
 * The logs of the long-running commands (watch, worker, serve), with pino. Two formats:
 * text (the default: one plain line per event on stderr, as a person reads it) and JSON
 * (`--log-json` or RASD_LOG_FORMAT=json: one pino JSON object per line, with time, level,
 * command, pid and the event's fields, for journald, Loki or jq). Levels: `--log-level`
 * or RASD_LOG_LEVEL (trace, debug, info, warn, error, fatal, silent; default info; `-q`
 * is warn). At debug, `rasd serve` logs every request (method, path, status, ms).
 */
import { Writable } from 'node:stream';
import { type Logger, pino } from 'pino';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogFlags {
  logLevel?: string;
  logJson?: boolean;
  quiet?: boolean;
}

export type { Logger } from 'pino';

/** The logger of a command; throws naming --log-level when the level is none of LOG_LEVELS. */
export function commandLogger(
  command: string,
  flags: LogFlags,
  env: NodeJS.ProcessEnv = process.env,
): Logger {
  const given = flags.logLevel ?? (env.RASD_LOG_LEVEL || undefined);
  if (given !== undefined && !(LOG_LEVELS as readonly string[]).includes(given))
    throw new Error(
      `${flags.logLevel !== undefined ? '--log-level' : 'RASD_LOG_LEVEL'}: one of ${LOG_LEVELS.join(', ')}, not ${JSON.stringify(given)}`,
    );
  const level = (given as LogLevel | undefined) ?? (flags.quiet ? 'warn' : 'info');
  const json = flags.logJson === true || env.RASD_LOG_FORMAT === 'json';
  if (json)
    return pino({ level, base: { command, pid: process.pid } }, pino.destination({ dest: 2, sync: true }));
  // text: the message alone, one line per event
  const plain = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line) process.stderr.write(`${(JSON.parse(line) as { msg?: string }).msg ?? ''}\n`);
      done();
    },
  });
  return pino({ level, base: null, timestamp: false }, plain);
}
