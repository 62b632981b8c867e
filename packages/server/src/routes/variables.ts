import { setVariableBodySchema } from '@kici/contracts';
import type { Core } from '@kici/core';
import type { Hono } from 'hono';
import { type Env, mount } from '../endpoint.js';

/** Variables: non-secret values per org and scope; `maxValueBytes` is the server's value limit. */
export function variableRoutes(app: Hono<Env>, core: Core, maxValueBytes: number) {
  const overrides = { 'variables.set': { body: setVariableBodySchema(maxValueBytes) } };
  mount(
    app,
    'variables.set',
    ({ actor, params, body }) =>
      core.variables.set(actor, params.orgId, params.scope, params.key, body.value, {
        locked: body.locked,
      }),
    overrides,
  );
  mount(app, 'variables.list', async ({ actor, query }) => ({
    orgId: query.orgId,
    ...(query.scope === undefined ? {} : { scope: query.scope }),
    variables: await core.variables.list(actor, query.orgId, query.scope, {
      values: query.values,
    }),
  }));
  mount(app, 'variables.delete', async ({ actor, params }) => {
    await core.variables.delete(actor, params.orgId, params.scope, params.key);
    return { ...params, deleted: true as const };
  });
}
