import type { DeliveryStatus, FieldStatusName } from '@kici/contracts/vocabulary';
import type { Actor } from '../kernel/actor.js';
import { walkChain } from '../kernel/chain.js';
import { conflict, notFound } from '../kernel/errors.js';
import { auditEntry, authorize, failuresAudited } from '../kernel/guard.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import type { ScopeReader } from '../resolution/port.js';
import type { Store } from '../store.js';
import { readField } from './field-values.js';
import { installationChain, installationId, type ScopeRef, scopeRefOf } from './ids.js';
import type { ExtensionManifest, ManifestField } from './manifest.js';
import { isPlaceholder } from './placeholder.js';
import type { InstallationRecord, InstallationRef } from './port.js';
import { chainScopes } from './resolve.js';

export interface FieldStatus extends ManifestField {
  readonly key: string;
  readonly status: FieldStatusName;
  readonly source: ScopeRef | null;
  /** "Using organization-wide credentials": an extension-scope field the extension scope supplies. */
  readonly usingOrganizationWide: boolean;
  readonly message?: string;
}

/** The installation's latest delivery, so that a failing one shows in its status. */
export interface InstallationDeliveryStatus {
  readonly lastDeliveryAt: Date | null;
  readonly lastStatus: DeliveryStatus | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
}

export interface InstallationStatus {
  readonly installation: InstallationRecord;
  readonly ready: boolean;
  readonly fields: FieldStatus[];
  readonly missing: string[];
  readonly placeholder: string[];
  readonly errors: string[];
  readonly delivery: InstallationDeliveryStatus;
}

export interface KeySourceView {
  readonly key: string;
  readonly source: ScopeRef;
  readonly backend: string;
  readonly shadowed: ScopeRef[];
}

export interface InstallationGateDeps {
  readonly store: Pick<Store, 'extensions' | 'chains' | 'audit' | 'deliveries'>;
  readonly keyring: KeyringHolder;
  readonly readExternal: ScopeReader;
  /** Enables or disables the installation (the model's audited write). */
  readonly setEnabled: (
    actor: Actor,
    ref: InstallationRef,
    enabled: boolean,
  ) => Promise<InstallationRecord>;
}

const idOf = (ref: InstallationRef) => installationId(ref.projectKey, ref.extensionId);

