import { defineCommand } from '../../command.js';
import { UsageError } from '../../errors.js';
import { ORG_OPTION } from '../extensions/options.js';
import { orgOf } from '../extensions/target.js';

export default defineCommand({
  group: 'notifications',
  name: 'ack <id>',
  description: 'Acknowledge a notification (recorded with who and when)',
  options: [ORG_OPTION],
  examples: ['kici-admin notifications ack 42', 'kici-admin notifications ack 42 --json'],
  async run(context) {
    const text = context.args[0] ?? '';
    if (!/^[1-9][0-9]{0,15}$/.test(text))
      throw new UsageError('<id>: expected a notification id (a positive integer), e.g. 42');
    const orgId = await orgOf(context);
    const result = await context.client().monitoring.notifications.ack(Number(text), orgId);
    const n = result.notification;
    context.out.result(
      result,
      () =>
        `Acknowledged notification ${n.id} (${n.kind}) by ${n.acknowledged_by ?? '-'} at ${n.acknowledged_at ?? '-'}`,
    );
  },
});
