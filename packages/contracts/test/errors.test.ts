import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  CreateTokenBodySchema,
  ERROR_CODES,
  ErrorBodySchema,
  errorBody,
  isErrorCode,
  ListScopesResponseSchema,
  SecretParamsSchema,
  SetConfigBodySchema,
  SetSecretBodySchema,
  UNAUTHORIZED_MESSAGE,
  validationError,
} from '../src/index.js';

function errorFor(schema: v.GenericSchema, input: unknown, root?: string) {
  const result = v.safeParse(schema, input);
  if (result.success) throw new Error('expected a rejection');
  return validationError(result.issues, root);
}

describe('ERROR_CODES', () => {
  it('maps every code to its HTTP status', () => {
    expect(ERROR_CODES).toEqual({
      invalid_input: 400,
      unauthorized: 401,
      forbidden: 403,
      not_found: 404,
      conflict: 409,
      payload_too_large: 413,
      rate_limited: 429,
      internal: 500,
      backend_unavailable: 503,
      not_ready: 503,
    });
    expect(UNAUTHORIZED_MESSAGE).toBe('Invalid or expired token');
    expect(isErrorCode('forbidden')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('timeout')).toBe(false);
  });

  it('builds and validates error bodies', () => {
    const body = errorBody('forbidden', 'Permission denied: secret.reveal');
    expect(body).toEqual({
      error: { code: 'forbidden', message: 'Permission denied: secret.reveal' },
    });
    expect(v.parse(ErrorBodySchema, body)).toEqual(body);
    const withField = errorBody('invalid_input', 'key: expected upper snake case', 'key');
    expect(v.parse(ErrorBodySchema, withField).error.field).toBe('key');
    expect(v.safeParse(ErrorBodySchema, { error: { code: 'oops', message: 'x' } }).success).toBe(
      false,
    );
    expect(v.safeParse(ErrorBodySchema, { error: { code: 'internal' } }).success).toBe(false);
  });

  it('carries status, code and field on ApiError', () => {
    const error = new ApiError({ status: 404, code: 'not_found', message: 'No such secret' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ApiError');
    expect(error.message).toBe('No such secret');
    expect(error.field).toBeUndefined();
    expect('field' in error).toBe(false);
    expect(
      new ApiError({ status: 0, code: 'invalid_input', message: 'x', field: 'a.b' }).field,
    ).toBe('a.b');
  });
});

describe('validationError', () => {
  it('names the first failing field by its dotted path', () => {
    const response = {
      orgId: 'acme',
      scopes: [
        {
          scope: 'pg:a',
          backend: 'pg',
          path: 'a',
          secretCount: 1,
          updatedAt: '2025-01-01T00:00:00Z',
        },
        {
          scope: 'pg:b',
          backend: 'pg',
          path: 'b',
          secretCount: -1,
          updatedAt: '2025-01-01T00:00:00Z',
        },
      ],
    };
    expect(errorFor(ListScopesResponseSchema, response)).toEqual({
      code: 'invalid_input',
      message: 'scopes.1.secretCount: expected an integer >= 0',
      field: 'scopes.1.secretCount',
    });
  });

  it('says which field is missing and which is unknown', () => {
    expect(errorFor(SecretParamsSchema, { orgId: 'acme', scope: 'production' })).toEqual({
      code: 'invalid_input',
      message: 'key: required',
      field: 'key',
    });
    expect(errorFor(SetSecretBodySchema, { value: 'x', valeu: 'y' })).toEqual({
      code: 'invalid_input',
      message: 'valeu: unknown field',
      field: 'valeu',
    });
  });

  it('names the whole input `root` when it is not even an object', () => {
    expect(errorFor(SetSecretBodySchema, 'p4ssw0rd', 'body')).toEqual({
      code: 'invalid_input',
      message: 'body: expected an object',
    });
    expect(errorFor(SetSecretBodySchema, null).message).toBe('input: expected an object');
  });

  it('never echoes the received value, unlike valibot’s own messages', () => {
    const secret = 'sk_live_0123456789abcdef';
    const cases: [v.GenericSchema, unknown][] = [
      [SetSecretBodySchema, secret],
      [SetSecretBodySchema, { value: secret, [`${secret}/x`]: 1 }],
      [SecretParamsSchema, { orgId: secret, scope: `pg:${secret}/..`, key: secret }],
      [CreateTokenBodySchema, { label: 'x', role: secret }],
      [SetConfigBodySchema, { value: { nested: [secret, Number.NaN] } }],
    ];
    for (const [schema, input] of cases) {
      const result = v.safeParse(schema, input);
      expect(result.success).toBe(false);
      const { message } = validationError(result.issues ?? []);
      expect(message).not.toContain('sk_live');
    }
  });

  it('names an unknown key when it looks like a field name, and only then', () => {
    expect(errorFor(SetSecretBodySchema, { value: 'x', extra: 1 }).field).toBe('extra');
    expect(errorFor(SetSecretBodySchema, { value: 'x', 'sk_live 0123/abc': 1 }, 'body')).toEqual({
      code: 'invalid_input',
      message: 'body: has an unknown field',
    });
  });

  it('reports the role options for a bad role', () => {
    expect(errorFor(CreateTokenBodySchema, { label: 'ci', role: 'root' })).toEqual({
      code: 'invalid_input',
      message: 'role: expected one of owner, admin, auditor',
      field: 'role',
    });
  });

  it('rejects a token expiry in the past', () => {
    expect(
      errorFor(CreateTokenBodySchema, {
        label: 'ci',
        role: 'admin',
        expiresAt: '2020-01-01T00:00:00Z',
      }),
    ).toEqual({
      code: 'invalid_input',
      message: 'expiresAt: expected a date-time in the future',
      field: 'expiresAt',
    });
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const body = v.parse(CreateTokenBodySchema, { label: 'ci', role: 'admin', expiresAt: future });
    expect(body.expiresAt).toEqual(new Date(future));
  });
});
