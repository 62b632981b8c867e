import type { AuditWriter } from './audit-entry.js';
import { KiciError } from './errors.js';
import { type AuthFailureLimits, createFailureLimiter } from './failure-limit.js';
import { auditEntry } from './guard.js';

/**
 * Refuses a credential that did not authenticate: a 401 with `message`, or a 429 once the
 * client address is past its limit (failure-limit.ts). The first failures of a window are
 * audited one row each (`action`, outcome denied, reason missing or invalid), the rest as
 * one row with their count when the window ends. For the dispatcher's and the jobs'
 * credentials; admin tokens keep their own (tokens/service.ts), which also sweeps on success.
 */
export function createAuthRefusal({
  store,
  actor,
  action,
  limits,
  message,
}: {
  readonly store: { readonly audit: AuditWriter };
  readonly actor: string;
  readonly action: string;
  readonly limits: AuthFailureLimits;
  readonly message: string;
}) {
  const failures = createFailureLimiter(limits);
  const audit = (routingKey: string | null, metadata: Record<string, string | number>) =>
    store.audit.append(auditEntry(actor, action, 'denied', { routingKey, metadata }));
  return async function refuse(
    presented: string | undefined,
    routingKey: string,
    client: string,
    at: number,
  ): Promise<never> {
    const result = failures.fail(client, at);
    for (const { client: from, count, windowStart } of result.ended) {
      await audit(null, {
        reason: 'repeated',
        client: from,
        count,
        windowStart: windowStart.toISOString(),
        windowMs: limits.windowMs,
      });
    }
    if (result.audit)
      await audit(routingKey, { reason: presented === undefined ? 'missing' : 'invalid', client });
    throw result.refuse ?? new KiciError('unauthorized', message);
  };
}
