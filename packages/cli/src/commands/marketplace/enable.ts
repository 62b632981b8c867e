import { defineCommand } from '../../command.js';
import { orgOf } from '../extensions/target.js';
import { installationOf, ORG_OPTION, PROJECT_OPTION } from './options.js';

export default defineCommand({
  group: 'marketplace',
  name: 'enable <extension-id>',
  description: 'Enable an installation: refused while a required key is missing or a placeholder',
  options: [PROJECT_OPTION, ORG_OPTION],
  examples: ['kiket marketplace enable com.example.zoom --project OPS'],
  async run(context) {
    const { extension, project, id } = installationOf(context.args, context.flags);
    const orgId = await orgOf(context);
    const result = await context
      .client()
      .extensions.installations.enable(orgId, project, extension);
    context.out.result(result, () => `Enabled ${id} (org ${orgId})`);
  },
});
