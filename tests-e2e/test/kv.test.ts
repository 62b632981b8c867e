// KV v2 over real HTTP: data read/write/delete, versions, check-and-set, metadata, LIST (raw
// socket and GET ?list=true), missing mounts, percent-decoding.

import { startVaultTestServer, type VaultTestServer } from '@kici/vault-test-server/start';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, rawRequest } from './raw-http.js';
import { dataOf, vault } from './vault.js';

let server: VaultTestServer;
let token: string;
beforeAll(async () => {
  server = await startVaultTestServer({ mounts: ['secret', 'team/kv'] });
  token = server.rootToken;
});
afterAll(() => server.stop());

describe('KV v2 data', () => {
  it('writes versions and reads the current or a given one, with the success envelope', async () => {
    const first = await vault(server.url, 'POST', 'secret/data/app/db', {
      token,
      body: { data: { USER: 'a' } },
    });
    expect(first.status).toBe(200);
    expect(dataOf(first)).toMatchObject({ version: 1, destroyed: false, deletion_time: '' });
    await vault(server.url, 'PUT', 'secret/data/app/db', { token, body: { data: { USER: 'b' } } });

    const current = await vault(server.url, 'GET', 'secret/data/app/db', { token });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({
      lease_id: '',
      renewable: false,
      lease_duration: 0,
      auth: null,
      wrap_info: null,
    });
    expect(typeof current.body?.request_id).toBe('string');
    expect(dataOf(current)).toMatchObject({ data: { USER: 'b' }, metadata: { version: 2 } });
    const old = await vault(server.url, 'GET', 'secret/data/app/db?version=1', { token });
    expect(dataOf(old)?.data).toEqual({ USER: 'a' });
  });

  it('answers a missing key or version with 404 {"errors":[]}', async () => {
    expect(await vault(server.url, 'GET', 'secret/data/nope', { token })).toEqual({
      status: 404,
      body: { errors: [] },
    });
    expect(
      (await vault(server.url, 'GET', 'secret/data/app/db?version=9', { token })).body,
    ).toEqual({ errors: [] });
  });

  it('enforces check-and-set and rejects a write without data', async () => {
    const taken = await vault(server.url, 'POST', 'secret/data/app/db', {
      token,
      body: { options: { cas: 0 }, data: { X: '1' } },
    });
    expect(taken).toEqual({
      status: 400,
      body: { errors: ['check-and-set parameter did not match the current version'] },
    });
    const fresh = await vault(server.url, 'POST', 'secret/data/cas/new', {
      token,
      body: { options: { cas: 0 }, data: { X: '1' } },
    });
    expect(fresh.status).toBe(200);
    expect(await vault(server.url, 'POST', 'secret/data/cas/new', { token, body: {} })).toEqual({
      status: 400,
      body: { errors: ['no data provided'] },
    });
  });

  it('soft-deletes: 204, then 404 with the full envelope and data null; still listed', async () => {
    await vault(server.url, 'POST', 'secret/data/soft/one', { token, body: { data: { A: '1' } } });
    const deleted = await vault(server.url, 'DELETE', 'secret/data/soft/one', { token });
    expect(deleted).toEqual({ status: 204, body: undefined });
    const read = await vault(server.url, 'GET', 'secret/data/soft/one', { token });
    expect(read.status).toBe(404);
    expect(read.body).not.toHaveProperty('errors');
    expect(dataOf(read)?.data).toBeNull();
    expect(
      (dataOf(read)?.metadata as { deletion_time: string } | undefined)?.deletion_time,
    ).not.toBe('');
    expect(
      dataOf(await vault(server.url, 'GET', 'secret/metadata/soft?list=true', { token }))?.keys,
    ).toEqual(['one']);
    expect((await vault(server.url, 'DELETE', 'secret/data/never/was', { token })).status).toBe(
      204,
    );
  });

  it('keeps at most 10 versions', async () => {
    for (let i = 1; i <= 12; i++) {
      await vault(server.url, 'POST', 'secret/data/many', {
        token,
        body: { data: { N: String(i) } },
      });
    }
    const meta = dataOf(await vault(server.url, 'GET', 'secret/metadata/many', { token }));
    expect(meta).toMatchObject({
      current_version: 12,
      oldest_version: 3,
      max_versions: 10,
      delete_version_after: '0s',
    });
    expect(Object.keys(meta?.versions as object)).toHaveLength(10);
    expect((await vault(server.url, 'GET', 'secret/data/many?version=1', { token })).status).toBe(
      404,
    );
  });
});

