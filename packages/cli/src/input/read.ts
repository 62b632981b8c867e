import { readFile } from 'node:fs/promises';
import { isCancel, password } from '@clack/prompts';
import { InterruptedError, OperationError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { Output } from '../output.js';
import type { InputMode } from './mode.js';

export const ARGV_WARNING =
  'value visible in shell history — prefer --prompt / --from-stdin / --from-env';

// A secret is text: bytes that are not UTF-8 would be altered on the way, so refuse them.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decode(bytes: Uint8Array, source: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new OperationError(`${source}: expected UTF-8 text`);
  } finally {
    bytes.fill(0);
  }
}

async function readStdin(stdin: CliIo['stdin']): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer));
  }
  const all = Buffer.concat(chunks);
  for (const chunk of chunks) chunk.fill(0);
  return decode(all, 'stdin');
}

/** A file's text, refused (naming the path, not the content) when unreadable or not UTF-8. */
export async function readTextFile(path: string): Promise<string> {
  try {
    return decode(await readFile(path), path);
  } catch (error) {
    if (error instanceof OperationError) throw error;
    const code = (error as { code?: unknown }).code;
    throw new OperationError(`cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
}

async function prompt(io: CliIo, key: string): Promise<string> {
  // On stderr, so that stdout holds only the result (and --json stays parseable).
  const answer = await password({
    message: `Value for ${key} (input hidden)`,
    mask: '', // no echo, not even the length
    input: io.stdin,
    output: io.stderr,
    validate: (value) => (value ? undefined : 'Enter a non-empty value'),
  });
  if (isCancel(answer)) throw new InterruptedError('cancelled: nothing was written');
  return answer;
}

/**
 * Reads the value the mode names. File contents are trimmed unless `--no-trim`; stdin is
 * taken byte for byte (binary-safe pipes such as `sops -d --output-type binary`). An empty
 * value cannot be stored: the file mode warns, every mode then fails.
 */
export async function readValue(mode: InputMode, io: CliIo, out: Output, key: string) {
  switch (mode.kind) {
    case 'prompt':
      return prompt(io, key);
    case 'stdin': {
      const value = await readStdin(io.stdin);
      if (value === '') throw new OperationError('stdin is empty: nothing was written');
      return value;
    }
    case 'file': {
      const text = await readTextFile(mode.path);
      const value = mode.trim ? text.trim() : text;
      if (value === '') {
        out.warn(`${mode.path} is empty${mode.trim && text !== '' ? ' after trimming' : ''}`);
        throw new OperationError('an empty value cannot be stored: nothing was written');
      }
      return value;
    }
    case 'env': {
      const value = io.env[mode.name];
      if (value === undefined) {
        throw new OperationError(`environment variable ${mode.name} is not set`);
      }
      if (value === '') throw new OperationError(`environment variable ${mode.name} is empty`);
      return value;
    }
    case 'value':
      out.warn(ARGV_WARNING);
      if (mode.value === '') throw new OperationError('--value is empty: nothing was written');
      return mode.value;
  }
}
