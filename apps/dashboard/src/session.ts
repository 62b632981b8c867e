import { type Actor, KiciError, requestSource } from '@kici/core';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Env } from './hono-env.js';

export const SESSION_COOKIE = 'kici_session';
const COOKIE_PATH = '/ui';
/** A browser session lasts a working day; the token itself may live longer. */
const SESSION_SECONDS = 12 * 60 * 60;

/**
 * How the host authenticates a presented token for this request, exactly as it does an API
 * bearer token (kici-server: core's `tokens.authenticate` with the routing key and client
 * address); a bad token throws its KiciError.
 */
export type Authenticate = (c: Context, token: string | undefined) => Promise<Actor>;

/**
 * Authenticates a presented token as the host does for the API, then keeps only dashboard
 * tokens: the page is the policy's `dashboard` surface, so a CLI token cannot sign in here.
 */
export async function dashboardActor(
  authenticate: Authenticate,
  c: Context<Env>,
  token: string | undefined,
): Promise<Actor> {
  const actor = await authenticate(c, token);
  if (actor.surface !== 'dashboard')
    throw new KiciError(
      'forbidden',
      'token: this token is for the CLI; issue one with surface "dashboard" to sign in here',
    );
  return { ...actor, source: requestSource(actor.surface, undefined) };
}

/** The session cookie: HttpOnly, SameSite=Strict, Secure when served over TLS. */
export function startSession(c: Context<Env>, token: string, https: boolean) {
  setCookie(c, SESSION_COOKIE, token, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'Strict',
    secure: https,
    maxAge: SESSION_SECONDS,
  });
}

export function endSession(c: Context<Env>, https: boolean) {
  deleteCookie(c, SESSION_COOKIE, { path: COOKIE_PATH, secure: https });
}

export const sessionToken = (c: Context<Env>) => getCookie(c, SESSION_COOKIE);

/**
 * A state-changing request must come from the dashboard's own pages: SameSite=Strict keeps
 * other sites' cookies away, and an Origin header, when sent, must be this server's.
 */
export function sameOrigin(c: Context<Env>): boolean {
  const origin = c.req.header('origin');
  return origin === undefined || origin === new URL(c.req.url).origin;
}
