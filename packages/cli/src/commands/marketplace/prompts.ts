import { isCancel, password, text } from '@clack/prompts';
import type { ManifestField } from '@kici/contracts';
import { InterruptedError } from '../../errors.js';
import type { CliIo } from '../../io.js';

/**
 * Asks for each field on the terminal (stderr, so stdout keeps only the result): a secret
 * field without echo, others in clear. An optional field may be left empty (skipped).
 * Ctrl-C writes nothing (`nothing`: what that means here).
 */
export async function askFields(
  io: CliIo,
  fields: readonly (readonly [string, ManifestField])[],
  nothing: string,
): Promise<Map<string, string>> {
  const answers = new Map<string, string>();
  for (const [key, field] of fields) {
    const message = `${field.label === key ? key : `${field.label} (${key})`}${field.required ? '' : ', optional: Enter to skip'}`;
    const validate = (value: string | undefined) =>
      field.required && !value ? 'Enter a non-empty value' : undefined;
    const options = { message, input: io.stdin, output: io.stderr, validate };
    const answer = field.secret
      ? await password({ ...options, message: `${message} (input hidden)`, mask: '' })
      : await text(options);
    if (isCancel(answer)) throw new InterruptedError(`cancelled: ${nothing}`);
    if (answer) answers.set(key, answer);
  }
  return answers;
}
