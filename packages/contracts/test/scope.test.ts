import { ValiError } from 'valibot';
import { describe, expect, it } from 'vitest';
import { formatScope, parseScope, ScopeSchema } from '../src/index.js';
import { accepted, rejection } from './issues.js';

describe('ScopeSchema', () => {
  it.each([
    ['production', 'pg:production'],
    ['pg:aws/prod', 'pg:aws/prod'],
    ['openbao-prod:aws/credentials', 'openbao-prod:aws/credentials'],
    ['aws/prod', 'pg:aws/prod'],
    ['vault:kici/secrets/team_a/db.v2', 'vault:kici/secrets/team_a/db.v2'],
    ['pg:...', 'pg:...'],
  ])('reads %j as %j', (input, canonical) => {
    expect(accepted(ScopeSchema, input)).toBe(canonical);
  });

  it('accepts a 63-character backend and a 255-character path', () => {
    const backend = 'b'.repeat(63);
    const path = `${'a'.repeat(127)}/${'a'.repeat(127)}`;
    expect(accepted(ScopeSchema, `${backend}:${path}`)).toBe(`${backend}:${path}`);
  });

  it('is idempotent: a canonical id parses to itself', () => {
    const once = accepted(ScopeSchema, 'production');
    expect(accepted(ScopeSchema, once)).toBe(once);
  });

  it.each([
    ['Pg:x', 'the backend being'],
    ['1pg:x', 'the backend being'],
    ['pg_x:y', 'the backend being'],
    [':x', 'the backend being'],
    [`${'a-64-character-backend-name'.padEnd(64, 'x')}:x`, 'the backend being'],
    ['pg:', 'a path of 1-255 characters'],
    ['', 'a path of 1-255 characters'],
    ['pg:a-256-character-path'.padEnd(259, 'x'), 'a path of 1-255 characters'],
    ['pg:a//b', 'none empty'],
    ['pg:/a', 'none empty'],
    ['pg:a/', 'none empty'],
    ['pg:../x', 'none empty, "." or ".."'],
    ['pg:a/./b', 'none empty, "." or ".."'],
    ['..', 'none empty, "." or ".."'],
    ['pg:a b', 'letters, digits'],
    ['pg:a:b', 'letters, digits'],
    ['pg:a\\b', 'letters, digits'],
  ])('rejects %j, naming the scope', (input, expected) => {
    const error = rejection(ScopeSchema, input);
    expect(error?.message).toMatch(/^scope: expected /);
    expect(error?.message).toContain(expected);
  });

  it('rejects a non-string', () => {
    expect(rejection(ScopeSchema, ['pg', 'x'])?.message).toBe('scope: expected a string');
  });
});

describe('parseScope and formatScope', () => {
  it('splits a scope into backend, path and canonical id', () => {
    expect(parseScope('pg:aws/prod')).toEqual({
      backend: 'pg',
      path: 'aws/prod',
      id: 'pg:aws/prod',
    });
    expect(parseScope('production')).toEqual({
      backend: 'pg',
      path: 'production',
      id: 'pg:production',
    });
    expect(parseScope('openbao-prod:aws/credentials')).toEqual({
      backend: 'openbao-prod',
      path: 'aws/credentials',
      id: 'openbao-prod:aws/credentials',
    });
  });

  it('throws a ValiError saying what was expected', () => {
    expect(() => parseScope('pg:a//b')).toThrow(ValiError);
    expect(() => parseScope('Pg:x')).toThrow(/^scope: expected backend:path/);
  });

  it('formats a backend and a path, validating both', () => {
    expect(formatScope({ backend: 'vault', path: 'team/db' })).toBe('vault:team/db');
    expect(formatScope(parseScope('production'))).toBe('pg:production');
    expect(() => formatScope({ backend: 'Vault', path: 'x' })).toThrow(ValiError);
    expect(() => formatScope({ backend: 'pg', path: '../etc' })).toThrow(ValiError);
  });
});
