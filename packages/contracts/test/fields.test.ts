import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  ConfigKeySchema,
  DEFAULT_MAX_SECRET_BYTES,
  OrgIdSchema,
  RoleSchema,
  SecretKeySchema,
  secretValueSchema,
  TokenLabelSchema,
} from '../src/index.js';
import { accepted, rejection } from './issues.js';

describe('OrgIdSchema', () => {
  it.each(['acme', 'a', 'Org_1.prod-eu'])('accepts %s', (id) => {
    expect(accepted(OrgIdSchema, id)).toBe(id);
  });

  it('accepts 128 characters and rejects 129', () => {
    expect(accepted(OrgIdSchema, 'x'.repeat(128))).toHaveLength(128);
    expect(rejection(OrgIdSchema, 'x'.repeat(129))?.message).toBe(
      'orgId: expected 1-128 characters',
    );
  });

  it.each([
    ['', '1-128'],
    ['-acme', 'starting with a letter or digit'],
    ['.hidden', 'starting with a letter or digit'],
    ['acme corp', 'letters, digits'],
    ['acme/prod', 'letters, digits'],
  ])('rejects %j, naming orgId', (id, expected) => {
    const error = rejection(OrgIdSchema, id);
    expect(error?.message).toMatch(/^orgId: expected /);
    expect(error?.message).toContain(expected);
  });

  it('rejects a non-string without quoting it', () => {
    expect(rejection(OrgIdSchema, 42)?.message).toBe('orgId: expected a string');
  });
});

describe('SecretKeySchema', () => {
  it.each(['KICI_DATABASE_URL', 'DB_PASSWORD', 'A', 'X9', 'K_1_'])('accepts %s', (key) =>
    expect(accepted(SecretKeySchema, key)).toBe(key),
  );

  it.each(['db_password', 'Db_Password', '1PASSWORD', '_PASSWORD', 'DB-PASSWORD', 'DB PASSWORD'])(
    'rejects %s as not upper snake case',
    (key) => {
      expect(rejection(SecretKeySchema, key)?.message).toBe(
        'key: expected upper snake case, e.g. DB_PASSWORD',
      );
    },
  );

  it('rejects empty and over-long keys', () => {
    expect(rejection(SecretKeySchema, '')?.message).toBe('key: expected 1-128 characters');
    expect(rejection(SecretKeySchema, 'A'.repeat(129))?.message).toBe(
      'key: expected 1-128 characters',
    );
  });
});

describe('secretValueSchema', () => {
  it('defaults to 65536 bytes', () => {
    expect(DEFAULT_MAX_SECRET_BYTES).toBe(65536);
    expect(accepted(secretValueSchema(), 'x'.repeat(65536))).toHaveLength(65536);
    expect(rejection(secretValueSchema(), 'x'.repeat(65537))?.message).toBe(
      'value: expected at most 65536 bytes',
    );
  });

  it('counts UTF-8 bytes, not characters', () => {
    const schema = secretValueSchema(8);
    expect(accepted(schema, 'éééé')).toBe('éééé'); // 4 characters, 8 bytes
    expect(rejection(schema, 'ééééé')?.message).toBe('value: expected at most 8 bytes'); // 10 bytes
    expect(rejection(secretValueSchema(3), '🔑')?.message).toBe('value: expected at most 3 bytes');
    expect(accepted(secretValueSchema(4), '🔑')).toBe('🔑');
  });

  it('never repeats the value, even in valibot’s own error', () => {
    const secret = 'hunter2-super-secret-password';
    const schema = secretValueSchema(10);
    const error = rejection(schema, secret);
    expect(error).toEqual({
      code: 'invalid_input',
      message: 'value: expected at most 10 bytes',
      field: 'value',
    });
    expect(() => v.parse(schema, secret)).toThrow('value: expected at most 10 bytes');
    try {
      v.parse(schema, secret);
    } catch (thrown) {
      expect(String(thrown)).not.toContain(secret);
    }
  });

  it('rejects an empty value and a non-string', () => {
    expect(rejection(secretValueSchema(), '')?.message).toBe('value: expected a non-empty string');
    expect(rejection(secretValueSchema(), 12345)?.message).toBe('value: expected a string');
  });
});

describe('RoleSchema', () => {
  it.each(['owner', 'admin', 'auditor'])('accepts %s', (role) => {
    expect(accepted(RoleSchema, role)).toBe(role);
  });

  it.each(['member', 'Owner', '', 'root'])('rejects %j', (role) => {
    expect(rejection(RoleSchema, role)?.message).toBe(
      'role: expected one of owner, admin, auditor',
    );
  });
});

describe('TokenLabelSchema', () => {
  it.each(['ci-operator', 'Alice laptop', 'a', 'deploy.bot_2', 'x'.repeat(64)])(
    'accepts %j',
    (label) => expect(accepted(TokenLabelSchema, label)).toBe(label),
  );

  it.each([
    ['', 'label: expected 1-64 characters'],
    ['65 characters'.padEnd(65, '.'), 'label: expected 1-64 characters'],
    [' leading', 'label: expected letters, digits, spaces'],
    ['tab\there', 'label: expected letters, digits, spaces'],
    ['semi;colon', 'label: expected letters, digits, spaces'],
  ])('rejects %j', (label, expected) => {
    expect(rejection(TokenLabelSchema, label)?.message).toContain(expected);
  });
});

describe('ConfigKeySchema', () => {
  it.each(['pgCustomerSecrets', 'a', 'feature.flag_x-1', 'K'.padEnd(128, 'k')])(
    'accepts %s',
    (key) => expect(accepted(ConfigKeySchema, key)).toBe(key),
  );

  it.each(['', '1abc', '_x', 'has space', 'a/b', 'K'.padEnd(129, 'k')])('rejects %j', (key) => {
    expect(rejection(ConfigKeySchema, key)?.message).toMatch(/^key: expected 1-128 letters/);
  });
});
