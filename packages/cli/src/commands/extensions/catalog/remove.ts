import { defineCommand } from '../../../command.js';
import { confirmDestructive, YES_OPTION } from '../../../confirm.js';
import { deletedNote } from '../render.js';
import { extensionId } from '../target.js';

export default defineCommand({
  group: 'extensions catalog',
  name: 'remove <id>',
  description:
    'Remove an extension from the catalog with its installations and secrets, in one transaction (asks first unless --yes)',
  options: [YES_OPTION],
  examples: [
    'kiket extensions catalog remove com.example.zoom',
    'kiket extensions catalog remove com.example.zoom --yes',
  ],
  async run(context) {
    const id = extensionId('id', context.args[0] ?? '');
    const admin = await confirmDestructive(
      context,
      'remove',
      `Remove ${id} from the catalog, with every installation of it and every secret they hold?`,
    );
    const result = await admin.extensions.catalog.delete(id, { confirm: true });
    context.out.result(result, () => `Removed ${result.id} from the catalog${deletedNote(result)}`);
  },
});
