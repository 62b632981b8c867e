// The access log and its anomaly alert over a real store, both drivers: writes logged in the
// write's own transaction, delivery reads counted per window in PostgreSQL, one notification
// per key per window, also with concurrent calls and two instances on one database.
import { testDrivers } from '@kici/store-pg/testing';
import { describe, expect, it } from 'vitest';
import {
  auditor,
  EXT,
  EXT_SCOPE,
  ORG,
  owner,
  reads,
  useAccessFixture,
} from './access-core-fixture.js';

const WINDOW_MS = 15 * 60_000;
const at = { orgId: ORG, scope: 'extension' as const, id: EXT };

describe.each(testDrivers())('access log on %s', (driver) => {
  const f = useAccessFixture(driver);
  const log = (query: { key?: string; action?: 'read' | 'set'; source?: 'cli' } = {}) =>
    f.core.accessLog.query(auditor, { orgId: ORG, limit: 200, ...query });
  const anomalies = async (key: string) =>
    (
      await f.core.notifications.list(owner, { orgId: ORG, kind: 'access_anomaly', limit: 50 })
    ).filter((n) => n.details.key === key);

  it('logs every write with its action, source and actor, in the write transaction', async () => {
    await f.core.extensions.secrets.set({ ...owner, source: 'cli' }, at, {
      SMTP_HOST: 'h',
      SMTP_PASSWORD: 'p',
    });
    await f.core.extensions.secrets.set({ ...owner, source: 'api' }, at, { SMTP_HOST: 'h2' });
    await f.core.extensions.secrets.rotate(
      { ...owner, surface: 'dashboard' },
      at,
      'SMTP_PASSWORD',
      'p2',
    );
    await f.core.extensions.secrets.delete(owner, at, 'SMTP_HOST');
    const rows = await log();
    expect(rows.map((r) => [r.key, r.action, r.source, r.actor])).toEqual([
      ['SMTP_HOST', 'delete', 'api', 'token:bootstrap'],
      ['SMTP_PASSWORD', 'rotate', 'ui', 'token:bootstrap'],
      ['SMTP_HOST', 'set', 'api', 'token:bootstrap'],
      // One transaction, one time: the later insert first.
      ['SMTP_PASSWORD', 'set', 'cli', 'token:bootstrap'],
      ['SMTP_HOST', 'set', 'cli', 'token:bootstrap'],
    ]);
    expect(rows[0]?.scopeRef).toEqual({ scope: 'extension', id: EXT });
    expect((await log({ source: 'cli' })).length).toBe(2);
    expect((await log({ key: 'SMTP_PASSWORD', action: 'set' })).length).toBe(1);
    expect(JSON.stringify(rows)).not.toMatch(/"p2?"/);
  });

  it('leaves no row when the write fails, nor when its transaction rolls back', async () => {
    const before = (await log()).length;
    await expect(
      f.core.extensions.secrets.set(
        owner,
        { orgId: ORG, scope: 'project', id: 'NOPE' },
        { K: 'v' },
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      f.store.transaction(async (tx) => {
        await f.core.accessLog.recordWrites(
          tx,
          [{ orgId: ORG, scope: EXT_SCOPE, key: 'GONE', action: 'set', replaced: false }],
          'token:x',
          'cli',
        );
        throw new Error('the write failed after the hook');
      }),
    ).rejects.toThrow('the write failed');
    expect((await log()).length).toBe(before);
  });

  it('raises exactly one high notification for 26 reads of one key in a window', async () => {
    await f.store.transaction((tx) => f.core.accessLog.recordReads(tx, reads(25, 'K_ONE')));
    expect(await anomalies('K_ONE')).toEqual([]);
    await f.store.transaction((tx) => f.core.accessLog.recordReads(tx, reads(1, 'K_ONE')));
    await f.store.transaction((tx) => f.core.accessLog.recordReads(tx, reads(10, 'K_ONE')));
    const raised = await anomalies('K_ONE');
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      kind: 'access_anomaly',
      priority: 'high',
      recipients: [],
      details: { key: 'K_ONE', reads: 26, threshold: 25, window_minutes: 15 },
      acknowledgedAt: null,
    });
    expect((await log({ key: 'K_ONE', action: 'read' })).length).toBe(36);
    expect((await log({ key: 'K_ONE' }))[0]).toMatchObject({
      source: 'delivery',
      deliveryId: 'msg_test',
    });
  });

  it('raises one for two concurrent batches that cross together, and again in a new window', async () => {
    await Promise.all([
      f.store.transaction((tx) => f.core.accessLog.recordReads(tx, reads(13, 'K_TWO'))),
      f.store.transaction((tx) => f.core.accessLog.recordReads(tx, reads(13, 'K_TWO'))),
    ]);
    expect(await anomalies('K_TWO')).toHaveLength(1);
    f.clock.set(WINDOW_MS);
    try {
      await f.store.transaction((tx) => f.core.accessLog.recordReads(tx, reads(26, 'K_TWO')));
    } finally {
      f.clock.set(0);
    }
    expect(await anomalies('K_TWO')).toHaveLength(2);
  });

  it('acknowledges within the org named, with context.update', async () => {
    const [first] = await anomalies('K_ONE');
    const acked = await f.core.notifications.acknowledge(owner, first?.id ?? 0, ORG);
    expect(acked.acknowledgedBy).toBe('token:bootstrap');
    await expect(
      f.core.notifications.acknowledge(owner, first?.id ?? 0, 'other'),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(f.core.notifications.acknowledge(auditor, first?.id ?? 0)).rejects.toMatchObject({
      code: 'forbidden',
    });
    const open = await f.core.notifications.list(owner, {
      orgId: ORG,
      unacknowledged: true,
      limit: 50,
    });
    expect(open.map((n) => n.id)).not.toContain(first?.id);
  });
});

describe.each(testDrivers())('access alert threshold on %s', (driver) => {
  const f = useAccessFixture(driver, { accessAlert: { reads: 3, windowMinutes: 1 } });

  it('follows KICI_ACCESS_ALERT_READS', async () => {
    await f.store.transaction((tx) => f.core.accessLog.recordReads(tx, reads(4, 'K_LOW')));
    const listed = await f.core.notifications.list(owner, { orgId: ORG, limit: 10 });
    expect(listed.map((n) => n.details)).toEqual([
      expect.objectContaining({ key: 'K_LOW', reads: 4, threshold: 3, window_minutes: 1 }),
    ]);
  });
});

describe.runIf(testDrivers().includes('postgres'))('access alerts across instances', () => {
  const f = useAccessFixture('postgres');

  it('raises one notification when two instances record the crossing reads at once', async () => {
    const [a, b] = [f.core, await f.second()];
    for (let round = 0; round < 5; round += 1) {
      const key = `K_MULTI_${round}`;
      await Promise.all(
        [a, b].map((core) =>
          core.store.transaction((tx) => core.accessLog.recordReads(tx, reads(13, key))),
        ),
      );
      const listed = await a.notifications.list(owner, { orgId: ORG, limit: 50 });
      expect(listed.filter((n) => n.details.key === key)).toHaveLength(1);
    }
  });
});
