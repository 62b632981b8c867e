import { defineConfig } from 'vitest/config';

// Every package's tests report to the console and to test-results/vitest.json, which
// scripts/test-summary.mjs adds up into one closing line for CI.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
