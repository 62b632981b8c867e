import { UsageError } from '../../errors.js';
import type { Flags } from '../../flags.js';

/** An integer flag in bounds, checked before any I/O; undefined when not given. */
export function integerFlag(flags: Flags, name: string, min: number, max: number) {
  const text = flags.string(name);
  if (text === undefined) return undefined;
  const n = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`--${name}: expected an integer from ${min} to ${max}`);
  return n;
}

/** A flag that must be one of a few words. */
export function choiceFlag<T extends string>(flags: Flags, name: string, choices: readonly T[]) {
  const text = flags.string(name);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text))
    throw new UsageError(`--${name}: expected one of ${choices.join(', ')}`);
  return text as T;
}
