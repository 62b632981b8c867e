import { SURFACE_HEADER, SURFACES, type Surface } from '@kici/contracts';
import { type Core, KiciError } from '@kici/core';
import { createMiddleware } from 'hono/factory';
import type { Env } from './endpoint.js';

const BEARER = /^Bearer +([^\s]+) *$/i;

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export const bearerTokenOf = (header: string | undefined): string | undefined =>
  BEARER.exec(header ?? '')?.[1];

/**
 * The request as the audit log records it: method and path as sent (still percent-encoded,
 * so no control character reaches the log), cut to 256 characters.
 */
export const routingKeyOf = (method: string, url: string) =>
  `${method} ${new URL(url).pathname}`.slice(0, 256);

const READS = new Set(['GET', 'HEAD']);

/** A mutating request's stated surface; reads need none. */
function surfaceOf(method: string, header: string | undefined): Surface | undefined {
  if (READS.has(method)) return undefined;
  const surface = header?.trim().toLowerCase();
  if (SURFACES.includes(surface as Surface)) return surface as Surface;
  throw new KiciError(
    'invalid_input',
    `${SURFACE_HEADER}: expected ${SURFACES.join(' or ')} on every mutating request`,
    SURFACE_HEADER,
  );
}

/**
 * Bearer auth for every admin route: the token becomes the request's actor, together with
 * the surface a mutating request states (header X-Kici-Surface).
 */
export function bearerAuth(core: Core) {
  return createMiddleware<Env>(async (c, next) => {
    const actor = await core.tokens.authenticate(
      bearerTokenOf(c.req.header('authorization')),
      routingKeyOf(c.req.method, c.req.url),
    );
    const surface = surfaceOf(c.req.method, c.req.header(SURFACE_HEADER));
    c.set('actor', surface ? { ...actor, surface } : actor);
    await next();
  });
}
