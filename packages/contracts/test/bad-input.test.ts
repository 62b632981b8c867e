import { describe, expect, it } from 'vitest';
import { ResolveTestRunBodySchema } from '../src/endpoints/resolve.js';
import {
  AuditQuerySchema,
  JsonValueSchema,
  SetConfigBodySchema,
  secretValueSchema,
  setVariableBodySchema,
} from '../src/index.js';
import { accepted, rejection } from './issues.js';

// Input that reached a 500 before issue 15: each must be refused naming its field.
const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe('bad input that once reached a 500', () => {
  it('refuses JSON nested thousands of levels deep without overflowing the stack', () => {
    expect(rejection(SetConfigBodySchema, { value: nested(10_000) })).toMatchObject({
      field: 'value',
      message: expect.stringMatching(/^value: expected JSON nested at most 64 levels/),
    });
    expect(accepted(JsonValueSchema, nested(63))).toEqual(nested(63));
  });

  it('refuses a NUL in a variable value but not in a secret value', () => {
    expect(rejection(setVariableBodySchema(), { value: 'a\u0000b' })).toMatchObject({
      field: 'value',
      message: 'value: expected no NUL character',
    });
    expect(accepted(secretValueSchema(), 'a\u0000b')).toBe('a\u0000b');
  });

  it('refuses a lone surrogate in a value, which would not round-trip', () => {
    for (const value of ['a\ud800b', '\udc00', 'x\ud83d']) {
      expect(rejection(secretValueSchema(), value)?.message).toMatch(
        /^value: expected well-formed/,
      );
      expect(rejection(setVariableBodySchema(), { value })?.field).toBe('value');
    }
    expect(accepted(secretValueSchema(), 'ok \ud83d\ude00')).toBe('ok \ud83d\ude00');
  });

  it('refuses a control character or lone surrogate in the routingKey filter', () => {
    for (const routingKey of ['\u0000', 'GET /a\u0007', 'a\ud800']) {
      expect(rejection(AuditQuerySchema, { routingKey })).toMatchObject({ field: 'routingKey' });
    }
  });

  it('refuses dates outside the years 0001-9999', () => {
    for (const from of ['0000-01-01T00:00:00Z', '0001-01-01T00:30:00+01:00']) {
      expect(rejection(AuditQuerySchema, { from })).toMatchObject({ field: 'from' });
    }
    expect(accepted(AuditQuerySchema, { to: '0001-01-01T00:00:00Z' }).to?.getUTCFullYear()).toBe(1);
    expect(accepted(AuditQuerySchema, { to: '9999-12-31T23:59:59Z' }).to).toBeInstanceOf(Date);
  });

  it("refuses a NUL or lone surrogate in a test-run fixture's environment name", () => {
    for (const name of ['a\u0000b', 'a\ud800']) {
      const agentPublicKey = Buffer.alloc(32, 7).toString('base64');
      const body = { orgId: 'acme', runId: 'r1', agentPublicKey, fixture: { ctx: name } };
      expect(rejection(ResolveTestRunBodySchema, body)).toMatchObject({ field: 'fixture.ctx' });
    }
  });
});
