// What becomes of a delivery on a real kici-server: 5xx retried with backoff until the attempts
// run out, other 4xx failed at once, a failed one retried by an admin; a missing required key
// fails fast (409, nothing queued) or, deleted after the enqueue, fails the delivery without
// sending, which the installation status shows; the signing secret's rotation window.
import { verifyWebhook } from '@kici/crypto/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDrivers } from '../src/testing.js';
import {
  AT,
  type DeliveryFixture,
  EXT,
  ORG,
  PROJECT,
  settled,
  startDeliveryFixture,
} from './delivery-fixture.js';
import { apiError, startFailure } from './helpers.js';

const INSTALLATION = { orgId: ORG, scope: 'installation', id: `${PROJECT}/${EXT}` } as const;
const EXTENSION = { orgId: ORG, scope: 'extension', id: EXT } as const;

describe.each(testDrivers())('delivery outcomes over HTTP (%s)', (driver) => {
  let f: DeliveryFixture;
  const invoke = async () => (await f.owner.deliveries.invoke(AT)).delivery_id;
  const count = async () => (await f.owner.deliveries.list({ org_id: ORG })).deliveries.length;

  beforeAll(async () => {
    f = await startDeliveryFixture(driver, {
      KICI_DELIVERY_MAX_ATTEMPTS: '3',
      KICI_DELIVERY_RETRY_BASE_MS: '50',
      KICI_DELIVERY_RETRY_MAX_MS: '80',
    });
  }, 120_000);
  afterAll(async () => {
    await f?.server.dispose();
    await f?.receiver.close();
  });

  it('retries 5xx, 408 and 429 until the attempts run out; an admin retries it', async () => {
    f.receiver.answerWith(503, 429, 500);
    const id = await invoke();
    const failed = await settled(f.owner, id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, last_status_code: 500 });
    expect(failed.attempt_log.map((a) => [a.status_code, a.outcome])).toEqual([
      [503, 'retry'],
      [429, 'retry'],
      [500, 'failed'],
    ]);
    const status = await f.owner.extensions.installations.status(ORG, PROJECT, EXT);
    expect(status.delivery).toMatchObject({ last_status: 'failed', last_status_code: 500 });
    expect(status.delivery?.last_error).toContain('500');

    const again = await f.owner.deliveries.retry(id);
    expect(again).toMatchObject({ id, status: 'pending', attempts: 0 });
    expect(await settled(f.owner, id)).toMatchObject({ status: 'delivered', attempts: 1 });
    // Only a failed delivery goes back.
    expect(await apiError(f.owner.deliveries.retry(id))).toMatchObject({ status: 409 });
  });

  it('fails at once on another 4xx, with no retry', async () => {
    f.receiver.answerWith(410);
    const failed = await settled(f.owner, await invoke());
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, last_status_code: 410 });
    expect(failed.attempt_log.map((a) => a.outcome)).toEqual(['failed']);
  });

  it('refuses an invoke while a required key is missing or the installation is disabled', async () => {
    const before = await count();
    await f.owner.extensions.secrets.delete(INSTALLATION, 'SMTP_PASSWORD');
    await f.owner.extensions.secrets.delete(EXTENSION, 'SMTP_PASSWORD');
    const missing = await apiError(f.owner.deliveries.invoke(AT));
    expect(missing).toMatchObject({ status: 409, code: 'conflict' });
    expect(missing.message).toContain('SMTP_PASSWORD');
    expect(missing.message).toContain('kiket extensions secrets set');
    expect(await count()).toBe(before);
    await f.owner.extensions.secrets.set(INSTALLATION, { SMTP_PASSWORD: 'restored-password' });

    await f.owner.extensions.installations.disable(ORG, PROJECT, EXT);
    const disabled = await apiError(f.owner.deliveries.invoke(AT));
    expect(disabled).toMatchObject({ status: 409, code: 'conflict' });
    expect(disabled.message).toContain('kiket marketplace enable');
    expect(await count()).toBe(before);
    await f.owner.extensions.installations.enable(ORG, PROJECT, EXT);
  });

  it('fails a delivery without sending when its required key goes after the enqueue', async () => {
    // The first attempt is held at the receiver, answered 503 once the key is gone.
    const release = f.receiver.hold();
    f.receiver.answerWith(503);
    const sent = f.receiver.requests.length;
    const id = await invoke();
    await f.receiver.nth(sent + 1);
    await f.owner.extensions.secrets.delete(INSTALLATION, 'SMTP_PASSWORD');
    release();
    const failed = await settled(f.owner, id);
    expect(failed.status).toBe('failed');
    expect(failed.attempt_log.at(-1)).toMatchObject({
      status_code: null,
      outcome: 'failed',
      error: 'required secret SMTP_PASSWORD is missing',
    });
    expect(f.receiver.requests.length).toBe(sent + 1);
    const status = await f.owner.extensions.installations.status(ORG, PROJECT, EXT);
    expect(status.delivery).toMatchObject({
      last_status: 'failed',
      last_error: 'required secret SMTP_PASSWORD is missing',
    });
    await f.owner.extensions.secrets.set(INSTALLATION, { SMTP_PASSWORD: 'restored-password' });
  });

  it('signs with both secrets during a rotation window, with the new one alone after', async () => {
    const first = (await f.owner.deliveries.signingSecret.show(AT)).secret;
    const rotated = await f.owner.deliveries.signingSecret.rotate(AT);
    expect(rotated.secret).not.toBe(first);
    expect(rotated.previous_expires_at).not.toBeNull();
    expect(await f.owner.deliveries.signingSecret.show(AT)).toEqual(rotated);

    const sent = f.receiver.requests.length;
    await settled(f.owner, await invoke());
    const during = f.receiver.requests[sent];
    const signatures = String(during?.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    for (const secret of [rotated.secret, first]) {
      expect(() =>
        verifyWebhook({
          headers: during?.headers as never,
          body: during?.body ?? '',
          secrets: secret,
        }),
      ).not.toThrow();
    }

    const third = await f.owner.deliveries.signingSecret.rotate(AT, 0);
    expect(third.previous_expires_at).toBeNull();
    await settled(f.owner, await invoke());
    const after = f.receiver.requests[sent + 1];
    expect(String(after?.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() =>
      verifyWebhook({
        headers: after?.headers as never,
        body: after?.body ?? '',
        secrets: rotated.secret,
      }),
    ).toThrow();
    expect(
      verifyWebhook({
        headers: after?.headers as never,
        body: after?.body ?? '',
        secrets: third.secret,
      }),
    ).toMatchObject({ id: after?.headers['webhook-id'] });
  });
});

