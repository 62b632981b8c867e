import { hostname } from 'node:os';
import { createCore, createDispatcherAuth, ROTATION_BATCH_SIZE } from '@kici/core';
import { generateRunKeyPair, openForRun, prepareSealForRun, sealForRun } from '@kici/crypto/node';
import { gsmBackendType } from '@kici/store-gsm';
import { openStore } from '@kici/store-pg';
import { ENV_BACKEND_NAME, parseVaultEnv, vaultBackendType } from '@kici/store-vault';
import { createApp } from './app.js';
import { ensurePrivateDir, tightenTree } from './data-dir.js';
import { startDeliveryWorker } from './delivery-worker.js';
import { loadDispatcherCredential } from './dispatcher-credential.js';
import { pgliteDir, readServerConfig } from './env.js';
import { listen } from './listen.js';
import { loadMasterKeyring } from './master-key.js';
import { postNotification } from './notify-post.js';
import { every } from './periodic.js';
import { loadTls } from './tls.js';

export const OLD_KEY_MESSAGE =
  'Old master key configured — dual-key decrypt and true rotation enabled';

export const UNVERIFIED_KEY_MESSAGE =
  'Warning: the master key does not open the oldest stored config version, and this database has no key check yet: check KICI_SECRET_KEY / KICI_SECRET_KEY_FILE (and KICI_SECRET_KEY_OLD)';

export interface RunningServer {
  readonly url: string;
  /** Stops accepting connections, waits for in-flight requests, closes the database. */
  stop(): Promise<void>;
  /** SIGHUP: re-reads the TLS certificate and key; a bad file keeps the current pair. */
  reloadTls(): void;
}

