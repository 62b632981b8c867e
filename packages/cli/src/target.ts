import { type AdminClient, OrgIdSchema, ScopeSchema, SecretKeySchema } from '@kici/contracts';
import { UsageError } from './errors.js';
import type { Flags } from './flags.js';
import { checkInput } from './validate.js';

export const ORG_VARIABLE = 'KICI_ORG_ID';

type Slot = 'org' | 'scope' | 'key';
type Env = Readonly<Record<string, string | undefined>>;
/** The admin client of the command (throws a UsageError when no URL or token is set). */
type ClientOf = () => AdminClient;

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

type Whoami = Awaited<ReturnType<AdminClient['whoami']>>;

// One whoami per client (per process): the org default and the list of orgs that exist.
const asked = new WeakMap<AdminClient, Promise<Whoami>>();

/** The caller's identity, the orgs the server holds and its default, asked once (`GET /whoami`). */
export function serverOrgs(admin: AdminClient): Promise<Whoami> {
  let answer = asked.get(admin);
  if (!answer) {
    answer = admin.whoami();
    asked.set(admin, answer);
  }
  return answer;
}

/**
 * The org when neither an argument, --org nor KICI_ORG_ID names one: the server's default
 * (its KICI_ORG_ID, else its only org). Still ambiguous: a usage error listing the orgs.
 */
async function defaultOrg(client: ClientOf): Promise<string> {
  let admin: AdminClient;
  try {
    admin = client();
  } catch {
    // No server to ask: the org had to be given.
    throw new UsageError(`missing ${HINTS.org}`);
  }
  const { defaultOrg, orgs } = await serverOrgs(admin);
  if (defaultOrg !== null) return defaultOrg;
  const choose = `choose one with --org <org-id> or ${ORG_VARIABLE}`;
  throw new UsageError(
    orgs.length === 0
      ? `missing the org id: the server holds no org yet; name the new one with --org <org-id> or ${ORG_VARIABLE}`
      : `missing the org id: the server holds several orgs (${orgs.join(', ')}); ${choose}`,
  );
}

/**
 * Where a secret command points. Both spellings of the product documentation work:
 * `secret set <org-id> production KEY` and `secret set --scope production KEY` with the org
 * from --org, KICI_ORG_ID or the server's default org. Slots given by a flag are skipped;
 * positionals fill the rest in order, and the org may be left out (a positional org wins).
 * Each part is validated with the contracts' schema before any I/O; only an org left out
 * with no KICI_ORG_ID asks the server (`whoami`, once).
 */
export function resolveTarget(
  slots: readonly ['org'],
  args: readonly string[],
  flags: Flags,
  env: Env,
  client: ClientOf,
): Promise<Pick<Target, 'orgId'>>;
export function resolveTarget(
  slots: readonly ['org', 'scope'],
  args: readonly string[],
  flags: Flags,
  env: Env,
  client: ClientOf,
): Promise<Pick<Target, 'orgId' | 'scope'>>;
export function resolveTarget(
  slots: readonly ['org', 'scope', 'key'],
  args: readonly string[],
  flags: Flags,
  env: Env,
  client: ClientOf,
): Promise<Target>;
export async function resolveTarget(
  slots: readonly Slot[],
  args: readonly string[],
  flags: Flags,
  env: Env,
  client: ClientOf,
): Promise<Partial<Target>> {
  const values: Record<Slot, string | undefined> = {
    org: flags.string('org'),
    scope: slots.includes('scope') ? flags.string('scope') : undefined,
    key: undefined,
  };
  const open = slots.filter((slot) => values[slot] === undefined);
  const envOrg = env[ORG_VARIABLE] === '' ? undefined : env[ORG_VARIABLE];
  // The org left out: from KICI_ORG_ID, or (one positional short) the server's default.
  const orgLeftOut =
    open[0] === 'org' &&
    args.length < open.length &&
    (envOrg !== undefined || args.length === open.length - 1);
  const fill = orgLeftOut ? open.slice(1) : open;
  if (args.length > fill.length) {
    const named = slots.filter((slot) => !open.includes(slot)).map((slot) => LABELS[slot]);
    const note = named.length > 0 ? ` (${named.join(' and ')} came from a flag)` : '';
    throw new UsageError(`too many arguments${note}`);
  }
  if (args.length < fill.length) {
    const missing = fill.slice(0, fill.length - args.length).map((slot) => HINTS[slot]);
    throw new UsageError(`missing ${missing.join(', ')}`);
  }
  fill.forEach((slot, i) => {
    values[slot] = args[i];
  });
  const given = values.org ?? envOrg;
  const orgId = given === undefined ? undefined : checkInput(OrgIdSchema, given);
  // Checked before asking the server: a bad scope or key costs no request.
  const scope = slots.includes('scope') ? checkInput(ScopeSchema, values.scope) : undefined;
  const key = slots.includes('key') ? checkInput(SecretKeySchema, values.key) : undefined;
  return {
    orgId: orgId ?? checkInput(OrgIdSchema, await defaultOrg(client)),
    ...(scope === undefined ? {} : { scope }),
    ...(key === undefined ? {} : { key }),
  };
}

/**
 * Whether `orgId` is an org the server does not hold yet, asked before a write that would
 * create it, so that a typo (`acmee`) is noticed. Unknown (false) when the server cannot say.
 */
export async function isNewOrg(admin: AdminClient, orgId: string): Promise<boolean> {
  try {
    return !(await serverOrgs(admin)).orgs.includes(orgId);
  } catch {
    return false;
  }
}

/** Printed on stderr after a write created `orgId`. */
export const newOrgNote = (orgId: string) =>
  `Note: org ${orgId} did not exist; it was created by this write\n`;
