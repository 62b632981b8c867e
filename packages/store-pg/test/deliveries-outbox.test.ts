// The delivery outbox on every driver: rotation webhooks queued in the write's transaction,
// claims that never overlap across instances, and no secret value left in any table.
import { type Core, createCore } from '@kici/core';
import { createKeyring } from '@kici/crypto/node';
import { verifyWebhook } from '@kici/crypto/webhooks';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type PgStore } from '../src/index.js';
import { drizzleQuery } from '../src/rows.js';
import { testDrivers } from '../src/testing.js';
import {
  drain,
  EXT,
  installMailer,
  KEY,
  mailerManifest,
  ORG,
  openCore,
  owner,
  ref,
  startReceiver,
} from './delivery-fixture.js';
import { useTestStore } from './use-test-store.js';

const OTHER = 'com.example.quiet';
const event = { type: 'issue.created', payload: { issue: 7 } };

describe.each(testDrivers())('delivery outbox on %s', (driver) => {
  const t = useTestStore(driver);
  let core: Core;
  let target: Awaited<ReturnType<typeof startReceiver>>;
  // Rotation webhooks that setting up queued through the secrets' write hook.
  let setUp: Set<string>;

  beforeAll(async () => {
    core = await openCore(t.store);
    target = await startReceiver([200]);
    await installMailer(core, mailerManifest(target.url));
    // The same extension on DEV; a disabled one on STAGE; an extension that does not subscribe.
    await installMailer(core, mailerManifest(target.url), EXT, 'DEV');
    await installMailer(core, mailerManifest(target.url), EXT, 'STAGE');
    await core.extensions.gate.disable(owner, { ...ref, projectKey: 'STAGE' });
    await installMailer(core, mailerManifest(target.url, { subscribe: [] }), OTHER);
    setUp = new Set((await core.deliveries.list(owner, { orgId: ORG })).map((d) => d.id));
  }, 120_000);
  afterAll(async () => {
    core?.deliveries.close();
    await target?.close();
  });

  const rotations = async () =>
    (await core.deliveries.list(owner, { orgId: ORG })).filter(
      (d) => d.kind === 'rotation' && !setUp.has(d.id),
    );

  it('queues a rotation webhook for exactly the installations that receive the key', async () => {
    const extensionScope = `pg:__ext__/extension/${EXT}`;
    const write = (key: string, action: 'set' | 'rotate' | 'delete', replaced = false) => ({
      orgId: ORG,
      scope: extensionScope,
      key,
      action,
      replaced,
    });
    // Not a change of a delivered value: a new key, a delete, a key no manifest delivers.
    const none = await t.store.transaction((tx) =>
      core.deliveries.enqueueRotations(tx, [
        write('SMTP_HOST', 'set', false),
        write('SMTP_HOST', 'delete'),
        write('UNRELATED_KEY', 'rotate'),
      ]),
    );
    expect(none).toBe(0);
    // SMTP_HOST at the mailer's extension scope: OPS and DEV (enabled, subscribed), not STAGE
    // (disabled) nor the quiet extension (its chain lacks the scope, and it does not subscribe).
    const queued = await t.store.transaction((tx) =>
      core.deliveries.enqueueRotations(tx, [
        write('SMTP_HOST', 'rotate'),
        write('SMTP_PASSWORD', 'set', true),
      ]),
    );
    expect(queued).toBe(2);
    const rows = await rotations();
    expect(rows.map((d) => d.projectKey).sort()).toEqual(['DEV', 'OPS']);
    expect(rows.every((d) => d.eventType === 'secret.rotated' && d.extensionId === EXT)).toBe(true);
    // An installation-scope key reaches that installation only; the org scope reaches every chain.
    const installationScope = `pg:__ext__/installation/DEV/${EXT}`;
    const more = await t.store.transaction(async (tx) => [
      await core.deliveries.enqueueRotations(tx, [
        { ...write('SMTP_PASSWORD', 'rotate'), scope: installationScope },
      ]),
      await core.deliveries.enqueueRotations(tx, [
        { ...write('EXTRA_KEY', 'rotate'), scope: 'pg:__ext__/organization' },
      ]),
    ]);
    expect(more).toEqual([1, 2]);
    // Queued in the caller's transaction: rolled back with it.
    await t.store
      .transaction(async (tx) => {
        await core.deliveries.enqueueRotations(tx, [write('SMTP_HOST', 'rotate')]);
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await rotations()).toHaveLength(5);
  });

  it('delivers a rotation webhook with the keys, the scope and fresh secrets', async () => {
    const payloads = await Promise.all(
      (await rotations()).map(async (d) => ({
        project: d.projectKey,
        payload: (await core.deliveries.show(owner, d.id)).eventPayload,
      })),
    );
    expect(payloads).toEqual(
      expect.arrayContaining([
        {
          project: 'OPS',
          payload: { keys: ['SMTP_HOST', 'SMTP_PASSWORD'], scope: { scope: 'extension', id: EXT } },
        },
        {
          project: 'DEV',
          payload: { keys: ['SMTP_PASSWORD'], scope: { scope: 'installation', id: `DEV/${EXT}` } },
        },
        {
          project: 'OPS',
          payload: { keys: ['EXTRA_KEY'], scope: { scope: 'organization', id: ORG } },
        },
      ]),
    );
    const ours = await rotations();
    for (const d of ours) await drain(core, d.id);
    const bodies = target.received
      .map((r) => JSON.parse(r.body))
      .filter((b) => ours.some((d) => d.id === b.id));
    const first = bodies.find(
      (b) => b.event.payload.scope.scope === 'extension' && b.installation.project_key === 'OPS',
    );
    expect(first.event).toEqual({
      type: 'secret.rotated',
      payload: { keys: ['SMTP_HOST', 'SMTP_PASSWORD'], scope: { scope: 'extension', id: EXT } },
    });
    expect(first.secrets.SMTP_HOST).toBe('smtp.example.com');
    expect(target.received.every((r) => r.headers['x-kici-event'] === 'secret.rotated')).toBe(true);
    expect((await rotations()).every((d) => d.status === 'delivered')).toBe(true);
  });

  it('leaves no secret value in any table after deliveries', async () => {
    const id = (await core.deliveries.invoke(owner, ref, event)).id;
    expect((await drain(core, id)).status).toBe('delivered');
    const { secret } = await core.deliveries.signingSecret.reveal(owner, ref);
    const values = [
      'smtp.example.com',
      'org.example.com',
      'hunter2-password-value',
      'extra-value-1',
      'C123',
      secret,
      secret.slice('whsec_'.length),
    ];
    // Every value really went out.
    expect(target.received.at(-1)?.body).toContain('hunter2-password-value');
    const raw = drizzleQuery(t.store.db);
    const tables = await raw<{ name: string }>(
      sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining(['ext_deliveries', 'ext_delivery_attempts', 'audit_log']),
    );
    const found: string[] = [];
    let rows = 0;
    for (const { name } of tables) {
      const texts = await raw<{ row: string }>(
        sql`select t::text as row from ${sql.identifier(name)} t`,
      );
      rows += texts.length;
      for (const { row } of texts) {
        for (const value of values) if (row.includes(value)) found.push(`${name}: ${value}`);
      }
    }
    expect(rows).toBeGreaterThan(20);
    expect(found).toEqual([]);
    // The scan does see text columns: the installation's names are there.
    const installations = await raw<{ row: string }>(
      sql`select t::text as row from ext_installations t`,
    );
    expect(installations.some(({ row }) => row.includes(EXT))).toBe(true);
  });

  it('leases a claim: no other instance takes it until the lease ends, nor records it', async () => {
    const id = (await core.deliveries.invoke(owner, ref, event)).id;
    const repo = t.store.deliveries;
    const [claimed] = await repo.claim('instance-a', 10, 100);
    expect(claimed).toMatchObject({ id, attempts: 1, payload: { issue: 7 } });
    expect(await repo.claim('instance-b', 10, 60_000)).toEqual([]);
    const attempt = {
      attempt: 1,
      startedAt: new Date(),
      latencyMs: 5,
      statusCode: 200,
      outcome: 'delivered' as const,
      error: null,
    };
    const complete = (instanceId: string, n = 1) =>
      t.store.transaction((tx) =>
        tx.deliveries.complete({
          id,
          instanceId,
          status: 'delivered',
          attempt: { ...attempt, attempt: n },
        }),
      );
    expect(await complete('instance-b')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 150));
    // The lease ended (a crashed instance): another instance claims it, as attempt 2.
    const [again] = await repo.claim('instance-b', 10, 60_000);
    expect(again).toMatchObject({ id, attempts: 2 });
    expect(await complete('instance-a', 1)).toBe(false);
    expect(await complete('instance-b', 2)).toBe(true);
    expect(await repo.find(id)).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(await repo.attempts(id)).toEqual([
      expect.objectContaining({ attempt: 1, statusCode: 200, outcome: 'delivered' }),
    ]);
  });

  it('never attempts one delivery twice when two instances work at once', async () => {
    const counted = await startReceiver([200]);
    await core.extensions.model.putCatalog(owner, EXT, mailerManifest(counted.url));
    // A second instance: its own connections on PostgreSQL; on PGlite, the one store.
    const second: PgStore =
      driver === 'postgres'
        ? await openStore({ databaseUrl: t.database.databaseUrl, migrate: false })
        : t.store;
    const other = await createCore({
      store: second,
      keyring: createKeyring({ current: KEY, version: 1 }),
      instanceId: 'test-2',
      delivery: { concurrency: 8, retryBaseMs: 20, retryMaxMs: 200, timeoutMs: 2000 },
    });
    const mine = await openCore(t.store, { delivery: { concurrency: 8 } });
    try {
      const ids = new Set<string>();
      for (let i = 0; i < 40; i++) ids.add((await core.deliveries.invoke(owner, ref, event)).id);
      let first = 0;
      let second = 0;
      for (let round = 0; round < 50 && first + second < ids.size; round++) {
        const [a, b] = await Promise.all([mine.deliveries.work(), other.deliveries.work()]);
        first += a;
        second += b;
      }
      expect(first + second).toBe(ids.size);
      expect(first > 0 && second > 0).toBe(true);
      const seen = counted.received.map((r) => String(r.headers['webhook-id']));
      expect(seen).toHaveLength(ids.size);
      expect(new Set(seen)).toEqual(ids);
      const { secret } = await core.deliveries.signingSecret.reveal(owner, ref);
      for (const r of counted.received) {
        expect(() =>
          verifyWebhook({ headers: r.headers as never, body: r.body, secrets: secret }),
        ).not.toThrow();
      }
      for (const id of ids) {
        const shown = await core.deliveries.show(owner, id);
        expect(shown).toMatchObject({ status: 'delivered', attempts: 1 });
        expect(shown.attemptLog).toHaveLength(1);
      }
    } finally {
      mine.deliveries.close();
      other.deliveries.close();
      if (second !== t.store) await second.close();
      await counted.close();
    }
  });
});
