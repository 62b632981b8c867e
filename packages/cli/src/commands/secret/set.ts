import { SetSecretBodySchema } from '@kici/contracts';
import { defineCommand } from '../../command.js';
import { INPUT_MODE_OPTIONS } from '../../input/options.js';
import { printDryRun, readValueToSet } from '../../input/value-to-set.js';
import { isNewOrg, newOrgNote } from '../../target.js';
import { ORG_OPTION, SCOPE_OPTION, TARGET_USAGE } from './options.js';

export default defineCommand({
  group: 'secret',
  name: 'set [org-id] [scope] [key]',
  usage: `set ${TARGET_USAGE}`,
  description: 'Create or replace a secret (value from one of five input modes)',
  options: [ORG_OPTION, SCOPE_OPTION, ...INPUT_MODE_OPTIONS],
  examples: [
    'kici-admin secret set acme production KICI_DATABASE_URL --prompt',
    'kici-admin secret set --scope production DB_PASSWORD --prompt',
    'pass show prod/db | kici-admin secret set --scope production DB_PASSWORD --from-stdin',
    'kici-admin secret set --scope production DB_PASSWORD --from-file ./prod-db.txt',
    'kici-admin secret set --scope production DB_PASSWORD --from-env CI_DB_PASSWORD',
    'kici-admin secret set --scope production DB_PASSWORD --prompt --confirm-fingerprint 7b3d6e… --dry-run',
  ],
  async run(context) {
    const target = await readValueToSet(context, SetSecretBodySchema);
    if (target.admin === undefined) return printDryRun(context, target);
    const { orgId, scope, key, value } = target;
    const created = await isNewOrg(target.admin, orgId);
    const result = await target.admin.secrets.set(orgId, scope, key, value);
    context.out.result(
      result,
      () =>
        `Set ${result.key} in ${result.scope} of org ${orgId} (${result.valueLength} bytes, updated_at ${result.updatedAt})`,
    );
    if (created) context.io.stderr.write(newOrgNote(orgId));
  },
});
