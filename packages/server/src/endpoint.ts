import {
  type RouteName,
  type RouteOutput,
  type RouteResponse,
  routes,
  shapeResponse,
  validationError,
} from '@kici/contracts';
import { type Actor, KiciError } from '@kici/core';
import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import { readJsonBody } from './body.js';
import type { Env } from './hono-env.js';

// Defined apart so that body.ts can use it without importing this file back.
export type { Env } from './hono-env.js';

export interface Input<K extends RouteName> {
  readonly params: RouteOutput<K, 'params'>;
  readonly query: RouteOutput<K, 'query'>;
  readonly body: RouteOutput<K, 'body'>;
  readonly actor: Actor;
}

type Handler<K extends RouteName> = (
  input: Input<K>,
) => Promise<v.InferInput<(typeof routes)[K]['response']>>;

/** Schema overrides for one app (the configured secret value limit). */
export type SchemaOverrides = Partial<Record<RouteName, { body?: v.GenericSchema }>>;

export function check(schema: v.GenericSchema | undefined, data: unknown, root: string): unknown {
  if (!schema) return undefined;
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const detail = validationError(result.issues, root);
  throw new KiciError('invalid_input', detail.message, detail.field);
}

/**
 * The body to validate. A request without one (`curl -X POST …/backends/sync`) counts as `{}`
 * when `{}` is a valid body (`allowEmpty`: every field is optional); otherwise it is refused
 * as before ("body: expected a JSON object").
 */
async function bodyOf(c: Context<Env>, allowEmpty: boolean): Promise<unknown> {
  return (await readJsonBody(c, allowEmpty)) ?? {};
}

/**
 * Mounts one route of the contracts' table: validates params, query and body with its
 * schemas, calls the handler (one core service call), and sends only what the response
 * schema names.
 */
export function mount<K extends RouteName>(
  app: Hono<Env>,
  name: K,
  handler: Handler<K>,
  overrides: SchemaOverrides = {},
) {
  const spec = routes[name] as (typeof routes)[RouteName] & {
    params?: v.GenericSchema;
    query?: v.GenericSchema;
    body?: v.GenericSchema;
  };
  const bodySchema = overrides[name]?.body ?? spec.body;
  // Judged once per route: a schema that takes `{}` has no required field.
  const allowEmpty = bodySchema !== undefined && v.safeParse(bodySchema, {}).success;
  app.on(spec.method, spec.path, async (c) => {
    const input = {
      params: check(spec.params, c.req.param(), 'params'),
      query: check(spec.query, c.req.query(), 'query'),
      body: bodySchema ? check(bodySchema, await bodyOf(c, allowEmpty), 'body') : undefined,
      actor: c.get('actor'),
    } as Input<K>;
    const data = await handler(input);
    const status = 'status' in spec && spec.status !== undefined ? spec.status : 200;
    return c.json(shapeResponse(spec.response, data as never) as RouteResponse<K>, status);
  });
}
