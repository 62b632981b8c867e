import type { CAC } from 'cac';
import { camelCase } from './camel-case.js';
import { printable } from './output.js';

/**
 * cac reports an unknown option by its camelCase name (`--bogusFlag`); the operator typed
 * `--bogus-flag`. This finds the word as typed and the nearest option the command accepts.
 */

/** Edit distance with adjacent transpositions counted as one edit (`scpoe` → `scope`: 1). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (d[i - 2]?.[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return d[a.length]?.[b.length] as number;
}

/** The long option names (as typed, without dashes) the matched command and the globals accept. */
function acceptedNames(cli: CAC): string[] {
  const options = [...(cli.matchedCommand?.options ?? []), ...cli.globalCommand.options];
  return [
    ...new Set(
      options.flatMap((o) => [...o.rawName.matchAll(/--([\w-]+)/g)].map((m) => m[1] as string)),
    ),
  ];
}

/** The nearest accepted name when it is a near miss, else undefined. */
export function nearest(typed: string, names: readonly string[]): string | undefined {
  const limit = typed.length <= 3 ? 1 : 2;
  let best: { name: string; score: number } | undefined;
  for (const name of names) {
    const score = distance(typed, name);
    if (score <= limit && (best === undefined || score < best.score)) best = { name, score };
  }
  return best?.name;
}

/**
 * cac's "Unknown option `--bogusFlag`" as typed, with a "did you mean" for a near miss;
 * undefined when the message is not about an unknown long option.
 */
export function unknownOptionMessage(message: string, words: readonly string[], cli: CAC) {
  const reported = /^Unknown option `--([^`]+)`$/.exec(message)?.[1];
  if (reported === undefined) return undefined;
  const end = words.indexOf('--');
  const typed =
    (end === -1 ? words : words.slice(0, end))
      .filter((w) => w.startsWith('--'))
      .map((w) => w.slice(2).replace(/=.*/s, ''))
      .find(
        (name) => camelCase(name) === reported || camelCase(name.replace(/^no-/, '')) === reported,
      ) ?? reported;
  const near = nearest(typed.replace(/^no-/, ''), acceptedNames(cli));
  return `Unknown option \`--${printable(typed)}\`${near === undefined ? '' : `; did you mean \`--${near}\`?`}`;
}
