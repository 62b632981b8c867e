import { type Actor, actorName } from '../kernel/actor.js';
import { notFound } from '../kernel/errors.js';
import { type AuditContext, auditEntry, authorize, failuresAudited } from '../kernel/guard.js';
import type { Store } from '../store.js';
import { parseManifest } from './manifest.js';
import type {
  CatalogRecord,
  ExtProjectRecord,
  InstallationRecord,
  InstallationRef,
  ProductInstallationRecord,
} from './port.js';

export interface ExtensionModelDeps {
  readonly store: Pick<Store, 'extensions' | 'audit' | 'transaction'>;
}

/** Projects, the catalog, product installations and installations: list and put. */
export function createExtensionModel({ store }: ExtensionModelDeps) {
  const repo = store.extensions;

  /** One audited change: authorize, run it in a transaction with its success row. */
  async function change<T>(
    actor: Actor,
    permission: 'context.create' | 'context.update',
    action: string,
    context: AuditContext,
    work: (tx: Parameters<Parameters<Store['transaction']>[0]>[0]) => Promise<T>,
  ): Promise<T> {
    await authorize(store, actor, permission, action, context);
    return failuresAudited(store, actor, action, context, () =>
      store.transaction(async (tx) => {
        const result = await work(tx);
        await tx.audit.append(auditEntry(actor, action, 'success', context));
        return result;
      }),
    );
  }

  async function read<T>(
    actor: Actor,
    action: string,
    context: AuditContext,
    work: () => Promise<T>,
  ) {
    await authorize(store, actor, 'context.read', action, context);
    return failuresAudited(store, actor, action, context, work);
  }

  return {
    listProjects: (actor: Actor, orgId: string): Promise<ExtProjectRecord[]> =>
      read(actor, 'ext.project.list', { orgId }, () => repo.listProjects(orgId)),

    putProject: (actor: Actor, orgId: string, key: string, name: string | undefined) =>
      change(
        actor,
        'context.create',
        'ext.project.put',
        { orgId, metadata: { project: key } },
        (tx) => tx.extensions.putProject(orgId, key, name, actorName(actor)),
      ),

    listCatalog: (actor: Actor): Promise<CatalogRecord[]> =>
      read(actor, 'ext.catalog.list', {}, () => repo.listCatalog()),

    getCatalog: (actor: Actor, id: string): Promise<CatalogRecord> =>
      read(actor, 'ext.catalog.get', { metadata: { extension: id } }, async () => {
        const found = await repo.findCatalog(id);
        if (!found) throw notFound(`Extension ${id} in the catalog`);
        return found;
      }),

    /** Adds or replaces an extension's manifest (YAML, JSON or an object), checked first. */
    async putCatalog(
      actor: Actor,
      id: string,
      manifestInput: string | Readonly<Record<string, unknown>>,
    ): Promise<CatalogRecord> {
      const context = { metadata: { extension: id } };
      await authorize(store, actor, 'context.create', 'ext.catalog.put', context);
      const manifest = await failuresAudited(store, actor, 'ext.catalog.put', context, async () =>
        parseManifest(manifestInput, id),
      );
      return change(actor, 'context.create', 'ext.catalog.put', context, (tx) =>
        tx.extensions.putCatalog(id, manifest.name ?? id, manifest, actorName(actor)),
      );
    },

    listProducts: (actor: Actor, orgId: string): Promise<ProductInstallationRecord[]> =>
      read(actor, 'ext.product.list', { orgId }, () => repo.listProducts(orgId)),

    putProduct: (actor: Actor, orgId: string, productId: string) =>
      change(
        actor,
        'context.create',
        'ext.product.put',
        { orgId, metadata: { product: productId } },
        (tx) => tx.extensions.putProduct(orgId, productId, actorName(actor)),
      ),

    listInstallations: (
      actor: Actor,
      orgId: string,
      projectKey?: string,
    ): Promise<InstallationRecord[]> =>
      read(actor, 'ext.installation.list', { orgId }, () =>
        repo.listInstallations({ orgId, projectKey }),
      ),

    /** Creates the installation disabled (or changes its product); its owners must exist. */
    putInstallation: (actor: Actor, ref: InstallationRef, productId: string | null) =>
      change(
        actor,
        'context.create',
        'ext.installation.put',
        {
          orgId: ref.orgId,
          metadata: { project: ref.projectKey, extension: ref.extensionId, product: productId },
        },
        async (tx) => {
          if (!(await tx.extensions.findProject(ref.orgId, ref.projectKey))) {
            throw notFound(`Project ${ref.projectKey} of org ${ref.orgId}`);
          }
          if (!(await tx.extensions.findCatalog(ref.extensionId))) {
            throw notFound(`Extension ${ref.extensionId} in the catalog`);
          }
          if (productId !== null && !(await tx.extensions.findProduct(ref.orgId, productId))) {
            throw notFound(`Product installation ${productId} of org ${ref.orgId}`);
          }
          return tx.extensions.putInstallation(ref, productId, actorName(actor));
        },
      ),

    /** Enables (after the gate passed) or disables an installation. */
    setEnabled: (actor: Actor, ref: InstallationRef, enabled: boolean) =>
      change(
        actor,
        'context.update',
        enabled ? 'ext.installation.enable' : 'ext.installation.disable',
        { orgId: ref.orgId, metadata: { project: ref.projectKey, extension: ref.extensionId } },
        async (tx) => {
          const updated = await tx.extensions.setEnabled(ref, enabled);
          if (!updated)
            throw notFound(`Installation ${ref.projectKey}/${ref.extensionId} of org ${ref.orgId}`);
          return updated;
        },
      ),
  };
}

export type ExtensionModel = ReturnType<typeof createExtensionModel>;
