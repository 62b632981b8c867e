import { ERROR_CODES } from '@kici/contracts';
import type { Core } from '@kici/core';
import { KiciError } from '@kici/core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { APP_CSS, APP_JS } from './assets.js';
import { diagnosticsRoutes } from './diagnostics-routes.js';
import { environmentsRoutes } from './environments-routes.js';
import { MAX_FORM_BYTES, readForm } from './form.js';
import { uiHeaders } from './headers.js';
import type { Env } from './hono-env.js';
import { SignInPage } from './layout.js';
import { ErrorPage, type UiContext } from './page.js';
import { scopeRoutes } from './scope-routes.js';
import { secretsRoutes } from './secrets-routes.js';
import { type Authenticate, dashboardActor, endSession, startSession } from './session.js';

export interface DashboardOptions {
  readonly core: Core;
  /** Served over HTTPS: the session cookie is Secure. */
  readonly https: boolean;
  /** The host's token check for this request (see `Authenticate`). */
  readonly authenticate: Authenticate;
}

/**
 * The web dashboard, for the host to mount at /ui: server-rendered pages over the same core
 * services as the admin API, signed in with a dashboard-surface token kept in an HttpOnly
 * cookie. Each page module registers its own routes.
 */
export function createDashboard({ core, https, authenticate }: DashboardOptions): Hono<Env> {
  const ui = new Hono<Env>();
  const ctx: UiContext = { core, https, authenticate };
  ui.use('*', uiHeaders());
  // Forms are small; a larger body is refused while it streams in, before it is buffered.
  ui.use(
    '*',
    bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: (c) =>
        c.html(<ErrorPage message="body: larger than the 1 MiB a form may post" />, 413),
    }),
  );
  // Pages and assets gzip when the browser asks (a 1,000-scope tree: ~300 KB → ~15 KB);
  // no page carries a secret, so there is nothing for a compression side channel to find.
  ui.use('*', compress());

  ui.get('/assets/app.js', (c) =>
    c.body(APP_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );
  ui.get('/assets/app.css', (c) =>
    c.body(APP_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }),
  );
  ui.get('/', (c) => c.redirect('/ui/secrets', 303));
  ui.get('/sign-in', (c) => c.html(<SignInPage />));
  ui.post('/sign-in', async (c) => {
    let token: string;
    try {
      const form = await readForm(c);
      token = typeof form.token === 'string' ? form.token.trim() : '';
      if (!token) throw new KiciError('invalid_input', 'token: paste a dashboard token', 'token');
      await dashboardActor(authenticate, c, token);
    } catch (error) {
      if (!(error instanceof KiciError)) throw error;
      const status = ERROR_CODES[error.code] as ContentfulStatusCode;
      return c.html(<SignInPage error={error.message} />, status);
    }
    startSession(c, token, https);
    return c.redirect('/ui/secrets', 303);
  });
  ui.post('/sign-out', (c) => {
    endSession(c, https);
    return c.redirect('/ui/sign-in', 303);
  });
  secretsRoutes(ui, ctx);
  scopeRoutes(ui, ctx);
  environmentsRoutes(ui, ctx);
  diagnosticsRoutes(ui, ctx);
  return ui;
}
