import { utf8ToBytes } from '@noble/hashes/utils.js';
import { assertString } from './bytes.js';

/** Where a secret value lives; the AAD binds a ciphertext to exactly this row. */
export interface SecretLocation {
  readonly orgId: string;
  readonly scope: string;
  readonly key: string;
}

const SECRET_DOMAIN = 'kici/secret/v1';

/**
 * Encodes a domain tag and a list of strings without ambiguity: every part is written as a
 * 4-byte big-endian byte length followed by its UTF-8 bytes, so no two different lists (or
 * domains) encode to the same bytes.
 */
export function encodeAad(domain: string, parts: readonly string[]): Uint8Array {
  const encoded = [domain, ...parts].map((part, i) =>
    utf8ToBytes(assertString(part, i === 0 ? 'domain' : `parts[${i - 1}]`)),
  );
  const out = new Uint8Array(encoded.reduce((n, part) => n + 4 + part.length, 0));
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const part of encoded) {
    view.setUint32(offset, part.length);
    out.set(part, offset + 4);
    offset += 4 + part.length;
  }
  return out;
}

/**
 * The canonical AAD of a stored secret: binds org id, scope and key, so a ciphertext copied
 * to another row fails to open. `("a","bc",k)` and `("ab","c",k)` encode differently.
 */
export function secretAad(location: SecretLocation): Uint8Array {
  return encodeAad(SECRET_DOMAIN, [
    assertString(location.orgId, 'orgId'),
    assertString(location.scope, 'scope'),
    assertString(location.key, 'key'),
  ]);
}
