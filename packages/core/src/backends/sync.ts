import type { Actor } from '../kernel/actor.js';
import { SYSTEM_ACTOR_NAME } from '../kernel/actor.js';
import { BackendError } from '../kernel/backend-error.js';
import { globToRegExp } from '../kernel/glob.js';
import { auditEntry } from '../kernel/guard.js';
import type { Store } from '../store.js';
import type { BackendRecord } from './port.js';
import { type BackendRegistry, messageOf } from './registry.js';

export interface SyncResult {
  readonly name: string;
  readonly status: 'ok' | 'warning' | 'error';
  readonly message: string;
  readonly discovered: number;
}

export interface BackendSyncDeps {
  readonly store: Pick<Store, 'backends' | 'audit'>;
  readonly registry: BackendRegistry;
  /** Names this instance in sync audit rows (several instances may share a database). */
  readonly instanceId?: string;
  readonly keepErrors?: number;
  /** Told of every sync that did not end `ok`, periodic or asked for (the server logs it). */
  readonly onSyncProblem?: (result: SyncResult) => void;
}

/** Discovery: each backend's paths, filtered by its scope patterns, become its scopes. */
export function createBackendSync({
  store,
  registry,
  instanceId = 'instance',
  keepErrors = 20,
  onSyncProblem,
}: BackendSyncDeps) {
  async function syncAndRecord(record: BackendRecord, actor: Actor | string): Promise<SyncResult> {
    registry.warnings.delete(record.name);
    const context = {
      contextName: `${record.name}:`,
      metadata: { backend: record.name, instance: instanceId },
    };
    try {
      const paths = await registry.timed(record.name, () => registry.instance(record).listPaths());
      const patterns = record.scopePatterns.map((pattern) => globToRegExp(pattern));
      const kept = paths.filter((path) => patterns.some((pattern) => pattern.test(path)));
      const { added, removed, total } = await store.backends.replaceDiscovered(record.name, kept);
      const warned = registry.warnings.get(record.name) ?? [];
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

  /** Syncs one backend, audited; a result other than `ok` is told to onSyncProblem. */
  async function syncOne(record: BackendRecord, actor: Actor | string): Promise<SyncResult> {
    const result = await syncAndRecord(record, actor);
    if (result.status !== 'ok') onSyncProblem?.(result);
    return result;
  }

  return {
    syncOne,

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
  };
}

export type BackendSync = ReturnType<typeof createBackendSync>;
