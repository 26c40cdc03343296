/**
 * The store's errors that mean "try again shortly" (the API answers 503 with Retry-After).
 */

/** Too many queries wait for the database already (OpenDbOptions.maxWaiting). */
export class StoreBusyError extends Error {
  constructor(readonly waiting: number) {
    super(`the database is busy: ${waiting} queries are waiting`);
    this.name = 'StoreBusyError';
  }
}

/**
 * The process hosting a PGlite data folder went away during a query (src/db/hosted.ts):
 * what was in flight may or may not have been written, so it is not retried silently.
 */
export class HostLostError extends Error {
  constructor(dir: string, pid: number, cause: Error) {
    super(
      `lost the database host of ${dir} (process ${pid}) during a query (${cause.message}); ` +
        'what was in flight may not have been written: run the command again',
    );
    this.name = 'HostLostError';
  }
}
