import { x25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecryptError, RUN_ENVELOPE_INFO, RUN_ENVELOPE_OVERHEAD } from '../src/index.js';
import { bytes, flipBit, implementations, pairs, toHex } from './implementations.js';

const AAD = new TextEncoder().encode('run-42/job-build/DEPLOY_TOKEN');

describe.each(implementations)('run keys ($name)', (impl) => {
  const run = impl.generateRunKeyPair();

  it('generates raw 32-byte X25519 key pairs whose public key matches the private key', () => {
    expect(run.publicKey.length).toBe(32);
    expect(run.privateKey.length).toBe(32);
    expect(toHex(x25519.getPublicKey(run.privateKey))).toBe(toHex(run.publicKey));
    expect(toHex(impl.generateRunKeyPair().privateKey)).not.toBe(toHex(run.privateKey));
  });

  it('writes 0x01, the ephemeral public key, then ciphertext and tag; a new ephemeral key each seal', () => {
    const a = impl.sealForRun(run.publicKey, bytes(10, 1), AAD);
    const b = impl.sealForRun(run.publicKey, bytes(10, 1), AAD);
    expect(a.length).toBe(10 + RUN_ENVELOPE_OVERHEAD);
    expect(RUN_ENVELOPE_OVERHEAD).toBe(1 + 32 + 16);
    expect(a[0]).toBe(1);
    expect(toHex(a.subarray(1, 33))).not.toBe(toHex(b.subarray(1, 33)));
    expect(RUN_ENVELOPE_INFO).toBe('kici/run-envelope/v1 x25519-hkdf-sha256-aes256gcm');
  });

  it('rejects every single-bit flip, another AAD and another run key', () => {
    const envelope = impl.sealForRun(run.publicKey, bytes(4, 9), AAD);
    for (let bit = 0; bit < envelope.length * 8; bit++) {
      expect(() => impl.openForRun(run.privateKey, flipBit(envelope, bit), AAD)).toThrow(
        DecryptError,
      );
    }
    expect(() => impl.openForRun(run.privateKey, envelope, bytes(3))).toThrow(DecryptError);
    const other = impl.generateRunKeyPair();
    expect(() => impl.openForRun(other.privateKey, envelope, AAD)).toThrow(DecryptError);
    expect(() => impl.openForRun(run.privateKey, envelope.subarray(0, 48), AAD)).toThrow(
      DecryptError,
    );
  });

  it('refuses to seal to a low-order public key', () => {
    expect(() => impl.sealForRun(new Uint8Array(32), bytes(1), AAD)).toThrow(/^runPublicKey: /);
    expect(() => impl.sealForRun(bytes(31), bytes(1), AAD)).toThrow(
      /^runPublicKey: expected 32 bytes/,
    );
  });

  it('prepares a seal before its plaintext: it opens like sealForRun, seals once, and can be discarded', () => {
    const prepared = impl.prepareSealForRun(run.publicKey);
    const envelope = prepared.seal(bytes(7, 3), AAD);
    expect(impl.openForRun(run.privateKey, envelope, AAD)).toEqual(bytes(7, 3));
    expect(() => prepared.seal(bytes(7, 3), AAD)).toThrow(/seals once/);
    const discarded = impl.prepareSealForRun(run.publicKey);
    discarded.discard();
    expect(() => discarded.seal(bytes(1), AAD)).toThrow(/seals once/);
    // Each preparation agrees on a fresh ephemeral key.
    const [a, b] = [impl.prepareSealForRun(run.publicKey), impl.prepareSealForRun(run.publicKey)];
    expect(toHex(a.seal(bytes(1), AAD).subarray(1, 33))).not.toBe(
      toHex(b.seal(bytes(1), AAD).subarray(1, 33)),
    );
    expect(() => impl.prepareSealForRun(new Uint8Array(32))).toThrow(/^runPublicKey: /);
  });

  it('opens to a DecryptError when the envelope carries a low-order ephemeral key', () => {
    const envelope = impl.sealForRun(run.publicKey, bytes(4), AAD);
    envelope.fill(0, 1, 33);
    expect(() => impl.openForRun(run.privateKey, envelope, AAD)).toThrow(DecryptError);
  });
});

describe('portable and node run envelopes are interchangeable', () => {
  it.each(pairs)('$name: random sizes and AADs', ({ sealer, opener }) => {
    const run = sealer.generateRunKeyPair();
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 4096 }),
        fc.uint8Array({ maxLength: 64 }),
        (plaintext, aad) => {
          expect(
            opener.openForRun(
              run.privateKey,
              sealer.sealForRun(run.publicKey, plaintext, aad),
              aad,
            ),
          ).toEqual(plaintext);
        },
      ),
      { numRuns: 25 },
    );
  });
});
