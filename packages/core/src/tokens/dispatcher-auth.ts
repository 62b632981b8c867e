import { hashAdminToken, verifyAdminToken } from '@kici/crypto';
import { DISPATCHER_ACTOR } from '../kernel/actor.js';
import { createAuthRefusal } from '../kernel/auth-refusal.js';
import { type AuthFailureLimits, DEFAULT_AUTH_FAILURE_LIMITS } from '../kernel/failure-limit.js';
import type { Store } from '../store.js';

export const INVALID_DISPATCHER_CREDENTIAL = 'Invalid dispatcher credential';

/**
 * The dispatcher's own credential (not an admin token): it may resolve job secrets and
 * nothing else. Only its hash is kept. Failed attempts are limited and audited per client
 * address like admin tokens' (kernel/auth-refusal.ts); the right credential always passes.
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
  const refuse = createAuthRefusal({
    store,
    actor: DISPATCHER_ACTOR,
    action: 'dispatcher.authenticate',
    limits: failureLimits,
    message: INVALID_DISPATCHER_CREDENTIAL,
  });
  return {
    async authenticate(
      presented: string | undefined,
      routingKey: string,
      client = 'unknown',
    ): Promise<void> {
      if (presented !== undefined && verifyAdminToken(presented, hash)) return;
      await refuse(presented, routingKey, client, now());
    },
  };
}

export type DispatcherAuth = ReturnType<typeof createDispatcherAuth>;
