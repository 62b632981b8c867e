import { readFileSync } from 'node:fs';
import type { Keyring } from '../keyring.js';
import { parseMasterKey } from '../master-key.js';
import { createKeyring } from './keyring.js';

export type KeyConfigErrorCode =
  | 'KEY_NOT_FOUND'
  | 'KEY_CONFLICT'
  | 'KEY_FILE_UNREADABLE'
  | 'KEY_INVALID';

/** The master key configuration is missing, ambiguous, unreadable or malformed. */
export class KeyConfigError extends Error {
  override readonly name = 'KeyConfigError';
  constructor(
    readonly code: KeyConfigErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The message when no key is configured: the seed's three troubleshooting checks. */
export const KEY_NOT_FOUND_MESSAGE =
  'Secret encryption key not found: set KICI_SECRET_KEY or KICI_SECRET_KEY_FILE. Verify:\n' +
  '- The environment variable is set and non-empty\n' +
  '- The key file exists and is readable\n' +
  '- The key is exactly 64 hex characters or valid base64-encoded 32 bytes';

export type Env = Readonly<Record<string, string | undefined>>;

export interface LoadKeyringOptions {
  /** Key version the keyring writes; the store passes max(key_version) after a rotation. */
  readonly version?: number;
}

/**
 * Reads the master key from `KICI_SECRET_KEY` or `KICI_SECRET_KEY_FILE`, and the previous key
 * from `KICI_SECRET_KEY_OLD` or `KICI_SECRET_KEY_FILE_OLD`, and returns the node:crypto keyring.
 * Empty values count as unset.
 * @throws {KeyConfigError} whose message names the variable (and path), never the key.
 */
export function loadKeyringFromEnv(
  env: Env = process.env,
  options: LoadKeyringOptions = {},
): Keyring {
  const current = readKey(env, 'KICI_SECRET_KEY', 'KICI_SECRET_KEY_FILE');
  if (!current) throw new KeyConfigError('KEY_NOT_FOUND', KEY_NOT_FOUND_MESSAGE);
  const previous = readKey(env, 'KICI_SECRET_KEY_OLD', 'KICI_SECRET_KEY_FILE_OLD');
  return createKeyring({ current, previous, version: options.version ?? 1 });
}

function readKey(env: Env, valueVar: string, fileVar: string): Uint8Array | undefined {
  const value = nonEmpty(env[valueVar]);
  const file = nonEmpty(env[fileVar]);
  if (value !== undefined && file !== undefined) {
    throw new KeyConfigError(
      'KEY_CONFLICT',
      `Both ${valueVar} and ${fileVar} are set: set only one of them`,
    );
  }
  if (value !== undefined) return parse(value, valueVar);
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'read failed';
    throw new KeyConfigError(
      'KEY_FILE_UNREADABLE',
      `Cannot read the key file ${file} named by ${fileVar} (${reason}): check that it exists and is readable`,
    );
  }
  return parse(text, `${fileVar} (${file})`);
}

function parse(text: string, source: string): Uint8Array {
  try {
    return parseMasterKey(text);
  } catch (error) {
    throw new KeyConfigError('KEY_INVALID', `${source}: ${(error as Error).message}`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
