import { BUILT_IN_BACKEND } from '@kici/contracts/vocabulary';
import { encodeAad } from '@kici/crypto';
import { type Actor, actorName, SYSTEM_ACTOR_NAME } from './actor.js';
import { createLatencyStats, type HealthColor, healthOf } from './backend-health.js';
import { BackendError, type SecretBackend } from './backend-port.js';
import { conflict, invalidInput, KiciError, notFound } from './errors.js';
import { globToRegExp } from './glob.js';
import { auditEntry, authorize, failuresAudited } from './guard.js';
import type { KeyringHolder } from './keyring-holder.js';
import type { BackendRecord, Store } from './ports.js';

/** A kind of external backend (`vault`), provided by the server from its store package. */
export interface BackendType {
  /** Checks a config (admin API or environment) and fills in defaults; throws invalid_input naming the field. */
  validate(name: string, config: unknown): Record<string, unknown>;
  create(config: Record<string, unknown>, hooks: { warn(message: string): void }): SecretBackend;
  /** What a listing may show: never a credential. */
  summarize(config: Record<string, unknown>): Record<string, unknown>;
}

/** A backend configured by the environment (KICI_VAULT_*), not stored. */
export interface EnvBackend {
  readonly name: string;
  readonly type: string;
  readonly config: unknown;
}

export interface BackendServiceDeps {
  readonly store: Store;
  readonly keyring: KeyringHolder;
  readonly types: Readonly<Record<string, BackendType>>;
  readonly envBackends?: readonly EnvBackend[];
  /** Names this instance in sync audit rows (several instances may share a database). */
  readonly instanceId?: string;
  /** How long a backend's record is reused at dispatch before it is read again. */
  readonly recordCacheMs?: number;
  readonly keepErrors?: number;
  /** Told of every sync that did not end `ok`, periodic or asked for (the server logs it). */
  readonly onSyncProblem?: (result: SyncResult) => void;
}

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

export interface SyncResult {
  readonly name: string;
  readonly status: 'ok' | 'warning' | 'error';
  readonly message: string;
  readonly discovered: number;
}

export const backendConfigAad = (name: string) => encodeAad('kici/backend-config/v1', [name]);
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const messageOf = (error: unknown) =>
  error instanceof KiciError ? error.message : 'the backend call failed unexpectedly';

