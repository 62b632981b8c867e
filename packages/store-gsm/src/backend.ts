/**
 * `createGsmBackend`: the SecretBackend port over Google Secret Manager's v1 REST API,
 * read-only. A scope path is a secret (`db-password`, its latest version), and reading it
 * answers `{ "db-password": <payload> }`; listing answers the project's secret ids.
 */
import { createPrivateKey } from 'node:crypto';
import type { BackendFailure, SecretBackend } from '@kici/core';
import { type GsmBackendConfig, validateGsmConfig } from './config.js';
import { apiError, backendError, type ErrorContext, networkError } from './errors.js';
import { createHttp, NetworkFailure } from './http.js';
import { listSecrets } from './list.js';
import { parseSecretPath } from './paths.js';
import { decodePayload } from './payload.js';
import { createTokenSource } from './token.js';

export interface GsmBackendOptions {
  /** Where warnings go (skipped names); never given a token. Default: console. */
  readonly logger?: { warn(message: string): void };
  /** The clock of the token cache (tests). */
  readonly now?: () => number;
}

export type GsmBackend = SecretBackend;

/** A path as a message may show it: printable, cut short. */
const shown = (path: string) => JSON.stringify(path.slice(0, 300));

/**
 * @throws {KiciError} `invalid_input` when the configuration is invalid (see validateGsmConfig).
 */
export function createGsmBackend(
  input: GsmBackendConfig,
  options: GsmBackendOptions = {},
): GsmBackend {
  const config = validateGsmConfig(input);
  const logger = options.logger ?? console;
  const http = createHttp({ timeoutMs: config.timeoutMs, caCert: config.caCert });
  const host = new URL(config.endpoint).host;
  const context: ErrorContext = {
    backend: config.name,
    timeoutMs: config.timeoutMs,
    secrets: () => tokens.secrets(),
  };
  const tokens = createTokenSource({
    http,
    context,
    tokenUri: config.tokenUri,
    signer: {
      clientEmail: config.credentials.client_email,
      keyId: config.credentials.private_key_id,
      privateKey: createPrivateKey(config.credentials.private_key),
    },
    ...(options.now ? { now: options.now } : {}),
  });
  const fail = (reason: BackendFailure, message: string) => backendError(context, reason, message);
  const projectPath = `${config.endpoint}/v1/projects/${encodeURIComponent(config.project)}`;
  let closed = false;

  /** GET `projectPath + path` with the token; a refused token is replaced once. */
  async function get(doing: string, path: string, query: Record<string, string> = {}) {
    if (closed) throw fail('unreachable', `closed; cannot go on ${doing}`);
    const url = new URL(`${projectPath}${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    for (let attempt = 0; ; attempt++) {
      const token = await tokens.token();
      let answer: Awaited<ReturnType<typeof http.send>>;
      try {
        answer = await http.send({
          method: 'GET',
          url,
          headers: { Authorization: `Bearer ${token}` },
        });
      } catch (error) {
        const code = error instanceof NetworkFailure ? error.code : 'NETWORK_ERROR';
        throw networkError(context, code, host, doing);
      }
      if (answer.status >= 200 && answer.status < 300) return answer.json;
      // Revoked or expired early: one fresh token, then the refusal stands.
      if (answer.status === 401 && attempt === 0) {
        tokens.drop(token);
        continue;
      }
      throw apiError(context, answer, doing);
    }
  }

  return {
    name: config.name,
    type: 'gsm',

    async readScope(path) {
      const ref = parseSecretPath(path, config.project);
      if ('problem' in ref)
        throw fail('invalid_path', `invalid path ${shown(path)}: ${ref.problem}`);
      const doing = `reading ${shown(path)} (secret ${ref.secretId}, version ${ref.version})`;
      const body = await get(doing, `/secrets/${ref.secretId}/versions/${ref.version}:access`);
      const decoded = decodePayload(body);
      if ('problem' in decoded) throw fail('bad_response', `${decoded.problem} while ${doing}`);
      return { [ref.secretId]: decoded.text };
    },

    async listPaths() {
      const { ids, skipped } = await listSecrets((pageToken) =>
        get('listing the secrets', '/secrets', {
          pageSize: '500',
          ...(pageToken ? { pageToken } : {}),
        }),
      ).catch((error: unknown) => {
        if (error instanceof Error && error.name === 'ListShapeError') {
          throw fail('bad_response', `${error.message} while listing the secrets`);
        }
        throw error;
      });
      if (skipped > 0) {
        logger.warn(
          `GSM backend "${config.name}": skipped ${skipped} listed names that are not secret ids`,
        );
      }
      return ids;
    },

    async check() {
      await tokens.token();
      const started = performance.now();
      await get('checking access to the secrets list', '/secrets', { pageSize: '1' });
      return { latencyMs: Math.round((performance.now() - started) * 100) / 100 };
    },

    async close() {
      closed = true;
      http.close();
    },
  };
}
