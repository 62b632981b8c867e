import { AGENT_API_PREFIX, agentRoutes, shapeResponse } from '@kici/contracts';
import type { Core } from '@kici/core';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { InferOutput as Output } from 'valibot';
import { bearerTokenOf, clientAddressOf, routingKeyOf } from '../auth.js';
import { limitBody, readJsonBody } from '../body.js';
import { check, type Env } from '../endpoint.js';
import { fromBase64, toWire } from '../wire.js';

/**
 * An agent's endpoints: its bearer is the job credential its dispatch carried, which speaks
 * for one job of one run (core answers 403 on another job's or run's path). The admin and
 * dispatcher routes do not know that credential: there it is a 401.
 */
export function agentRoutesApp(core: Core, maxBodyBytes: number) {
  const app = new Hono<Env>();
  app.use(`${AGENT_API_PREFIX}/*`, limitBody(maxBodyBytes));
  app.use(
    `${AGENT_API_PREFIX}/*`,
    createMiddleware<Env>(async (c, next) => {
      c.set(
        'job',
        await core.runs.authenticateJob(
          bearerTokenOf(c.req.header('authorization')),
          routingKeyOf(c.req.method, c.req.url),
          clientAddressOf(c),
        ),
      );
      await next();
    }),
  );

  const spec = agentRoutes['agent.setOutput'];
  app.on(spec.method, spec.path, async (c) => {
    const params = check(spec.params, c.req.param(), 'params') as Output<typeof spec.params>;
    const body = check(spec.body, await readJsonBody(c), 'body') as Output<typeof spec.body>;
    const stored = await core.runs.setOutput(c.get('job'), {
      ...params,
      envelope: fromBase64(body.envelope),
    });
    return c.json(shapeResponse(spec.response, toWire(stored)));
  });
  return app;
}
