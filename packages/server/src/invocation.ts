import { readFileSync } from 'node:fs';

/** What `kici-server [argument]` asks for: start (no argument), help, version, or a mistake. */
export type Invocation =
  | { readonly kind: 'start' }
  | { readonly kind: 'print'; readonly text: string }
  | { readonly kind: 'usage-error'; readonly message: string };

/** The package version, from the package.json beside dist/ (and src/). */
export function serverVersion(): string {
  const file = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

// Every variable the server reads, briefly; packages/server/README.md has the full table.
export const HELP = `kici-server: the KiCI orchestrator's secrets server (admin HTTP API).

Usage: kici-server            start the server (configured by the environment only)
       kici-server --help     print this and exit
       kici-server --version  print the version and exit

Environment:
  KICI_SECRET_KEY, KICI_SECRET_KEY_FILE          master key (64 hex chars or base64 of 32
                                                 bytes), or a file holding it
  KICI_SECRET_KEY_OLD, KICI_SECRET_KEY_FILE_OLD  the previous key during a rotation
  DATABASE_URL                                   PostgreSQL (postgres://…); default: embedded
                                                 PGlite in KICI_DATA_DIR/pgdata
  KICI_DATA_DIR                                  data directory, created 0700, refused if group-
                                                 or world-accessible (default ./.kici)
  PORT, HOST                                     where to listen (default 4000; HOST 0.0.0.0,
                                                 or 127.0.0.1 with the generated development key)
  KICI_TLS_CERT_FILE, KICI_TLS_KEY_FILE          serve HTTPS with this PEM certificate (chain)
                                                 and key, both or neither; SIGHUP reloads them
  KICI_BOOTSTRAP_ADMIN_TOKEN                     fixed bootstrap owner token (default: generated
                                                 on first start, printed once)
  KICI_DISPATCHER_TOKEN                          the dispatcher's credential for /internal/v1
  KICI_MAX_SECRET_BYTES                          largest secret value (default 65536)
  KICI_ORG_ID                                    the org clients mean when they name none
                                                 (default: the only org there is)
  KICI_DB_CONNECTIONS, KICI_DB_STATEMENT_CONNECTIONS
                                                 PostgreSQL connection pool sizes
  KICI_BACKEND_SYNC_TICK_MS                      how often due backend syncs are looked for
  KICI_AUTH_FAILURE_LIMIT, KICI_AUTH_FAILURE_WINDOW_MS
                                                 failed authentications per client address and
                                                 window before 429 (default 30 per 60000 ms)
  KICI_REQUEST_TIMEOUT_MS                        longest a request may take to arrive, then 408
                                                 (default 30000)
  KICI_MAX_CONNECTIONS                           open connections at most (default 1024)
  KICI_RUN_MAX_OUTPUTS_PER_JOB                   secret outputs one job may set (default 100)
  KICI_RUN_MAX_OUTPUT_BYTES                      largest secret output value (default 65536)
  KICI_RUN_MAX_OUTPUT_TOTAL_BYTES                one job's outputs in total (default 1048576)
  KICI_JOB_CREDENTIAL_TTL_MS                     a job credential's longest life (default
                                                 21600000, 6 h; never past its run's key)
  KICI_RUN_CLEANUP_INTERVAL_MS, KICI_RUN_CLEANUP_TICK_MS
                                                 orphaned run keys and outputs (over 24 h old)
                                                 are deleted every interval (default 3600000)
                                                 by one instance; each looks every tick (60000)
  KICI_DELIVERY_TICK_MS                          how often this instance's delivery worker looks
                                                 for due deliveries (default 500); an enqueue
                                                 wakes it at once
  KICI_DELIVERY_CONCURRENCY                      deliveries attempted at once (default 16)
  KICI_DELIVERY_TIMEOUT_MS                       one attempt, when the manifest sets none
                                                 (default 10000)
  KICI_DELIVERY_MAX_ATTEMPTS                     attempts before a delivery fails (default 8)
  KICI_DELIVERY_RETRY_BASE_MS, KICI_DELIVERY_RETRY_MAX_MS
                                                 retry backoff, min(max, base * 2^(n-1)) +-20%
                                                 (default 1000 and 300000)
  KICI_ACCESS_ALERT_READS, KICI_ACCESS_ALERT_WINDOW_MINUTES
                                                 more delivery reads of one extension secret than
                                                 this per window raise a notification (25, 15)
  KICI_NOTIFY_WEBHOOK_URL, KICI_NOTIFY_WEBHOOK_SECRET
                                                 post notifications to this webhook, signed with
                                                 this whsec_ secret (both or neither)
  KICI_NOTIFY_TICK_MS                            how often due notifications are posted (5000)
  KICI_ROTATION_AUDIT_INTERVAL_MS                how often one instance runs the rotation audit
                                                 job (default 3600000)
  KICI_VAULT_URL, KICI_VAULT_AUTH_METHOD, KICI_VAULT_TOKEN, KICI_VAULT_ROLE_ID,
  KICI_VAULT_SECRET_ID, KICI_VAULT_NAMESPACE, KICI_VAULT_MOUNT_PATH, KICI_VAULT_BASE_PATH
                                                 a Vault/OpenBao backend registered as "vault"

Without a key and with the embedded database, a development key is generated in
KICI_DATA_DIR/secret.key. Health: GET /healthz, GET /readyz.
`;

/** Reads the command line: the server takes no arguments but --help and --version. */
export function readInvocation(args: readonly string[]): Invocation {
  const [first, ...rest] = args;
  if (first === undefined) return { kind: 'start' };
  if (rest.length === 0 && (first === '--help' || first === '-h'))
    return { kind: 'print', text: HELP };
  if (rest.length === 0 && (first === '--version' || first === '-v'))
    return { kind: 'print', text: `${serverVersion()}\n` };
  const wrong = ['--help', '-h', '--version', '-v'].includes(first) ? rest[0] : first;
  return {
    kind: 'usage-error',
    message: `kici-server: unknown argument '${shortPrefix(wrong ?? '')}'. It takes only --help or --version and is configured by environment variables (see kici-server --help).`,
  };
}

/** At most 32 characters of what was typed, control characters masked: an argument may be a secret. */
function shortPrefix(text: string): string {
  const masked = [...text].map((c) => (c < ' ' || c === '\u007f' ? '?' : c)).join('');
  return masked.length > 32 ? `${masked.slice(0, 32)}…` : masked;
}
