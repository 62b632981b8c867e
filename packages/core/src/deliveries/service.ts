import { MAX_SIGNING_WINDOW_SECONDS } from '@kici/contracts/vocabulary';
import type { InstallationRef } from '../extensions/port.js';
import type { Actor } from '../kernel/actor.js';
import { actorName } from '../kernel/actor.js';
import { invalidInput, notFound } from '../kernel/errors.js';
import { auditEntry, authorize, failuresAudited } from '../kernel/guard.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import type { Store } from '../store.js';
import type { ExtensionAccess } from './attempt.js';
import { type DeliveryConfig, deliveryConfig } from './config.js';
import { createInvoke } from './invoke.js';
import type { DeliveryRecord } from './port.js';
import { createRotationEnqueuer } from './rotations.js';
import { createSender } from './sender.js';
import { createSigningSecrets, type SigningSecretView } from './signing.js';
import { createDeliveryViews, recordOf } from './views.js';
import { createWorker, type RecordReads } from './worker.js';

export interface DeliveryServiceDeps {
  readonly store: Pick<
    Store,
    'deliveries' | 'extensions' | 'secrets' | 'audit' | 'transaction' | 'exclusive'
  >;
  readonly keyring: KeyringHolder;
  readonly extension: ExtensionAccess;
  /** The access log's batch of a delivery's reads, in its completion's transaction. */
  readonly recordReads?: RecordReads;
  readonly config?: Partial<DeliveryConfig>;
  /** Names this instance in the claims and attempts it makes. */
  readonly instanceId?: string;
  readonly now?: () => Date;
}

const label = (ref: InstallationRef) => `${ref.projectKey}/${ref.extensionId}`;

/**
 * Deliveries to extensions: the outbox of invocations and rotation webhooks, the worker that
 * resolves each installation's secrets just before each attempt and POSTs them signed
 * (Standard Webhooks), and the per-installation signing secrets.
 */
export function createDeliveryService(deps: DeliveryServiceDeps) {
  const { store } = deps;
  const config = deliveryConfig(deps.config);
  const listeners = new Set<() => void>();
  const onEnqueued = () => {
    for (const listener of listeners) listener();
  };
  const signing = createSigningSecrets({
    store,
    keyring: deps.keyring,
    ...(deps.now ? { now: deps.now } : {}),
  });
  const sender = createSender();
  const views = createDeliveryViews({ store, onEnqueued });

  /** Reads and rotations of the signing secret need the installation, and are audited. */
  async function onSigningSecret<T>(
    actor: Actor,
    ref: InstallationRef,
    action: string,
    permission: 'secret.reveal' | 'secret.write',
    work: () => Promise<T>,
  ): Promise<T> {
    const context = { orgId: ref.orgId, metadata: { installation: label(ref) } };
    await authorize(store, actor, permission, action, context);
    const result = await failuresAudited(store, actor, action, context, async () => {
      if (!(await store.extensions.findInstallation(ref))) {
        throw notFound(`Installation ${label(ref)} of org ${ref.orgId}`);
      }
      return work();
    });
    await store.audit.append(auditEntry(actor, action, 'success', context));
    return result;
  }

  return {
    invoke: createInvoke({ store, extension: deps.extension, config, onEnqueued }),
    list: views.list,
    show: views.show,
    retry: views.retry,
    work: createWorker({
      store,
      extension: deps.extension,
      signing,
      sender,
      config,
      recordReads: deps.recordReads ?? (async () => undefined),
      instanceId: deps.instanceId ?? 'kici',
    }),
    /** The server wakes its worker when something is queued; answers the unsubscribe. */
    onEnqueued(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signingSecret: {
      reveal: (actor: Actor, ref: InstallationRef): Promise<SigningSecretView> =>
        onSigningSecret(actor, ref, 'ext.signing_secret.reveal', 'secret.reveal', () =>
          signing.reveal(ref, actorName(actor)),
        ),
      rotate: (actor: Actor, ref: InstallationRef, windowSeconds?: number) =>
        onSigningSecret(actor, ref, 'ext.signing_secret.rotate', 'secret.write', () =>
          signing.rotate(ref, actorName(actor), checkWindow(windowSeconds)),
        ),
    },
    enqueueRotations: createRotationEnqueuer({ extension: deps.extension, config, onEnqueued }),
    async lastDelivery(ref: InstallationRef): Promise<DeliveryRecord | undefined> {
      const row = await store.deliveries.latest(ref);
      return row && recordOf(row);
    },
    /** Closes the pooled connections (the server's shutdown). */
    close: () => sender.close(),
  };
}

function checkWindow(windowSeconds: number | undefined): number | undefined {
  if (windowSeconds === undefined) return undefined;
  if (
    !Number.isInteger(windowSeconds) ||
    windowSeconds < 0 ||
    windowSeconds > MAX_SIGNING_WINDOW_SECONDS
  ) {
    throw invalidInput(
      'window_seconds',
      `expected an integer from 0 to ${MAX_SIGNING_WINDOW_SECONDS} (30 days)`,
    );
  }
  return windowSeconds;
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
