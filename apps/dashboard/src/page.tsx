import { ERROR_CODES, OrgIdSchema } from '@kici/contracts';
import { type Actor, type Core, KiciError } from '@kici/core';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { checked } from './form.js';
import type { Env } from './hono-env.js';
import { Layout } from './layout.js';
import {
  type Authenticate,
  dashboardActor,
  endSession,
  sameOrigin,
  sessionToken,
} from './session.js';

/** The org a page opens on when the address names none. */
export const DEFAULT_ORG = 'default';

/**
 * What every page module is given: the core services, the host's token check and whether
 * cookies must be Secure.
 */
export interface UiContext {
  readonly core: Core;
  readonly https: boolean;
  readonly authenticate: Authenticate;
}

export type PageHandler = (c: Context<Env>, actor: Actor) => Response | Promise<Response>;

const status = (error: KiciError) => ERROR_CODES[error.code] as ContentfulStatusCode;

export function ErrorPage({ message }: { message: string }) {
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
 * A page that needs a session: the cookie's token is authenticated on every request as the
 * API's bearer token is; without one, the sign-in page. A KiciError from the page renders as
 * an error page with the API's status (4xx for bad input), never a 500.
 */
export const withSession =
  ({ authenticate, https }: UiContext, page: PageHandler) =>
  async (c: Context<Env>) => {
    const token = sessionToken(c);
    if (!token) return c.redirect('/ui/sign-in', 303);
    let actor: Actor;
    try {
      actor = await dashboardActor(authenticate, c, token);
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

/** The `org` query parameter, validated as the API validates an org id. */
export function orgOf(c: Context<Env>): string {
  return checked(OrgIdSchema, c.req.query('org') ?? DEFAULT_ORG, 'orgId');
}

/** A page address inside the dashboard that keeps the current org. */
export const pageUrl = (path: string, params: Record<string, string>) =>
  `/ui${path}?${new URLSearchParams(params)}`;
