import type { Core, WritePolicy } from '@kici/core';
import type { Hono } from 'hono';
import { type Env, mount } from '../endpoint.js';

const view = (policy: WritePolicy) => ({
  'secrets.set': [...policy['secrets.set']],
  'variables.set': [...policy['variables.set']],
  'environments.test_access.set': [...policy['environments.test_access.set']],
});

export function policyRoutes(app: Hono<Env>, core: Core) {
  mount(app, 'policy.get', async ({ actor }) => ({ policy: view(await core.policy.show(actor)) }));
  mount(app, 'policy.set', async ({ actor, params, body }) => ({
    policy: view(await core.policy.set(actor, params.operation, body.surfaces)),
  }));
  mount(app, 'resolve.explain', ({ actor, query }) =>
    core.resolution.explain(actor, {
      ...query,
      runId: query.runId ?? 'explain',
      jobId: query.jobId ?? 'explain',
    }),
  );
}
