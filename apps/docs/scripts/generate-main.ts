// Writes the generated reference pages under docs/reference/: the CLI's (from its command
// definitions) and the HTTP API's (from the OpenAPI description), and the sidebar for them.
// Bundled and run by generate.mjs; the pages are build output (git-ignored), never edited.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openApiDocument } from '@kici/contracts/openapi';
import { KICI_ADMIN, KIKET, rebrand } from '../../../packages/cli/src/bins.js';
import { catalogOf } from '../../../packages/cli/src/program.js';
import { apiReference } from './api-reference.js';
import type { Schema } from './api-schema.js';
import { cliReference } from './cli-reference.js';
import type { Page } from './markdown.js';

/** The generated folders and files, relative to docs/. */
export const GENERATED = ['reference/cli', 'reference/api', 'reference/sidebar.json'];

export function generate(docsDir: string): number {
  const cli = cliReference({
    bins: [KICI_ADMIN, KIKET],
    globalOptions: catalogOf(KICI_ADMIN).globalOptions,
    rebrand: (text, bin) => rebrand(text, bin === KIKET ? KIKET : KICI_ADMIN),
  });
  const api = apiReference(openApiDocument() as unknown as Schema);
  for (const path of GENERATED) rmSync(join(docsDir, path), { recursive: true, force: true });
  const pages: Page[] = [...cli.pages, ...api.pages];
  for (const p of pages) {
    mkdirSync(dirname(join(docsDir, p.path)), { recursive: true });
    writeFileSync(join(docsDir, p.path), p.content);
  }
  const sidebar = [...cli.sidebar, ...api.sidebar];
  writeFileSync(join(docsDir, 'reference/sidebar.json'), `${JSON.stringify(sidebar, null, 2)}\n`);
  return pages.length;
}
