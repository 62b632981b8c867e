// The built site, read by the tests: turbo builds it before `test` (turbo.json).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DIST = fileURLToPath(new URL('../dist', import.meta.url));
export const DOCS = fileURLToPath(new URL('../docs', import.meta.url));

export function requireDist(): void {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error('apps/docs/dist is missing: run `pnpm --filter @kici/docs build` first');
  }
}

/** A built page's HTML, by its Markdown path under docs/ (`reference/cli/kici-admin/secret.md`). */
export const builtPage = (markdownPath: string): string =>
  readFileSync(join(DIST, markdownPath.replace(/\.md$/, '.html')), 'utf8');

/** Every built page of a folder. */
export const builtPages = (folder: string): string[] =>
  readdirSync(join(DIST, folder))
    .filter((name) => name.endsWith('.html'))
    .map((name) => readFileSync(join(DIST, folder, name), 'utf8'));

/**
 * The HTML of the section an id starts: from the element carrying it to the next heading of
 * the same or a higher level.
 */
export function section(html: string, id: string): string | undefined {
  const start = html.search(new RegExp(`<h([1-6])[^>]*\\sid="${id}"`));
  if (start < 0) return undefined;
  const level = Number(html[start + 2]);
  const rest = html.slice(start + 1);
  const next = rest.search(new RegExp(`<h[1-${level}][\\s>]`));
  return next < 0 ? rest : rest.slice(0, next);
}

/** Text as HTML writes it (what to look for in a built page). */
export const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
