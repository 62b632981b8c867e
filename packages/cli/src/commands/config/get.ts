import { defineCommand } from '../../command.js';

export default defineCommand({
  group: 'config',
  name: 'get <key>',
  description: 'Show the current value of a configuration key',
  examples: ['kici-admin config get pgCustomerSecrets'],
  async run({ args, out, client }) {
    const result = await client().config.get(args[0] ?? '');
    out.result(
      result,
      () =>
        `${result.key} = ${JSON.stringify(result.value)} (version ${result.version}, updated_at ${result.updatedAt} by ${result.updatedBy})`,
    );
  },
});
