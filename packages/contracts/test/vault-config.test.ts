// The one Vault backend config schema: every rule accepts and refuses, and every refusal
// names the field, never the value; the admin API's bodies carry it as their `config`.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  AddBackendBodySchema,
  checkVaultPath,
  namedVaultConfigSchema,
  TestBackendBodySchema,
  VAULT_FIELD_NAMES,
  VaultConfigSchema,
  vaultConfigSchema,
} from '../src/index.js';
import { accepted, rejection } from './issues.js';

const token = { url: 'https://vault.example.com:8200', authMethod: 'token', token: 'hvs.abc' };
const approle = { url: 'http://vault:8200', authMethod: 'approle', roleId: 'r', secretId: 's' };
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('VaultConfigSchema', () => {
  it.each([
    ['token auth', token],
    ['approle auth', approle],
    ['a namespace, mount and base path', { ...token, namespace: 'team-a', mountPath: 'kv/ci' }],
    ["the mount's root as base path", { ...token, basePath: '' }],
    ['an empty namespace', { ...token, namespace: '' }],
    ['a CA with an https url', { ...token, caCert: PEM }],
    ['the shortest and longest timeouts', { ...token, timeoutMs: 100 }],
    ['the longest timeout', { ...token, timeoutMs: 120_000 }],
    ['a credential of 4096 characters', { ...token, token: 'x'.repeat(4096) }],
    ['the other method’s credential', { ...approle, token: 'ignored' }],
  ])('accepts %s', (_, input) => {
    expect(rejection(VaultConfigSchema, input)).toBeUndefined();
  });

  it('trims slashes of paths and the url, and fills in no default', () => {
    expect(
      accepted(VaultConfigSchema, {
        ...token,
        url: 'http://vault:8200/',
        namespace: 'team-a/',
        mountPath: '/kv/',
        basePath: '/',
      }),
    ).toEqual({
      ...token,
      url: 'http://vault:8200',
      namespace: 'team-a',
      mountPath: 'kv',
      basePath: '',
    });
  });

  it.each([
    [{ ...token, url: 'ftp://vault' }, 'url', 'expected an http:// or https:// URL'],
    [{ ...token, url: 'https://user:pw@vault' }, 'url', 'without credentials, query or fragment'],
    [{ ...token, url: 'https://vault/?x=1' }, 'url', 'without credentials, query or fragment'],
    [{ ...token, url: 'https://vault/#top' }, 'url', 'without credentials, query or fragment'],
    [{ ...token, url: 42 }, 'url', 'expected an http:// or https:// URL'],
    [{ authMethod: 'token', token: 't' }, 'url', 'expected an http:// or https:// URL'],
    [{ ...token, authMethod: 'ldap' }, 'authMethod', 'expected token or approle'],
    [{ url: token.url, token: 't' }, 'authMethod', 'expected token or approle'],
    [{ ...token, token: undefined }, 'token', 'required when authMethod is token'],
    [{ ...token, token: 'has space' }, 'token', 'expected printable ASCII without spaces'],
    [{ ...token, token: 'x'.repeat(4097) }, 'token', 'expected at most 4096 characters'],
    [{ ...token, token: 5 }, 'token', 'expected a string'],
    [{ ...approle, roleId: undefined }, 'roleId', 'required when authMethod is approle'],
    [{ ...approle, secretId: undefined }, 'secretId', 'required when authMethod is approle'],
    [{ ...approle, secretId: 'tab\there' }, 'secretId', 'expected printable ASCII'],
    [{ ...token, namespace: 'a?b' }, 'namespace', 'invalid path: segment 1 contains "?"'],
    [{ ...token, mountPath: '' }, 'mountPath', 'invalid path: is empty'],
    [{ ...token, mountPath: '/' }, 'mountPath', 'invalid path: is empty'],
    [{ ...token, basePath: 'kici/../x' }, 'basePath', 'invalid path: segment 2 is ".."'],
    [{ ...token, basePath: 'a%2Fb' }, 'basePath', 'invalid path: segment 1 contains "%"'],
    [{ ...token, caCert: 'nope' }, 'caCert', 'expected PEM certificates'],
    [{ ...approle, caCert: PEM }, 'caCert', 'only applies to an https:// url'],
    [{ ...token, timeoutMs: 99 }, 'timeoutMs', 'expected an integer from 100 to 120000'],
    [{ ...token, timeoutMs: 120_001 }, 'timeoutMs', 'expected an integer from 100 to 120000'],
    [{ ...token, timeoutMs: 1000.5 }, 'timeoutMs', 'expected an integer from 100 to 120000'],
    [{ ...token, timeoutMs: '1000' }, 'timeoutMs', 'expected an integer from 100 to 120000'],
    [{ ...token, mountpath: 'kv' }, 'mountpath', 'unknown field'],
    [{ ...token, name: 'x' }, 'name', 'unknown field'],
  ])('%# refuses, naming %s', (input, field, expected) => {
    const error = rejection(VaultConfigSchema, input);
    expect(error?.field).toBe(field);
    expect(error?.message).toBe(`${field}: ${error?.message.slice(field.length + 2)}`);
    expect(error?.message).toContain(expected);
  });

  it('refuses what is not an object', () => {
    expect(rejection(VaultConfigSchema, 'x')?.message).toBe('config: expected an object');
    expect(rejection(VaultConfigSchema, null)?.message).toBe('config: expected an object');
  });

  it('never echoes a value', () => {
    for (const input of [
      { ...token, token: 'hvs.SECRET VALUE' },
      { ...token, url: 'https://SECRET:pw@vault' },
      { ...token, basePath: 'SECRET/../x' },
    ]) {
      expect(rejection(VaultConfigSchema, input)?.message).not.toContain('SECRET');
    }
  });
});

