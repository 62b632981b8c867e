import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared.js';

export default defineConfig({
  ...libraryBuild,
  entry: {
    index: 'src/index.ts',
    vocabulary: 'src/vocabulary/index.ts',
    'openapi/index': 'src/openapi/index.ts',
    'openapi/write': 'src/openapi/write.ts',
  },
});
