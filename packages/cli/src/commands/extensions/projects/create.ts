import { defineCommand } from '../../../command.js';
import { UsageError } from '../../../errors.js';
import { ORG_OPTION } from '../options.js';
import { orgOf, projectKey } from '../target.js';

export default defineCommand({
  group: 'extensions projects',
  name: 'create <KEY>',
  description: 'Create a project (or rename it with --name)',
  options: [
    { flags: '--name <name>', description: 'Its display name (default: the key)' },
    ORG_OPTION,
  ],
  examples: [
    'kiket extensions projects create OPS --name Operations',
    'kiket extensions projects create PROJECT_KEY --org acme',
  ],
  async run(context) {
    const key = projectKey('KEY', context.args[0] ?? '');
    const name = context.flags.string('name');
    if (name === '') throw new UsageError('--name: expected 1-200 characters');
    const orgId = await orgOf(context);
    const result = await context
      .client()
      .extensions.projects.put(orgId, key, name === undefined ? {} : { name });
    context.out.result(result, () => `Project ${key} (${name ?? key}) is in org ${orgId}`);
  },
});
