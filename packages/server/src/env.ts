import { join, resolve } from 'node:path';
import {
  DEFAULT_MAX_OUTPUT_BYTES,
  DEFAULT_MAX_OUTPUT_TOTAL_BYTES,
  DEFAULT_MAX_OUTPUTS_PER_JOB,
  DEFAULT_MAX_SECRET_BYTES,
  MAX_SECRET_BYTES_LIMIT,
  OrgIdSchema,
  RUN_CLEANUP_INTERVAL_MS,
} from '@kici/contracts';
import * as v from 'valibot';
import { type AccessConfig, readAccessConfig } from './env-access.js';
import { DELIVERY_ENV, type DeliveryConfig, deliveryConfig } from './env-delivery.js';
import { integer } from './env-integer.js';

/** How the server is configured: environment variables only, validated at start-up. */
export interface ServerConfig {
  readonly port: number;
  /** HOST; absent means 127.0.0.1 in development (embedded + generated key), else 0.0.0.0. */
  readonly host: string | undefined;
  /** A PostgreSQL URL; absent means the embedded PGlite database in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** KICI_DATA_DIR: the embedded database and the generated development key live here. */
  readonly dataDir: string;
  /** KICI_TLS_CERT_FILE / KICI_TLS_KEY_FILE: serve HTTPS with this PEM pair (both or neither). */
  readonly tls: { readonly certFile: string; readonly keyFile: string } | undefined;
  readonly bootstrapToken: string | undefined;
  readonly maxSecretBytes: number;
  /** KICI_BACKEND_SYNC_TICK_MS: how often this instance looks for due backend syncs. */
  readonly backendSyncTickMs: number;
  /** KICI_DISPATCHER_TOKEN: the dispatcher's credential for /internal/v1. */
  readonly dispatcherToken: string | undefined;
  /** KICI_DB_CONNECTIONS: PostgreSQL connections for transactions, locks and queries. */
  readonly dbConnections: number | undefined;
  /** KICI_DB_STATEMENT_CONNECTIONS: PostgreSQL connections for the pipelined hot statements. */
  readonly dbStatementConnections: number | undefined;
  /** KICI_ORG_ID: the org clients mean when they name none (else the only org there is). */
  readonly orgId: string | undefined;
  /** KICI_AUTH_FAILURE_LIMIT / _WINDOW_MS: failed authentications per client address and window. */
  readonly authFailureLimits: { readonly perWindow: number; readonly windowMs: number };
  /** KICI_REQUEST_TIMEOUT_MS: the longest a request (headers and body) may take to arrive. */
  readonly requestTimeoutMs: number;
  /** KICI_MAX_CONNECTIONS: open connections beyond this are closed at once. */
  readonly maxConnections: number;
  /** KICI_RUN_MAX_OUTPUTS_PER_JOB, _OUTPUT_BYTES, _OUTPUT_TOTAL_BYTES: per-job output limits. */
  readonly runLimits: {
    readonly maxOutputsPerJob: number;
    readonly maxOutputBytes: number;
    readonly maxOutputTotalBytes: number;
  };
  /** KICI_JOB_CREDENTIAL_TTL_MS: how long a job's credential lives at most. */
  readonly jobCredentialTtlMs: number;
  /** KICI_RUN_CLEANUP_INTERVAL_MS: how often the orphan cleanup runs (one instance per tick). */
  readonly runCleanupIntervalMs: number;
  /** KICI_RUN_CLEANUP_TICK_MS: how often this instance asks whether the cleanup is due. */
  readonly runCleanupTickMs: number;
  /** KICI_DELIVERY_*: the delivery worker and its retry policy. */
  readonly delivery: DeliveryConfig;
  /** KICI_ACCESS_ALERT_*, KICI_NOTIFY_*, KICI_ROTATION_AUDIT_INTERVAL_MS (env-access.ts). */
  readonly access: AccessConfig;
}

const HOUR = 3_600_000;

const optional = (schema: v.GenericSchema<string, unknown>) =>
  v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.transform((s) => s || undefined),
      v.optional(schema),
    ),
  );
