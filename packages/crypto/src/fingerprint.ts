import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { assertBytes } from './bytes.js';

/** Lowercase hex SHA-256 of a value; strings are hashed as UTF-8. */
export function fingerprint(value: Uint8Array | string): string {
  const bytes = typeof value === 'string' ? utf8ToBytes(value) : assertBytes(value, 'value');
  return bytesToHex(sha256(bytes));
}
