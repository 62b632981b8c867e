import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeAad, secretAad } from '../src/index.js';
import { toHex } from './implementations.js';

describe('secretAad', () => {
  it('keeps ("a","bc",k) and ("ab","c",k) apart', () => {
    const left = secretAad({ orgId: 'a', scope: 'bc', key: 'K' });
    const right = secretAad({ orgId: 'ab', scope: 'c', key: 'K' });
    expect(toHex(left)).not.toBe(toHex(right));
  });

  it('is length-prefixed UTF-8 under the kici/secret/v1 domain', () => {
    const aad = secretAad({ orgId: 'o', scope: 'pg:é', key: 'K' });
    const expected = Buffer.concat(
      ['kici/secret/v1', 'o', 'pg:é', 'K'].map((part) => {
        const utf8 = Buffer.from(part, 'utf8');
        const length = Buffer.alloc(4);
        length.writeUInt32BE(utf8.length);
        return Buffer.concat([length, utf8]);
      }),
    );
    expect(toHex(aad)).toBe(expected.toString('hex'));
  });

  it('matches the reference encoding for any text, lone surrogates included', () => {
    const reference = (domain: string, parts: string[]) =>
      Buffer.concat(
        [domain, ...parts].map((part) => {
          const utf8 = Buffer.from(new TextEncoder().encode(part));
          const length = Buffer.alloc(4);
          length.writeUInt32BE(utf8.length);
          return Buffer.concat([length, utf8]);
        }),
      ).toString('hex');
    const text = fc.string({ unit: 'binary' });
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 4 }), (domain, parts) => {
        expect(toHex(encodeAad(domain, parts))).toBe(reference(domain, parts));
      }),
      { numRuns: 1000 },
    );
    expect(toHex(encodeAad('d', ['\ud83d', '\ude00x', '😀']))).toBe(
      reference('d', ['\ud83d', '\ude00x', '😀']),
    );
  });

  it('is injective: different locations never share an encoding', () => {
    const location = fc.record({ orgId: fc.string(), scope: fc.string(), key: fc.string() });
    fc.assert(
      fc.property(location, location, (a, b) => {
        const same = a.orgId === b.orgId && a.scope === b.scope && a.key === b.key;
        expect(toHex(secretAad(a)) === toHex(secretAad(b))).toBe(same);
      }),
      { numRuns: 500 },
    );
  });

  it('separates domains and part counts', () => {
    expect(toHex(encodeAad('d', ['a', 'b']))).not.toBe(toHex(encodeAad('d', ['a', 'b', ''])));
    expect(toHex(encodeAad('x', ['a']))).not.toBe(toHex(encodeAad('y', ['a'])));
  });

  it('names the field that is not a string', () => {
    expect(() => secretAad({ orgId: 'o', scope: 's', key: 1 as unknown as string })).toThrow(
      /^key: expected a string$/,
    );
  });
});
