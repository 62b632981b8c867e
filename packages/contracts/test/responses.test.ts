import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuditResponseSchema,
  GetConfigResponseSchema,
  internalRoutes,
  JsonValueSchema,
  ListKeysResponseSchema,
  ListTokensResponseSchema,
  ReadyzResponseSchema,
  RevealSecretResponseSchema,
  RotateKeyResponseSchema,
  rotationMessage,
  routes,
  SetConfigBodySchema,
  SetSecretResponseSchema,
  shapeResponse,
} from '../src/index.js';

const at = new Date('2025-05-01T10:00:00Z');

// What a store hands back: more than any response may carry.
const storedSecret = {
  id: 7,
  orgId: 'acme',
  scope: 'pg:production',
  key: 'DB_PASSWORD',
  ciphertext: new Uint8Array([1, 2, 3]),
  value: 'hunter2',
  keyVersion: 3,
  backendType: 'pg',
  createdAt: at,
  createdBy: 'bootstrap',
  updatedAt: at,
  updatedBy: 'ci-operator',
  rotationCount: 2,
  lastRotatedAt: null,
};

describe('shapeResponse', () => {
  it('drops every field the schema does not name, at every depth', () => {
    const body = shapeResponse(ListKeysResponseSchema, {
      orgId: 'acme',
      scope: 'production',
      keys: [storedSecret],
    });
    expect(body).toEqual({
      orgId: 'acme',
      scope: 'pg:production',
      keys: [
        {
          key: 'DB_PASSWORD',
          scope: 'pg:production',
          backendType: 'pg',
          keyVersion: 3,
          createdAt: '2025-05-01T10:00:00.000Z',
          createdBy: 'bootstrap',
          updatedAt: '2025-05-01T10:00:00.000Z',
          updatedBy: 'ci-operator',
          rotationCount: 2,
          lastRotatedAt: null,
        },
      ],
    });
    const json = JSON.stringify(body);
    expect(json).not.toContain('hunter2');
    expect(json).not.toContain('"value"');
    expect(json).not.toContain('ciphertext');
  });

  it('keeps the value only where the schema names one: reveal', () => {
    const revealed = shapeResponse(RevealSecretResponseSchema, storedSecret);
    expect(revealed).toEqual({
      orgId: 'acme',
      scope: 'pg:production',
      key: 'DB_PASSWORD',
      value: 'hunter2',
      updatedAt: '2025-05-01T10:00:00.000Z',
    });
    const written = shapeResponse(SetSecretResponseSchema, {
      ...storedSecret,
      valueLength: 7,
      created: true,
    });
    expect(written).not.toHaveProperty('value');
  });

  it('gives exactly what valibot parses from an answer that fits (the compiled pass)', () => {
    const keys = {
      orgId: 'acme',
      scope: 'production',
      keys: [
        { ...storedSecret, scope: 'staging' },
        {
          ...storedSecret,
          key: 'API_TOKEN',
          lastRotatedAt: at,
          createdAt: '2025-05-01T12:00:00+02:00',
        },
      ].map(({ id: _id, orgId: _org, ciphertext: _c, value: _v, ...row }) => row),
    };
    const audit = {
      entries: [
        {
          id: 1,
          at,
          actor: 'token:t1',
          action: 'secret.resolve',
          outcome: 'success',
          orgId: null,
          contextName: 'pg:production',
          routingKey: null,
          metadata: { keys: ['A', 'B'], nested: { n: 1, ok: true, none: null } },
        },
      ],
      limit: 50,
      offset: 0,
    };
    // The sealed dispatch answer: a bundle and where each key came from, never a value.
    const resolved = {
      runId: 'run-1',
      jobId: 'deploy',
      environment: 'production',
      runPublicKey: 'AQ==',
      bundle: 'c2VhbGVk',
      credential: 'kici_job_abc',
      credentialExpiresAt: '2025-05-01T16:00:00.000Z',
      sources: { A: { backend: 'pg', scope: 'pg:a' } },
    };
    const resolveSchema = internalRoutes['internal.resolve'].response;
    for (const [schema, data] of [
      [ListKeysResponseSchema, keys],
      [AuditResponseSchema, audit],
      [resolveSchema, resolved],
    ] as const) {
      expect(shapeResponse(schema as v.GenericSchema, data)).toEqual(v.parse(schema, data));
    }
    // Inside a record too: unknown fields (a value that slipped in) are dropped, and a misfit
    // is named by valibot.
    const extra = { A: { backend: 'pg', scope: 'pg:a', value: 'hunter2' } };
    expect(shapeResponse(resolveSchema, { ...resolved, sources: extra })).toEqual(resolved);
    const misfit = () =>
      shapeResponse(resolveSchema, {
        ...resolved,
        sources: { A: { ...resolved.sources.A, scope: 1 } },
      } as never);
    expect(misfit).toThrow(ApiError);
    expect(misfit).toThrow(/sources\.A\.scope/);
  });

  it('turns Dates into ISO strings and leaves JSON values alone', () => {
    const body = shapeResponse(AuditResponseSchema, {
      entries: [
        {
          id: 1,
          at,
          actor: 'ci-operator',
          action: 'rotateKey',
          outcome: 'success',
          orgId: null,
          contextName: null,
          routingKey: null,
          metadata: { reEncrypted: 3, reEncryptedConfigs: 1, nested: { keep: ['all', 1, null] } },
        },
      ],
      limit: 50,
      offset: 0,
    });
    expect(body.entries[0]?.at).toBe('2025-05-01T10:00:00.000Z');
    expect(body.entries[0]?.metadata).toEqual({
      reEncrypted: 3,
      reEncryptedConfigs: 1,
      nested: { keep: ['all', 1, null] },
    });
  });

  it('throws an internal ApiError naming the field, not the value', () => {
    let thrown: unknown;
    try {
      shapeResponse(RevealSecretResponseSchema, { ...storedSecret, updatedAt: 'not a date' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ status: 500, code: 'internal', field: 'updatedAt' });
    expect((thrown as ApiError).message).toBe(
      'Response does not match its schema: updatedAt: expected an ISO 8601 date-time with a time zone, e.g. 2025-01-31T09:00:00Z',
    );
    expect((thrown as ApiError).message).not.toContain('hunter2');
  });
});

describe('response schemas are strict', () => {
  it('reject an extra field, such as a value in a metadata response', () => {
    const body = {
      orgId: 'acme',
      scope: 'pg:production',
      key: 'DB_PASSWORD',
      valueLength: 7,
      updatedAt: '2025-05-01T10:00:00.000Z',
      created: false,
    };
    expect(v.safeParse(SetSecretResponseSchema, body).success).toBe(true);
    const leaky = v.safeParse(SetSecretResponseSchema, { ...body, value: 'hunter2' });
    expect(leaky.success).toBe(false);
    expect(leaky.issues?.[0]?.path?.[0]?.key).toBe('value');
  });

  it('reject a missing field', () => {
    const result = v.safeParse(ListTokensResponseSchema, {
      tokens: [
        {
          id: 't1',
          label: 'ci',
          role: 'admin',
          surface: 'cli',
          status: 'active',
          createdAt: '2025-05-01T10:00:00.000Z',
          createdBy: 'bootstrap',
          expiresAt: null,
          revokedAt: null,
        },
      ],
    });
    expect(result.success).toBe(false);
    expect(v.getDotPath(result.issues?.[0] as v.BaseIssue<unknown>)).toBe('tokens.0.lastUsedAt');
  });
});

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
