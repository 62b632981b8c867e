// The admin client's tests share one in-process HTTP test server and these helpers.
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type AdminClient, ApiError, createAdminClient } from '../src/index.js';
import { startTestServer, type TestServer } from './http-server.js';

export const TOKEN = 'kici_tok_DO_NOT_LEAK_0123456789';
export const T = '2025-05-01T10:00:00.000Z';

/** A test server and a client of it with TOKEN. */
export async function startClientServer() {
  const server = await startTestServer();
  return { server, client: createAdminClient({ baseUrl: server.url, token: TOKEN }) };
}

/** The ApiError a promise rejects with (failing the test if it resolves). */
export async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.message).not.toContain(TOKEN);
    expect(JSON.stringify(apiError)).not.toContain(TOKEN);
    return apiError;
  }
  throw new Error('expected the call to fail');
}

/** The last request the server received. */
export function lastRequestOf(server: TestServer) {
  const request = server.requests.at(-1);
  if (!request) throw new Error('no request reached the server');
  return request;
}

/**
 * A test server and its client for one test file: `t.server`, `t.client`, `t.lastRequest()`;
 * the requests it recorded are forgotten after each test.
 */
export function useClientServer() {
  const t = {
    lastRequest: () => lastRequestOf(t.server),
  } as { server: TestServer; client: AdminClient; lastRequest(): TestServer['requests'][number] };
  beforeAll(async () => {
    Object.assign(t, await startClientServer());
  });
  afterAll(() => t.server.close());
  afterEach(() => {
    t.server.requests.length = 0;
  });
  return t;
}
