import { MAX_NOTIFICATION_LIMIT, type RouteInput } from '@kici/contracts';
import type { CommandContext } from '../../command.js';
import { printable } from '../../output.js';
import type { NotificationAnswer } from './notification-view.js';

type Query = RouteInput<'notifications.list', 'query'>;

/** One line per notification: a JSON object with --json (JSON lines), else a short summary. */
const line = (n: NotificationAnswer, json: boolean) =>
  json
    ? JSON.stringify(n)
    : printable(`#${n.id}  ${n.priority}  ${n.kind}  ${n.created_at}  ${n.title}`);

/**
 * `notifications list --follow`: prints the current ones oldest first, then polls with
 * `after_id` every `intervalMs` and prints each new one, until interrupted. A failed poll is
 * reported on stderr and retried: automation downstream keeps its stream.
 */
export async function follow(context: CommandContext, query: Query, intervalMs: number) {
  const { io, out } = context;
  const client = context.client();
  const first = await client.monitoring.notifications.list(query);
  let lastId = 0;
  const print = (list: readonly NotificationAnswer[]) => {
    for (const n of list) {
      io.stdout.write(`${line(n, out.json)}\n`);
      lastId = Math.max(lastId, n.id);
    }
  };
  print([...first.notifications].reverse());
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    try {
      const next = await client.monitoring.notifications.list({
        ...query,
        after_id: lastId,
        limit: MAX_NOTIFICATION_LIMIT,
      });
      print(next.notifications);
    } catch (error) {
      out.warn(`polling notifications failed, retrying: ${(error as Error).message}`);
    }
  }
}
