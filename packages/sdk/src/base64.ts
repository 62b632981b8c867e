// Base64 without Buffer: btoa/atob are global in Node, browsers, Deno, Bun and edge workers.

const CHUNK = 0x8000;

/** Standard base64 (RFC 4648 §4), padded. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Standard base64, padding optional; undefined for anything else (no exception to catch). */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) {
    return undefined;
  }
  let binary: string;
  try {
    binary = atob(text.padEnd(text.length + ((4 - (text.length % 4)) % 4), '='));
  } catch {
    return undefined;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** URL-safe base64 (RFC 4648 §5) of standard base64 text. */
export const toUrlSafe = (standard: string): string =>
  standard.replace(/\+/g, '-').replace(/\//g, '_');

/** A Uint8Array, also one made in another realm (an iframe, a vm context, a worker). */
export function isBytes(value: unknown): value is Uint8Array {
  return (
    value instanceof Uint8Array ||
    (ArrayBuffer.isView(value) && value.constructor.name === 'Uint8Array')
  );
}
