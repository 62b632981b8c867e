import { defineCommand } from '../../command.js';
import { cell, table } from '../../output.js';
import { resolveTarget } from '../../target.js';
import { ORG_OPTION } from './options.js';

export default defineCommand({
  group: 'secret',
  name: 'scopes [org-id]',
  description: 'List the scopes of an org with their secret counts',
  options: [ORG_OPTION],
  examples: ['kici-admin secret scopes acme', 'KICI_ORG_ID=acme kici-admin secret scopes --json'],
  async run({ args, flags, io, out, client }) {
    const { orgId } = await resolveTarget(['org'], args, flags, io.env, client);
    const result = await client().secrets.scopes(orgId);
    out.result(result, () =>
      result.scopes.length === 0
        ? `No scopes for org ${orgId}`
        : table(
            ['SCOPE', 'SECRETS', 'UPDATED'],
            result.scopes.map((s) => [s.scope, cell(s.secretCount), s.updatedAt]),
          ),
    );
  },
});
