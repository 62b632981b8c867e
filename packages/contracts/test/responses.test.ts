import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuditResponseSchema,
  internalRoutes,
  ListKeysResponseSchema,
  ListTokensResponseSchema,
  RevealSecretResponseSchema,
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
      sources: { 'pg:a': { backend: 'pg', keys: ['A'] } },
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
    const extra = { 'pg:a': { backend: 'pg', keys: ['A'], value: 'hunter2' } };
    expect(shapeResponse(resolveSchema, { ...resolved, sources: extra })).toEqual(resolved);
    const misfit = () =>
      shapeResponse(resolveSchema, {
        ...resolved,
        sources: { 'pg:a': { backend: 'pg', keys: [1] } },
      } as never);
    expect(misfit).toThrow(ApiError);
    expect(misfit).toThrow(/sources\.pg:a\.keys\.0/);
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
