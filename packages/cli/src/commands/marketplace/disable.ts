import { defineCommand } from '../../command.js';
import { orgOf } from '../extensions/target.js';
import { installationOf, ORG_OPTION, PROJECT_OPTION } from './options.js';

export default defineCommand({
  group: 'marketplace',
  name: 'disable <extension-id>',
  description: 'Disable an installation (its secrets stay)',
  options: [PROJECT_OPTION, ORG_OPTION],
  examples: ['kiket marketplace disable com.example.zoom --project OPS'],
  async run(context) {
    const { extension, project, id } = installationOf(context.args, context.flags);
    const orgId = await orgOf(context);
    const result = await context
      .client()
      .extensions.installations.disable(orgId, project, extension);
    context.out.result(result, () => `Disabled ${id} (org ${orgId})`);
  },
});
