import { OperationError } from '../errors.js';
import { scanDotenv } from './dotenv.js';
import { readTextFile } from './read.js';

/** Extension secret keys: upper snake case, as the store requires (spec: ≤ 128 characters). */
const KEY = /^[A-Z][A-Z0-9_]*$/;
const MAX_KEY = 128;

// A key is not a value, but it is still typed by someone: show a short printable form only.
const shown = (key: string) => JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);

/**
 * The secrets of a dotenv text, keyed in file order (a key given twice keeps its last value,
 * as dotenv does). Refused, naming `source` and the line, never a value: a key that is not
 * upper snake case, an empty value, a line dotenv would skip, a file with no entry.
 */
export function envFileSecrets(text: string, source: string): Map<string, string> {
  const { entries, unreadLines } = scanDotenv(text);
  const bad = unreadLines[0];
  if (bad !== undefined) {
    throw new OperationError(
      `${source} line ${bad}: expected KEY=value, a comment or a blank line; nothing was written`,
    );
  }
  if (entries.length === 0) {
    throw new OperationError(`${source} holds no KEY=value line; nothing was written`);
  }
  const secrets = new Map<string, string>();
  for (const { key, value, line } of entries) {
    if (!KEY.test(key) || key.length > MAX_KEY) {
      throw new OperationError(
        `${source} line ${line}: key ${shown(key)} is not upper snake case (A-Z, 0-9 and _, starting with a letter, at most ${MAX_KEY}); nothing was written`,
      );
    }
    if (value === '') {
      throw new OperationError(
        `${source} line ${line}: ${key} has an empty value, which cannot be stored; nothing was written`,
      );
    }
    secrets.delete(key);
    secrets.set(key, value);
  }
  return secrets;
}

/** `--env-file <path>`: the file read as UTF-8 and checked by `envFileSecrets`. */
export async function readEnvFile(path: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readTextFile(path);
  } catch (error) {
    // Unreadable or not UTF-8: the message names the path, never the content.
    throw new OperationError(`--env-file: ${(error as Error).message}; nothing was written`);
  }
  return envFileSecrets(text, `--env-file ${path}`);
}

/**
 * The one key `--key` names from an env file, or an error naming both flags when the file
 * does not hold it.
 */
export function pickKey(secrets: ReadonlyMap<string, string>, key: string, path: string) {
  const value = secrets.get(key);
  if (value === undefined) {
    throw new OperationError(`--env-file ${path} holds no ${key} (--key); nothing was written`);
  }
  return new Map([[key, value]]);
}
