// The route table's permission column, checked against the server: every admin route of
// @kici/contracts' table, called over HTTP by a token lacking the route's permission, answers
// 403 naming exactly that permission. The table is iterated, so a new route is covered (and
// fails here until it has a sample request below, if `{}` does not validate).
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import {
  ACCESS_LOG_PATH,
  ADMIN_API_PREFIX,
  AGENT_API_PREFIX,
  agentRoutes,
  createAdminClient,
  EXTENSIONS_API_PREFIX,
  INTERNAL_API_PREFIX,
  internalRoutes,
  NOTIFICATIONS_PATH,
  type RouteName,
  type RouteSpec,
  routes,
} from '@kici/contracts';
import { OPENAPI_PATH } from '@kici/contracts/openapi';
import { type Actor, type Core, createCore, createDispatcherAuth } from '@kici/core';
import { createKeyring } from '@kici/crypto/node';
import { can, type Permission, permissionsOf, ROLES, type Role } from '@kici/rbac';
import type { PgStore } from '@kici/store-pg';
import { openTestStore, type TestDatabase } from '@kici/store-pg/testing';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';

const VAULT_CONFIG = { url: 'https://vault.example.com:8200', authMethod: 'token', token: 't' };

// One value per path parameter name, valid wherever the name appears.
const PARAMS: Record<string, string> = {
  orgId: 'acme',
  scope: 'production',
  key: 'KICI_DATABASE_URL',
  name: 'staging',
  id: 'tok_unknown',
  operation: 'secrets.set',
  runId: 'run-1',
  projectKey: 'OPS',
  extensionId: 'com.example.mailchimp',
  productId: 'com.example.suite',
  deliveryId: 'msg_01JZ3K8Q4W5X6Y7Z8A9B0C1D2E',
  notificationId: '1',
};

const ORG_SCOPE = { org_id: 'acme', scope: 'organization' };

// Queries and bodies that validate, so that the permission check, not validation, answers
// (the server validates before core authorizes). Routes not listed send `{}`.
const QUERIES: Partial<Record<RouteName, Record<string, string>>> = {
  'secrets.scopes': { orgId: 'acme' },
  'secrets.keys': { orgId: 'acme', scope: 'production' },
  'environments.list': { orgId: 'acme' },
  'variables.list': { orgId: 'acme' },
  'resolve.explain': {
    orgId: 'acme',
    environment: 'staging',
    repository: 'acme/app',
    branch: 'main',
    trigger: 'push',
  },
  'extensions.secrets.list': ORG_SCOPE,
  'extensions.secrets.delete': { ...ORG_SCOPE, key: 'A' },
  'extensions.projects.list': { org_id: 'acme' },
  'extensions.products.list': { org_id: 'acme' },
  'extensions.installations.list': { org_id: 'acme' },
  'extensions.deliveries.list': { org_id: 'acme' },
  accessLog: { org_id: 'acme' },
  'notifications.list': { org_id: 'acme' },
  'extensions.rotationPolicy.get': { org_id: 'acme' },
  'extensions.rotationPolicy.delete': { org_id: 'acme' },
  'extensions.rotationReport': { org_id: 'acme' },
};
const BODIES: Partial<Record<RouteName, Record<string, unknown>>> = {
  'secrets.set': { value: 'v' },
  'secrets.link': { backend: 'openbao-prod', path: 'aws/credentials' },
  'tokens.create': { label: 'ci', role: 'auditor' },
  'config.set': { value: 1 },
  'config.rollback': { version: 1 },
  'backends.add': { name: 'openbao-prod', backendType: 'vault', config: VAULT_CONFIG },
  // With a config: testing one before it is registered is what asks context.create.
  'backends.test': { name: 'openbao-prod', backendType: 'vault', config: VAULT_CONFIG },
  'environments.create': { name: 'staging' },
  'environments.bind': { scope: 'production' },
  'environments.setPolicy': { branches: ['main'] },
  'policy.set': { surfaces: ['cli'] },
  'variables.set': { value: 'v' },
  'extensions.secrets.set': { ...ORG_SCOPE, secrets: { A: 'v' } },
  'extensions.secrets.link': { ...ORG_SCOPE, key: 'A', external_secret_name: 'kiket/a' },
  'extensions.secrets.rotate': { ...ORG_SCOPE, key: 'A', value: 'v' },
  'extensions.catalog.put': { manifest: 'extension: {}' },
  'extensions.rotationPolicy.put': { org_id: 'acme', max_age_days: 90 },
};

type AdminRoute = [RouteName, RouteSpec & { permission: Permission }];
const adminRoutes = (Object.entries(routes) as [RouteName, RouteSpec][]).filter(
  (entry): entry is AdminRoute => entry[1].permission !== null,
);

/** The request a route is driven with; `valid` says each part passes the route's schema. */
function requestOf(name: RouteName, spec: RouteSpec) {
  const path = spec.path.replace(/:([A-Za-z]+)/g, (_, param: string) =>
    encodeURIComponent(PARAMS[param] ?? ''),
  );
  const query = QUERIES[name] ?? {};
  const body = spec.body ? (BODIES[name] ?? {}) : undefined;
  const params = Object.fromEntries(
    [...spec.path.matchAll(/:([A-Za-z]+)/g)].map(([, param = '']) => [param, PARAMS[param]]),
  );
  const valid = {
    params: !spec.params || v.is(spec.params, params),
    query: !spec.query || v.is(spec.query, query),
    body: !spec.body || v.is(spec.body, body),
  };
  const search = new URLSearchParams(query).toString();
  return { url: `${path}${search ? `?${search}` : ''}`, body, valid };
}

