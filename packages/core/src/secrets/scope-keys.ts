import { BUILT_IN_BACKEND, type WriteOperation } from '@kici/contracts/vocabulary';
import type { Actor } from '../kernel/actor.js';
import { notFound } from '../kernel/errors.js';
import {
  extensionStoreRefusal,
  isExtensionStoreScope,
  isInternalScope,
  splitScope,
} from '../kernel/scope.js';
import type { WritePolicy } from '../policy/port.js';
import type { SecretMetadata } from './port.js';

/** Whether a write is open to this actor here, and if not, why (shown next to the control). */
export type Allowance =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: string };

/** A scope's keys (metadata only) with what its reader may still write there. */
export interface ScopeKeys {
  readonly scope: string;
  readonly backend: string;
  readonly path: string;
  /** An external backend's scope: its values are written in the backend itself. */
  readonly readonly: boolean;
  readonly keys: SecretMetadata[];
  /** The dashboard-write policy's `secrets.set` for the actor's surface. */
  readonly valueEntry: Allowance;
  /** The pgCustomerSecrets toggle: whether a new key may be created (replacing always may). */
  readonly newKeys: Allowance;
}

export interface ScopeKeysDeps {
  readonly secrets: {
    listKeys(actor: Actor, orgId: string, scope: string): Promise<SecretMetadata[]>;
  };
  readonly policy: { policy(): Promise<WritePolicy>; pgCustomerSecrets(): Promise<boolean> };
  readonly backends: { exists(name: string): Promise<boolean> };
}

const SET: WriteOperation = 'secrets.set';

/**
 * The dashboard's scope page: the keys (the audited `secret.list` read) and, before a write is
 * tried, the same answers core's secret set would give: the write policy and the toggle.
 */
export async function scopeKeys(
  { secrets, policy, backends }: ScopeKeysDeps,
  actor: Actor,
  orgId: string,
  scope: string,
): Promise<ScopeKeys> {
  if (isExtensionStoreScope(scope)) throw extensionStoreRefusal(scope);
  const { backend, path } = splitScope(scope);
  const builtIn = backend === BUILT_IN_BACKEND;
  if (!builtIn && !(await backends.exists(backend))) throw notFound(`Backend ${backend}`);
  const keys = await secrets.listKeys(actor, orgId, scope);
  const surfaces = (await policy.policy())[SET];
  const valueEntry: Allowance = surfaces.includes(actor.surface)
    ? { allowed: true }
    : {
        allowed: false,
        reason: `The dashboard-write policy allows ${SET} from ${surfaces.length === 0 ? 'no surface' : `the ${surfaces.join(' and ')}`} only, not from the ${actor.surface}`,
      };
  const newKeys: Allowance =
    !builtIn || isInternalScope(scope) || (await policy.pgCustomerSecrets())
      ? { allowed: true }
      : {
          allowed: false,
          reason:
            'pgCustomerSecrets is false: new customer secrets cannot be stored in the pg backend (use an external backend); the values of existing keys can still be replaced',
        };
  return { scope, backend, path, readonly: !builtIn, keys, valueEntry, newKeys };
}
