/**
 * Discovery: every secret under the base path, folder by folder (LIST on each), a few
 * folders at a time. Names that are not valid path segments, or paths no scope could name,
 * are skipped and counted: no job could read them through this backend anyway.
 */
import { isScopePath } from '@kici/contracts';
import { checkPath, joinPath } from './paths.js';

/** Lists one folder (relative to the base path): its keys, folders ending in `/`. */
export type ListFolder = (folder: string) => Promise<readonly string[]>;

export const LIST_CONCURRENCY = 8;

export async function listTree(
  listFolder: ListFolder,
): Promise<{ paths: string[]; skipped: number }> {
  const paths: string[] = [];
  let skipped = 0;
  let level = [''];
  while (level.length > 0) {
    const next: string[] = [];
    const queue = [...level];
    const worker = async () => {
      for (let folder = queue.shift(); folder !== undefined; folder = queue.shift()) {
        for (const key of await listFolder(folder)) {
          const isFolder = key.endsWith('/');
          const name = isFolder ? key.slice(0, -1) : key;
          const path = joinPath(folder, name);
          // Safe in a URL, and a path a scope can name (`openbao-prod:<path>`).
          if ('problem' in checkPath(name) || !isScopePath(path)) {
            skipped += 1;
            continue;
          }
          (isFolder ? next : paths).push(path);
        }
      }
    };
    const workers = Array.from({ length: Math.min(LIST_CONCURRENCY, queue.length) }, () =>
      // One failure ends the listing: the other workers stop taking folders.
      worker().catch((error: unknown) => {
        queue.length = 0;
        throw error;
      }),
    );
    await Promise.all(workers);
    level = next;
  }
  return { paths: paths.sort(), skipped };
}
