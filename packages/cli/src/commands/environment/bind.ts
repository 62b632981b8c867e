import { ScopeSchema } from '@kici/contracts';
import { defineCommand } from '../../command.js';
import { UsageError } from '../../errors.js';
import type { Flags } from '../../flags.js';
import { checkFlag } from '../../validate.js';
import { ENV_OPTION, NAME_USAGE, ORG_OPTION } from './options.js';
import { describeEnvironment } from './render.js';
import { resolveEnvironment } from './target.js';

/** The 0-based place in the chain, or undefined for "last". */
function position(flags: Flags): number | undefined {
  const text = flags.string('position');
  if (text === undefined) return undefined;
  if (!/^(0|[1-9]\d{0,8})$/.test(text)) {
    throw new UsageError('--position: expected an integer >= 0 (0 puts the scope first)');
  }
  return Number(text);
}

export default defineCommand({
  group: 'environment',
  name: 'bind [org-id] [name]',
  usage: `bind ${NAME_USAGE}`,
  description: 'Bind a scope: last in the chain unless --position says where',
  options: [
    ORG_OPTION,
    ENV_OPTION,
    { flags: '--scope <scope>', description: 'The scope to bind (production, pg:aws/prod)' },
    {
      flags: '--position <n>',
      description: 'Where in the chain, 0 = first = highest precedence (default: last)',
    },
  ],
  examples: [
    'kici-admin environment bind acme --env production --scope pg:aws/prod',
    'KICI_ORG_ID=acme kici-admin environment bind --env production --scope overrides --position 0',
  ],
  async run({ args, flags, io, out, client }) {
    const { orgId, name } = await resolveEnvironment(args, flags, io.env, client);
    const given = flags.string('scope');
    if (given === undefined) throw new UsageError('--scope is required: the scope to bind');
    const scope = checkFlag('--scope', ScopeSchema, given);
    const at = position(flags);
    const result = await client().environments.bind(orgId, name, scope, at);
    out.result(result, () => describeEnvironment(result, `Bound ${scope} to environment`));
  },
});
