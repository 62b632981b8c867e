/**
 * CRC-32C (Castagnoli), the checksum Secret Manager sends with a payload as `dataCrc32c`:
 * reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF, one table lookup
 * per byte.
 */

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** Continues `previous` (the CRC of earlier bytes; 0 to start) over `bytes`. */
export function crc32c(bytes: Uint8Array, previous = 0): number {
  let crc = ~previous >>> 0;
  for (const byte of bytes) crc = (TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return ~crc >>> 0;
}