/** Named external backends: registration, health, discovery (sync) and reads at dispatch. */
export function createBackendService({
  store,
  keyring,
  types,
  envBackends = [],
  instanceId = 'instance',
  recordCacheMs = 2_000,
  keepErrors = 20,
  onSyncProblem,
}: BackendServiceDeps) {
  const latency = createLatencyStats();
  const instances = new Map<string, { stamp: string; backend: SecretBackend }>();
  const warnings = new Map<string, string[]>();
  const records = new Map<string, { record: BackendRecord | undefined; at: number }>();
  const envConfigs = new Map(envBackends.map((env) => [env.name, env]));

  function typeOf(type: string): BackendType {
    const found = types[type];
    if (!found) {
      throw invalidInput('backendType', `expected one of ${Object.keys(types).join(', ')}`);
    }
    return found;
  }

  async function recordOf(name: string): Promise<BackendRecord | undefined> {
    const hit = records.get(name);
    if (hit && Date.now() - hit.at < recordCacheMs) return hit.record;
    const record = await store.backends.find(name);
    records.set(name, { record, at: Date.now() });
    return record;
  }

  function configOf(record: BackendRecord): Record<string, unknown> {
    if (record.source === 'env') {
      const env = envConfigs.get(record.name);
      if (!env)
        throw new BackendError(
          record.name,
          'unreachable',
          `Backend "${record.name}" is not configured on this instance`,
        );
      return typeOf(env.type).validate(env.name, env.config);
    }
    const { plaintext } = keyring
      .current()
      .open(record.configCiphertext as Uint8Array, backendConfigAad(record.name));
    return JSON.parse(decoder.decode(plaintext)) as Record<string, unknown>;
  }

  /** The live client of a backend, rebuilt when its record changes. */
  function instance(record: BackendRecord): SecretBackend {
    const stamp = `${record.id}:${record.keyVersion}:${record.updatedAt.getTime()}`;
    const cached = instances.get(record.name);
    if (cached?.stamp === stamp) return cached.backend;
    void cached?.backend.close();
    const backend = typeOf(record.type).create(configOf(record), {
      warn: (message) => warnings.set(record.name, [...(warnings.get(record.name) ?? []), message]),
    });
    instances.set(record.name, { stamp, backend });
    return backend;
  }

  async function timed<T>(name: string, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await call();
    } finally {
      latency.record(name, performance.now() - started);
    }
  }

  async function syncOne(record: BackendRecord, actor: Actor | string): Promise<SyncResult> {
    const result = await syncAndRecord(record, actor);
    if (result.status !== 'ok') onSyncProblem?.(result);
    return result;
  }

  async function syncAndRecord(record: BackendRecord, actor: Actor | string): Promise<SyncResult> {
    warnings.delete(record.name);
    const context = {
      contextName: `${record.name}:`,
      metadata: { backend: record.name, instance: instanceId },
    };
    try {
      const paths = await timed(record.name, () => instance(record).listPaths());
      const patterns = record.scopePatterns.map((pattern) => globToRegExp(pattern));
      const kept = paths.filter((path) => patterns.some((pattern) => pattern.test(path)));
      const { added, removed, total } = await store.backends.replaceDiscovered(record.name, kept);
      const warned = warnings.get(record.name) ?? [];
      const status = warned.length > 0 ? 'warning' : 'ok';
      const message = `Discovered ${total} ${total === 1 ? 'scope' : 'scopes'} (${added} new, ${removed} gone)${warned.length ? `; ${warned.join('; ')}` : ''}`;
      await store.backends.recordSync(record.name, { status, message }, keepErrors);
      await store.audit.append(
        auditEntry(actor, 'backend.sync', 'success', {
          ...context,
          metadata: { ...context.metadata, discovered: total, added, removed, status },
        }),
      );
      return { name: record.name, status, message, discovered: total };
    } catch (error) {
      const message = messageOf(error);
      await store.backends.recordSync(
        record.name,
        { status: 'error', message, error: message },
        keepErrors,
      );
      await store.audit.append(
        auditEntry(actor, 'backend.sync', 'failure', {
          ...context,
          metadata: {
            ...context.metadata,
            reason: error instanceof BackendError ? error.reason : 'internal',
          },
        }),
      );
      return { name: record.name, status: 'error', message, discovered: 0 };
    }
  }

  function view(record: BackendRecord, counts: Map<string, number>): BackendView {
    return {
      ...record,
      health: healthOf(record),
      scopeCount: counts.get(record.name) ?? 0,
      latency: latency.of(record.name),
    };
  }

  return {
    /** Whether scopes may name this backend: `pg`, or a registered one. */
    async exists(name: string): Promise<boolean> {
      return name === BUILT_IN_BACKEND || (await recordOf(name)) !== undefined;
    },

    /** A scope's values at dispatch, read live; failures name the backend. */
    async readScope(backendName: string, path: string): Promise<Record<string, string>> {
      const record = await recordOf(backendName);
      if (!record) {
        throw new BackendError(
          backendName,
          'unreachable',
          `Backend "${backendName}" is not registered`,
        );
      }
      return timed(backendName, () => instance(record).readScope(path));
    },

    /**
     * Registers the KICI_VAULT_* backend(s). Never drops or overwrites anything: other
     * instances may be configured differently, and a registered backend of the same name
     * keeps its own config (answered as a conflict for the caller to log).
     */
    async registerFromEnv(): Promise<string[]> {
      const conflicts: string[] = [];
      for (const env of envBackends) {
        const config = typeOf(env.type).validate(env.name, env.config);
        const record = await store.backends.upsertFromEnv({
          name: env.name,
          type: env.type,
          source: 'env',
          configCiphertext: null,
          keyVersion: 0,
          summary: typeOf(env.type).summarize(config),
          scopePatterns: ['**'],
          syncIntervalSeconds: 300,
          createdBy: SYSTEM_ACTOR_NAME,
        });
        if (!record) {
          conflicts.push(
            `a backend named ${env.name} is registered through the admin API; it is kept, and the KICI_VAULT_* configuration is not used`,
          );
        }
      }
      return conflicts;
    },

    /** Checks every backend at once; each failure is reported as soon as it is known. */
    async checkAll(onUnreachable: (name: string, message: string) => void): Promise<void> {
      await Promise.all(
        (await store.backends.list()).map(async (record) => {
          try {
            await timed(record.name, () => instance(record).check());
          } catch (error) {
            onUnreachable(record.name, messageOf(error));
          }
        }),
      );
    },

    /** One periodic tick: runs every sync that is due and that this instance claims. */
    async syncDue(): Promise<SyncResult[]> {
      const results: SyncResult[] = [];
      for (
        let claimed = await store.backends.claimDueSync();
        claimed;
        claimed = await store.backends.claimDueSync()
      ) {
        results.push(await syncOne(claimed, SYSTEM_ACTOR_NAME));
      }
      return results;
    },

    async add(actor: Actor, input: AddBackendInput): Promise<BackendView> {
      const context = { metadata: { backend: input.name, backendType: input.backendType } };
      await authorize(store, actor, 'context.create', 'backend.add', context);
      return failuresAudited(store, actor, 'backend.add', context, async () => {
        if (input.name === BUILT_IN_BACKEND)
          throw conflict(`The name ${BUILT_IN_BACKEND} is the built-in backend`);
        const type = typeOf(input.backendType);
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
        records.delete(input.name);
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
          const type = typeOf(input.backendType ?? 'vault');
          backend = type.create(type.validate(input.name, input.config), { warn: () => {} });
          temporary = true;
        } else {
          const record = await store.backends.find(input.name);
          if (!record) throw notFound(`Backend ${input.name}`);
          backend = instance(record);
        }
        try {
          const { latencyMs } = await timed(input.name, () => backend.check());
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
      for (const record of targets) results.push(await syncOne(record, actor));
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
      records.delete(name);
      latency.forget(name);
      await instances.get(name)?.backend.close();
      instances.delete(name);
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

    async close(): Promise<void> {
      await Promise.all([...instances.values()].map(({ backend }) => backend.close()));
      instances.clear();
    },
  };
}

export type BackendService = ReturnType<typeof createBackendService>;
