import { createMiddleware } from 'hono/factory';
import type { Env } from './hono-env.js';

/**
 * Every asset is served by kici-server itself (no CDN), so the policy allows `'self'` only:
 * no inline script or style, no framing, forms post back to the orchestrator alone.
 */
export const UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** The dashboard's headers, on every /ui response (pages, assets, errors). */
export function uiHeaders() {
  return createMiddleware<Env>(async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('Content-Security-Policy', UI_CSP);
    headers.set('X-Frame-Options', 'DENY');
    // same-origin, not no-referrer: with no-referrer a form post's Origin is "null".
    headers.set('Referrer-Policy', 'same-origin');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    headers.set('Cross-Origin-Resource-Policy', 'same-origin');
    headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    // Pages show what a session may see: never cached. Assets may be, briefly.
    if (!c.req.path.startsWith('/ui/assets/')) headers.set('Cache-Control', 'no-store');
  });
}
