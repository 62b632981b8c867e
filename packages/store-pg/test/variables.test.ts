// The variables repository on every driver: PGlite always, PostgreSQL when
// KICI_TEST_DATABASE_URL is set.
import { describe, expect, it } from 'vitest';
import type { PgStore } from '../src/index.js';
import { testDrivers } from '../src/testing.js';
import { useTestStore } from './use-test-store.js';

const write = (overrides: Partial<Parameters<PgStore['variables']['upsert']>[0]> = {}) => ({
  orgId: 'acme',
  scope: 'pg:production',
  key: 'REGION',
  value: 'eu-west-1',
  locked: false,
  actor: 'token:bootstrap',
  ...overrides,
});

describe.each(testDrivers())('variables on %s', (driver) => {
  const t = useTestStore(driver);

  it('creates, then replaces a value and its flag, keeping who created it', async () => {
    const first = await t.store.variables.upsert(write());
    expect(first.created).toBe(true);
    expect(first.record).toMatchObject({
      orgId: 'acme',
      scope: 'pg:production',
      key: 'REGION',
      value: 'eu-west-1',
      locked: false,
      createdBy: 'token:bootstrap',
      updatedBy: 'token:bootstrap',
    });
    expect(first.record.createdAt).toBeInstanceOf(Date);

    const second = await t.store.variables.upsert(
      write({ value: 'us-east-1', locked: true, actor: 'token:ops' }),
    );
    expect(second.created).toBe(false);
    expect(second.record).toMatchObject({
      id: first.record.id,
      value: 'us-east-1',
      locked: true,
      createdBy: 'token:bootstrap',
      updatedBy: 'token:ops',
    });
    expect(second.record.updatedAt.getTime()).toBeGreaterThanOrEqual(
      first.record.updatedAt.getTime(),
    );
    expect(await t.store.variables.find('acme', 'pg:production', 'REGION')).toEqual(second.record);
    expect(await t.store.variables.find('acme', 'pg:production', 'MISSING')).toBeUndefined();
    expect(await t.store.variables.find('other', 'pg:production', 'REGION')).toBeUndefined();
  });

  it('lists one scope by key, or every scope of the org', async () => {
    await t.store.variables.upsert(write({ orgId: 'list', key: 'ZONE' }));
    await t.store.variables.upsert(write({ orgId: 'list', key: 'ARCH' }));
    await t.store.variables.upsert(write({ orgId: 'list', scope: 'pg:staging', key: 'ZONE' }));
    await t.store.variables.upsert(write({ orgId: 'elsewhere', key: 'ZONE' }));
    const production = await t.store.variables.list('list', 'pg:production');
    expect(production.map((v) => v.key)).toEqual(['ARCH', 'ZONE']);
    const all = await t.store.variables.list('list');
    expect(all.map((v) => `${v.scope}/${v.key}`)).toEqual([
      'pg:production/ARCH',
      'pg:production/ZONE',
      'pg:staging/ZONE',
    ]);
    expect(await t.store.variables.list('list', 'pg:nothing')).toEqual([]);
    expect(await t.store.variables.list('nobody')).toEqual([]);
  });

  it('removes a variable once', async () => {
    await t.store.variables.upsert(write({ key: 'TO_DELETE' }));
    expect(await t.store.variables.remove('acme', 'pg:production', 'TO_DELETE')).toBe(true);
    expect(await t.store.variables.remove('acme', 'pg:production', 'TO_DELETE')).toBe(false);
    expect(await t.store.variables.find('acme', 'pg:production', 'TO_DELETE')).toBeUndefined();
  });

  it('writes in a transaction with the audit row, or not at all', async () => {
    await t.store.transaction(async (tx) => {
      await tx.variables.upsert(write({ key: 'TX_OK' }));
      await tx.audit.append({
        actor: 'token:bootstrap',
        action: 'variable.set',
        outcome: 'success',
        orgId: 'acme',
        contextName: 'pg:production',
        routingKey: null,
        metadata: { key: 'TX_OK' },
      });
    });
    expect(await t.store.variables.find('acme', 'pg:production', 'TX_OK')).toBeDefined();
    await expect(
      t.store.transaction(async (tx) => {
        await tx.variables.upsert(write({ key: 'TX_DROPPED' }));
        throw new Error('audit failed');
      }),
    ).rejects.toThrow('audit failed');
    expect(await t.store.variables.find('acme', 'pg:production', 'TX_DROPPED')).toBeUndefined();
  });
});
