import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { type Aead, TAG_BYTES } from '../aead.js';

const ALGORITHM = 'aes-256-gcm';

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
    randomFillSync(bytes);
  },
};
