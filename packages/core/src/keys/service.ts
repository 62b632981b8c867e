import { DecryptError, encodeAad, type Keyring } from '@kici/crypto';
import { configAad } from '../kernel/aad.js';
import { KiciError } from '../kernel/errors.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import type { Store } from '../store.js';
import type { KeyCheckRecord } from './port.js';

/** The known value every key check seals; the AAD binds the key version. */
const LABEL = new TextEncoder().encode('kici key check v1');
const keyCheckAad = (keyVersion: number) => encodeAad('kici/key-check/v1', [String(keyVersion)]);

/** What start-up learned: checked, a check recorded, or an older database left unverified. */
export type KeyCheckOutcome = 'verified' | 'recorded' | 'unverified';

export interface KeyCheckDeps {
  readonly store: Pick<Store, 'keyChecks' | 'config' | 'transaction'>;
  readonly keyring: KeyringHolder;
}

function opens(ring: Keyring, check: KeyCheckRecord): boolean {
  try {
    ring.open(check.ciphertext, keyCheckAad(check.keyVersion)).plaintext.fill(0);
    return true;
  } catch (error) {
    if (error instanceof DecryptError) return false;
    throw error;
  }
}

export function keyMismatch(keyVersion: number): KiciError {
  return new KiciError(
    'conflict',
    `The configured master key cannot open this database: the key check of key version ${keyVersion} opens with neither KICI_SECRET_KEY / KICI_SECRET_KEY_FILE nor KICI_SECRET_KEY_OLD. Refusing to start. Likely causes: the master key was changed (a rotation) without setting KICI_SECRET_KEY_OLD to the previous key; KICI_SECRET_KEY_FILE names the wrong file; or a development key (.kici/secret.key) was generated here while the data was written with another key. Start with the key that wrote the data (to rotate: the new key as KICI_SECRET_KEY and that one as KICI_SECRET_KEY_OLD).`,
  );
}

/**
 * Key checks: one sealed known value per key version, so that a wrong master key is caught
 * at start-up instead of as a 500 on every read. The check of the highest key version is the
 * one that must open (with the current key, or the old one during a rotation): every row
 * the data holds was sealed with that key or, mid-rotation, with the old one.
 */
export function createKeyCheckService({ store, keyring }: KeyCheckDeps) {
  async function record(ring: Keyring) {
    await store.keyChecks.insert(ring.version, ring.seal(LABEL, keyCheckAad(ring.version)));
  }

  /** Before key checks existed: the oldest config version (always one) tells if the key fits. */
  async function dataOpens(ring: Keyring): Promise<boolean> {
    const [row] = await store.transaction((tx) =>
      tx.config.lockBatchBelowVersion(2_147_483_647, 1, new Date(Date.now() + 86_400_000)),
    );
    if (!row) return true;
    try {
      ring.open(row.ciphertext, configAad(row.key, row.version)).plaintext.fill(0);
      return true;
    } catch (error) {
      if (error instanceof DecryptError) return false;
      throw error;
    }
  }

  return {
    /** Seals the check of `ring`'s key version (rotation calls it for the new version). */
    record,

    /**
     * Start-up: refuses a key that opens no current check; records the check of the key
     * version this instance writes when it has none.
     * @throws {KiciError} conflict, naming the likely causes.
     */
    async verify(): Promise<KeyCheckOutcome> {
      const ring = keyring.current();
      const checks = await store.keyChecks.list();
      if (checks.length === 0) {
        // A database written before key checks: never refused, checked from its data.
        if (!(await dataOpens(ring))) return 'unverified';
        await record(ring);
        return 'recorded';
      }
      const latest = checks.reduce((a, b) => (b.keyVersion > a.keyVersion ? b : a));
      if (!opens(ring, latest)) throw keyMismatch(latest.keyVersion);
      if (ring.version > latest.keyVersion) {
        await record(ring);
        return 'recorded';
      }
      return 'verified';
    },
  };
}

export type KeyCheckService = ReturnType<typeof createKeyCheckService>;
