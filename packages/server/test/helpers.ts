import { type AdminClient, ApiError, createAdminClient } from '@kici/contracts';
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

/**
 * A client holding a token issued for the dashboard surface (owner role): what the
 * dashboard's credential can do, whatever header it sends.
 */
export async function dashboardClient(owner: AdminClient, baseUrl: string, label = 'dashboard') {
  const { token } = await owner.tokens.create({ label, role: 'owner', surface: 'dashboard' });
  return { client: createAdminClient({ baseUrl, token }), token };
}
