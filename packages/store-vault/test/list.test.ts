// Discovery: listPaths walks every folder under the base path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, startVaultTestServer, tokenBackend, type VaultTestServer } from './helpers.js';

let server: VaultTestServer;
beforeAll(async () => {
  server = await startVaultTestServer({ namespaces: ['team-a'] });
  for (const path of [
    'aws/prod',
    'aws/staging',
    'aws',
    'db/eu/primary',
    'db/eu/replica/1',
    'top',
  ]) {
    await server.seed(`kici/secrets/${path}`, { K: path });
  }
  await server.seed('elsewhere/not-listed', { K: 'x' });
  await server.seed('kici/secrets/ns-only/x', { K: 'x' }, { namespace: 'team-a' });
});
afterAll(() => server.stop());

describe('listPaths', () => {
  it('lists every leaf under the base path, recursively, relative to it', async () => {
    const backend = tokenBackend(server);
    expect(await backend.listPaths()).toEqual([
      'aws',
      'aws/prod',
      'aws/staging',
      'db/eu/primary',
      'db/eu/replica/1',
      'top',
    ]);
    await backend.close();
  });

  it('lists a sub-tree when the base path points into it, and the whole mount with an empty one', async () => {
    const db = tokenBackend(server, { basePath: 'kici/secrets/db' });
    expect(await db.listPaths()).toEqual(['eu/primary', 'eu/replica/1']);
    const all = tokenBackend(server, { basePath: '' });
    expect(await all.listPaths()).toEqual(
      expect.arrayContaining(['elsewhere/not-listed', 'kici/secrets/top']),
    );
    await Promise.all([db.close(), all.close()]);
  });

  it('an empty or missing base path lists nothing', async () => {
    const backend = tokenBackend(server, { basePath: 'nothing/here' });
    expect(await backend.listPaths()).toEqual([]);
    await backend.close();
  });

  it('lists within its namespace', async () => {
    const backend = tokenBackend(server, { namespace: 'team-a' });
    expect(await backend.listPaths()).toEqual(['ns-only/x']);
    await backend.close();
  });

  it('lists 10,000 paths in nested folders', async () => {
    const secrets = Array.from({ length: 10_000 }, (_, i) => ({
      path: `bulk/team-${i % 20}/app-${i % 500}/s${i}`,
      data: { N: String(i) },
    }));
    await server.control({ op: 'write-many', secrets });
    const backend = tokenBackend(server, { basePath: 'bulk' });
    const paths = await backend.listPaths();
    expect(paths).toHaveLength(10_000);
    expect(new Set(paths).size).toBe(10_000);
    expect(paths).toContain('team-7/app-427/s427');
    await backend.close();
  }, 60_000);

  it('skips listed names that are not valid path segments, with a warning', async () => {
    await server.seed('weird/ok', { K: 'v' });
    await server.seed('weird/a?b', { K: 'v' });
    await server.seed('weird/%2e%2e', { K: 'v' });
    const backend = tokenBackend(server, { basePath: 'weird' });
    expect(await backend.listPaths()).toEqual(['ok']);
    expect(backend.warnings).toEqual([
      'Vault backend "openbao-test": skipped 2 listed names that are not valid path segments',
    ]);
    await backend.close();
  });

  it('skips paths no scope could name, so sync records only bindable scopes', async () => {
    await server.seed('spaced/ok', { K: 'v' });
    await server.seed('spaced/has space', { K: 'v' });
    await server.seed('spaced/plus+sign', { K: 'v' });
    const backend = tokenBackend(server, { basePath: 'spaced' });
    expect(await backend.listPaths()).toEqual(['ok']);
    expect(backend.warnings).toEqual([
      'Vault backend "openbao-test": skipped 2 listed names that are not valid path segments',
    ]);
    await backend.close();
  });

  it('fails as a whole when a folder cannot be listed', async () => {
    await server.control({ op: 'deny', path: 'secret/metadata/kici/secrets/db/*' });
    try {
      const backend = tokenBackend(server);
      const error = await failure(backend.listPaths());
      expect(error.reason).toBe('forbidden');
      expect(error.message).toContain('while listing "db/');
      await backend.close();
    } finally {
      await server.control({ op: 'allow' });
    }
  });
});
