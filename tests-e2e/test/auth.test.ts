// AppRole login, token lookup-self, token TTL, expiry and revocation, namespaces.
import { setTimeout as sleep } from 'node:timers/promises';
import { startVaultTestServer, type VaultTestServer } from '@kici/vault-test-server/start';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, vault } from './vault.js';

let server: VaultTestServer;
beforeAll(async () => {
  server = await startVaultTestServer({ namespaces: ['team-a', 'team-b'], tokenTtlSeconds: 60 });
});
afterAll(() => server.stop());

const login = (namespace?: string, body?: unknown) =>
  vault(server.url, 'POST', 'auth/approle/login', {
    body: body ?? { role_id: server.roleId, secret_id: server.secretId },
    ...(namespace === undefined ? {} : { namespace }),
  });
const clientToken = (reply: { body: Record<string, unknown> | undefined }) =>
  (reply.body?.auth as { client_token: string } | undefined)?.client_token ?? '';

describe('AppRole', () => {
  it('logs in: auth block with an hvs. service token, data null', async () => {
    const reply = await login();
    expect(reply.status).toBe(200);
    expect(reply.body?.data).toBeNull();
    expect(reply.body?.auth).toMatchObject({
      lease_duration: 60,
      renewable: true,
      token_type: 'service',
      orphan: true,
      metadata: { role_name: 'kici' },
    });
    expect(clientToken(reply)).toMatch(/^hvs\.[A-Za-z0-9]{24}$/);
  });

  it('refuses bad credentials as Vault does', async () => {
    expect(await login(undefined, { role_id: server.roleId, secret_id: 'wrong' })).toEqual({
      status: 400,
      body: { errors: ['invalid role or secret ID'] },
    });
    expect((await login(undefined, { role_id: server.roleId })).body).toEqual({
      errors: ['missing secret_id'],
    });
    expect((await login(undefined, { secret_id: 'x' })).status).toBe(500);
  });

  it('changes credentials through the control API', async () => {
    await server.control({ op: 'approle', roleId: 'r2', secretId: 's2' });
    expect((await login(undefined, { role_id: 'r2', secret_id: 's2' })).status).toBe(200);
    expect((await login()).status).toBe(400);
    await server.control({ op: 'approle', roleId: server.roleId, secretId: server.secretId });
  });
});

describe('tokens', () => {
  it('lookup-self answers data with the token id and ttl, auth null; a bad token is 403', async () => {
    const token = clientToken(await login());
    const reply = await vault(server.url, 'GET', 'auth/token/lookup-self', { token });
    expect(reply.body?.auth).toBeNull();
    expect(dataOf(reply)).toMatchObject({ id: token, type: 'service', path: 'auth/approle/login' });
    expect(dataOf(reply)?.ttl).toBeGreaterThan(55);
    expect(await vault(server.url, 'GET', 'auth/token/lookup-self', { token: 'hvs.nope' })).toEqual(
      {
        status: 403,
        body: { errors: ['permission denied'] },
      },
    );
    expect((await vault(server.url, 'GET', 'secret/data/x', {})).status).toBe(403);
  });

  it('expires tokens after their TTL, and on command', async () => {
    await server.control({ op: 'token-ttl', seconds: 1 });
    const token = clientToken(await login());
    expect((await vault(server.url, 'GET', 'auth/token/lookup-self', { token })).status).toBe(200);
    await sleep(1100);
    expect((await vault(server.url, 'GET', 'auth/token/lookup-self', { token })).status).toBe(403);
    await server.control({ op: 'token-ttl', seconds: 60 });

    const other = clientToken(await login());
    await server.control({ op: 'expire', token: other });
    expect(
      (await vault(server.url, 'GET', 'auth/token/lookup-self', { token: other })).status,
    ).toBe(403);
  });

  it('revokes one token or every non-root token; lists issued tokens', async () => {
    const one = clientToken(await login());
    const two = clientToken(await login());
    const listed = (await server.control({ op: 'tokens' })).tokens as Array<{ id: string }>;
    expect(listed.map((t) => t.id)).toEqual(expect.arrayContaining([one, two, server.rootToken]));
    await server.control({ op: 'revoke', token: one });
    expect((await vault(server.url, 'GET', 'auth/token/lookup-self', { token: one })).status).toBe(
      403,
    );
    expect((await vault(server.url, 'GET', 'auth/token/lookup-self', { token: two })).status).toBe(
      200,
    );
    await server.control({ op: 'revoke' });
    expect((await vault(server.url, 'GET', 'auth/token/lookup-self', { token: two })).status).toBe(
      403,
    );
    expect(
      (await vault(server.url, 'GET', 'auth/token/lookup-self', { token: server.rootToken }))
        .status,
    ).toBe(200);
  });
});

describe('namespaces', () => {
  const token = () => server.rootToken;

  it('keeps data apart per X-Vault-Namespace; a path prefix names a child namespace too', async () => {
    await vault(server.url, 'POST', 'secret/data/shared', {
      token: token(),
      namespace: 'team-a',
      body: { data: { WHO: 'a' } },
    });
    await vault(server.url, 'POST', 'secret/data/shared', {
      token: token(),
      namespace: 'team-b',
      body: { data: { WHO: 'b' } },
    });
    const a = await vault(server.url, 'GET', 'secret/data/shared', {
      token: token(),
      namespace: 'team-a/',
    });
    const b = await vault(server.url, 'GET', 'team-b/secret/data/shared', { token: token() });
    expect(dataOf(a)?.data).toEqual({ WHO: 'a' });
    expect(dataOf(b)?.data).toEqual({ WHO: 'b' });
    expect((await vault(server.url, 'GET', 'secret/data/shared', { token: token() })).status).toBe(
      404,
    );
    expect(
      (await vault(server.url, 'GET', 'secret/data/shared', { token: token(), namespace: 'root' }))
        .status,
    ).toBe(404);
  });

  it('answers an unknown namespace with 404 "namespace not found"', async () => {
    expect(
      await vault(server.url, 'GET', 'secret/data/shared', { token: token(), namespace: 'nope' }),
    ).toEqual({
      status: 404,
      body: { errors: ['namespace not found'] },
    });
  });

  it('binds an AppRole token to the namespace that issued it', async () => {
    const issued = clientToken(await login('team-a'));
    expect(
      (await vault(server.url, 'GET', 'secret/data/shared', { token: issued, namespace: 'team-a' }))
        .status,
    ).toBe(200);
    expect(
      (await vault(server.url, 'GET', 'secret/data/shared', { token: issued, namespace: 'team-b' }))
        .status,
    ).toBe(403);
    expect((await vault(server.url, 'GET', 'secret/data/shared', { token: issued })).status).toBe(
      403,
    );
  });

  it('refuses sys/health inside a namespace; creates namespaces on command', async () => {
    expect(await vault(server.url, 'GET', 'sys/health', { namespace: 'team-a' })).toEqual({
      status: 400,
      body: { errors: ['operation unavailable in namespaces'] },
    });
    expect((await vault(server.url, 'GET', 'sys/health', { namespace: '' })).status).toBe(200);
    await server.control({ op: 'namespace', name: 'team-c/child' });
    expect(
      (
        await vault(server.url, 'GET', 'secret/data/x', {
          token: token(),
          namespace: 'team-c/child',
        })
      ).status,
    ).toBe(404);
    expect(
      (await vault(server.url, 'GET', 'secret/data/x', { token: token(), namespace: 'team-c' }))
        .status,
    ).toBe(404);
  });
});
