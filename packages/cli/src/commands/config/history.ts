import { defineCommand } from '../../command.js';
import { table } from '../../output.js';

export default defineCommand({
  group: 'config',
  name: 'history <key>',
  description:
    'List every version of a configuration key, newest first (UNSET: that version removed the value)',
  examples: ['kici-admin config history pgCustomerSecrets'],
  async run({ args, out, client }) {
    const result = await client().config.history(args[0] ?? '');
    out.result(result, () =>
      table(
        ['VERSION', 'CREATED', 'CREATED BY', 'CURRENT', 'UNSET'],
        result.versions.map((v) => [
          String(v.version),
          v.createdAt,
          v.createdBy,
          v.current ? 'yes' : '',
          v.unset ? 'yes' : '',
        ]),
      ),
    );
  },
});
