import { gcm } from '@noble/ciphers/aes.js';
import { concatBytes, randomBytes } from '@noble/ciphers/utils.js';

/**
 * AES-256-GCM with a 96-bit nonce and a 128-bit tag (NIST SP 800-38D). The keyring and the
 * run-key envelopes are written once against this port; `@kici/crypto` plugs in the
 * portable noble implementation, `@kici/crypto/node` one over `node:crypto`. The AAD comes
 * in parts (envelope header, caller AAD) that are authenticated as their concatenation.
 */
export interface Aead {
  /** Writes ciphertext || tag into `out` from `offset` (the caller sized `out` for it). */
  encryptInto(
    out: Uint8Array,
    offset: number,
    key: Uint8Array,
    nonce: Uint8Array,
    plaintext: Uint8Array,
    aad: readonly Uint8Array[],
  ): void;
  /** Returns the plaintext, or undefined when the tag does not verify. */
  decrypt(
    key: Uint8Array,
    nonce: Uint8Array,
    sealed: Uint8Array,
    aad: readonly Uint8Array[],
  ): Uint8Array | undefined;
  /** Fills `bytes` from the platform CSPRNG. */
  fillRandom(bytes: Uint8Array): void;
}

export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

/** The portable implementation: @noble/ciphers, which checks the tag before decrypting. */
export const nobleAead: Aead = {
  encryptInto(out, offset, key, nonce, plaintext, aad) {
    out.set(gcm(key, nonce, concatBytes(...aad)).encrypt(plaintext), offset);
  },
  decrypt(key, nonce, sealed, aad) {
    try {
      return gcm(key, nonce, concatBytes(...aad)).decrypt(sealed);
    } catch {
      return undefined;
    }
  },
  fillRandom(bytes) {
    bytes.set(randomBytes(bytes.length));
  },
};
