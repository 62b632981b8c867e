import { defineCommand } from '../../command.js';
import { resolveTarget } from '../../target.js';
import { ORG_OPTION, SCOPE_OPTION, TARGET_USAGE } from './options.js';

export default defineCommand({
  group: 'secret',
  name: 'reveal [org-id] [scope] [key]',
  usage: `reveal ${TARGET_USAGE}`,
  description: 'Print a secret value on stdout (audited; needs secret.reveal)',
  options: [ORG_OPTION, SCOPE_OPTION],
  examples: [
    'kici-admin secret reveal acme production KICI_DATABASE_URL',
    'kici-admin secret reveal --scope production DB_PASSWORD | pbcopy',
  ],
  async run({ args, flags, io, out, client }) {
    const { orgId, scope, key } = await resolveTarget(
      ['org', 'scope', 'key'],
      args,
      flags,
      io.env,
      client,
    );
    const result = await client().secrets.reveal(orgId, scope, key);
    // The value and a newline only, so that it can be piped.
    out.result(result, () => result.value);
  },
});
