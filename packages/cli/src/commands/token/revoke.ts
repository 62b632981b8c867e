import { defineCommand } from '../../command.js';

export default defineCommand({
  group: 'token',
  name: 'revoke <id>',
  description: 'Revoke an admin token (the last active owner token cannot be revoked)',
  examples: ['kici-admin token revoke tok_3f9a1c2b7d4e5f60'],
  async run({ args, out, client }) {
    const result = await client().tokens.revoke(args[0] ?? '');
    out.result(result, () => `Revoked token ${result.id} at ${result.revokedAt}`);
  },
});
