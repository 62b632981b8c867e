import { type Aead, KEY_BYTES, nobleAead } from './aead.js';
import { assertBytes, assertUint32 } from './bytes.js';
import {
  BODY_OFFSET,
  ENVELOPE_OVERHEAD,
  HEADER_BYTES,
  NONCE_OFFSET,
  readVersion,
  writeHeader,
} from './envelope.js';
import { DecryptError } from './errors.js';

export interface KeyringOptions {
  /** The master key new envelopes are sealed with (32 bytes). */
  readonly current: Uint8Array;
  /** The key before the last rotation (32 bytes); envelopes it sealed still open. */
  readonly previous?: Uint8Array | undefined;
  /** Key version written into every envelope this keyring seals (uint32). */
  readonly version: number;
}

export interface OpenResult {
  readonly plaintext: Uint8Array;
  /** True when only the previous key opened the envelope: it is due for re-encryption. */
  readonly usedPrevious: boolean;
  /** The key version recorded in the envelope. */
  readonly version: number;
}

export interface Keyring {
  /** The key version this keyring writes. */
  readonly version: number;
  /** Whether a previous key is configured (dual-key decrypt). */
  readonly hasPrevious: boolean;
  /** Seals with the current key and a fresh random 96-bit nonce. */
  seal(plaintext: Uint8Array, aad: Uint8Array): Uint8Array;
  /**
   * Opens with the current key, then the previous one.
   * @throws {DecryptError} the same error for every failure.
   */
  open(envelope: Uint8Array, aad: Uint8Array): OpenResult;
  /** The same keys, writing another key version (after a rotation bumps it). */
  withVersion(version: number): Keyring;
}

/** Builds a keyring over any AES-256-GCM implementation; the envelope bytes are identical. */
export function createKeyringWith(aead: Aead, options: KeyringOptions): Keyring {
  const current = assertBytes(options.current, 'current', KEY_BYTES).slice();
  const previous =
    options.previous === undefined
      ? undefined
      : assertBytes(options.previous, 'previous', KEY_BYTES).slice();
  const version = assertUint32(options.version, 'version');

  return {
    version,
    hasPrevious: previous !== undefined,

    seal(plaintext, aad) {
      assertBytes(plaintext, 'plaintext');
      assertBytes(aad, 'aad');
      const out = new Uint8Array(ENVELOPE_OVERHEAD + plaintext.length);
      writeHeader(out, version);
      const nonce = out.subarray(NONCE_OFFSET, BODY_OFFSET);
      aead.fillRandom(nonce);
      const header = out.subarray(0, HEADER_BYTES);
      aead.encryptInto(out, BODY_OFFSET, current, nonce, plaintext, [header, aad]);
      return out;
    },

    open(envelope, aad) {
      assertBytes(envelope, 'envelope');
      assertBytes(aad, 'aad');
      const recorded = readVersion(envelope);
      if (recorded === undefined) throw new DecryptError();
      const nonce = envelope.subarray(NONCE_OFFSET, BODY_OFFSET);
      const sealed = envelope.subarray(BODY_OFFSET);
      const gcmAad = [envelope.subarray(0, HEADER_BYTES), aad];
      const withCurrent = aead.decrypt(current, nonce, sealed, gcmAad);
      if (withCurrent) return { plaintext: withCurrent, usedPrevious: false, version: recorded };
      const withPrevious = previous && aead.decrypt(previous, nonce, sealed, gcmAad);
      if (withPrevious) return { plaintext: withPrevious, usedPrevious: true, version: recorded };
      throw new DecryptError();
    },

    withVersion(next) {
      return createKeyringWith(aead, { current, previous, version: next });
    },
  };
}

/** The portable keyring (pure JS, any runtime). `@kici/crypto/node` has a faster one. */
export function createKeyring(options: KeyringOptions): Keyring {
  return createKeyringWith(nobleAead, options);
}

/** Bytes an envelope adds to its plaintext. */
export const KEYRING_OVERHEAD = ENVELOPE_OVERHEAD;
