import { createKeyringWith, type Keyring, type KeyringOptions } from '../keyring.js';
import { nodeAead } from './aead.js';

/** The keyring over node:crypto (AES-NI): the same envelopes as the portable one, faster. */
export function createKeyring(options: KeyringOptions): Keyring {
  return createKeyringWith(nodeAead, options);
}
