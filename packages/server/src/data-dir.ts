import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Creates KICI_DATA_DIR (and its parents) with mode 0700 when missing, whichever key source is
 * configured: the embedded database, the development key and the dispatcher credential live
 * there. An existing directory is left as the operator made it. Returns the first directory
 * created, if any.
 */
export function ensureDataDir(dataDir: string): string | undefined {
  return mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}

/**
 * PostgreSQL's own rule for its data directory: a directory that group or others can reach is
 * refused, with the command that fixes it, rather than used. Missing is fine (created 0700).
 * @throws {Error} naming the directory, its mode and `chmod 700 <dir>`.
 */
export function checkPrivateDir(dir: string): void {
  let mode: number;
  try {
    mode = statSync(dir).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((mode & 0o077) === 0) return;
  throw new Error(
    `The data directory ${dir} has mode ${mode.toString(8).padStart(4, '0')}: group or others can reach the database and keys in it. It must be 0700 (like PostgreSQL's own data directory). Fix it with: chmod 700 ${dir}`,
  );
}

/** Creates `dir` 0700 when missing, then refuses it unless it is private. */
export function ensurePrivateDir(dir: string): string | undefined {
  checkPrivateDir(dir);
  return mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Takes group and other bits off every file and directory under `dir`: the embedded
 * database's initial files are written world-readable by PGlite, whatever the umask says.
 */
export function tightenTree(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) continue;
    if ((stat.mode & 0o077) !== 0) chmodSync(path, stat.mode & 0o700);
    if (stat.isDirectory()) tightenTree(path);
  }
}
