import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { type Aead, TAG_BYTES } from '../aead.js';

const ALGORITHM = 'aes-256-gcm';

// Nonces come from a pool refilled 4 KiB at a time: one randomFillSync per nonce costs more
// than the AES of a small value. Every byte is handed out once, then overwritten.
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

function takeRandom(bytes: Uint8Array): void {
  if (bytes.length > pool.length) {
    randomFillSync(bytes);
    return;
  }
  if (poolOffset + bytes.length > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  bytes.set(pool.subarray(poolOffset, poolOffset + bytes.length));
  pool.fill(0, poolOffset, poolOffset + bytes.length);
  poolOffset += bytes.length;
}

/** AES-256-GCM over node:crypto (OpenSSL, AES-NI): the same bytes as the portable one. */
export const nodeAead: Aead = {
  encryptInto(out, offset, key, nonce, plaintext, aad) {
    // GCM tags default to 16 bytes; decrypt always hands setAuthTag exactly TAG_BYTES.
    const cipher = createCipheriv(ALGORITHM, key, nonce);
    for (const part of aad) cipher.setAAD(part);
    const body = cipher.update(plaintext);
    out.set(body, offset);
    cipher.final();
    out.set(cipher.getAuthTag(), offset + body.length);
  },
  decrypt(key, nonce, sealed, aad) {
    if (sealed.length < TAG_BYTES) return undefined;
    const split = sealed.length - TAG_BYTES;
    const decipher = createDecipheriv(ALGORITHM, key, nonce);
    for (const part of aad) decipher.setAAD(part);
    decipher.setAuthTag(sealed.subarray(split));
    const plaintext = decipher.update(sealed.subarray(0, split));
    try {
      decipher.final();
    } catch {
      // OpenSSL decrypts before it checks the tag: never let unauthenticated bytes out.
      plaintext.fill(0);
      return undefined;
    }
    return new Uint8Array(plaintext.buffer, plaintext.byteOffset, plaintext.length);
  },
  fillRandom(bytes) {
    takeRandom(bytes);
  },
};
