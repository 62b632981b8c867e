// The admin client's token, rotation, audit, config and probe calls (secrets: t.client.test.ts).
import { describe, expect, it } from 'vitest';
import { createAdminClient, rotationMessage } from '../src/index.js';
import { failure, T, useClientServer } from './client-fixtures.js';

const t = useClientServer();

describe('tokens, rotation, audit, config, probes', () => {
  it('creates, lists and revokes tokens', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000);
    const created = {
      id: 'tok_1',
      label: 'ci-operator',
      role: 'admin',
      surface: 'cli',
      token: 'kici_new_token',
      createdAt: T,
      expiresAt: expiresAt.toISOString(),
    };
    t.server.reply({ status: 201, json: created });
    await expect(
      t.client.tokens.create({ label: 'ci-operator', role: 'admin', expiresAt }),
    ).resolves.toEqual(created);
    expect(t.lastRequest()).toMatchObject({ method: 'POST', url: '/api/v1/admin/tokens' });
    expect(JSON.parse(t.lastRequest().body)).toEqual({
      label: 'ci-operator',
      role: 'admin',
      expiresAt: expiresAt.toISOString(),
    });

    t.server.reply({ json: { id: 'tok_1', revokedAt: T } });
    await expect(t.client.tokens.revoke('tok_1')).resolves.toEqual({ id: 'tok_1', revokedAt: T });
    expect(t.lastRequest()).toMatchObject({ method: 'DELETE', url: '/api/v1/admin/tokens/tok_1' });

    const bad = await failure(
      t.client.tokens.create({ label: 'ci', role: 'superuser' as 'admin' }),
    );
    expect(bad).toMatchObject({ code: 'invalid_input', field: 'role' });
    expect(await failure(t.client.tokens.revoke('../x'))).toMatchObject({ field: 'id' });
  });

  it('rotates the key with an empty options body', async () => {
    const rotated = {
      reEncrypted: 5,
      reEncryptedConfigs: 2,
      keyVersion: 3,
      message: rotationMessage(5, 2),
    };
    t.server.reply({ json: rotated });
    await expect(t.client.rotateKey()).resolves.toEqual(rotated);
    expect(t.lastRequest()).toMatchObject({
      method: 'POST',
      url: '/api/v1/admin/rotate-key',
      body: '{}',
    });
    expect(t.lastRequest().headers['content-type']).toBe('application/json');
  });

  it('queries the audit log', async () => {
    const page = {
      entries: [
        {
          id: 9,
          at: T,
          actor: 'ops',
          action: 'rotateKey',
          outcome: 'success',
          orgId: null,
          contextName: null,
          routingKey: null,
          metadata: { reEncrypted: 5, reEncryptedConfigs: 2 },
        },
      ],
      limit: 5,
      offset: 0,
    };
    t.server.reply({ json: page });
    await expect(
      t.client.audit({
        contextName: 'production',
        action: 'rotateKey',
        from: new Date('2025-01-01T00:00:00Z'),
        to: '2025-02-01T00:00:00+01:00',
        limit: 5,
      }),
    ).resolves.toEqual(page);
    const url = new URL(t.lastRequest().url, t.server.url);
    expect(url.pathname).toBe('/api/v1/admin/audit');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      contextName: 'pg:production',
      action: 'rotateKey',
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-01-31T23:00:00.000Z',
      limit: '5',
      offset: '0',
    });

    const backwards = await failure(
      t.client.audit({ from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z' }),
    );
    expect(backwards).toMatchObject({
      field: 'from',
      message: 'from: expected a date-time not after to',
    });
    expect(await failure(t.client.audit({ limit: 0 }))).toMatchObject({ field: 'limit' });
  });

  it('reads, writes, lists and rolls back config', async () => {
    t.server.reply({ json: { key: 'pgCustomerSecrets', version: 2, updatedAt: T } });
    await t.client.config.set('pgCustomerSecrets', false);
    expect(t.lastRequest()).toMatchObject({
      method: 'PUT',
      url: '/api/v1/admin/config/pgCustomerSecrets',
    });
    expect(JSON.parse(t.lastRequest().body)).toEqual({ value: false });

    const current = {
      key: 'limits',
      value: { max: 3, tags: ['a'] },
      version: 2,
      updatedAt: T,
      updatedBy: 'ops',
    };
    t.server.reply({ json: current });
    await expect(t.client.config.get('limits')).resolves.toEqual(current);

    const history = {
      key: 'limits',
      versions: [
        { version: 2, createdAt: T, createdBy: 'ops', current: true },
        { version: 1, createdAt: T, createdBy: 'ops', current: false },
      ],
    };
    t.server.reply({ json: history });
    await expect(t.client.config.history('limits')).resolves.toEqual(history);
    expect(t.lastRequest().url).toBe('/api/v1/admin/config/limits/history');

    t.server.reply({ json: { key: 'limits', version: 3, rolledBackTo: 1, updatedAt: T } });
    await t.client.config.rollback('limits', 1);
    expect(t.lastRequest()).toMatchObject({
      method: 'POST',
      url: '/api/v1/admin/config/limits/rollback',
    });
    expect(JSON.parse(t.lastRequest().body)).toEqual({ version: 1 });

    t.server.reply({ json: { key: 'limits', version: 4, updatedAt: T } });
    await expect(t.client.config.unset('limits')).resolves.toEqual({
      key: 'limits',
      version: 4,
      updatedAt: T,
    });
    expect(t.lastRequest()).toMatchObject({ method: 'DELETE', url: '/api/v1/admin/config/limits' });

    expect(await failure(t.client.config.rollback('limits', 0))).toMatchObject({
      field: 'version',
    });
    expect(await failure(t.client.config.set('limits', Number.NaN))).toMatchObject({
      field: 'value',
    });
  });

  it('probes health and readiness without a token', async () => {
    const anonymous = createAdminClient({ baseUrl: `${t.server.url}/` });
    t.server.reply({ json: { status: 'ok' } });
    await expect(anonymous.healthz()).resolves.toEqual({ status: 'ok' });
    expect(t.lastRequest().url).toBe('/healthz');
    expect(t.lastRequest().headers.authorization).toBeUndefined();

    const notReady = { status: 'not_ready', checks: { database: true, migrations: false } };
    t.server.reply({ status: 503, json: notReady });
    await expect(anonymous.readyz()).resolves.toEqual(notReady);

    t.server.reply({ status: 503, json: { error: { code: 'not_ready', message: 'Starting' } } });
    expect(await failure(anonymous.readyz())).toMatchObject({ status: 503, code: 'not_ready' });

    const refused = await failure(anonymous.tokens.list());
    expect(refused).toMatchObject({ code: 'invalid_input', field: 'token' });
  });
});
