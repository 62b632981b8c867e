import type { AdminClient } from '@kici/contracts';
import { defineCommand } from '../../command.js';
import type { Flags } from '../../flags.js';
import { table } from '../../output.js';
import { ORG_VARIABLE, resolveTarget } from '../../target.js';
import { ORG_OPTION, SCOPE_OPTION } from '../secret/options.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The org, and the scope when one is named: `list acme`, `list acme production`, and with the
 * org from --org or KICI_ORG_ID, `list production`. A lone argument is the org unless the org
 * comes from elsewhere, as in every other command.
 */
function target(
  args: readonly string[],
  flags: Flags,
  env: Env,
  client: () => AdminClient,
): Promise<{ orgId: string; scope?: string | undefined }> {
  const orgElsewhere = flags.string('org') !== undefined || (env[ORG_VARIABLE] ?? '') !== '';
  const scoped = flags.string('scope') !== undefined || args.length > (orgElsewhere ? 0 : 1);
  return scoped
    ? resolveTarget(['org', 'scope'], args, flags, env, client)
    : resolveTarget(['org'], args, flags, env, client);
}

export default defineCommand({
  group: 'variable',
  name: 'list [org-id] [scope]',
  usage: 'list [org-id] [scope] [options]',
  description: "List an org's variables, in one scope or all (keys only unless --values)",
  options: [
    ORG_OPTION,
    SCOPE_OPTION,
    { flags: '--values', description: 'Show the values too (default: keys only)' },
  ],
  examples: [
    'kici-admin variable list acme production',
    'kici-admin variable list acme --values',
    'KICI_ORG_ID=acme kici-admin variable list production --values --json',
  ],
  async run({ args, flags, io, out, client }) {
    const values = flags.bool('values');
    const { orgId, scope } = await target(args, flags, io.env, client);
    const result = await client().variables.list(orgId, { scope, values });
    const headers = ['KEY', 'SCOPE', 'LOCKED', 'UPDATED', 'UPDATED BY'];
    out.result(result, () =>
      result.variables.length === 0
        ? `No variables ${scope === undefined ? '' : `in ${scope} `}for org ${orgId}`
        : table(
            values ? [...headers, 'VALUE'] : headers,
            result.variables.map((v) => [
              v.key,
              v.scope,
              v.locked ? 'yes' : 'no',
              v.updatedAt,
              v.updatedBy,
              ...(values ? [v.value ?? ''] : []),
            ]),
          ),
    );
  },
});
