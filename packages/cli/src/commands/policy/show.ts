import { defineCommand } from '../../command.js';
import { table } from '../../output.js';
import { surfaceList } from './surfaces.js';

export default defineCommand({
  group: 'policy',
  name: 'show',
  description: 'Show the dashboard-write policy: which surfaces may perform each write',
  examples: ['kici-admin policy show', 'kici-admin policy show --json'],
  async run({ out, client }) {
    const result = await client().policy.get();
    out.result(result, () =>
      table(
        ['OPERATION', 'ACCEPTED FROM'],
        Object.entries(result.policy).map(([operation, surfaces]) => [
          operation,
          surfaceList(surfaces),
        ]),
      ),
    );
  },
});
