// Response schemas with rules of their own: rotate-key's message, config's JSON values, readyz.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  GetConfigResponseSchema,
  JsonValueSchema,
  ReadyzResponseSchema,
  RotateKeyResponseSchema,
  rotationMessage,
  routes,
  SetConfigBodySchema,
  shapeResponse,
} from '../src/index.js';

describe('rotate-key response', () => {
  it('spells the message as the product does', () => {
    expect(rotationMessage(12, 3)).toBe('Re-encrypted 12 secrets, 3 config versions');
    const ok = {
      reEncrypted: 12,
      reEncryptedConfigs: 3,
      keyVersion: 4,
      message: rotationMessage(12, 3),
    };
    expect(v.parse(RotateKeyResponseSchema, ok)).toEqual(ok);
  });

  it('rejects a message that disagrees with the counts', () => {
    const result = v.safeParse(RotateKeyResponseSchema, {
      reEncrypted: 12,
      reEncryptedConfigs: 3,
      keyVersion: 4,
      message: 'Re-encrypted 11 secrets, 3 config versions',
    });
    expect(result.success).toBe(false);
    expect(v.getDotPath(result.issues?.[0] as v.BaseIssue<unknown>)).toBe('message');
  });

  it('shapes a rotation result with extra fields', () => {
    expect(
      shapeResponse(RotateKeyResponseSchema, {
        reEncrypted: 0,
        reEncryptedConfigs: 0,
        keyVersion: 1,
        message: 'Re-encrypted 0 secrets, 0 config versions',
        durationMs: 12,
      } as v.InferInput<typeof RotateKeyResponseSchema>),
    ).toEqual({
      reEncrypted: 0,
      reEncryptedConfigs: 0,
      keyVersion: 1,
      message: 'Re-encrypted 0 secrets, 0 config versions',
    });
  });
});

describe('JSON values (config)', () => {
  it.each([
    ['a string', 'x'],
    ['a number', 1.5],
    ['false', false],
    ['null', null],
    ['an array', [1, 'a', null, [true]]],
    ['an object', { a: { b: [1, { c: 'd' }] } }],
  ])('accepts %s', (_, value) => {
    expect(v.parse(JsonValueSchema, value)).toEqual(value);
    expect(v.parse(SetConfigBodySchema, { value })).toEqual({ value });
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a Date', new Date()],
    ['a Map', new Map()],
    ['undefined inside an array', [undefined]],
    ['a function', () => 1],
  ])('rejects %s', (_, value) => {
    expect(v.safeParse(JsonValueSchema, value).success).toBe(false);
  });

  it('requires a value, which may be null', () => {
    expect(v.safeParse(SetConfigBodySchema, {}).success).toBe(false);
    expect(v.parse(SetConfigBodySchema, { value: null })).toEqual({ value: null });
  });

  it('carries the value in GET /config/:key', () => {
    const body = {
      key: 'pgCustomerSecrets',
      value: false,
      version: 2,
      updatedAt: '2025-05-01T10:00:00.000Z',
      updatedBy: 'ops',
    };
    expect(v.parse(GetConfigResponseSchema, body)).toEqual(body);
  });
});

describe('readyz', () => {
  it('describes both states', () => {
    for (const status of ['ready', 'not_ready']) {
      const body = { status, checks: { database: true, migrations: status === 'ready' } };
      expect(v.parse(ReadyzResponseSchema, body)).toEqual(body);
    }
    expect(routes.readyz.alsoAnswersWith).toEqual([503]);
  });
});
