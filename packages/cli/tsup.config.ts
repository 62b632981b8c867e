import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared.js';

export default defineConfig({
  ...libraryBuild,
  platform: 'node',
  // main is the kici-admin bin: src/main.ts starts with its shebang, which esbuild keeps.
  entry: { index: 'src/index.ts', main: 'src/main.ts' },
});
