/**
 * Discovery: the project's secret ids, page after page of `secrets.list` (`nextPageToken`
 * until there is none). Names that are not `…/secrets/{id}` with a valid id are skipped and
 * counted; a page token seen twice, or too many pages, ends the listing as a bad answer.
 */
import { SECRET_ID } from './paths.js';

export const MAX_PAGES = 10_000;

export class ListShapeError extends Error {
  override name = 'ListShapeError';
}

/** One page: the parsed `secrets.list` answer for `pageToken` ('' for the first). */
export type ListPage = (pageToken: string) => Promise<unknown>;

export async function listSecrets(page: ListPage): Promise<{ ids: string[]; skipped: number }> {
  const ids = new Set<string>();
  const seen = new Set<string>();
  let skipped = 0;
  let token = '';
  for (let pages = 0; ; pages++) {
    if (pages >= MAX_PAGES) throw new ListShapeError(`more than ${MAX_PAGES} pages`);
    const body = (await page(token)) as { secrets?: unknown; nextPageToken?: unknown } | undefined;
    const secrets = body?.secrets ?? [];
    if (!Array.isArray(secrets)) throw new ListShapeError('unexpected answer shape');
    for (const secret of secrets) {
      const name = (secret as { name?: unknown } | null)?.name;
      const id = typeof name === 'string' ? /\/secrets\/([^/]+)$/.exec(name)?.[1] : undefined;
      if (id !== undefined && SECRET_ID.test(id)) ids.add(id);
      else skipped += 1;
    }
    const next = body?.nextPageToken;
    if (next === undefined || next === '') break;
    if (typeof next !== 'string' || seen.has(next)) {
      throw new ListShapeError('a page token repeated or malformed');
    }
    seen.add(next);
    token = next;
  }
  return { ids: [...ids].sort(), skipped };
}
