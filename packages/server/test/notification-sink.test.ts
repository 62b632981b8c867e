// The operator's notification sink: a real kici-server posts each notification to a real
// local receiver that verifies the Standard Webhooks signature; a 5xx is retried with the
// same webhook-id. Bad sink settings stop the start, naming the variable.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AdminClient, createAdminClient } from '@kici/contracts';
import { generateWebhookSecret, verifyWebhook } from '@kici/crypto/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/testing.js';
import { startFailure } from './helpers.js';

const EXT = 'com.example.mailer';
const SECRET = generateWebhookSecret();

interface Received {
  readonly id: string;
  readonly verified: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: the test reads its own fields
  readonly body: any;
}

/** A receiver that answers 503 to the first delivery of each id, then 204. */
async function startReceiver() {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = false;
      try {
        verifyWebhook({ headers: req.headers, body, secrets: SECRET });
        verified = true;
      } catch {}
      const id = String(req.headers['webhook-id']);
      const first = !received.some((r) => r.id === id);
      received.push({ id, verified, body: JSON.parse(body) });
      res.writeHead(first ? 503 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/kici`, received, close: () => server.close() };
}

describe('notification webhook sink', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let server: TestServer;
  let owner: AdminClient;

  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startTestServer({
      driver: 'pglite',
      env: {
        KICI_NOTIFY_WEBHOOK_URL: receiver.url,
        KICI_NOTIFY_WEBHOOK_SECRET: SECRET,
        KICI_NOTIFY_TICK_MS: '200',
      },
    });
    owner = createAdminClient({ baseUrl: server.url, token: server.token });
    await owner.extensions.catalog.put(EXT, { extension: { configuration: {} } });
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
    receiver?.close();
  });

  it('posts each notification signed, and retries a 5xx with the same id', async () => {
    await owner.extensions.secrets.set(
      { orgId: 'acme', scope: 'extension', id: EXT },
      { SMTP_PASSWORD: 'sink-secret-value' },
    );
    await owner.monitoring.rotationPolicy.set('acme', 1, 1);
    expect((await owner.monitoring.rotationAudit('acme')).reminded).toBe(1);
    const [listed] = (await owner.monitoring.notifications.list({ org_id: 'acme' })).notifications;
    const deadline = Date.now() + 20_000;
    while (receiver.received.length < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received.map((r) => [r.id, r.verified])).toEqual([
      [`ntf_${listed?.id}`, true],
      [`ntf_${listed?.id}`, true],
    ]);
    expect(receiver.received[1]?.body).toEqual({
      type: 'Notification',
      notification: {
        id: listed?.id,
        org_id: 'acme',
        kind: 'rotation_reminder',
        priority: 'normal',
        title: listed?.title,
        details: listed?.details,
        recipients: ['bootstrap'],
        created_at: listed?.created_at,
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.received).toHaveLength(2); // delivered: never posted again
    expect(JSON.stringify(receiver.received)).not.toContain('sink-secret-value');
  }, 60_000);

  it('refuses a sink without a valid secret or URL, naming the variable', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ KICI_NOTIFY_WEBHOOK_URL: 'http://127.0.0.1:1/x' }, 'KICI_NOTIFY_WEBHOOK_SECRET'],
      [
        { KICI_NOTIFY_WEBHOOK_URL: 'ftp://x', KICI_NOTIFY_WEBHOOK_SECRET: SECRET },
        'KICI_NOTIFY_WEBHOOK_URL: expected an http:// or https:// URL',
      ],
      [{ KICI_NOTIFY_WEBHOOK_SECRET: SECRET }, 'KICI_NOTIFY_WEBHOOK_URL is not'],
      [{ KICI_ACCESS_ALERT_READS: '0' }, 'KICI_ACCESS_ALERT_READS: expected an integer from 1'],
      [{ KICI_ACCESS_ALERT_WINDOW_MINUTES: 'x' }, 'KICI_ACCESS_ALERT_WINDOW_MINUTES: expected'],
      [{ KICI_ROTATION_AUDIT_INTERVAL_MS: '5' }, 'KICI_ROTATION_AUDIT_INTERVAL_MS: expected'],
    ];
    for (const [env, expected] of cases) {
      const failure = await startFailure(env);
      expect(failure?.message).toContain(expected);
      expect(failure?.message).not.toContain(SECRET);
    }
  }, 120_000);
});
