// Delivering secrets to an extension, end to end: a real kici-server, the SDK's example
// extension (mailer.mjs) as a real process holding the signing secret revealed by the API, and
// the built CLIs. An invocation (the dispatcher's, and `kici-admin extensions invoke --wait`)
// carries the values by hierarchy, verified by the SDK, with the env fallback and the missing
// keys; a replaced key sends a rotation webhook and the extension reloads. See
// ext-delivery-failures.test.ts for fail-fast, restarts and the database dump.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AdminClient } from '@kici/contracts';
import type { TestServer } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from './cli-process.js';
import { deliveryManifest, EXT, INSTALLATION_ID, settle, VALUES } from './delivery-setup.js';
import { type Mailer, startMailer } from './mailer.js';
import {
  type Cluster,
  clientOf,
  createCluster,
  createRecorder,
  singleDriver,
} from './orchestrator.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('extension delivery end to end', () => {
  const recorder = createRecorder();
  const outputs: string[] = [];
  let cluster: Cluster;
  let server: TestServer;
  let owner: AdminClient;
  let mailer: Mailer;
  let dir: string;
  const env = () => ({
    KICI_ADMIN_URL: server.url,
    KICI_ADMIN_TOKEN: server.token,
    KICI_ORG_ID: 'acme',
  });
  const kiket = cliRunner('kiket', env, outputs, () => dir);
  const admin = cliRunner('kici-admin', env, outputs, () => dir);
  const ok = async (...args: string[]) => {
    const result = await kiket(...args);
    expect(result.code, result.stderr).toBe(0);
    return result;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kici-e2e-delivery-'));
    // A day-long alert window: the anomaly test's reads cannot straddle two windows.
    cluster = createCluster(singleDriver(), {
      KICI_DELIVERY_TICK_MS: '100',
      KICI_ACCESS_ALERT_WINDOW_MINUTES: '1440',
    });
    server = await cluster.start();
    owner = clientOf(server, recorder);
    await writeFile(join(dir, 'mailer.yaml'), deliveryManifest('http://127.0.0.1:9/kiket/events'));
    await ok('extensions', 'catalog', 'add', EXT, '--manifest', 'mailer.yaml');
    await ok('extensions', 'projects', 'create', 'OPS');
    await owner.extensions.installations.put('acme', 'OPS', EXT);
    // The extension's operator copies the signing secret from the CLI into its environment.
    const shown = await admin('extensions', 'signing-secret', 'show', EXT, '--project', 'OPS');
    expect(shown.code, shown.stderr).toBe(0);
    const secret = shown.stdout.trim();
    expect(secret).toMatch(/^whsec_/);
    mailer = await startMailer({ KIKET_SIGNING_SECRET: secret, SMTP_PASSWORD: VALUES.envPassword });
    await writeFile(join(dir, 'mailer.yaml'), deliveryManifest(mailer.url));
    await ok('extensions', 'catalog', 'add', EXT, '--manifest', 'mailer.yaml');
    await owner.extensions.secrets.set(
      { orgId: 'acme', scope: 'organization' },
      { SMTP_HOST: VALUES.orgHost, EXTRA_KEY: VALUES.extra },
    );
    await owner.extensions.secrets.set(
      { orgId: 'acme', scope: 'extension', id: EXT },
      { SMTP_HOST: VALUES.extHost },
    );
    await owner.extensions.secrets.set(
      { orgId: 'acme', scope: 'installation', id: INSTALLATION_ID },
      { API_TOKEN: VALUES.apiToken },
    );
    await ok('marketplace', 'enable', EXT, '--project', 'OPS');
  }, 180_000);

  afterAll(async () => {
    await mailer?.stop();
    await cluster?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it("delivers the dispatcher's invocation: extension over organization, env fallback, missing", async () => {
    const answer = await fetch(`${server.url}/internal/v1/extensions/invocations`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.dispatcherToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        org_id: 'acme',
        project_key: 'OPS',
        extension_id: EXT,
        event: { type: 'issue.created', payload: { issue: 'OPS-1' } },
      }),
    });
    expect(answer.status).toBe(202);
    const { delivery_id: id } = (await answer.json()) as { delivery_id: string };
    const seen = await mailer.waitFor(id);
    expect(seen).toMatchObject({
      kind: 'invocation',
      event_type: 'issue.created',
      attempt: 1,
      installation: { orgId: 'acme', projectKey: 'OPS', extensionId: EXT },
      smtp_host: VALUES.extHost,
      smtp_host_scope: { scope: 'extension', id: EXT },
      missing: ['SMTP_PASSWORD'],
      smtp_password_from_env: true,
      client: { password_sha256: sha256(VALUES.envPassword) },
    });
    // The SDK's logger masked both the payload's host and the env fallback.
    expect(seen.log_line).not.toContain(VALUES.extHost);
    expect(seen.log_line).not.toContain(VALUES.envPassword);
    expect(await settle(owner, id)).toMatchObject({
      status: 'delivered',
      created_by: 'dispatcher',
    });

    // Verified: a delivery without a valid signature is refused by the extension.
    const forged = await fetch(mailer.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')}`,
      },
      body: '{}',
    });
    expect(forged.status).toBe(401);
  });

  it('delivers `kici-admin extensions invoke --wait`: installation over extension', async () => {
    await ok(
      ...['extensions', 'secrets', 'set', '--scope', 'installation', '--id', INSTALLATION_ID],
      ...['--key', 'SMTP_HOST', '--value', VALUES.instHost],
    );
    const run = await admin('extensions', 'invoke', EXT, '--project', 'OPS', '--wait');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^Queued (msg_\w{26}) \(kiket\.test\) for OPS\/com\.example\.mailer/,
    );
    expect(run.stdout).toMatch(/attempt 1: HTTP 200 after \d+ ms, delivered/);
    expect(run.stdout).toMatch(/Delivered msg_\w{26} to OPS\/com\.example\.mailer in 1 attempt/);
    const id = /msg_\w{26}/.exec(run.stdout)?.[0] ?? '';
    expect(await mailer.waitFor(id)).toMatchObject({
      event_type: 'kiket.test',
      smtp_host: VALUES.instHost,
      smtp_host_scope: { scope: 'installation', id: INSTALLATION_ID },
    });

    const json = await admin('extensions', 'invoke', EXT, '--project', 'OPS', '--wait', '--json');
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      status: 'delivered',
      attempts: 1,
      attempt_log: [{ attempt: 1, status_code: 200, outcome: 'delivered' }],
    });
    const listed = await admin('extensions', 'deliveries', 'list', '--project', 'OPS');
    expect(listed.stdout).toMatch(/^ID\s+INSTALLATION\s+KIND\s+EVENT\s+STATUS/);
    expect(listed.stdout).toContain(id);
  });

  it('sends a rotation webhook when a subscribed key is replaced, and the extension reloads', async () => {
    const set = (value: string) =>
      ok(
        ...['extensions', 'secrets', 'set', '--scope', 'extension', '--id', EXT],
        ...['--key', 'SMTP_PASSWORD', '--value', value],
      );
    await set(VALUES.passwordOne);
    const first = await admin('extensions', 'invoke', EXT, '--project', 'OPS', '--wait');
    expect(first.code, first.stderr).toBe(0);
    const before = await mailer.waitFor(/msg_\w{26}/.exec(first.stdout)?.[0] ?? '');
    expect(before).toMatchObject({
      smtp_password_from_env: false,
      client: { password_sha256: sha256(VALUES.passwordOne) },
    });

    await set(VALUES.passwordTwo);
    const rotation = (await owner.deliveries.list({ org_id: 'acme' })).deliveries.find(
      (d) => d.kind === 'rotation',
    );
    expect(rotation).toMatchObject({
      event_type: 'secret.rotated',
      created_by: expect.any(String),
    });
    const reloaded = await mailer.waitFor(rotation?.id ?? '');
    expect(reloaded).toMatchObject({
      kind: 'rotation',
      event_type: 'secret.rotated',
      rotated_keys: ['SMTP_PASSWORD'],
      client: {
        generation: (before.client?.generation ?? 0) + 1,
        password_sha256: sha256(VALUES.passwordTwo),
      },
    });
    expect(await settle(owner, rotation?.id ?? '')).toMatchObject({ status: 'delivered' });
    // The extension's own view (GET /seen) now shows the client built with the new value.
    const latest = (await mailer.seen()).at(-1);
    expect(latest?.client?.password_sha256).toBe(sha256(VALUES.passwordTwo));
  });

  it('raises exactly one high-priority notification for more than 25 reads of one key', async () => {
    const readsOf = async (key: string) => {
      const log = await admin('access-log', '--key', key, '--action', 'read', '--json');
      expect(log.code, log.stderr).toBe(0);
      return (JSON.parse(log.stdout) as { entries: unknown[] }).entries.length;
    };
    const anomalies = async () => {
      const listed = await admin('notifications', 'list', '--kind', 'access_anomaly', '--json');
      expect(listed.code, listed.stderr).toBe(0);
      return (
        JSON.parse(listed.stdout) as {
          notifications: { priority: string; details: { key: string; reads: number } }[];
        }
      ).notifications.filter((n) => n.details.key === 'API_TOKEN');
    };
    // Each delivery reads API_TOKEN (installation scope) once: bring it to 25, then past it.
    const invokeTimes = async (times: number) => {
      for (let i = 0; i < times; i++) {
        const id = (
          await owner.deliveries.invoke({ orgId: 'acme', projectKey: 'OPS', extensionId: EXT })
        ).delivery_id;
        expect(await settle(owner, id)).toMatchObject({ status: 'delivered' });
      }
    };
    const before = await readsOf('API_TOKEN');
    expect(before).toBeLessThan(25);
    await invokeTimes(25 - before);
    expect(await readsOf('API_TOKEN')).toBe(25);
    expect(await anomalies()).toEqual([]);
    await invokeTimes(1);
    expect(await anomalies()).toEqual([
      expect.objectContaining({
        priority: 'high',
        details: expect.objectContaining({ reads: 26 }),
      }),
    ]);
    // Once per key per window: more reads raise no second one.
    await invokeTimes(2);
    expect(await anomalies()).toHaveLength(1);
  }, 120_000);

  it('never printed, answered or logged a value', () => {
    const values = Object.values(VALUES);
    for (const text of [...recorder.texts, ...outputs, server.output(), mailer.output()]) {
      for (const value of values) expect(text).not.toContain(value);
    }
  });
});
