import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { serve } from '@hono/node-server';
import { createCore, createDispatcherAuth, ROTATION_BATCH_SIZE } from '@kici/core';
import { openStore } from '@kici/store-pg';
import { ENV_BACKEND_NAME, parseVaultEnv, vaultBackendType } from '@kici/store-vault';
import { createApp } from './app.js';
import { ensureDataDir } from './data-dir.js';
import { loadDispatcherCredential } from './dispatcher-credential.js';
import { pgliteDir, readServerConfig } from './env.js';
import { capConnections, serverOptions } from './limits.js';
import { loadMasterKeyring } from './master-key.js';

export const OLD_KEY_MESSAGE =
  'Old master key configured — dual-key decrypt and true rotation enabled';

export interface RunningServer {
  readonly url: string;
  /** Stops accepting connections, waits for in-flight requests, closes the database. */
  stop(): Promise<void>;
}

/** Reads the configuration, opens (and migrates) the store, bootstraps, and listens. */
export async function startServer(
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<RunningServer> {
  const config = readServerConfig(env);
  // The embedded database lives in the data directory: make it before anything needs it.
  if (!config.databaseUrl && ensureDataDir(config.dataDir))
    log(`Created the data directory ${config.dataDir} (mode 0700)`);
  const keyring = loadMasterKeyring(config, env, log);
  if (keyring.hasPrevious) log(OLD_KEY_MESSAGE);

  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: pgliteDir(config),
    connections: config.dbConnections,
    statementConnections: config.dbStatementConnections,
  });
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
    backendTypes: { vault: vaultBackendType(log) },
    envBackends: vaultFromEnv
      ? [{ name: ENV_BACKEND_NAME, type: 'vault', config: vaultFromEnv }]
      : [],
    instanceId: `${hostname()}:${process.pid}`,
    defaultOrg: config.orgId,
    authFailureLimits: config.authFailureLimits,
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

  const { generated } = await core.tokens.ensureBootstrap(config.bootstrapToken);
  // Printed once, on the first start; only its hash is stored.
  if (generated) console.log(`KICI Admin Token: ${generated}`);

  for (const conflict of await core.backends.registerFromEnv()) log(`Warning: ${conflict}`);
  // Unreachable backends are reported, not waited for: start-up never blocks on them.
  void core.backends.checkAll((name, message) =>
    log(`Warning: backend ${name} is unreachable: ${message}`),
  );
  // Every instance ticks; PostgreSQL hands each due sync to exactly one of them.
  const syncTimer = setInterval(() => {
    core.backends.syncDue().catch((error: Error) => log(`backend sync tick failed: ${error.name}`));
  }, config.backendSyncTickMs);
  syncTimer.unref();

  const dispatcher = createDispatcherAuth({
    store,
    credential: loadDispatcherCredential(config, log),
    failureLimits: config.authFailureLimits,
  });
  const app = createApp({ core, log, maxSecretBytes: config.maxSecretBytes, dispatcher });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const listening = serve(
      {
        fetch: app.fetch,
        port: config.port,
        hostname: config.host,
        serverOptions: serverOptions(config),
      },
      () => resolve(listening),
    );
  });
  capConnections(server as { maxConnections: number }, config);
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  log(`Listening on ${url}`);

  return {
    url,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections with no request in flight would hold close() open.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      clearInterval(syncTimer);
      await core.backends.close();
      await store.close();
      log('Stopped');
    },
  };
}
