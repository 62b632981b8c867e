import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Aead, nobleAead } from '../src/aead.js';
import { DecryptError, KEYRING_OVERHEAD, secretAad } from '../src/index.js';
import { createKeyringWith } from '../src/keyring.js';
import { nodeAead } from '../src/node/aead.js';
import { bytes, flipBit, implementations, pairs, toHex } from './implementations.js';

const KEY_A = bytes(32, 0xa1);
const KEY_B = bytes(32, 0xb2);
const KEY_C = bytes(32, 0xc3);
const AAD = secretAad({ orgId: 'org-1', scope: 'pg:production', key: 'DATABASE_URL' });
const plaintexts = fc.uint8Array({ maxLength: 2048 });
const aads = fc.uint8Array({ maxLength: 128 });

/** Reproducible bytes for a fast-check seed (xorshift32), much faster than fc.uint8Array. */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function decryptFailure(open: () => unknown): DecryptError {
  try {
    open();
  } catch (error) {
    return error as DecryptError;
  }
  throw new Error('expected open to throw');
}

describe.each(implementations)('keyring ($name)', (impl) => {
  const ring = impl.createKeyring({ current: KEY_A, version: 7 });

  it('round-trips any plaintext under any AAD', () => {
    fc.assert(
      fc.property(plaintexts, aads, (plaintext, aad) => {
        const opened = ring.open(ring.seal(plaintext, aad), aad);
        expect(opened.plaintext).toEqual(plaintext);
        expect(opened.usedPrevious).toBe(false);
        expect(opened.version).toBe(7);
      }),
      { numRuns: 200 },
    );
  });

  it('writes the documented envelope: format 0x01, version, 96-bit nonce, ciphertext, tag', () => {
    const plaintext = bytes(40, 0x55);
    const envelope = impl
      .createKeyring({ current: KEY_A, version: 0x01020304 })
      .seal(plaintext, AAD);
    expect(envelope.length).toBe(plaintext.length + KEYRING_OVERHEAD);
    expect(KEYRING_OVERHEAD).toBe(1 + 4 + 12 + 16);
    expect(toHex(envelope.subarray(0, 5))).toBe('0101020304');
  });

  it('draws a fresh nonce for every seal', () => {
    const nonces = new Set(
      Array.from({ length: 200 }, () => toHex(ring.seal(bytes(8), AAD).subarray(5, 17))),
    );
    expect(nonces.size).toBe(200);
  });

  it('rejects every single-bit flip anywhere in an envelope', () => {
    const envelope = ring.seal(bytes(8, 0x42), AAD);
    for (let bit = 0; bit < envelope.length * 8; bit++) {
      expect(() => ring.open(flipBit(envelope, bit), AAD)).toThrow(DecryptError);
    }
    fc.assert(
      fc.property(plaintexts, aads, fc.nat(), (plaintext, aad, seed) => {
        const sealed = ring.seal(plaintext, aad);
        expect(() => ring.open(flipBit(sealed, seed % (sealed.length * 8)), aad)).toThrow(
          DecryptError,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('rejects an envelope moved to another org, scope or key', () => {
    const location = fc.record({ orgId: fc.string(), scope: fc.string(), key: fc.string() });
    const field = fc.constantFrom('orgId', 'scope', 'key');
    fc.assert(
      fc.property(location, field, fc.string(), (from, changed, replacement) => {
        fc.pre(from[changed] !== replacement);
        const envelope = ring.seal(bytes(16, 1), secretAad(from));
        const to = { ...from, [changed]: replacement };
        expect(() => ring.open(envelope, secretAad(to))).toThrow(DecryptError);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects an envelope under a third key, whatever the plaintext', () => {
    const dual = impl.createKeyring({ current: KEY_A, previous: KEY_B, version: 1 });
    const stranger = impl.createKeyring({ current: KEY_C, version: 1 });
    fc.assert(
      fc.property(plaintexts, aads, (plaintext, aad) => {
        expect(() => dual.open(stranger.seal(plaintext, aad), aad)).toThrow(DecryptError);
      }),
      { numRuns: 100 },
    );
  });

  it('opens with the previous key during a rotation and says so', () => {
    const before = impl.createKeyring({ current: KEY_B, version: 3 });
    const during = impl.createKeyring({ current: KEY_A, previous: KEY_B, version: 4 });
    expect(during.hasPrevious).toBe(true);
    const old = during.open(before.seal(bytes(5, 9), AAD), AAD);
    expect(old).toEqual({ plaintext: bytes(5, 9), usedPrevious: true, version: 3 });
    const fresh = during.open(during.seal(bytes(5, 9), AAD), AAD);
    expect(fresh).toEqual({ plaintext: bytes(5, 9), usedPrevious: false, version: 4 });
    expect(() =>
      impl.createKeyring({ current: KEY_A, version: 4 }).open(before.seal(bytes(1), AAD), AAD),
    ).toThrow(DecryptError);
  });

  it('withVersion keeps the keys and writes the new version', () => {
    const next = ring.withVersion(8);
    expect(next.version).toBe(8);
    expect(ring.open(next.seal(bytes(3, 3), AAD), AAD).version).toBe(8);
    expect(next.open(ring.seal(bytes(3, 3), AAD), AAD).version).toBe(7);
  });

  it('gives one message for every kind of failure', () => {
    const envelope = ring.seal(bytes(12, 7), AAD);
    const failures = [
      decryptFailure(() => impl.createKeyring({ current: KEY_C, version: 1 }).open(envelope, AAD)),
      decryptFailure(() => ring.open(envelope, secretAad({ orgId: 'x', scope: 'y', key: 'Z' }))),
      decryptFailure(() => ring.open(flipBit(envelope, 200), AAD)),
      decryptFailure(() => ring.open(envelope.subarray(0, 20), AAD)),
      decryptFailure(() => ring.open(new Uint8Array(0), AAD)),
      decryptFailure(() => ring.open(Uint8Array.of(2, ...envelope.subarray(1)), AAD)),
    ];
    for (const failure of failures) expect(failure).toBeInstanceOf(DecryptError);
    expect(new Set(failures.map((f) => f.message)).size).toBe(1);
  });

  it('validates its options, naming the field', () => {
    expect(() => impl.createKeyring({ current: bytes(31), version: 1 })).toThrow(
      /^current: expected 32 bytes, got 31$/,
    );
    expect(() => impl.createKeyring({ current: KEY_A, previous: bytes(33), version: 1 })).toThrow(
      /^previous:/,
    );
    expect(() => impl.createKeyring({ current: KEY_A, version: -1 })).toThrow(/^version:/);
    expect(() => impl.createKeyring({ current: KEY_A, version: 1.5 })).toThrow(/^version:/);
    expect(() => ring.seal('text' as unknown as Uint8Array, AAD)).toThrow(
      /^plaintext: expected a Uint8Array$/,
    );
  });

  it('keeps its own copy of the keys', () => {
    const key = KEY_A.slice();
    const own = impl.createKeyring({ current: key, version: 1 });
    const envelope = own.seal(bytes(4), AAD);
    key.fill(0);
    expect(own.open(envelope, AAD).plaintext).toEqual(bytes(4));
  });
});

describe('portable and node keyrings are interchangeable', () => {
  it.each(pairs)('$name: random sizes and AADs', ({ sealer, opener }) => {
    const sealing = sealer.createKeyring({ current: KEY_A, previous: KEY_B, version: 2 });
    const opening = opener.createKeyring({ current: KEY_A, previous: KEY_B, version: 2 });
    const sizes = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 300, max: 70_000 }));
    fc.assert(
      fc.property(sizes, aads, fc.integer(), (size, aad, seed) => {
        const plaintext = pseudoRandomBytes(size, seed);
        const opened = opening.open(sealing.seal(plaintext, aad), aad).plaintext;
        // Buffer#equals: vitest's deep equality walks 70 KB arrays element by element.
        expect(Buffer.from(opened).equals(plaintext)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('writes byte-identical envelopes given the same nonce', () => {
    const fixedNonce = (aead: Aead): Aead => ({ ...aead, fillRandom: (b) => b.fill(0x5a) });
    const portable = createKeyringWith(fixedNonce(nobleAead), { current: KEY_A, version: 9 });
    const native = createKeyringWith(fixedNonce(nodeAead), { current: KEY_A, version: 9 });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), aads, (plaintext, aad) => {
        expect(toHex(native.seal(plaintext, aad))).toBe(toHex(portable.seal(plaintext, aad)));
      }),
      { numRuns: 100 },
    );
  });
});
