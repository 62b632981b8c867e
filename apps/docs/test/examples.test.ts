import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BinSpec } from '../../../packages/cli/src/bins.js';
import { KICI_ADMIN, KIKET } from '../../../packages/cli/src/bins.js';
import { catalogOf } from '../../../packages/cli/src/program.js';
import { DOCS } from './dist.js';

// Every kici-admin / kiket command line in the hand-written pages names a command that exists
// and only options that command (or every command) accepts: the guides cannot invent a flag.
const BINS = new Map<string, BinSpec>([
  ['kici-admin', KICI_ADMIN],
  ['kiket', KIKET],
]);
const GLOBAL = [
  '--help',
  '-h',
  '--version',
  '-v',
  ...catalogOf(KICI_ADMIN).globalOptions.map((o) => o.flags),
];

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'reference' || name.startsWith('.')) return [];
    return statSync(path).isDirectory() ? markdownFiles(path) : name.endsWith('.md') ? [path] : [];
  });
}

/** The command lines of a page's code blocks, continuation lines joined. */
function commandLines(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```(?:sh|bash)?\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks
    .flatMap((block) => block.replace(/\\\n\s*/g, ' ').split('\n'))
    .flatMap((line) => line.replace(/#.*$/, '').split(/\||&&|\$\(/))
    .map((part) => part.trim().replace(/^\$ /, ''))
    .map((part) => part.replace(/^([A-Z_]+=\S*\s+)+/, ''))
    .filter((part) => /^(kici-admin|kiket)\s/.test(part));
}

function check(line: string): string | undefined {
  const words = line.split(/\s+/);
  const bin = BINS.get(words[0] ?? '');
  if (bin === undefined) return undefined;
  const rest = words.slice(1);
  const positional = rest.filter((w) => !w.startsWith('-'));
  let group = '';
  for (let n = 1; n <= positional.length; n++) {
    const name = positional.slice(0, n).join(' ');
    if (bin.groups.some((g) => g.name === name)) group = name;
  }
  const depth = group === '' ? 0 : group.split(' ').length;
  const word = positional[depth];
  const spec = bin.commands.find((c) => (c.group ?? '') === group && c.name.split(' ')[0] === word);
  if (spec === undefined) return `${line}: no command "${[group, word].filter(Boolean).join(' ')}"`;
  const accepted = [...GLOBAL, ...(spec.options ?? []).map((o) => o.flags)].flatMap((f) =>
    f.split(/,\s*/).map((x) => x.split(' ')[0] ?? x),
  );
  for (const flag of rest.filter((w) => /^--?[a-z]/.test(w)).map((w) => w.split('=')[0] ?? w)) {
    const positive = flag.replace(/^--no-/, '--');
    if (!accepted.includes(flag) && !accepted.includes(`--no-${positive.slice(2)}`)) {
      return `${line}: ${flag} is not an option of ${bin.name} ${[group, word].filter(Boolean).join(' ')}`;
    }
  }
  return undefined;
}

describe('the command lines of the guides', () => {
  const files = markdownFiles(DOCS);
  const lines = files.flatMap((file) =>
    commandLines(readFileSync(file, 'utf8')).map((line) => ({ file: relative(DOCS, file), line })),
  );

  it('are found', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(lines.length).toBeGreaterThan(50);
  });

  it('name real commands and only their options', () => {
    const problems = lines
      .map(({ file, line }) => ({ file, problem: check(line) }))
      .filter((x) => x.problem !== undefined)
      .map((x) => `${x.file}: ${x.problem}`);
    expect(problems).toEqual([]);
  });

  it('catch an invented flag or command', () => {
    expect(check('kici-admin secret set acme production K --frobnicate')).toContain('--frobnicate');
    expect(check('kiket extensions secrets frob --scope extension')).toContain('no command');
    expect(check('kici-admin secret set --scope production DB_PASSWORD --prompt')).toBeUndefined();
  });
});
