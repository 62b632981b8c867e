import { defineCommand } from '../../command.js';
import { table } from '../../output.js';

export default defineCommand({
  group: 'config',
  name: 'list',
  description: 'List configuration keys with their current version (no values)',
  examples: ['kici-admin config list'],
  async run({ out, client }) {
    const result = await client().config.list();
    out.result(result, () =>
      result.entries.length === 0
        ? 'No configuration keys set'
        : table(
            ['KEY', 'VERSION', 'UPDATED', 'UPDATED BY'],
            result.entries.map((e) => [e.key, String(e.version), e.updatedAt, e.updatedBy]),
          ),
    );
  },
});
