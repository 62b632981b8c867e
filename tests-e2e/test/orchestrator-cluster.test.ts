// Two kici-server processes sharing one PostgreSQL database (the scale-out path), beside two
// Vault-compatible test servers (one per auth method), all real processes on 127.0.0.1:
// periodic backend sync claimed through PostgreSQL, job-time resolution on either instance,
// an unreachable backend failing only the jobs that bind it, key rotation across instances,
// and no Vault credential in any log line or admin answer.
import type { TestServer } from '@kici/server/testing';
import { startVaultTestServer, type VaultTestServer } from '@kici/vault-test-server/start';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Cluster,
  clientOf,
  createCluster,
  createRecorder,
  hasPostgres,
  instanceIdOf,
  leaks,
  POSTGRES_URL_VARIABLE,
  resolveJob,
  sleep,
  vaultTokens,
  waitFor,
} from './orchestrator.js';

const OLD_KEY = 'ab'.repeat(32); // startTestServer's default KICI_SECRET_KEY
const NEW_KEY = 'cd'.repeat(32);
const SYNC_INTERVAL_MS = 1000;
const OBSERVED_MS = 6000;

const title = hasPostgres()
  ? 'two kici-server instances on one PostgreSQL database'
  : `two kici-server instances on one PostgreSQL database — skipped: ${POSTGRES_URL_VARIABLE} is not set (PGlite serves one process only)`;

