import type { Core } from '@kici/core';
import { createMiddleware } from 'hono/factory';
import type { Env } from './endpoint.js';

const BEARER = /^Bearer +([^\s]+) *$/i;

/**
 * The request as the audit log records it: method and path as sent (still percent-encoded,
 * so no control character reaches the log), cut to 256 characters.
 */
export const routingKeyOf = (method: string, url: string) =>
  `${method} ${new URL(url).pathname}`.slice(0, 256);

/** Bearer auth for every admin route: the token becomes the request's actor. */
export function bearerAuth(core: Core) {
  return createMiddleware<Env>(async (c, next) => {
    const match = BEARER.exec(c.req.header('authorization') ?? '');
    c.set(
      'actor',
      await core.tokens.authenticate(match?.[1], routingKeyOf(c.req.method, c.req.url)),
    );
    await next();
  });
}
