import type { IncomingMessage } from 'node:http';
import { SOURCE_HEADER } from '@kici/contracts';
import { type Core, requestSource } from '@kici/core';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Env } from './endpoint.js';

const BEARER = /^Bearer +([^\s]+) *$/i;

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export const bearerTokenOf = (header: string | undefined): string | undefined =>
  BEARER.exec(header ?? '')?.[1];

/**
 * The request as the audit log records it: method and path as sent (still percent-encoded,
 * so no control character reaches the log), cut to 256 characters.
 */
export const routingKeyOf = (method: string, url: string) =>
  `${method} ${new URL(url).pathname}`.slice(0, 256);

/**
 * The client's address: the socket's peer, never X-Forwarded-For (any client can send that).
 * An IPv4 address that arrived over IPv6 (`::ffff:10.0.0.1`) is written as IPv4.
 */
export function clientAddressOf(c: Context<Env>): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const address = incoming?.socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * Bearer auth for every admin route: the token becomes the request's actor, surface
 * included. The surface is the token's (issued for `cli` or `dashboard`); an
 * `X-Kici-Surface` header, which older clients send, is ignored, so that no request can move
 * itself to another surface. The access log's source is `ui` for the dashboard's token, `cli`
 * when the CLI's client says so (`x-kici-source: cli`), else `api`: a label for the log, never
 * a permission.
 */
export function bearerAuth(core: Core) {
  return createMiddleware<Env>(async (c, next) => {
    const actor = await core.tokens.authenticate(
      bearerTokenOf(c.req.header('authorization')),
      routingKeyOf(c.req.method, c.req.url),
      clientAddressOf(c),
    );
    c.set('actor', { ...actor, source: requestSource(actor.surface, c.req.header(SOURCE_HEADER)) });
    await next();
  });
}
