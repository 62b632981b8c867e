import { ApiError } from '@kici/contracts';
import { expect } from 'vitest';

/** The ApiError a client call rejects with (the test fails if it resolves). */
export async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}
