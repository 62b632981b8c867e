import { ApiError } from '@kici/contracts';

/** What `kici-admin` exits with. */
export const EXIT_CODES = {
  ok: 0,
  /** An operation failed: an API or network error, a fingerprint mismatch, an unreadable value. */
  failure: 1,
  /** The command line is wrong: unknown command or flag, missing argument, conflicting modes. */
  usage: 2,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/**
 * The invocation itself is wrong, found before any I/O: fix the command line and rerun.
 * Messages name flags and what was expected, never a value.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An operation that failed on this side of the wire (fingerprint mismatch, empty value, …). */
export class OperationError extends Error {
  override readonly name = 'OperationError';
}

// cac throws its own CACError (not exported) for unknown options and missing values.
function isCacError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'CACError';
}

/** The one place where an error becomes an exit code. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof UsageError || isCacError(error)) return EXIT_CODES.usage;
  // The client checks every input before any I/O: what it refuses there is a usage error.
  if (error instanceof ApiError && error.status === 0 && error.code === 'invalid_input') {
    return EXIT_CODES.usage;
  }
  return EXIT_CODES.failure;
}

/** The text after `Error: `. Never a token or a value: only messages we know are safe. */
export function errorMessage(error: unknown): string {
  if (isCacError(error)) {
    // cac quotes surplus arguments back, and a surplus argument may be a mistyped secret.
    return error.message.startsWith('Unused args') ? 'too many arguments' : error.message;
  }
  if (error instanceof UsageError || error instanceof OperationError) return error.message;
  // The client's and the server's messages never carry a token or a value.
  if (error instanceof ApiError) return error.message;
  // Anything else is a bug whose message is not ours: it could quote input.
  return `unexpected ${error instanceof Error ? error.name : 'error'}`;
}