const EnvSchema = v.object({
  PORT: v.optional(integer('PORT', 0, 65535), '4000'),
  HOST: optional(v.string()),
  DATABASE_URL: optional(
    v.pipe(
      v.string(),
      v.regex(/^postgres(ql)?:\/\//, 'DATABASE_URL: expected a postgres:// or postgresql:// URL'),
    ),
  ),
  KICI_DATA_DIR: v.optional(v.string(), './.kici'),
  KICI_TLS_CERT_FILE: optional(v.string()),
  KICI_TLS_KEY_FILE: optional(v.string()),
  KICI_BOOTSTRAP_ADMIN_TOKEN: optional(
    v.pipe(
      v.string(),
      v.minLength(16, 'KICI_BOOTSTRAP_ADMIN_TOKEN: expected at least 16 characters'),
    ),
  ),
  KICI_DISPATCHER_TOKEN: optional(
    v.pipe(v.string(), v.minLength(32, 'KICI_DISPATCHER_TOKEN: expected at least 32 characters')),
  ),
  KICI_BACKEND_SYNC_TICK_MS: v.optional(
    integer('KICI_BACKEND_SYNC_TICK_MS', 100, 3_600_000),
    '10000',
  ),
  KICI_DB_CONNECTIONS: optional(integer('KICI_DB_CONNECTIONS', 2, 1000)),
  KICI_DB_STATEMENT_CONNECTIONS: optional(integer('KICI_DB_STATEMENT_CONNECTIONS', 1, 1000)),
  KICI_ORG_ID: optional(
    v.pipe(
      v.string(),
      v.check(
        (id) => v.is(OrgIdSchema, id),
        'KICI_ORG_ID: expected an org id (letters, digits, ".", "_" or "-", 1-128 characters)',
      ),
    ),
  ),
  KICI_AUTH_FAILURE_LIMIT: v.optional(integer('KICI_AUTH_FAILURE_LIMIT', 1, 1_000_000), '30'),
  KICI_AUTH_FAILURE_WINDOW_MS: v.optional(
    integer('KICI_AUTH_FAILURE_WINDOW_MS', 1000, 86_400_000),
    '60000',
  ),
  KICI_REQUEST_TIMEOUT_MS: v.optional(integer('KICI_REQUEST_TIMEOUT_MS', 100, 3_600_000), '30000'),
  KICI_MAX_CONNECTIONS: v.optional(integer('KICI_MAX_CONNECTIONS', 1, 1_000_000), '1024'),
  KICI_MAX_SECRET_BYTES: v.optional(
    integer('KICI_MAX_SECRET_BYTES', 1, MAX_SECRET_BYTES_LIMIT),
    String(DEFAULT_MAX_SECRET_BYTES),
  ),
  KICI_RUN_MAX_OUTPUTS_PER_JOB: v.optional(
    integer('KICI_RUN_MAX_OUTPUTS_PER_JOB', 1, 100_000),
    String(DEFAULT_MAX_OUTPUTS_PER_JOB),
  ),
  KICI_RUN_MAX_OUTPUT_BYTES: v.optional(
    integer('KICI_RUN_MAX_OUTPUT_BYTES', 1, MAX_SECRET_BYTES_LIMIT),
    String(DEFAULT_MAX_OUTPUT_BYTES),
  ),
  KICI_RUN_MAX_OUTPUT_TOTAL_BYTES: v.optional(
    integer('KICI_RUN_MAX_OUTPUT_TOTAL_BYTES', 1, 256 * 1024 * 1024),
    String(DEFAULT_MAX_OUTPUT_TOTAL_BYTES),
  ),
  KICI_JOB_CREDENTIAL_TTL_MS: v.optional(
    integer('KICI_JOB_CREDENTIAL_TTL_MS', 1000, 24 * HOUR),
    String(6 * HOUR),
  ),
  KICI_RUN_CLEANUP_INTERVAL_MS: v.optional(
    integer('KICI_RUN_CLEANUP_INTERVAL_MS', 100, 24 * HOUR),
    String(RUN_CLEANUP_INTERVAL_MS),
  ),
  KICI_RUN_CLEANUP_TICK_MS: v.optional(integer('KICI_RUN_CLEANUP_TICK_MS', 100, HOUR), '60000'),
  ...DELIVERY_ENV,
});

/** @throws {Error} naming the variable and what was expected (never its value). */
export function readServerConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const result = v.safeParse(EnvSchema, env);
  if (!result.success) throw new Error(`Invalid configuration: ${result.issues[0]?.message}`);
  const out = result.output;
  return {
    port: out.PORT,
    host: out.HOST as string | undefined,
    databaseUrl: out.DATABASE_URL as string | undefined,
    dataDir: resolve(out.KICI_DATA_DIR || './.kici'),
    tls: tlsFiles(
      out.KICI_TLS_CERT_FILE as string | undefined,
      out.KICI_TLS_KEY_FILE as string | undefined,
    ),
    bootstrapToken: out.KICI_BOOTSTRAP_ADMIN_TOKEN as string | undefined,
    maxSecretBytes: out.KICI_MAX_SECRET_BYTES,
    dispatcherToken: out.KICI_DISPATCHER_TOKEN as string | undefined,
    backendSyncTickMs: out.KICI_BACKEND_SYNC_TICK_MS,
    dbConnections: out.KICI_DB_CONNECTIONS as number | undefined,
    dbStatementConnections: out.KICI_DB_STATEMENT_CONNECTIONS as number | undefined,
    orgId: out.KICI_ORG_ID as string | undefined,
    authFailureLimits: {
      perWindow: out.KICI_AUTH_FAILURE_LIMIT,
      windowMs: out.KICI_AUTH_FAILURE_WINDOW_MS,
    },
    requestTimeoutMs: out.KICI_REQUEST_TIMEOUT_MS,
    maxConnections: out.KICI_MAX_CONNECTIONS,
    runLimits: {
      maxOutputsPerJob: out.KICI_RUN_MAX_OUTPUTS_PER_JOB,
      maxOutputBytes: out.KICI_RUN_MAX_OUTPUT_BYTES,
      maxOutputTotalBytes: out.KICI_RUN_MAX_OUTPUT_TOTAL_BYTES,
    },
    jobCredentialTtlMs: out.KICI_JOB_CREDENTIAL_TTL_MS,
    runCleanupIntervalMs: out.KICI_RUN_CLEANUP_INTERVAL_MS,
    runCleanupTickMs: out.KICI_RUN_CLEANUP_TICK_MS,
    delivery: deliveryConfig(out),
    access: readAccessConfig(env),
  };
}

/** A certificate without its key (or the reverse) is a mistake, never plain HTTP. */
function tlsFiles(certFile: string | undefined, keyFile: string | undefined) {
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) {
    const [set, missing] = certFile === undefined ? ['KEY', 'CERT'] : ['CERT', 'KEY'];
    throw new Error(
      `Invalid configuration: KICI_TLS_${set}_FILE is set but KICI_TLS_${missing}_FILE is not (HTTPS needs both)`,
    );
  }
  return { certFile: resolve(certFile), keyFile: resolve(keyFile) };
}

export const pgliteDir = (config: ServerConfig) => join(config.dataDir, 'pgdata');
export const devKeyPath = (config: ServerConfig) => join(config.dataDir, 'secret.key');
