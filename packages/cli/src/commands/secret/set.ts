import { SetSecretBodySchema } from '@kici/contracts';
import { defineCommand } from '../../command.js';
import { readCheckedValue } from '../../input/checked-value.js';
import { expectedFingerprint } from '../../input/fingerprint.js';
import { selectInputMode } from '../../input/mode.js';
import { INPUT_MODE_OPTIONS } from '../../input/options.js';
import { resolveTarget } from '../../target.js';
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
  async run({ args, flags, io, out, client }) {
    // Everything that can be wrong with the command line is found before any I/O.
    const mode = selectInputMode(flags, io.stdin.isTTY === true);
    const { orgId, scope, key } = resolveTarget(['org', 'scope', 'key'], args, flags, io.env);
    const expected = expectedFingerprint(flags.string('confirm-fingerprint'));
    const dryRun = flags.bool('dry-run');
    const admin = dryRun ? undefined : client();

    const { value, sha256 } = await readCheckedValue(
      mode,
      io,
      out,
      key,
      SetSecretBodySchema,
      expected,
    );
    if (admin === undefined) {
      const valueLength = Buffer.byteLength(value, 'utf8');
      out.result(
        { dryRun: true, orgId, scope, key, valueLength, sha256 },
        () => `[dry-run] would set ${key} in scope ${scope} sha256=${sha256}`,
      );
      return;
    }
    const result = await admin.secrets.set(orgId, scope, key, value);
    out.result(
      result,
      () =>
        `Set ${result.key} in ${result.scope} (${result.valueLength} bytes, updated_at ${result.updatedAt})`,
    );
  },
});
