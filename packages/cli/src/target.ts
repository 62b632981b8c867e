import { OrgIdSchema, ScopeSchema, SecretKeySchema } from '@kici/contracts';
import { UsageError } from './errors.js';
import type { Flags } from './flags.js';
import { checkInput } from './validate.js';

export const ORG_VARIABLE = 'KICI_ORG_ID';

type Slot = 'org' | 'scope' | 'key';
type Env = Readonly<Record<string, string | undefined>>;

export interface Target {
  readonly orgId: string;
  /** Canonical: `production` becomes `pg:production`. */
  readonly scope: string;
  readonly key: string;
}

const LABELS: Record<Slot, string> = { org: 'the org id', scope: 'the scope', key: 'the key' };
const HINTS: Record<Slot, string> = {
  org: `the org id (first argument, --org or ${ORG_VARIABLE})`,
  scope: 'the scope (argument or --scope)',
  key: 'the key',
};

/**
 * Where a secret command points. Both spellings of the product documentation work:
 * `secret set <org-id> production KEY` and `secret set --scope production KEY` with the org
 * from --org or KICI_ORG_ID. Slots given by a flag are skipped; positionals fill the rest in
 * order, and the org may be left out when KICI_ORG_ID holds it (a positional org wins).
 * Each part is validated with the contracts' schema, before any I/O.
 */
export function resolveTarget(
  slots: readonly ['org'],
  args: readonly string[],
  flags: Flags,
  env: Env,
): Pick<Target, 'orgId'>;
export function resolveTarget(
  slots: readonly ['org', 'scope'],
  args: readonly string[],
  flags: Flags,
  env: Env,
): Pick<Target, 'orgId' | 'scope'>;
export function resolveTarget(
  slots: readonly ['org', 'scope', 'key'],
  args: readonly string[],
  flags: Flags,
  env: Env,
): Target;
export function resolveTarget(
  slots: readonly Slot[],
  args: readonly string[],
  flags: Flags,
  env: Env,
): Partial<Target> {
  const values: Record<Slot, string | undefined> = {
    org: flags.string('org'),
    scope: slots.includes('scope') ? flags.string('scope') : undefined,
    key: undefined,
  };
  const open = slots.filter((slot) => values[slot] === undefined);
  const envOrg = env[ORG_VARIABLE] === '' ? undefined : env[ORG_VARIABLE];
  const fill =
    args.length < open.length && open[0] === 'org' && envOrg !== undefined ? open.slice(1) : open;
  if (args.length > fill.length) {
    const named = slots.filter((slot) => !open.includes(slot)).map((slot) => LABELS[slot]);
    const note = named.length > 0 ? ` (${named.join(' and ')} came from a flag)` : '';
    throw new UsageError(`too many arguments${note}`);
  }
  if (args.length < fill.length) {
    const missing = fill.slice(0, fill.length - args.length).map((slot) => HINTS[slot]);
    throw new UsageError(`missing ${missing.join(', ')}`);
  }
  values.org ??= envOrg;
  fill.forEach((slot, i) => {
    values[slot] = args[i];
  });
  return {
    orgId: checkInput(OrgIdSchema, values.org),
    ...(slots.includes('scope') ? { scope: checkInput(ScopeSchema, values.scope) } : {}),
    ...(slots.includes('key') ? { key: checkInput(SecretKeySchema, values.key) } : {}),
  };
}
