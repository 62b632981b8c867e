// Table-driven command lines: one row is a command line and what it must give.
import { expect } from 'vitest';
import { json, type Result, type RunOptions } from './helpers.js';

/** One command line and what it must give; a field left out is not checked. */
export interface Case {
  readonly args: readonly string[];
  readonly options?: RunOptions;
  readonly code?: number;
  /** The whole of stdout / stderr, or a pattern it must match. */
  readonly stdout?: string | RegExp;
  readonly stderr?: string | RegExp;
  /** Fragments stdout / stderr must contain, or patterns it must match. */
  readonly stdoutHas?: readonly (string | RegExp)[];
  readonly stderrHas?: readonly (string | RegExp)[];
  /** stdout parsed as JSON: `toMatchObject` (json) or `toEqual` (jsonEquals). */
  readonly json?: Record<string, unknown>;
  readonly jsonEquals?: unknown;
  /** What else must hold once the command has run (and its result was checked). */
  readonly after?: (result: Result) => unknown;
}

/** One result per case, in the cases' order. */
export type Results<T extends readonly Case[]> = { -readonly [K in keyof T]: Result };

export type Runner = (args: readonly string[], options?: RunOptions) => Promise<Result>;

const whole = (actual: string, expected: string | RegExp, label: string) => {
  if (typeof expected === 'string') expect(actual, label).toBe(expected);
  else expect(actual, label).toMatch(expected);
};

const has = (actual: string, part: string | RegExp, label: string) => {
  if (typeof part === 'string') expect(actual, label).toContain(part);
  else expect(actual, label).toMatch(part);
};

/** Checks a result against its case; the command line labels every failure. */
export function expectCase(result: Result, row: Case): Result {
  const label = row.args.join(' ');
  if (row.code !== undefined) expect(result.code, `${label}\n${result.stderr}`).toBe(row.code);
  if (row.stdout !== undefined) whole(result.stdout, row.stdout, label);
  if (row.stderr !== undefined) whole(result.stderr, row.stderr, label);
  for (const part of row.stdoutHas ?? []) has(result.stdout, part, label);
  for (const part of row.stderrHas ?? []) has(result.stderr, part, label);
  if (row.json !== undefined) expect(json(result), label).toMatchObject(row.json);
  if (row.jsonEquals !== undefined) expect(json(result), label).toEqual(row.jsonEquals);
  return result;
}

/** Runs the cases one after the other (they may depend on each other), checking each. */
export async function runCases<const T extends readonly Case[]>(
  run: Runner,
  rows: T,
): Promise<Results<T>> {
  const results: Result[] = [];
  for (const row of rows) {
    const result = expectCase(await run(row.args, row.options), row);
    await row.after?.(result);
    results.push(result);
  }
  return results as Results<T>;
}

/** Runs independent cases at once, then checks each. */
export async function runCasesAtOnce<const T extends readonly Case[]>(
  run: Runner,
  rows: T,
): Promise<Results<T>> {
  const results = await Promise.all(rows.map((row) => run(row.args, row.options)));
  for (const [i, result] of results.entries()) {
    const row = rows[i] as Case;
    expectCase(result, row);
    await row.after?.(result);
  }
  return results as Results<T>;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A pattern for an output whose first line is `text`. */
export const firstLine = (text: string) => new RegExp(`^${escaped(text)}(\\n|$)`);
/** A pattern for an output whose first line contains `text`. */
export const firstLineHas = (text: string) => new RegExp(`^[^\\n]*${escaped(text)}`);

/**
 * A command line as its words, written as it is typed: split on spaces, while each
 * `${value}` stays within one word (`${url}/` is one word; so is `${'a b'}`).
 */
export function words(text: TemplateStringsArray, ...values: readonly string[]): string[] {
  const out: string[] = [];
  let word: string | undefined;
  text.forEach((literal, i) => {
    for (const part of literal.split(/(\s+)/)) {
      if (/^\s+$/.test(part)) {
        if (word !== undefined) out.push(word);
        word = undefined;
      } else if (part !== '') word = (word ?? '') + part;
    }
    if (i < values.length) word = (word ?? '') + values[i];
  });
  if (word !== undefined) out.push(word);
  return out;
}
