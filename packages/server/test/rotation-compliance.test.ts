// Rotation compliance over a real store, both drivers: the policy, the audit job (overdue once
// per secret per period, reminders before expiry, a rotation starts a new period, one instance
// per tick) and the report.
import { testDrivers } from '@kici/store-pg/testing';
import { describe, expect, it } from 'vitest';
import { auditor, EXT, ORG, owner, useAccessFixture } from './access-core-fixture.js';

const DAY = 86_400_000;
const at = { orgId: ORG, scope: 'extension' as const, id: EXT };

describe.each(testDrivers())('rotation compliance on %s', (driver) => {
  const f = useAccessFixture(driver, { rotationAuditIntervalMs: 60_000 });
  const run = () => f.core.compliance.runAudit(owner, ORG);
  const kinds = async () =>
    (await f.core.notifications.list(owner, { orgId: ORG, limit: 100 })).map((n) => [
      n.kind,
      n.priority,
      n.details.key,
    ]);

  it('checks the policy and refuses bad bounds, naming the field', async () => {
    expect(await f.core.compliance.policy.get(owner, ORG)).toBeUndefined();
    await expect(f.core.compliance.policy.set(owner, ORG, 0)).rejects.toMatchObject({
      field: 'max_age_days',
    });
    await expect(f.core.compliance.policy.set(owner, ORG, 30, 31)).rejects.toMatchObject({
      field: 'remind_days',
    });
    await expect(f.core.compliance.policy.set(auditor, ORG, 30)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(f.core.compliance.runAudit(owner, ORG)).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await f.core.compliance.policy.set(owner, ORG, 30)).toMatchObject({
      maxAgeDays: 30,
      remindDays: 7,
    });
    await f.core.compliance.policy.set(owner, ORG, 30, 5);
    expect(await f.core.compliance.policy.get(auditor, ORG)).toMatchObject({ remindDays: 5 });
  });

  it('reminds before expiry, flags once per period, and a rotation starts a new period', async () => {
    await f.core.extensions.secrets.set(owner, at, { API_KEY: 'v1', OTHER: 'o1' });
    expect(await run()).toMatchObject({ checked: 2, overdue: 0, flagged: 0, reminded: 0 });
    f.clock.set(26 * DAY);
    expect(await run()).toMatchObject({ reminded: 2, flagged: 0 });
    expect(await run()).toMatchObject({ reminded: 0 });
    f.clock.set(31 * DAY);
    expect(await run()).toMatchObject({ overdue: 2, flagged: 2 });
    expect(await run()).toMatchObject({ overdue: 2, flagged: 0 });
    f.clock.set(61 * DAY); // still not rotated: a second period past expiry
    expect(await run()).toMatchObject({ overdue: 2, flagged: 2 });
    expect(await run()).toMatchObject({ flagged: 0 });

    f.clock.set(0);
    await f.core.extensions.secrets.rotate(owner, at, 'API_KEY', 'v2');
    expect(await run()).toMatchObject({ overdue: 0, flagged: 0 });
    // 31 days after the rotation: API_KEY is overdue in a new period; OTHER's was flagged already.
    f.clock.set(31 * DAY);
    expect(await run()).toMatchObject({ overdue: 2, flagged: 1 });
    f.clock.set(0);
    expect((await kinds()).filter(([, , key]) => key === 'API_KEY')).toEqual([
      ['rotation_overdue', 'high', 'API_KEY'],
      ['rotation_overdue', 'high', 'API_KEY'],
      ['rotation_overdue', 'high', 'API_KEY'],
      ['rotation_reminder', 'normal', 'API_KEY'],
    ]);
  });

  it('reports every extension secret with its age and compliance', async () => {
    f.clock.set(0);
    const report = await f.core.compliance.report(auditor, ORG);
    expect(report.policy).toEqual({ maxAgeDays: 30, remindDays: 5 });
    expect(
      report.secrets.map((s) => [
        s.key,
        s.scope,
        s.rotationCount,
        s.ageDays,
        s.external,
        s.compliant,
      ]),
    ).toEqual([
      ['API_KEY', { scope: 'extension', id: EXT }, 1, 0, false, true],
      ['OTHER', { scope: 'extension', id: EXT }, 0, 0, false, true],
    ]);
    expect(report.secrets[0]?.lastRotatedAt).toBeInstanceOf(Date);
    f.clock.set(40 * DAY);
    expect((await f.core.compliance.report(owner, ORG)).secrets.map((s) => s.compliant)).toEqual([
      false,
      false,
    ]);
    f.clock.set(0);
    await f.core.compliance.policy.clear(owner, ORG);
    expect((await f.core.compliance.report(owner, ORG)).secrets.map((s) => s.compliant)).toEqual([
      null,
      null,
    ]);
    expect(JSON.stringify(report)).not.toContain('v2');
  });

  it('runs the periodic job on one instance per interval', async () => {
    await f.core.compliance.policy.set(owner, ORG, 30, 5);
    const first = await f.core.compliance.runAuditDue();
    expect(first).toMatchObject({ orgs: 1, checked: 2 });
    expect(await f.core.compliance.runAuditDue()).toBeUndefined();
  });
});
