import { defineCommand } from '../../command.js';

export default defineCommand({
  group: 'config',
  name: 'unset <key>',
  description:
    'Remove the value of a configuration key (it falls back to its default): a new version, so history keeps it and rollback brings it back',
  examples: [
    'kici-admin config unset pgCustomerSecrets',
    'kici-admin config rollback pgCustomerSecrets --version 1',
  ],
  async run({ args, out, client }) {
    const result = await client().config.unset(args[0] ?? '');
    out.result(
      result,
      () => `Unset ${result.key} at version ${result.version} (updated_at ${result.updatedAt})`,
    );
  },
});
