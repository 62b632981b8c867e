import { defineCommand } from '../../../command.js';
import { ORG_OPTION } from '../options.js';
import { orgOf } from '../target.js';

export default defineCommand({
  group: 'extensions rotation-policy',
  name: 'clear',
  description: "Remove the org's rotation policy (the audit job then flags nothing)",
  options: [ORG_OPTION],
  examples: ['kiket extensions rotation-policy clear'],
  async run(context) {
    const orgId = await orgOf(context);
    const result = await context.client().monitoring.rotationPolicy.clear(orgId);
    context.out.result(result, () => `Removed the rotation policy of org ${result.org_id}`);
  },
});
