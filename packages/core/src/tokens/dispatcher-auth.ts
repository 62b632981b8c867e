import { hashAdminToken, verifyAdminToken } from '@kici/crypto';
import { DISPATCHER_ACTOR } from '../kernel/actor.js';
import { KiciError } from '../kernel/errors.js';
import { auditEntry } from '../kernel/guard.js';
import type { Store } from '../store.js';

export const INVALID_DISPATCHER_CREDENTIAL = 'Invalid dispatcher credential';

/**
 * The dispatcher's own credential (not an admin token): it may resolve job secrets and
 * nothing else. Only its hash is kept; a failed attempt is audited.
 */
export function createDispatcherAuth({
  store,
  credential,
}: {
  store: Pick<Store, 'audit'>;
  credential: string;
}) {
  const hash = hashAdminToken(credential);
  return {
    async authenticate(presented: string | undefined, routingKey: string): Promise<void> {
      if (presented !== undefined && verifyAdminToken(presented, hash)) return;
      await store.audit.append(
        auditEntry(DISPATCHER_ACTOR, 'dispatcher.authenticate', 'denied', {
          routingKey,
          metadata: { reason: presented === undefined ? 'missing' : 'invalid' },
        }),
      );
      throw new KiciError('unauthorized', INVALID_DISPATCHER_CREDENTIAL);
    },
  };
}

export type DispatcherAuth = ReturnType<typeof createDispatcherAuth>;
