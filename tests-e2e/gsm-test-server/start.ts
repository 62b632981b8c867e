/**
 * Starts the GSM-compatible test server as a real process on 127.0.0.1, with a fresh service
 * account (an RSA key pair made here: the server gets the public key, the test the key file),
 * and resolves once it prints its "listening" line. Imported as `@kici/gsm-test-server/start`
 * by the tests of @kici/store-gsm and @kici/tests-e2e.
 */
import type { ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { type ControlCommand, spawnTestServer } from '@kici/vault-test-server/process';

export const GSM_TEST_SERVER_BIN = fileURLToPath(new URL('./main.mjs', import.meta.url));

export interface GsmTestServerOptions {
  /** The project id. Default `kici-test`. */
  readonly project?: string;
  /** Lifetime of issued access tokens, seconds. Default 3600. */
  readonly tokenTtlSeconds?: number;
  readonly delayMs?: number;
}

/** A service-account key file, as Google issues it (its `token_uri` is this server's). */
export interface ServiceAccountKey {
  readonly type: 'service_account';
  readonly project_id: string;
  readonly private_key_id: string;
  readonly private_key: string;
  readonly client_email: string;
  readonly client_id: string;
  readonly token_uri: string;
}

export type { ControlCommand } from '@kici/vault-test-server/process';

export interface GsmTestServer {
  /** The API root, e.g. http://127.0.0.1:PORT (the client adds `/v1/...`). */
  readonly url: string;
  /** The token endpoint, `${url}/token`. */
  readonly tokenUri: string;
  readonly controlUrl: string;
  readonly project: string;
  readonly projectNumber: string;
  /** The key file of the service account the server trusts. */
  readonly credentials: ServiceAccountKey;
  readonly process: ChildProcess;
  control(command: ControlCommand): Promise<Record<string, unknown>>;
  /** Adds a version to a secret (created if new); answers its number. */
  addVersion(
    secret: string,
    data: string,
    options?: { state?: 'ENABLED' | 'DISABLED' | 'DESTROYED'; badCrc?: boolean },
  ): Promise<number>;
  /** Token requests and /v1 requests so far. */
  counts(): Promise<{ tokenRequests: number; requests: number }>;
  /** Every access token issued so far (for leak checks). */
  tokens(): Promise<string[]>;
  output(): string;
  stop(): Promise<void>;
}

export async function startGsmTestServer(
  options: GsmTestServerOptions = {},
): Promise<GsmTestServer> {
  const project = options.project ?? 'kici-test';
  const projectNumber = String(100_000_000_000 + Math.floor(Math.random() * 1e9));
  const email = `kici-${randomBytes(4).toString('hex')}@${project}.iam.gserviceaccount.com`;
  const keyId = randomBytes(20).toString('hex');
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const server = await spawnTestServer(
    'gsm-test-server',
    [
      GSM_TEST_SERVER_BIN,
      ...['--project', project, '--project-number', projectNumber],
      ...['--sa-email', email, '--sa-key-id', keyId],
      ...(options.tokenTtlSeconds === undefined
        ? []
        : ['--token-ttl', String(options.tokenTtlSeconds)]),
      ...(options.delayMs ? ['--delay-ms', String(options.delayMs)] : []),
    ],
    { GSM_TEST_SA_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
  );
  const { url, control } = server;

  return {
    tokenUri: `${url}/token`,
    project,
    projectNumber,
    credentials: {
      type: 'service_account',
      project_id: project,
      private_key_id: keyId,
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: email,
      client_id: String(Math.floor(Math.random() * 1e15)),
      token_uri: `${url}/token`,
    },
    ...server,
    async addVersion(secret, data, more = {}) {
      return (await control({ op: 'addVersion', secret, data, ...more })).version as number;
    },
    async counts() {
      const state = await control({ op: 'state' });
      return { tokenRequests: state.tokenRequests as number, requests: state.requests as number };
    },
    async tokens() {
      return (await control({ op: 'tokens' })).tokens as string[];
    },
  };
}
