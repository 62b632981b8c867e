// The admin API from outside: a real kici-server process on 127.0.0.1, driven over HTTP with
// the typed client of @kici/contracts (and raw fetch where the client would refuse to ask).
import { createAdminClient } from '@kici/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { apiError } from './helpers.js';

const VALUE = 'postgresql://user:s3cr3t-pass@db:5432/app';

describe.each(testDrivers())('admin API over HTTP (%s)', (driver) => {
  let server: TestServer;
  let owner: ReturnType<typeof createAdminClient>;

  beforeAll(async () => {
    server = await startTestServer({ driver });
    owner = createAdminClient({ baseUrl: server.url, token: server.token });
  }, 120_000);
  afterAll(() => server?.dispose());

  it('answers the probes without a token', async () => {
    expect(await owner.healthz()).toEqual({ status: 'ok' });
    expect(await owner.readyz()).toEqual({
      status: 'ready',
      checks: { database: true, migrations: true },
    });
  });

  it('manages a secret as the seed documents, never answering with the value except on reveal', async () => {
    const set = await owner.secrets.set('acme', 'production', 'KICI_DATABASE_URL', VALUE);
    expect(set).toMatchObject({
      orgId: 'acme',
      scope: 'pg:production',
      key: 'KICI_DATABASE_URL',
      valueLength: VALUE.length,
      created: true,
    });
    const scopes = await owner.secrets.scopes('acme');
    expect(scopes.scopes).toEqual([
      expect.objectContaining({
        scope: 'pg:production',
        backend: 'pg',
        path: 'production',
        secretCount: 1,
      }),
    ]);
    const keys = await owner.secrets.keys('acme', 'production');
    expect(keys.keys.map((k) => k.key)).toEqual(['KICI_DATABASE_URL']);
    expect(JSON.stringify([set, scopes, keys])).not.toContain('s3cr3t');
    expect((await owner.secrets.reveal('acme', 'pg:production', 'KICI_DATABASE_URL')).value).toBe(
      VALUE,
    );
    await owner.secrets.delete('acme', 'production', 'KICI_DATABASE_URL');
    expect(
      (await apiError(owner.secrets.reveal('acme', 'production', 'KICI_DATABASE_URL'))).status,
    ).toBe(404);
    const audit = await owner.audit({ contextName: 'production', limit: 50 });
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['secret.set', 'secret.list', 'secret.reveal', 'secret.delete']),
    );
    expect(JSON.stringify(audit)).not.toContain('s3cr3t');
  });

  it('answers 401 "Invalid or expired token" for missing and unknown tokens, and audits them', async () => {
    const anonymous = await fetch(`${server.url}/api/v1/admin/tokens`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      error: { code: 'unauthorized', message: 'Invalid or expired token' },
    });
    const stranger = createAdminClient({ baseUrl: server.url, token: 'kici_not-a-real-token' });
    const error = await apiError(stranger.tokens.list());
    expect([error.status, error.message]).toEqual([401, 'Invalid or expired token']);
    const hostile = await fetch(`${server.url}/api/v1/admin/probe%1b%5b2J%07`);
    expect(hostile.status).toBe(401);
    const failures = await owner.audit({ action: 'auth.failed', limit: 10 });
    expect(failures.entries[0]?.routingKey).toBe('GET /api/v1/admin/probe%1b%5b2J%07');
    expect(failures.entries.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(failures)).not.toContain('not-a-real-token');
  });

  it('answers 403 naming the permission to a role without it, and audits the denial', async () => {
    const { token } = await owner.tokens.create({ label: 'compliance', role: 'auditor' });
    const auditor = createAdminClient({ baseUrl: server.url, token });
    const denied = await apiError(auditor.secrets.set('acme', 'production', 'X', 'v'));
    expect(denied.status).toBe(403);
    expect(denied.message).toContain('secret.write');
    expect((await apiError(auditor.rotateKey())).message).toContain('key.rotate');
    const audit = await auditor.audit({ limit: 5 });
    expect(
      audit.entries.some((e) => e.outcome === 'denied' && e.metadata.permission === 'key.rotate'),
    ).toBe(true);
  });

  it('rejects bad input with 400 naming the field, and writes nothing', async () => {
    const put = (path: string, body: string) =>
      fetch(`${server.url}/api/v1/admin/secrets/${path}`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${server.token}`,
          'content-type': 'application/json',
          'x-kici-surface': 'cli',
        },
        body,
      });
    const cases: [string, string, string][] = [
      ['acme/production/db_password', '{"value":"x"}', 'key'],
      ['acme/pg%3A..%2Fetc/KEY', '{"value":"x"}', 'scope'],
      ['acme/production/KEY', '{"value":""}', 'value'],
      ['acme/production/KEY', '{"value":"x","extra":1}', 'extra'],
      ['acme/production/KEY', 'not json', 'body'],
    ];
    for (const [path, body, field] of cases) {
      const response = await put(path, body);
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { field?: string; message: string } };
      expect(`${error.field} ${error.message}`).toContain(field);
    }
    const tooBig = await put('acme/production/KEY', JSON.stringify({ value: 'x'.repeat(65_537) }));
    expect([400, 413]).toContain(tooBig.status);
    expect(await tooBig.text()).not.toContain('xxxxxxxx');
    expect((await owner.secrets.keys('acme', 'production')).keys).toEqual([]);
  });

  it('manages tokens: plaintext once, listed without it, revoked, never the last owner', async () => {
    const created = await owner.tokens.create({ label: 'ci-operator', role: 'admin' });
    const listed = await owner.tokens.list();
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(listed.tokens.find((t) => t.id === created.id)).toMatchObject({
      label: 'ci-operator',
      role: 'admin',
      status: 'active',
    });
    await owner.tokens.revoke(created.id);
    const revokedClient = createAdminClient({ baseUrl: server.url, token: created.token });
    expect((await apiError(revokedClient.tokens.list())).status).toBe(401);
    const last = await apiError(owner.tokens.revoke('bootstrap'));
    expect([last.status, last.code]).toEqual([409, 'conflict']);
  });

  it('keeps versioned config and rotates the key through the API', async () => {
    await owner.config.set('writePolicy', { 'secrets.set': ['dashboard', 'cli'] });
    expect((await owner.config.get('writePolicy')).value).toEqual({
      'secrets.set': ['dashboard', 'cli'],
    });
    await owner.secrets.set('acme', 'pg:rotate', 'A_KEY', 'a-value');
    const rotated = await owner.rotateKey();
    expect(rotated.message).toMatch(/^Re-encrypted \d+ secrets, \d+ config versions$/);
    expect(rotated.reEncryptedConfigs).toBeGreaterThanOrEqual(1);
    expect((await owner.secrets.reveal('acme', 'pg:rotate', 'A_KEY')).value).toBe('a-value');
    const [entry] = (await owner.audit({ action: 'rotateKey', limit: 1 })).entries;
    expect(entry?.metadata).toMatchObject({
      reEncrypted: rotated.reEncrypted,
      reEncryptedConfigs: rotated.reEncryptedConfigs,
    });
  });

  it('stops on SIGTERM: exit code 0 after closing the database', async () => {
    const extra = await startTestServer({ driver });
    try {
      expect(await extra.stop()).toBe(0);
      expect(extra.output()).toContain('SIGTERM received');
      expect(extra.output()).toContain('Stopped');
    } finally {
      await extra.dispose();
    }
  }, 120_000);
});
