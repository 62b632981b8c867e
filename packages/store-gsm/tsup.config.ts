import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared.js';

export default defineConfig({
  ...libraryBuild,
  platform: 'node',
  entry: { index: 'src/index.ts' },
});
