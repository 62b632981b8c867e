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

/** The dispatcher's call for a push to acme/api's main: POST /internal/v1/resolve. */
export function dispatch(
  server: { url: string; dispatcherToken: string },
  environment = 'production',
): Promise<Response> {
  return fetch(`${server.url}/internal/v1/resolve`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.dispatcherToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      orgId: 'acme',
      environment,
      repository: 'acme/api',
      branch: 'main',
      trigger: 'push',
      runId: 'run-1',
      jobId: 'deploy',
    }),
  });
}
