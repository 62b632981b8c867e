import { BUILT_IN_BACKEND } from '@kici/contracts/vocabulary';
import type { Actor } from '../kernel/actor.js';
import { actorName } from '../kernel/actor.js';
import { conflict, invalidInput, notFound } from '../kernel/errors.js';
import { type AuditContext, auditEntry, authorize, failuresAudited } from '../kernel/guard.js';
import { extensionStoreRefusal, isExtensionStoreScope, splitScope } from '../kernel/scope.js';
import type { SurfaceCheck } from '../policy/port.js';
import type { Store } from '../store.js';
import type { EnvironmentRecord, EnvironmentWrite, ProtectionRules } from './port.js';

export interface EnvironmentServiceDeps {
  readonly store: Pick<Store, 'environments' | 'audit' | 'exclusive' | 'transaction'>;
  readonly policy: SurfaceCheck;
  /** Whether a backend of that name is registered (the pg backend always is). */
  readonly backendExists?: (name: string) => boolean | Promise<boolean>;
}

export interface EnvironmentInput {
  readonly rules?: Partial<ProtectionRules> | undefined;
  readonly allowLocalExecution?: boolean | undefined;
  readonly scopes?: readonly string[] | undefined;
}

export const NO_RULES: ProtectionRules = {
  branches: [],
  triggers: [],
  repositories: [],
  allowForks: false,
};

const mergeRules = (rules: ProtectionRules, patch: Partial<ProtectionRules> = {}) => ({
  branches: patch.branches ?? rules.branches,
  triggers: patch.triggers ?? rules.triggers,
  repositories: patch.repositories ?? rules.repositories,
  allowForks: patch.allowForks ?? rules.allowForks,
});

