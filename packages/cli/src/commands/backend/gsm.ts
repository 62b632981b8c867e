import { readFile } from 'node:fs/promises';
import { OperationError, UsageError } from '../../errors.js';
import type { Flags } from '../../flags.js';

/**
 * `backend add --type gsm`: which flags a Google Secret Manager backend takes (`--project`,
 * `--credentials-file`, `--endpoint`, `--token-uri`) and which belong to Vault only, and the
 * key file read once the command line passed. The values are the GSM config schema's
 * business (@kici/contracts, the one @kici/store-gsm checks with on the server).
 */

/** Flags of one kind only, refused with the other. */
const VAULT_ONLY = [
  'url',
  'auth-method',
  'token',
  'token-env',
  'role-id',
  'role-id-env',
  'secret-id',
  'secret-id-env',
  'namespace',
  'mount-path',
  'base-path',
];
const GSM_ONLY = ['project', 'credentials-file', 'endpoint', 'token-uri'];

/** Refuses the flags of the other backend type, naming one and what to use instead. */
export function refuseOtherKind(flags: Flags, type: 'vault' | 'gsm'): void {
  const others = type === 'gsm' ? VAULT_ONLY : GSM_ONLY;
  const given = others.find((name) => flags.string(name) !== undefined);
  if (given === undefined) return;
  const hint = given === 'url' ? ' (a GSM backend takes --endpoint)' : '';
  throw new UsageError(
    `--${given} applies to --type ${type === 'gsm' ? 'vault' : 'gsm'} only${hint}`,
  );
}

/** The config fields a gsm backend takes from the command line (credentials come later). */
export function gsmConfigFlags(flags: Flags): Record<string, string> {
  const config: Record<string, string> = {};
  const set = (field: string, flag: string) => {
    const value = flags.string(flag);
    if (value !== undefined) config[field] = value;
  };
  set('project', 'project');
  set('endpoint', 'endpoint');
  set('tokenUri', 'token-uri');
  return config;
}

/** The key file named by --credentials-file, before any I/O. */
export function credentialsFileFlag(flags: Flags): string {
  const file = flags.string('credentials-file');
  if (file === undefined || file === '') {
    throw new UsageError(
      '--credentials-file is required with --type gsm: the service-account key file (JSON)',
    );
  }
  return file;
}

/**
 * The service-account key file, parsed. Its contents are a credential: a message names the
 * file and what was expected, never a line of it.
 */
export async function readKeyFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new OperationError(`cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new OperationError(`${path}: expected a service-account key file (JSON)`);
  }
}
