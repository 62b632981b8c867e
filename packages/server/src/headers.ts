import { ADMIN_API_PREFIX, AGENT_API_PREFIX, INTERNAL_API_PREFIX } from '@kici/contracts';
import { createMiddleware } from 'hono/factory';
import type { Env } from './endpoint.js';

/** One year, as browsers' preload lists ask. */
export const HSTS = 'max-age=31536000';

/**
 * Headers on every response, error answers included: `nosniff` always; `no-store` on the
 * admin, dispatcher and agent APIs, whose answers carry values or credentials (reveal, a new
 * token, a job's credential) and must stay out of every cache; HSTS when the server speaks HTTPS.
 */
export function securityHeaders(https: boolean) {
  return createMiddleware<Env>(async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    const path = c.req.path;
    const prefixes = [ADMIN_API_PREFIX, INTERNAL_API_PREFIX, AGENT_API_PREFIX];
    if (prefixes.some((prefix) => path.startsWith(`${prefix}/`)))
      c.res.headers.set('Cache-Control', 'no-store');
    if (https) c.res.headers.set('Strict-Transport-Security', HSTS);
  });
}
