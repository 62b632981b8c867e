import type { AdminClient, DeliveryDetail } from '@kici/contracts';
import { OperationError, UsageError } from '../../../errors.js';
import type { Flags } from '../../../flags.js';
import type { Output } from '../../../output.js';
import { attemptLine } from './render.js';

export const WAIT_OPTIONS = [
  {
    flags: '--wait',
    description:
      'Poll until the delivery is delivered or failed, printing each attempt; exit 1 when it failed',
  },
  {
    flags: '--wait-timeout <seconds>',
    description: 'With --wait: give up (exit 1) after this long (default 600)',
  },
];

const POLL_MS = 250;

/** `--wait-timeout`: whole seconds, 1 to 86400 (default 600). */
export function waitTimeoutOf(flags: Flags): number {
  const text = flags.string('wait-timeout');
  if (text === undefined) return 600;
  const seconds = /^[1-9][0-9]{0,4}$/.test(text) ? Number(text) : 0;
  if (seconds < 1 || seconds > 86_400) {
    throw new UsageError('--wait-timeout: expected whole seconds from 1 to 86400');
  }
  return seconds;
}

/**
 * Follows a delivery until it is delivered or failed: each new attempt is printed as it is
 * recorded (on stderr with --json, whose stdout holds the final detail only).
 */
export async function waitForDelivery(
  admin: AdminClient,
  out: Output,
  note: (line: string) => void,
  id: string,
  timeoutSeconds: number,
): Promise<DeliveryDetail> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let printed = 0;
  for (;;) {
    const detail = await admin.deliveries.show(id);
    for (const attempt of detail.attempt_log.slice(printed)) note(attemptLine(attempt));
    printed = Math.max(printed, detail.attempt_log.length);
    if (detail.status !== 'pending') return detail;
    if (Date.now() >= deadline) {
      if (out.json) note(JSON.stringify(detail));
      throw new OperationError(
        `delivery ${id} is still pending after ${timeoutSeconds} s (next attempt at ${detail.next_attempt_at}); follow it with \`kici-admin extensions deliveries show ${id}\``,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The end of a wait: the detail on stdout, exit 1 when it failed (naming its last error). */
export function reportWaited(out: Output, detail: DeliveryDetail, human: () => string): void {
  out.result(detail, human);
  if (detail.status === 'failed') {
    throw new OperationError(
      `delivery ${detail.id} failed after ${detail.attempts} attempt${detail.attempts === 1 ? '' : 's'}: ${detail.last_error ?? `HTTP ${detail.last_status_code ?? '-'}`}`,
    );
  }
}
