import {
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  type KeyObject,
  randomFillSync,
} from 'node:crypto';
import { x25519 } from '@noble/curves/ed25519.js';
import {
  openForRunWith,
  type PreparedRunSeal,
  prepareSealForRunWith,
  type RunCrypto,
  type RunKeyPair,
  sealForRunWith,
} from '../run-keys.js';
import { nodeAead } from './aead.js';

// Raw X25519 keys go in and out as JWK: importing a JWK costs a fraction of SPKI/PKCS#8 DER.
const fromBase64url = (text: string | undefined) =>
  new Uint8Array(Buffer.from(text ?? '', 'base64url'));
const toBase64url = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url');
// Node builds an OKP private key from `d` alone; `x` must be present but is not read.
const UNREAD_X = toBase64url(new Uint8Array(32));

function publicKeyObject(raw: Uint8Array): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'X25519', x: toBase64url(raw) },
    format: 'jwk',
  });
}

function privateKeyObject(raw: Uint8Array): KeyObject {
  const d = toBase64url(raw);
  try {
    return createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d, x: UNREAD_X }, format: 'jwk' });
  } catch {
    // A Node that checks `x` against `d`: pay for the portable scalar multiplication.
    const x = toBase64url(x25519.getPublicKey(raw));
    return createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d, x }, format: 'jwk' });
  }
}

function rawPublic(key: KeyObject): Uint8Array {
  return fromBase64url(key.export({ format: 'jwk' }).x);
}

// OpenSSL refuses to finish an X25519 derivation that yields all zeros (a low-order key).
function agree(privateKey: KeyObject, publicKey: KeyObject): Uint8Array | undefined {
  try {
    const shared = diffieHellman({ privateKey, publicKey });
    return new Uint8Array(shared.buffer, shared.byteOffset, shared.length);
  } catch {
    return undefined;
  }
}

/**
 * A fresh key pair from 32 random bytes (any 32 bytes are an X25519 private key: RFC 7748
 * clamps them). Not generateKeyPairSync: on Node 20, exporting a key it generated can deadlock
 * the thread when a garbage collection inside the export frees the generating job, which
 * takes the same key's mutex (seen under load in bench/run-envelope.mjs).
 */
function freshKeyPair(): { privateKey: KeyObject; raw: RunKeyPair } {
  const secret = randomFillSync(new Uint8Array(32));
  const privateKey = privateKeyObject(secret);
  const publicKey = rawPublic(createPublicKey(privateKey));
  return { privateKey, raw: { publicKey, privateKey: secret } };
}

export const nodeRunCrypto: RunCrypto = {
  aead: nodeAead,
  generateKeyPair: () => freshKeyPair().raw,
  encapsulate(recipientPublic) {
    const ephemeral = freshKeyPair();
    const shared = agree(ephemeral.privateKey, publicKeyObject(recipientPublic));
    return shared && { ephemeralPublic: ephemeral.raw.publicKey, shared };
  },
  decapsulate(recipientPrivate, ephemeralPublic) {
    const own = privateKeyObject(recipientPrivate);
    const shared = agree(own, publicKeyObject(ephemeralPublic));
    return shared && { recipientPublic: rawPublic(createPublicKey(own)), shared };
  },
  hkdf: (ikm, salt, info, length) => new Uint8Array(hkdfSync('sha256', ikm, salt, info, length)),
};

/** A fresh X25519 key pair for one run (32-byte raw keys; the public one computed by OpenSSL). */
export function generateRunKeyPair(): RunKeyPair {
  return nodeRunCrypto.generateKeyPair();
}

/** `sealForRun` over node:crypto: byte-compatible with the portable one. */
export function sealForRun(
  runPublicKey: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  return sealForRunWith(nodeRunCrypto, runPublicKey, plaintext, aad);
}

/** `prepareSealForRun` over node:crypto: byte-compatible with the portable one. */
export function prepareSealForRun(runPublicKey: Uint8Array): PreparedRunSeal {
  return prepareSealForRunWith(nodeRunCrypto, runPublicKey);
}

/** `openForRun` over node:crypto: byte-compatible with the portable one. */
export function openForRun(
  runPrivateKey: Uint8Array,
  envelope: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  return openForRunWith(nodeRunCrypto, runPrivateKey, envelope, aad);
}
