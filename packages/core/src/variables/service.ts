import { BUILT_IN_BACKEND, DEFAULT_MAX_SECRET_BYTES } from '@kici/contracts/vocabulary';
import { type Actor, actorName } from '../kernel/actor.js';
import { KiciError, notFound } from '../kernel/errors.js';
import { type AuditContext, auditEntry, authorize, failuresAudited } from '../kernel/guard.js';
import { splitScope } from '../kernel/scope.js';
import type { SurfaceCheck } from '../policy/port.js';
import type { Store } from '../store.js';
import type { VariableRecord } from './port.js';

export interface VariableServiceDeps {
  /** Variables are read and written inside transactions (`tx.variables`) only. */
  readonly store: Pick<Store, 'audit' | 'exclusive' | 'transaction'>;
  readonly policy: SurfaceCheck;
  /** Largest accepted value, in UTF-8 bytes (the secret limit by default). */
  readonly maxValueBytes?: number;
}

export interface SetVariableResult {
  readonly orgId: string;
  readonly scope: string;
  readonly key: string;
  readonly valueLength: number;
  readonly locked: boolean;
  readonly updatedAt: Date;
  readonly created: boolean;
}

/** A listed variable: its value only when asked for. */
export type VariableView = Omit<VariableRecord, 'value'> & { readonly value?: string };

const encoder = new TextEncoder();

/** Why a write to an existing variable is refused, or undefined when it may go ahead. */
function lockRefusal(
  actor: Actor,
  current: VariableRecord | undefined,
  locked: boolean | undefined,
  verb: 'set' | 'delete',
): string | undefined {
  // Only kici-admin (a cli-surface token) may touch a locked variable or change the flag
  // (fail closed: any surface other than the CLI counts as the dashboard).
  if (actor.surface === 'cli') return undefined;
  const name = current ? `Variable ${current.key} in scope ${current.scope}` : undefined;
  if (current?.locked) {
    return `${name} is locked: ${verb === 'set' ? 'change' : 'delete'} it with kici-admin (variable ${verb})`;
  }
  if (locked !== undefined && locked !== (current?.locked ?? false)) {
    return 'locked: a variable can be locked or unlocked only with kici-admin (variable set --locked)';
  }
  return undefined;
}

/**
 * Variables: non-secret configuration values per org and scope, stored as plain text. Writes
 * need secret.write and pass the dashboard-write policy (`variables.set`); a locked variable
 * is immutable from the dashboard. Every operation is audited with key names, never values.
 */
export function createVariableService({
  store,
  policy,
  maxValueBytes = DEFAULT_MAX_SECRET_BYTES,
}: VariableServiceDeps) {
  /** Serialises writes to one variable on every instance, so a lock cannot be raced. */
  const serialised = <T>(orgId: string, scope: string, key: string, work: () => Promise<T>) =>
    store.exclusive(`kici:variable:${JSON.stringify([orgId, scope, key])}`, work);

  async function refuse(
    actor: Actor,
    action: string,
    context: AuditContext,
    message: string,
  ): Promise<never> {
    await store.audit.append(
      auditEntry(actor, action, 'denied', {
        ...context,
        metadata: { ...context.metadata, surface: actor.surface ?? null, reason: 'locked' },
      }),
    );
    throw new KiciError('forbidden', message);
  }

  return {
    async set(
      actor: Actor,
      orgId: string,
      scope: string,
      key: string,
      value: string,
      options: { readonly locked?: boolean | undefined } = {},
    ): Promise<SetVariableResult> {
      const { locked } = options;
      const context = { orgId, contextName: scope, metadata: { key } };
      await authorize(store, actor, 'secret.write', 'variable.set', context);
      await policy.requireSurface(actor, 'variables.set', {
        orgId,
        contextName: scope,
        action: 'variable.set',
        key,
      });
      // Variables are stored here, and resolution reads them from pg scopes only.
      if (splitScope(scope).backend !== BUILT_IN_BACKEND) {
        throw new KiciError(
          'invalid_input',
          'scope: variables live in pg scopes (pg:<path>); an external backend holds secrets only',
          'scope',
        );
      }
      const valueLength = encoder.encode(value).length; // bytes, as the limit counts them
      if (valueLength === 0) {
        throw new KiciError('invalid_input', 'value: expected a non-empty value', 'value');
      }
      if (valueLength > maxValueBytes) {
        throw new KiciError(
          'payload_too_large',
          `value: expected at most ${maxValueBytes} bytes`,
          'value',
        );
      }
      const outcome = await serialised(orgId, scope, key, () =>
        store.transaction(async (tx) => {
          const current = await tx.variables.find(orgId, scope, key);
          const refusal = lockRefusal(actor, current, locked, 'set');
          if (refusal !== undefined) return { refusal };
          const written = await tx.variables.upsert({
            orgId,
            scope,
            key,
            value,
            locked: locked ?? current?.locked ?? false,
            actor: actorName(actor),
          });
          await tx.audit.append(
            auditEntry(actor, 'variable.set', 'success', {
              ...context,
              metadata: {
                key,
                valueLength,
                locked: written.record.locked,
                created: written.created,
                surface: actor.surface ?? null,
              },
            }),
          );
          return written;
        }),
      );
      if ('refusal' in outcome) return refuse(actor, 'variable.set', context, outcome.refusal);
      const { record, created } = outcome;
      return {
        orgId,
        scope,
        key,
        valueLength,
        locked: record.locked,
        updatedAt: record.updatedAt,
        created,
      };
    },

    /** A scope's variables (every scope's without `scope`); values only with `values`. */
    async list(
      actor: Actor,
      orgId: string,
      scope: string | undefined,
      options: { readonly values?: boolean } = {},
    ): Promise<VariableView[]> {
      const values = options.values === true;
      const context = { orgId, contextName: scope ?? null, metadata: { values } };
      await authorize(store, actor, 'secret.read', 'variable.list', context);
      return store.transaction(async (tx) => {
        const records = await tx.variables.list(orgId, scope);
        await tx.audit.append(
          auditEntry(actor, 'variable.list', 'success', {
            ...context,
            // Which values left the server, by name.
            metadata: {
              values,
              count: records.length,
              ...(values ? { keys: records.map((r) => `${r.scope}/${r.key}`) } : {}),
            },
          }),
        );
        return values ? records : records.map(({ value: _, ...rest }) => rest);
      });
    },

    async delete(actor: Actor, orgId: string, scope: string, key: string): Promise<void> {
      const context = { orgId, contextName: scope, metadata: { key } };
      await authorize(store, actor, 'secret.delete', 'variable.delete', context);
      const refusal = await failuresAudited(store, actor, 'variable.delete', context, () =>
        serialised(orgId, scope, key, () =>
          store.transaction(async (tx) => {
            const current = await tx.variables.find(orgId, scope, key);
            if (!current) throw notFound(`Variable ${key} in scope ${scope}`);
            const refused = lockRefusal(actor, current, undefined, 'delete');
            if (refused !== undefined) return refused;
            await tx.variables.remove(orgId, scope, key);
            await tx.audit.append(
              auditEntry(actor, 'variable.delete', 'success', {
                ...context,
                metadata: { key, locked: current.locked, surface: actor.surface ?? null },
              }),
            );
            return undefined;
          }),
        ),
      );
      if (refusal !== undefined) await refuse(actor, 'variable.delete', context, refusal);
    },
  };
}

export type VariableService = ReturnType<typeof createVariableService>;
