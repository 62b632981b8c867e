/**
 * A bundle could not be opened: wrong agent key, a changed byte, or a bundle sealed for
 * another run or job. One message for every cause, and never a value.
 */
export class BundleError extends Error {
  override readonly name = 'BundleError';
}

/** `setSecretOutput` failed: the input was refused locally, or the server said no. */
export class SecretOutputError extends Error {
  override readonly name = 'SecretOutputError';
  /** The HTTP status; 0 when refused locally or when no answer came. */
  readonly status: number;
  /** The server's error code (`payload_too_large`, `unauthorized`, …), or the SDK's own. */
  readonly code: string;
  /** Requests sent (1 when not retried). */
  readonly attempts: number;

  constructor(
    init: { message: string; status: number; code: string; attempts: number },
    cause?: unknown,
  ) {
    super(init.message, cause === undefined ? undefined : { cause });
    this.status = init.status;
    this.code = init.code;
    this.attempts = init.attempts;
  }
}
