import { camelCase } from './camel-case.js';
import type { OptionSpec } from './command.js';

/**
 * cac parses with mri, which reads an option value that looks like a number as a number
 * (`--value 0042` becomes 42, `--from-file 007` becomes 7) and lets a boolean flag swallow the
 * next word (`--json 0042` turns the positional into 42). A secret, a path or an id must arrive
 * exactly as typed, so boolean flags are pinned (`--json` → `--json=true`) before cac parses,
 * and string options are read back from the words afterwards, following mri's rules for which
 * word is whose value.
 */

export interface OptionKinds {
  /** Long names (camelCase) of boolean flags, the positive form of `--no-x` included. */
  readonly booleans: ReadonlySet<string>;
  /** One-letter boolean aliases and their long names (`h` → `help`). */
  readonly shortBooleans: ReadonlyMap<string, string>;
  /** Long names (camelCase) of options that take a value. */
  readonly strings: ReadonlySet<string>;
}

/** Which options take a value and which are flags, as cac reads `--x <v>`, `--x`, `--no-x`. */
export function optionKinds(options: readonly OptionSpec[]): OptionKinds {
  const booleans = new Set<string>();
  const shortBooleans = new Map<string, string>();
  const strings = new Set<string>();
  for (const { flags } of options) {
    const names = flags
      .replace(/[<[].*/, '')
      .split(',')
      .map((n) => n.trim().replace(/^-{1,2}/, ''));
    const long = camelCase((names.at(-1) ?? '').replace(/^no-/, ''));
    if (flags.includes('<')) {
      strings.add(long);
      continue;
    }
    booleans.add(long);
    for (const short of names.filter((n) => n.length === 1)) shortBooleans.set(short, long);
  }
  return { booleans, shortBooleans, strings };
}

/** The words with every bare boolean flag given an explicit `=true`. */
export function pinBooleans(words: readonly string[], kinds: OptionKinds): string[] {
  const end = words.indexOf('--');
  return words.map((word, i) => {
    if (end !== -1 && i >= end) return word;
    const short = /^-([A-Za-z])$/.exec(word)?.[1];
    const alias = short === undefined ? undefined : kinds.shortBooleans.get(short);
    if (alias !== undefined) return `--${alias}=true`;
    const long = /^--([A-Za-z][\w-]*)$/.exec(word)?.[1];
    return long !== undefined && kinds.booleans.has(camelCase(long)) ? `${word}=true` : word;
  });
}

/** Every value given to each string option, as typed, in order (camelCase names). */
export function rawStrings(words: readonly string[], kinds: OptionKinds): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (word === '--') break;
    if (!word.startsWith('-') || word === '-') continue;
    const body = word.replace(/^-+/, '');
    if (body.startsWith('no-')) continue; // mri: a negation never takes a value
    const eq = body.indexOf('=');
    const name = camelCase(eq === -1 ? body : body.slice(0, eq));
    let value: string | undefined = eq === -1 ? '' : body.slice(eq + 1);
    if (value === '') {
      // mri: no inline value, so the next word is the value unless it looks like a flag.
      const next = words[i + 1];
      value = next !== undefined && !next.startsWith('-') ? next : undefined;
      if (value !== undefined) i++;
    }
    if (value !== undefined && kinds.strings.has(name)) {
      found.set(name, [...(found.get(name) ?? []), value]);
    }
  }
  return found;
}

/** The index of the first positional word (the command), skipping options and their values. */
export function firstPositional(words: readonly string[]): number {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (word === '--') return -1;
    if (!word.startsWith('-') || word === '-') return i;
    // Same rule as mri (booleans are pinned with `=true` beforehand): a bare option takes the
    // next word as its value unless it looks like a flag.
    if (!word.includes('=') && !/^--?no-/.test(word) && !(words[i + 1] ?? '-').startsWith('-')) {
      i++;
    }
  }
  return -1;
}
