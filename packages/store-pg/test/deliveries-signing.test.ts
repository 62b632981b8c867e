// Webhook signing secrets on every driver: both signatures during a rotation window, one
// after; revealed to secret.reveal only; gone with their installation.
import { type Core, SIGNING_SECRET_KEY, signingSecretScope } from '@kici/core';
import { verifyWebhook } from '@kici/crypto/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDrivers } from '../src/testing.js';
import {
  drain,
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

describe.each(testDrivers())('signing secrets on %s', (driver) => {
  const t = useTestStore(driver);
  let core: Core;
  let target: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    core = await openCore(t.store);
    target = await startReceiver([200]);
    await installMailer(core, mailerManifest(target.url));
  }, 120_000);
  afterAll(async () => {
    core?.deliveries.close();
    await target?.close();
  });

  it('signs with both secrets during a signing-secret rotation window, then with one', async () => {
    const { secret: old } = await core.deliveries.signingSecret.reveal(owner, ref);
    const rotated = await core.deliveries.signingSecret.rotate(owner, ref, 3600);
    expect(rotated.secret).not.toBe(old);
    expect(rotated.previousExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(JSON.stringify(await core.deliveries.signingSecret.reveal(owner, ref))).not.toContain(
      old,
    );
    await drain(core, (await core.deliveries.invoke(owner, ref, event)).id);
    const [during] = target.received;
    const signatures = String(during?.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    const check = (secret: string, at = during) =>
      verifyWebhook({ headers: at?.headers as never, body: at?.body ?? '', secrets: secret });
    expect(() => check(rotated.secret)).not.toThrow();
    expect(() => check(old)).not.toThrow();

    const dropped = await core.deliveries.signingSecret.rotate(owner, ref, 0);
    expect(dropped.previousExpiresAt).toBeNull();
    await drain(core, (await core.deliveries.invoke(owner, ref, event)).id);
    const after = target.received[1];
    expect(String(after?.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() => check(dropped.secret, after)).not.toThrow();
    expect(() => check(rotated.secret, after)).toThrow();
    const auditor = { ...owner, tokenId: 'aud', role: 'auditor' as const };
    expect((await refusal(core.deliveries.signingSecret.reveal(auditor, ref))).code).toBe(
      'forbidden',
    );
  });

  it('deletes the signing secret with its installation, which it does not make “hold” secrets', async () => {
    const quiet = { ...ref, extensionId: 'com.example.signed' };
    await core.extensions.model.putCatalog(owner, quiet.extensionId, { extension: {} });
    await core.extensions.model.putInstallation(owner, quiet, null);
    await core.deliveries.signingSecret.reveal(owner, quiet);
    const scope = signingSecretScope('OPS', quiet.extensionId);
    expect(await t.store.secrets.find(ORG, scope, SIGNING_SECRET_KEY)).toBeDefined();
    // No confirm needed: the installation itself holds no secret.
    await core.extensions.deletes.deleteInstallation(owner, quiet, false);
    expect(await t.store.secrets.find(ORG, scope, SIGNING_SECRET_KEY)).toBeUndefined();
    // With its project, too.
    await core.extensions.model.putInstallation(owner, quiet, null);
    await core.deliveries.signingSecret.rotate(owner, quiet, 0);
    expect(await t.store.secrets.find(ORG, scope, SIGNING_SECRET_KEY)).toBeDefined();
    await core.extensions.deletes.deleteProject(owner, ORG, 'OPS', true);
    expect(await t.store.secrets.find(ORG, scope, SIGNING_SECRET_KEY)).toBeUndefined();
    expect(await core.deliveries.list(owner, { orgId: ORG })).toEqual([]);
  });
});
