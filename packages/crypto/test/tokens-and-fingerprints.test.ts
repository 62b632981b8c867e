import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN_PREFIX,
  fingerprint,
  generateAdminToken,
  generateToken,
  hashAdminToken,
  verifyAdminToken,
} from '../src/index.js';

describe('fingerprint', () => {
  it('is the lowercase hex SHA-256 (FIPS 180-2 examples)', () => {
    expect(fingerprint('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(fingerprint('')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('hashes strings as UTF-8 and agrees with node:crypto', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const expected = createHash('sha256').update(text, 'utf8').digest('hex');
        expect(fingerprint(text)).toBe(expected);
        expect(fingerprint(new TextEncoder().encode(text))).toBe(expected);
      }),
    );
  });
});

describe('admin tokens', () => {
  it('are kici_ and 64 lowercase hex characters (256 bits), never repeated', () => {
    const tokens = Array.from({ length: 1000 }, generateAdminToken);
    for (const token of tokens) expect(token).toMatch(/^kici_[0-9a-f]{64}$/);
    expect(ADMIN_TOKEN_PREFIX).toBe('kici_');
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('take any prefix before the same 64 hex characters', () => {
    const tokens = Array.from({ length: 200 }, () => generateToken('kici_job_'));
    for (const token of tokens) expect(token).toMatch(/^kici_job_[0-9a-f]{64}$/);
    expect(new Set(tokens.map((token) => token.slice(9))).size).toBe(tokens.length);
  });

  it('are stored as sha256:<hex>, which does not contain the token', () => {
    const token = generateAdminToken();
    const hash = hashAdminToken(token);
    expect(hash).toBe(`sha256:${createHash('sha256').update(token).digest('hex')}`);
    expect(hash).not.toContain(token.slice(5));
  });

  it('verify the right token, and refuse another token or a malformed hash', () => {
    const token = generateAdminToken();
    const hash = hashAdminToken(token);
    expect(verifyAdminToken(token, hash)).toBe(true);
    expect(verifyAdminToken(generateAdminToken(), hash)).toBe(false);
    expect(verifyAdminToken(`${token} `, hash)).toBe(false);
    expect(verifyAdminToken(token, hash.toUpperCase())).toBe(false);
    expect(verifyAdminToken(token, hash.slice(0, -1))).toBe(false);
    expect(verifyAdminToken(token, '')).toBe(false);
    expect(verifyAdminToken('', hash)).toBe(false);
  });

  it('accept an operator-chosen bootstrap token such as my-fixed-admin-token', () => {
    const hash = hashAdminToken('my-fixed-admin-token');
    expect(verifyAdminToken('my-fixed-admin-token', hash)).toBe(true);
    expect(() => hashAdminToken('')).toThrow(/^token: expected a non-empty string$/);
  });
});
