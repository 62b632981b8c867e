import { ERROR_CODES, OrgIdSchema } from '@kici/contracts';
import { type Actor, type Core, KiciError, scopeTree } from '@kici/core';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import type { Env } from '../endpoint.js';
import { APP_CSS, APP_JS } from './assets.js';
import { uiHeaders } from './headers.js';
import { Layout, SignInPage } from './layout.js';
import { SecretsPage } from './secrets-page.js';
import { dashboardActor, endSession, sameOrigin, sessionToken, startSession } from './session.js';

/** The org a page opens on when the address names none. */
export const DEFAULT_ORG = 'default';

const status = (error: KiciError) => ERROR_CODES[error.code] as ContentfulStatusCode;

function ErrorPage({ message }: { message: string }) {
  return (
    <Layout title="Error">
      <h1>Something went wrong</h1>
      <p class="error" role="alert">
        {message}
      </p>
      <p>
        <a href="/ui/secrets">Back to the secrets page</a>
      </p>
    </Layout>
  );
}

/**
 * The web dashboard under /ui: server-rendered pages over the same core services as the admin
 * API, signed in with a dashboard-surface token kept in an HttpOnly cookie.
 */
export function uiRoutes(core: Core, https: boolean) {
  const ui = new Hono<Env>();
  ui.use('*', uiHeaders());

  // A page that needs a session: the cookie's token, authenticated on every request as the
  // API's bearer token is; without one, the sign-in page.
  const withSession =
    (page: (c: Context<Env>, actor: Actor) => Response | Promise<Response>) =>
    async (c: Context<Env>) => {
      const token = sessionToken(c);
      if (!token) return c.redirect('/ui/sign-in', 303);
      let actor: Actor;
      try {
        actor = await dashboardActor(core, c, token);
      } catch (error) {
        if (!(error instanceof KiciError)) throw error;
        endSession(c, https); // revoked or expired: sign in again
        return c.redirect('/ui/sign-in', 303);
      }
      if (c.req.method !== 'GET' && !sameOrigin(c))
        return c.html(<ErrorPage message="origin: cross-site request refused" />, 403);
      try {
        return await page(c, actor);
      } catch (error) {
        if (!(error instanceof KiciError)) throw error;
        return c.html(<ErrorPage message={error.message} />, status(error));
      }
    };

  const orgOf = (c: Context<Env>) => {
    const parsed = v.safeParse(OrgIdSchema, c.req.query('org') ?? DEFAULT_ORG);
    if (!parsed.success) throw new KiciError('invalid_input', parsed.issues[0].message, 'orgId');
    return parsed.output;
  };

  ui.get('/assets/app.js', (c) =>
    c.body(APP_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );
  ui.get('/assets/app.css', (c) =>
    c.body(APP_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }),
  );
  ui.get('/', (c) => c.redirect('/ui/secrets', 303));
  ui.get('/sign-in', (c) => c.html(<SignInPage />));
  ui.post('/sign-in', async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    if (!token) return c.html(<SignInPage error="token: paste a dashboard token" />, 400);
    try {
      await dashboardActor(core, c, token);
    } catch (error) {
      if (!(error instanceof KiciError)) throw error;
      return c.html(<SignInPage error={error.message} />, status(error));
    }
    startSession(c, token, https);
    return c.redirect('/ui/secrets', 303);
  });
  ui.post('/sign-out', (c) => {
    endSession(c, https);
    return c.redirect('/ui/sign-in', 303);
  });
  ui.get(
    '/secrets',
    withSession(async (c, actor) => {
      const orgId = orgOf(c);
      const tree = await scopeTree(core, actor, orgId);
      const synced = c.req.query('synced');
      const notice = synced === undefined ? undefined : `Synced ${synced} backend(s).`;
      return c.html(<SecretsPage orgId={orgId} tree={tree} notice={notice} />);
    }),
  );
  ui.post(
    '/secrets/sync',
    withSession(async (c, actor) => {
      const orgId = orgOf(c);
      // Every registered backend, now; the page then shows the tree as the sync left it.
      const results = await core.backends.sync(actor);
      const query = new URLSearchParams({ org: orgId, synced: String(results.length) });
      return c.redirect(`/ui/secrets?${query}`, 303);
    }),
  );
  return ui;
}
