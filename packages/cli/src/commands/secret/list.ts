import { BUILT_IN_BACKEND } from '@kici/contracts';
import { defineCommand } from '../../command.js';
import { cell, table } from '../../output.js';
import { resolveTarget } from '../../target.js';
import { ORG_OPTION, SCOPE_OPTION } from './options.js';

export default defineCommand({
  group: 'secret',
  name: 'list [org-id] [scope]',
  usage: 'list [org-id] <scope> [options]',
  description: 'List the keys of a scope with their metadata (never values)',
  options: [ORG_OPTION, SCOPE_OPTION],
  examples: [
    'kici-admin secret list acme production',
    'kici-admin secret list --scope pg:aws/prod',
  ],
  async run({ args, flags, io, out, client }) {
    const { orgId, scope } = await resolveTarget(['org', 'scope'], args, flags, io.env, client);
    const result = await client().secrets.keys(orgId, scope);
    // Keys linked to an external backend (`secret link`) add a column naming it.
    const linked = result.keys.some((k) => k.backendType !== BUILT_IN_BACKEND);
    const headers = ['KEY', 'UPDATED', 'UPDATED BY', 'ROTATIONS', 'KEY VERSION'];
    out.result(result, () =>
      result.keys.length === 0
        ? `No secrets in ${scope} for org ${orgId}`
        : table(
            linked ? [...headers, 'BACKEND'] : headers,
            result.keys.map((k) => [
              k.key,
              k.updatedAt,
              k.updatedBy,
              cell(k.rotationCount),
              cell(k.keyVersion),
              ...(linked ? [k.backendType] : []),
            ]),
          ),
    );
  },
});
