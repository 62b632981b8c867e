import type { Core } from '@kici/core';
import { createMiddleware } from 'hono/factory';
import type { Env } from './endpoint.js';

const BEARER = /^Bearer +([^\s]+) *$/i;

/** Bearer auth for every admin route: the token becomes the request's actor. */
export function bearerAuth(core: Core) {
  return createMiddleware<Env>(async (c, next) => {
    const match = BEARER.exec(c.req.header('authorization') ?? '');
    c.set('actor', await core.tokens.authenticate(match?.[1], `${c.req.method} ${c.req.path}`));
    await next();
  });
}
