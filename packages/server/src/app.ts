import {
  ADMIN_API_PREFIX,
  DEFAULT_MAX_OUTPUT_BYTES,
  EXTENSIONS_API_PREFIX,
  secretValueSchema,
} from '@kici/contracts';
import { type Core, type DispatcherAuth, KiciError } from '@kici/core';
import { createDashboard } from '@kici/dashboard';
import { Hono } from 'hono';
import * as v from 'valibot';
import { bearerAuth, clientAddressOf, routingKeyOf } from './auth.js';
import { limitBody } from './body.js';
import type { Env } from './endpoint.js';
import { errorResponse, handleError } from './errors.js';
import { securityHeaders } from './headers.js';
import { agentRoutesApp } from './routes/agent.js';
import { backendRoutes } from './routes/backends.js';
import { configRoutes } from './routes/config.js';
import { deliveryRoutes } from './routes/deliveries.js';
import { environmentRoutes } from './routes/environments.js';
import { extensionModelRoutes } from './routes/extension-model.js';
import { extensionSecretRoutes } from './routes/extension-secrets.js';
import { healthRoutes } from './routes/health.js';
import { internalRoutesApp } from './routes/internal.js';
import { monitoringRoutesApp, rotationRoutes } from './routes/monitoring.js';
import { openApiRoutes } from './routes/openapi.js';
import { operationRoutes } from './routes/operations.js';
import { policyRoutes } from './routes/policy.js';
import { runRoutes } from './routes/runs.js';
import { secretRoutes } from './routes/secrets.js';
import { tokenRoutes } from './routes/tokens.js';
import { variableRoutes } from './routes/variables.js';

export interface AppOptions {
  readonly core: Core;
  readonly log: (line: string) => void;
  readonly maxSecretBytes: number;
  readonly dispatcher: DispatcherAuth;
  /** KICI_RUN_MAX_OUTPUT_BYTES: sizes the agent routes' body limit (default 65536). */
  readonly maxOutputBytes?: number;
  /** Served over HTTPS: responses add Strict-Transport-Security. */
  readonly https?: boolean;
}

/** The HTTP surface: probes, then the admin API behind bearer auth. Routes stay thin. */
export function createApp({
  core,
  log,
  maxSecretBytes,
  dispatcher,
  maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES,
  https,
}: AppOptions) {
  const app = new Hono<Env>();
  app.use('*', securityHeaders(https === true));
  healthRoutes(app, core);
  openApiRoutes(app);

  const admin = new Hono<Env>();
  // JSON escapes can grow a value up to 6x; anything beyond is refused before parsing.
  // Only under the admin prefix: the dispatcher's routes have their own credential.
  admin.use(`${ADMIN_API_PREFIX}/*`, limitBody(maxSecretBytes * 6 + 4096));
  admin.use(`${ADMIN_API_PREFIX}/*`, bearerAuth(core));
  const overrides = {
    'secrets.set': { body: v.strictObject({ value: secretValueSchema(maxSecretBytes) }) },
  };
  secretRoutes(admin, core, overrides);
  tokenRoutes(admin, core);
  configRoutes(admin, core);
  operationRoutes(admin, core);
  environmentRoutes(admin, core);
  backendRoutes(admin, core);
  policyRoutes(admin, core);
  variableRoutes(admin, core, maxSecretBytes);
  runRoutes(admin, core);
  app.route('', admin.basePath(ADMIN_API_PREFIX));
  // The extension store (the Kiket seed's REST surface): the same admin tokens.
  const extensions = new Hono<Env>();
  // A set carries up to 500 values: the per-value limit checks each; this bounds the whole.
  extensions.use(`${EXTENSIONS_API_PREFIX}/*`, limitBody(maxSecretBytes * 6 * 16 + 1024 * 1024));
  extensions.use(`${EXTENSIONS_API_PREFIX}/*`, bearerAuth(core));
  extensionSecretRoutes(extensions, core, maxSecretBytes);
  extensionModelRoutes(extensions, core);
  deliveryRoutes(extensions, core);
  rotationRoutes(extensions, core);
  app.route('', extensions);
  // The access log export and notifications: the seed's own paths, the same admin tokens.
  app.route('', monitoringRoutesApp(core));
  app.route('', internalRoutesApp(core, dispatcher, maxSecretBytes * 64 + 65536));
  // An output's envelope in base64 is about 4/3 of its value; twice that still reaches core,
  // whose refusal names the limit and its variable. Far larger bodies stop here.
  app.route('', agentRoutesApp(core, Math.ceil((maxOutputBytes * 8) / 3) + 65536));

  // The web dashboard (@kici/dashboard): pages and their assets, served by the orchestrator
  // itself; its session token is checked exactly as a bearer token is.
  const dashboard = createDashboard({
    core,
    https: https === true,
    authenticate: (c, token) =>
      core.tokens.authenticate(token, routingKeyOf(c.req.method, c.req.url), clientAddressOf(c)),
  });
  app.route('/ui', dashboard);

  app.onError(handleError(log));
  // The path as sent (percent-encoded): a decoded one could carry control characters.
  app.notFound((c) =>
    errorResponse(
      c,
      new KiciError('not_found', `No route for ${routingKeyOf(c.req.method, c.req.url)}`),
    ),
  );
  return app;
}
