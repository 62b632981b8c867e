// The layout rules of packages/core/README.md ("Adding a domain"), checked on the source: a
// domain imports kernel/, the Store port and, for types only, another domain's port.ts; kernel/
// imports no domain; nothing imports a store, a driver, Hono or cac.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../src');
const PACKAGES = [
  '@kici/contracts/vocabulary',
  '@kici/crypto',
  '@kici/crypto/webhooks',
  '@kici/rbac',
  'valibot',
  'yaml',
  // Deliveries POST over node:http(s): Node's fetch cannot present a client certificate.
  'node:http',
  'node:https',
];
const WIRING = ['core.ts', 'index.ts', 'store.ts'];

const files = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((name) => name.endsWith('.ts'))
  .map((name) => name.split('\\').join('/'));

/** Every `import … from '…'` of a file, with whether it is type-only. */
function importsOf(file: string) {
  const text = readFileSync(join(SRC, file), 'utf8');
  return [...text.matchAll(/^import (type )?[^;]*? from '([^']+)';/gms)].map((m) => ({
    typeOnly: m[1] !== undefined,
    from: m[2] as string,
  }));
}

describe('core layout', () => {
  it('imports only the bottom-layer packages, never a store, a driver, Hono or cac', () => {
    const outside = files.flatMap((file) =>
      importsOf(file)
        .filter(({ from }) => !from.startsWith('.') && !PACKAGES.includes(from))
        .map(({ from }) => `${file}: ${from}`),
    );
    expect(outside).toEqual([]);
  });

  it('keeps each domain to kernel/, the Store port and other domains’ ports (types only)', () => {
    const crossings = files
      .filter((file) => file.includes('/'))
      .flatMap((file) => {
        const domain = file.split('/')[0] as string;
        return importsOf(file)
          .filter(({ from }) => from.startsWith('.'))
          .map(({ from, typeOnly }) => ({
            target: relative(SRC, join(SRC, domain, from.replace(/\.js$/, '.ts')))
              .split('\\')
              .join('/'),
            typeOnly,
          }))
          .filter(({ target, typeOnly }) => {
            const [folder, name] = target.split('/');
            if (folder === domain) return false;
            if (domain === 'kernel') return true; // kernel/ imports no domain
            if (folder === 'kernel') return false;
            if (WIRING.includes(target)) return target !== 'store.ts' || !typeOnly;
            return !(name === 'port.ts' && typeOnly);
          })
          .map(({ target }) => `${file} -> ${target}`);
      });
    expect(crossings).toEqual([]);
  });
});
