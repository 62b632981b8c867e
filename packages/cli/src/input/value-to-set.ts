import type { AdminClient } from '@kici/contracts';
import type { CommandContext } from '../command.js';
import { resolveTarget } from '../target.js';
import type { StandardSchema } from '../validate.js';
import { readCheckedValue } from './checked-value.js';
import { expectedFingerprint } from './fingerprint.js';
import { selectInputMode } from './mode.js';

export interface ValueToSet {
  readonly orgId: string;
  readonly scope: string;
  readonly key: string;
  readonly value: string;
  readonly sha256: string;
  /** Undefined on a dry run: nothing is sent. */
  readonly admin: AdminClient | undefined;
}

/**
 * The common part of `secret set` and `variable set`: the command line checked before any
 * I/O (input mode, target, --confirm-fingerprint, --dry-run), then the value read in its mode
 * and checked against the body `schema`.
 */
export async function readValueToSet(
  { args, flags, io, out, client }: CommandContext,
  schema: StandardSchema<unknown>,
): Promise<ValueToSet> {
  const mode = selectInputMode(flags, io.stdin.isTTY === true);
  const { orgId, scope, key } = await resolveTarget(
    ['org', 'scope', 'key'],
    args,
    flags,
    io.env,
    client,
  );
  const expected = expectedFingerprint(flags.string('confirm-fingerprint'));
  const admin = flags.bool('dry-run') ? undefined : client();
  const { value, sha256 } = await readCheckedValue(mode, io, out, key, schema, expected);
  return { orgId, scope, key, value, sha256, admin };
}

/** A dry run's result: what would be set, with the value's length and fingerprint only. */
export function printDryRun(
  { out }: CommandContext,
  { orgId, scope, key, value, sha256 }: ValueToSet,
  extra: Record<string, unknown> = {},
): void {
  const valueLength = Buffer.byteLength(value, 'utf8');
  out.result(
    { dryRun: true, orgId, scope, key, valueLength, sha256, ...extra },
    () => `[dry-run] would set ${key} in scope ${scope} sha256=${sha256}`,
  );
}
