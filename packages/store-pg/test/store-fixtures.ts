// What the store contract suites (store.test.ts, store-records.test.ts) share: bytes, a
// secret write for acme's pg:production and an audit row, each with overrides.
import type { SecretWrite } from '@kici/core';

export const bytes = (...values: number[]) => Uint8Array.from(values);
export const write = (overrides: Partial<SecretWrite> = {}): SecretWrite => ({
  orgId: 'acme',
  scope: 'pg:production',
  key: 'DATABASE_URL',
  ciphertext: bytes(1, 2, 3),
  keyVersion: 1,
  backendType: 'pg',
  actor: 'token:bootstrap',
  ...overrides,
});
export const audit = (action: string, contextName: string | null = 'pg:production') => ({
  actor: 'token:bootstrap',
  action,
  outcome: 'success' as const,
  orgId: 'acme',
  contextName,
  routingKey: null,
  metadata: { key: 'DATABASE_URL' },
});
