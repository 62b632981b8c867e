import { DecryptError, type Keyring, secretAad } from '@kici/crypto';
import type { AuditEntry } from './audit-entry.js';
import { KiciError } from './errors.js';

/** Where a stored secret lives: what an integrity failure names (never its value). */
export interface SecretCoordinates {
  readonly orgId: string;
  readonly scope: string;
  readonly key: string;
}

/**
 * A stored value that does not open: damaged, or sealed with a key this instance does not
 * hold. Code `internal` (500): the request was fine, the stored row is not. The message names
 * the row, so the answer is never a bare "Internal server error"; an audit row records it.
 */
export class IntegrityError extends KiciError {
  constructor(readonly coordinates: SecretCoordinates) {
    super(
      'internal',
      `Secret ${coordinates.key} in scope ${coordinates.scope} (org ${coordinates.orgId}): the stored value failed its integrity check (it opens with neither the current nor the old master key). It was damaged or written with another key: set it again, or restore the row.`,
    );
  }
}

/** Opens a stored secret's envelope, naming the row when it fails its integrity check. */
export function openSecret(
  keyring: Keyring,
  ciphertext: Uint8Array,
  at: SecretCoordinates,
): Uint8Array {
  try {
    return keyring.open(ciphertext, secretAad(at)).plaintext;
  } catch (error) {
    if (error instanceof DecryptError) throw new IntegrityError(at);
    throw error;
  }
}

/** The failure row of an operation whose stored value did not open (coordinates only). */
export function integrityAudit(entry: AuditEntry, at: SecretCoordinates): AuditEntry {
  return {
    ...entry,
    outcome: 'failure',
    orgId: at.orgId,
    metadata: { ...entry.metadata, reason: 'integrity', scope: at.scope, key: at.key },
  };
}
