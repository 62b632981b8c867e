// Deliveries and the access log wired together by createCore, on every driver: each delivery's
// resolution counts one read per key it sent (source `delivery`, with its delivery id), 26
// deliveries in one window raise exactly one access anomaly per key, and a rotation writes its
// access row.
import { describe, expect, it } from 'vitest';
import { testDrivers } from '../src/testing.js';
import {
  drain,
  installMailer,
  mailerManifest,
  ORG,
  openCore,
  owner,
  ref,
  startReceiver,
} from './delivery-fixture.js';
import { useTestStore } from './use-test-store.js';

describe.each(testDrivers())('delivery reads in the access log on %s', (driver) => {
  const t = useTestStore(driver);

  it('logs every read of 26 deliveries and raises one anomaly per key', async () => {
    const receiver = await startReceiver([200]);
    try {
      const core = await openCore(t.store);
      await installMailer(core, mailerManifest(receiver.url));
      const ids: string[] = [];
      for (let n = 0; n < 26; n += 1) {
        const queued = await core.deliveries.invoke(owner, ref, { type: 'issue.created' });
        expect((await drain(core, queued.id)).status).toBe('delivered');
        ids.push(queued.id);
      }
      const reads = await core.accessLog.query(owner, {
        orgId: ORG,
        key: 'SMTP_PASSWORD',
        action: 'read',
        limit: 100,
      });
      expect(reads).toHaveLength(26);
      expect(reads[0]).toMatchObject({
        source: 'delivery',
        scopeRef: { scope: 'installation', id: `OPS/${ref.extensionId}` },
      });
      expect(new Set(reads.map((r) => r.deliveryId))).toEqual(new Set(ids));
      const anomalies = await core.notifications.list(owner, {
        orgId: ORG,
        kind: 'access_anomaly',
        limit: 50,
      });
      const keys = anomalies.map((n) => n.details.key).sort();
      expect(keys).toContain('SMTP_PASSWORD');
      expect(keys).toEqual([...new Set(keys)]); // one per key
      expect(JSON.stringify(anomalies)).not.toContain('hunter2');
    } finally {
      await receiver.close();
    }
  }, 120_000);

  it('writes the rotation access row with the rotation', async () => {
    const core = await openCore(t.store);
    await core.extensions.secrets.rotate(
      { ...owner, source: 'cli' },
      { orgId: ORG, scope: 'installation', id: `OPS/${ref.extensionId}` },
      'SMTP_PASSWORD',
      'hunter3-password-value',
    );
    const [row] = await core.accessLog.query(owner, { orgId: ORG, action: 'rotate', limit: 1 });
    expect(row).toMatchObject({ key: 'SMTP_PASSWORD', source: 'cli', actor: 'token:bootstrap' });
  });
});
