// The access log, notification and rotation policy repositories on every driver: PGlite
// always, PostgreSQL when KICI_TEST_DATABASE_URL is set.
import { EXT_SCOPE_ROOT } from '@kici/core';
import { describe, expect, it } from 'vitest';
import { testDrivers } from '../src/testing.js';
import { useTestStore } from './use-test-store.js';

const SCOPE = `${EXT_SCOPE_ROOT}extension/com.example.x`;
const row = (key: string, action: 'read' | 'set' = 'read', orgId = 'acme') => ({
  orgId,
  scope: SCOPE,
  key,
  action,
  source: action === 'read' ? ('delivery' as const) : ('cli' as const),
  actor: 'token:t1',
  deliveryId: action === 'read' ? 'msg_1' : null,
});
const note = (dedupeKey: string, orgId = 'acme') => ({
  orgId,
  kind: 'access_anomaly' as const,
  priority: 'high' as const,
  dedupeKey,
  title: 'More than 25 reads',
  details: { key: 'K' },
});

describe.each(testDrivers())('monitoring repositories on %s', (driver) => {
  const t = useTestStore(driver);

  it('appends access rows in one insert and filters them, newest first', async () => {
    const log = t.store.accessLog;
    await log.append([row('A'), row('B'), row('A', 'set'), row('A', 'read', 'other')]);
    const all = await log.query({ orgId: 'acme', limit: 10 });
    expect(all.map((r) => [r.key, r.action])).toEqual([
      ['A', 'set'],
      ['B', 'read'],
      ['A', 'read'],
    ]);
    expect(all[0]?.at).toBeInstanceOf(Date);
    expect((await log.query({ orgId: 'acme', key: 'A', limit: 10 })).length).toBe(2);
    expect((await log.query({ orgId: 'acme', source: 'cli', limit: 10 })).length).toBe(1);
    expect((await log.query({ orgId: 'acme', action: 'read', limit: 1 })).length).toBe(1);
  });

  it('logs reads and counts them per secret and window, cumulatively, in one statement', async () => {
    const log = t.store.accessLog;
    const window = new Date('2026-12-07T17:00:00Z');
    const reads = (key: string, n: number) =>
      Array.from({ length: n }, () => row(key, 'read', 'count'));
    const counts = async (at: Date, rows: ReturnType<typeof row>[]) =>
      (await log.logReads(at, rows)).map((c) => [c.key, c.reads]).sort();
    expect(await counts(window, [...reads('A', 3), ...reads('B', 1)])).toEqual([
      ['A', 3],
      ['B', 1],
    ]);
    expect(await counts(window, [...reads('B', 2), ...reads('A', 23)])).toEqual([
      ['A', 26],
      ['B', 3],
    ]);
    const next = new Date('2026-12-07T17:15:00Z');
    expect(await counts(next, reads('A', 1))).toEqual([['A', 1]]);
    // Every read is a log row too, with its delivery.
    const logged = await log.query({ orgId: 'count', limit: 100 });
    expect(logged).toHaveLength(30);
    expect(logged.every((r) => r.action === 'read' && r.deliveryId === 'msg_1')).toBe(true);
    expect(await log.logReads(window, [])).toEqual([]);
  });

  it('raises a notification once per dedupe key and org, addressed to active admins', async () => {
    const repo = t.store.notifications;
    await t.store.tokens.insert({
      id: 'a1',
      label: 'alice',
      role: 'admin',
      surface: 'cli',
      hash: 'sha256:a1',
      createdBy: 'system',
      expiresAt: null,
    });
    await t.store.tokens.insert({
      id: 'r1',
      label: 'reader',
      role: 'auditor',
      surface: 'cli',
      hash: 'sha256:r1',
      createdBy: 'system',
      expiresAt: null,
    });
    const first = await repo.raise(note('k1'));
    expect(first).toMatchObject({ recipients: ['alice'], acknowledgedAt: null });
    expect(await repo.raise(note('k1'))).toBeUndefined();
    expect(await repo.raise(note('k1', 'other'))).toBeDefined();
    const second = await repo.raise(note('k2'));
    expect((await repo.list({ orgId: 'acme', limit: 10 })).map((n) => n.id)).toEqual([
      second?.id,
      first?.id,
    ]);
    expect(
      (await repo.list({ orgId: 'acme', afterId: (first?.id ?? 0) - 1, limit: 10 })).map(
        (n) => n.id,
      ),
    ).toEqual([first?.id, second?.id]);
    expect(await repo.acknowledge('other', first?.id ?? 0, 'token:x')).toBeUndefined();
    expect((await repo.acknowledge('acme', first?.id ?? 0, 'token:x'))?.acknowledgedBy).toBe(
      'token:x',
    );
    expect((await repo.acknowledge(undefined, first?.id ?? 0, 'token:y'))?.acknowledgedBy).toBe(
      'token:x',
    );
    expect((await repo.list({ orgId: 'acme', unacknowledged: true, limit: 10 })).length).toBe(1);
  });

  it('hands each due notification to one sink claim at a time, and stops after the last attempt', async () => {
    const repo = t.store.notifications;
    const [a, b] = await Promise.all([
      repo.claimForSink(100, 60_000),
      repo.claimForSink(100, 60_000),
    ]);
    const ids = [...(a ?? []), ...(b ?? [])].map((c) => c.notification.id);
    expect(ids.length).toBe(3);
    expect(new Set(ids).size).toBe(3);
    expect(await repo.claimForSink(100, 60_000)).toEqual([]); // leased
    const [one, two] = ids as [number, number];
    await repo.sinkSent(one);
    await repo.sinkFailed(two, 'HTTP 500 from hooks.example.com', 0);
    await repo.sinkFailed(ids[2] ?? 0, 'gave up', null);
    const again = await repo.claimForSink(100, 60_000);
    expect(again.map((c) => [c.notification.id, c.attempts])).toEqual([[two, 2]]);
  });

  it('keeps one rotation policy per org and lists extension secrets without signing secrets', async () => {
    const repo = t.store.rotationPolicies;
    expect(await repo.find('acme')).toBeUndefined();
    await repo.put('acme', 90, 7, 'token:t1');
    expect(await repo.put('acme', 30, 5, 'token:t2')).toMatchObject({
      maxAgeDays: 30,
      updatedBy: 'token:t2',
    });
    expect((await repo.list()).map((p) => p.orgId)).toEqual(['acme']);
    const secret = (scope: string, key: string, backendType = 'pg') => ({
      orgId: 'acme',
      scope,
      key,
      ciphertext: new Uint8Array([1]),
      keyVersion: 1,
      backendType,
      actor: 'token:t1',
    });
    const audit = {
      actor: 't',
      action: 'x',
      outcome: 'success' as const,
      orgId: 'acme',
      contextName: null,
      routingKey: null,
      metadata: {},
    };
    await t.store.secrets.upsert(secret(SCOPE, 'API_KEY'), audit);
    await t.store.secrets.upsert(
      secret(`${EXT_SCOPE_ROOT}signing/OPS/com.example.x`, 'WEBHOOK_SIGNING_SECRET'),
      audit,
    );
    await t.store.secrets.upsert(secret('pg:production', 'DB_PASSWORD'), audit);
    await t.store.secrets.upsert(secret('pg:_x_ext__/extension/y', 'LOOKALIKE'), audit);
    await t.store.secrets.upsert(secret(SCOPE, 'LINKED', 'vault'), audit);
    expect(
      (await repo.listSecrets('acme')).map((s) => [s.key, s.external, s.rotationCount]),
    ).toEqual([
      ['API_KEY', false, 0],
      ['LINKED', true, 0],
    ]);
    expect(await repo.remove('acme')).toBe(true);
    expect(await repo.remove('acme')).toBe(false);
  });
});
