import type { BackendView, Core } from '@kici/core';
import type { Hono } from 'hono';
import { type Env, mount } from '../endpoint.js';

const view = (backend: BackendView) => ({
  ...backend,
  scopePatterns: [...backend.scopePatterns],
  errors: backend.errors.map((error) => ({ ...error })),
  summary: { ...backend.summary } as Record<string, never>,
});

export function backendRoutes(app: Hono<Env>, core: Core) {
  mount(app, 'backends.add', async ({ actor, body }) => view(await core.backends.add(actor, body)));
  mount(app, 'backends.list', async ({ actor }) => ({
    backends: (await core.backends.list(actor)).map(view),
  }));
  mount(app, 'backends.sync', async ({ actor, body }) => ({
    results: await core.backends.sync(actor, body.name),
  }));
  mount(app, 'backends.test', ({ actor, body }) => core.backends.test(actor, body));
  mount(app, 'backends.remove', async ({ actor, params }) => {
    await core.backends.remove(actor, params.name);
    return { name: params.name, deleted: true as const };
  });
  mount(app, 'backends.scopes', async ({ actor, params }) => ({
    name: params.name,
    scopes: (await core.backends.discovered(actor, params.name)).map(
      (path) => `${params.name}:${path}`,
    ),
  }));
  mount(app, 'secrets.link', ({ actor, params, body }) =>
    core.secrets.link(actor, params.orgId, params.scope, params.key, body),
  );
}
