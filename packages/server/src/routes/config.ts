import type { Core } from '@kici/core';
import type { Hono } from 'hono';
import { type Env, mount } from '../endpoint.js';

export function configRoutes(app: Hono<Env>, core: Core) {
  mount(app, 'config.list', async ({ actor }) => ({
    entries: (await core.config.list(actor)).map((e) => ({
      key: e.key,
      version: e.version,
      updatedAt: e.createdAt,
      updatedBy: e.createdBy,
    })),
  }));
  mount(app, 'config.get', ({ actor, params }) => core.config.get(actor, params.key));
  mount(app, 'config.set', async ({ actor, params, body }) => {
    const row = await core.config.set(actor, params.key, body.value);
    return { key: row.key, version: row.version, updatedAt: row.createdAt };
  });
  mount(app, 'config.unset', ({ actor, params }) => core.config.unset(actor, params.key));
  mount(app, 'config.history', async ({ actor, params }) => {
    const versions = await core.config.history(actor, params.key);
    const current = versions[0]?.version;
    return {
      key: params.key,
      versions: versions.map((h) => ({
        version: h.version,
        createdAt: h.createdAt,
        createdBy: h.createdBy,
        current: h.version === current,
        unset: h.unset,
      })),
    };
  });
  mount(app, 'config.rollback', ({ actor, params, body }) =>
    core.config.rollback(actor, params.key, body.version),
  );
}
