import { defineCommand } from '../../command.js';
import { ENV_OPTION, NAME_USAGE, ORG_OPTION } from './options.js';
import { describeEnvironment } from './render.js';
import { resolveEnvironment } from './target.js';

export default defineCommand({
  group: 'environment',
  name: 'show [org-id] [name]',
  usage: `show ${NAME_USAGE}`,
  description: 'Show an environment: protection rules, test-run access, scopes in order',
  options: [ORG_OPTION, ENV_OPTION],
  examples: [
    'kici-admin environment show acme production',
    'KICI_ORG_ID=acme kici-admin environment show --env production --json',
  ],
  async run({ args, flags, io, out, client }) {
    const { orgId, name } = await resolveEnvironment(args, flags, io.env, client);
    const result = await client().environments.show(orgId, name);
    out.result(result, () => describeEnvironment(result));
  },
});
