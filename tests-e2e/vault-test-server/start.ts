/**
 * Starts the Vault-compatible KV v2 test server as a real process on 127.0.0.1 and resolves
 * once it prints its "listening" line. Imported as `@kici/vault-test-server/start` by the tests
 * of @kici/tests-e2e, @kici/store-vault, @kici/server and @kici/cli.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { type ControlCommand, spawnTestServer } from './process.js';

export const VAULT_TEST_SERVER_BIN = fileURLToPath(new URL('./main.mjs', import.meta.url));

export interface VaultTestServerOptions {
  /** Default: a random `hvs.` token. */
  readonly rootToken?: string;
  /** AppRole credentials accepted by POST /v1/auth/approle/login. Default: random. */
  readonly roleId?: string;
  readonly secretId?: string;
  /** TTL of AppRole-issued tokens, seconds (0 = never expire). Default 3600. */
  readonly tokenTtlSeconds?: number;
  /** Namespaces to create at start (each gets the default mounts). */
  readonly namespaces?: readonly string[];
  /** KV v2 mounts of every namespace. Default: `secret`. */
  readonly mounts?: readonly string[];
  readonly sealed?: boolean;
  readonly delayMs?: number;
  /** Serve https with this certificate and key (PEM files). */
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
  /** Extra flags passed as they are. */
  readonly args?: readonly string[];
}

export type { ControlCommand } from './process.js';

export interface VaultTestServer {
  /** The Vault address, without `/v1` (http or https). */
  readonly url: string;
  /** The control listener (plain http); stays up while the main port refuses connections. */
  readonly controlUrl: string;
  readonly rootToken: string;
  readonly roleId: string;
  readonly secretId: string;
  readonly process: ChildProcess;
  /** POSTs a command to the control API; rejects with the server's error. */
  control(command: ControlCommand): Promise<Record<string, unknown>>;
  /** Seeds one KV v2 secret through the control API. */
  seed(
    path: string,
    data: Record<string, unknown>,
    at?: { namespace?: string; mount?: string },
  ): Promise<void>;
  /** Everything the process printed (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

const random = (prefix: string) => `${prefix}${randomBytes(18).toString('base64url')}`;

export async function startVaultTestServer(
  options: VaultTestServerOptions = {},
): Promise<VaultTestServer> {
  const rootToken = options.rootToken ?? random('hvs.');
  const roleId = options.roleId ?? random('role-');
  const secretId = options.secretId ?? random('secret-');
  const args = [
    VAULT_TEST_SERVER_BIN,
    ...['--root-token', rootToken, '--role-id', roleId, '--secret-id', secretId],
    ...(options.tokenTtlSeconds === undefined
      ? []
      : ['--token-ttl', String(options.tokenTtlSeconds)]),
    ...(options.namespaces ? ['--namespaces', options.namespaces.join(',')] : []),
    ...(options.mounts ? ['--mounts', options.mounts.join(',')] : []),
    ...(options.sealed ? ['--sealed', 'true'] : []),
    ...(options.delayMs ? ['--delay-ms', String(options.delayMs)] : []),
    ...(options.tls ? ['--tls-cert', options.tls.certFile, '--tls-key', options.tls.keyFile] : []),
    ...(options.args ?? []),
  ];
  const server = await spawnTestServer('vault-test-server', args);

  return {
    ...server,
    rootToken,
    roleId,
    secretId,
    async seed(path, data, at = {}) {
      await server.control({ op: 'write', path, data, ...at });
    },
  };
}