async function call(baseUrl: string, token: string, name: RouteName, spec: RouteSpec) {
  const { url, body } = requestOf(name, spec);
  const response = await fetch(`${baseUrl}${url}`, {
    method: spec.method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

const denial = (permission: Permission) => ({
  error: {
    code: 'forbidden',
    message: `Permission denied: this token's role lacks ${permission}`,
  },
});

/** The role with the fewest permissions that still lacks `permission`, if any role does. */
const roleLacking = (permission: Permission): Role | undefined =>
  ROLES.filter((role) => !can(role, permission)).sort(
    (a, b) => permissionsOf(a).length - permissionsOf(b).length,
  )[0];

describe('the sample requests', () => {
  it.each(adminRoutes.map(([name, spec]) => [name, spec] as const))(
    '%s: params, query and body validate',
    (name, spec) => {
      expect(requestOf(name, spec).valid).toEqual({ params: true, query: true, body: true });
    },
  );
});

describe.each(testDrivers())(
  'every admin route refuses a role without its permission (%s)',
  (driver) => {
    let server: TestServer;
    const tokens = new Map<Role, string>();

    beforeAll(async () => {
      server = await startTestServer({ driver });
      const owner = createAdminClient({ baseUrl: server.url, token: server.token });
      for (const role of ROLES) {
        if (role === 'owner') continue;
        tokens.set(role, (await owner.tokens.create({ label: `no-${role}`, role })).token);
      }
    }, 120_000);
    afterAll(() => server?.dispose());

    // Every role holds context.read and audit.read, so no token can be refused them: their
    // routes are driven by the role-less actor below (which drives every route).
    const refusable = adminRoutes.filter(([, spec]) => roleLacking(spec.permission) !== undefined);

    it.each(refusable.map(([name, spec]) => [name, spec.permission, spec] as const))(
      '%s answers 403 naming %s',
      async (name, permission, spec) => {
        const role = roleLacking(permission) as Role;
        const token = tokens.get(role) as string;
        expect({ name, role, ...(await call(server.url, token, name, spec)) }).toEqual({
          name,
          role,
          status: 403,
          body: denial(permission),
        });
      },
    );
  },
);

// An actor whose role grants nothing (`can` is false for a role it does not know): every route,
// including those of permissions every role holds, answers 403 naming the one core checks.
const ROLELESS_TOKEN = 'kici_test_roleless';
const roleless = { tokenId: 'tok_roleless', label: 'roleless', role: 'none' } as unknown as Actor;

describe.each(testDrivers())(
  'every admin route names its permission to a role-less actor (%s)',
  (driver) => {
    let store: PgStore;
    let database: TestDatabase;
    let app: ReturnType<typeof createApp>;
    let close: () => Promise<void>;
    let baseUrl: string;

    beforeAll(async () => {
      ({ store, database } = await openTestStore(driver));
      const core = await createCore({
        store,
        keyring: createKeyring({ current: new Uint8Array(32).fill(1), version: 1 }),
      });
      const tokens: Core['tokens'] = {
        ...core.tokens,
        authenticate: async (token, routingKey) =>
          token === ROLELESS_TOKEN ? roleless : core.tokens.authenticate(token, routingKey),
      };
      app = createApp({
        core: { ...core, tokens },
        log: () => {},
        maxSecretBytes: 65536,
        dispatcher: createDispatcherAuth({ store, credential: 'kici_dispatch_test_roleless' }),
      });
      const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
        const listening = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
          resolve(listening),
        );
      });
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      close = () => new Promise((resolve) => server.close(() => resolve()));
    }, 120_000);
    afterAll(async () => {
      await close?.();
      await store?.close();
      await database?.drop();
    });

    it.each(adminRoutes.map(([name, spec]) => [name, spec.permission, spec] as const))(
      '%s answers 403 naming %s',
      async (name, permission, spec) => {
        expect({ name, ...(await call(baseUrl, ROLELESS_TOKEN, name, spec)) }).toEqual({
          name,
          status: 403,
          body: denial(permission),
        });
      },
    );

    it('mounts exactly the routes of the table', () => {
      // The web dashboard's pages (/ui) are not API routes: their session is tested in
      // ui-browser.test.ts, and every page calls the same core services as the table's routes.
      const mounted = app.routes
        .filter((route) => route.method !== 'ALL' && !route.path.startsWith('/ui'))
        .map((route) => `${route.method} ${route.path}`)
        .sort();
      const table = [
        ...Object.values(routes),
        ...Object.values(internalRoutes),
        ...Object.values(agentRoutes),
      ]
        .map((route) => `${route.method} ${route.path}`)
        .sort();
      // The OpenAPI description: public, beside the table it describes (openapi.test.ts).
      expect(mounted).toEqual([...table, `GET ${OPENAPI_PATH}`].sort());
      const authenticated = [`${ADMIN_API_PREFIX}/`, `${EXTENSIONS_API_PREFIX}/`];
      // The seed's own paths: the access log export and notifications.
      authenticated.push(` ${ACCESS_LOG_PATH}`, ` ${NOTIFICATIONS_PATH}`);
      expect(
        table.filter((route) => authenticated.some((prefix) => route.includes(prefix))).length,
      ).toBe(adminRoutes.length);
      expect(table.filter((route) => route.includes(INTERNAL_API_PREFIX)).length).toBe(
        Object.keys(internalRoutes).length,
      );
      expect(table.filter((route) => route.includes(AGENT_API_PREFIX)).length).toBe(
        Object.keys(agentRoutes).length,
      );
    });
  },
);
