import {
  EXTENSION_SCOPES,
  type ExtensionScope,
  type ExtensionScopeRef,
  extensionIdSchema,
  extensionScopeSchema,
  isScopeId,
  projectKeySchema,
  SCOPE_ID_EXPECTED,
  SecretKeySchema,
} from '@kici/contracts';
import type { CommandContext } from '../../command.js';
import { UsageError } from '../../errors.js';
import type { Flags } from '../../flags.js';
import { resolveTarget } from '../../target.js';
import { checkFlag } from '../../validate.js';

/** The org: --org, KICI_ORG_ID, else the server's default org (asked once). */
export async function orgOf({ flags, io, client }: CommandContext): Promise<string> {
  const { orgId } = await resolveTarget(['org'], [], flags, io.env, client);
  return orgId;
}

/** A flag the command cannot do without: a usage error naming it and an example. */
export function required(flags: Flags, name: string, example: string): string {
  const value = flags.string(name);
  if (value === undefined || value === '') {
    throw new UsageError(`--${name} is required: ${example}`);
  }
  return value;
}

/** `--scope` and `--id`, checked together before any I/O: the id must suit the scope. */
export function scopeOf(flags: Flags, orgId: string | undefined) {
  const id = flags.string('id');
  // Neither flag: the organization, the seed's org-wide defaults (`secrets set --key FOO --value …`).
  // An id alone is ambiguous (a project key or an extension id) and needs its scope.
  const scope = checkFlag(
    '--scope',
    extensionScopeSchema(),
    id === undefined && flags.string('scope') === undefined
      ? 'organization'
      : required(flags, 'scope', EXTENSION_SCOPES.join(', ')),
  ) as ExtensionScope;
  if (id === undefined && scope !== 'organization') {
    throw new UsageError(`--id is required for scope ${scope}: ${SCOPE_ID_EXPECTED[scope]}`);
  }
  // The organization's id is the org itself; other ids are checked by their shape.
  if (id !== undefined && !isScopeId(scope, id, orgId ?? id)) {
    throw new UsageError(`--id: expected ${SCOPE_ID_EXPECTED[scope]} for scope ${scope}`);
  }
  return { scope, id };
}

/** Where a secrets command points: the org, `--scope`, `--id`, all checked first. */
export async function scopeRef(context: CommandContext): Promise<ExtensionScopeRef> {
  // Scope and id are checked before the org may cost a request to the server.
  scopeOf(context.flags, undefined);
  const orgId = await orgOf(context);
  const { scope, id } = scopeOf(context.flags, orgId);
  return { orgId, scope, ...(id === undefined ? {} : { id }) };
}

/** `--key`, required and upper snake case. */
export const keyOf = (flags: Flags) =>
  checkFlag('--key', SecretKeySchema, required(flags, 'key', 'the secret key, e.g. API_KEY'));

/** A positional or flag project key, checked. */
export const projectKey = (name: string, value: string) =>
  checkFlag(name, projectKeySchema(), value);

/** An extension or product id, checked (`name` is the flag or argument shown in errors). */
export const extensionId = (name: string, value: string) =>
  checkFlag(name, extensionIdSchema(), value);

/** How a scope and its id read in sentences: `extension com.example.mailchimp`. */
export const scopeLabel = (at: { scope: string; id?: string | undefined; orgId?: string }) =>
  at.id === undefined || at.scope === 'organization'
    ? `organization ${at.id ?? at.orgId ?? ''}`.trimEnd()
    : `${at.scope} ${at.id}`;
