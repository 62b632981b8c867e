import { configAad } from '../kernel/aad.js';
import { type Actor, actorName, SYSTEM_ACTOR_NAME } from '../kernel/actor.js';
import { KiciError, notFound } from '../kernel/errors.js';
import { auditEntry, authorize, failuresAudited } from '../kernel/guard.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import type { Store } from '../store.js';
import type { ConfigValue, ConfigVersionMetadata, ConfigVersionRecord } from './port.js';

export interface ConfigEntry {
  readonly key: string;
  readonly value: ConfigValue;
  readonly version: number;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * `config unset` appends a version whose sealed plaintext is empty (no JSON text is empty):
 * the key then reads as absent, while history keeps every version and `rollback` to an
 * earlier one brings its value back. Deleting the rows instead would lose both.
 */
const UNSET = new Uint8Array(0);

export interface ConfigHistoryEntry extends ConfigVersionMetadata {
  /** This version removed the value (`config unset`). */
  readonly unset: boolean;
}

/** Orchestrator-wide settings: JSON values, encrypted, every change a new version. */
export interface ConfigServiceDeps {
  readonly store: Pick<Store, 'config' | 'audit' | 'exclusive' | 'transaction'>;
  readonly keyring: KeyringHolder;
  /**
   * Checks the value of a key the orchestrator itself reads (the policy domain's rules,
   * wired by createCore); throws invalid_input. Other keys hold any JSON.
   */
  readonly checkValue?: (key: string, value: ConfigValue) => void;
  /** Told after every change this instance makes (so caches of settings can drop it). */
  readonly onChange?: (key: string) => void;
}

export function createConfigService({ store, keyring, checkValue, onChange }: ConfigServiceDeps) {
  function plaintextOf(row: ConfigVersionRecord): Uint8Array {
    return keyring.current().open(row.ciphertext, configAad(row.key, row.version)).plaintext;
  }

  /** The value of a version (the current one without `version`); null when it is an unset. */
  async function readVersion(
    key: string,
    version?: number,
  ): Promise<ConfigEntry | null | undefined> {
    const row =
      version === undefined
        ? await store.config.current(key)
        : await store.config.version(key, version);
    if (!row) return undefined;
    const plaintext = plaintextOf(row);
    if (plaintext.length === 0) return null;
    return {
      key,
      value: JSON.parse(decoder.decode(plaintext)),
      version: row.version,
      updatedAt: row.createdAt,
      updatedBy: row.createdBy,
    };
  }

  /** The value in effect, or undefined when never set or unset. */
  async function read(key: string): Promise<ConfigEntry | undefined> {
    return (await readVersion(key)) ?? undefined;
  }

  async function write(
    actor: Actor | string,
    key: string,
    value: ConfigValue | typeof UNSET,
    action: string,
    metadata: Record<string, unknown>,
  ) {
    const ring = keyring.current();
    return store
      .exclusive(`kici:config:${key}`, () =>
        store.transaction(async (tx) => {
          const latest = await tx.config.current(key);
          const version = (latest?.version ?? 0) + 1;
          const plaintext = value === UNSET ? UNSET : encoder.encode(JSON.stringify(value));
          const ciphertext = ring.seal(plaintext, configAad(key, version));
          const row = await tx.config.append({
            key,
            ciphertext,
            keyVersion: ring.version,
            actor: typeof actor === 'string' ? actor : actorName(actor),
          });
          await tx.audit.append(
            auditEntry(actor, action, 'success', {
              metadata: { key, version: row.version, ...metadata },
            }),
          );
          return row;
        }),
      )
      .finally(() => onChange?.(key));
  }

  return {
    /** Reads a value without a permission check, for the orchestrator's own use. */
    read,

    async get(actor: Actor, key: string): Promise<ConfigEntry> {
      const context = { metadata: { key } };
      await authorize(store, actor, 'context.read', 'config.get', context);
      const entry = await failuresAudited(store, actor, 'config.get', context, async () => {
        const found = await read(key);
        if (!found) throw notFound(`Config key ${key}`);
        return found;
      });
      await store.audit.append(
        auditEntry(actor, 'config.get', 'success', { metadata: { key, version: entry.version } }),
      );
      return entry;
    },

    async list(actor: Actor): Promise<ConfigVersionMetadata[]> {
      await authorize(store, actor, 'context.read', 'config.list');
      const current = await store.config.listCurrent();
      const rows = await Promise.all(current.map((e) => store.config.current(e.key)));
      // An unset key is not listed: its history stays reachable by name.
      const entries = current.filter((_, i) => {
        const row = rows[i];
        return row !== undefined && plaintextOf(row).length > 0;
      });
      await store.audit.append(
        auditEntry(actor, 'config.list', 'success', { metadata: { count: entries.length } }),
      );
      return entries;
    },

    async history(actor: Actor, key: string): Promise<ConfigHistoryEntry[]> {
      await authorize(store, actor, 'context.read', 'config.history', { metadata: { key } });
      const found = await store.config.history(key);
      if (found.length === 0) throw notFound(`Config key ${key}`);
      const rows = await Promise.all(found.map((v) => store.config.version(key, v.version)));
      const versions = found.map((v, i) => {
        const row = rows[i];
        return { ...v, unset: row !== undefined && plaintextOf(row).length === 0 };
      });
      await store.audit.append(
        auditEntry(actor, 'config.history', 'success', {
          metadata: { key, count: versions.length },
        }),
      );
      return versions;
    },

    async set(actor: Actor, key: string, value: ConfigValue) {
      await authorize(store, actor, 'context.update', 'config.set', { metadata: { key } });
      checkValue?.(key, value);
      return write(actor, key, value, 'config.set', {});
    },

    /**
     * Removes the value of `key` by appending an unset version (see UNSET): the key reads as
     * absent (a setting falls back to its default), history and rollback keep working.
     * Any key may be unset, so a key written before keys were checked can be cleared.
     */
    async unset(actor: Actor, key: string) {
      const context = { metadata: { key } };
      await authorize(store, actor, 'context.update', 'config.unset', context);
      await failuresAudited(store, actor, 'config.unset', context, async () => {
        if (!(await read(key))) throw notFound(`Config key ${key}`);
      });
      const row = await write(actor, key, UNSET, 'config.unset', {});
      return { key, version: row.version, updatedAt: row.createdAt };
    },

    /** Writes a first version of `key` as the orchestrator itself, if it has none. */
    async seed(key: string, value: ConfigValue): Promise<void> {
      if (await store.config.current(key)) return;
      await write(SYSTEM_ACTOR_NAME, key, value, 'config.seed', {});
    },

    /** Makes an older version current again, as a new version (history stays intact). */
    async rollback(actor: Actor, key: string, version: number) {
      await authorize(store, actor, 'context.update', 'config.rollback', {
        metadata: { key, version },
      });
      const target = await readVersion(key, version);
      if (target === undefined) throw notFound(`Version ${version} of config key ${key}`);
      const current = await store.config.current(key);
      if (current?.version === version) {
        throw new KiciError('conflict', `Version ${version} of ${key} is already current`);
      }
      // Rolling back to an unset version unsets again.
      const value = target === null ? UNSET : target.value;
      const row = await write(actor, key, value, 'config.rollback', {
        rolledBackTo: version,
      });
      return { key, version: row.version, rolledBackTo: version, updatedAt: row.createdAt };
    },
  };
}

export type ConfigService = ReturnType<typeof createConfigService>;
