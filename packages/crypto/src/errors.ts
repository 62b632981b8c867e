/**
 * The master key text was not 64 hex characters or base64 of 32 bytes.
 * The message says what was expected and never contains the input.
 */
export class MasterKeyError extends Error {
  override readonly name = 'MasterKeyError';
}

/**
 * An envelope could not be opened. One message for every cause (wrong key, changed AAD,
 * changed byte, truncated or unknown format), so a caller learns nothing it could use as
 * an oracle.
 */
export class DecryptError extends Error {
  override readonly name = 'DecryptError';
  constructor() {
    super('Decryption failed: wrong key, wrong context, or corrupted data');
  }
}
