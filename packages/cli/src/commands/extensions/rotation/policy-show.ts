import { defineCommand } from '../../../command.js';
import { ORG_OPTION } from '../options.js';
import { orgOf } from '../target.js';
import { policyLine } from './policy-view.js';

export default defineCommand({
  group: 'extensions rotation-policy',
  name: 'show',
  description: "The org's rotation policy: the maximum age of a secret, and the reminder lead",
  options: [ORG_OPTION],
  examples: [
    'kiket extensions rotation-policy show',
    'kiket extensions rotation-policy show --json',
  ],
  async run(context) {
    const orgId = await orgOf(context);
    const result = await context.client().monitoring.rotationPolicy.get(orgId);
    context.out.result(result, () => policyLine(result));
  },
});
