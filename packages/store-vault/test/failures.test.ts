// Every failure mode, with a distinct reason and a message naming the backend: sealed,
// forbidden, rejected token, missing mount or namespace, unreachable, timeout.
import { BackendError } from '@kici/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, startVaultTestServer, tokenBackend, type VaultTestServer } from './helpers.js';

let server: VaultTestServer;
let host: string;
beforeAll(async () => {
  server = await startVaultTestServer();
  host = new URL(server.url).host;
  await server.seed('kici/secrets/app', { KEY: 'v' });
  await server.seed('kici/secrets/private', { KEY: 'v' });
});
afterAll(() => server.stop());

describe('sealed Vault', () => {
  it('is sealed for reads, listings and checks', async () => {
    await server.control({ op: 'seal' });
    const backend = tokenBackend(server);
    try {
      const read = await failure(backend.readScope('app'));
      expect(read).toBeInstanceOf(BackendError);
      expect(read).toMatchObject({
        reason: 'sealed',
        backend: 'openbao-test',
        code: 'backend_unavailable',
      });
      expect(read.message).toBe(
        `Vault backend "openbao-test": Vault is sealed at ${host} while reading "app"`,
      );
      expect((await failure(backend.listPaths())).reason).toBe('sealed');
      expect((await failure(backend.check())).message).toContain('Vault is sealed');
    } finally {
      await server.control({ op: 'unseal' });
      await backend.close();
    }
  });
});

describe('403', () => {
  it('a policy denial is forbidden', async () => {
    await server.control({ op: 'deny', path: 'secret/data/kici/secrets/private' });
    const backend = tokenBackend(server);
    try {
      const error = await failure(backend.readScope('private'));
      expect(error.reason).toBe('forbidden');
      expect(error.message).toBe(
        `Vault backend "openbao-test": permission denied while reading "private": the token's policies do not allow it`,
      );
      expect(await backend.readScope('app')).toEqual({ KEY: 'v' });
    } finally {
      await server.control({ op: 'allow' });
      await backend.close();
    }
  });

  it('a token Vault does not know (or revoked, or expired) is auth_failed, with no re-login', async () => {
    const backend = tokenBackend(server, { token: 'hvs.unknown-token' });
    const error = await failure(backend.readScope('app'));
    expect(error.reason).toBe('auth_failed');
    expect(error.message).toBe(
      'Vault backend "openbao-test": Vault rejected the token (invalid, expired or revoked) while reading "app"',
    );
    expect((await failure(backend.check())).reason).toBe('auth_failed');
    expect(backend.warnings).toEqual([]);
    await backend.close();
  });
});

describe('missing mount or namespace', () => {
  it('a mount that does not exist is mount_not_found', async () => {
    const backend = tokenBackend(server, { mountPath: 'kv-missing' });
    const error = await failure(backend.readScope('app'));
    expect(error.reason).toBe('mount_not_found');
    expect(error.message).toBe(
      `Vault backend "openbao-test": no KV v2 mount "kv-missing" at ${host} (is the KV v2 engine enabled at this path?) while reading "app"`,
    );
    expect((await failure(backend.listPaths())).reason).toBe('mount_not_found');
    expect((await failure(backend.check())).reason).toBe('mount_not_found');
    await backend.close();
  });

  it('a namespace that does not exist is mount_not_found, naming it', async () => {
    const backend = tokenBackend(server, { namespace: 'no-such-team' });
    const error = await failure(backend.readScope('app'));
    expect(error.reason).toBe('mount_not_found');
    expect(error.message).toContain('namespace "no-such-team" not found');
    await backend.close();
  });
});

describe('unreachable', () => {
  it('connection refused is unreachable, naming the backend and host', async () => {
    const backend = tokenBackend(server);
    await backend.readScope('app'); // a kept-alive connection that the refusal drops
    await server.control({ op: 'refuse' });
    try {
      const error = await failure(backend.readScope('app'));
      expect(error.reason).toBe('unreachable');
      expect(error.message).toMatch(
        new RegExp(
          `^Vault backend "openbao-test": cannot reach ${host} \\((ECONNREFUSED|ECONNRESET)\\) while reading "app"$`,
        ),
      );
      const again = await failure(backend.readScope('app'));
      expect(again.message).toContain('(ECONNREFUSED)');
      expect((await failure(backend.check())).reason).toBe('unreachable');
    } finally {
      await server.control({ op: 'listen' });
    }
    expect(await backend.readScope('app')).toEqual({ KEY: 'v' });
    await backend.close();
  });
});

describe('slow responses', () => {
  it('a response slower than timeoutMs is a timeout', async () => {
    await server.control({ op: 'delay', ms: 3000 });
    const backend = tokenBackend(server, { timeoutMs: 300 });
    try {
      const started = performance.now();
      const error = await failure(backend.readScope('app'));
      expect(performance.now() - started).toBeLessThan(2500);
      expect(error.reason).toBe('timeout');
      expect(error.message).toBe(
        `Vault backend "openbao-test": no answer from ${host} within 300 ms while reading "app"`,
      );
      expect((await failure(backend.check())).reason).toBe('timeout');
      expect((await failure(backend.listPaths())).reason).toBe('timeout');
    } finally {
      await server.control({ op: 'delay', ms: 0 });
      await backend.close();
    }
  });
});
