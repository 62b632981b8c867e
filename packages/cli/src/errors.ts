import { ApiError } from '@kici/contracts';

/** What `kici-admin` exits with. */
export const EXIT_CODES = {
  ok: 0,
  /** An operation failed: an API or network error, a fingerprint mismatch, an unreadable value. */
  failure: 1,
  /** The command line is wrong: unknown command or flag, missing argument, conflicting modes. */
  usage: 2,
  /** Interrupted at a prompt (Ctrl-C), as a shell reports a process ended by SIGINT. */
  interrupted: 130,
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

/** Ctrl-C (or Escape) at a prompt: nothing was done, exit 130 like any interrupted program. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
}

// cac throws its own CACError (not exported) for unknown options and missing values.
function isCacError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'CACError';
}

/** The one place where an error becomes an exit code. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof UsageError || isCacError(error)) return EXIT_CODES.usage;
  if (error instanceof InterruptedError) return EXIT_CODES.interrupted;
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
  if (
    error instanceof UsageError ||
    error instanceof OperationError ||
    error instanceof InterruptedError
  ) {
    return error.message;
  }
  // The client's and the server's messages never carry a token or a value.
  if (error instanceof ApiError) return error.message;
  // Anything else is a bug whose message is not ours: it could quote input.
  return `unexpected ${error instanceof Error ? error.name : 'error'}`;
}

/**
 * What to check when the server refuses the token (the product documentation's causes),
 * printed under the server's message, which stays as it is.
 */
const TOKEN_HINT = [
  'Check:',
  '  - the token may have been revoked (`kici-admin token list` with another token shows it)',
  '  - the token may have expired',
  '  - KICI_ADMIN_URL (or --url) may point at another orchestrator (another database) than the',
  '    one that issued the token, or KICI_ADMIN_TOKEN is not the one it printed (a server',
  '    started with KICI_BOOTSTRAP_ADMIN_TOKEN uses that one instead of printing its own)',
].join('\n');

/** Lines to print after the error, or undefined. */
export function errorHint(error: unknown): string | undefined {
  if (error instanceof ApiError && error.status === 401) return TOKEN_HINT;
  // The TLS handshake failed on the certificate (fetch's cause code, shown in the message).
  if (
    error instanceof ApiError &&
    /\((\w*CERT\w*|UNABLE_TO_VERIFY_LEAF_SIGNATURE)\)$/.test(error.message)
  ) {
    return "The server's TLS certificate is not trusted or does not match the URL: pass --ca <file> or set KICI_ADMIN_CA_FILE to the CA certificate that signed it.";
  }
  if (error instanceof ApiError && error.code === 'timeout') {
    return 'Wait longer with --timeout <seconds> or KICI_ADMIN_TIMEOUT (the server may still finish the operation).';
  }
  return undefined;
}
