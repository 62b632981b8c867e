import { OperationError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { Output } from '../output.js';
import { type StandardSchema, validate } from '../validate.js';
import { fingerprint } from './fingerprint.js';
import type { InputMode } from './mode.js';
import { readValue } from './read.js';

/**
 * The value of a `set` command, read in its input mode and checked before anything is sent:
 * against the body schema (empty, too large) and against `--confirm-fingerprint`.
 */
export async function readCheckedValue(
  mode: InputMode,
  io: CliIo,
  out: Output,
  key: string,
  schema: StandardSchema<unknown>,
  expected: string | undefined,
): Promise<{ value: string; sha256: string }> {
  const value = await readValue(mode, io, out, key);
  // Empty or too large: the value is read, so this is no longer a usage error.
  const checked = validate(schema, { value });
  if (!checked.ok) throw new OperationError(`${checked.message}; nothing was written`);
  const sha256 = fingerprint(value);
  if (expected !== undefined && expected !== sha256) {
    throw new OperationError(
      "fingerprint mismatch: the value's SHA-256 differs from --confirm-fingerprint; nothing was written",
    );
  }
  return { value, sha256 };
}
