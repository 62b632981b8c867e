// The GSM test server of tests-e2e (a real process, real HTTP) and backends pointed at it.
import type { GsmTestServer } from '@kici/gsm-test-server/start';
import { createGsmBackend, type GsmBackend, type GsmBackendConfig } from '../src/index.js';

export { type GsmTestServer, startGsmTestServer } from '@kici/gsm-test-server/start';

export interface TestBackend extends GsmBackend {
  /** What the backend logged through its logger. */
  readonly warnings: string[];
}

export function gsmBackend(
  server: GsmTestServer,
  overrides: Partial<GsmBackendConfig> = {},
  now?: () => number,
): TestBackend {
  const warnings: string[] = [];
  const created = createGsmBackend(
    {
      name: 'gsm-test',
      project: server.project,
      credentials: server.credentials,
      endpoint: server.url,
      ...overrides,
    },
    { logger: { warn: (message) => warnings.push(message) }, ...(now ? { now } : {}) },
  );
  return Object.assign(created, { warnings });
}

/** The rejection of `promise` (fails the test if it resolves). */
export async function failure(
  promise: Promise<unknown>,
): Promise<Error & { reason?: string; backend?: string; code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}
