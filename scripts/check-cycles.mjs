#!/usr/bin/env node
// Fails on an import circle between source files (type-only imports count too) in any
// package's src/, the apps and the Vault and GSM test servers. Imports between packages are left to
// the workspace graph, which pnpm and turbo already keep acyclic.
// It first checks itself on scripts/cycle-fixture/ (a.ts <-> b.ts): a checker that stopped
// resolving `./x.js` to `x.ts` would otherwise report no circle, and pass, forever.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import madge from 'madge';

const root = new URL('..', import.meta.url).pathname;
const options = {
  baseDir: root,
  fileExtensions: ['ts', 'tsx', 'mts', 'js', 'mjs'],
  excludeRegExp: [/(^|\/)(dist|node_modules|coverage|test-results)\//, /\.d\.ts$/],
  tsConfig: join(root, 'tsconfig.base.json'),
};

const circles = async (paths) => (await madge(paths, options)).circular();

const fixture = await circles([join(root, 'scripts/cycle-fixture')]);
if (fixture.length !== 1) {
  console.error(`check-cycles: expected the fixture's one circle, found ${fixture.length}`);
  process.exit(1);
}

const sources = [
  ...['packages', 'apps'].flatMap((folder) =>
    readdirSync(join(root, folder)).map((name) => join(root, folder, name, 'src')),
  ),
  join(root, 'tests-e2e/vault-test-server'),
  join(root, 'tests-e2e/gsm-test-server'),
].filter((path) => existsSync(path));

const found = await circles(sources);
for (const circle of found) console.error(`import circle: ${circle.join(' -> ')} -> ${circle[0]}`);
console.log(
  `check-cycles: ${found.length} import circle(s) in ${sources.map((p) => relative(root, p)).join(', ')}`,
);
process.exit(found.length > 0 ? 1 : 0);
