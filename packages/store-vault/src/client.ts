/**
 * hashi-vault-js 0.5.1, wrapped in the few typed calls this backend makes. The library is
 * used as it ships (default export only: the `.d.ts` also names `{ Vault, config }`, which the
 * runtime lacks) and builds every request and parses every answer; the axios instance it
 * makes its calls on is replaced after construction by our transport (transport.ts): keep-alive
 * agents of our own (https with the configured CA as PEM text: the library only reads CA
 * files, and only logs a missing one), destroyed by `close()`; an overall deadline per call;
 * no redirects and no proxy.
 * Only read methods are called; never `updateKVSecret`, which prints failed responses
 * (token included) with console.log.
 */
import http from 'node:http';
import https from 'node:https';
import Vault from 'hashi-vault-js';
import type { ResolvedVaultConfig } from './config.js';
import { createTransport } from './transport.js';

/** The parts of the library's axios instance that we read before replacing it. */
interface AxiosInstanceLike {
  (options: unknown): Promise<unknown>;
  defaults: { headers?: Record<string, unknown> & { common?: Record<string, unknown> } };
}

/** The string headers axios would have sent on every call (common ones, then the instance's). */
function headersOf(instance: AxiosInstanceLike): Record<string, string> {
  const out: Record<string, string> = {};
  const { common = {}, ...own } = instance.defaults.headers ?? {};
  for (const [name, value] of [...Object.entries(common), ...Object.entries(own)]) {
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

export interface VaultCalls {
  /** GET /v1/sys/health (standbys count as healthy). */
  health(): Promise<unknown>;
  /** POST /v1/auth/approle/login: the `auth` block. */
  login(roleId: string, secretId: string): Promise<unknown>;
  /** GET /v1/auth/token/lookup-self: the `data` block (it holds the token: never log it). */
  lookupSelf(token: string): Promise<unknown>;
  /** GET /v1/{mount}/data/{name}: `{ data, metadata }`. `name` must be checked (paths.ts). */
  read(token: string, name: string): Promise<unknown>;
  /** LIST /v1/{mount}/metadata/{folder}: `{ keys }`. `folder` must be checked (paths.ts). */
  list(token: string, folder: string): Promise<unknown>;
  close(): void;
}

const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const APPROLE_MOUNT = 'auth/approle';

export function createVaultCalls(config: ResolvedVaultConfig): VaultCalls {
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({
    keepAlive: true,
    ...(config.caCert ? { ca: config.caCert } : {}),
  });
  // No `rootPath` (it would replace the mount of every method family) and no `https`/`cacert`
  // (file paths read at construction): the agents are ours.
  const client = new Vault({
    baseUrl: `${config.url}/v1`,
    timeout: config.timeoutMs,
    namespace: config.namespace ?? '',
    proxy: false,
  });
  const instance = client.instance as AxiosInstanceLike | undefined;
  if (typeof instance !== 'function' || !instance.defaults) {
    throw new Error('hashi-vault-js: the client could not be constructed');
  }
  client.instance = createTransport({
    baseUrl: `${config.url}/v1`,
    headers: headersOf(instance),
    timeoutMs: config.timeoutMs,
    maxResponseBytes: MAX_RESPONSE_BYTES,
    agents: { http: httpAgent, https: httpsAgent },
  });
  const mount = config.mountPath;
  return {
    health: async () => client.healthCheck({ standbyok: true, perfstandbyok: true }),
    login: async (roleId, secretId) => client.loginWithAppRole(roleId, secretId, APPROLE_MOUNT),
    lookupSelf: async (token) => client.lookupSelfToken(token),
    read: async (token, name) => client.readKVSecret(token, name, undefined, mount),
    list: async (token, folder) => client.listKVSecrets(token, folder, mount),
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
