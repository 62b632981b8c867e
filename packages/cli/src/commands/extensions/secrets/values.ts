import { type AdminClient, type ExtensionScopeRef, SetSecretBodySchema } from '@kici/contracts';
import type { CommandContext } from '../../../command.js';
import { OperationError, UsageError } from '../../../errors.js';
import type { Flags } from '../../../flags.js';
import { readCheckedValue } from '../../../input/checked-value.js';
import { pickKey, readEnvFile } from '../../../input/env-file.js';
import { expectedFingerprint, fingerprint } from '../../../input/fingerprint.js';
import { selectInputMode } from '../../../input/mode.js';
import { validate } from '../../../validate.js';
import { keyOf, scopeLabel, scopeRef } from '../target.js';

export interface ValuesToSet {
  readonly at: ExtensionScopeRef;
  /** Key → value, in file order; one entry unless a whole --env-file. */
  readonly values: ReadonlyMap<string, string>;
  /** Undefined on a dry run: nothing is sent. */
  readonly admin: AdminClient | undefined;
}

const MODE_FLAGS = ['prompt', 'from-stdin', 'from-file', 'from-env', 'value'] as const;

/** `--env-file` replaces the five input modes: combining them is a usage error naming both. */
function refuseModesBeside(flags: Flags): void {
  for (const name of MODE_FLAGS) {
    const given =
      name === 'prompt' || name === 'from-stdin' ? flags.bool(name) : flags.string(name);
    if (given !== false && given !== undefined) {
      throw new UsageError(
        `--env-file and --${name} both give values: choose one (--env-file, --prompt, --from-stdin, --from-file, --from-env or --value)`,
      );
    }
  }
  if (!flags.bool('trim')) throw new UsageError('--no-trim applies to --from-file only');
}

/** Every value of an env file checked like a typed one (empty, too large), named by its key. */
function checkValues(values: ReadonlyMap<string, string>, path: string): void {
  for (const [key, value] of values) {
    const checked = validate(SetSecretBodySchema, { value });
    if (!checked.ok) {
      throw new OperationError(
        `--env-file ${path}: ${key}: ${checked.message.replace(/^value: /, '')}; nothing was written`,
      );
    }
  }
}

/**
 * The command line of `set` and `rotate`, checked before any I/O (modes, --key, --scope/--id,
 * --confirm-fingerprint), then the values read: from `--env-file` (every key, or --key's), else
 * from the input mode. `wholeFile`: whether an env file without --key is accepted.
 */
export async function readValuesToSet(
  context: CommandContext,
  wholeFile: boolean,
): Promise<ValuesToSet> {
  const { flags, io, out, client } = context;
  const envFile = flags.string('env-file');
  if (envFile === '') throw new UsageError('--env-file: expected a path');
  if (envFile !== undefined) refuseModesBeside(flags);
  if (envFile === undefined && wholeFile && flags.string('key') === undefined) {
    throw new UsageError(
      '--key is required with a value (or give --env-file for every key of a dotenv file)',
    );
  }
  const key =
    envFile !== undefined && wholeFile && flags.string('key') === undefined
      ? undefined
      : keyOf(flags);
  const mode = envFile === undefined ? selectInputMode(flags, io.stdin.isTTY === true) : undefined;
  const expected = expectedFingerprint(flags.string('confirm-fingerprint'));
  if (expected !== undefined && key === undefined) {
    throw new UsageError('--confirm-fingerprint applies to one value: add --key');
  }
  const at = await scopeRef(context);
  const admin = flags.bool('dry-run') ? undefined : client();
  if (mode !== undefined && key !== undefined) {
    const { value } = await readCheckedValue(mode, io, out, key, SetSecretBodySchema, expected);
    return { at, values: new Map([[key, value]]), admin };
  }
  const path = envFile as string;
  const all = await readEnvFile(path);
  const values = key === undefined ? all : pickKey(all, key, path);
  checkValues(values, path);
  const [only] = values.values();
  if (expected !== undefined && only !== undefined && fingerprint(only) !== expected) {
    throw new OperationError(
      "fingerprint mismatch: the value's SHA-256 differs from --confirm-fingerprint; nothing was written",
    );
  }
  return { at, values, admin };
}

/** A dry run's result: the keys that would be set, each with its length and fingerprint. */
export function printDryRun({ out }: CommandContext, { at, values }: ValuesToSet): void {
  const secrets = [...values].map(([key, value]) => ({
    key,
    value_length: Buffer.byteLength(value, 'utf8'),
    sha256: fingerprint(value),
  }));
  out.result({ dry_run: true, org_id: at.orgId, scope: at.scope, id: at.id, secrets }, () =>
    secrets
      .map((s) => `[dry-run] would set ${s.key} in ${scopeLabel(at)} sha256=${s.sha256}`)
      .join('\n'),
  );
}
