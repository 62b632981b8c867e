/**
 * An `:access` answer's payload → its text: base64 decoded, checked against `dataCrc32c` when
 * present (an int64 as a decimal string, or a number), then decoded as strict UTF-8. Corrupt
 * or non-text bytes are refused: a wrong value is worse than a failed read.
 */
import { crc32c } from './crc32c.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export type Decoded = { readonly text: string } | { readonly problem: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

export function decodePayload(body: unknown): Decoded {
  const payload = (body as { payload?: unknown } | undefined)?.payload;
  if (typeof payload !== 'object' || payload === null) return { problem: 'no payload' };
  const { data = '', dataCrc32c } = payload as { data?: unknown; dataCrc32c?: unknown };
  if (typeof data !== 'string' || data.length % 4 !== 0 || !BASE64.test(data)) {
    return { problem: 'payload data is not base64' };
  }
  const bytes = Buffer.from(data, 'base64');
  if (dataCrc32c !== undefined && dataCrc32c !== null) {
    const expected =
      typeof dataCrc32c === 'string' && /^[0-9]{1,20}$/.test(dataCrc32c)
        ? BigInt(dataCrc32c)
        : typeof dataCrc32c === 'number' && Number.isInteger(dataCrc32c)
          ? BigInt(dataCrc32c)
          : undefined;
    if (expected === undefined) return { problem: 'dataCrc32c is not an integer' };
    if (expected !== BigInt(crc32c(bytes))) {
      return { problem: 'payload failed its CRC32C check (corrupted on the way); refused' };
    }
  }
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    return { problem: 'payload is not UTF-8 text' };
  }
}
