import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every KICI_* variable the code reads must be on the configuration page, and the page must
// name no variable the code does not read.
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PAGE = readFileSync(
  fileURLToPath(new URL('../docs/configuration.md', import.meta.url)),
  'utf8',
);

/** Names that match the pattern but are not variables the code reads. */
const NOT_VARIABLES: Record<string, string> = {
  KICI_ADMIN: 'the BinSpec constant of kici-admin (packages/cli/src/bins.ts)',
  KICI_DATABASE_URL: 'an example secret key in the CLI examples',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const SOURCES = [
  ...readdirSync(join(ROOT, 'packages')).flatMap((pkg) =>
    filesUnder(join(ROOT, 'packages', pkg, 'src')),
  ),
  ...filesUnder(join(ROOT, 'apps', 'dashboard', 'src')),
  ...filesUnder(join(ROOT, 'scripts')),
  join(ROOT, 'server.js'),
];
/** Where the development and CI variables the page also lists are read. */
const TOOLING = [
  ...filesUnder(join(ROOT, '.ci')),
  ...readdirSync(join(ROOT, 'packages')).flatMap((pkg) =>
    filesUnder(join(ROOT, 'packages', pkg, 'test')),
  ),
];

/** Whole names only: `KICI_DELIVERY_*` in a comment is a family, not a variable. */
const namesIn = (text: string) =>
  [...text.matchAll(/\bKICI_[A-Z0-9_]*[A-Z0-9]\b(?![*_])/g)].map((m) => m[0]);

const READ = new Set(
  SOURCES.flatMap((file) => namesIn(readFileSync(file, 'utf8'))).filter(
    (n) => !(n in NOT_VARIABLES),
  ),
);
const KNOWN = new Set([...READ, ...TOOLING.flatMap((file) => namesIn(readFileSync(file, 'utf8')))]);
const DOCUMENTED = new Set(namesIn(PAGE));

describe('the configuration reference', () => {
  it('finds the variables in the code', () => {
    expect(SOURCES.length).toBeGreaterThan(100);
    expect(READ).toContain('KICI_SECRET_KEY');
    expect(READ.size).toBeGreaterThan(40);
  });

  it('documents every KICI_* variable the code reads', () => {
    const missing = [...READ].filter((name) => !DOCUMENTED.has(name)).sort();
    expect(missing).toEqual([]);
  });

  it('documents no KICI_* variable the code, its tests and CI do not read', () => {
    const invented = [...DOCUMENTED].filter((name) => !KNOWN.has(name)).sort();
    expect(invented).toEqual([]);
  });

  it('gives each variable a row of its own table', () => {
    for (const name of READ) expect(PAGE, name).toMatch(new RegExp(`^\\| \`${name}\``, 'm'));
  });
});
