#!/usr/bin/env node
// Adds up the vitest JSON reports of every workspace package into one closing line:
// "tests: N passed, N failed, N skipped".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = ['packages', 'apps']
  .flatMap((folder) => readdirSync(join(root, folder)).map((name) => join(root, folder, name)))
  .concat([join(root, 'tests-e2e')])
  .map((dir) => join(dir, 'test-results', 'vitest.json'))
  .filter((path) => existsSync(path));

const total = { passed: 0, failed: 0, skipped: 0 };
for (const path of reports) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  total.passed += report.numPassedTests;
  total.failed += report.numFailedTests;
  total.skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`\n${reports.length} test reports`);
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
