import { defineCommand } from '../../../command.js';
import { table } from '../../../output.js';
import { ORG_OPTION } from '../options.js';
import { orgOf } from '../target.js';

export default defineCommand({
  group: 'extensions projects',
  name: 'list',
  description: 'List the projects of an org',
  options: [ORG_OPTION],
  examples: ['kiket extensions projects list', 'kiket extensions projects list --org acme --json'],
  async run(context) {
    const orgId = await orgOf(context);
    const result = await context.client().extensions.projects.list(orgId);
    context.out.result(result, () =>
      result.projects.length === 0
        ? `No projects in org ${orgId}`
        : table(
            ['KEY', 'NAME', 'CREATED', 'CREATED BY'],
            result.projects.map((p) => [p.key, p.name, p.created_at, p.created_by]),
          ),
    );
  },
});
