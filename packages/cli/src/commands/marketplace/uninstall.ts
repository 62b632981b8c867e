import { defineCommand } from '../../command.js';
import { confirmDestructive, YES_OPTION } from '../../confirm.js';
import { deletedNote } from '../extensions/render.js';
import { orgOf } from '../extensions/target.js';
import { installationOf, ORG_OPTION, PROJECT_OPTION } from './options.js';

export default defineCommand({
  group: 'marketplace',
  name: 'uninstall <extension-id>',
  description:
    'Uninstall an extension from a project with its installation secrets, in one transaction (asks first unless --yes)',
  options: [PROJECT_OPTION, YES_OPTION, ORG_OPTION],
  examples: [
    'kiket marketplace uninstall com.example.zoom --project OPS',
    'kiket marketplace uninstall com.example.zoom --project OPS --yes',
  ],
  async run(context) {
    const { extension, project, id } = installationOf(context.args, context.flags);
    const orgId = await orgOf(context);
    const admin = await confirmDestructive(
      context,
      'uninstall',
      `Uninstall ${id} (org ${orgId}) and delete the secrets set for this installation?`,
    );
    const result = await admin.extensions.installations.delete(orgId, project, extension, {
      confirm: true,
    });
    // The installation counted in deleted_installations is the one uninstalled: not news.
    const note = deletedNote({ ...result, deleted_installations: 0 });
    context.out.result(result, () => `Uninstalled ${id} (org ${orgId})${note}`);
  },
});
