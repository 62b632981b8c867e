// Google Secret Manager as an external backend, end to end: a real kici-server beside the
// GSM-compatible test server, driven by the built kici-admin. A gsm backend is registered
// from a service-account key file, its secret ids are discovered as scopes, a pg secret linked
// to a GSM secret reveals and resolves to the GSM value (never stored), and an outage (503)
// fails the read naming the backend and the path. No key, token or linked value leaks.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GsmTestServer, startGsmTestServer } from '@kici/gsm-test-server/start';
import type { TestServer } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from './cli-process.js';
import {
  type Cluster,
  clientOf,
  createCluster,
  createRecorder,
  resolveJob,
  singleDriver,
} from './orchestrator.js';

describe('a gsm backend on a real kici-server', () => {
  const recorder = createRecorder();
  const outputs: string[] = [];
  let gsm: GsmTestServer;
  let cluster: Cluster;
  let server: TestServer;
  let dir: string;
  let keyFile: string;

  /** `kici-admin <args>` as a process, against the server. */
  const admin = cliRunner(
    'kici-admin',
    () => ({ KICI_ADMIN_URL: server.url, KICI_ADMIN_TOKEN: server.token }),
    outputs,
  );

  beforeAll(async () => {
    gsm = await startGsmTestServer();
    await gsm.addVersion('db-password', 'old-password');
    await gsm.addVersion('db-password', 'hunter2-from-gsm');
    await gsm.addVersion('api-key', 'api-from-gsm');
    dir = await mkdtemp(join(tmpdir(), 'kici-e2e-gsm-'));
    keyFile = join(dir, 'sa.json');
    await writeFile(keyFile, JSON.stringify(gsm.credentials, null, 2));
    await chmod(keyFile, 0o600);
    cluster = createCluster(singleDriver());
    server = await cluster.start();
  }, 180_000);

  afterAll(async () => {
    await cluster?.dispose();
    await gsm?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('kici-admin backend add --type gsm registers it from a key file, green', async () => {
    const added = await admin(
      ...['backend', 'add', '--name', 'gsm-prod', '--type', 'gsm', '--project', gsm.project],
      ...['--credentials-file', keyFile, '--endpoint', gsm.url, '--json'],
    );
    expect([added.code, added.stderr]).toEqual([0, '']);
    const result = JSON.parse(added.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      name: 'gsm-prod',
      type: 'gsm',
      summary: {
        project: gsm.project,
        endpoint: gsm.url,
        clientEmail: gsm.credentials.client_email,
      },
      connectivity: { ok: true, health: 'green' },
    });
    const listed = await admin('backend', 'list');
    // Yellow until its first sync; the URL and AUTH columns show the endpoint and the account.
    expect(listed.stdout).toMatch(
      /gsm-prod\s+gsm\s+api\s+yellow\s+http:\/\/127\.0\.0\.1:\d+\s+kici-/,
    );
  });

  it('discovers the project secret ids as its scopes', async () => {
    const synced = await admin('backend', 'sync', '--name', 'gsm-prod', '--json');
    expect(synced.code).toBe(0);
    const scopes = await admin('backend', 'scopes', '--name', 'gsm-prod', '--json');
    expect(JSON.parse(scopes.stdout)).toEqual({
      name: 'gsm-prod',
      scopes: ['gsm-prod:api-key', 'gsm-prod:db-password'],
    });
  });

  it('a pg secret linked to a GSM secret reveals and resolves to the GSM value', async () => {
    const link = (key: string, path: string, ...more: string[]) =>
      admin(
        ...['secret', 'link', 'acme', 'production', key, '--backend', 'gsm-prod'],
        ...['--path', path, ...more],
      );
    // Without --key, a GSM link reads the secret id's value (a GSM secret holds one value).
    const linked = await link('DB_PASSWORD', 'db-password', '--json');
    expect([linked.code, JSON.parse(linked.stdout).linkedKey]).toEqual([0, 'db-password']);
    expect(
      (await link('DB_PASSWORD_V1', 'db-password/versions/1', '--key', 'db-password')).code,
    ).toBe(0);
    const revealed = await admin('secret', 'reveal', 'acme', 'production', 'DB_PASSWORD');
    expect([revealed.code, revealed.stdout.trim()]).toEqual([0, 'hunter2-from-gsm']);
    const pinned = await admin('secret', 'reveal', 'acme', 'production', 'DB_PASSWORD_V1');
    expect(pinned.stdout.trim()).toBe('old-password');

    const owner = clientOf(server, recorder);
    await owner.environments.create('acme', { name: 'app', scopes: ['production'] });
    const { status, body } = await resolveJob(server, recorder, { environment: 'app' });
    expect(status).toBe(200);
    expect(body.secrets?.DB_PASSWORD?.value).toBe('hunter2-from-gsm');
    expect(body.secrets?.DB_PASSWORD_V1?.value).toBe('old-password');

    // A new version in GSM is what the next read sees: nothing was copied.
    await gsm.addVersion('db-password', 'rotated-in-gsm');
    const again = await admin('secret', 'reveal', 'acme', 'production', 'DB_PASSWORD');
    expect(again.stdout.trim()).toBe('rotated-in-gsm');
  });

  it('an outage (503) fails the read naming the backend and the path, never a stale value', async () => {
    await gsm.control({ op: 'fail', status: 503 });
    try {
      const revealed = await admin('secret', 'reveal', 'acme', 'production', 'DB_PASSWORD');
      expect(revealed.code).not.toBe(0);
      expect(revealed.stdout).toBe('');
      expect(revealed.stderr).toContain('GSM backend "gsm-prod"');
      expect(revealed.stderr).toContain('"db-password"');
      expect(revealed.stderr).toContain('503 UNAVAILABLE');

      const down = await resolveJob(server, recorder, { environment: 'app' });
      expect(down.status).toBe(503);
      expect(down.body.error?.message).toContain('gsm-prod');
      expect(down.body.error?.message).toContain('db-password');
      expect(JSON.stringify(down.body)).not.toContain('rotated-in-gsm');

      const test = await admin('backend', 'test', '--name', 'gsm-prod');
      expect(test.code).not.toBe(0);
      expect(test.stderr).toContain('gsm-prod');
    } finally {
      await gsm.control({ op: 'fail', status: 0 });
    }
    const back = await resolveJob(server, recorder, { environment: 'app' });
    expect(back.body.secrets?.DB_PASSWORD?.value).toBe('rotated-in-gsm');
  });

  it('never shows the private key or an access token; stores no linked value', async () => {
    const tokens = await gsm.tokens();
    expect(tokens.length).toBeGreaterThan(0);
    const key = gsm.credentials.private_key;
    const keyBody = key.split('\n')[1] ?? key;
    const texts = [...outputs, ...recorder.texts, ...cluster.servers.map((s) => s.output())];
    for (const text of texts) {
      expect(text).not.toContain(keyBody);
      for (const token of tokens) expect(text).not.toContain(token);
    }
    const audit = JSON.stringify(await clientOf(server, recorder).audit({ limit: 500 }));
    expect(audit).not.toContain('hunter2-from-gsm');
    expect(audit).not.toContain(keyBody);
  });
});
