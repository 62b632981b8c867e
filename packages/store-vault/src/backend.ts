/**
 * `createVaultBackend`: the SecretBackend port over Vault / OpenBao KV v2, read-only.
 * Scope `aws/prod` is the KV v2 secret `{basePath}/aws/prod` in mount `{mountPath}`.
 */
import type { BackendError, SecretBackend } from '@kici/core';
import { createVaultCalls } from './client.js';
import { type VaultBackendConfig, validateVaultConfig } from './config.js';
import { backendError, type ErrorContext, mapFailure, readFailure } from './errors.js';
import { listTree } from './list.js';
import { checkPath, joinPath } from './paths.js';
import { createSession } from './session.js';

export interface VaultBackendOptions {
  /** Where warnings go (re-logins, skipped names); never given a token. Default: console. */
  readonly logger?: { warn(message: string): void };
}

export type VaultBackend = SecretBackend & {
  /** Always throws BackendError `read_only`: KiCI never writes to an external backend. */
  write(...args: unknown[]): never;
  /** Always throws BackendError `read_only`. */
  delete(...args: unknown[]): never;
};

/** Renders any KV value as text: strings as they are, anything else as JSON. */
const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * @throws {KiciError} `invalid_input` when the configuration is invalid (see validateVaultConfig).
 */
export function createVaultBackend(
  input: VaultBackendConfig,
  options: VaultBackendOptions = {},
): VaultBackend {
  const config = validateVaultConfig(input);
  const logger = options.logger ?? console;
  const calls = createVaultCalls(config);
  const context: ErrorContext = {
    backend: config.name,
    host: new URL(config.url).host,
    mountPath: config.mountPath,
    namespace: config.namespace,
    timeoutMs: config.timeoutMs,
    secrets: () => session.secrets(),
  };
  const session = createSession(config, calls, context);
  const fail = (reason: Parameters<typeof backendError>[1], message: string) =>
    backendError(context, reason, message);
  let closed = false;

  /**
   * Runs `call` with the session's token. A 403 with an AppRole token: log in again once and
   * retry. A 403 that remains: the token (`tokenCall`, or when lookup-self refuses it too) or
   * the policy is at fault. A bare 404 goes to `onMissing` when given.
   */
  async function authed<T>(
    doing: string,
    call: (token: string) => Promise<T>,
    how: { onMissing?: () => T; tokenCall?: boolean } = {},
  ): Promise<T> {
    if (closed) throw fail('unreachable', `closed; cannot go on ${doing}`);
    let token = await session.token();
    for (let attempt = 0; ; attempt++) {
      try {
        return await call(token);
      } catch (error) {
        const failure = readFailure(error);
        if (failure.status === 404 && failure.errors.length === 0 && how.onMissing)
          return how.onMissing();
        if (failure.status !== 403) throw mapFailure(context, failure, doing);
        if (session.renewable && attempt === 0) {
          logger.warn(
            `Vault backend "${config.name}": token refused while ${doing}; logging in again with AppRole`,
          );
          session.drop(token);
          token = await session.token();
          continue;
        }
        throw await explainDenial(token, doing, how.tokenCall === true);
      }
    }
  }

  /** 403: a token that lookup-self refuses too is bad (auth_failed); otherwise a policy denies. */
  async function explainDenial(
    token: string,
    doing: string,
    tokenCall: boolean,
  ): Promise<BackendError> {
    const tokenRejected = fail(
      'auth_failed',
      `Vault rejected the ${config.authMethod === 'approle' ? 'AppRole-issued ' : ''}token (invalid, expired or revoked) while ${doing}`,
    );
    if (tokenCall) return tokenRejected;
    try {
      await calls.lookupSelf(token);
    } catch (error) {
      if (readFailure(error).status === 403) return tokenRejected;
    }
    return fail(
      'forbidden',
      `permission denied while ${doing}: the token's policies do not allow it`,
    );
  }

  const readOnly = (what: string): never => {
    throw fail(
      'read_only',
      `is read-only: KiCI does not ${what} secrets in Vault; change them in Vault itself`,
    );
  };

  return {
    name: config.name,
    type: 'vault',

    async readScope(path) {
      const checked = checkPath(path);
      if ('problem' in checked) throw fail('invalid_path', `invalid path: ${checked.problem}`);
      const relative = checked.join('/');
      const doing = `reading "${relative}"`;
      const missing = () => {
        throw fail(
          'not_found',
          `no secret at "${relative}" (mount "${config.mountPath}", base path "${config.basePath}")`,
        );
      };
      const result = await authed(
        doing,
        (token) => calls.read(token, joinPath(config.basePath, relative)),
        {
          onMissing: missing,
        },
      );
      const data = isRecord(result) ? result.data : undefined;
      if (data === null) return missing();
      if (!isRecord(data)) throw fail('bad_response', `unexpected answer shape while ${doing}`);
      const values: Record<string, string> = {};
      for (const [key, value] of Object.entries(data)) values[key] = asText(value);
      return values;
    },

    async listPaths() {
      const { paths, skipped } = await listTree(async (folder) => {
        const doing = folder === '' ? 'listing the base path' : `listing "${folder}/"`;
        const result = await authed(
          doing,
          (token) => calls.list(token, joinPath(config.basePath, folder)),
          {
            onMissing: () => ({ keys: [] }),
          },
        );
        const keys = isRecord(result) ? result.keys : undefined;
        if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) {
          throw fail('bad_response', `unexpected answer shape while ${doing}`);
        }
        return keys as string[];
      });
      if (skipped > 0) {
        logger.warn(
          `Vault backend "${config.name}": skipped ${skipped} listed names that are not valid path segments`,
        );
      }
      return paths;
    },

    async check() {
      if (closed) throw fail('unreachable', 'closed');
      const started = performance.now();
      try {
        await calls.health();
      } catch (error) {
        throw mapFailure(context, readFailure(error), 'checking health');
      }
      const latencyMs = Math.round((performance.now() - started) * 100) / 100;
      await authed('looking up its own token', (token) => calls.lookupSelf(token), {
        tokenCall: true,
      });
      await authed('listing the base path', (token) => calls.list(token, config.basePath), {
        onMissing: () => undefined,
      });
      return { latencyMs };
    },

    async close() {
      closed = true;
      session.close();
      calls.close();
    },

    write: () => readOnly('write'),
    delete: () => readOnly('delete'),
  };
}
