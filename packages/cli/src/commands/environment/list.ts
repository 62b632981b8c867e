import { defineCommand } from '../../command.js';
import { table } from '../../output.js';
import { resolveTarget } from '../../target.js';
import { ORG_OPTION } from './options.js';
import { anyIfEmpty } from './render.js';

export default defineCommand({
  group: 'environment',
  name: 'list [org-id]',
  description: "List an org's environments with their rules and scopes",
  options: [ORG_OPTION],
  examples: [
    'kici-admin environment list acme',
    'KICI_ORG_ID=acme kici-admin environment list --json',
  ],
  async run({ args, flags, io, out, client }) {
    const { orgId } = await resolveTarget(['org'], args, flags, io.env, client);
    const result = await client().environments.list(orgId);
    out.result(result, () =>
      result.environments.length === 0
        ? `No environments for org ${orgId}`
        : table(
            ['NAME', 'BRANCHES', 'TRIGGERS', 'REPOSITORIES', 'FORKS', 'TEST RUNS', 'SCOPES'],
            result.environments.map((e) => [
              e.name,
              anyIfEmpty(e.rules.branches),
              anyIfEmpty(e.rules.triggers),
              anyIfEmpty(e.rules.repositories),
              e.rules.allowForks ? 'yes' : 'no',
              e.allowLocalExecution ? 'yes' : 'no',
              e.scopes.length === 0 ? 'none' : e.scopes.join(', '),
            ]),
          ),
    );
  },
});
