import { defineCommand } from '../../../command.js';
import { confirmDestructive, YES_OPTION } from '../../../confirm.js';
import { ORG_OPTION } from '../options.js';
import { deletedNote } from '../render.js';
import { orgOf, projectKey } from '../target.js';

export default defineCommand({
  group: 'extensions projects',
  name: 'delete <KEY>',
  description:
    'Delete a project with its installations and secrets, in one transaction (asks first unless --yes)',
  options: [YES_OPTION, ORG_OPTION],
  examples: ['kiket extensions projects delete OPS', 'kiket extensions projects delete OPS --yes'],
  async run(context) {
    const key = projectKey('KEY', context.args[0] ?? '');
    const orgId = await orgOf(context);
    const admin = await confirmDestructive(
      context,
      'delete',
      `Delete project ${key} (org ${orgId}) with its installations and every secret they hold?`,
    );
    const result = await admin.extensions.projects.delete(orgId, key, { confirm: true });
    context.out.result(result, () => `Deleted project ${key} (org ${orgId})${deletedNote(result)}`);
  },
});
