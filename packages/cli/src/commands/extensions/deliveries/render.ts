import type { Delivery, DeliveryAttempt, DeliveryDetail } from '@kici/contracts';
import { cell, printable, table } from '../../../output.js';

/** How deliveries read: tables and lines of metadata (never a value: none is ever sent). */

export const installationName = (d: Pick<Delivery, 'project_key' | 'extension_id'>) =>
  `${d.project_key}/${d.extension_id}`;

export function deliveriesTable(deliveries: readonly Delivery[]): string {
  return table(
    ['ID', 'INSTALLATION', 'KIND', 'EVENT', 'STATUS', 'ATTEMPTS', 'LAST', 'CREATED'],
    deliveries.map((d) => [
      d.id,
      installationName(d),
      d.kind,
      d.event_type,
      d.status,
      `${d.attempts}/${d.max_attempts}`,
      cell(d.last_status_code),
      d.created_at,
    ]),
  );
}

/** `attempt 2: HTTP 503 after 12 ms, retry (receiver answered 503)` */
export function attemptLine(a: DeliveryAttempt): string {
  const answer = a.status_code === null ? 'no answer' : `HTTP ${a.status_code}`;
  const error = a.error === null ? '' : ` (${printable(a.error)})`;
  return `attempt ${a.attempt}: ${answer} after ${a.latency_ms} ms, ${a.outcome}${error}`;
}

export function describeDelivery(d: DeliveryDetail): string {
  const lines = [
    `${d.id}: ${d.kind} ${d.event_type} to ${installationName(d)} (org ${d.org_id})`,
    `status ${d.status}, ${d.attempts}/${d.max_attempts} attempts, created ${d.created_at} by ${d.created_by}`,
    d.status === 'pending'
      ? `next attempt at ${d.next_attempt_at}`
      : `completed at ${cell(d.completed_at)}`,
  ];
  if (d.last_error !== null) lines.push(`last error: ${printable(d.last_error)}`);
  if (d.attempt_log.length > 0) lines.push('', ...d.attempt_log.map(attemptLine));
  if (d.event_payload !== undefined) {
    lines.push('', 'event payload:', JSON.stringify(d.event_payload, null, 2));
  }
  return lines.join('\n');
}