/** Environments: protection rules, ordered scope bindings and the test-run flag. */
export function createEnvironmentService({
  store,
  policy,
  backendExists = (name) => name === BUILT_IN_BACKEND,
}: EnvironmentServiceDeps) {
  async function checkScopes(scopes: readonly string[]): Promise<void> {
    if (new Set(scopes).size !== scopes.length) {
      throw invalidInput('scopes', 'expected each scope at most once');
    }
    for (const scope of scopes) {
      if (isExtensionStoreScope(scope)) throw extensionStoreRefusal(scope);
      const { backend } = splitScope(scope);
      if (!(await backendExists(backend))) {
        throw invalidInput(
          'scope',
          `backend "${backend}" of scope ${scope} does not exist (register it with kici-admin backend add, or use pg:<path>)`,
        );
      }
    }
  }

  /** Turning test runs on or off is a secret write, and the write policy names its surfaces. */
  async function checkTestAccess(actor: Actor, action: string, context: AuditContext) {
    await authorize(store, actor, 'secret.write', action, context);
    await policy.requireSurface(actor, 'environments.test_access.set', {
      orgId: context.orgId ?? null,
      contextName: context.contextName ?? null,
      action,
    });
  }

  /** Read-modify-write of one environment under a lock, audited in the same transaction. */
  async function change(
    actor: Actor,
    orgId: string,
    name: string,
    action: string,
    context: AuditContext,
    next: (current: EnvironmentRecord) => Promise<EnvironmentWrite> | EnvironmentWrite,
  ): Promise<EnvironmentRecord> {
    return failuresAudited(store, actor, action, context, () =>
      store.exclusive(`kici:environment:${orgId}/${name}`, () =>
        store.transaction(async (tx) => {
          const current = await tx.environments.find(orgId, name);
          if (!current) throw notFound(`Environment ${name}`);
          const write = await next(current);
          const updated = await tx.environments.update(orgId, name, write, actorName(actor));
          if (!updated) throw notFound(`Environment ${name}`);
          await tx.audit.append(auditEntry(actor, action, 'success', context));
          return updated;
        }),
      ),
    );
  }

  const contextOf = (orgId: string, name: string, metadata: Record<string, unknown> = {}) => ({
    orgId,
    contextName: name,
    metadata: { environment: name, ...metadata },
  });

  return {
    async create(
      actor: Actor,
      orgId: string,
      name: string,
      input: EnvironmentInput = {},
    ): Promise<EnvironmentRecord> {
      const write: EnvironmentWrite = {
        rules: mergeRules(NO_RULES, input.rules),
        allowLocalExecution: input.allowLocalExecution ?? false,
        scopes: input.scopes ?? [],
      };
      const context = contextOf(orgId, name, {
        scopes: write.scopes,
        allowLocalExecution: write.allowLocalExecution,
      });
      await authorize(store, actor, 'context.create', 'environment.create', context);
      if (write.allowLocalExecution) await checkTestAccess(actor, 'environment.create', context);
      return failuresAudited(store, actor, 'environment.create', context, async () => {
        await checkScopes(write.scopes);
        return store.transaction(async (tx) => {
          const created = await tx.environments.create(orgId, name, write, actorName(actor));
          if (!created) throw conflict(`Environment ${name} already exists in org ${orgId}`);
          await tx.audit.append(auditEntry(actor, 'environment.create', 'success', context));
          return created;
        });
      });
    },

    async list(actor: Actor, orgId: string): Promise<EnvironmentRecord[]> {
      await authorize(store, actor, 'context.read', 'environment.list', { orgId });
      const environments = await store.environments.list(orgId);
      await store.audit.append(
        auditEntry(actor, 'environment.list', 'success', {
          orgId,
          metadata: { count: environments.length },
        }),
      );
      return environments;
    },

    async show(actor: Actor, orgId: string, name: string): Promise<EnvironmentRecord> {
      const context = contextOf(orgId, name);
      await authorize(store, actor, 'context.read', 'environment.show', context);
      const found = await failuresAudited(store, actor, 'environment.show', context, async () => {
        const environment = await store.environments.find(orgId, name);
        if (!environment) throw notFound(`Environment ${name}`);
        return environment;
      });
      await store.audit.append(auditEntry(actor, 'environment.show', 'success', context));
      return found;
    },

    async delete(actor: Actor, orgId: string, name: string): Promise<void> {
      const context = contextOf(orgId, name);
      await authorize(store, actor, 'context.delete', 'environment.delete', context);
      await failuresAudited(store, actor, 'environment.delete', context, () =>
        store.transaction(async (tx) => {
          if (!(await tx.environments.remove(orgId, name))) {
            throw notFound(`Environment ${name}`);
          }
          await tx.audit.append(auditEntry(actor, 'environment.delete', 'success', context));
        }),
      );
    },

    /** Adds a scope to the chain, last (lowest precedence) unless `position` (0-based) says where. */
    async bind(actor: Actor, orgId: string, name: string, scope: string, position?: number) {
      const context = contextOf(orgId, name, {
        scope,
        ...(position === undefined ? {} : { position }),
      });
      await authorize(store, actor, 'context.update', 'environment.bind', context);
      // Checked before the transaction: the registry may read the database (PGlite has one connection).
      await failuresAudited(store, actor, 'environment.bind', context, () => checkScopes([scope]));
      return change(actor, orgId, name, 'environment.bind', context, (current) => {
        if (current.scopes.includes(scope)) {
          throw conflict(`Scope ${scope} is already bound to environment ${name}`);
        }
        const scopes = [...current.scopes];
        scopes.splice(Math.min(position ?? scopes.length, scopes.length), 0, scope);
        return { ...current, scopes };
      });
    },

    async unbind(actor: Actor, orgId: string, name: string, scope: string) {
      const context = contextOf(orgId, name, { scope });
      await authorize(store, actor, 'context.update', 'environment.unbind', context);
      return change(actor, orgId, name, 'environment.unbind', context, (current) => {
        if (!current.scopes.includes(scope)) {
          throw notFound(`Scope ${scope} bound to environment ${name}`);
        }
        return { ...current, scopes: current.scopes.filter((bound) => bound !== scope) };
      });
    },

    /** Moves a bound scope one place up or down the chain, in one locked change (one audit row). */
    async move(actor: Actor, orgId: string, name: string, scope: string, direction: 'up' | 'down') {
      const context = contextOf(orgId, name, { scope, direction });
      await authorize(store, actor, 'context.update', 'environment.move', context);
      return change(actor, orgId, name, 'environment.move', context, (current) => {
        const index = current.scopes.indexOf(scope);
        if (index === -1) throw notFound(`Scope ${scope} bound to environment ${name}`);
        const target = direction === 'up' ? index - 1 : index + 1;
        const scopes = [...current.scopes];
        // At either end the chain stays as it is: moving the first scope up is a no-op.
        if (target >= 0 && target < scopes.length)
          [scopes[index], scopes[target]] = [scopes[target] as string, scope];
        return { ...current, scopes };
      });
    },

    /** Changes protection rules and/or the test-run flag; fields left out stay as they are. */
    async setPolicy(
      actor: Actor,
      orgId: string,
      name: string,
      input: Pick<EnvironmentInput, 'rules' | 'allowLocalExecution'>,
    ) {
      const context = contextOf(orgId, name, {
        ...(input.rules ? { rules: input.rules } : {}),
        ...(input.allowLocalExecution === undefined
          ? {}
          : { allowLocalExecution: input.allowLocalExecution }),
      });
      if (input.rules) {
        await authorize(store, actor, 'context.update', 'environment.set_policy', context);
      }
      if (input.allowLocalExecution !== undefined) {
        await checkTestAccess(actor, 'environment.set_policy', context);
      }
      if (!input.rules && input.allowLocalExecution === undefined) {
        throw invalidInput('body', 'expected rules or allowLocalExecution to change');
      }
      return change(actor, orgId, name, 'environment.set_policy', context, (current) => ({
        rules: mergeRules(current.rules, input.rules),
        allowLocalExecution: input.allowLocalExecution ?? current.allowLocalExecution,
        scopes: current.scopes,
      }));
    },
  };
}

export type EnvironmentService = ReturnType<typeof createEnvironmentService>;
