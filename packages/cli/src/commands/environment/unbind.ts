import { ScopeSchema } from '@kici/contracts';
import { defineCommand } from '../../command.js';
import { UsageError } from '../../errors.js';
import { checkFlag } from '../../validate.js';
import { ENV_OPTION, NAME_USAGE, ORG_OPTION } from './options.js';
import { describeEnvironment } from './render.js';
import { resolveEnvironment } from './target.js';

export default defineCommand({
  group: 'environment',
  name: 'unbind [org-id] [name]',
  usage: `unbind ${NAME_USAGE}`,
  description: 'Unbind a scope (its secrets stay in the scope)',
  options: [
    ORG_OPTION,
    ENV_OPTION,
    { flags: '--scope <scope>', description: 'The scope to unbind (production, pg:aws/prod)' },
  ],
  examples: ['kici-admin environment unbind acme --env production --scope pg:aws/prod'],
  async run({ args, flags, io, out, client }) {
    const { orgId, name } = await resolveEnvironment(args, flags, io.env, client);
    const given = flags.string('scope');
    if (given === undefined) throw new UsageError('--scope is required: the scope to unbind');
    const scope = checkFlag('--scope', ScopeSchema, given);
    const result = await client().environments.unbind(orgId, name, scope);
    out.result(result, () => describeEnvironment(result, `Unbound ${scope} from environment`));
  },
});
