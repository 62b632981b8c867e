import { hexToBytes } from '@noble/hashes/utils.js';
import { MasterKeyError } from './errors.js';

export const MASTER_KEY_BYTES = 32;

const HEX_64 = /^[0-9a-fA-F]{64}$/;
// 32 bytes are 43 base64 characters plus one '=' of padding; the padding may be left off,
// and the URL-safe alphabet is accepted too. The last character carries 2 unused bits,
// which must be zero in a canonical encoding.
const BASE64_32 = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=?$/;
const BASE64URL_32 = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]=?$/;

/**
 * Parses a master key given as exactly 64 hex characters or as base64 (standard or URL-safe,
 * padding optional) of exactly 32 bytes. Surrounding whitespace is ignored.
 * @throws {MasterKeyError} whose message never contains the input.
 */
export function parseMasterKey(text: string): Uint8Array {
  if (typeof text !== 'string') throw new MasterKeyError(expected('a string'));
  const trimmed = text.trim();
  if (HEX_64.test(trimmed)) return hexToBytes(trimmed.toLowerCase());
  if (BASE64_32.test(trimmed)) return decodeBase64(trimmed);
  if (BASE64URL_32.test(trimmed))
    return decodeBase64(trimmed.replace(/-/g, '+').replace(/_/g, '/'));
  return fail(trimmed.length);
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text.endsWith('=') ? text : `${text}=`);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  if (out.length !== MASTER_KEY_BYTES) return fail(text.length);
  return out;
}

function fail(length: number): never {
  throw new MasterKeyError(expected(length === 0 ? 'an empty value' : `${length} characters`));
}

function expected(received: string): string {
  return (
    'Invalid master key: expected exactly 64 hex characters or base64 of exactly 32 bytes ' +
    `(generate one with: openssl rand -hex 32); received ${received}`
  );
}
