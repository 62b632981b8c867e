import { UNAUTHORIZED_MESSAGE } from '@kici/contracts/vocabulary';
import { createKeyring } from '@kici/crypto';
import { describe, expect, it } from 'vitest';
import {
  actorName,
  configAad,
  forbidden,
  invalidInput,
  KiciError,
  splitScope,
  unauthorized,
} from '../src/index.js';
import { auditEntry } from '../src/kernel/guard.js';
import { holdKeyring } from '../src/kernel/keyring-holder.js';

describe('core building blocks', () => {
  it('splits a canonical scope at its first colon', () => {
    expect(splitScope('pg:aws/prod')).toEqual({ backend: 'pg', path: 'aws/prod' });
    expect(splitScope('openbao-prod:aws/credentials:x')).toEqual({
      backend: 'openbao-prod',
      path: 'aws/credentials:x',
    });
  });

  it('names the field and the permission in its errors', () => {
    expect(invalidInput('key', 'expected UPPER_SNAKE_CASE')).toMatchObject({
      code: 'invalid_input',
      field: 'key',
      message: 'key: expected UPPER_SNAKE_CASE',
    });
    expect(forbidden('secret.reveal').message).toContain('secret.reveal');
    expect(unauthorized().message).toBe(UNAUTHORIZED_MESSAGE);
    expect(unauthorized()).toBeInstanceOf(KiciError);
  });

  it('builds audit rows with nulls for what does not apply', () => {
    const actor = {
      tokenId: 'tok_1',
      label: 'ops',
      role: 'admin' as const,
      surface: 'cli' as const,
    };
    expect(actorName(actor)).toBe('token:tok_1');
    expect(
      auditEntry(actor, 'secret.set', 'success', { orgId: 'acme', contextName: 'pg:x' }),
    ).toEqual({
      actor: 'token:tok_1',
      action: 'secret.set',
      outcome: 'success',
      orgId: 'acme',
      contextName: 'pg:x',
      routingKey: null,
      metadata: {},
    });
  });

  it('binds config envelopes to key and version', () => {
    const ring = createKeyring({ current: new Uint8Array(32).fill(3), version: 1 });
    const sealed = ring.seal(new Uint8Array([1]), configAad('pgCustomerSecrets', 2));
    expect(() => ring.open(sealed, configAad('pgCustomerSecrets', 1))).toThrow();
    expect(() => ring.open(sealed, configAad('other', 2))).toThrow();
    expect(ring.open(sealed, configAad('pgCustomerSecrets', 2)).plaintext).toEqual(
      new Uint8Array([1]),
    );
  });

  it('swaps the keyring in use after a rotation', () => {
    const first = createKeyring({ current: new Uint8Array(32).fill(3), version: 1 });
    const holder = holdKeyring(first);
    holder.replace(first.withVersion(5));
    expect(holder.current().version).toBe(5);
  });
});
