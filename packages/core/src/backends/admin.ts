import { BUILT_IN_BACKEND } from '@kici/contracts/vocabulary';
import { backendConfigAad } from '../kernel/aad.js';
import { type Actor, actorName } from '../kernel/actor.js';
import { conflict, notFound } from '../kernel/errors.js';
import { auditEntry, authorize, failuresAudited } from '../kernel/guard.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import type { Store } from '../store.js';
import { type HealthColor, healthOf } from './health.js';
import type { BackendRecord, SecretBackend } from './port.js';
import type { BackendRegistry } from './registry.js';
import type { BackendSync, SyncResult } from './sync.js';

export interface AddBackendInput {
  readonly name: string;
  readonly backendType: string;
  readonly config: unknown;
  readonly scopePatterns?: readonly string[] | undefined;
  readonly syncIntervalSeconds?: number | undefined;
}

export interface BackendView extends BackendRecord {
  readonly health: HealthColor;
  readonly scopeCount: number;
  readonly latency: { p50Ms: number | null; p95Ms: number | null; samples: number };
}

export interface BackendAdminDeps {
  readonly store: Pick<Store, 'backends' | 'audit' | 'transaction'>;
  readonly keyring: KeyringHolder;
  readonly registry: BackendRegistry;
  readonly sync: BackendSync;
}

const encoder = new TextEncoder();

/** The admin operations on backends: add, list, test, sync, remove, discovered scopes. */
export function createBackendAdmin({ store, keyring, registry, sync }: BackendAdminDeps) {
  function view(record: BackendRecord, counts: Map<string, number>): BackendView {
    return {
      ...record,
      health: healthOf(record),
      scopeCount: counts.get(record.name) ?? 0,
      latency: registry.latency.of(record.name),
    };
  }

  return {
    async add(actor: Actor, input: AddBackendInput): Promise<BackendView> {
      const context = { metadata: { backend: input.name, backendType: input.backendType } };
      await authorize(store, actor, 'context.create', 'backend.add', context);
      return failuresAudited(store, actor, 'backend.add', context, async () => {
        if (input.name === BUILT_IN_BACKEND)
          throw conflict(`The name ${BUILT_IN_BACKEND} is the built-in backend`);
        const type = registry.typeOf(input.backendType);
        const config = type.validate(input.name, input.config);
        const ring = keyring.current();
        const created = await store.transaction(async (tx) => {
          const record = await tx.backends.insert({
            name: input.name,
            type: input.backendType,
            source: 'api',
            configCiphertext: ring.seal(
              encoder.encode(JSON.stringify(config)),
              backendConfigAad(input.name),
            ),
            keyVersion: ring.version,
            summary: type.summarize(config),
            scopePatterns: input.scopePatterns ?? ['**'],
            syncIntervalSeconds: input.syncIntervalSeconds ?? 300,
            createdBy: actorName(actor),
          });
          if (!record) throw conflict(`Backend ${input.name} already exists`);
          await tx.audit.append(auditEntry(actor, 'backend.add', 'success', context));
          return record;
        });
        return view(created, new Map());
      });
    },

    async list(actor: Actor): Promise<BackendView[]> {
      await authorize(store, actor, 'context.read', 'backend.list');
      const [all, counts] = await Promise.all([
        store.backends.list(),
        store.backends.countDiscovered(),
      ]);
      await store.audit.append(
        auditEntry(actor, 'backend.list', 'success', { metadata: { count: all.length } }),
      );
      return all.map((record) => view(record, counts));
    },

    /** Checks a registered backend, or a config before it is registered. */
    async test(
      actor: Actor,
      input: { name: string; backendType?: string | undefined; config?: unknown },
    ) {
      const context = { metadata: { backend: input.name } };
      // Testing an unregistered config makes the orchestrator dial any URL: as strong as adding one.
      const permission = input.config === undefined ? 'context.read' : 'context.create';
      await authorize(store, actor, permission, 'backend.test', context);
      return failuresAudited(store, actor, 'backend.test', context, async () => {
        let backend: SecretBackend;
        let temporary = false;
        if (input.config !== undefined) {
          const type = registry.typeOf(input.backendType ?? 'vault');
          backend = type.create(type.validate(input.name, input.config), { warn: () => {} });
          temporary = true;
        } else {
          const record = await store.backends.find(input.name);
          if (!record) throw notFound(`Backend ${input.name}`);
          backend = registry.instance(record);
        }
        try {
          const { latencyMs } = await registry.timed(input.name, () => backend.check());
          await store.audit.append(
            auditEntry(actor, 'backend.test', 'success', {
              metadata: { backend: input.name, latencyMs },
            }),
          );
          return {
            name: input.name,
            ok: true as const,
            latencyMs,
            message: `Backend ${input.name} is reachable and the credentials are valid`,
          };
        } finally {
          if (temporary) await backend.close();
        }
      });
    },

    /** Syncs one backend now, or all of them. */
    async sync(actor: Actor, name?: string): Promise<SyncResult[]> {
      const context = { metadata: { backend: name ?? '*' } };
      await authorize(store, actor, 'context.update', 'backend.sync', context);
      const targets = name
        ? [
            await failuresAudited(store, actor, 'backend.sync', context, async () => {
              const record = await store.backends.find(name);
              if (!record) throw notFound(`Backend ${name}`);
              return record;
            }),
          ]
        : await store.backends.list();
      const results: SyncResult[] = [];
      for (const record of targets) results.push(await sync.syncOne(record, actor));
      return results;
    },

    async remove(actor: Actor, name: string): Promise<void> {
      const context = { metadata: { backend: name } };
      await authorize(store, actor, 'context.delete', 'backend.remove', context);
      await failuresAudited(store, actor, 'backend.remove', context, async () => {
        const record = await store.backends.find(name);
        if (!record) throw notFound(`Backend ${name}`);
        if (record.source === 'env') {
          throw conflict(
            `Backend ${name} comes from KICI_VAULT_*: unset those variables and restart instead`,
          );
        }
        await store.transaction(async (tx) => {
          await tx.backends.remove(name);
          await tx.audit.append(auditEntry(actor, 'backend.remove', 'success', context));
        });
      });
      await registry.forget(name);
    },

    async discovered(actor: Actor, name: string): Promise<string[]> {
      const context = { metadata: { backend: name } };
      await authorize(store, actor, 'context.read', 'backend.scopes', context);
      const scopes = await store.backends.listDiscovered(name);
      await store.audit.append(
        auditEntry(actor, 'backend.scopes', 'success', {
          metadata: { backend: name, count: scopes.length },
        }),
      );
      return scopes;
    },
  };
}
