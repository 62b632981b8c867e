// The extension store's schemas and the admin client's `extensions` group.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  ListExtensionSecretsQuerySchema,
  PutCatalogBodySchema,
  PutProjectBodySchema,
  SetExtensionSecretsBodySchema,
  validationError,
} from '../src/index.js';
import { failure, T, useClientServer } from './client-fixtures.js';

const t = useClientServer();

const fieldOf = (schema: v.GenericSchema, input: unknown) => {
  const result = v.safeParse(schema, input);
  return result.success ? null : validationError(result.issues, 'body');
};

describe('extension scopes and ids', () => {
  it('accepts each scope with the id it expects', () => {
    const ok = [
      { scope: 'organization' },
      { scope: 'organization', id: 'acme' },
      { scope: 'project', id: 'OPS' },
      { scope: 'extension', id: 'com.example.mailchimp' },
      { scope: 'product_installation', id: 'com.example.suite' },
      { scope: 'installation', id: 'OPS/com.example.mailchimp' },
    ];
    for (const at of ok) {
      expect(fieldOf(ListExtensionSecretsQuerySchema, { org_id: 'acme', ...at }), at.scope).toBe(
        null,
      );
    }
  });

  it('names the id and what the scope expects when they do not fit', () => {
    const bad = [
      { scope: 'organization', id: 'other-org' },
      { scope: 'project', id: 'ops' },
      { scope: 'project' },
      { scope: 'extension', id: 'mailchimp' },
      { scope: 'extension', id: `com.${'a'.repeat(130)}` },
      { scope: 'installation', id: 'com.example.mailchimp' },
      { scope: 'installation', id: 'OPS/Com.Example' },
    ];
    for (const at of bad) {
      const error = fieldOf(ListExtensionSecretsQuerySchema, { org_id: 'acme', ...at });
      expect(error, JSON.stringify(at)).toMatchObject({ field: 'id' });
      expect(error?.message).toContain(`for scope ${at.scope}`);
    }
    expect(
      fieldOf(ListExtensionSecretsQuerySchema, { org_id: 'acme', scope: 'global' }),
    ).toMatchObject({ field: 'scope' });
  });

  it('names a bad key of a set, without repeating any value', () => {
    const error = fieldOf(SetExtensionSecretsBodySchema, {
      org_id: 'acme',
      scope: 'project',
      id: 'OPS',
      secrets: { GOOD_KEY: 'hunter2-value', bad_key: 'other-value' },
    });
    expect(error).toMatchObject({ field: 'secrets.bad_key' });
    expect(error?.message).not.toContain('value');
    expect(
      fieldOf(SetExtensionSecretsBodySchema, {
        org_id: 'acme',
        scope: 'project',
        id: 'OPS',
        secrets: {},
      }),
    ).toMatchObject({ message: 'secrets: expected at least one key' });
  });

  it('takes a manifest as text or as an object', () => {
    expect(v.is(PutCatalogBodySchema, { manifest: 'extension: {}' })).toBe(true);
    expect(v.is(PutCatalogBodySchema, { manifest: { extension: {} } })).toBe(true);
    expect(v.is(PutCatalogBodySchema, { manifest: 3 })).toBe(false);
  });

  it('refuses a project name that PostgreSQL text cannot hold or a terminal would act on', () => {
    expect(v.is(PutProjectBodySchema, { name: 'Operations – EU 😀' })).toBe(true);
    expect(fieldOf(PutProjectBodySchema, { name: 'a\u0000b' })).toMatchObject({
      message: 'name: expected no control character',
    });
    expect(fieldOf(PutProjectBodySchema, { name: 'bell\u0007' })).toMatchObject({
      message: 'name: expected no control character',
    });
    expect(fieldOf(PutProjectBodySchema, { name: 'x\ud800' })).toMatchObject({
      message: 'name: expected no lone surrogate',
    });
  });
});

describe('the extensions client', () => {
  const info = {
    key: 'API_KEY',
    scope: 'extension',
    id: 'com.example.mailchimp',
    masked_value_present: true,
    external: false,
    rotation_count: 0,
    last_rotated_at: null,
    created_at: T,
    created_by: 'token:t1',
    updated_at: T,
    updated_by: 'token:t1',
  };
  const at = { orgId: 'acme', scope: 'extension', id: 'com.example.mailchimp' } as const;

  it('sets many keys in one request and lists them', async () => {
    const answer = { org_id: 'acme', scope: 'extension', id: at.id, secrets: [info] };
    t.server.reply({ json: answer });
    await expect(t.client.extensions.secrets.set(at, { API_KEY: 'v1' })).resolves.toEqual(answer);
    expect(t.lastRequest()).toMatchObject({ method: 'POST', url: '/api/v1/extensions/secrets' });
    expect(JSON.parse(t.lastRequest().body)).toEqual({
      org_id: 'acme',
      scope: 'extension',
      id: at.id,
      secrets: { API_KEY: 'v1' },
    });
    t.server.reply({ json: answer });
    await t.client.extensions.secrets.list(at);
    expect(t.lastRequest().url).toBe(
      '/api/v1/extensions/secrets?org_id=acme&scope=extension&id=com.example.mailchimp',
    );
  });

  it('refuses bad input before any request', async () => {
    const before = t.server.requests.length;
    expect(
      await failure(t.client.extensions.secrets.set({ ...at, id: 'nope' }, { A: 'x' })),
    ).toMatchObject({ code: 'invalid_input', field: 'id' });
    expect(
      await failure(t.client.extensions.installations.enable('acme', 'ops', 'com.example.x')),
    ).toMatchObject({ field: 'projectKey' });
    expect(t.server.requests.length).toBe(before);
  });

  it('deletes with confirm and encodes the installation path', async () => {
    const deleted = {
      org_id: 'acme',
      project_key: 'OPS',
      extension_id: 'com.example.mailchimp',
      deleted: true,
      deleted_secrets: 2,
      deleted_installations: 1,
    };
    t.server.reply({ json: deleted });
    await expect(
      t.client.extensions.installations.delete('acme', 'OPS', 'com.example.mailchimp', {
        confirm: true,
      }),
    ).resolves.toEqual(deleted);
    expect(t.lastRequest()).toMatchObject({
      method: 'DELETE',
      url: '/api/v1/extensions/installations/acme/OPS/com.example.mailchimp?confirm=true',
    });
  });
});
