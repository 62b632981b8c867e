import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Keyring } from '@kici/crypto';
import { KeyConfigError, loadKeyringFromEnv } from '@kici/crypto/node';
import { ensureDataDir } from './data-dir.js';
import { devKeyPath, type ServerConfig } from './env.js';

export interface MasterKeyring {
  readonly keyring: Keyring;
  /** A generated development key (embedded database, no key configured): the dev default. */
  readonly development: boolean;
}

/**
 * The master keyring from KICI_SECRET_KEY / KICI_SECRET_KEY_FILE (+ _OLD). With the embedded
 * database and no key configured, a development key is kept beside the data (mode 0600),
 * generated on first start; a real database always needs a configured key.
 */
export function loadMasterKeyring(
  config: ServerConfig,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): MasterKeyring {
  try {
    return { keyring: loadKeyringFromEnv(env), development: false };
  } catch (error) {
    if (!(error instanceof KeyConfigError) || error.code !== 'KEY_NOT_FOUND' || config.databaseUrl)
      throw error;
  }
  const path = devKeyPath(config);
  ensureDataDir(config.dataDir);
  try {
    // 'wx': never overwrite a key that exists, even if two processes start at once.
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    log(
      `Generated a development master key at ${path} (mode 0600). Set KICI_SECRET_KEY or KICI_SECRET_KEY_FILE in production.`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    log(`Using the development master key at ${path}`);
  }
  return {
    keyring: loadKeyringFromEnv({ ...env, KICI_SECRET_KEY_FILE: path }),
    development: true,
  };
}
