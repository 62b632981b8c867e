import { defineCommand } from '../../command.js';
import { ENV_OPTION, NAME_USAGE, ORG_OPTION, RULE_LIST_OPTIONS } from './options.js';
import { describeEnvironment } from './render.js';
import { resolveEnvironment } from './target.js';
import { ruleFlags, scopeFlags, switchFlag } from './values.js';

export default defineCommand({
  group: 'environment',
  name: 'create [org-id] [name]',
  usage: `create ${NAME_USAGE}`,
  description: 'Create an environment: protection rules, test-run access, scopes',
  options: [
    ORG_OPTION,
    ENV_OPTION,
    ...RULE_LIST_OPTIONS,
    // The long name comes first on purpose: a group's option table (program.ts) records the
    // last name of a flag as its kind's key, and `set-policy` takes `--allow-forks <true|false>`.
    // Recorded as a switch, `set-policy --allow-forks false` would lose its value.
    { flags: '--allow-forks, -F', description: 'Allow pull requests from forks (default: not)' },
    {
      flags: '--allow-local-execution, -L',
      description: 'Allow test runs (kici run remote) to resolve it (default: not)',
    },
    {
      flags: '--scope <scope>',
      description: 'Bind a scope; repeat or comma-separate, first = highest precedence',
    },
  ],
  examples: [
    "kici-admin environment create acme production --branches 'main,release/*' --triggers push,tag --repos 'acme/*' --scope production",
    'kici-admin environment create acme test-database --allow-local-execution --scope pg:test/db',
    'KICI_ORG_ID=acme kici-admin environment create staging --scope staging --scope shared --json',
  ],
  async run({ args, flags, io, out, client }) {
    // The switches first: `--allow-forks acme prod` takes `acme` as the switch's value.
    const allowForks = switchFlag(flags, 'allow-forks');
    const allowLocalExecution = switchFlag(flags, 'allow-local-execution');
    const { orgId, name } = await resolveEnvironment(args, flags, io.env, client);
    const body = {
      name,
      ...ruleFlags(flags),
      allowForks,
      allowLocalExecution,
      scopes: scopeFlags(flags),
    };
    const result = await client().environments.create(orgId, body);
    out.result(result, () => describeEnvironment(result, 'Created environment'));
  },
});
