import { mkdirSync } from 'node:fs';

/**
 * Creates KICI_DATA_DIR (and its parents) with mode 0700 when missing, whichever key source is
 * configured: the embedded database, the development key and the dispatcher credential live
 * there. An existing directory is left as the operator made it. Returns the first directory
 * created, if any.
 */
export function ensureDataDir(dataDir: string): string | undefined {
  return mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}
