import { INTERNAL_API_PREFIX, internalRoutes, shapeResponse } from '@kici/contracts';
import { type Core, type DispatcherAuth, KiciError } from '@kici/core';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type * as v from 'valibot';
import { bearerTokenOf, clientAddressOf, routingKeyOf } from '../auth.js';
import { limitBody, readJsonBody } from '../body.js';
import { check, type Env } from '../endpoint.js';

type Name = keyof typeof internalRoutes;
type Spec<K extends Name> = (typeof internalRoutes)[K];
type Part<K extends Name, P extends string> =
  Spec<K> extends Record<P, infer S extends v.GenericSchema> ? v.InferOutput<S> : undefined;

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The dispatcher's endpoints: job resolution, run keys, test runs. */
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
    const spec = internalRoutes[name] as Spec<Name> & { params?: v.GenericSchema };
    app.on(spec.method, spec.path, async (c) => {
      const params = check(spec.params, c.req.param(), 'params') as Part<K, 'params'>;
      const body = check(spec.body, await readJsonBody(c), 'body') as Part<K, 'body'>;
      return c.json(shapeResponse(spec.response, (await handler({ params, body })) as never));
    });
  }

  mount('internal.resolve', async ({ body }) => {
    const result = await core.resolution.resolve(body);
    if (!result.allowed) throw new KiciError('forbidden', result.reason);
    return result;
  });
  mount('internal.runKey', async ({ params, body }) => {
    const key = await core.testRuns.runKey(body.orgId, params.runId);
    return { ...key, publicKey: base64(key.publicKey), expiresAt: key.expiresAt.toISOString() };
  });
  mount('internal.resolveTestRun', async ({ body }) => {
    const local = body.local
      ? Object.fromEntries(
          Object.entries(body.local).map(([context, text]) => [
            context,
            new Uint8Array(Buffer.from(text as string, 'base64')),
          ]),
        )
      : undefined;
    const result = await core.testRuns.resolve({ ...body, local });
    if (!result.allowed) throw new KiciError('forbidden', result.reason);
    return result;
  });
  return app;
}
