import { type Core, splitScope } from '@kici/core';
import type { Hono } from 'hono';
import { type Env, mount, type SchemaOverrides } from '../endpoint.js';

export function secretRoutes(app: Hono<Env>, core: Core, overrides: SchemaOverrides) {
  mount(app, 'secrets.scopes', async ({ actor, query }) => {
    const scopes = await core.secrets.listScopes(actor, query.orgId);
    return {
      orgId: query.orgId,
      scopes: scopes.map((s) => ({ ...s, ...splitScope(s.scope) })),
    };
  });
  mount(app, 'secrets.keys', async ({ actor, query }) => ({
    orgId: query.orgId,
    scope: query.scope,
    keys: await core.secrets.listKeys(actor, query.orgId, query.scope),
  }));
  mount(
    app,
    'secrets.set',
    ({ actor, params, body }) =>
      core.secrets.set(actor, params.orgId, params.scope, params.key, body.value),
    overrides,
  );
  mount(app, 'secrets.delete', async ({ actor, params }) => {
    await core.secrets.delete(actor, params.orgId, params.scope, params.key);
    return { ...params, deleted: true as const };
  });
  mount(app, 'secrets.reveal', async ({ actor, params }) => ({
    ...params,
    ...(await core.secrets.reveal(actor, params.orgId, params.scope, params.key)),
  }));
}
