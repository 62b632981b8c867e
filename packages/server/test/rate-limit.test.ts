// Failed authentication on a real kici-server over real HTTP: limited per client address
// (429 with Retry-After), audited once per window with a count, and never in the way of a
// valid token, even one sent from the same address.
import { request } from 'node:http';
import { createAdminClient } from '@kici/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { createRun, dispatchRunJob, putOutput } from './run-helpers.js';

// A plain keep-alive agent would queue 3,000 requests on a few sockets; these go at once.
function get(url: string, token: string): Promise<{ status: number; retryAfter?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          ...(res.headers['retry-after'] ? { retryAfter: res.headers['retry-after'] } : {}),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function failedRows(owner: ReturnType<typeof createAdminClient>) {
  const { entries } = await owner.audit({ action: 'auth.failed', limit: 1000 });
  return entries;
}

describe.each(testDrivers())('failed authentication (%s)', (driver) => {
  let server: TestServer;
  let short: TestServer;

  beforeAll(async () => {
    [server, short] = await Promise.all([
      startTestServer({ driver }),
      startTestServer({
        driver,
        env: { KICI_AUTH_FAILURE_LIMIT: '5', KICI_AUTH_FAILURE_WINDOW_MS: '3000' },
      }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([server?.dispose(), short?.dispose()]);
  });

  it('3,000 bad tokens from one address: 401 then 429, a bounded audit log, the owner unaffected', async () => {
    const owner = createAdminClient({ baseUrl: server.url, token: server.token });
    const url = `${server.url}/api/v1/admin/whoami`;
    const started = Date.now();
    const statuses: number[] = [];
    const retryAfters = new Set<string>();
    let ownerOk = 0;
    // 12 bursts of 250: one burst of 3,000 sockets would overflow a loaded machine's accept queue.
    for (let batch = 0; batch < 12; batch++) {
      const bad = Array.from({ length: 250 }, (_, i) => get(url, `kici_bad_${batch}_${i}`));
      // The owner's token, from the same address, during the flood.
      const good = Array.from({ length: 5 }, () => get(url, server.token));
      for (const { status, retryAfter } of await Promise.all(bad)) {
        statuses.push(status);
        if (retryAfter) retryAfters.add(retryAfter);
      }
      ownerOk += (await Promise.all(good)).filter((r) => r.status === 200).length;
    }
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(statuses.filter((s) => s === 401)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2970);
    expect([...retryAfters].every((s) => Number(s) >= 1 && Number(s) <= 60)).toBe(true);
    expect(retryAfters.size).toBeGreaterThan(0);
    expect(ownerOk).toBe(60);
    // The window's first five failures, one row each (the summary follows when it ends).
    const rows = await failedRows(owner);
    expect(rows).toHaveLength(5);
    expect(rows[0]?.metadata).toEqual({ reason: 'unknown', client: '127.0.0.1' });
    expect(await get(url, server.token)).toEqual({ status: 200 });
  }, 90_000);

  it('limits and bounds failed dispatcher credentials the same way; the right one still works', async () => {
    const owner = createAdminClient({ baseUrl: short.url, token: short.token });
    const post = (credential: string) =>
      fetch(`${short.url}/internal/v1/runs/r1/key`, {
        method: 'POST',
        headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
        body: '{"orgId":"acme"}',
      });
    const started = Date.now();
    const statuses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => post(`kici_bad_dispatch_${i}`).then((r) => r.status)),
    );
    // On a loaded machine the burst may span more than one 3 s window: 5 per window at most.
    const windows = Math.ceil((Date.now() - started) / 3000) + 1;
    const refused = statuses.filter((s) => s === 401).length;
    expect(refused).toBeGreaterThanOrEqual(5);
    expect(refused).toBeLessThanOrEqual(5 * windows);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - refused);
    expect((await post(short.dispatcherToken)).status).toBe(200);
    const { entries } = await owner.audit({ action: 'dispatcher.authenticate', limit: 1000 });
    expect(entries.length).toBeLessThanOrEqual(6 * windows);
    await new Promise((r) => setTimeout(r, 3300));
  }, 30_000);

  it('limits failed job credentials the same way; a valid one still works', async () => {
    const owner = createAdminClient({ baseUrl: short.url, token: short.token });
    await owner.environments.create('acme', { name: 'production' });
    await createRun(short, 'run-limited', [{ id: 'A' }]);
    const a = (await dispatchRunJob(short, 'run-limited', 'A')).body;
    const path = { runId: 'run-limited', jobId: 'A', key: 'TOKEN' };
    const put = (credential: string) => putOutput(short, { ...a, credential }, path, 'value');
    const started = Date.now();
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => put(`kici_job_bad_${i}`).then((r) => r.status)),
    );
    const windows = Math.ceil((Date.now() - started) / 3000) + 1;
    const refused = statuses.filter((s) => s === 401).length;
    expect(refused).toBeGreaterThanOrEqual(5);
    expect(refused).toBeLessThanOrEqual(5 * windows);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - refused);
    expect((await put(a.credential)).status).toBe(200);
    const { entries } = await owner.audit({ action: 'job.authenticate', limit: 1000 });
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(entries.length).toBeLessThanOrEqual(6 * windows);
    await new Promise((r) => setTimeout(r, 3300));
  }, 30_000);

  it("writes a window's failures past the first five as one row with their count", async () => {
    const owner = createAdminClient({ baseUrl: short.url, token: short.token });
    const url = `${short.url}/api/v1/admin/whoami`;
    const started = Date.now();
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => get(url, `kici_bad_${i}`).then((r) => r.status)),
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    await new Promise((r) => setTimeout(r, 3300));
    // The window is over: the next request (a good one) flushes its summary, and bad ones
    // get 401 again.
    expect((await get(url, short.token)).status).toBe(200);
    expect((await get(url, 'kici_bad_again')).status).toBe(401);
    const rows = await failedRows(owner);
    const counts = rows.map((row) => row.metadata);
    expect(counts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: 'unknown', client: '127.0.0.1' }),
        expect.objectContaining({ reason: 'repeated', count: 35, client: '127.0.0.1' }),
      ]),
    );
    // Five, the summary, and the first of the next window.
    expect(rows).toHaveLength(7);
  }, 30_000);
});
