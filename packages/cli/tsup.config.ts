import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared.js';

export default defineConfig([
  {
    // The library entry imports the workspace packages, as any workspace library does.
    ...libraryBuild,
    platform: 'node',
    entry: { index: 'src/index.ts' },
    external: [/^@kici\//],
    // The bin build below writes main.js at the same time: leave it alone.
    clean: ['!main.js', '!main.js.map', '!kiket.js', '!kiket.js.map'],
  },
  {
    // The bins, kici-admin (main) and kiket: each entry starts with its shebang, which esbuild
    // keeps. Each bundles @kici/contracts, so the packed @kici/cli installs without the workspace; the
    // third-party packages in "dependencies" stay external.
    ...libraryBuild,
    platform: 'node',
    entry: { main: 'src/main.ts', kiket: 'src/kiket.ts' },
    dts: false,
    clean: false,
    splitting: false,
    noExternal: [/^@kici\//],
  },
]);
