// Reading scopes with token auth: base and mount paths, namespaces, value rendering,
// missing paths, read-only refusals, check().
import { BackendError } from '@kici/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, startVaultTestServer, tokenBackend, type VaultTestServer } from './helpers.js';

let server: VaultTestServer;
beforeAll(async () => {
  server = await startVaultTestServer({
    namespaces: ['team-a', 'team-b'],
    mounts: ['secret', 'kv/ci'],
  });
  await server.seed('kici/secrets/aws/prod', {
    AWS_ACCESS_KEY_ID: 'AKIA1',
    AWS_SECRET_ACCESS_KEY: 's3cr3t',
  });
  await server.seed('kici/secrets/typed', { PORT: 5432, DEBUG: true, LIST: [1, 2], NOTHING: null });
  await server.seed('kici/secrets/with space/ünïcode', { K: 'v' });
  await server.seed('other/base/db', { URL: 'postgres://x' });
  await server.seed('teams/db', { URL: 'kv-mount' }, { mount: 'kv/ci' });
  await server.seed('kici/secrets/shared', { WHO: 'team-a' }, { namespace: 'team-a' });
  await server.seed('kici/secrets/shared', { WHO: 'team-b' }, { namespace: 'team-b' });
  await server.seed('kici/secrets/shared', { WHO: 'root' });
  await server.seed('kici/secrets/gone', { A: '1' });
  await server.control({ op: 'write', path: 'kici/secrets/gone', data: { A: '2' } });
});
afterAll(() => server.stop());

describe('readScope with token auth', () => {
  it('reads the KV v2 secret at basePath/path', async () => {
    const backend = tokenBackend(server);
    expect(await backend.readScope('aws/prod')).toEqual({
      AWS_ACCESS_KEY_ID: 'AKIA1',
      AWS_SECRET_ACCESS_KEY: 's3cr3t',
    });
    expect(backend).toMatchObject({ name: 'openbao-test', type: 'vault' });
    await backend.close();
  });

  it('renders non-string values as JSON text', async () => {
    const backend = tokenBackend(server);
    expect(await backend.readScope('typed')).toEqual({
      PORT: '5432',
      DEBUG: 'true',
      LIST: '[1,2]',
      NOTHING: 'null',
    });
    await backend.close();
  });

  it('reads names with spaces and non-ASCII characters (percent-encoded on the way)', async () => {
    const backend = tokenBackend(server);
    expect(await backend.readScope('with space/ünïcode')).toEqual({ K: 'v' });
    await backend.close();
  });

  it('honours basePath and mountPath', async () => {
    const other = tokenBackend(server, { basePath: 'other/base' });
    expect(await other.readScope('db')).toEqual({ URL: 'postgres://x' });
    const root = tokenBackend(server, { basePath: '' });
    expect(await root.readScope('other/base/db')).toEqual({ URL: 'postgres://x' });
    const kv = tokenBackend(server, { mountPath: 'kv/ci', basePath: 'teams' });
    expect(await kv.readScope('db')).toEqual({ URL: 'kv-mount' });
    await Promise.all([other.close(), root.close(), kv.close()]);
  });

  it('sends X-Vault-Namespace: namespaces keep their data apart', async () => {
    const a = tokenBackend(server, { namespace: 'team-a' });
    const b = tokenBackend(server, { namespace: 'team-b' });
    const root = tokenBackend(server);
    expect(await a.readScope('shared')).toEqual({ WHO: 'team-a' });
    expect(await b.readScope('shared')).toEqual({ WHO: 'team-b' });
    expect(await root.readScope('shared')).toEqual({ WHO: 'root' });
    expect((await failure(a.readScope('aws/prod'))).reason).toBe('not_found');
    await Promise.all([a.close(), b.close(), root.close()]);
  });

  it('a missing path is not_found, naming the backend, mount and base path', async () => {
    const backend = tokenBackend(server);
    const error = await failure(backend.readScope('aws/missing'));
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({
      reason: 'not_found',
      backend: 'openbao-test',
      code: 'not_found',
    });
    expect(error.message).toBe(
      'Vault backend "openbao-test": no secret at "aws/missing" (mount "secret", base path "kici/secrets")',
    );
    await backend.close();
  });

  it('a soft-deleted secret is not_found too', async () => {
    await server.control({ op: 'write', path: 'kici/secrets/soft', data: { A: '1' } });
    await fetch(`${server.url}/v1/secret/data/kici/secrets/soft`, {
      method: 'DELETE',
      headers: { 'X-Vault-Token': server.rootToken },
    });
    const backend = tokenBackend(server);
    expect((await failure(backend.readScope('soft'))).reason).toBe('not_found');
    expect(await backend.readScope('gone')).toEqual({ A: '2' });
    await backend.close();
  });
});

describe('read-only', () => {
  it('write and delete always throw read_only, without a request', async () => {
    const backend = tokenBackend(server);
    for (const call of [
      () => backend.write('aws/prod', { A: 'x' }),
      () => backend.delete('aws/prod'),
    ]) {
      let thrown: unknown;
      try {
        call();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(BackendError);
      expect(thrown).toMatchObject({
        reason: 'read_only',
        code: 'conflict',
        backend: 'openbao-test',
      });
      expect((thrown as Error).message).toMatch(
        /^Vault backend "openbao-test": is read-only: KiCI does not (write|delete) secrets in Vault/,
      );
    }
    await backend.close();
  });
});

describe('check', () => {
  it('resolves with the health round trip when reachable, authenticated and mounted', async () => {
    const backend = tokenBackend(server);
    const { latencyMs } = await backend.check();
    expect(latencyMs).toBeGreaterThan(0);
    expect(latencyMs).toBeLessThan(5000);
    await backend.close();
  });

  it('refuses to work once closed', async () => {
    const backend = tokenBackend(server);
    await backend.close();
    expect((await failure(backend.readScope('aws/prod'))).reason).toBe('unreachable');
    expect((await failure(backend.check())).message).toContain('closed');
  });
});
