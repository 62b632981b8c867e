import { defineCommand } from '../../../command.js';
import { table } from '../../../output.js';
import { orgOf } from '../../extensions/target.js';
import { ORG_OPTION } from '../options.js';

export default defineCommand({
  group: 'marketplace products',
  name: 'list',
  description: "The org's product installations (org-level marketplace installs)",
  options: [ORG_OPTION],
  examples: ['kiket marketplace products list', 'kiket marketplace products list --json'],
  async run(context) {
    const orgId = await orgOf(context);
    const result = await context.client().extensions.products.list(orgId);
    context.out.result(result, () =>
      result.product_installations.length === 0
        ? `No product installations in org ${orgId}`
        : table(
            ['PRODUCT', 'INSTALLED', 'BY'],
            result.product_installations.map((p) => [p.product_id, p.created_at, p.created_by]),
          ),
    );
  },
});
