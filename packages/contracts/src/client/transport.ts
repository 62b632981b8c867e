import * as v from 'valibot';
import { ApiError } from '../errors.js';
import type { RouteSpec } from '../routes.js';
import { validationError } from '../validation-error.js';
import { readAnswer } from './answer.js';
import { type BaseUrl, fillPath, queryString } from './url.js';

export interface TransportConfig {
  readonly base: BaseUrl;
  readonly token: string | undefined;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
}

export interface CallInput {
  readonly params?: unknown;
  readonly query?: unknown;
  readonly body?: unknown;
}

function checkInput(schema: v.GenericSchema | undefined, input: unknown, root: string): unknown {
  if (schema === undefined) return undefined;
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const detail = validationError(result.issues, root);
  throw new ApiError({ status: 0, ...detail });
}

/** Why fetch failed, worded for an operator; never the token, never the full URL. */
function transportError(error: unknown, signal: AbortSignal, origin: string, ms: number) {
  if (signal.aborted || (error instanceof Error && error.name === 'TimeoutError')) {
    return new ApiError({
      status: 0,
      code: 'timeout',
      message: `The admin API at ${origin} did not answer within ${ms} ms`,
      cause: error,
    });
  }
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  const detail = typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? ` (${code})` : '';
  return new ApiError({
    status: 0,
    code: 'unreachable',
    message: `Cannot reach the admin API at ${origin}${detail}`,
    cause: error,
  });
}

/**
 * One request: inputs validated before any I/O, path segments percent-encoded, JSON in and
 * out, the answer validated against the route's response schema.
 */
export async function send(config: TransportConfig, route: RouteSpec, input: CallInput) {
  const params = checkInput(route.params, input.params ?? {}, 'params');
  const query = checkInput(route.query, input.query ?? {}, 'query');
  const body = checkInput(route.body, input.body, 'body');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (route.permission !== null) {
    if (config.token === undefined) {
      throw new ApiError({
        status: 0,
        code: 'invalid_input',
        message: 'token: expected an admin token',
        field: 'token',
      });
    }
    headers.authorization = `Bearer ${config.token}`;
  }
  const init: RequestInit = { method: route.method, headers, redirect: 'manual' };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const path = fillPath(route.path, (params ?? {}) as Record<string, unknown>);
  const search = queryString((query ?? {}) as Record<string, unknown>);
  const url = `${config.base.origin}${config.base.prefix}${path}${search}`;
  const origin = config.base.origin;
  const signal = AbortSignal.timeout(config.timeoutMs);
  init.signal = signal;

  let response: Response;
  let text: string;
  try {
    response = await config.fetch(url, init);
    text = await response.text();
  } catch (error) {
    throw transportError(error, signal, origin, config.timeoutMs);
  }
  return readAnswer(route, config.base.origin, response, text);
}
