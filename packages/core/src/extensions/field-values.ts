import { BUILT_IN_BACKEND } from '@kici/contracts/vocabulary';
import { KiciError } from '../kernel/errors.js';
import { openSecret } from '../kernel/integrity.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import type { SecretLink } from '../kernel/links.js';
import type { ScopeReader, SealedSecret } from '../resolution/port.js';

/** What reading one key's winning row gave: its value, or why it could not be read. */
export type FieldRead = { readonly value: string } | { readonly error: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads one winning row for the install gate, which reports per field rather than failing
 * the whole installation: a linked value is fetched from its backend; a failure (naming
 * backend and path) is returned, never a stale or empty value. The value stays server-side.
 */
export async function readField(
  keyring: KeyringHolder,
  readExternal: ScopeReader,
  orgId: string,
  row: SealedSecret,
): Promise<FieldRead> {
  const plaintext = openSecret(keyring.current(), row.ciphertext, {
    orgId,
    scope: row.scope,
    key: row.key,
  });
  const text = decoder.decode(plaintext);
  plaintext.fill(0);
  if (row.backendType === BUILT_IN_BACKEND) return { value: text };
  const link = JSON.parse(text) as SecretLink;
  try {
    const values = await readExternal(link.backend, link.path);
    if (!values)
      return { error: `Backend "${link.backend}" is not registered (linked path ${link.path})` };
    const value = values[link.key];
    if (value === undefined) {
      return { error: `Backend "${link.backend}": ${link.path} has no key ${link.key}` };
    }
    return { value };
  } catch (error) {
    if (error instanceof KiciError) return { error: error.message };
    throw error;
  }
}
