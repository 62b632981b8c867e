/**
 * cac's camel-casing of option names: `from-file` → `fromFile`. A file of its own because
 * both the word rewriting (argv.ts) and the parsed options (flags.ts) spell names this way.
 */
export function camelCase(name: string): string {
  return name.replace(/([a-z])-([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase());
}
