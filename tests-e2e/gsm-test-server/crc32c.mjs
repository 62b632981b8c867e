// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit: deliberately not the
// table-driven code of @kici/store-gsm, so the two check each other.

/** @param {Uint8Array} bytes @returns {number} the unsigned CRC */
export function crc32c(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
