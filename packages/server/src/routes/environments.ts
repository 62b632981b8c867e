import type { Core, EnvironmentRecord } from '@kici/core';
import type { Hono } from 'hono';
import { type Env, mount } from '../endpoint.js';

/** The API shape of an environment: scopes as a plain list. */
const view = (environment: EnvironmentRecord) => ({
  ...environment,
  rules: {
    branches: [...environment.rules.branches],
    triggers: [...environment.rules.triggers],
    repositories: [...environment.rules.repositories],
    allowForks: environment.rules.allowForks,
  },
  scopes: [...environment.scopes],
});

const rulesOf = (body: {
  branches?: string[] | undefined;
  triggers?: string[] | undefined;
  repositories?: string[] | undefined;
  allowForks?: boolean | undefined;
}) => {
  const rules = {
    ...(body.branches ? { branches: body.branches } : {}),
    ...(body.triggers ? { triggers: body.triggers } : {}),
    ...(body.repositories ? { repositories: body.repositories } : {}),
    ...(body.allowForks === undefined ? {} : { allowForks: body.allowForks }),
  };
  return Object.keys(rules).length > 0 ? rules : undefined;
};

export function environmentRoutes(app: Hono<Env>, core: Core) {
  mount(app, 'environments.list', async ({ actor, query }) => ({
    orgId: query.orgId,
    environments: (await core.environments.list(actor, query.orgId)).map(view),
  }));
  mount(app, 'environments.show', async ({ actor, params }) =>
    view(await core.environments.show(actor, params.orgId, params.name)),
  );
  mount(app, 'environments.create', async ({ actor, params, body }) =>
    view(
      await core.environments.create(actor, params.orgId, body.name, {
        rules: rulesOf(body),
        allowLocalExecution: body.allowLocalExecution,
        scopes: body.scopes,
      }),
    ),
  );
  mount(app, 'environments.delete', async ({ actor, params }) => {
    await core.environments.delete(actor, params.orgId, params.name);
    return { ...params, deleted: true as const };
  });
  mount(app, 'environments.bind', async ({ actor, params, body }) =>
    view(await core.environments.bind(actor, params.orgId, params.name, body.scope, body.position)),
  );
  mount(app, 'environments.unbind', async ({ actor, params }) =>
    view(await core.environments.unbind(actor, params.orgId, params.name, params.scope)),
  );
  mount(app, 'environments.setPolicy', async ({ actor, params, body }) =>
    view(
      await core.environments.setPolicy(actor, params.orgId, params.name, {
        rules: rulesOf(body),
        allowLocalExecution: body.allowLocalExecution,
      }),
    ),
  );
}
