import { OPENAPI_PATH, openApiDocument } from '@kici/contracts/openapi';
import type { Hono } from 'hono';
import type { Env } from '../endpoint.js';

/**
 * GET /api/v1/openapi.json: the OpenAPI 3.1 description, without a token like the probes.
 * It describes routes, not data: the same facts @kici/contracts publishes, and tools (the
 * docs site, code generators, API explorers) read it before they hold a token. Built on the
 * first request; its server is the origin the request reached.
 */
export function openApiRoutes(app: Hono<Env>) {
  let document: Record<string, unknown> | undefined;
  app.get(OPENAPI_PATH, (c) => {
    document ??= openApiDocument();
    return c.json({ ...document, servers: [{ url: new URL(c.req.url).origin }] });
  });
}
