/** A secret's age against a rotation policy: the arithmetic the report and the audit job share. */
import type { RotationPolicyRecord, RotationSecretRecord } from './port.js';

export const DAY_MS = 86_400_000;

export interface SecretAge {
  /** When its current value was set: `COALESCE(last_rotated_at, created_at)`. */
  readonly since: Date;
  readonly ageMs: number;
  readonly ageDays: number;
}

export function ageOf(secret: RotationSecretRecord, now: Date): SecretAge {
  const since = secret.lastRotatedAt ?? secret.createdAt;
  const ageMs = Math.max(0, now.getTime() - since.getTime());
  return { since, ageMs, ageDays: Math.floor(ageMs / DAY_MS) };
}

/**
 * Where a secret stands: `overdue` (older than the maximum age) with the start of the period it
 * is overdue in (every `max_age_days` past expiry is a new period, so it is flagged again),
 * `due_soon` within `remind_days` of expiry, else `ok`. A rotation resets `since`: a new period.
 */
export function standing(
  age: SecretAge,
  policy: Pick<RotationPolicyRecord, 'maxAgeDays' | 'remindDays'>,
) {
  const maxMs = policy.maxAgeDays * DAY_MS;
  if (age.ageMs >= maxMs) {
    const periods = Math.floor(age.ageMs / maxMs);
    return {
      state: 'overdue' as const,
      periodStart: new Date(age.since.getTime() + periods * maxMs),
    };
  }
  if (policy.remindDays > 0 && age.ageMs >= maxMs - policy.remindDays * DAY_MS) {
    return { state: 'due_soon' as const, periodStart: age.since };
  }
  return { state: 'ok' as const, periodStart: age.since };
}