describe('labels and the name', () => {
  it('names fields by their labels, in cross-field rules too', () => {
    const labels = { ...VAULT_FIELD_NAMES, url: 'KICI_VAULT_URL', token: 'KICI_VAULT_TOKEN' };
    const schema = vaultConfigSchema({ ...labels, authMethod: 'KICI_VAULT_AUTH_METHOD' });
    const message = (input: unknown) => v.safeParse(schema, input).issues?.[0]?.message;
    expect(message({ ...token, url: 'x' })).toBe(
      'KICI_VAULT_URL: expected an http:// or https:// URL without credentials, query or fragment',
    );
    expect(message({ ...token, token: undefined })).toBe(
      'KICI_VAULT_TOKEN: required when KICI_VAULT_AUTH_METHOD is token',
    );
  });

  it('namedVaultConfigSchema requires a name of letters, digits, ".", "_" or "-"', () => {
    const named = namedVaultConfigSchema();
    expect(accepted(named, { ...token, name: 'Vault_1.prod' }).name).toBe('Vault_1.prod');
    expect(rejection(named, token)?.message).toBe('name: expected a backend name');
    expect(rejection(named, { ...token, name: 'bad:name' })?.message).toContain(
      'name: expected 1 to 63 letters',
    );
  });
});

describe('the admin API bodies', () => {
  const body = { name: 'openbao-prod', backendType: 'vault', config: token };

  it('POST /backends takes a vault config, left to the backend kind to check', () => {
    expect(accepted(AddBackendBodySchema, body).config).toEqual(token);
    // The server's backend kind refuses it (400 naming config's field), after the permission.
    const bad = { ...body, config: { ...token, url: 'ftp://x' } };
    expect(rejection(AddBackendBodySchema, bad)).toBeUndefined();
    expect(rejection(VaultConfigSchema, bad.config)?.field).toBe('url');
    expect(rejection(AddBackendBodySchema, { ...body, config: 'x' })?.message).toBe(
      'config: expected an object',
    );
    expect(rejection(AddBackendBodySchema, { ...body, backendType: 'consul' })?.message).toBe(
      'backendType: expected vault or gsm',
    );
  });

  it('POST /backends/test takes a config before registering it, or none', () => {
    expect(accepted(TestBackendBodySchema, { name: 'x' })).toEqual({ name: 'x' });
    expect(accepted(TestBackendBodySchema, { name: 'x', config: approle }).config).toEqual(approle);
    expect(rejection(TestBackendBodySchema, { name: 'x', config: 5 })?.message).toBe(
      'config: expected an object',
    );
  });
});

describe('checkVaultPath', () => {
  it('splits a path into checked segments, or says why not', () => {
    expect(checkVaultPath('aws/prod')).toEqual(['aws', 'prod']);
    expect(checkVaultPath('', true)).toEqual([]);
    expect(checkVaultPath('')).toEqual({ problem: 'is empty' });
    expect(checkVaultPath('a/\u0007')).toEqual({
      problem: 'segment 2 contains control character U+0007',
    });
    expect(checkVaultPath(`${'x'.repeat(256)}`)).toEqual({
      problem: 'segment 1 is longer than 255 characters',
    });
    expect(checkVaultPath('x/'.repeat(600))).toEqual({ problem: 'is longer than 1024 characters' });
  });
});