describe('KV v2 metadata and LIST', () => {
  beforeAll(async () => {
    for (const path of ['list/a', 'list/b/c', 'list/b/d/e', 'list/b']) {
      await server.seed(path, { K: 'v' });
    }
  });

  it('LIST over a raw socket: folders end in /, a leaf or missing path is 404 {"errors":[]}', async () => {
    const auth = { 'X-Vault-Token': token };
    const [root, folder, leaf, missing] = await exchange(
      server.url,
      rawRequest('LIST', '/v1/secret/metadata/list', auth) +
        rawRequest('LIST', '/v1/secret/metadata/list/b/', auth) +
        rawRequest('LIST', '/v1/secret/metadata/list/a', auth) +
        rawRequest('LIST', '/v1/secret/metadata/none', auth),
      4,
    );
    expect(root?.status).toBe(200);
    expect(JSON.parse(root?.body ?? '').data).toEqual({ keys: ['a', 'b', 'b/'] });
    expect(JSON.parse(folder?.body ?? '').data).toEqual({ keys: ['c', 'd/'] });
    expect(leaf).toMatchObject({ status: 404, body: '{"errors":[]}' });
    expect(missing).toMatchObject({ status: 404, body: '{"errors":[]}' });
  });

  it('GET ?list=true is the same as LIST; LIST of the mount root lists top-level keys', async () => {
    const list = await vault(server.url, 'GET', 'secret/metadata/list/b/d?list=true', { token });
    expect(dataOf(list)).toEqual({ keys: ['e'] });
    const [top] = await exchange(
      server.url,
      rawRequest('LIST', '/v1/secret/metadata', { 'X-Vault-Token': token }),
    );
    expect(JSON.parse(top?.body ?? '').data.keys).toContain('list/');
  });

  it('reads metadata and deletes every version with DELETE metadata/', async () => {
    const meta = dataOf(await vault(server.url, 'GET', 'secret/metadata/list/a', { token }));
    expect(meta).toMatchObject({ current_version: 1, cas_required: false, custom_metadata: null });
    expect(
      (await vault(server.url, 'DELETE', 'secret/metadata/list/b/d/e', { token })).status,
    ).toBe(204);
    expect((await vault(server.url, 'GET', 'secret/metadata/list/b/d/e', { token })).status).toBe(
      404,
    );
    expect(
      dataOf(await vault(server.url, 'GET', 'secret/metadata/list/b?list=true', { token })),
    ).toEqual({ keys: ['c'] });
  });

  it('serves several mounts, longest prefix first, and percent-decodes the path', async () => {
    await vault(server.url, 'POST', 'team/kv/data/x%2Fy', { token, body: { data: { T: '1' } } });
    expect(dataOf(await vault(server.url, 'GET', 'team/kv/data/x/y', { token }))?.data).toEqual({
      T: '1',
    });
    expect((await vault(server.url, 'GET', 'secret/data/x/y', { token })).status).toBe(404);
  });

  it('answers an unknown mount with "no handler for route"', async () => {
    expect(await vault(server.url, 'GET', 'kv-missing/data/a', { token })).toEqual({
      status: 404,
      body: { errors: ['no handler for route "kv-missing/data/a". route entry not found.'] },
    });
  });

  it('answers an unsupported method with 405', async () => {
    expect((await vault(server.url, 'PATCH', 'secret/data/app/db', { token })).status).toBe(405);
  });
});
