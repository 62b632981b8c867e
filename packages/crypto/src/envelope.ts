import { NONCE_BYTES, TAG_BYTES } from './aead.js';

/**
 * The stored envelope of a keyring seal (integers big-endian):
 *
 *   offset  size  field
 *   0       1     format, 0x01
 *   1       4     key version (uint32)
 *   5       12    nonce, random per seal
 *   17      n     ciphertext (as long as the plaintext)
 *   17+n    16    GCM tag
 *
 * The 5 header bytes are authenticated too: GCM's AAD is header || caller AAD, so changing
 * the recorded version is as detectable as changing the ciphertext.
 */
export const ENVELOPE_FORMAT = 0x01;
export const HEADER_BYTES = 5;
export const NONCE_OFFSET = HEADER_BYTES;
export const BODY_OFFSET = HEADER_BYTES + NONCE_BYTES;
export const ENVELOPE_OVERHEAD = BODY_OFFSET + TAG_BYTES;

export function writeHeader(out: Uint8Array, version: number): void {
  out[0] = ENVELOPE_FORMAT;
  out[1] = version >>> 24;
  out[2] = version >>> 16;
  out[3] = version >>> 8;
  out[4] = version;
}

/** The key version recorded in a well-formed envelope, or undefined if it is not one. */
export function readVersion(envelope: Uint8Array): number | undefined {
  if (envelope.length < ENVELOPE_OVERHEAD || envelope[0] !== ENVELOPE_FORMAT) return undefined;
  const byte = (i: number) => envelope[i] as number; // the length is checked above
  return ((byte(1) << 24) | (byte(2) << 16) | (byte(3) << 8) | byte(4)) >>> 0;
}