/** Reads the configuration, opens (and migrates) the store, bootstraps, and listens. */
export async function startServer(
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<RunningServer> {
  const config = readServerConfig(env);
  // A bad certificate is a configuration error: refused before the database is touched.
  if (config.tls) loadTls(config.tls);
  if (!config.databaseUrl) {
    // The embedded database lives in the data directory: private (0700), as PostgreSQL wants.
    if (ensurePrivateDir(config.dataDir))
      log(`Created the data directory ${config.dataDir} (mode 0700)`);
    ensurePrivateDir(pgliteDir(config));
    process.umask(0o077); // whatever the database writes later stays the owner's
  }
  const { keyring, development } = loadMasterKeyring(config, env, log);
  if (keyring.hasPrevious) log(OLD_KEY_MESSAGE);

  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: pgliteDir(config),
    connections: config.dbConnections,
    statementConnections: config.dbStatementConnections,
  });
  if (!config.databaseUrl) tightenTree(pgliteDir(config));
  log(
    config.databaseUrl
      ? 'Database: PostgreSQL (DATABASE_URL)'
      : `Database: embedded PGlite in ${pgliteDir(config)}`,
  );
  const vaultFromEnv = parseVaultEnv(env);
  const core = await createCore({
    store,
    keyring,
    maxSecretBytes: config.maxSecretBytes,
    backendTypes: { vault: vaultBackendType(log), gsm: gsmBackendType(log) },
    envBackends: vaultFromEnv
      ? [{ name: ENV_BACKEND_NAME, type: 'vault', config: vaultFromEnv }]
      : [],
    instanceId: `${hostname()}:${process.pid}`,
    defaultOrg: config.orgId,
    authFailureLimits: config.authFailureLimits,
    // Native X25519 for every dispatch and output (byte-compatible with the portable path).
    runEnvelopes: { generateRunKeyPair, sealForRun, prepareSealForRun, openForRun },
    runLimits: config.runLimits,
    jobCredentialTtlMs: config.jobCredentialTtlMs,
    runCleanupIntervalMs: config.runCleanupIntervalMs,
    delivery: {
      concurrency: config.delivery.concurrency,
      timeoutMs: config.delivery.timeoutMs,
      maxAttempts: config.delivery.maxAttempts,
      retryBaseMs: config.delivery.retryBaseMs,
      retryMaxMs: config.delivery.retryMaxMs,
    },
    accessAlert: {
      reads: config.access.alertReads,
      windowMinutes: config.access.alertWindowMinutes,
    },
    notificationSink: config.access.notifyWebhook && {
      ...config.access.notifyWebhook,
      post: postNotification,
    },
    rotationAuditIntervalMs: config.access.rotationAuditIntervalMs,
    // "Check orchestrator logs for sync errors": every sync that did not end ok, one line.
    onSyncProblem: ({ name, status, message }) =>
      log(
        `Warning: backend ${name} sync ${status === 'error' ? 'failed' : 'had warnings'}: ${message}`,
      ),
    // Progress for long rotations: one line per 5,000 rows (and the tests kill on it).
    onRotationBatch: (table, done) => {
      if (done % 5000 < ROTATION_BATCH_SIZE) log(`rotate-key: ${done} ${table} rows re-encrypted`);
    },
  });

  // A key that cannot open this database is refused here, before anything is served.
  const keyCheck = await core.keyChecks.verify().catch(async (error: Error) => {
    await store.close();
    throw error;
  });
  if (keyCheck === 'unverified') log(UNVERIFIED_KEY_MESSAGE);

  const { generated } = await core.tokens.ensureBootstrap(config.bootstrapToken);
  // Printed once, on the first start; only its hash is stored.
  if (generated) console.log(`KICI Admin Token: ${generated}`);

  for (const conflict of await core.backends.registerFromEnv()) log(`Warning: ${conflict}`);
  // Unreachable backends are reported, not waited for: start-up never blocks on them.
  void core.backends.checkAll((name, message) =>
    log(`Warning: backend ${name} is unreachable: ${message}`),
  );
  // Every instance ticks; PostgreSQL hands each due sync to exactly one of them.
  const sync = every(config.backendSyncTickMs, () =>
    core.backends
      .syncDue()
      .then(() => undefined)
      .catch((error: Error) => log(`backend sync tick failed: ${error.name}`)),
  );
  // Orphans of crashed runs: every instance ticks, one per interval runs the cleanup.
  const cleanup = every(config.runCleanupTickMs, () =>
    core.runs
      .cleanupDue()
      .then(({ deleted }) => {
        if (deleted && deleted.keys + deleted.outputs + deleted.runs > 0)
          log(
            `run cleanup: deleted ${deleted.keys} run keys and ${deleted.outputs} outputs, expired ${deleted.runs} runs`,
          );
      })
      .catch((error: Error) => log(`run cleanup tick failed: ${error.name}`)),
  );
  // The outbox: every instance works it; a restart picks up what an earlier one left pending.
  const deliveries = startDeliveryWorker(core.deliveries, config.delivery.tickMs, log);

  // The notification sink: every instance ticks; SKIP LOCKED gives each notification to one.
  const sink = config.access.notifyWebhook
    ? every(config.access.notifyTickMs, () =>
        core.notifications
          .sinkTick()
          .then(() => undefined)
          .catch((error: Error) => log(`notification sink tick failed: ${error.name}`)),
      )
    : undefined;
  // Extensions::SecretAuditJob: every instance asks each minute (or interval); one runs it.
  const rotationAudit = every(Math.min(config.access.rotationAuditIntervalMs, 60_000), () =>
    core.compliance
      .runAuditDue()
      .then((result) => {
        if (result && result.flagged + result.reminded > 0)
          log(
            `rotation audit: ${result.flagged} secrets flagged overdue, ${result.reminded} reminders`,
          );
      })
      .catch((error: Error) => log(`rotation audit tick failed: ${error.name}`)),
  );

  const dispatcher = createDispatcherAuth({
    store,
    credential: loadDispatcherCredential(config, log),
    failureLimits: config.authFailureLimits,
  });
  const app = createApp({
    core,
    log,
    maxSecretBytes: config.maxSecretBytes,
    maxOutputBytes: config.runLimits.maxOutputBytes,
    dispatcher,
    https: config.tls !== undefined,
  });
  const { url, server, reloadTls } = await listen(app.fetch, config, development, log);

  return {
    url,
    reloadTls,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections with no request in flight would hold close() open.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      await Promise.all([
        sync.stop(),
        cleanup.stop(),
        deliveries.stop(),
        sink?.stop(),
        rotationAudit.stop(),
      ]);
      core.deliveries.close();
      await core.backends.close();
      await store.close();
      log('Stopped');
    },
  };
}