describe.skipIf(!hasPostgres())(title, () => {
  const recorder = createRecorder();
  let vaultToken: VaultTestServer; // registered as vault-a, token auth
  let vaultRole: VaultTestServer; // registered as vault-b (and sync-probe), AppRole
  let cluster: Cluster;
  let a: TestServer;
  let b: TestServer;
  const admin = (server: TestServer) => clientOf(server, recorder);

  /** The periodic (system) `backend.sync` rows of one backend, oldest first, read through `server`. */
  async function syncRows(server: TestServer, backend: string) {
    const { entries } = await admin(server).audit({ action: 'backend.sync', limit: 1000 });
    return entries
      .filter((entry) => entry.actor === 'system' && entry.metadata.backend === backend)
      .map((entry) => ({
        at: new Date(entry.at).getTime(),
        instance: String(entry.metadata.instance),
        outcome: entry.outcome,
      }))
      .sort((x, y) => x.at - y.at);
  }

  beforeAll(async () => {
    [vaultToken, vaultRole] = await Promise.all([startVaultTestServer(), startVaultTestServer()]);
    await vaultToken.seed('kici/secrets/aws/prod', { AWS_ACCESS_KEY_ID: 'AKIA-from-vault-a' });
    await vaultRole.seed('kici/secrets/db/prod', { DB_PASSWORD: 'db-from-vault-b' });
    // Every instance looks for due syncs every 100 ms.
    cluster = createCluster('postgres', { KICI_BACKEND_SYNC_TICK_MS: '100' });
    a = await cluster.start();
    b = await cluster.start();
  }, 180_000);

  afterAll(async () => {
    await cluster?.dispose();
    await Promise.all([vaultToken?.stop(), vaultRole?.stop()]);
  }, 60_000);

  it('runs each due sync on exactly one instance, and the other takes over alone', async () => {
    const registered = Date.now();
    await admin(a).backends.add({
      name: 'sync-probe',
      backendType: 'vault',
      config: {
        url: vaultRole.url,
        authMethod: 'approle',
        roleId: vaultRole.roleId,
        secretId: vaultRole.secretId,
      },
      syncIntervalSeconds: SYNC_INTERVAL_MS / 1000,
    });
    await sleep(OBSERVED_MS);
    // Read through the other instance: the rows live in the shared database.
    const rows = await syncRows(b, 'sync-probe');
    const elapsedMs = Date.now() - registered;
    const gaps = rows.slice(1).map((row, i) => row.at - (rows[i]?.at ?? 0));
    const instances = new Set(rows.map((row) => row.instance));
    console.log(
      `sync-probe: ${rows.length} periodic syncs in ${elapsedMs} ms, gaps ${gaps.join(', ')} ms, ` +
        `by ${[...instances].map((id) => `${id} ×${rows.filter((r) => r.instance === id).length}`).join(', ')}`,
    );
    // Both instances tick every 100 ms against a 1 s interval. Uncoordinated, each would sync
    // once per interval on its own: two rows per interval, often milliseconds apart. Claimed
    // through PostgreSQL (FOR UPDATE SKIP LOCKED, next_sync_at moved on by the claim), one
    // instance wins each interval: at most one row per elapsed second (plus the first, due at
    // registration), and consecutive rows about an interval apart. A sync's own duration (a
    // Vault LIST, a few statements) shifts when its row is written, by 200 ms and more when the
    // whole suite loads the machine (a 799 ms gap was seen), hence half an interval of slack:
    // two instances syncing on their own would write rows milliseconds apart.
    expect(rows.every((row) => row.outcome === 'success')).toBe(true);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.length).toBeLessThanOrEqual(Math.ceil(elapsedMs / SYNC_INTERVAL_MS) + 1);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(SYNC_INTERVAL_MS / 2);
    expect([...instances].every((id) => [instanceIdOf(a), instanceIdOf(b)].includes(id))).toBe(
      true,
    );

    // Whichever instance won so far: with A stopped, B alone keeps the schedule.
    await a.stop();
    const stoppedAt = Date.now();
    const later = await waitFor(
      'a periodic sync after instance A stopped',
      async () => {
        const after = (await syncRows(b, 'sync-probe')).filter((row) => row.at > stoppedAt);
        return after.length >= 2 ? after : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(new Set(later.map((row) => row.instance))).toEqual(new Set([instanceIdOf(b)]));
    a = await cluster.start();
  }, 90_000);

  it('resolves a pg scope with a Vault scope (token auth, AppRole) on either instance', async () => {
    const owner = admin(a);
    await owner.backends.add({
      name: 'vault-a',
      backendType: 'vault',
      config: { url: vaultToken.url, authMethod: 'token', token: vaultToken.rootToken },
    });
    await owner.backends.add({
      name: 'vault-b',
      backendType: 'vault',
      config: {
        url: vaultRole.url,
        authMethod: 'approle',
        roleId: vaultRole.roleId,
        secretId: vaultRole.secretId,
      },
    });
    await owner.secrets.set('acme', 'production', 'DB_PASSWORD', 'pg-db');
    await owner.secrets.set('acme', 'production', 'API_TOKEN', 'pg-api');
    await owner.secrets.set('acme', 'shared', 'SLACK_WEBHOOK', 'https://hooks.example/x');
    await owner.environments.create('acme', {
      name: 'prod-token',
      scopes: ['vault-a:aws/prod', 'production'],
    });
    await owner.environments.create('acme', {
      name: 'prod-approle',
      scopes: ['vault-b:db/prod', 'production'],
    });
    await owner.environments.create('acme', { name: 'pg-only', scopes: ['shared'] });

    const pg = (value: string) => ({ value, backend: 'pg', scope: 'pg:production' });
    for (const server of [a, b]) {
      const token = await resolveJob(server, recorder, { environment: 'prod-token' });
      expect(token.status).toBe(200);
      expect(token.body.secrets).toEqual({
        AWS_ACCESS_KEY_ID: {
          value: 'AKIA-from-vault-a',
          backend: 'vault-a',
          scope: 'vault-a:aws/prod',
        },
        DB_PASSWORD: pg('pg-db'),
        API_TOKEN: pg('pg-api'),
      });
      const approle = await resolveJob(server, recorder, { environment: 'prod-approle' });
      expect(approle.status).toBe(200);
      // The earlier binding wins a key: Vault's DB_PASSWORD over pg's.
      expect(approle.body.secrets).toEqual({
        DB_PASSWORD: { value: 'db-from-vault-b', backend: 'vault-b', scope: 'vault-b:db/prod' },
        API_TOKEN: pg('pg-api'),
      });
    }
  }, 60_000);

  it('fails only the jobs binding an unreachable backend, with a 503 naming it', async () => {
    await vaultToken.control({ op: 'refuse' });
    try {
      for (const server of [a, b]) {
        const failed = await resolveJob(server, recorder, { environment: 'prod-token' });
        expect(failed.status).toBe(503);
        expect(failed.body.error?.code).toBe('backend_unavailable');
        expect(failed.body.error?.message).toContain('vault-a');
        // The other Vault and pg keep serving their jobs.
        const approle = await resolveJob(server, recorder, { environment: 'prod-approle' });
        expect(approle.status).toBe(200);
        expect(approle.body.secrets?.DB_PASSWORD?.backend).toBe('vault-b');
        const pgOnly = await resolveJob(server, recorder, { environment: 'pg-only' });
        expect(pgOnly.status).toBe(200);
        expect(pgOnly.body.secrets).toEqual({
          SLACK_WEBHOOK: { value: 'https://hooks.example/x', backend: 'pg', scope: 'pg:shared' },
        });
      }
    } finally {
      await vaultToken.control({ op: 'listen' });
    }
    for (const server of [a, b]) {
      const back = await resolveJob(server, recorder, { environment: 'prod-token' });
      expect(back.status).toBe(200);
      expect(back.body.secrets?.AWS_ACCESS_KEY_ID?.value).toBe('AKIA-from-vault-a');
    }
  }, 60_000);

  it('rotates the key on one instance; the other, restarted with both keys, reads the re-sealed backends', async () => {
    const bothKeys = { KICI_SECRET_KEY: NEW_KEY, KICI_SECRET_KEY_OLD: OLD_KEY };
    // The documented order: every instance restarts with the new key and the old one, then
    // one of them rotates.
    await b.stop();
    b = await cluster.start(bothKeys);
    await a.stop();
    a = await cluster.start(bothKeys);
    for (const server of [a, b]) {
      expect(server.output()).toContain(
        'Old master key configured — dual-key decrypt and true rotation enabled',
      );
    }
    // B builds its vault-b client from the envelope sealed with the old key.
    expect((await resolveJob(b, recorder, { environment: 'prod-approle' })).status).toBe(200);

    const rotated = await admin(a).rotateKey();
    expect(rotated.message).toMatch(/^Re-encrypted \d+ secrets, \d+ config versions$/);
    const [entry] = (await admin(b).audit({ action: 'rotateKey', limit: 1 })).entries;
    expect(entry?.metadata).toMatchObject({ reEncryptedBackends: 3, dualKey: true });

    const check = async (server: TestServer) => {
      for (const name of ['vault-a', 'vault-b', 'sync-probe']) {
        expect((await admin(server).backends.test({ name })).ok).toBe(true);
      }
      const token = await resolveJob(server, recorder, { environment: 'prod-token' });
      expect(token.body.secrets?.AWS_ACCESS_KEY_ID?.value).toBe('AKIA-from-vault-a');
      const approle = await resolveJob(server, recorder, { environment: 'prod-approle' });
      expect(approle.body.secrets).toMatchObject({
        DB_PASSWORD: { value: 'db-from-vault-b' },
        API_TOKEN: { value: 'pg-api' },
      });
    };
    await check(b);
    // Everything is sealed with the new key now: the old one can go.
    await b.stop();
    b = await cluster.start({ KICI_SECRET_KEY: NEW_KEY });
    await check(b);
    // And the periodic sync goes on under the new key.
    const resumed = Date.now();
    await waitFor(
      'a successful periodic sync after the rotation',
      async () =>
        (await syncRows(b, 'sync-probe')).find(
          (row) => row.at > resumed && row.outcome === 'success',
        ),
      { timeoutMs: 20_000, intervalMs: 250 },
    );
  }, 180_000);

  it('never shows a Vault credential in a log line or an admin answer', async () => {
    // A few more answers that could carry one: listings, sync results, the whole audit log.
    for (const server of [a, b]) {
      await admin(server).backends.list();
      await admin(server).backends.sync();
      await admin(server).audit({ limit: 1000 });
    }
    const issued = [...(await vaultTokens(vaultRole.control))];
    const credentials = [
      ...new Set([
        vaultToken.rootToken,
        vaultRole.rootToken,
        vaultRole.roleId,
        vaultRole.secretId,
        ...(await vaultTokens(vaultToken.control)),
        ...issued,
      ]),
    ];
    // AppRole logins did happen (vault-b and sync-probe on every instance).
    expect(issued.length).toBeGreaterThan(1);
    const texts: Record<string, string> = {};
    cluster.servers.forEach((server, i) => {
      texts[`the output of instance ${i} (pid ${server.process.pid})`] = server.output();
    });
    recorder.texts.forEach((text, i) => {
      texts[`answer ${i}`] = text;
    });
    expect(recorder.texts.length).toBeGreaterThan(30);
    expect(leaks(credentials, texts)).toEqual([]);
  }, 60_000);
});
