import { defineCommand } from '../../command.js';
import { UsageError } from '../../errors.js';

export default defineCommand({
  group: 'config',
  name: 'rollback <key>',
  description: "Make an older version's value current again (as a new version)",
  options: [{ flags: '--version <n>', description: 'The version to roll back to' }],
  examples: ['kici-admin config rollback pgCustomerSecrets --version 1'],
  async run({ args, flags, out, client }) {
    const version = flags.string('version');
    if (version === undefined) throw new UsageError('--version is required');
    if (!/^[1-9]\d{0,14}$/.test(version)) {
      throw new UsageError('--version: expected a version number (an integer >= 1)');
    }
    const result = await client().config.rollback(args[0] ?? '', Number(version));
    out.result(
      result,
      () =>
        `Rolled back ${result.key} to version ${result.rolledBackTo}: now version ${result.version} (updated_at ${result.updatedAt})`,
    );
  },
});
