import type { Options } from 'tsup';

// What every package's build shares: ESM only, declarations, runtime-neutral output.
export const libraryBuild: Options = {
  format: ['esm'],
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  clean: true,
  sourcemap: true,
};
