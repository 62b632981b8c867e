// The extension store's secrets over HTTP: a real kici-server process (PGlite and PostgreSQL)
// and the Vault-compatible test server for links, driven with the admin client.
import { type AdminClient, createAdminClient } from '@kici/contracts';
import { startVaultTestServer, type VaultTestServer } from '@kici/vault-test-server/start';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { apiError } from './helpers.js';

const EXT = 'com.example.mailchimp';
const VALUES = { MAILCHIMP_API_KEY: 'mc-secret-value-1', MAILCHIMP_LIST: 'mc-list-value-2' };
const at = { orgId: 'acme', scope: 'extension', id: EXT } as const;

describe.each(testDrivers())('extension secrets over HTTP (%s)', (driver) => {
  let vault: VaultTestServer;
  let server: TestServer;
  let owner: AdminClient;
  let auditor: AdminClient;
  /** Every answer of the test, to check that none carries a value. */
  const seen: unknown[] = [];
  const keep = <T>(answer: T) => {
    seen.push(answer);
    return answer;
  };
  const post = (path: string, body: unknown) =>
    fetch(`${server.url}/api/v1/extensions${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    vault = await startVaultTestServer();
    await vault.seed('kici/secrets/kiket/crm', { CRM_WEBHOOK_SECRET: 'crm-from-vault-3' });
    server = await startTestServer({ driver, env: { KICI_BACKEND_SYNC_TICK_MS: '3600000' } });
    owner = createAdminClient({ baseUrl: server.url, token: server.token });
    const { token } = await owner.tokens.create({ label: 'compliance', role: 'auditor' });
    auditor = createAdminClient({ baseUrl: server.url, token });
    await owner.extensions.catalog.put(EXT, {
      extension: {
        configuration: { MAILCHIMP_API_KEY: { secret: true, required: true, scope: 'extension' } },
      },
    });
    await owner.extensions.projects.put('acme', 'OPS');
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
    await vault?.stop();
  });

  it('sets many keys in one call and lists metadata only', async () => {
    const set = keep(await owner.extensions.secrets.set(at, VALUES));
    expect(
      set.secrets.map((s) => [s.key, s.masked_value_present, s.external, s.rotation_count]),
    ).toEqual([
      ['MAILCHIMP_API_KEY', true, false, 0],
      ['MAILCHIMP_LIST', true, false, 0],
    ]);
    const listed = keep(await owner.extensions.secrets.list(at));
    expect(listed).toMatchObject({ org_id: 'acme', scope: 'extension', id: EXT });
    expect(listed.secrets.map((s) => s.key)).toEqual(['MAILCHIMP_API_KEY', 'MAILCHIMP_LIST']);
    expect(listed.secrets[0]?.last_rotated_at).toBeNull();
  });

  it('writes nothing when one key of the batch is invalid (400 naming it)', async () => {
    const response = await post('/secrets', {
      org_id: 'acme',
      scope: 'project',
      id: 'OPS',
      secrets: { GOOD_KEY: 'good-value-4', 'bad-key': 'bad-value-5' },
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ code: 'invalid_input', field: 'secrets.bad-key' });
    expect(JSON.stringify(error)).not.toContain('value-');
    expect(
      (await owner.extensions.secrets.list({ orgId: 'acme', scope: 'project', id: 'OPS' })).secrets,
    ).toEqual([]);
  });

  it('answers 400 naming the field, and 404 naming a missing owner', async () => {
    const badScope = await post('/secrets', {
      org_id: 'acme',
      scope: 'global',
      secrets: { A: 'x' },
    });
    expect(badScope.status).toBe(400);
    expect(((await badScope.json()) as { error: { field: string } }).error.field).toBe('scope');
    const badId = await post('/secrets', {
      org_id: 'acme',
      scope: 'installation',
      id: 'OPS',
      secrets: { A: 'x' },
    });
    expect(((await badId.json()) as { error: unknown }).error).toMatchObject({
      field: 'id',
      message: expect.stringContaining('PROJECT_KEY/extension.id'),
    });
    const noOwner = await apiError(
      owner.extensions.secrets.set(
        { orgId: 'acme', scope: 'project', id: 'NOPE' },
        { A: 'a-value-6' },
      ),
    );
    expect(noOwner).toMatchObject({ status: 404, message: 'Project NOPE of org acme not found' });
  });

  it('rotates a stored key: the count and time move; an unknown key is 404', async () => {
    const rotated = keep(
      await owner.extensions.secrets.rotate(at, 'MAILCHIMP_LIST', 'mc-list-value-7'),
    );
    expect(rotated.secret).toMatchObject({ key: 'MAILCHIMP_LIST', rotation_count: 1 });
    expect(rotated.secret.last_rotated_at).not.toBeNull();
    const again = keep(
      await owner.extensions.secrets.set(at, { MAILCHIMP_LIST: 'mc-list-value-8' }),
    );
    expect(again.secrets[0]?.rotation_count).toBe(2);
    expect(
      (await apiError(owner.extensions.secrets.rotate(at, 'NOT_THERE', 'x-value-9'))).status,
    ).toBe(404);
  });

  it('links a key to the only Vault backend, stores only the reference, refuses to rotate it', async () => {
    await expect(
      apiError(
        owner.extensions.secrets.link(
          { orgId: 'acme', scope: 'project', id: 'OPS' },
          'CRM_WEBHOOK_SECRET',
          { external_secret_name: 'kiket/crm' },
        ),
      ),
    ).resolves.toMatchObject({ status: 400, field: 'backend' });
    await owner.backends.add({
      name: 'openbao-prod',
      backendType: 'vault',
      config: {
        url: vault.url,
        authMethod: 'approle',
        roleId: vault.roleId,
        secretId: vault.secretId,
      },
    });
    const linked = keep(
      await owner.extensions.secrets.link(
        { orgId: 'acme', scope: 'project', id: 'OPS' },
        'CRM_WEBHOOK_SECRET',
        { external_secret_name: 'kiket/crm' },
      ),
    );
    expect(linked.secret).toMatchObject({
      key: 'CRM_WEBHOOK_SECRET',
      masked_value_present: false,
      external: true,
      external_backend: 'openbao-prod',
      external_secret_name: 'kiket/crm',
      external_key: 'CRM_WEBHOOK_SECRET',
    });
    const refused = await apiError(
      owner.extensions.secrets.rotate(
        { orgId: 'acme', scope: 'project', id: 'OPS' },
        'CRM_WEBHOOK_SECRET',
        'new-value-10',
      ),
    );
    expect(refused).toMatchObject({
      status: 409,
      message: expect.stringContaining('rotate it in openbao-prod'),
    });
  });

  it('reports a linked key of an unreachable backend naming backend and path', async () => {
    await owner.extensions.catalog.put(
      'com.example.crm',
      'extension:\n  configuration:\n    CRM_WEBHOOK_SECRET: {required: true}\n',
    );
    await owner.extensions.installations.put('acme', 'OPS', 'com.example.crm');
    const ok = keep(await owner.extensions.installations.status('acme', 'OPS', 'com.example.crm'));
    expect(ok.fields[0]).toMatchObject({ status: 'ok', source: { scope: 'project', id: 'OPS' } });
    await vault.control({ op: 'seal' });
    try {
      const down = keep(
        await owner.extensions.installations.status('acme', 'OPS', 'com.example.crm'),
      );
      expect(down.ready).toBe(false);
      expect(down.fields[0]?.status).toBe('error');
      expect(down.fields[0]?.message).toMatch(/openbao-prod.*kiket\/crm/);
      const refused = await apiError(
        owner.extensions.installations.enable('acme', 'OPS', 'com.example.crm'),
      );
      expect(refused).toMatchObject({
        status: 409,
        message: expect.stringContaining('unreadable CRM_WEBHOOK_SECRET'),
      });
    } finally {
      await vault.control({ op: 'unseal' });
    }
  });

  it('lets the auditor list metadata but not set (403 naming the permission)', async () => {
    expect((await auditor.extensions.secrets.list(at)).secrets.length).toBe(2);
    const denied = await apiError(
      auditor.extensions.secrets.set(at, { MAILCHIMP_LIST: 'auditor-value-11' }),
    );
    expect(denied).toMatchObject({
      status: 403,
      message: "Permission denied: this token's role lacks secret.write",
    });
    expect(
      (await apiError(auditor.extensions.secrets.delete(at, 'MAILCHIMP_LIST'))).message,
    ).toContain('secret.delete');
  });

  it('deletes a key; a second delete is 404', async () => {
    keep(await owner.extensions.secrets.delete(at, 'MAILCHIMP_LIST'));
    expect((await owner.extensions.secrets.list(at)).secrets.map((s) => s.key)).toEqual([
      'MAILCHIMP_API_KEY',
    ]);
    expect((await apiError(owner.extensions.secrets.delete(at, 'MAILCHIMP_LIST'))).status).toBe(
      404,
    );
  });

  it('audits every change with scope, key and external flag, and never a value', async () => {
    const { entries } = await owner.audit({ limit: 1000 });
    const actions = new Set(entries.map((entry) => entry.action));
    for (const action of [
      'ext.secret.set',
      'ext.secret.rotate',
      'ext.secret.link',
      'ext.secret.delete',
    ])
      expect(actions).toContain(action);
    const link = entries.find(
      (entry) => entry.action === 'ext.secret.link' && entry.outcome === 'success',
    );
    expect(link?.metadata).toMatchObject({
      scope: 'project',
      id: 'OPS',
      key: 'CRM_WEBHOOK_SECRET',
      external: true,
    });
    const everything = JSON.stringify([entries, seen]) + server.output();
    for (const value of [
      ...Object.values(VALUES),
      'mc-list-value-7',
      'mc-list-value-8',
      'crm-from-vault-3',
      'auditor-value-11',
      'good-value-4',
    ]) {
      expect(everything).not.toContain(value);
    }
  });
});
