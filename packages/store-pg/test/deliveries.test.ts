// Deliveries to extensions through core over the real store, on every driver (PGlite always,
// PostgreSQL when KICI_TEST_DATABASE_URL is set), to real node:http receivers.
import { type Core, type DeliveryRead, KiciError } from '@kici/core';
import { verifyWebhook } from '@kici/crypto/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDrivers } from '../src/testing.js';
import {
  drain,
  EXT,
  event,
  installMailer,
  mailerManifest,
  ORG,
  openCore,
  owner,
  ref,
  refusal,
  startReceiver,
} from './delivery-fixture.js';
import { useTestStore } from './use-test-store.js';

describe.each(testDrivers())('deliveries on %s', (driver) => {
  const t = useTestStore(driver);
  let core: Core;
  const reads: DeliveryRead[] = [];
  const receivers: { close(): Promise<void> }[] = [];
  const receiver = async (plan?: (number | 'hang')[]) => {
    const started = await startReceiver(plan);
    receivers.push(started);
    return started;
  };

  beforeAll(async () => {
    core = await openCore(t.store, {
      recordReads: async (_tx, batch) => {
        reads.push(...batch);
      },
    });
  }, 120_000);
  afterAll(async () => {
    core?.deliveries.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  it('refuses an invoke that cannot be delivered, in order, writing nothing', async () => {
    const { url } = await receiver();
    // 404: no such installation.
    expect((await refusal(core.deliveries.invoke(owner, ref, event))).code).toBe('not_found');
    await installMailer(core, mailerManifest(url));
    // 409: disabled.
    await core.extensions.gate.disable(owner, ref);
    const disabled = await refusal(core.deliveries.invoke('dispatcher', ref, event));
    expect(disabled.code).toBe('conflict');
    expect(disabled.message).toBe(
      `Installation OPS/${EXT} is disabled: enable it with \`kiket marketplace enable ${EXT} --project OPS\``,
    );
    await core.extensions.gate.enable(owner, ref);
    // 409: a required key (and a requested key) missing, named.
    const install = { orgId: ORG, scope: 'installation' as const, id: `OPS/${EXT}` };
    const project = { orgId: ORG, scope: 'project' as const, id: 'OPS' };
    await core.extensions.secrets.delete(owner, install, 'SMTP_PASSWORD');
    await core.extensions.secrets.delete(owner, project, 'EXTRA_KEY');
    const missing = await refusal(core.deliveries.invoke(owner, ref, event));
    expect(missing.code).toBe('conflict');
    expect(missing.message).toMatch(
      /^required secrets missing: EXTRA_KEY, SMTP_PASSWORD: set them with `kiket extensions secrets set/,
    );
    await core.extensions.secrets.set(owner, install, { SMTP_PASSWORD: 'hunter2-password-value' });
    await core.extensions.secrets.set(owner, project, { EXTRA_KEY: 'extra-value-1' });
    // 409: no callback in the manifest.
    const bare = 'com.example.bare';
    await core.extensions.model.putCatalog(owner, bare, { extension: { name: 'Bare' } });
    const bareRef = { ...ref, extensionId: bare };
    await core.extensions.model.putInstallation(owner, bareRef, null);
    await core.extensions.gate.enable(owner, bareRef);
    const noCallback = await refusal(core.deliveries.invoke(owner, bareRef, event));
    expect(noCallback.code).toBe('conflict');
    expect(noCallback.message).toContain('delivery.callback.url');
    // A bad event type is named.
    const badType = await refusal(core.deliveries.invoke(owner, ref, { type: 'Issue Created' }));
    expect([badType.code, badType.field]).toEqual(['invalid_input', 'event.type']);
    // An auditor may not invoke.
    const auditor = { ...owner, tokenId: 'aud', role: 'auditor' as const };
    expect((await refusal(core.deliveries.invoke(auditor, ref, event))).code).toBe('forbidden');
    expect(await core.deliveries.list(owner, { orgId: ORG })).toEqual([]);
    expect(await core.deliveries.work()).toBe(0);
  });

  it('delivers the installation’s secrets by hierarchy, signed, to a real receiver', async () => {
    const target = await receiver([200]);
    await core.extensions.model.putCatalog(owner, EXT, mailerManifest(target.url));
    const queued = await core.deliveries.invoke('dispatcher', ref, event);
    expect(queued).toMatchObject({
      status: 'pending',
      kind: 'invocation',
      eventType: 'issue.created',
      attempts: 0,
      maxAttempts: 4,
      createdBy: 'dispatcher',
    });
    expect(queued.id).toMatch(/^msg_[0-9A-HJKMNP-TV-Z]{26}$/);
    reads.length = 0;
    const done = await drain(core, queued.id);
    expect(done).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200 });
    expect(target.received).toHaveLength(1);
    const got = target.received[0] as (typeof target.received)[number];
    const { secret } = await core.deliveries.signingSecret.reveal(owner, ref);
    expect(secret).toMatch(/^whsec_/);
    expect(
      verifyWebhook({ headers: got.headers as never, body: got.body, secrets: secret }),
    ).toEqual(expect.objectContaining({ id: queued.id }));
    expect(got.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'kici-orchestrator',
      'x-kici-event': 'issue.created',
      'x-kici-attempt': '1',
      'webhook-id': queued.id,
    });
    const body = JSON.parse(got.body);
    expect(body).toEqual({
      type: 'ExtensionInvocation',
      id: queued.id,
      attempt: 1,
      created_at: queued.createdAt.toISOString(),
      event: { type: 'issue.created', payload: { issue: 42 } },
      installation: { org_id: ORG, project_key: 'OPS', extension_id: EXT, product_id: null },
      secrets: {
        SMTP_HOST: 'smtp.example.com',
        SMTP_PASSWORD: 'hunter2-password-value',
        EXTRA_KEY: 'extra-value-1',
      },
      secret_meta: {
        SMTP_HOST: { backend: 'pg', scope: { scope: 'extension', id: EXT } },
        SMTP_PASSWORD: { backend: 'pg', scope: { scope: 'installation', id: `OPS/${EXT}` } },
        EXTRA_KEY: { backend: 'pg', scope: { scope: 'project', id: 'OPS' } },
      },
      secret_status: { missing: ['FOOTER', 'SMTP_TLS'] },
      configuration: { CHANNEL_ID: 'C123' },
    });
    // One read per key resolved and sent, for the access log.
    expect(reads.map((r) => `${r.key}@${r.scope}`).sort()).toEqual([
      `CHANNEL_ID@pg:__ext__/installation/OPS/${EXT}`,
      'EXTRA_KEY@pg:__ext__/project/OPS',
      `SMTP_HOST@pg:__ext__/extension/${EXT}`,
      `SMTP_PASSWORD@pg:__ext__/installation/OPS/${EXT}`,
    ]);
    expect(reads.every((r) => r.deliveryId === queued.id && r.source === 'delivery')).toBe(true);
    const shown = await core.deliveries.show(owner, queued.id);
    expect(shown.attemptLog).toEqual([
      expect.objectContaining({ attempt: 1, statusCode: 200, outcome: 'delivered', error: null }),
    ]);
    expect(shown.eventPayload).toEqual({ issue: 42 });
    const auditor = { ...owner, tokenId: 'aud', role: 'auditor' as const };
    const asAuditor = await core.deliveries.show(auditor, queued.id).catch((e: KiciError) => e);
    if (!(asAuditor instanceof KiciError)) expect(asAuditor).not.toHaveProperty('eventPayload');
    const status = await core.extensions.gate.status(owner, ref);
    expect(status.delivery).toMatchObject({ lastStatus: 'delivered', lastError: null });
    expect(await core.deliveries.lastDelivery(ref)).toMatchObject({ id: queued.id });
  });

  it('retries 5xx with capped exponential backoff, then delivers under the same id', async () => {
    const target = await receiver([500, 503, 200]);
    await core.extensions.model.putCatalog(owner, EXT, mailerManifest(target.url));
    const queued = await core.deliveries.invoke(owner, ref, event);
    const done = await drain(core, queued.id);
    expect(done).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200 });
    expect(target.received.map((r) => r.headers['x-kici-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(target.received.map((r) => r.headers['webhook-id']))).toEqual(
      new Set([queued.id]),
    );
    const { attemptLog } = await core.deliveries.show(owner, queued.id);
    expect(attemptLog.map((a) => [a.outcome, a.statusCode])).toEqual([
      ['retry', 500],
      ['retry', 503],
      ['delivered', 200],
    ]);
    expect(attemptLog[0]?.error).toMatch(/^HTTP 500 from 127\.0\.0\.1:\d+$/);
    // base 20 ms, ±20%: at least 16 ms, then 32 ms, between attempts.
    const gap = (i: number) =>
      (attemptLog[i]?.startedAt.getTime() ?? 0) - (attemptLog[i - 1]?.startedAt.getTime() ?? 0);
    expect(gap(1)).toBeGreaterThanOrEqual(16);
    expect(gap(2)).toBeGreaterThanOrEqual(32);
  });

  it('fails a 4xx at once, retries 429, and fails when the attempts run out', async () => {
    const gone = await receiver([404]);
    await core.extensions.model.putCatalog(owner, EXT, mailerManifest(gone.url));
    const first = await drain(core, (await core.deliveries.invoke(owner, ref, event)).id);
    expect(first).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 404 });
    expect(first.lastError).toMatch(/^HTTP 404 from 127\.0\.0\.1:\d+$/);
    expect(first.completedAt).toBeInstanceOf(Date);

    const limited = await receiver([429, 200]);
    await core.extensions.model.putCatalog(owner, EXT, mailerManifest(limited.url));
    const second = await drain(core, (await core.deliveries.invoke(owner, ref, event)).id);
    expect(second).toMatchObject({ status: 'delivered', attempts: 2 });

    const down = await receiver([503]);
    await core.extensions.model.putCatalog(owner, EXT, mailerManifest(down.url));
    const third = await drain(core, (await core.deliveries.invoke(owner, ref, event)).id);
    expect(third).toMatchObject({ status: 'failed', attempts: 4, lastStatusCode: 503 });
    expect(third.lastError).toContain('attempts exhausted (4)');
    expect(down.received).toHaveLength(4);

    // A failed delivery goes back to pending with its attempts reset; anything else is 409.
    const requeued = await core.deliveries.retry(owner, third.id);
    expect(requeued).toMatchObject({ status: 'pending', attempts: 0, completedAt: null });
    expect((await refusal(core.deliveries.retry(owner, second.id))).code).toBe('conflict');
    const again = await drain(core, third.id);
    expect(again).toMatchObject({ status: 'failed', attempts: 4 });
    expect((await core.deliveries.show(owner, third.id)).attemptLog).toHaveLength(8);
    expect((await core.deliveries.list(owner, { orgId: ORG, status: 'failed' })).length).toBe(2);
  });

  it('retries an attempt that times out', async () => {
    const slow = await receiver(['hang', 200]);
    await core.extensions.model.putCatalog(
      owner,
      EXT,
      mailerManifest(slow.url, {
        callback: { url: slow.url, secret_keys: ['EXTRA_KEY'], timeout_ms: 200 },
      }),
    );
    const done = await drain(core, (await core.deliveries.invoke(owner, ref, event)).id);
    expect(done).toMatchObject({ status: 'delivered', attempts: 2 });
    const { attemptLog } = await core.deliveries.show(owner, done.id);
    expect(attemptLog[0]).toMatchObject({ outcome: 'retry', statusCode: null });
    expect(attemptLog[0]?.error).toMatch(/^timed out after 200 ms \(127\.0\.0\.1:\d+\)$/);
  });

  it('fails fast without sending when a required key was deleted after the invoke', async () => {
    const target = await receiver([200]);
    await core.extensions.model.putCatalog(owner, EXT, mailerManifest(target.url));
    const queued = await core.deliveries.invoke(owner, ref, event);
    const install = { orgId: ORG, scope: 'installation' as const, id: `OPS/${EXT}` };
    await core.extensions.secrets.delete(owner, install, 'SMTP_PASSWORD');
    const done = await drain(core, queued.id);
    expect(done).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastStatusCode: null,
      lastError: 'required secret SMTP_PASSWORD is missing',
    });
    expect(target.received).toEqual([]);
    expect((await core.deliveries.show(owner, queued.id)).attemptLog).toEqual([
      expect.objectContaining({
        statusCode: null,
        outcome: 'failed',
        error: 'required secret SMTP_PASSWORD is missing',
      }),
    ]);
    expect((await core.extensions.gate.status(owner, ref)).delivery).toMatchObject({
      lastStatus: 'failed',
      lastError: 'required secret SMTP_PASSWORD is missing',
    });
    await core.extensions.secrets.set(owner, install, { SMTP_PASSWORD: 'hunter2-password-value' });
  });
});
