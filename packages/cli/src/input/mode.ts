import { UsageError } from '../errors.js';
import type { Flags } from '../flags.js';

/** Where `secret set` reads the value from: exactly one per invocation. */
export type InputMode =
  | { readonly kind: 'prompt' }
  | { readonly kind: 'stdin' }
  | { readonly kind: 'file'; readonly path: string; readonly trim: boolean }
  | { readonly kind: 'env'; readonly name: string }
  | { readonly kind: 'value'; readonly value: string };

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The input mode of the command line, decided before any I/O: combining modes is a usage
 * error naming the flags, so no prompt is shown, no stdin read, no file opened. Without a
 * mode flag: `--prompt` on a terminal, `--from-stdin` otherwise.
 */
export function selectInputMode(flags: Flags, stdinIsTty: boolean): InputMode {
  const file = flags.string('from-file');
  const env = flags.string('from-env');
  const value = flags.string('value');
  const given = [
    flags.bool('prompt') && '--prompt',
    flags.bool('from-stdin') && '--from-stdin',
    file !== undefined && '--from-file',
    env !== undefined && '--from-env',
    value !== undefined && '--value',
  ].filter((flag): flag is string => flag !== false);
  if (given.length > 1) {
    throw new UsageError(
      `conflicting input modes ${given.join(', ')}: choose exactly one of --prompt, --from-stdin, --from-file, --from-env, --value`,
    );
  }
  const trim = flags.bool('trim');
  if (!trim && file === undefined) throw new UsageError('--no-trim applies to --from-file only');

  if (file !== undefined) {
    if (file === '') throw new UsageError('--from-file: expected a path');
    return { kind: 'file', path: file, trim };
  }
  if (env !== undefined) {
    if (!ENV_NAME.test(env)) {
      throw new UsageError(
        '--from-env: expected an environment variable name, e.g. CI_DB_PASSWORD',
      );
    }
    return { kind: 'env', name: env };
  }
  if (value !== undefined) return { kind: 'value', value };
  if (flags.bool('from-stdin')) return { kind: 'stdin' };
  if (flags.bool('prompt') || (given.length === 0 && stdinIsTty)) {
    if (!stdinIsTty) {
      throw new UsageError('--prompt needs a terminal on stdin; pipe the value with --from-stdin');
    }
    return { kind: 'prompt' };
  }
  return { kind: 'stdin' };
}
