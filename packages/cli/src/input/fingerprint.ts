import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The SHA-256 of the value's UTF-8 bytes, lowercase hex: what `sha256sum` prints. */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** `--confirm-fingerprint`, checked for shape before any I/O; lowercased. */
export function expectedFingerprint(flag: string | undefined): string | undefined {
  if (flag === undefined) return undefined;
  const hex = flag.toLowerCase();
  if (!SHA256_HEX.test(hex)) {
    throw new UsageError(
      '--confirm-fingerprint: expected 64 hexadecimal characters, the SHA-256 of the value',
    );
  }
  return hex;
}
