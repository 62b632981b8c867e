import { BUILT_IN_BACKEND } from '@kici/contracts/vocabulary';
import { backendConfigAad } from '../kernel/aad.js';
import { SYSTEM_ACTOR_NAME } from '../kernel/actor.js';
import { BackendError } from '../kernel/backend-error.js';
import { invalidInput, KiciError } from '../kernel/errors.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import type { Store } from '../store.js';
import { createLatencyStats } from './health.js';
import type { BackendRecord, BackendType, EnvBackend, SecretBackend } from './port.js';

export interface BackendRegistryDeps {
  readonly store: Pick<Store, 'backends'>;
  readonly keyring: KeyringHolder;
  readonly types: Readonly<Record<string, BackendType>>;
  readonly envBackends?: readonly EnvBackend[];
}

const decoder = new TextDecoder();

/** What a failed backend call may tell an operator: a KiciError's message, nothing raw. */
export const messageOf = (error: unknown) =>
  error instanceof KiciError ? error.message : 'the backend call failed unexpectedly';

/**
 * The registry of live clients: each backend's client (rebuilt when its record changes), the
 * warnings its client raised and its call latencies. The record is read from the database at
 * every use, never cached: a backend changed or removed on any instance sharing the database
 * takes effect at the next dispatch here (a removed backend's client is closed then).
 */
export function createBackendRegistry({
  store,
  keyring,
  types,
  envBackends = [],
}: BackendRegistryDeps) {
  const latency = createLatencyStats();
  const instances = new Map<string, { stamp: string; backend: SecretBackend }>();
  const warnings = new Map<string, string[]>();
  const envConfigs = new Map(envBackends.map((env) => [env.name, env]));

  function typeOf(type: string): BackendType {
    const found = types[type];
    if (!found) {
      throw invalidInput('backendType', `expected one of ${Object.keys(types).join(', ')}`);
    }
    return found;
  }

  /** The current record; a client held for a backend that is gone is dropped. */
  async function recordOf(name: string): Promise<BackendRecord | undefined> {
    const record = await store.backends.find(name);
    if (!record && instances.has(name)) await drop(name);
    return record;
  }

  async function drop(name: string): Promise<void> {
    const cached = instances.get(name);
    instances.delete(name);
    latency.forget(name);
    warnings.delete(name);
    await cached?.backend.close();
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

  async function readIfRegistered(backendName: string, path: string) {
    const record = await recordOf(backendName);
    if (!record) return undefined;
    return timed(backendName, () => instance(record).readScope(path));
  }

  async function timed<T>(name: string, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await call();
    } finally {
      latency.record(name, performance.now() - started);
    }
  }

  return {
    typeOf,
    instance,
    timed,
    latency,
    warnings,

    /** Whether scopes may name this backend: `pg`, or a registered one. */
    async exists(name: string): Promise<boolean> {
      return name === BUILT_IN_BACKEND || (await recordOf(name)) !== undefined;
    },

    /** The key a link to `path` on this backend reads by default (BackendType.linkKey). */
    async linkKey(name: string, path: string): Promise<string | undefined> {
      const record = await recordOf(name);
      return record ? typeOf(record.type).linkKey?.(path) : undefined;
    },

    /** A scope's values, read live; failures name the backend. */
    async readScope(backendName: string, path: string): Promise<Record<string, string>> {
      const values = await readIfRegistered(backendName, path);
      if (!values) {
        throw new BackendError(
          backendName,
          'unreachable',
          `Backend "${backendName}" is not registered`,
        );
      }
      return values;
    },

    /** The same, undefined when no backend of that name is registered (now, in the database). */
    readScopeIfRegistered: readIfRegistered,

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

    /** Drops everything held for a removed backend, closing its client. */
    forget: drop,

    async close(): Promise<void> {
      await Promise.all([...instances.values()].map(({ backend }) => backend.close()));
      instances.clear();
    },
  };
}

export type BackendRegistry = ReturnType<typeof createBackendRegistry>;
