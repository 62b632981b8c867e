import { MAX_NOTIFICATION_LIMIT, NOTIFICATION_KINDS } from '@kici/contracts';
import { defineCommand } from '../../command.js';
import { ORG_OPTION } from '../extensions/options.js';
import { orgOf } from '../extensions/target.js';
import { choiceFlag, integerFlag } from './flags.js';
import { follow } from './follow.js';
import { notificationTable } from './notification-view.js';

export default defineCommand({
  group: 'notifications',
  name: 'list',
  description:
    "Notifications to the org's admins (access anomalies, rotation compliance), newest first",
  options: [
    { flags: '--kind <kind>', description: `Only this kind: ${NOTIFICATION_KINDS.join(', ')}` },
    { flags: '--unacknowledged', description: 'Only those nobody acknowledged yet' },
    {
      flags: '--follow',
      description:
        'Keep polling (after_id) and print each new one as it comes; with --json, one JSON object per line',
    },
    { flags: '--interval <seconds>', description: 'How often --follow polls (default: 5)' },
    { flags: '--limit <n>', description: `At most n, 1-${MAX_NOTIFICATION_LIMIT} (default: 50)` },
    ORG_OPTION,
  ],
  examples: [
    'kici-admin notifications list --unacknowledged',
    'kici-admin notifications list --kind access_anomaly --json',
    'kici-admin notifications list --follow --json | ./page-the-on-call.sh',
  ],
  async run(context) {
    const { flags } = context;
    const kind = choiceFlag(flags, 'kind', NOTIFICATION_KINDS);
    const limit = integerFlag(flags, 'limit', 1, MAX_NOTIFICATION_LIMIT);
    const interval = integerFlag(flags, 'interval', 1, 3600) ?? 5;
    const orgId = await orgOf(context);
    const query = {
      org_id: orgId,
      ...(kind === undefined ? {} : { kind }),
      ...(flags.bool('unacknowledged') ? { unacknowledged: true } : {}),
      ...(limit === undefined ? {} : { limit }),
    };
    if (flags.bool('follow')) return follow(context, query, interval * 1000);
    const result = await context.client().monitoring.notifications.list(query);
    context.out.result(result, () =>
      result.notifications.length === 0
        ? `No notifications in org ${orgId}`
        : notificationTable(result.notifications),
    );
  },
});
