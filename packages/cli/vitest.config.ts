import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// The tests drive the built bin; the global setup refuses to start without it.
export default mergeConfig(
  shared,
  defineConfig({ test: { globalSetup: ['test/global-setup.ts'] } }),
);
