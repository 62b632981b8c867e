import { hashAdminToken, verifyAdminToken } from '@kici/crypto';
import { DISPATCHER_ACTOR } from '../kernel/actor.js';
import { KiciError } from '../kernel/errors.js';
import { auditEntry } from '../kernel/guard.js';
import type { Store } from '../store.js';
import {
  type AuthFailureLimits,
  createFailureLimiter,
  DEFAULT_AUTH_FAILURE_LIMITS,
} from './failure-limit.js';

export const INVALID_DISPATCHER_CREDENTIAL = 'Invalid dispatcher credential';

/**
 * The dispatcher's own credential (not an admin token): it may resolve job secrets and
 * nothing else. Only its hash is kept. Failed attempts are limited and audited per client
 * address like admin tokens' (failure-limit.ts); the right credential always passes.
 */
export function createDispatcherAuth({
  store,
  credential,
  failureLimits = DEFAULT_AUTH_FAILURE_LIMITS,
  now = () => Date.now(),
}: {
  store: Pick<Store, 'audit'>;
  credential: string;
  failureLimits?: AuthFailureLimits;
  now?: () => number;
}) {
  const hash = hashAdminToken(credential);
  const failures = createFailureLimiter(failureLimits);
  const audit = (routingKey: string | null, metadata: Record<string, string | number>) =>
    store.audit.append(
      auditEntry(DISPATCHER_ACTOR, 'dispatcher.authenticate', 'denied', { routingKey, metadata }),
    );
  return {
    async authenticate(
      presented: string | undefined,
      routingKey: string,
      client = 'unknown',
    ): Promise<void> {
      if (presented !== undefined && verifyAdminToken(presented, hash)) return;
      const result = failures.fail(client, now());
      for (const { client: from, count, windowStart } of result.ended) {
        await audit(null, {
          reason: 'repeated',
          client: from,
          count,
          windowStart: windowStart.toISOString(),
          windowMs: failureLimits.windowMs,
        });
      }
      if (result.audit)
        await audit(routingKey, {
          reason: presented === undefined ? 'missing' : 'invalid',
          client,
        });
      throw result.refuse ?? new KiciError('unauthorized', INVALID_DISPATCHER_CREDENTIAL);
    },
  };
}

export type DispatcherAuth = ReturnType<typeof createDispatcherAuth>;
