import { MAX_ROTATION_AGE_DAYS } from '@kici/contracts/vocabulary';
import { type Actor, actorName } from '../kernel/actor.js';
import { invalidInput, notFound } from '../kernel/errors.js';
import { auditEntry, authorize } from '../kernel/guard.js';
import type { Store } from '../store.js';
import type { RotationPolicyRecord } from './port.js';

/** The reminder lead when a policy names none: a week, or the whole age when that is shorter. */
export const defaultRemindDays = (maxAgeDays: number) => Math.min(7, maxAgeDays);

function checkPolicy(maxAgeDays: number, remindDays: number) {
  if (!Number.isInteger(maxAgeDays) || maxAgeDays < 1 || maxAgeDays > MAX_ROTATION_AGE_DAYS)
    throw invalidInput('max_age_days', `expected an integer from 1 to ${MAX_ROTATION_AGE_DAYS}`);
  if (!Number.isInteger(remindDays) || remindDays < 0 || remindDays > maxAgeDays)
    throw invalidInput('remind_days', `expected an integer from 0 to max_age_days (${maxAgeDays})`);
}

/** Each org's rotation policy: read with `context.read`, changed with `context.update`, audited. */
export function createRotationPolicies({
  store,
}: {
  store: Pick<Store, 'rotationPolicies' | 'audit'>;
}) {
  return {
    async get(actor: Actor, orgId: string): Promise<RotationPolicyRecord | undefined> {
      await authorize(store, actor, 'context.read', 'ext.rotation_policy.show', { orgId });
      return store.rotationPolicies.find(orgId);
    },

    async set(
      actor: Actor,
      orgId: string,
      maxAgeDays: number,
      remindDays: number = defaultRemindDays(maxAgeDays),
    ): Promise<RotationPolicyRecord> {
      const context = { orgId, metadata: { maxAgeDays, remindDays } };
      await authorize(store, actor, 'context.update', 'ext.rotation_policy.set', context);
      checkPolicy(maxAgeDays, remindDays);
      const record = await store.rotationPolicies.put(
        orgId,
        maxAgeDays,
        remindDays,
        actorName(actor),
      );
      await store.audit.append(auditEntry(actor, 'ext.rotation_policy.set', 'success', context));
      return record;
    },

    async clear(actor: Actor, orgId: string): Promise<void> {
      await authorize(store, actor, 'context.update', 'ext.rotation_policy.clear', { orgId });
      if (!(await store.rotationPolicies.remove(orgId)))
        throw notFound(`Rotation policy of org ${orgId}`);
      await store.audit.append(
        auditEntry(actor, 'ext.rotation_policy.clear', 'success', { orgId }),
      );
    },
  };
}
