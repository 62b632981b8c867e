import type { Core } from '@kici/core';
import type { Hono } from 'hono';
import { type Env, mount } from '../endpoint.js';

export function tokenRoutes(app: Hono<Env>, core: Core) {
  mount(app, 'tokens.create', ({ actor, body }) => core.tokens.create(actor, body));
  mount(app, 'tokens.list', async ({ actor }) => ({ tokens: await core.tokens.list(actor) }));
  mount(app, 'tokens.revoke', async ({ actor, params }) => {
    const token = await core.tokens.revoke(actor, params.id);
    return { id: token.id, revokedAt: token.revokedAt ?? new Date() };
  });
  mount(app, 'whoami', ({ actor }) => core.identity.whoami(actor));
}
