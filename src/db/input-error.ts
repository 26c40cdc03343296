/**
 * The one error for bad input from a caller: a filter value, a cursor, an id, a reviewer's
 * field. The store throws it, the API answers it with a 400 that names each parameter:
 *   { "error": { "status": 400, "code": "invalid_query", "message": "from: …",
 *                "details": [{ "param": "from", "message": "…" }] } }
 */

/** What is wrong with one parameter. */
export interface ParamProblem {
  param: string;
  message: string;
}

export class InputError extends Error {
  readonly details: ParamProblem[];

  constructor(param: string, message: string);
  constructor(details: ParamProblem[]);
  constructor(a: string | ParamProblem[], message = '') {
    const details = typeof a === 'string' ? [{ param: a, message }] : a;
    super(details.map((d) => `${d.param}: ${d.message}`).join('; '));
    this.name = 'InputError';
    this.details = details;
  }
}

/**
 * SQLSTATE classes of errors that bad values cause: 22 data exception (invalid input syntax,
 * a number or date out of range, a NUL byte, a bad escape), 54 program limit exceeded (a value
 * too large for an index). Validation catches these first; this is the net under it.
 */
const INPUT_SQLSTATE = /^(?:22|54)/;

/** The database error a caller's value caused, as an InputError naming `param`; anything else unchanged. */
export function inputErrorFromDb(err: unknown, param: string): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.length === 5 && INPUT_SQLSTATE.test(code))
    return new InputError(param, `a value the database cannot take (${(err as Error).message})`);
  return err;
}

/** Runs a store read or write on caller input: database errors the input caused become InputErrors. */
export async function onInput<T>(param: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw inputErrorFromDb(err, param);
  }
}

/** A NUL character: PostgreSQL text cannot hold one. */
export const hasNul = (s: string): boolean => s.includes('\0');
