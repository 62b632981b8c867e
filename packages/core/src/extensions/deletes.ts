import type { Actor } from '../kernel/actor.js';
import { conflict, notFound } from '../kernel/errors.js';
import { type AuditContext, auditEntry, authorize, failuresAudited } from '../kernel/guard.js';
import { signingSecretScope } from '../kernel/scope.js';
import type { Repositories, Store } from '../store.js';
import { extensionPgScope, installationId } from './ids.js';
import type { InstallationRecord, InstallationRef } from './port.js';

export interface ExtensionDeletesDeps {
  readonly store: Pick<Store, 'extensions' | 'audit' | 'transaction'>;
}

/** What a delete removed with its owner. */
export interface Deleted {
  readonly deletedSecrets: number;
  readonly deletedInstallations: number;
}

type Installed = Pick<InstallationRecord, 'projectKey' | 'extensionId'>;

const installationScope = (installation: Installed) =>
  extensionPgScope(
    'installation',
    installationId(installation.projectKey, installation.extensionId),
  );

/** The webhook signing secret goes with its installation (not counted: the store made it). */
const signingScopes = (installations: readonly Installed[]) =>
  installations.map((i) => signingSecretScope(i.projectKey, i.extensionId));

/** What an owner holds, and how to remove it with its holdings, in one transaction. */
interface Plan {
  readonly what: string;
  /** Secrets of these scopes go with it (in `orgId`, or every org when null). */
  readonly orgId: string | null;
  readonly scopes: readonly string[];
  readonly installations: readonly InstallationRecord[];
  /** Signing secrets of installations that go (default: those of `installations`). */
  readonly signingScopes?: readonly string[];
  /** Whether the installations go too (a product's are only detached). */
  readonly removesInstallations: boolean;
  remove(tx: Repositories): Promise<boolean>;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Deletes of projects, catalog entries, product installations and installations: one that
 * still holds secrets (or installations) needs `confirm`; with it, the owner and everything
 * it holds go in ONE transaction.
 */
export function createExtensionDeletes({ store }: ExtensionDeletesDeps) {
  async function run(
    actor: Actor,
    action: string,
    context: AuditContext,
    confirm: boolean,
    planOf: (tx: Repositories) => Promise<Plan>,
  ): Promise<Deleted> {
    await authorize(store, actor, 'context.delete', action, context);
    return failuresAudited(store, actor, action, context, () =>
      store.transaction(async (tx) => {
        const plan = await planOf(tx);
        const secrets = await tx.extensions.countSecrets(plan.orgId, plan.scopes);
        const held = [
          ...(secrets > 0 ? [plural(secrets, 'secret')] : []),
          ...(plan.installations.length > 0
            ? [plural(plan.installations.length, 'installation')]
            : []),
        ];
        if (held.length > 0 && !confirm) {
          throw conflict(
            `${plan.what} still holds ${held.join(' and ')}: pass confirm=true (--yes) to delete them with it`,
          );
        }
        const deletedSecrets = await tx.extensions.removeSecrets(plan.orgId, plan.scopes);
        const signing =
          plan.signingScopes ??
          (plan.removesInstallations ? signingScopes(plan.installations) : []);
        if (signing.length > 0) await tx.extensions.removeSecrets(plan.orgId, signing);
        if (!(await plan.remove(tx))) throw notFound(plan.what);
        const deleted = {
          deletedSecrets,
          deletedInstallations: plan.removesInstallations ? plan.installations.length : 0,
        };
        await tx.audit.append(
          auditEntry(actor, action, 'success', {
            ...context,
            metadata: { ...context.metadata, ...deleted, confirmed: confirm },
          }),
        );
        return deleted;
      }),
    );
  }

  return {
    deleteProject: (actor: Actor, orgId: string, key: string, confirm: boolean) =>
      run(
        actor,
        'ext.project.delete',
        { orgId, metadata: { project: key } },
        confirm,
        async (tx) => {
          if (!(await tx.extensions.findProject(orgId, key)))
            throw notFound(`Project ${key} of org ${orgId}`);
          const installations = await tx.extensions.listInstallations({ orgId, projectKey: key });
          return {
            what: `Project ${key} of org ${orgId}`,
            orgId,
            scopes: [extensionPgScope('project', key), ...installations.map(installationScope)],
            installations,
            removesInstallations: true,
            remove: async (t) => {
              await t.extensions.removeInstallations({ orgId, projectKey: key });
              return t.extensions.removeProject(orgId, key);
            },
          };
        },
      ),

    /** The catalog is global: its extension-scope secrets and installations go in every org. */
    deleteCatalog: (actor: Actor, id: string, confirm: boolean) =>
      run(actor, 'ext.catalog.delete', { metadata: { extension: id } }, confirm, async (tx) => {
        if (!(await tx.extensions.findCatalog(id)))
          throw notFound(`Extension ${id} in the catalog`);
        const installations = await tx.extensions.listInstallations({ extensionId: id });
        return {
          what: `Extension ${id}`,
          orgId: null,
          scopes: [
            extensionPgScope('extension', id),
            ...new Set(installations.map(installationScope)),
          ],
          installations,
          removesInstallations: true,
          remove: async (t) => {
            await t.extensions.removeInstallations({ extensionId: id });
            return t.extensions.removeCatalog(id);
          },
        };
      }),

    /** Installations that named the product stay, without the product level. */
    deleteProduct: (actor: Actor, orgId: string, productId: string, confirm: boolean) =>
      run(
        actor,
        'ext.product.delete',
        { orgId, metadata: { product: productId } },
        confirm,
        async (tx) => {
          if (!(await tx.extensions.findProduct(orgId, productId))) {
            throw notFound(`Product installation ${productId} of org ${orgId}`);
          }
          const installations = (await tx.extensions.listInstallations({ orgId })).filter(
            (installation) => installation.productId === productId,
          );
          return {
            what: `Product installation ${productId} of org ${orgId}`,
            orgId,
            scopes: [extensionPgScope('product_installation', productId)],
            installations,
            removesInstallations: false,
            remove: async (t) => (await t.extensions.removeProduct(orgId, productId)).found,
          };
        },
      ),

    deleteInstallation: (actor: Actor, ref: InstallationRef, confirm: boolean) => {
      const id = installationId(ref.projectKey, ref.extensionId);
      return run(
        actor,
        'ext.installation.delete',
        { orgId: ref.orgId, metadata: { installation: id } },
        confirm,
        async (tx) => {
          if (!(await tx.extensions.findInstallation(ref))) {
            throw notFound(`Installation ${id} of org ${ref.orgId}`);
          }
          return {
            what: `Installation ${id} of org ${ref.orgId}`,
            orgId: ref.orgId,
            scopes: [installationScope(ref)],
            signingScopes: signingScopes([ref]),
            installations: [],
            removesInstallations: false,
            remove: async (t) => (await t.extensions.removeInstallations(ref)) > 0,
          };
        },
      ).then((deleted) => ({ ...deleted, deletedInstallations: 1 }));
    },
  };
}

export type ExtensionDeletes = ReturnType<typeof createExtensionDeletes>;
