import { can, type Permission } from '@kici/rbac';
import { type Actor, actorName } from './actor.js';
import type { AuditEntry, AuditWriter } from './audit-entry.js';
import { forbidden, KiciError } from './errors.js';

/** The guards write audit rows only. */
type Audited = { readonly audit: AuditWriter };

/** Where an operation happens, for its audit row. */
export interface AuditContext {
  readonly orgId?: string | null;
  readonly contextName?: string | null;
  readonly routingKey?: string | null;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export function auditEntry(
  actor: Actor | string,
  action: string,
  outcome: AuditEntry['outcome'],
  context: AuditContext = {},
): AuditEntry {
  return {
    actor: typeof actor === 'string' ? actor : actorName(actor),
    action,
    outcome,
    orgId: context.orgId ?? null,
    contextName: context.contextName ?? null,
    routingKey: context.routingKey ?? null,
    metadata: context.metadata ?? {},
  };
}

/**
 * Authorizes `actor` for one named permission. A denial is audited (outcome `denied`, the
 * permission in the metadata) and thrown as a 403 naming the permission.
 */
export async function authorize(
  store: Audited,
  actor: Actor,
  permission: Permission,
  action: string,
  context: AuditContext = {},
): Promise<void> {
  if (can(actor.role, permission)) return;
  await store.audit.append(
    auditEntry(actor, action, 'denied', {
      ...context,
      metadata: { ...context.metadata, permission, role: actor.role },
    }),
  );
  throw forbidden(permission);
}

/**
 * Runs `work`; when it fails with a KiciError (not found, conflict, …) a `failure` row with
 * the error's code is appended before the error goes on. Denials are audited by authorize.
 */
export async function failuresAudited<T>(
  store: Audited,
  actor: Actor,
  action: string,
  context: AuditContext,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof KiciError && error.code !== 'forbidden') {
      await store.audit.append(
        auditEntry(actor, action, 'failure', {
          ...context,
          metadata: { ...context.metadata, reason: error.code },
        }),
      );
    }
    throw error;
  }
}
