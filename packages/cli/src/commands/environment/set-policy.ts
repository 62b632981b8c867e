import { defineCommand } from '../../command.js';
import { UsageError } from '../../errors.js';
import { ENV_OPTION, NAME_USAGE, ORG_OPTION, RULE_LIST_OPTIONS } from './options.js';
import { describeEnvironment } from './render.js';
import { resolveEnvironment } from './target.js';
import { ruleFlags, trueOrFalse } from './values.js';

export default defineCommand({
  group: 'environment',
  name: 'set-policy [org-id] [name]',
  usage: `set-policy ${NAME_USAGE}`,
  description: 'Change protection rules or test-run access; the rest stays as it is',
  options: [
    ORG_OPTION,
    ENV_OPTION,
    {
      flags: '--allow-local-execution <true|false>',
      description: 'Test runs may resolve it (needs secret.write and the write policy)',
    },
    ...RULE_LIST_OPTIONS.map((option) => ({
      ...option,
      description: `${option.description}; '' allows any`,
    })),
    { flags: '--allow-forks <true|false>', description: 'Pull requests from forks pass the gate' },
  ],
  examples: [
    'kici-admin environment set-policy --env test-database --allow-local-execution true',
    'kici-admin environment set-policy --env production --allow-local-execution false',
    "kici-admin environment set-policy acme production --branches 'main,release/*' --allow-forks false",
  ],
  async run({ args, flags, io, out, client }) {
    const { orgId, name } = await resolveEnvironment(args, flags, io.env, client);
    const allowLocalExecution = trueOrFalse(flags, 'allow-local-execution');
    const allowForks = trueOrFalse(flags, 'allow-forks');
    const body = {
      ...ruleFlags(flags),
      ...(allowForks === undefined ? {} : { allowForks }),
      ...(allowLocalExecution === undefined ? {} : { allowLocalExecution }),
    };
    if (Object.keys(body).length === 0) {
      throw new UsageError(
        'nothing to change: give --allow-local-execution, --branches, --triggers, --repos or --allow-forks',
      );
    }
    const result = await client().environments.setPolicy(orgId, name, body);
    out.result(result, () => describeEnvironment(result, 'Updated environment'));
  },
});
