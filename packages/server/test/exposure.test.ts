// What the server exposes beyond its answers: security headers on every response, where it
// binds by default, and a data directory nobody but its owner can reach.
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdminClient } from '@kici/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/testing.js';
import { dispatch as dispatchJob } from './helpers.js';

const startFailure = (options: Parameters<typeof startTestServer>[0]) =>
  startTestServer(options).then(
    async (server) => {
      await server.dispose();
      throw new Error('kici-server started');
    },
    (error: Error) => error.message,
  );

/** Every mode under `dir` (the directory itself included). */
function modes(dir: string): number[] {
  const out = [statSync(dir).mode & 0o777];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isSymbolicLink())
      out.push(statSync(join(entry.parentPath, entry.name)).mode & 0o777);
  }
  return out;
}

describe('security headers over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ driver: 'pglite' });
    const owner = createAdminClient({ baseUrl: server.url, token: server.token });
    await owner.secrets.set('acme', 'shared', 'API_KEY', 'value-1');
    await owner.environments.create('acme', { name: 'production', scopes: ['shared'] });
  }, 120_000);
  afterAll(() => server?.dispose());

  const get = (path: string, token = server.token) =>
    fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('reveal and the dispatch answers are no-store; every response is nosniff; no HSTS on HTTP', async () => {
    // The typed client's own request, over real HTTP; the response is kept for its headers.
    const seen: Response[] = [];
    const client = createAdminClient({
      baseUrl: server.url,
      token: server.token,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        seen.push(response);
        return response;
      },
    });
    expect((await client.secrets.reveal('acme', 'shared', 'API_KEY')).value).toBe('value-1');
    const reveal = seen[0] as Response;
    expect(reveal.headers.get('cache-control')).toBe('no-store');
    expect(reveal.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reveal.headers.get('strict-transport-security')).toBeNull();

    const dispatch = await dispatchJob(server);
    expect(dispatch.status).toBe(200);
    // Sealed: the value is in the opened bundle, never in the answer itself.
    expect(dispatch.secrets).toHaveProperty('API_KEY');
    expect(dispatch.text).not.toContain('value-1');
    expect(dispatch.headers.get('cache-control')).toBe('no-store');
    expect(dispatch.headers.get('x-content-type-options')).toBe('nosniff');

    const testRun = await fetch(`${server.url}/internal/v1/test-runs/resolve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.dispatcherToken}` },
      body: '{}',
    });
    expect(testRun.headers.get('cache-control')).toBe('no-store');
    const agent = await fetch(`${server.url}/agent/v1/runs/r/jobs/j/outputs/KEY`, {
      method: 'PUT',
      body: '{}',
    });
    expect([agent.status, agent.headers.get('cache-control')]).toEqual([401, 'no-store']);

    // Errors too: a 401, a 404, a probe.
    for (const response of [
      await get('/api/v1/admin/tokens', 'kici_wrong_token_000000000000'),
      await get('/no/such/route'),
      await get('/healthz'),
    ]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      await response.body?.cancel();
    }
  });
});

describe('where the server binds', () => {
  it('the embedded development default (no key, no HOST) listens on 127.0.0.1 only', async () => {
    const server = await startTestServer({
      driver: 'pglite',
      env: { KICI_SECRET_KEY: '', HOST: '' },
    });
    try {
      expect(server.output()).toContain('Generated a development master key');
      expect(server.output()).toMatch(/Listening on http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      await server.dispose();
    }
  }, 120_000);

  it('with a configured key and no HOST it binds every address, and says so', async () => {
    const server = await startTestServer({ driver: 'pglite', env: { HOST: '' } });
    try {
      expect(server.output()).toMatch(/Listening on http:\/\/0\.0\.0\.0:\d+/);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.dispose();
    }
  }, 120_000);
});

describe('the data directory', () => {
  let parent: string;
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'kici-exposure-'));
  });
  afterAll(() => rm(parent, { recursive: true, force: true }));

  it('a pre-existing 0755 data directory (or pgdata) is refused with the chmod that fixes it', async () => {
    const dataDir = join(parent, 'wide');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const options = { driver: 'pglite' as const, env: { KICI_DATA_DIR: dataDir } };
    const refused = await startFailure(options);
    expect(refused).toMatch(/exited with 1/);
    expect(refused).toContain(`Fix it with: chmod 700 ${dataDir}`);
    expect(readdirSync(dataDir)).toEqual([]); // not used

    const pgdata = join(dataDir, 'pgdata');
    chmodSync(dataDir, 0o700);
    mkdirSync(pgdata, { mode: 0o750 });
    chmodSync(pgdata, 0o750);
    expect(await startFailure(options)).toContain(`Fix it with: chmod 700 ${pgdata}`);

    chmodSync(pgdata, 0o700);
    const server = await startTestServer(options);
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('a new one is created 0700, and nothing in it is group- or world-accessible', async () => {
    const dataDir = join(parent, 'fresh');
    const server = await startTestServer({
      driver: 'pglite',
      env: { KICI_SECRET_KEY: '', KICI_DATA_DIR: dataDir, KICI_DISPATCHER_TOKEN: '' },
    });
    try {
      const owner = createAdminClient({ baseUrl: server.url, token: server.token });
      await owner.secrets.set('acme', 'shared', 'API_KEY', 'value-1');
      expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'dispatcher.token')).mode & 0o777).toBe(0o600);
      const open = modes(dataDir).filter((mode) => (mode & 0o077) !== 0);
      expect(open).toEqual([]);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
