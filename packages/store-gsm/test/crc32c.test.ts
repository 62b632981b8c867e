// CRC-32C: the published check value, and properties against a bit-by-bit reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32c } from '../src/crc32c.js';

/** The textbook bitwise CRC-32C, independent of the table. */
function reference(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('crc32c', () => {
  it('gives the published check value for "123456789"', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
  });

  it('gives 0 for no bytes and known values for RFC 3720 vectors', () => {
    expect(crc32c(new Uint8Array())).toBe(0);
    // RFC 3720 B.4: 32 bytes of zeros, and of 0xFF.
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
  });

  it('agrees with the bitwise reference on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        expect(crc32c(bytes)).toBe(reference(bytes));
      }),
    );
  });

  it('continues over a split: crc(a ++ b) = crc(b, crc(a))', () => {
    fc.assert(
      fc.property(fc.uint8Array(), fc.uint8Array(), (a, b) => {
        const whole = new Uint8Array([...a, ...b]);
        expect(crc32c(b, crc32c(a))).toBe(crc32c(whole));
      }),
    );
  });

  it('notices any single flipped bit', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1 }), fc.nat(), (bytes, at) => {
        const bit = at % (bytes.length * 8);
        const flipped = Uint8Array.from(bytes);
        flipped[bit >> 3] = (flipped[bit >> 3] as number) ^ (1 << (bit & 7));
        expect(crc32c(flipped)).not.toBe(crc32c(bytes));
      }),
    );
  });
});
