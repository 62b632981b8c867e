// The Vault test server of tests-e2e (a real process, real HTTP) and backends pointed at it.
import { createVaultBackend, type VaultBackend, type VaultBackendConfig } from '../src/index.js';

export {
  makeTestCertificates,
  type TestCertificates,
} from '@kici/vault-test-server/certificates';
export {
  startVaultTestServer,
  type VaultTestServer,
} from '@kici/vault-test-server/start';

import type { VaultTestServer } from '@kici/vault-test-server/start';

export interface TestBackend extends VaultBackend {
  /** What the backend logged through its logger. */
  readonly warnings: string[];
}

export function tokenBackend(
  server: VaultTestServer,
  overrides: Partial<VaultBackendConfig> = {},
): TestBackend {
  return backend({ url: server.url, authMethod: 'token', token: server.rootToken, ...overrides });
}

export function approleBackend(
  server: VaultTestServer,
  overrides: Partial<VaultBackendConfig> = {},
): TestBackend {
  return backend({
    url: server.url,
    authMethod: 'approle',
    roleId: server.roleId,
    secretId: server.secretId,
    ...overrides,
  });
}

function backend(config: Omit<VaultBackendConfig, 'name'> & { name?: string }): TestBackend {
  const warnings: string[] = [];
  const created = createVaultBackend(
    { name: 'openbao-test', ...config },
    { logger: { warn: (message) => warnings.push(message) } },
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

/** The /v1 requests the server has seen so far. */
export const requestCount = async (server: VaultTestServer) =>
  (await server.control({ op: 'state' })).requests as number;
