import { UsageError } from './errors.js';

/**
 * The Standard Schema face of the contracts' valibot schemas: the CLI validates its inputs
 * with the very schemas the client and the server use, before any I/O (before a prompt is
 * shown or stdin is read). Their messages read `<field>: <what was expected>` and never
 * repeat the input.
 */
export interface StandardSchema<T> {
  readonly '~standard': {
    readonly validate: (
      value: unknown,
    ) =>
      | { readonly value: T; readonly issues?: undefined }
      | { readonly issues: readonly { readonly message: string }[] }
      | Promise<unknown>;
  };
}

export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

/** The schema's output for `value`, or the first issue's message. */
export function validate<T>(schema: StandardSchema<T>, value: unknown): Checked<T> {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) throw new TypeError('asynchronous schemas are not supported');
  if (result.issues === undefined) return { ok: true, value: result.value };
  return { ok: false, message: result.issues[0]?.message ?? 'invalid input' };
}

/** The schema's output for a command-line input, or a UsageError naming what was expected. */
export function checkInput<T>(schema: StandardSchema<T>, value: unknown): T {
  const checked = validate(schema, value);
  if (!checked.ok) throw new UsageError(checked.message);
  return checked.value;
}

/**
 * The schema's output, or a usage error naming the flag: the contracts' messages name the
 * API field (`repositories: expected …`), the operator typed `--repos`.
 */
export function checkFlag<T>(flag: string, schema: StandardSchema<T>, value: unknown): T {
  const checked = validate(schema, value);
  if (checked.ok) return checked.value;
  throw new UsageError(`${flag}: ${checked.message.replace(/^[\w.]+: /, '')}`);
}
