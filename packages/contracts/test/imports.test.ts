// @kici/contracts runs in the CLI and in browsers: it may import valibot and its own files,
// nothing of ours (no @kici/*) and no Node built-in. The openapi subpath adds its converter,
// and its write script (run by node, imported by nothing) writes a file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('imports', () => {
  const files = sourceFiles(src);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  const specifiersOf = (file: string) => {
    const text = readFileSync(file, 'utf8');
    const statics = text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms);
    const dynamics = text.matchAll(/\bimport\(\s*'([^']+)'/g);
    return [...statics, ...dynamics].map((m) => m[1] ?? '');
  };
  const relative = (specifier: string) => specifier.startsWith('./') || specifier.startsWith('../');

  it('reads the import specifiers of a file', () => {
    expect(specifiersOf(join(src, 'index.ts')).length).toBeGreaterThan(10);
  });

  const allowed = (file: string, specifier: string) =>
    specifier === 'valibot' ||
    relative(specifier) ||
    (file.includes('/openapi/') && specifier === '@valibot/to-json-schema') ||
    (file.endsWith('/openapi/write.ts') && specifier === 'node:fs');

  it.each(files.map((file) => [file.slice(src.length + 1), file]))(
    '%s imports only valibot and relative files',
    (_, file) => {
      for (const specifier of specifiersOf(file)) expect(allowed(file, specifier)).toBe(true);
    },
  );

  it('no file outside openapi/ imports it: the main entry stays without the converter', () => {
    for (const file of files.filter((f) => !f.includes('/openapi/'))) {
      expect(specifiersOf(file).filter((s) => s.includes('openapi'))).toEqual([]);
    }
  });

  // @kici/rbac and @kici/core import the vocabulary subpath: it must not pull in valibot.
  it.each(
    files
      .filter((file) => file.includes('/vocabulary/'))
      .map((file) => [file.slice(src.length + 1), file]),
  )('%s imports nothing but vocabulary files', (_, file) => {
    for (const specifier of specifiersOf(file)) expect(relative(specifier)).toBe(true);
  });
});
