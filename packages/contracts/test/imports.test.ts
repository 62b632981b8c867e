// @kici/contracts runs in the CLI and in browsers: it may import valibot and its own files,
// nothing of ours (no @kici/*) and no Node built-in.
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

  it.each(files.map((file) => [file.slice(src.length + 1), file]))(
    '%s imports only valibot and relative files',
    (_, file) => {
      const text = readFileSync(file, 'utf8');
      const statics = text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms);
      const dynamics = text.matchAll(/\bimport\(\s*'([^']+)'/g);
      const specifiers = [...statics, ...dynamics].map((m) => m[1]);
      expect(specifiers.length).toBeGreaterThan(0);
      for (const specifier of specifiers) {
        expect(
          specifier === 'valibot' || specifier?.startsWith('./') || specifier?.startsWith('../'),
        ).toBe(true);
      }
    },
  );
});
