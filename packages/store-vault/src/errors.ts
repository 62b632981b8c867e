/**
 * Client errors → BackendError. hashi-vault-js rethrows axios errors whose `config` holds the
 * X-Vault-Token header and the request body (AppRole secret_id): such an error is never
 * logged, rethrown, kept as a `cause` or serialised. `readFailure` copies out the few
 * harmless facts (status, Vault's `errors`, the error code) and every message is written
 * fresh, naming the backend; known credentials are redacted from Vault's own texts.
 */
import { BackendError, type BackendFailure } from '@kici/core';

export interface Failure {
  /** The HTTP status, when Vault answered. */
  readonly status: number | undefined;
  /** Vault's `errors` (strings only; cut to length only after redaction, in `vaultSays`). */
  readonly errors: readonly string[];
  /** A Node/axios error code such as ECONNREFUSED, when there was no answer. */
  readonly code: string | undefined;
  /** sys/health's body said `sealed: true`. */
  readonly sealed: boolean;
}

const TIMEOUT_CODES = new Set([
  'ECONNABORTED',
  'ETIMEDOUT',
  'ERR_CANCELED',
  'ESOCKETTIMEDOUT',
  'ABORT_ERR',
]);
const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|ERR_SSL|HOSTNAME|ALTNAME/;

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** The harmless facts of a client error; the error itself is dropped. */
export function readFailure(error: unknown): Failure {
  const response = field(error, 'response');
  const status = field(response, 'status');
  const body = field(response, 'data');
  const errors = field(body, 'errors');
  const code = field(error, 'code');
  return {
    sealed: field(body, 'sealed') === true,
    status: typeof status === 'number' ? status : undefined,
    errors: Array.isArray(errors) ? errors.filter((e): e is string => typeof e === 'string') : [],
    code: typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? code : undefined,
  };
}

export interface ErrorContext {
  /** The backend name. */
  readonly backend: string;
  /** host[:port] of the Vault address, for messages. */
  readonly host: string;
  readonly mountPath: string;
  readonly namespace: string | undefined;
  readonly timeoutMs: number;
  /** Values that must never appear in a message (tokens, AppRole credentials). */
  readonly secrets: () => readonly string[];
}

/** Builds BackendErrors whose message starts with `Vault backend "name": `. */
export function backendError(
  context: ErrorContext,
  reason: BackendFailure,
  message: string,
): BackendError {
  return new BackendError(
    context.backend,
    reason,
    `Vault backend "${context.backend}": ${message}`,
  );
}

/**
 * Vault's own error texts with every known credential blanked out, then each cut to 200
 * characters: cutting first could leave part of a credential that no longer matches.
 */
export function vaultSays(context: ErrorContext, failure: Failure): string {
  const texts = failure.errors.map((error) => {
    let text = error;
    for (const secret of context.secrets()) {
      if (secret.length > 0) text = text.split(secret).join('[redacted]');
    }
    return text.slice(0, 200);
  });
  const text = texts.join('; ');
  return text === '' ? '' : `: ${text}`;
}

/**
 * The error for a failed call, `doing` being e.g. `reading "aws/prod"` (a checked path).
 * 403 is left to the caller (it knows whether the token or the policy is at fault), as are
 * 404s without a Vault message (a missing secret is not a failure everywhere).
 */
export function mapFailure(context: ErrorContext, failure: Failure, doing: string): BackendError {
  const fail = (reason: BackendFailure, message: string) => backendError(context, reason, message);
  const { status, code } = failure;
  if (status === undefined) {
    if (code && TIMEOUT_CODES.has(code)) {
      return fail(
        'timeout',
        `no answer from ${context.host} within ${context.timeoutMs} ms while ${doing}`,
      );
    }
    if (code && TLS_CODE.test(code)) {
      return fail(
        'unreachable',
        `TLS certificate of ${context.host} not trusted (${code}) while ${doing}; set caCert to the CA that signed it`,
      );
    }
    return fail(
      'unreachable',
      `cannot reach ${context.host} (${code ?? 'network error'}) while ${doing}`,
    );
  }
  const first = failure.errors[0] ?? '';
  if (status === 503 || failure.sealed) {
    const what =
      failure.sealed || /sealed/i.test(first) ? 'Vault is sealed' : 'Vault is unavailable (503)';
    return fail('sealed', `${what} at ${context.host} while ${doing}`);
  }
  if (status === 404 && first.startsWith('no handler for route')) {
    return fail(
      'mount_not_found',
      `no KV v2 mount "${context.mountPath}" at ${context.host} (is the KV v2 engine enabled at this path?) while ${doing}`,
    );
  }
  if (status === 404 && first === 'namespace not found') {
    return fail(
      'mount_not_found',
      `namespace "${context.namespace ?? ''}" not found at ${context.host} while ${doing}`,
    );
  }
  if (status === 403) return fail('forbidden', `permission denied while ${doing}`);
  if (status === 404) return fail('not_found', `nothing found while ${doing}`);
  if (status >= 300 && status < 400) {
    return fail(
      'bad_response',
      `unexpected redirect (${status}) from ${context.host} while ${doing}; redirects are not followed`,
    );
  }
  return fail(
    'bad_response',
    `unexpected answer ${status} from ${context.host} while ${doing}${vaultSays(context, failure)}`,
  );
}
