import { routes, shapeResponse } from '@kici/contracts';
import type { Core } from '@kici/core';
import type { Hono } from 'hono';
import type { Env } from '../endpoint.js';

/** Probes, without a token: /healthz (the process is up), /readyz (database and migrations). */
export function healthRoutes(app: Hono<Env>, core: Core) {
  app.get(routes.healthz.path, (c) =>
    c.json(shapeResponse(routes.healthz.response, { status: 'ok' })),
  );
  app.get(routes.readyz.path, async (c) => {
    const checks = await core.store.health();
    const ready = checks.database && checks.migrations;
    const body = shapeResponse(routes.readyz.response, {
      status: ready ? 'ready' : 'not_ready',
      checks,
    });
    return c.json(body, ready ? 200 : 503);
  });
}
