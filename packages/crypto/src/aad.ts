import { assertString } from './bytes.js';

/** Where a secret value lives; the AAD binds a ciphertext to exactly this row. */
export interface SecretLocation {
  readonly orgId: string;
  readonly scope: string;
  readonly key: string;
}

const SECRET_DOMAIN = 'kici/secret/v1';
const encoder = new TextEncoder();

/** The UTF-8 length of `text` as TextEncoder writes it (a lone surrogate becomes U+FFFD). */
function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) length += 1;
    else if (unit < 0x800) length += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 4;
      i++;
    } else length += 3;
  }
  return length;
}

/**
 * Encodes a domain tag and a list of strings without ambiguity: every part is written as a
 * 4-byte big-endian byte length followed by its UTF-8 bytes, so no two different lists (or
 * domains) encode to the same bytes. One allocation: every secret read computes one.
 */
export function encodeAad(domain: string, parts: readonly string[]): Uint8Array {
  assertString(domain, 'domain');
  let total = 4 + utf8Length(domain);
  for (let i = 0; i < parts.length; i++) {
    total += 4 + utf8Length(assertString(parts[i], `parts[${i}]`));
  }
  const out = new Uint8Array(total);
  let offset = writePart(out, 0, domain);
  for (const part of parts) offset = writePart(out, offset, part as string);
  return out;
}

/** Writes one length-prefixed part at `offset`; returns the offset after it. */
function writePart(out: Uint8Array, offset: number, text: string): number {
  // Org ids, scopes and keys are ASCII: copied byte by byte, without a view or an encoder.
  let written = 0;
  while (written < text.length && text.charCodeAt(written) < 0x80) {
    out[offset + 4 + written] = text.charCodeAt(written);
    written++;
  }
  if (written < text.length) {
    written += encoder.encodeInto(text.slice(written), out.subarray(offset + 4 + written)).written;
  }
  out[offset] = written >>> 24;
  out[offset + 1] = (written >>> 16) & 0xff;
  out[offset + 2] = (written >>> 8) & 0xff;
  out[offset + 3] = written & 0xff;
  return offset + 4 + written;
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
