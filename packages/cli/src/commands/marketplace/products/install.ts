import { defineCommand } from '../../../command.js';
import { extensionId, orgOf } from '../../extensions/target.js';
import { ORG_OPTION } from '../options.js';

export default defineCommand({
  group: 'marketplace products',
  name: 'install <product-id>',
  description:
    'Install a marketplace product for the org: its secrets are shared by the installations that name it',
  options: [ORG_OPTION],
  examples: [
    'kiket marketplace products install com.example.suite',
    'kiket extensions secrets set --scope product_installation --id com.example.suite --env-file .env.suite',
  ],
  async run(context) {
    const product = extensionId('product-id', context.args[0] ?? '');
    const orgId = await orgOf(context);
    const result = await context.client().extensions.products.put(orgId, product);
    context.out.result(result, () => `Installed product ${result.product_id} (org ${orgId})`);
  },
});
