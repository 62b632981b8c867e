// Delivery failures end to end, with the SDK's example extension as a real process: a missing
// required key fails fast (409, nothing queued, the CLI exits 1); a key deleted after the
// enqueue fails the delivery without sending, and the installation status shows it; a server
// restarted with a pending delivery still delivers it (the outbox is in PostgreSQL); and after
// all of it, no table holds a value.
import type { AdminClient } from '@kici/contracts';
import type { TestServer } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from './cli-process.js';
import { containsBytes, dumpEverything, openDirect } from './database.js';
import {
  attempted,
  EXT,
  INSTALLATION_ID,
  installMailer,
  settle,
  VALUES,
} from './delivery-setup.js';
import { type Mailer, startMailer } from './mailer.js';
import {
  type Cluster,
  clientOf,
  createCluster,
  createRecorder,
  singleDriver,
} from './orchestrator.js';

const INSTALLATION = { orgId: 'acme', scope: 'installation', id: INSTALLATION_ID } as const;

describe('extension delivery failures end to end', () => {
  const recorder = createRecorder();
  const outputs: string[] = [];
  let cluster: Cluster;
  let server: TestServer;
  let owner: AdminClient;
  let mailer: Mailer;
  let signingSecret: string;
  const env = () => ({
    KICI_ADMIN_URL: server.url,
    KICI_ADMIN_TOKEN: server.token,
    KICI_ORG_ID: 'acme',
  });
  const admin = cliRunner('kici-admin', env, outputs);
  const invoke = async () =>
    (await owner.deliveries.invoke({ orgId: 'acme', projectKey: 'OPS', extensionId: EXT }))
      .delivery_id;
  const restartMailer = async () => {
    mailer = await startMailer({ KIKET_SIGNING_SECRET: signingSecret, PORT: String(mailer.port) });
  };

  beforeAll(async () => {
    // Short backoff: an attempt refused by a stopped extension comes back within a second.
    cluster = createCluster(singleDriver(), {
      KICI_DELIVERY_TICK_MS: '100',
      KICI_DELIVERY_RETRY_BASE_MS: '400',
      KICI_DELIVERY_RETRY_MAX_MS: '800',
    });
    server = await cluster.start();
    owner = clientOf(server, recorder);
    ({ mailer, secret: signingSecret } = await installMailer(owner));
  }, 180_000);

  afterAll(async () => {
    await mailer?.stop();
    await cluster?.dispose();
  });

  it('fails fast on a missing required key: 409, nothing queued, the CLI exits 1', async () => {
    const before = (await owner.deliveries.list({ org_id: 'acme' })).deliveries.length;
    await owner.extensions.secrets.delete(INSTALLATION, 'API_TOKEN');
    const run = await admin('extensions', 'invoke', EXT, '--project', 'OPS', '--wait');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: required secrets missing: API_TOKEN/);
    expect(run.stderr).toContain('kiket extensions secrets set');
    expect((await owner.deliveries.list({ org_id: 'acme' })).deliveries).toHaveLength(before);
    await owner.extensions.secrets.set(INSTALLATION, { API_TOKEN: VALUES.apiToken });
  });

  it('fails a delivery whose required key is deleted after the enqueue; the status shows it', async () => {
    await mailer.stop();
    const id = await invoke();
    // The extension is down: the first attempt is refused and retried.
    expect((await attempted(owner, id)).attempt_log[0]).toMatchObject({
      status_code: null,
      outcome: 'retry',
    });
    await owner.extensions.secrets.delete(INSTALLATION, 'API_TOKEN');
    const failed = await settle(owner, id);
    expect(failed).toMatchObject({
      status: 'failed',
      last_error: 'required secret API_TOKEN is missing',
    });
    expect(failed.attempt_log.at(-1)).toMatchObject({ status_code: null, outcome: 'failed' });
    const status = await admin('marketplace', 'status', '--project', 'OPS', '--json');
    expect(JSON.parse(status.stdout).installations[0].delivery).toMatchObject({
      last_status: 'failed',
      last_error: 'required secret API_TOKEN is missing',
    });
    await owner.extensions.secrets.set(INSTALLATION, { API_TOKEN: VALUES.apiToken });
    await restartMailer();
  });

  it('delivers a pending delivery after the server restarts (the outbox)', async () => {
    await mailer.stop();
    const id = await invoke();
    expect((await attempted(owner, id)).status).toBe('pending');
    await server.stop();
    await restartMailer();
    server = await cluster.start({}, { restartOf: server });
    owner = clientOf(server, recorder);
    const seen = await mailer.waitFor(id);
    expect(seen).toMatchObject({ kind: 'invocation', smtp_host: VALUES.extHost });
    expect(seen.attempt).toBeGreaterThan(1);
    expect(await settle(owner, id)).toMatchObject({ status: 'delivered' });
  });

  it('leaves no value in any table, answer or output', async () => {
    // A rotation webhook too: its delivery row and attempts are in the dump.
    await owner.extensions.secrets.set(
      { orgId: 'acme', scope: 'extension', id: EXT },
      { SMTP_PASSWORD: VALUES.passwordTwo },
    );
    const rotation = (await owner.deliveries.list({ org_id: 'acme' })).deliveries.find(
      (d) => d.kind === 'rotation',
    );
    expect(await settle(owner, rotation?.id ?? '')).toMatchObject({ status: 'delivered' });
    await server.stop();
    const store = await openDirect(server);
    const values = [...Object.values(VALUES), signingSecret];
    try {
      const cells = await dumpEverything(store);
      expect(cells.some((c) => c.where.includes('ext_deliveries'))).toBe(true);
      for (const cell of cells) {
        for (const value of values) {
          if (cell.text !== undefined) expect(cell.text.includes(value), cell.where).toBe(false);
          if (cell.bytes) {
            const found = containsBytes(cell.bytes, new TextEncoder().encode(value));
            expect(found, cell.where).toBe(false);
          }
        }
      }
    } finally {
      await store.close();
    }
    for (const text of [...recorder.texts, ...outputs, ...cluster.servers.map((s) => s.output())]) {
      for (const value of Object.values(VALUES)) expect(text).not.toContain(value);
    }
  });
});
