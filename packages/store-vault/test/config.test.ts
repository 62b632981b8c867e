// Configuration from the admin API (validateVaultConfig) and from KICI_VAULT_* (parseVaultEnv):
// defaults, and errors naming the field or variable, never its value.
import { KiciError } from '@kici/core';
import { describe, expect, it } from 'vitest';
import { parseVaultEnv, validateVaultConfig } from '../src/index.js';

const base = {
  name: 'openbao-prod',
  url: 'https://vault.example.com:8200',
  authMethod: 'token',
  token: 'hvs.abc',
};

const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as KiciError;
  }
  throw new Error('expected an error');
};

describe('validateVaultConfig', () => {
  it('fills in the defaults', () => {
    expect(validateVaultConfig(base)).toEqual({
      name: 'openbao-prod',
      url: 'https://vault.example.com:8200',
      authMethod: 'token',
      token: 'hvs.abc',
      mountPath: 'secret',
      basePath: 'kici/secrets',
      timeoutMs: 5000,
    });
  });

  it('keeps what is given, trims slashes of paths and the URL', () => {
    const config = validateVaultConfig({
      name: 'openbao-prod',
      url: 'http://vault:8200/',
      authMethod: 'approle',
      roleId: 'role',
      secretId: 'secret',
      token: 'ignored-with-approle',
      namespace: 'team-a/',
      mountPath: '/kv/',
      basePath: '/',
      timeoutMs: 2000,
    });
    expect(config).toEqual({
      name: 'openbao-prod',
      url: 'http://vault:8200',
      authMethod: 'approle',
      roleId: 'role',
      secretId: 'secret',
      namespace: 'team-a',
      mountPath: 'kv',
      basePath: '',
      timeoutMs: 2000,
    });
  });

  it.each([
    [{ ...base, url: 'ftp://vault' }, 'url', 'expected an http:// or https:// URL'],
    [{ ...base, url: 'https://user:pw@vault' }, 'url', 'without credentials'],
    [{ ...base, url: 'https://vault/?x=1' }, 'url', 'without credentials, query or fragment'],
    [{ ...base, authMethod: 'ldap' }, 'authMethod', 'expected token or approle'],
    [{ ...base, token: undefined }, 'token', 'required when authMethod is token'],
    [{ ...base, token: 'has space' }, 'token', 'expected printable ASCII'],
    [
      { ...base, authMethod: 'approle', token: undefined, secretId: 's' },
      'roleId',
      'required when authMethod is approle',
    ],
    [
      { ...base, authMethod: 'approle', roleId: 'r' },
      'secretId',
      'required when authMethod is approle',
    ],
    [{ ...base, mountPath: '' }, 'mountPath', 'invalid path: is empty'],
    [{ ...base, basePath: 'kici/../x' }, 'basePath', 'segment 2 is ".."'],
    [{ ...base, namespace: 'a?b' }, 'namespace', 'contains "?"'],
    [{ ...base, timeoutMs: 10 }, 'timeoutMs', 'expected an integer from 100 to 120000'],
    [{ ...base, caCert: 'nope' }, 'caCert', 'expected PEM certificates'],
    [
      { ...base, url: 'http://vault', caCert: '-----BEGIN CERTIFICATE-----' },
      'caCert',
      'only applies to an https:// url',
    ],
    [{ ...base, name: 'bad:name' }, 'name', 'expected 1 to 63 letters'],
    [{ ...base, mountpath: 'kv' }, 'mountpath', 'unknown field'],
  ])('%# names the field: %s', (input, field, expected) => {
    const error = errorOf(() => validateVaultConfig(input));
    expect(error).toBeInstanceOf(KiciError);
    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe(field);
    expect(error.message).toContain(`${field}: `);
    expect(error.message).toContain(expected);
  });

  it('never echoes a value', () => {
    const error = errorOf(() => validateVaultConfig({ ...base, token: 'hvs.SECRET VALUE' }));
    expect(error.message).not.toContain('SECRET');
    expect(errorOf(() => validateVaultConfig('x')).message).toBe('config: expected an object');
  });
});

