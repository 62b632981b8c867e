import { defineCommand } from '../../../command.js';
import { confirmDestructive, YES_OPTION } from '../../../confirm.js';
import { deletedNote } from '../../extensions/render.js';
import { extensionId, orgOf } from '../../extensions/target.js';
import { ORG_OPTION } from '../options.js';

export default defineCommand({
  group: 'marketplace products',
  name: 'remove <product-id>',
  description:
    'Remove a product installation with its secrets, in one transaction (asks first unless --yes)',
  options: [YES_OPTION, ORG_OPTION],
  examples: [
    'kiket marketplace products remove com.example.suite',
    'kiket marketplace products remove com.example.suite --yes',
  ],
  async run(context) {
    const product = extensionId('product-id', context.args[0] ?? '');
    const orgId = await orgOf(context);
    const admin = await confirmDestructive(
      context,
      'remove',
      `Remove product ${product} (org ${orgId}) and its secrets? Installations from it keep going without them.`,
    );
    const result = await admin.extensions.products.delete(orgId, product, { confirm: true });
    context.out.result(
      result,
      () => `Removed product ${result.product_id} (org ${orgId})${deletedNote(result)}`,
    );
  },
});
