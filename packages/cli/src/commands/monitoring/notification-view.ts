import type { RouteResponse } from '@kici/contracts';
import { cell, table } from '../../output.js';

export type NotificationAnswer = RouteResponse<'notifications.list'>['notifications'][number];

/** Notifications as a table: id, priority, kind, title, when, acknowledged by. */
export const notificationTable = (list: readonly NotificationAnswer[]) =>
  table(
    ['ID', 'PRIORITY', 'KIND', 'CREATED', 'ACKED BY', 'TITLE'],
    list.map((n) => [
      String(n.id),
      n.priority,
      n.kind,
      n.created_at,
      cell(n.acknowledged_by),
      n.title,
    ]),
  );
