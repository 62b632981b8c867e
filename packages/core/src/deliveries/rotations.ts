import { ROTATION_EVENT_TYPE } from '@kici/contracts/vocabulary';
import { SYSTEM_ACTOR_NAME } from '../kernel/actor.js';
import type { Repositories } from '../store.js';
import type { ExtensionAccess } from './attempt.js';
import type { DeliveryConfig } from './config.js';
import { newDeliveryId } from './ids.js';
import { deliveryPlan } from './plan.js';
import type { DeliverySecretWrite } from './port.js';

export interface RotationDeps {
  readonly extension: Pick<ExtensionAccess, 'chainScopes' | 'scopeRef'>;
  readonly config: DeliveryConfig;
  readonly onEnqueued: () => void;
}

/** A write that changes a value an extension holds: a rotate, or a set that replaced one. */
const rotates = (write: DeliverySecretWrite) =>
  write.action === 'rotate' || (write.action === 'set' && write.replaced);

/**
 * The outbox of rotation webhooks, run inside the transaction of a secret write: one
 * `secret.rotated` delivery per enabled installation (and written scope) whose chain holds
 * the scope, whose manifest subscribes, and which is delivered one of the keys.
 */
export function createRotationEnqueuer({ extension, config, onEnqueued }: RotationDeps) {
  return async function enqueueRotations(
    tx: Repositories,
    writes: readonly DeliverySecretWrite[],
  ): Promise<number> {
    const byScope = new Map<string, { orgId: string; scope: string; keys: Set<string> }>();
    for (const write of writes.filter(rotates)) {
      const id = `${write.orgId}\n${write.scope}`;
      const group = byScope.get(id) ?? { orgId: write.orgId, scope: write.scope, keys: new Set() };
      group.keys.add(write.key);
      byScope.set(id, group);
    }
    let queued = 0;
    for (const { orgId, scope, keys } of byScope.values()) {
      const scopeRef = extension.scopeRef(scope, orgId);
      if (!scopeRef) continue;
      const installations = (await tx.extensions.listInstallations({ orgId })).filter(
        (installation) =>
          installation.enabled && extension.chainScopes(installation).includes(scope),
      );
      const plans = new Map<string, ReturnType<typeof deliveryPlan>>();
      for (const installation of installations) {
        let plan = plans.get(installation.extensionId);
        if (!plan) {
          plan = deliveryPlan(
            (await tx.extensions.findCatalog(installation.extensionId))?.manifest,
          );
          plans.set(installation.extensionId, plan);
        }
        if (!plan.url || !plan.subscribe.includes(ROTATION_EVENT_TYPE)) continue;
        const delivered = [...keys].filter((key) => plan.deliveredKeys.has(key)).sort();
        if (delivered.length === 0) continue;
        await tx.deliveries.insert({
          orgId,
          projectKey: installation.projectKey,
          extensionId: installation.extensionId,
          id: newDeliveryId(),
          kind: 'rotation',
          eventType: ROTATION_EVENT_TYPE,
          payload: { keys: delivered, scope: scopeRef },
          maxAttempts: config.maxAttempts,
          createdBy: SYSTEM_ACTOR_NAME,
        });
        queued += 1;
      }
    }
    // Woken before the commit: a tick that runs too early finds nothing, the next one does.
    if (queued > 0) onEnqueued();
    return queued;
  };
}
