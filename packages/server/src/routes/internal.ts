import { INTERNAL_API_PREFIX, internalRoutes, shapeResponse } from '@kici/contracts';
import { type Core, DISPATCHER_ACTOR, type DispatcherAuth, KiciError } from '@kici/core';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type * as v from 'valibot';
import { bearerTokenOf, clientAddressOf, routingKeyOf } from '../auth.js';
import { limitBody, readJsonBody } from '../body.js';
import { check, type Env } from '../endpoint.js';
import { fromBase64, toWire } from '../wire.js';
import { invocationInfo } from './delivery-views.js';

type Name = keyof typeof internalRoutes;
type Spec<K extends Name> = (typeof internalRoutes)[K];
type Part<K extends Name, P extends string> =
  Spec<K> extends Record<P, infer S extends v.GenericSchema> ? v.InferOutput<S> : undefined;

/**
 * The dispatcher's endpoints: runs and their jobs, each job's sealed dispatch, run keys,
 * test runs. No answer carries a secret value: bundles are sealed to the agent's key.
 */
export function internalRoutesApp(core: Core, dispatcher: DispatcherAuth, maxBodyBytes: number) {
  const app = new Hono<Env>();
  app.use(`${INTERNAL_API_PREFIX}/*`, limitBody(maxBodyBytes));
  app.use(
    `${INTERNAL_API_PREFIX}/*`,
    createMiddleware<Env>(async (c, next) => {
      await dispatcher.authenticate(
        bearerTokenOf(c.req.header('authorization')),
        routingKeyOf(c.req.method, c.req.url),
        clientAddressOf(c),
      );
      await next();
    }),
  );

  function mount<K extends Name>(
    name: K,
    handler: (input: { params: Part<K, 'params'>; body: Part<K, 'body'> }) => Promise<unknown>,
  ) {
    const spec = internalRoutes[name] as Spec<Name> & {
      params?: v.GenericSchema;
      body?: v.GenericSchema;
    };
    app.on(spec.method, spec.path, async (c) => {
      const params = check(spec.params, c.req.param(), 'params') as Part<K, 'params'>;
      // A route without a body (complete) ignores whatever was sent.
      const body = (
        spec.body ? check(spec.body, await readJsonBody(c), 'body') : undefined
      ) as Part<K, 'body'>;
      const data = shapeResponse(spec.response, (await handler({ params, body })) as never);
      return c.json(data, 'status' in spec && spec.status !== undefined ? spec.status : 200);
    });
  }

  mount('internal.createRun', async ({ body }) => toWire(await core.runs.create(body)));
  // A failed gate throws forbidden (its reason), audited by core like today's resolution.
  mount('internal.resolve', async ({ body }) =>
    toWire(await core.runs.dispatch({ ...body, agentPublicKey: fromBase64(body.agentPublicKey) })),
  );
  mount('internal.finishJob', async ({ params, body }) =>
    toWire(await core.runs.finishJob(params.runId, params.jobId, body.status)),
  );
  mount('internal.completeRun', async ({ params }) =>
    toWire(await core.runs.complete(params.runId)),
  );
  mount('internal.runKey', async ({ params, body }) =>
    toWire(await core.testRuns.runKey(body.orgId, params.runId)),
  );
  mount('internal.resolveTestRun', async ({ body }) => {
    const local = body.local
      ? Object.fromEntries(
          Object.entries(body.local).map(([context, text]) => [context, fromBase64(text)]),
        )
      : undefined;
    const result = await core.testRuns.resolve({
      ...body,
      local,
      agentPublicKey: fromBase64(body.agentPublicKey),
    });
    if (!result.allowed) throw new KiciError('forbidden', result.reason);
    return toWire(result);
  });
  // An event for an extension: queued (202), delivered by the worker with its secrets.
  mount('internal.invoke', async ({ body }) =>
    invocationInfo(
      await core.deliveries.invoke(
        DISPATCHER_ACTOR,
        { orgId: body.org_id, projectKey: body.project_key, extensionId: body.extension_id },
        { type: body.event.type, payload: body.event.payload ?? {} },
      ),
    ),
  );
  return app;
}
