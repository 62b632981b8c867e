import { x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { type Aead, KEY_BYTES, NONCE_BYTES, nobleAead, TAG_BYTES } from './aead.js';
import { assertBytes, wipe } from './bytes.js';
import { DecryptError } from './errors.js';

/**
 * Envelopes sealed to a run's X25519 public key (ECIES in the style of RFC 9180's base mode):
 *
 *   shared      = X25519(ephemeral secret, run public)                 RFC 7748 §6.1
 *   okm         = HKDF-SHA256(ikm = shared,                            RFC 5869
 *                             salt = ephemeral public || run public,
 *                             info = RUN_ENVELOPE_INFO, L = 44)
 *   key, nonce  = okm[0..32], okm[32..44]
 *   envelope    = 0x01 || ephemeral public (32) || AES-256-GCM(key, nonce, plaintext,
 *                                                     aad = 0x01 || caller aad)
 *
 * A fresh ephemeral key per seal makes every (key, nonce) pair single-use.
 */
export const RUN_ENVELOPE_INFO = 'kici/run-envelope/v1 x25519-hkdf-sha256-aes256gcm';
export const RUN_ENVELOPE_FORMAT = 0x01;
export const RUN_PUBLIC_KEY_BYTES = 32;
const BODY_OFFSET = 1 + RUN_PUBLIC_KEY_BYTES;
export const RUN_ENVELOPE_OVERHEAD = BODY_OFFSET + TAG_BYTES;

const INFO = utf8ToBytes(RUN_ENVELOPE_INFO);

export interface RunKeyPair {
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
}

/**
 * The primitives a run envelope needs, shaped like RFC 9180's Encap/Decap so that the node
 * entry can keep its keys as KeyObjects; it swaps in node:crypto implementations.
 */
export interface RunCrypto {
  readonly aead: Aead;
  generateKeyPair(): RunKeyPair;
  /** A fresh ephemeral key agreed with `recipientPublic`; undefined for a low-order key. */
  encapsulate(
    recipientPublic: Uint8Array,
  ): { ephemeralPublic: Uint8Array; shared: Uint8Array } | undefined;
  /** The recipient's side; undefined when the ephemeral key is low-order. */
  decapsulate(
    recipientPrivate: Uint8Array,
    ephemeralPublic: Uint8Array,
  ): { recipientPublic: Uint8Array; shared: Uint8Array } | undefined;
  hkdf(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array;
}

// noble's getSharedSecret throws on a low-order public key instead of returning zeros.
function agree(secret: Uint8Array, peer: Uint8Array): Uint8Array | undefined {
  try {
    return x25519.getSharedSecret(secret, peer);
  } catch {
    return undefined;
  }
}

export const nobleRunCrypto: RunCrypto = {
  aead: nobleAead,
  generateKeyPair() {
    const { secretKey, publicKey } = x25519.keygen();
    return { publicKey, privateKey: secretKey };
  },
  encapsulate(recipientPublic) {
    const { secretKey, publicKey } = x25519.keygen();
    const shared = agree(secretKey, recipientPublic);
    wipe(secretKey);
    return shared && { ephemeralPublic: publicKey, shared };
  },
  decapsulate(recipientPrivate, ephemeralPublic) {
    const shared = agree(recipientPrivate, ephemeralPublic);
    return shared && { recipientPublic: x25519.getPublicKey(recipientPrivate), shared };
  },
  hkdf: (ikm, salt, info, length) => hkdf(sha256, ikm, salt, info, length),
};

function deriveKeyAndNonce(
  rc: RunCrypto,
  shared: Uint8Array,
  ephemeralPublic: Uint8Array,
  runPublic: Uint8Array,
): { key: Uint8Array; nonce: Uint8Array } {
  const salt = new Uint8Array(2 * RUN_PUBLIC_KEY_BYTES);
  salt.set(ephemeralPublic);
  salt.set(runPublic, RUN_PUBLIC_KEY_BYTES);
  const okm = rc.hkdf(shared, salt, INFO, KEY_BYTES + NONCE_BYTES);
  wipe(shared);
  return { key: okm.subarray(0, KEY_BYTES), nonce: okm.subarray(KEY_BYTES) };
}

const FORMAT_BYTE = Uint8Array.of(RUN_ENVELOPE_FORMAT);

/**
 * A seal whose key agreement is done before its plaintext is known (the orchestrator checks an
 * agent's key before it writes anything, and seals the job's bundle once it has read it). The
 * derived key and nonce are used once.
 */
export interface PreparedRunSeal {
  /** @throws {Error} on a second call, or after `discard`. */
  seal(plaintext: Uint8Array, aad: Uint8Array): Uint8Array;
  /** Wipes the derived key, when no seal will follow. */
  discard(): void;
}

export function prepareSealForRunWith(rc: RunCrypto, runPublicKey: Uint8Array): PreparedRunSeal {
  assertBytes(runPublicKey, 'runPublicKey', RUN_PUBLIC_KEY_BYTES);
  const agreed = rc.encapsulate(runPublicKey);
  if (!agreed) throw new TypeError('runPublicKey: not a usable X25519 public key (low order)');
  const { ephemeralPublic, shared } = agreed;
  let derived: { key: Uint8Array; nonce: Uint8Array } | undefined = deriveKeyAndNonce(
    rc,
    shared,
    ephemeralPublic,
    runPublicKey,
  );
  return {
    seal(plaintext, aad) {
      assertBytes(plaintext, 'plaintext');
      assertBytes(aad, 'aad');
      if (!derived) throw new Error('A prepared run seal seals once');
      const { key, nonce } = derived;
      derived = undefined;
      const out = new Uint8Array(RUN_ENVELOPE_OVERHEAD + plaintext.length);
      out[0] = RUN_ENVELOPE_FORMAT;
      out.set(ephemeralPublic, 1);
      try {
        rc.aead.encryptInto(out, BODY_OFFSET, key, nonce, plaintext, [FORMAT_BYTE, aad]);
      } finally {
        wipe(key);
      }
      return out;
    },
    discard() {
      if (derived) wipe(derived.key);
      derived = undefined;
    },
  };
}

export function sealForRunWith(
  rc: RunCrypto,
  runPublicKey: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  assertBytes(runPublicKey, 'runPublicKey', RUN_PUBLIC_KEY_BYTES);
  assertBytes(plaintext, 'plaintext');
  assertBytes(aad, 'aad');
  return prepareSealForRunWith(rc, runPublicKey).seal(plaintext, aad);
}

export function openForRunWith(
  rc: RunCrypto,
  runPrivateKey: Uint8Array,
  envelope: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  assertBytes(runPrivateKey, 'runPrivateKey', RUN_PUBLIC_KEY_BYTES);
  assertBytes(envelope, 'envelope');
  assertBytes(aad, 'aad');
  if (envelope.length < RUN_ENVELOPE_OVERHEAD || envelope[0] !== RUN_ENVELOPE_FORMAT) {
    throw new DecryptError();
  }
  const ephemeralPublic = envelope.subarray(1, BODY_OFFSET);
  const agreed = rc.decapsulate(runPrivateKey, ephemeralPublic);
  if (!agreed) throw new DecryptError();
  const { key, nonce } = deriveKeyAndNonce(
    rc,
    agreed.shared,
    ephemeralPublic,
    agreed.recipientPublic,
  );
  const plaintext = rc.aead.decrypt(key, nonce, envelope.subarray(BODY_OFFSET), [FORMAT_BYTE, aad]);
  wipe(key);
  if (!plaintext) throw new DecryptError();
  return plaintext;
}

/** A fresh X25519 key pair for one run (32-byte raw keys). */
export function generateRunKeyPair(): RunKeyPair {
  return nobleRunCrypto.generateKeyPair();
}

/** Seals `plaintext` so that only the holder of the run's private key can open it. */
export function sealForRun(
  runPublicKey: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  return sealForRunWith(nobleRunCrypto, runPublicKey, plaintext, aad);
}

/** `sealForRun` in two steps: the key agreement now, the seal (once) when the plaintext is known. */
export function prepareSealForRun(runPublicKey: Uint8Array): PreparedRunSeal {
  return prepareSealForRunWith(nobleRunCrypto, runPublicKey);
}

/**
 * Opens an envelope sealed with `sealForRun`.
 * @throws {DecryptError} the same error for every failure.
 */
export function openForRun(
  runPrivateKey: Uint8Array,
  envelope: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  return openForRunWith(nobleRunCrypto, runPrivateKey, envelope, aad);
}
