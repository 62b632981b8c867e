import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { assertString, equalBytes } from './bytes.js';

export const ADMIN_TOKEN_PREFIX = 'kici_';
const TOKEN_ENTROPY_BYTES = 32;
const HASH_PREFIX = 'sha256:';
const HASH_FORMAT = /^sha256:[0-9a-f]{64}$/;

/** A new bearer token: `prefix` and 64 hex characters (256 bits from the platform CSPRNG). */
export function generateToken(prefix: string): string {
  return prefix + bytesToHex(randomBytes(TOKEN_ENTROPY_BYTES));
}

/** A new admin token: `kici_` and 64 hex characters. */
export const generateAdminToken = (): string => generateToken(ADMIN_TOKEN_PREFIX);

/**
 * The stored form of a token: `sha256:<hex>`. Tokens carry 256 bits of entropy (or are an
 * operator's fixed bootstrap token), so a fast hash is enough; the prefix names the
 * algorithm so that it can change later.
 */
export function hashAdminToken(token: string): string {
  assertString(token, 'token');
  if (token.length === 0) throw new TypeError('token: expected a non-empty string');
  return HASH_PREFIX + bytesToHex(sha256(utf8ToBytes(token)));
}

/** Whether `token` hashes to `hash`, compared in constant time. A malformed hash is false. */
export function verifyAdminToken(token: string, hash: string): boolean {
  if (typeof token !== 'string' || token.length === 0) return false;
  if (typeof hash !== 'string' || !HASH_FORMAT.test(hash)) return false;
  const expected = hexToBytes(hash.slice(HASH_PREFIX.length));
  const actual = sha256(utf8ToBytes(token));
  return equalBytes(actual, expected);
}
