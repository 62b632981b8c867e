import { describe, expect, it } from 'vitest';
import { MasterKeyError, parseMasterKey } from '../src/index.js';
import { toHex } from './implementations.js';

const KEY_HEX = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const KEY_B64 = Buffer.from(KEY_HEX, 'hex').toString('base64');
const KEY_B64URL = Buffer.from('fbff'.repeat(16), 'hex').toString('base64url');

function rejection(input: string): MasterKeyError {
  try {
    parseMasterKey(input);
  } catch (error) {
    return error as MasterKeyError;
  }
  throw new Error('expected parseMasterKey to throw');
}

describe('parseMasterKey', () => {
  it('accepts 64 hex characters, either case, trimming surrounding whitespace', () => {
    expect(toHex(parseMasterKey(KEY_HEX))).toBe(KEY_HEX);
    expect(toHex(parseMasterKey(`  ${KEY_HEX.toUpperCase()}\n`))).toBe(KEY_HEX);
  });

  it('accepts base64 of 32 bytes, with or without padding, standard or URL-safe', () => {
    expect(toHex(parseMasterKey(KEY_B64))).toBe(KEY_HEX);
    expect(toHex(parseMasterKey(`${KEY_B64.replace('=', '')}\n`))).toBe(KEY_HEX);
    expect(toHex(parseMasterKey(KEY_B64URL))).toBe('fbff'.repeat(16));
  });

  it('reads the output of `openssl rand -hex 32` and `openssl rand -base64 32` as written to a file', () => {
    const key = Buffer.alloc(32, 0xab);
    expect(parseMasterKey(`${key.toString('hex')}\n`)).toEqual(new Uint8Array(key));
    expect(parseMasterKey(`${key.toString('base64')}\n`)).toEqual(new Uint8Array(key));
  });

  const badKeys: Record<string, string> = {
    '63 hex characters': KEY_HEX.slice(1),
    '65 hex characters': `${KEY_HEX}a`,
    'non-hex characters in 64': `${KEY_HEX.slice(2)}zz`,
    'base64 of 31 bytes': Buffer.alloc(31, 7).toString('base64'),
    'base64 of 33 bytes': Buffer.alloc(33, 7).toString('base64'),
    'non-canonical base64 (unused bits set)': `${KEY_B64.slice(0, 42)}B=`,
    'mixed base64 alphabets': `+_${KEY_B64.slice(2)}`,
    empty: '',
    whitespace: '   \n',
    'a passphrase': 'correct horse battery staple correct horse battery staple 12',
  };

  for (const [shape, input] of Object.entries(badKeys)) {
    it(`rejects ${shape} with a MasterKeyError that does not echo the input`, () => {
      const error = rejection(input);
      expect(error).toBeInstanceOf(MasterKeyError);
      expect(error.name).toBe('MasterKeyError');
      expect(error.message).toMatch(
        /expected exactly 64 hex characters or base64 of exactly 32 bytes/,
      );
      const core = input.trim();
      if (core.length >= 4) expect(error.message).not.toContain(core.slice(0, 8));
    });
  }

  it('rejects a non-string without echoing it', () => {
    expect(() => parseMasterKey(42 as unknown as string)).toThrow(MasterKeyError);
  });
});
