/**
 * `@kici/server/testing`: a real `kici-server` process on 127.0.0.1 for tests (this package's,
 * the CLI's, tests-e2e), on either driver, with its own database.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '@kici/store-pg';
import { createTestDatabase, type TestDatabase, type TestDriver } from '@kici/store-pg/testing';
import { SERVER_NODE_FLAGS } from './node-flags.js';

export { type TestDriver, testDrivers } from '@kici/store-pg/testing';

// The built entry, from src/ (tests) and dist/ alike.
export const SERVER_BIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

export interface TestServer {
  readonly url: string;
  /** The bootstrap owner token. */
  readonly token: string;
  /** The dispatcher credential (KICI_DISPATCHER_TOKEN) for /internal/v1. */
  readonly dispatcherToken: string;
  readonly driver: TestDriver;
  readonly database: TestDatabase;
  readonly dataDir: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  readonly process: ChildProcess;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  /** Stops the process (if running) and drops the database. */
  dispose(): Promise<void>;
}

export interface StartTestServerOptions {
  readonly driver: TestDriver;
  /** Extra environment (KICI_SECRET_KEY, KICI_BOOTSTRAP_ADMIN_TOKEN, …). */
  readonly env?: Record<string, string>;
  /** Reuse a database (and data directory) of an earlier server, e.g. after a crash. */
  readonly reuse?: Pick<TestServer, 'database' | 'dataDir'>;
  /** Fixed bootstrap token; default: a random one passed as KICI_BOOTSTRAP_ADMIN_TOKEN. */
  readonly token?: string;
  /** The server entry to run; default SERVER_BIN. A benchmark points it at another build. */
  readonly bin?: string;
}

/** Starts `kici-server` and resolves once it listens. */
export async function startTestServer(options: StartTestServerOptions): Promise<TestServer> {
  const { driver } = options;
  const database = options.reuse?.database ?? (await createTestDatabase(driver));
  const dataDir = options.reuse?.dataDir ?? (await mkdtemp(join(tmpdir(), 'kici-server-test-')));
  if (!options.reuse && database.dataDir) {
    // The server keeps PGlite's files in KICI_DATA_DIR/pgdata: move the template copy there.
    await mkdir(dataDir, { recursive: true });
    await rename(database.dataDir, join(dataDir, 'pgdata'));
    await chmod(join(dataDir, 'pgdata'), 0o700); // the server refuses a group-readable one
  }
  const token = options.token ?? `kici_test_${randomBytes(24).toString('hex')}`;
  const dispatcherToken = `kici_dispatch_test_${randomBytes(24).toString('hex')}`;
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, options.bin ?? SERVER_BIN], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      KICI_DATA_DIR: dataDir,
      KICI_BOOTSTRAP_ADMIN_TOKEN: token,
      KICI_SECRET_KEY: 'ab'.repeat(32),
      KICI_DISPATCHER_TOKEN: dispatcherToken,
      ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a hung server behind
      reject(new Error(`kici-server did not start:\n${output}`));
    }, 60_000);
    const onData = () => {
      const match = /Listening on (https?:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`kici-server exited with ${code}:\n${output}`));
    });
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return {
    url,
    token,
    dispatcherToken,
    driver,
    database,
    dataDir,
    output: () => output,
    process: child,
    stop,
    async dispose() {
      await stop();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The test server's database, opened directly (to tamper with rows). With PGlite the server
 * must be stopped first: one process at a time owns its data directory.
 */
export function openServerDatabase(server: Pick<TestServer, 'database' | 'dataDir'>) {
  return openStore({
    databaseUrl: server.database.databaseUrl,
    dataDir: join(server.dataDir, 'pgdata'),
  });
}