describe('parseVaultEnv', () => {
  const env = {
    KICI_VAULT_URL: 'https://vault.example.com:8200',
    KICI_VAULT_AUTH_METHOD: 'token',
    KICI_VAULT_TOKEN: 'hvs.x',
  };

  it('is undefined without KICI_VAULT_URL (or with it empty)', () => {
    expect(parseVaultEnv({})).toBeUndefined();
    expect(parseVaultEnv({ KICI_VAULT_URL: ' ', KICI_VAULT_TOKEN: 'x' })).toBeUndefined();
  });

  it('reads every variable, with the documented defaults', () => {
    expect(parseVaultEnv(env)).toEqual({
      name: 'vault',
      url: 'https://vault.example.com:8200',
      authMethod: 'token',
      token: 'hvs.x',
      mountPath: 'secret',
      basePath: 'kici/secrets',
      timeoutMs: 5000,
    });
    expect(
      parseVaultEnv({
        KICI_VAULT_URL: 'http://127.0.0.1:8200',
        KICI_VAULT_AUTH_METHOD: 'approle',
        KICI_VAULT_ROLE_ID: 'role',
        KICI_VAULT_SECRET_ID: 'secret',
        KICI_VAULT_NAMESPACE: 'team-a',
        KICI_VAULT_MOUNT_PATH: 'kv',
        KICI_VAULT_BASE_PATH: 'ci/secrets',
      }),
    ).toMatchObject({
      authMethod: 'approle',
      roleId: 'role',
      secretId: 'secret',
      namespace: 'team-a',
      mountPath: 'kv',
      basePath: 'ci/secrets',
    });
  });

  it.each([
    [
      { ...env, KICI_VAULT_AUTH_METHOD: undefined },
      'KICI_VAULT_AUTH_METHOD',
      'KICI_VAULT_AUTH_METHOD: expected token or approle',
    ],
    [
      { ...env, KICI_VAULT_AUTH_METHOD: 'userpass' },
      'KICI_VAULT_AUTH_METHOD',
      'KICI_VAULT_AUTH_METHOD: expected token or approle',
    ],
    [
      { ...env, KICI_VAULT_TOKEN: '' },
      'KICI_VAULT_TOKEN',
      'KICI_VAULT_TOKEN: required when KICI_VAULT_AUTH_METHOD is token',
    ],
    [
      { ...env, KICI_VAULT_AUTH_METHOD: 'approle', KICI_VAULT_SECRET_ID: 's' },
      'KICI_VAULT_ROLE_ID',
      'KICI_VAULT_ROLE_ID: required when KICI_VAULT_AUTH_METHOD is approle',
    ],
    [
      { ...env, KICI_VAULT_AUTH_METHOD: 'approle', KICI_VAULT_ROLE_ID: 'r' },
      'KICI_VAULT_SECRET_ID',
      'KICI_VAULT_SECRET_ID: required when KICI_VAULT_AUTH_METHOD is approle',
    ],
    [
      { ...env, KICI_VAULT_URL: 'vault.example.com' },
      'KICI_VAULT_URL',
      'KICI_VAULT_URL: expected an http:// or https:// URL',
    ],
    [
      { ...env, KICI_VAULT_MOUNT_PATH: 'a/../b' },
      'KICI_VAULT_MOUNT_PATH',
      'KICI_VAULT_MOUNT_PATH: invalid path: segment 2 is ".."',
    ],
    [
      { ...env, KICI_VAULT_BASE_PATH: 'a#b' },
      'KICI_VAULT_BASE_PATH',
      'KICI_VAULT_BASE_PATH: invalid path: segment 1 contains "#"',
    ],
    [
      { ...env, KICI_VAULT_NAMESPACE: 'a%2Fb' },
      'KICI_VAULT_NAMESPACE',
      'KICI_VAULT_NAMESPACE: invalid path: segment 1 contains "%"',
    ],
  ])('%# names the variable', (input, variable, message) => {
    const error = errorOf(() => parseVaultEnv(input));
    expect(error.field).toBe(variable);
    expect(error.message).toContain(message);
  });
});
