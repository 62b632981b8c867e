import { UNAUTHORIZED_MESSAGE } from '@kici/contracts/vocabulary';
/**
 * The one error family of @kici/core. The server maps `code` to an HTTP status in one
 * place, the CLI to an exit code. Messages are safe to show: they never carry a secret
 * value, a token or raw input.
 */
export type KiciErrorCode =
  | 'invalid_input'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'backend_unavailable'
  | 'internal';

export class KiciError extends Error {
  override readonly name = 'KiciError';
  constructor(
    readonly code: KiciErrorCode,
    message: string,
    /** The input field at fault, for invalid_input and payload_too_large. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export const invalidInput = (field: string, expected: string) =>
  new KiciError('invalid_input', `${field}: ${expected}`, field);
export const unauthorized = () => new KiciError('unauthorized', UNAUTHORIZED_MESSAGE);
export const forbidden = (permission: string) =>
  new KiciError('forbidden', `Permission denied: this token's role lacks ${permission}`);
export const notFound = (what: string) => new KiciError('not_found', `${what} not found`);
export const conflict = (message: string) => new KiciError('conflict', message);
