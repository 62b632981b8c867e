/**
 * The token every call sends. With `token` auth it is the configured one. With `approle` it
 * comes from a login (one at a time, shared by concurrent callers), renewed by logging in again
 * shortly before its lease runs out, or after Vault refused it (revoked, expired early).
 */

import type { VaultCalls } from './client.js';
import type { ResolvedVaultConfig } from './config.js';
import { backendError, type ErrorContext, mapFailure, readFailure, vaultSays } from './errors.js';

export interface Session {
  /** A token to send. */
  token(): Promise<string>;
  /** Whether a refused token can be replaced (AppRole). */
  readonly renewable: boolean;
  /** Forgets `used` after Vault refused it, so that `token()` logs in again. */
  drop(used: string): void;
  /** Every credential this session holds or held, for redaction. */
  secrets(): readonly string[];
  close(): void;
}

/** Log in again this long before the lease ends: a tenth of it, at most 30 s. */
const renewMargin = (leaseMs: number) => Math.min(leaseMs / 10, 30_000);
const REMEMBERED_TOKENS = 8;

export function createSession(
  config: ResolvedVaultConfig,
  calls: VaultCalls,
  context: ErrorContext,
): Session {
  if (config.authMethod === 'token') {
    const token = config.token ?? '';
    return {
      token: async () => token,
      renewable: false,
      drop() {},
      secrets: () => [token],
      close() {},
    };
  }
  const roleId = config.roleId ?? '';
  const secretId = config.secretId ?? '';
  const issued: string[] = [];
  let current: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const login = async (): Promise<string> => {
    let auth: unknown;
    try {
      auth = await calls.login(roleId, secretId);
    } catch (error) {
      const failure = readFailure(error);
      if (failure.status === 400 || failure.status === 403 || failure.status === 500) {
        throw backendError(
          context,
          'auth_failed',
          `AppRole login refused (${failure.status})${vaultSays(context, failure)}; check the role ID and secret ID`,
        );
      }
      throw mapFailure(context, failure, 'logging in with AppRole');
    }
    const { client_token: token, lease_duration: lease } = (auth ?? {}) as Record<string, unknown>;
    if (typeof token !== 'string' || token === '') {
      throw backendError(context, 'bad_response', 'AppRole login answered without a client token');
    }
    issued.push(token);
    if (issued.length > REMEMBERED_TOKENS) issued.shift();
    const leaseMs = typeof lease === 'number' && lease > 0 ? lease * 1000 : 0;
    current = {
      token,
      renewAt: leaseMs > 0 ? Date.now() + leaseMs - renewMargin(leaseMs) : Number.POSITIVE_INFINITY,
    };
    return token;
  };

  return {
    renewable: true,
    async token() {
      if (current && Date.now() < current.renewAt) return current.token;
      pending ??= login().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    drop(used) {
      if (current?.token === used) current = undefined;
    },
    secrets: () => [roleId, secretId, ...issued],
    close() {
      current = undefined;
    },
  };
}
