#!/usr/bin/env node
// Generates the reference pages (see generate-main.ts). The CLI's command definitions are
// TypeScript sources of packages/cli, so esbuild bundles the generator first (a second or
// so); @kici/contracts is taken built, as every package takes it.
import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = new URL('..', import.meta.url);
const outfile = fileURLToPath(new URL('.generated/generate.mjs', here));
mkdirSync(fileURLToPath(new URL('.generated', here)), { recursive: true });
await build({
  entryPoints: [fileURLToPath(new URL('scripts/generate-main.ts', here))],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['@kici/contracts', '@kici/contracts/*'],
  logLevel: 'warning',
});
const { generate } = await import(pathToFileURL(outfile).href);
const count = generate(fileURLToPath(new URL('docs', here)));
console.log(`[docs] generated ${count} reference pages`);
