import type * as v from 'valibot';
import { auditRoutes } from './endpoints/audit.routes.js';
import { backendRoutes } from './endpoints/backends.routes.js';
import { configRoutes } from './endpoints/config.routes.js';
import { deliveryRoutes } from './endpoints/deliveries.routes.js';
import { environmentRoutes } from './endpoints/environments.routes.js';
import { extensionModelRoutes, extensionSecretRoutes } from './endpoints/extensions.routes.js';
import { monitoringRoutes, rotationRoutes } from './endpoints/monitoring.routes.js';
import { policyRoutes } from './endpoints/policy.routes.js';
import { resolveRoutes } from './endpoints/resolve.routes.js';
import { runRoutes } from './endpoints/runs.routes.js';
import { secretRoutes } from './endpoints/secrets.routes.js';
import { keyRoutes, probeRoutes } from './endpoints/system.routes.js';
import { tokenRoutes } from './endpoints/tokens.routes.js';
import { variableRoutes } from './endpoints/variables.routes.js';
import type { RouteTable } from './route-spec.js';

export { internalRoutes } from './endpoints/resolve.routes.js';
export { agentRoutes } from './endpoints/runs.routes.js';
export {
  ADMIN_API_PREFIX,
  AGENT_API_PREFIX,
  EXTENSIONS_API_PREFIX,
  INTERNAL_API_PREFIX,
  type RoutePermission,
  type RouteSpec,
  type RouteTable,
} from './route-spec.js';

/**
 * Every endpoint: the server mounts these and validates with them, the client calls them.
 * The key of each entry is the client method's name. Each domain keeps its entries beside
 * its endpoint schemas (`endpoints/<domain>.routes.ts`); this is the whole table, in the
 * order it always had.
 */
export const routes = {
  ...secretRoutes,
  ...tokenRoutes,
  ...keyRoutes,
  ...auditRoutes,
  ...configRoutes,
  ...backendRoutes,
  ...environmentRoutes,
  ...policyRoutes,
  ...resolveRoutes,
  ...variableRoutes,
  ...runRoutes,
  ...extensionSecretRoutes,
  ...extensionModelRoutes,
  ...deliveryRoutes,
  ...monitoringRoutes,
  ...rotationRoutes,
  ...probeRoutes,
} as const satisfies RouteTable;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
export type RoutePart = 'params' | 'query' | 'body' | 'response';

type SchemaOf<K extends RouteName, P extends RoutePart> = Routes[K] extends {
  readonly [X in P]: infer S extends v.GenericSchema;
}
  ? S
  : never;

/** What a route part accepts (`RouteInput<'secrets.set', 'body'>`); undefined if it has none. */
export type RouteInput<K extends RouteName, P extends RoutePart> = [SchemaOf<K, P>] extends [never]
  ? undefined
  : v.InferInput<SchemaOf<K, P>>;

/** What a route part is once validated (canonical scopes, Dates, defaults filled in). */
export type RouteOutput<K extends RouteName, P extends RoutePart> = [SchemaOf<K, P>] extends [never]
  ? undefined
  : v.InferOutput<SchemaOf<K, P>>;

/** The validated response of a route: what the client's method resolves to. */
export type RouteResponse<K extends RouteName> = RouteOutput<K, 'response'>;
