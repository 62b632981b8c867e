import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerConfig } from './env.js';

export const dispatcherCredentialPath = (config: ServerConfig) =>
  join(config.dataDir, 'dispatcher.token');

/**
 * The dispatcher's credential: KICI_DISPATCHER_TOKEN, or else one generated on first start
 * into KICI_DATA_DIR/dispatcher.token (mode 0600) for the dispatcher to read.
 */
export function loadDispatcherCredential(
  config: ServerConfig,
  log: (line: string) => void,
): string {
  if (config.dispatcherToken) return config.dispatcherToken;
  const path = dispatcherCredentialPath(config);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, `kici_dispatch_${randomBytes(32).toString('hex')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    log(`Generated the dispatcher credential at ${path} (mode 0600)`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    log(`Using the dispatcher credential at ${path}`);
  }
  return readFileSync(path, 'utf8').trim();
}
