import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { ServerConfig } from './env.js';
import { capConnections, serverOptions } from './limits.js';
import { loadTls } from './tls.js';

export interface Listening {
  /** Where a client on this machine reaches the server (a wildcard bind → 127.0.0.1). */
  readonly url: string;
  readonly server: ReturnType<typeof serve>;
  /** Re-reads the TLS files; a bad file keeps the certificate in use. No-op without TLS. */
  reloadTls(): void;
}

/** The address to bind: HOST when set; else loopback only in development, like `vault server -dev`. */
export function bindHost(config: ServerConfig, development: boolean): string {
  return config.host ?? (development ? '127.0.0.1' : '0.0.0.0');
}

const hostPart = (address: string) => (address.includes(':') ? `[${address}]` : address);
const WILDCARD = new Set(['0.0.0.0', '::']);

/** Listens over HTTP or, with KICI_TLS_*_FILE, HTTPS; logs the address actually bound. */
export async function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  config: ServerConfig,
  development: boolean,
  log: (line: string) => void,
): Promise<Listening> {
  const tlsFiles = config.tls;
  const secure = tlsFiles ? loadTls(tlsFiles) : undefined;
  const options = { fetch, port: config.port, hostname: bindHost(config, development) };
  const limits = serverOptions(config);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const listening = secure
      ? serve(
          { ...options, createServer: createHttpsServer, serverOptions: { ...secure, ...limits } },
          () => resolve(listening),
        )
      : serve({ ...options, serverOptions: limits }, () => resolve(listening));
    listening.once('error', reject); // EADDRINUSE, EADDRNOTAVAIL: a start-up error
  });
  capConnections(server as { maxConnections: number }, config);
  const { address, port } = server.address() as AddressInfo;
  const scheme = secure ? 'https' : 'http';
  log(`Listening on ${scheme}://${hostPart(address)}:${port}`);
  const reachable = WILDCARD.has(address) ? '127.0.0.1' : hostPart(address);
  log(
    `Web dashboard: ${scheme}://${reachable}:${port}/ui (sign in with a token made by ` +
      '`kici-admin token create <label> --role admin --surface dashboard`)',
  );

  return {
    url: `${scheme}://${reachable}:${port}`,
    server,
    reloadTls() {
      if (!tlsFiles) {
        log('SIGHUP: no TLS certificate configured, nothing to reload');
        return;
      }
      try {
        (server as HttpsServer).setSecureContext(loadTls(tlsFiles));
        log(`Reloaded the TLS certificate from ${tlsFiles.certFile}`);
      } catch (error) {
        log(`TLS reload failed, keeping the current certificate: ${(error as Error).message}`);
      }
    },
  };
}
