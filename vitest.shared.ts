import { defineConfig } from 'vitest/config';

// Every package's tests report to the console and to test-results/vitest.json, which
// scripts/test-summary.mjs adds up into one closing line for CI.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CI machines have 2 cores shared by every package's tests: leave room for load.
    testTimeout: 30_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
