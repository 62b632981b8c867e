import { cp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared.js';

// The bundled store-pg finds its migrations at ../drizzle from dist/main.js: ship a copy here.
async function copyMigrations(): Promise<void> {
  const storePg = dirname(createRequire(import.meta.url).resolve('@kici/store-pg/package.json'));
  await rm('drizzle', { recursive: true, force: true });
  await cp(join(storePg, 'drizzle'), 'drizzle', { recursive: true });
}

export default defineConfig([
  {
    // The library entries import the workspace packages, as any workspace library does.
    ...libraryBuild,
    platform: 'node',
    entry: { index: 'src/index.ts', testing: 'src/testing.ts' },
    external: [/^@kici\//],
    // The bin build below writes main.js at the same time: leave it alone.
    clean: ['!main.js', '!main.js.map'],
  },
  {
    // The kici-server bin (shebang kept by esbuild) bundles the workspace packages, so the
    // packed @kici/server installs without them; postgres is bundled with the repository's
    // patch (patches/postgres@3.4.9.patch), drizzle-orm with it. The third-party packages in
    // "dependencies" (PGlite with its wasm files above all) stay external.
    ...libraryBuild,
    platform: 'node',
    entry: { main: 'src/main.ts' },
    dts: false,
    clean: false,
    splitting: false,
    noExternal: [/^@kici\//, /^postgres$/, /^drizzle-orm(\/|$)/],
    onSuccess: copyMigrations,
  },
]);