describe('KICI_DELIVERY_* configuration', () => {
  it('refuses a value out of range, naming the variable', async () => {
    const cases: [string, string, string][] = [
      ['KICI_DELIVERY_TICK_MS', '5', 'expected an integer from 10 to 3600000'],
      ['KICI_DELIVERY_CONCURRENCY', '0', 'expected an integer from 1 to 1000'],
      ['KICI_DELIVERY_TIMEOUT_MS', 'soon', 'expected an integer from 100 to 60000'],
      ['KICI_DELIVERY_MAX_ATTEMPTS', '101', 'expected an integer from 1 to 100'],
      ['KICI_DELIVERY_RETRY_BASE_MS', '0', 'expected an integer from 1 to 3600000'],
      ['KICI_DELIVERY_RETRY_MAX_MS', '-1', 'expected an integer from 1 to 86400000'],
    ];
    for (const [name, value, expected] of cases) {
      const failure = await startFailure({ [name]: value });
      expect(failure?.message).toContain(`Invalid configuration: ${name}: ${expected}`);
    }
    const inverted = await startFailure({
      KICI_DELIVERY_RETRY_BASE_MS: '5000',
      KICI_DELIVERY_RETRY_MAX_MS: '1000',
    });
    expect(inverted?.message).toContain(
      'KICI_DELIVERY_RETRY_BASE_MS: expected at most KICI_DELIVERY_RETRY_MAX_MS',
    );
  }, 120_000);
});
