// The `vault` kind of core's backend registry: it validates a config (the registered name
// wins), summarizes it without a credential (the URL masked) and builds a live client.
import { KiciError } from '@kici/core';
import { describe, expect, it } from 'vitest';
import { vaultBackendType } from '../src/index.js';

const type = vaultBackendType(() => {});
const config = {
  url: 'https://vault.example.com:8200/behind/a/proxy/',
  authMethod: 'approle',
  roleId: 'role-SECRET',
  secretId: 'secret-SECRET',
  namespace: 'team-a',
  name: 'ignored',
};

describe('vaultBackendType', () => {
  it('validates a config under the registered name, filling in defaults', () => {
    expect(type.validate('openbao-prod', config)).toEqual({
      name: 'openbao-prod',
      url: 'https://vault.example.com:8200/behind/a/proxy',
      authMethod: 'approle',
      roleId: 'role-SECRET',
      secretId: 'secret-SECRET',
      namespace: 'team-a',
      mountPath: 'secret',
      basePath: 'kici/secrets',
      timeoutMs: 5000,
    });
  });

  it('refuses a bad config naming the field, never the value', () => {
    let error: unknown;
    try {
      type.validate('openbao-prod', { ...config, secretId: 'SECRET VALUE' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(KiciError);
    expect(error).toMatchObject({ code: 'invalid_input', field: 'secretId' });
    expect((error as Error).message).not.toContain('SECRET');
  });

  it('summarizes with the URL masked and no credential', () => {
    const summary = type.summarize(type.validate('openbao-prod', config));
    expect(summary).toEqual({
      url: 'https://vault.example.com:8200',
      authMethod: 'approle',
      namespace: 'team-a',
      mountPath: 'secret',
      basePath: 'kici/secrets',
    });
    expect(JSON.stringify(summary)).not.toContain('SECRET');
    const { namespace: _, ...plain } = config;
    expect(type.summarize(type.validate('dev', { ...plain, basePath: '' }))).not.toHaveProperty(
      'namespace',
    );
  });

  it('creates a read-only backend without dialling', () => {
    const backend = type.create(type.validate('openbao-prod', config), { warn: () => {} });
    expect(typeof backend.readScope).toBe('function');
    expect(typeof backend.check).toBe('function');
  });
});