/** The install gate: each manifest field resolved through the chain, values kept server-side. */
export function createInstallationGate({
  store,
  keyring,
  readExternal,
  setEnabled,
}: InstallationGateDeps) {
  async function installationOf(ref: InstallationRef) {
    const installation = await store.extensions.findInstallation(ref);
    if (!installation) throw notFound(`Installation ${idOf(ref)} of org ${ref.orgId}`);
    const entry = await store.extensions.findCatalog(ref.extensionId);
    if (!entry) throw notFound(`Extension ${ref.extensionId} in the catalog`);
    return { installation, manifest: entry.manifest as ExtensionManifest };
  }

  /** The winning row of each key of the chain (no value opened). */
  async function winners(installation: InstallationRecord) {
    const scopes = chainScopes(installation);
    const rows = await store.chains.read(installation.orgId, scopes);
    return walkChain(scopes, rows.secrets);
  }

  async function deliveryOf(ref: InstallationRef): Promise<InstallationDeliveryStatus> {
    const last = await store.deliveries.latest(ref);
    return {
      lastDeliveryAt: last?.createdAt ?? null,
      lastStatus: last?.status ?? null,
      lastStatusCode: last?.lastStatusCode ?? null,
      lastError: last?.lastError ?? null,
    };
  }

  async function evaluate(ref: InstallationRef): Promise<Omit<InstallationStatus, 'delivery'>> {
    const { installation, manifest } = await installationOf(ref);
    const chain = await winners(installation);
    const fields = await Promise.all(
      Object.entries(manifest.configuration).map(async ([key, field]): Promise<FieldStatus> => {
        const winner = chain.get(key)?.winner;
        const base = { key, ...field, source: null, usingOrganizationWide: false };
        if (!winner) return { ...base, status: field.required ? 'missing' : 'ok' };
        const source = scopeRefOf(winner.scope, ref.orgId) as ScopeRef;
        const usingOrganizationWide = field.scope === 'extension' && source.scope === 'extension';
        const read = await readField(keyring, readExternal, ref.orgId, winner);
        const found = { ...base, source, usingOrganizationWide };
        if ('error' in read) return { ...found, status: 'error', message: read.error };
        return { ...found, status: isPlaceholder(read.value) ? 'placeholder' : 'ok' };
      }),
    );
    const keysWith = (status: FieldStatusName) =>
      fields.filter((field) => field.status === status).map((field) => field.key);
    const missing = keysWith('missing');
    const placeholder = keysWith('placeholder');
    const errors = keysWith('error');
    const ready = missing.length + placeholder.length + errors.length === 0;
    return { installation, ready, fields, missing, placeholder, errors };
  }

  const contextOf = (ref: InstallationRef) => ({
    orgId: ref.orgId,
    metadata: { installation: idOf(ref) },
  });

  return {
    async status(actor: Actor, ref: InstallationRef): Promise<InstallationStatus> {
      const context = contextOf(ref);
      await authorize(store, actor, 'context.read', 'ext.installation.status', context);
      const status = await failuresAudited(
        store,
        actor,
        'ext.installation.status',
        context,
        async () => ({ ...(await evaluate(ref)), delivery: await deliveryOf(ref) }),
      );
      await store.audit.append(
        auditEntry(actor, 'ext.installation.status', 'success', {
          ...context,
          metadata: { ...context.metadata, ready: status.ready },
        }),
      );
      return status;
    },

    /** 409 listing the missing, placeholder and unreadable keys until none remain. */
    async enable(actor: Actor, ref: InstallationRef): Promise<InstallationRecord> {
      const context = contextOf(ref);
      await authorize(store, actor, 'context.update', 'ext.installation.enable', context);
      await failuresAudited(store, actor, 'ext.installation.enable', context, async () => {
        const status = await evaluate(ref);
        if (status.ready) return;
        const parts = [
          ...(status.missing.length > 0 ? [`missing ${status.missing.join(', ')}`] : []),
          ...(status.placeholder.length > 0
            ? [`placeholder ${status.placeholder.join(', ')}`]
            : []),
          ...(status.errors.length > 0 ? [`unreadable ${status.errors.join(', ')}`] : []),
        ];
        throw conflict(`Installation ${idOf(ref)} cannot be enabled: ${parts.join('; ')}`);
      });
      return setEnabled(actor, ref, true);
    },

    disable: (actor: Actor, ref: InstallationRef) => setEnabled(actor, ref, false),

    /** The keys the installation's chain holds: metadata only, no value is opened. */
    async presentKeys(installation: InstallationRecord): Promise<ReadonlySet<string>> {
      return new Set((await winners(installation)).keys());
    },

    /** Per key, the scope that supplies it and those it shadows: no value is read. */
    async sources(actor: Actor, ref: InstallationRef) {
      const context = contextOf(ref);
      await authorize(store, actor, 'context.read', 'ext.installation.sources', context);
      const { installation } = await failuresAudited(
        store,
        actor,
        'ext.installation.sources',
        context,
        () => installationOf(ref),
      );
      const chain = await winners(installation);
      const refOf = (scope: string) => scopeRefOf(scope, ref.orgId) as ScopeRef;
      const sources: KeySourceView[] = [...chain.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, { winner, shadowed }]) => ({
          key,
          source: refOf(winner.scope),
          backend: winner.backendType,
          shadowed: shadowed.map(refOf),
        }));
      await store.audit.append(auditEntry(actor, 'ext.installation.sources', 'success', context));
      return { installation, chain: installationChain(installation), sources };
    },
  };
}

export type InstallationGate = ReturnType<typeof createInstallationGate>;
