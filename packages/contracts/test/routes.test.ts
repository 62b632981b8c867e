import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { auditRoutes } from '../src/endpoints/audit.routes.js';
import { backendRoutes } from '../src/endpoints/backends.routes.js';
import { configRoutes } from '../src/endpoints/config.routes.js';
import { deliveryRoutes } from '../src/endpoints/deliveries.routes.js';
import { environmentRoutes } from '../src/endpoints/environments.routes.js';
import { extensionModelRoutes, extensionSecretRoutes } from '../src/endpoints/extensions.routes.js';
import {
  ACCESS_LOG_PATH,
  monitoringRoutes,
  NOTIFICATIONS_PATH,
  rotationRoutes,
} from '../src/endpoints/monitoring.routes.js';
import { policyRoutes } from '../src/endpoints/policy.routes.js';
import { resolveRoutes } from '../src/endpoints/resolve.routes.js';
import { runRoutes } from '../src/endpoints/runs.routes.js';
import { secretRoutes } from '../src/endpoints/secrets.routes.js';
import { keyRoutes, probeRoutes } from '../src/endpoints/system.routes.js';
import { tokenRoutes } from '../src/endpoints/tokens.routes.js';
import { variableRoutes } from '../src/endpoints/variables.routes.js';
import {
  ADMIN_API_PREFIX,
  EXTENSIONS_API_PREFIX,
  LinkSecretBodySchema,
  PERMISSIONS,
  type RouteInput,
  type RouteName,
  type RouteOutput,
  type RouteResponse,
  routes,
} from '../src/index.js';
import { EXPECTED } from './route-table.js';

