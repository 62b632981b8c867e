import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { auditRoutes } from '../src/endpoints/audit.routes.js';
import { backendRoutes } from '../src/endpoints/backends.routes.js';
import { configRoutes } from '../src/endpoints/config.routes.js';
import { environmentRoutes } from '../src/endpoints/environments.routes.js';
import { extensionModelRoutes, extensionSecretRoutes } from '../src/endpoints/extensions.routes.js';
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

// method, path, permission: the table of the brief, endpoint by endpoint.
const EXPECTED: Record<RouteName, [string, string, string | null]> = {
  'secrets.scopes': ['GET', '/api/v1/admin/secrets/scopes', 'secret.read'],
  'secrets.keys': ['GET', '/api/v1/admin/secrets/keys', 'secret.read'],
  'secrets.set': ['PUT', '/api/v1/admin/secrets/:orgId/:scope/:key', 'secret.write'],
  'secrets.delete': ['DELETE', '/api/v1/admin/secrets/:orgId/:scope/:key', 'secret.delete'],
  'secrets.reveal': ['POST', '/api/v1/admin/secrets/:orgId/:scope/:key/reveal', 'secret.reveal'],
  'tokens.create': ['POST', '/api/v1/admin/tokens', 'token.manage'],
  'tokens.list': ['GET', '/api/v1/admin/tokens', 'token.manage'],
  'tokens.revoke': ['DELETE', '/api/v1/admin/tokens/:id', 'token.manage'],
  rotateKey: ['POST', '/api/v1/admin/rotate-key', 'key.rotate'],
  whoami: ['GET', '/api/v1/admin/whoami', 'context.read'],
  audit: ['GET', '/api/v1/admin/audit', 'audit.read'],
  'config.list': ['GET', '/api/v1/admin/config', 'context.read'],
  'config.get': ['GET', '/api/v1/admin/config/:key', 'context.read'],
  'config.set': ['PUT', '/api/v1/admin/config/:key', 'context.update'],
  'config.history': ['GET', '/api/v1/admin/config/:key/history', 'context.read'],
  'config.rollback': ['POST', '/api/v1/admin/config/:key/rollback', 'context.update'],
  'config.unset': ['DELETE', '/api/v1/admin/config/:key', 'context.update'],
  'variables.set': ['PUT', '/api/v1/admin/variables/:orgId/:scope/:key', 'secret.write'],
  'variables.list': ['GET', '/api/v1/admin/variables', 'secret.read'],
  'variables.delete': ['DELETE', '/api/v1/admin/variables/:orgId/:scope/:key', 'secret.delete'],
  'secrets.link': ['PUT', '/api/v1/admin/secrets/:orgId/:scope/:key/link', 'secret.write'],
  'backends.add': ['POST', '/api/v1/admin/backends', 'context.create'],
  'backends.list': ['GET', '/api/v1/admin/backends', 'context.read'],
  'backends.sync': ['POST', '/api/v1/admin/backends/sync', 'context.update'],
  'backends.test': ['POST', '/api/v1/admin/backends/test', 'context.create'],
  'backends.remove': ['DELETE', '/api/v1/admin/backends/:name', 'context.delete'],
  'backends.scopes': ['GET', '/api/v1/admin/backends/:name/scopes', 'context.read'],
  'environments.list': ['GET', '/api/v1/admin/environments', 'context.read'],
  'environments.show': ['GET', '/api/v1/admin/environments/:orgId/:name', 'context.read'],
  'environments.create': ['POST', '/api/v1/admin/environments/:orgId', 'context.create'],
  'environments.delete': ['DELETE', '/api/v1/admin/environments/:orgId/:name', 'context.delete'],
  'environments.bind': [
    'POST',
    '/api/v1/admin/environments/:orgId/:name/bindings',
    'context.update',
  ],
  'environments.unbind': [
    'DELETE',
    '/api/v1/admin/environments/:orgId/:name/bindings/:scope',
    'context.update',
  ],
  'environments.setPolicy': [
    'PUT',
    '/api/v1/admin/environments/:orgId/:name/policy',
    'context.update',
  ],
  'policy.get': ['GET', '/api/v1/admin/policy', 'context.read'],
  'policy.set': ['PUT', '/api/v1/admin/policy/:operation', 'context.update'],
  'resolve.explain': ['GET', '/api/v1/admin/resolve', 'secret.read'],
  'runs.list': ['GET', '/api/v1/admin/runs', 'run.read'],
  'runs.show': ['GET', '/api/v1/admin/runs/:runId', 'run.read'],
  'runs.cancel': ['POST', '/api/v1/admin/runs/:runId/cancel', 'run.cancel'],
  'extensions.secrets.list': ['GET', '/api/v1/extensions/secrets', 'context.read'],
  'extensions.secrets.set': ['POST', '/api/v1/extensions/secrets', 'secret.write'],
  'extensions.secrets.link': ['POST', '/api/v1/extensions/secrets/link', 'secret.write'],
  'extensions.secrets.rotate': ['POST', '/api/v1/extensions/secrets/rotate', 'secret.write'],
  'extensions.secrets.delete': ['DELETE', '/api/v1/extensions/secrets', 'secret.delete'],
  'extensions.projects.list': ['GET', '/api/v1/extensions/projects', 'context.read'],
  'extensions.projects.put': [
    'PUT',
    '/api/v1/extensions/projects/:orgId/:projectKey',
    'context.create',
  ],
  'extensions.projects.delete': [
    'DELETE',
    '/api/v1/extensions/projects/:orgId/:projectKey',
    'context.delete',
  ],
  'extensions.catalog.list': ['GET', '/api/v1/extensions/catalog', 'context.read'],
  'extensions.catalog.get': ['GET', '/api/v1/extensions/catalog/:extensionId', 'context.read'],
  'extensions.catalog.put': ['PUT', '/api/v1/extensions/catalog/:extensionId', 'context.create'],
  'extensions.catalog.delete': [
    'DELETE',
    '/api/v1/extensions/catalog/:extensionId',
    'context.delete',
  ],
  'extensions.products.list': ['GET', '/api/v1/extensions/product-installations', 'context.read'],
  'extensions.products.put': [
    'PUT',
    '/api/v1/extensions/product-installations/:orgId/:productId',
    'context.create',
  ],
  'extensions.products.delete': [
    'DELETE',
    '/api/v1/extensions/product-installations/:orgId/:productId',
    'context.delete',
  ],
  'extensions.installations.list': ['GET', '/api/v1/extensions/installations', 'context.read'],
  'extensions.installations.put': [
    'PUT',
    '/api/v1/extensions/installations/:orgId/:projectKey/:extensionId',
    'context.create',
  ],
  'extensions.installations.delete': [
    'DELETE',
    '/api/v1/extensions/installations/:orgId/:projectKey/:extensionId',
    'context.delete',
  ],
  'extensions.installations.status': [
    'GET',
    '/api/v1/extensions/installations/:orgId/:projectKey/:extensionId/status',
    'context.read',
  ],
  'extensions.installations.enable': [
    'POST',
    '/api/v1/extensions/installations/:orgId/:projectKey/:extensionId/enable',
    'context.update',
  ],
  'extensions.installations.disable': [
    'POST',
    '/api/v1/extensions/installations/:orgId/:projectKey/:extensionId/disable',
    'context.update',
  ],
  'extensions.installations.sources': [
    'GET',
    '/api/v1/extensions/installations/:orgId/:projectKey/:extensionId/sources',
    'context.read',
  ],
  healthz: ['GET', '/healthz', null],
  readyz: ['GET', '/readyz', null],
};

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
      'healthz',
      'readyz',
    ]);
  });

  it('puts every authenticated route under the admin or extensions prefix, the probes outside', () => {
    for (const route of Object.values(routes)) {
      const prefixed = [ADMIN_API_PREFIX, EXTENSIONS_API_PREFIX].some((prefix) =>
        route.path.startsWith(`${prefix}/`),
      );
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
      'extensions.installations.put',
      'extensions.projects.put',
      'extensions.secrets.link',
      'extensions.secrets.rotate',
      'extensions.secrets.set',
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
