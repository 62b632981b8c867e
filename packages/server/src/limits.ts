import type { ServerOptions } from 'node:http';
import type { ServerConfig } from './env.js';

/**
 * Node's own request limits, from the configuration: a request whose headers and body have not
 * all arrived after KICI_REQUEST_TIMEOUT_MS is answered 408 by Node and its connection closed,
 * whoever sends it (auth runs only once the headers are in). Node checks every
 * `connectionsCheckingInterval`; its default, 30 s, would make a short timeout much longer.
 */
export function serverOptions(config: Pick<ServerConfig, 'requestTimeoutMs'>): ServerOptions {
  const timeout = config.requestTimeoutMs;
  return {
    requestTimeout: timeout,
    // Node requires headersTimeout <= requestTimeout.
    headersTimeout: Math.min(timeout, 60_000),
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(timeout / 4))),
  };
}

/** Caps open connections (KICI_MAX_CONNECTIONS): Node closes any beyond it at once. */
export function capConnections(
  server: { maxConnections: number },
  config: Pick<ServerConfig, 'maxConnections'>,
): void {
  server.maxConnections = config.maxConnections;
}
