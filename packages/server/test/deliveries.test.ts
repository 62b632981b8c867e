// Deliveries over HTTP on a real kici-server: a test invoke and the dispatcher's invocation are
// queued (202), delivered signed to a real node:http receiver with the installation's values
// by hierarchy, listed and shown with their attempts; permissions and bad input are refused.
import { type AdminClient, createAdminClient } from '@kici/contracts';
import { verifyWebhook } from '@kici/crypto/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDrivers } from '../src/testing.js';
import {
  AT,
  type DeliveryFixture,
  EXT,
  expectNoValue,
  ORG,
  PROJECT,
  settled,
  startDeliveryFixture,
  VALUES,
} from './delivery-fixture.js';
import { apiError, internalPost } from './helpers.js';

describe.each(testDrivers())('deliveries over HTTP (%s)', (driver) => {
  let f: DeliveryFixture;
  let auditor: AdminClient;
  const invokePath = () =>
    `${f.server.url}/api/v1/extensions/installations/${ORG}/${PROJECT}/${EXT}/invoke`;

  beforeAll(async () => {
    f = await startDeliveryFixture(driver);
    const { token } = await f.owner.tokens.create({ label: 'review', role: 'auditor' });
    auditor = createAdminClient({ baseUrl: f.server.url, token });
  }, 120_000);
  afterAll(async () => {
    await f?.server.dispose();
    await f?.receiver.close();
  });

  it('queues a test invoke (202) and delivers it signed, values by hierarchy', async () => {
    const answer = await fetch(invokePath(), {
      method: 'POST',
      headers: { authorization: `Bearer ${f.server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ payload: { hello: 'world' } }),
    });
    expect(answer.status).toBe(202);
    const queued = (await answer.json()) as { delivery_id: string; status: string };
    expect(queued).toEqual({ delivery_id: expect.stringMatching(/^msg_/), status: 'pending' });

    const received = await f.receiver.nth(1);
    const { secret } = await f.owner.deliveries.signingSecret.show(AT);
    expect(secret).toMatch(/^whsec_/);
    expect(
      verifyWebhook({ headers: received.headers as never, body: received.body, secrets: secret }),
    ).toMatchObject({ id: queued.delivery_id });
    expect(received.headers).toMatchObject({
      'content-type': 'application/json',
      'webhook-id': queued.delivery_id,
      'user-agent': 'kici-orchestrator',
      'x-kici-event': 'kiket.test',
      'x-kici-attempt': '1',
    });
    expect(received.json).toMatchObject({
      type: 'ExtensionInvocation',
      id: queued.delivery_id,
      attempt: 1,
      event: { type: 'kiket.test', payload: { hello: 'world' } },
      installation: { org_id: ORG, project_key: PROJECT, extension_id: EXT, product_id: null },
      secrets: {
        SMTP_HOST: VALUES.extHost,
        SMTP_PASSWORD: VALUES.instPassword,
        EXTRA_KEY: VALUES.orgExtra,
      },
      secret_status: { missing: ['OPTIONAL_TOKEN'] },
      configuration: { SMTP_PORT: '2525' },
    });
    expect(Object.keys(received.json.secrets).sort()).toEqual([
      'EXTRA_KEY',
      'SMTP_HOST',
      'SMTP_PASSWORD',
    ]);
    expect(received.json.secret_meta.SMTP_HOST).toMatchObject({
      scope: { scope: 'extension', id: EXT },
    });
    expect(received.json.secret_meta.SMTP_PASSWORD).toMatchObject({
      scope: { scope: 'installation', id: `${PROJECT}/${EXT}` },
    });

    const detail = await settled(f.owner, queued.delivery_id);
    expect(detail).toMatchObject({
      id: queued.delivery_id,
      org_id: ORG,
      project_key: PROJECT,
      extension_id: EXT,
      kind: 'invocation',
      event_type: 'kiket.test',
      status: 'delivered',
      attempts: 1,
      last_status_code: 200,
      last_error: null,
    });
    expect(detail.attempt_log).toEqual([
      expect.objectContaining({ attempt: 1, status_code: 200, outcome: 'delivered', error: null }),
    ]);
    const listed = await f.owner.deliveries.list({ org_id: ORG, status: 'delivered' });
    expect(listed.deliveries.map((d) => d.id)).toContain(queued.delivery_id);
    expect(listed.deliveries[0]).not.toHaveProperty('event_payload');
    const status = await f.owner.extensions.installations.status(ORG, PROJECT, EXT);
    expect(status.delivery).toMatchObject({
      last_status: 'delivered',
      last_status_code: 200,
      last_error: null,
    });
    expectNoValue(JSON.stringify([detail, listed, status]));
  });

  it("takes the dispatcher's invocation with its credential only", async () => {
    const body = {
      org_id: ORG,
      project_key: PROJECT,
      extension_id: EXT,
      event: { type: 'issue.created', payload: { issue: 'OPS-1' } },
    };
    expect((await internalPost(f.server, '/extensions/invocations', body, 'wrong')).status).toBe(
      401,
    );
    const answer = await internalPost(f.server, '/extensions/invocations', body);
    expect(answer.status).toBe(202);
    const { delivery_id: id } = (await answer.json()) as { delivery_id: string };
    const detail = await settled(f.owner, id);
    expect(detail).toMatchObject({ status: 'delivered', created_by: 'dispatcher' });
    // The event's own payload: shown with event_log.read_payload (owner), not to an auditor.
    expect(detail.event_payload).toEqual({ issue: 'OPS-1' });
    const seen = await auditor.deliveries.show(id);
    expect(seen).toMatchObject({ id, status: 'delivered' });
    expect(seen).not.toHaveProperty('event_payload');
    const received = f.receiver.requests.find((r) => r.headers['webhook-id'] === id);
    expect(received?.json.event).toEqual({ type: 'issue.created', payload: { issue: 'OPS-1' } });
  });

  it('asks each route its permission', async () => {
    expect(await apiError(auditor.deliveries.invoke(AT))).toMatchObject({
      status: 403,
      message: expect.stringContaining('context.update'),
    });
    const [latest] = (await auditor.deliveries.list({ org_id: ORG })).deliveries;
    expect(latest).toBeDefined();
    expect((await apiError(auditor.deliveries.retry(latest?.id ?? ''))).status).toBe(403);
    expect((await apiError(auditor.deliveries.signingSecret.show(AT))).status).toBe(403);
    expect((await apiError(auditor.deliveries.signingSecret.rotate(AT))).status).toBe(403);
  });

  it('refuses bad input naming the field, and unknown installations and deliveries', async () => {
    const post = (url: string, body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${f.server.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await post(invokePath(), { event_type: 'Not An Event' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: 'event_type' } });
    const get = (path: string) =>
      fetch(`${f.server.url}/api/v1/extensions${path}`, {
        headers: { authorization: `Bearer ${f.server.token}` },
      });
    for (const [path, field] of [
      ['/deliveries?org_id=acme&limit=0', 'limit'],
      ['/deliveries?org_id=acme&status=lost', 'status'],
      ['/deliveries', 'org_id'],
      ['/deliveries/msg_nope', 'deliveryId'],
    ] as const) {
      const answer = await get(path);
      expect([path, answer.status]).toEqual([path, 400]);
      expect(await answer.json()).toMatchObject({ error: { field } });
    }
    const internal = await internalPost(f.server, '/extensions/invocations', {
      org_id: ORG,
      project_key: PROJECT,
      extension_id: EXT,
    });
    expect(internal.status).toBe(400);
    expect(await internal.json()).toMatchObject({ error: { field: 'event' } });
    const window = await post(`${invokePath().replace(/invoke$/, 'signing-secret/rotate')}`, {
      window_seconds: -1,
    });
    expect(window.status).toBe(400);
    expect(await window.json()).toMatchObject({ error: { field: 'window_seconds' } });

    const missing = { ...AT, extensionId: 'com.example.absent' };
    expect((await apiError(f.owner.deliveries.invoke(missing))).status).toBe(404);
    const unknown = await apiError(f.owner.deliveries.show('msg_00000000000000000000000000'));
    expect(unknown.status).toBe(404);
  });
});
