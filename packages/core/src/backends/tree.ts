import { BUILT_IN_BACKEND } from '@kici/contracts/vocabulary';
import type { Actor } from '../kernel/actor.js';
import { isBuiltInScope, splitScope } from '../kernel/scope.js';
import type { ScopeSummary } from '../secrets/port.js';
import type { BackendView } from './admin.js';
import type { HealthColor } from './health.js';

/** One scope under its backend: `id` is the copyable `backend:path` a binding accepts. */
export interface TreeScope {
  readonly id: string;
  readonly path: string;
  /** Keys stored here (the built-in backend only; an external backend's are not counted). */
  readonly secretCount: number | null;
}

/** A backend root node of the dashboard's secrets tree. */
export interface TreeBackend {
  readonly name: string;
  readonly type: string;
  readonly health: HealthColor;
  /** External backends are read-only from KiCI: values are written in the backend itself. */
  readonly readonly: boolean;
  readonly scopeCount: number;
  readonly lastSyncAt: Date | null;
  readonly scopes: readonly TreeScope[];
}

export interface ScopeTreeDeps {
  readonly secrets: { listScopes(actor: Actor, orgId: string): Promise<ScopeSummary[]> };
  readonly backends: {
    list(actor: Actor): Promise<BackendView[]>;
    discovered(actor: Actor, name: string): Promise<string[]>;
  };
}

/**
 * The secrets page's tree: the built-in `pg` backend (an org's stored scopes) first, then each
 * registered backend with the scopes its last discovery sync found.
 */
export async function scopeTree(
  { secrets, backends }: ScopeTreeDeps,
  actor: Actor,
  orgId: string,
): Promise<TreeBackend[]> {
  const [stored, registered] = await Promise.all([
    secrets.listScopes(actor, orgId),
    backends.list(actor),
  ]);
  // Stored scopes are `pg:path`; a linked external scope shows under its own backend's node.
  const own = stored.filter((s) => isBuiltInScope(s.scope));
  const builtIn: TreeBackend = {
    name: BUILT_IN_BACKEND,
    type: BUILT_IN_BACKEND,
    health: 'green',
    readonly: false,
    scopeCount: own.length,
    lastSyncAt: null,
    scopes: own.map((s) => ({
      id: s.scope,
      path: splitScope(s.scope).path,
      secretCount: s.secretCount,
    })),
  };
  const external = await Promise.all(
    registered.map(async (backend): Promise<TreeBackend> => {
      const paths = await backends.discovered(actor, backend.name);
      return {
        name: backend.name,
        type: backend.type,
        health: backend.health,
        readonly: true,
        scopeCount: paths.length,
        lastSyncAt: backend.lastSyncAt,
        scopes: paths.map((path) => ({ id: `${backend.name}:${path}`, path, secretCount: null })),
      };
    }),
  );
  return [builtIn, ...external];
}
