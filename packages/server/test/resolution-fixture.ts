// What the environments-and-resolution tests share (resolution.test.ts,
// resolution-operators.test.ts): a real kici-server with acme's secrets in three scopes and a
// variable, the owner's and the dashboard's clients, the dispatcher's /internal/v1 endpoints
// with raw fetch and its own credential, and the last audit entry of an action.
import { createAdminClient } from '@kici/contracts';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestDriver, type TestServer } from '../src/testing.js';
import { dashboardClient, dispatchWithBundle } from './helpers.js';

export type Admin = ReturnType<typeof createAdminClient>;

/** Every field a test reads from an /internal/v1 answer. */
export interface InternalAnswer {
  error: { message: string; field?: string };
  secrets: Record<string, { value: string; backend: string; scope: string }>;
  variables: Record<string, { value: string; scope: string }>;
  publicKey: string;
}

/** A job of acme/api's main, pushed, deploying run-1's job deploy to production. */
export const job = (over: Record<string, unknown> = {}) => ({
  orgId: 'acme',
  environment: 'production',
  repository: 'acme/api',
  branch: 'main',
  trigger: 'push',
  runId: 'run-1',
  jobId: 'deploy',
  ...over,
});

export interface ResolutionFixture {
  server: TestServer;
  owner: Admin;
  dashboard: Admin;
  /** POST /internal/v1<path>, with the dispatcher credential unless told otherwise. */
  internal(
    path: string,
    body: unknown,
    credential?: string,
  ): Promise<{ status: number; body: InternalAnswer }>;
  /** The sealed dispatch, its bundle opened as the agent would. */
  resolveJob(
    body: Record<string, unknown>,
    credential?: string,
  ): ReturnType<typeof dispatchWithBundle>;
  lastAudit(
    action: string,
  ): Promise<Awaited<ReturnType<Admin['audit']>>['entries'][number] | undefined>;
}

/** Starts the server before the describe's tests and seeds it, stops it after. */
export function useResolutionFixture(driver: TestDriver): ResolutionFixture {
  const f = {} as ResolutionFixture;
  f.internal = async (path, body, credential = f.server.dispatcherToken) => {
    const response = await fetch(`${f.server.url}/internal/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as InternalAnswer };
  };
  f.resolveJob = (body, credential) => dispatchWithBundle(f.server, body, credential);
  f.lastAudit = async (action) => (await f.owner.audit({ action, limit: 1 })).entries[0];
  beforeAll(async () => {
    f.server = await startTestServer({ driver });
    f.owner = createAdminClient({ baseUrl: f.server.url, token: f.server.token });
    f.dashboard = (await dashboardClient(f.owner, f.server.url)).client;
    // Three scopes, 50 secrets in total; DB_PASSWORD sits in two of them.
    await f.owner.secrets.set('acme', 'production/db', 'DB_PASSWORD', 'db-from-production-db');
    await f.owner.secrets.set('acme', 'shared', 'DB_PASSWORD', 'db-from-shared');
    await f.owner.secrets.set('acme', 'shared', 'SLACK_WEBHOOK', 'https://hooks.example/x');
    await f.owner.secrets.set('acme', 'test-only', 'DB_PASSWORD', 'throwaway');
    await f.owner.variables.set('acme', 'shared', 'REGION', 'eu-west-1');
  }, 120_000);
  afterAll(() => f.server?.dispose());
  return f;
}