describe('routes', () => {
  it('lists every endpoint with its method, path and permission', () => {
    expect(Object.keys(routes).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [name, [method, path, permission]] of Object.entries(EXPECTED)) {
      const route = routes[name as RouteName];
      expect({
        name,
        method: route.method,
        path: route.path,
        permission: route.permission,
      }).toEqual({
        name,
        method,
        path,
        permission,
      });
    }
  });

  it('names a permission of the vocabulary on every admin route', () => {
    for (const [name, route] of Object.entries(routes)) {
      if (route.permission === null) continue;
      expect({ name, known: PERMISSIONS.includes(route.permission) }).toEqual({
        name,
        known: true,
      });
    }
  });

  it('assembles the domain tables in their order, no entry shadowing another', () => {
    const domains = [
      secretRoutes,
      tokenRoutes,
      keyRoutes,
      auditRoutes,
      configRoutes,
      backendRoutes,
      environmentRoutes,
      policyRoutes,
      resolveRoutes,
      variableRoutes,
      runRoutes,
      extensionSecretRoutes,
      extensionModelRoutes,
      deliveryRoutes,
      monitoringRoutes,
      rotationRoutes,
      probeRoutes,
    ];
    expect(Object.keys(routes)).toEqual(domains.flatMap((table) => Object.keys(table)));
    // The order the table had as one file.
    expect(Object.keys(routes)).toEqual([
      'secrets.scopes',
      'secrets.keys',
      'secrets.set',
      'secrets.delete',
      'secrets.reveal',
      'tokens.create',
      'tokens.list',
      'tokens.revoke',
      'whoami',
      'rotateKey',
      'audit',
      'config.list',
      'config.get',
      'config.set',
      'config.unset',
      'config.history',
      'config.rollback',
      'secrets.link',
      'backends.add',
      'backends.list',
      'backends.sync',
      'backends.test',
      'backends.remove',
      'backends.scopes',
      'environments.list',
      'environments.show',
      'environments.create',
      'environments.delete',
      'environments.bind',
      'environments.unbind',
      'environments.setPolicy',
      'policy.get',
      'policy.set',
      'resolve.explain',
      'variables.set',
      'variables.list',
      'variables.delete',
      'runs.list',
      'runs.show',
      'runs.cancel',
      'extensions.secrets.list',
      'extensions.secrets.set',
      'extensions.secrets.link',
      'extensions.secrets.rotate',
      'extensions.secrets.delete',
      'extensions.projects.list',
      'extensions.projects.put',
      'extensions.projects.delete',
      'extensions.catalog.list',
      'extensions.catalog.get',
      'extensions.catalog.put',
      'extensions.catalog.delete',
      'extensions.products.list',
      'extensions.products.put',
      'extensions.products.delete',
      'extensions.installations.list',
      'extensions.installations.put',
      'extensions.installations.delete',
      'extensions.installations.status',
      'extensions.installations.enable',
      'extensions.installations.disable',
      'extensions.installations.sources',
      'extensions.installations.invoke',
      'extensions.deliveries.list',
      'extensions.deliveries.show',
      'extensions.deliveries.retry',
      'extensions.signingSecret.show',
      'extensions.signingSecret.rotate',
      'accessLog',
      'notifications.list',
      'notifications.ack',
      'extensions.rotationPolicy.get',
      'extensions.rotationPolicy.put',
      'extensions.rotationPolicy.delete',
      'extensions.rotationReport',
      'extensions.rotationAudit.run',
      'healthz',
      'readyz',
    ]);
  });

  it('puts every authenticated route under the admin or extensions prefix, the probes outside', () => {
    for (const route of Object.values(routes)) {
      // The seed names two paths of its own: the access log export and notifications.
      const prefixed =
        [ADMIN_API_PREFIX, EXTENSIONS_API_PREFIX].some((prefix) =>
          route.path.startsWith(`${prefix}/`),
        ) ||
        route.path === ACCESS_LOG_PATH ||
        route.path.startsWith(NOTIFICATIONS_PATH);
      expect(prefixed).toBe(route.permission !== null);
    }
  });

  it('gives every path parameter a params schema entry', () => {
    for (const [name, route] of Object.entries(routes)) {
      const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
      const entries = 'params' in route ? Object.keys(route.params.entries) : [];
      expect({ name, names }).toEqual({ name, names: entries });
    }
  });

  it('has a body schema exactly where the method sends one', () => {
    const withBody = Object.entries(routes)
      .filter(([, route]) => 'body' in route)
      .map(([name]) => name)
      .sort();
    expect(withBody).toEqual([
      'backends.add',
      'backends.sync',
      'backends.test',
      'config.rollback',
      'config.set',
      'environments.bind',
      'environments.create',
      'environments.setPolicy',
      'extensions.catalog.put',
      'extensions.installations.invoke',
      'extensions.installations.put',
      'extensions.projects.put',
      'extensions.rotationAudit.run',
      'extensions.rotationPolicy.put',
      'extensions.secrets.link',
      'extensions.secrets.rotate',
      'extensions.secrets.set',
      'extensions.signingSecret.rotate',
      'notifications.ack',
      'policy.set',
      'rotateKey',
      'secrets.link',
      'secrets.set',
      'tokens.create',
      'variables.set',
    ]);
  });

  it('types each part of each route', () => {
    expectTypeOf<RouteInput<'secrets.set', 'body'>>().toEqualTypeOf<{ value: string }>();
    expectTypeOf<RouteInput<'secrets.set', 'query'>>().toEqualTypeOf<undefined>();
    expectTypeOf<RouteOutput<'audit', 'query'>['from']>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<RouteOutput<'audit', 'query'>['limit']>().toEqualTypeOf<number>();
    expectTypeOf<RouteResponse<'secrets.keys'>['keys'][number]['lastRotatedAt']>().toEqualTypeOf<
      string | null
    >();
    expectTypeOf<RouteResponse<'tokens.list'>['tokens'][number]['status']>().toEqualTypeOf<
      'active' | 'revoked' | 'expired'
    >();
    expectTypeOf<RouteInput<'secrets.reveal', 'response'>['updatedAt']>().toEqualTypeOf<
      string | Date
    >();
    // The table is plain data: a server can walk it.
    expect(v.safeParse(routes['secrets.set'].body, { value: 'x' }).success).toBe(true);
  });
});

describe('secret links', () => {
  it('refuse . and .. path segments, which would climb out of the backend base path', () => {
    expect(v.is(LinkSecretBodySchema, { backend: 'openbao-prod', path: 'aws/credentials' })).toBe(
      true,
    );
    for (const path of ['x/../../etc', '..', 'a/./b', 'a//b', '/a']) {
      expect(v.is(LinkSecretBodySchema, { backend: 'openbao-prod', path }), path).toBe(false);
    }
  });
});
