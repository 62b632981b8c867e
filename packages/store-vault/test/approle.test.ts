// AppRole: login on first use, one login for concurrent calls, re-login before the lease
// ends, after expiry and after revocation; refused credentials; namespace-bound tokens.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approleBackend, failure, startVaultTestServer, type VaultTestServer } from './helpers.js';

let server: VaultTestServer;
beforeAll(async () => {
  server = await startVaultTestServer({ namespaces: ['team-a'], tokenTtlSeconds: 3600 });
  await server.seed('kici/secrets/app', { KEY: 'v1' });
  await server.seed('kici/secrets/app', { KEY: 'ns' }, { namespace: 'team-a' });
});
afterAll(() => server.stop());

const issuedTokens = async () =>
  ((await server.control({ op: 'tokens' })).tokens as Array<{ id: string; root: boolean }>).filter(
    (t) => !t.root,
  );

describe('AppRole', () => {
  it('logs in on first use, once for concurrent calls, and reuses the token', async () => {
    await server.control({ op: 'revoke' });
    const backend = approleBackend(server);
    const reads = await Promise.all(Array.from({ length: 5 }, () => backend.readScope('app')));
    expect(reads).toEqual(Array(5).fill({ KEY: 'v1' }));
    await backend.readScope('app');
    expect(await issuedTokens()).toHaveLength(1);
    await backend.check();
    await backend.close();
  });

  it('logs in again after the token was revoked (a 403), once, then succeeds', async () => {
    const backend = approleBackend(server);
    await backend.readScope('app');
    const [first] = await issuedTokens();
    await server.control({ op: 'revoke' });
    expect(await backend.readScope('app')).toEqual({ KEY: 'v1' });
    const after = await issuedTokens();
    expect(after).toHaveLength(1);
    expect(after[0]?.id).not.toBe(first?.id);
    expect(backend.warnings).toEqual([
      'Vault backend "openbao-test": token refused while reading "app"; logging in again with AppRole',
    ]);
    await backend.close();
  });

  it('logs in again after the token expired on the server', async () => {
    const backend = approleBackend(server);
    await backend.readScope('app');
    await server.control({ op: 'expire' });
    expect(await backend.readScope('app')).toEqual({ KEY: 'v1' });
    expect(backend.warnings).toHaveLength(1);
    await backend.close();
  });

  it('logs in again before the lease runs out (TTL), without a refused call', async () => {
    await server.control({ op: 'token-ttl', seconds: 1 });
    try {
      const backend = approleBackend(server);
      await backend.readScope('app');
      await sleep(1000);
      expect(await backend.readScope('app')).toEqual({ KEY: 'v1' });
      expect(backend.warnings).toEqual([]);
      await backend.close();
    } finally {
      await server.control({ op: 'token-ttl', seconds: 3600 });
    }
  });

  it('refused credentials are auth_failed', async () => {
    const backend = approleBackend(server, { secretId: 'wrong-secret-id' });
    const error = await failure(backend.readScope('app'));
    expect(error).toMatchObject({ reason: 'auth_failed', code: 'backend_unavailable' });
    expect(error.message).toBe(
      'Vault backend "openbao-test": AppRole login refused (400): invalid role or secret ID; check the role ID and secret ID',
    );
    expect((await failure(backend.check())).reason).toBe('auth_failed');
    await backend.close();
  });

  it('a policy denial stays forbidden after one re-login', async () => {
    await server.control({ op: 'deny', path: 'secret/data/kici/secrets/app' });
    try {
      const backend = approleBackend(server);
      const error = await failure(backend.readScope('app'));
      expect(error.reason).toBe('forbidden');
      expect(error.message).toBe(
        `Vault backend "openbao-test": permission denied while reading "app": the token's policies do not allow it`,
      );
      expect(backend.warnings).toHaveLength(1);
      await backend.close();
    } finally {
      await server.control({ op: 'allow' });
    }
  });

  it('logs in inside its namespace', async () => {
    const backend = approleBackend(server, { namespace: 'team-a' });
    expect(await backend.readScope('app')).toEqual({ KEY: 'ns' });
    const tokens = (await server.control({ op: 'tokens' })).tokens as Array<{
      namespace: string;
      root: boolean;
    }>;
    expect(tokens.some((t) => t.namespace === 'team-a')).toBe(true);
    await backend.close();
  });
});
