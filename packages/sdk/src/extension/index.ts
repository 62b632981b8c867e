/**
 * `@kici/sdk/extension`: the extension author's side. Receives the orchestrator's signed
 * `ExtensionInvocation` webhooks (Standard Webhooks, verified before any handler runs),
 * gives the handler `context.secret()` (payload secrets, then the environment), a masking
 * logger and a per-installation memo that a `secret.rotated` delivery drops. Adapters for
 * node:http, Hono and any Fetch-API runtime. Imports no `node:` module.
 * @module
 */
import { parseWebhookSecret } from '@kici/crypto/webhooks';
import {
  type FetchHandler,
  fetchAdapter,
  type HonoHandler,
  honoAdapter,
  type NodeHandler,
  nodeAdapter,
} from './adapters.js';
import { createHandler } from './handle.js';
import type { ExtensionOptions } from './types.js';

export type {
  FetchHandler,
  HonoContextLike,
  HonoHandler,
  NodeHandler,
  NodeRequestLike,
  NodeResponseLike,
} from './adapters.js';
export { MalformedPayloadError, ROTATION_EVENT } from './payload.js';
export type {
  Context,
  ExtensionLogger,
  ExtensionOptions,
  Installation,
  KiketEvent,
  KiketInstallation,
  LogLevel,
  LogSink,
  PayloadSecrets,
  RotationEvent,
  SecretMeta,
  SecretScope,
} from './types.js';

/** 1 MiB: an invocation is JSON with a few secrets and an event, far below this. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface Extension {
  /** Request → Response (Deno, Bun, Cloudflare Workers, `export default { fetch }`). */
  readonly fetch: FetchHandler;
  /** `(req, res)` for `http.createServer` or a framework route on the raw request. */
  readonly node: NodeHandler;
  /** `(c) => Response` for a Hono route: `app.post('/kiket/events', extension.hono)`. */
  readonly hono: HonoHandler;
}

/** process.env where there is one (Node, Bun, Deno with --allow-env), else empty. */
function defaultEnv(): Readonly<Record<string, string | undefined>> {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  return env ?? {};
}

function signingSecrets(value: ExtensionOptions['signingSecret']): string[] {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? [...value] : [];
  if (list.length === 0 || list.some((s) => typeof s !== 'string' || s.trim() === '')) {
    throw new TypeError(
      'signingSecret: expected the installation signing secret (whsec_…), or an array of them ' +
        'during a rotation; reveal it with `kiket extensions signing-secret show <extension-id> --project <KEY>`',
    );
  }
  // Checked now, so a typo fails at startup and not on the first delivery.
  for (const secret of list) parseWebhookSecret(secret);
  return list;
}

/**
 * An extension endpoint. Every adapter answers:
 * 200 `{ ok: true, ... }` (the handler's result); 401 `invalid_signature` or
 * `timestamp_out_of_tolerance`; 400 `malformed` (naming the field); 405 for a method other
 * than POST; 413 `body_too_large`; 500 `handler_failed` (the orchestrator retries; the
 * message is masked).
 */
export function createExtension(options: ExtensionOptions): Extension {
  if (typeof options?.handleEvent !== 'function') {
    throw new TypeError('handleEvent: expected a function (payload, context) => result');
  }
  if (options.onRotation !== undefined && typeof options.onRotation !== 'function') {
    throw new TypeError('onRotation: expected a function (event, context) => result');
  }
  const tolerance = options.toleranceSeconds;
  if (tolerance !== undefined && !(Number.isFinite(tolerance) && tolerance >= 0)) {
    throw new TypeError('toleranceSeconds: expected a non-negative number of seconds');
  }
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new TypeError('maxBodyBytes: expected a positive integer');
  }
  const handle = createHandler(
    options,
    signingSecrets(options.signingSecret),
    options.env ?? defaultEnv(),
  );
  const fetch = fetchAdapter(handle, limit);
  return Object.freeze({ fetch, node: nodeAdapter(handle, limit), hono: honoAdapter(fetch) });
}
