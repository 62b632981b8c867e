import { EVENT_TYPE } from '@kici/contracts/vocabulary';
import type { InstallationRef } from '../extensions/port.js';
import { type Actor, actorName, DISPATCHER_ACTOR } from '../kernel/actor.js';
import { conflict, invalidInput, notFound } from '../kernel/errors.js';
import { auditEntry, authorize } from '../kernel/guard.js';
import type { Store } from '../store.js';
import type { ExtensionAccess } from './attempt.js';
import type { DeliveryConfig } from './config.js';
import { newDeliveryId } from './ids.js';
import { deliveryPlan } from './plan.js';
import type { DeliveryRecord } from './port.js';

export interface InvokeDeps {
  readonly store: Pick<Store, 'extensions' | 'deliveries' | 'audit' | 'transaction'>;
  readonly extension: Pick<ExtensionAccess, 'presentKeys'>;
  readonly config: DeliveryConfig;
  readonly onEnqueued: () => void;
}

export interface InvokeEvent {
  readonly type: string;
  readonly payload?: unknown;
}

const label = (ref: InstallationRef) => `${ref.projectKey}/${ref.extensionId}`;

/** The event as stored: a valid type and a payload jsonb can hold. */
function checkEvent(event: InvokeEvent) {
  if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
    throw invalidInput('event.type', 'expected an event type like issue.created');
  }
  const payload = event.payload === undefined ? {} : event.payload;
  const text = JSON.stringify(payload);
  if (text === undefined) throw invalidInput('event.payload', 'expected JSON');
  if (/\\u0000|\\ud[89a-f]/i.test(text)) {
    throw invalidInput('event.payload', 'expected no NUL character or lone surrogate');
  }
  return { type: event.type, payload };
}

/**
 * Queues an invocation after the fail-fast checks, in order: the installation exists (404),
 * it is enabled, its manifest has a callback, and every key it needs is held by its chain
 * (409s). A refusal writes nothing; the checks read metadata only, never a value.
 */
export function createInvoke({ store, extension, config, onEnqueued }: InvokeDeps) {
  return async function invoke(
    actor: Actor | typeof DISPATCHER_ACTOR,
    ref: InstallationRef,
    event: InvokeEvent,
  ): Promise<DeliveryRecord> {
    const context = { orgId: ref.orgId, metadata: { installation: label(ref) } };
    if (actor !== DISPATCHER_ACTOR) {
      await authorize(store, actor, 'context.update', 'ext.delivery.invoke', context);
    }
    const checked = checkEvent(event);
    const installation = await store.extensions.findInstallation(ref);
    if (!installation) throw notFound(`Installation ${label(ref)} of org ${ref.orgId}`);
    if (!installation.enabled) {
      throw conflict(
        `Installation ${label(ref)} is disabled: enable it with \`kiket marketplace enable ${ref.extensionId} --project ${ref.projectKey}\``,
      );
    }
    const plan = deliveryPlan((await store.extensions.findCatalog(ref.extensionId))?.manifest);
    if (!plan.url) {
      throw conflict(
        `Extension ${ref.extensionId} has no delivery.callback.url in its manifest: add one with \`kiket extensions catalog add ${ref.extensionId} --manifest <file>\``,
      );
    }
    const present = await extension.presentKeys(installation);
    const missing = plan.requiredKeys.filter((key) => !present.has(key));
    if (missing.length > 0) {
      throw conflict(
        `required secrets missing: ${missing.join(', ')}: set them with \`kiket extensions secrets set --scope installation --id ${label(ref)} --key <KEY>\``,
      );
    }
    const createdBy = actor === DISPATCHER_ACTOR ? DISPATCHER_ACTOR : actorName(actor);
    const record = await store.transaction(async (tx) => {
      const inserted = await tx.deliveries.insert({
        ...ref,
        id: newDeliveryId(),
        kind: 'invocation',
        eventType: checked.type,
        payload: checked.payload,
        maxAttempts: config.maxAttempts,
        createdBy,
      });
      await tx.audit.append(
        auditEntry(actor, 'ext.delivery.invoke', 'success', {
          ...context,
          metadata: { ...context.metadata, delivery: inserted.id, event_type: checked.type },
        }),
      );
      return inserted;
    });
    onEnqueued();
    return record;
  };
}
