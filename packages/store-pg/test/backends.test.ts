// The backend registry's storage and the scope-prefix migration, against every driver.
import type { BackendWrite } from '@kici/core';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/index.js';
import { prefixBareScopes } from '../src/prefix-scopes.js';
import { testDrivers } from '../src/testing.js';
import { useTestStore } from './use-test-store.js';

const backend = (over: Partial<BackendWrite> = {}): BackendWrite => ({
  name: 'openbao-prod',
  type: 'vault',
  source: 'api',
  configCiphertext: Uint8Array.from([1, 2, 3]),
  keyVersion: 1,
  summary: { url: 'https://vault:8200', authMethod: 'approle' },
  scopePatterns: ['**'],
  syncIntervalSeconds: 60,
  createdBy: 'token:t',
  ...over,
});

describe.each(testDrivers())('backends on %s', (driver) => {
  const t = useTestStore(driver);

  it('registers a backend once; env backends are refreshed, never over a registered one', async () => {
    expect(await t.store.backends.insert(backend())).toMatchObject({
      name: 'openbao-prod',
      source: 'api',
    });
    expect(await t.store.backends.insert(backend())).toBeUndefined();
    await t.store.backends.upsertFromEnv(
      backend({ name: 'vault', source: 'env', configCiphertext: null }),
    );
    await t.store.backends.upsertFromEnv(
      backend({
        name: 'vault',
        source: 'env',
        configCiphertext: null,
        summary: { url: 'https://new' },
      }),
    );
    expect((await t.store.backends.find('vault'))?.summary).toEqual({ url: 'https://new' });
    // An env configuration never takes over a backend registered through the API.
    expect(
      await t.store.backends.upsertFromEnv(
        backend({ name: 'openbao-prod', source: 'env', configCiphertext: null }),
      ),
    ).toBeUndefined();
    expect(await t.store.backends.find('openbao-prod')).toMatchObject({
      source: 'api',
      configCiphertext: Uint8Array.from([1, 2, 3]),
    });
    expect(await t.store.backends.remove('vault')).toBe(true);
    expect((await t.store.backends.list()).map((b) => b.name)).toEqual(['openbao-prod']);
  });

  it('hands a due sync to one claimer and moves it an interval on', async () => {
    const first = await t.store.backends.claimDueSync();
    expect(first?.name).toBe('openbao-prod');
    expect(first?.nextSyncAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(await t.store.backends.claimDueSync()).toBeUndefined();
  });

  it('records sync outcomes, keeping the newest errors only', async () => {
    for (let i = 0; i < 5; i++) {
      await t.store.backends.recordSync(
        'openbao-prod',
        { status: 'error', message: `m${i}`, error: `e${i}` },
        3,
      );
    }
    await t.store.backends.recordSync('openbao-prod', { status: 'ok', message: 'fine' }, 3);
    const found = await t.store.backends.find('openbao-prod');
    expect(found).toMatchObject({ lastSyncStatus: 'ok', lastSyncMessage: 'fine' });
    expect(found?.errors.map((e) => e.message)).toEqual(['e4', 'e3', 'e2']);
  });

  it('replaces discovered scopes, counting new and gone ones', async () => {
    expect(await t.store.backends.replaceDiscovered('openbao-prod', ['a', 'b/c'])).toEqual({
      added: 2,
      removed: 0,
      total: 2,
    });
    expect(await t.store.backends.replaceDiscovered('openbao-prod', ['b/c', 'd'])).toEqual({
      added: 1,
      removed: 1,
      total: 2,
    });
    expect(await t.store.backends.listDiscovered('openbao-prod')).toEqual(['b/c', 'd']);
    expect((await t.store.backends.countDiscovered()).get('openbao-prod')).toBe(2);
  });

  it('offers stored configs to rotation and re-seals them', async () => {
    expect(await t.store.backends.count()).toBe(1);
    const [row] = await t.store.transaction(async (tx) => {
      const batch = await tx.backends.lockBatchBelowVersion(2, 10, new Date(Date.now() + 60_000));
      await tx.backends.reseal(
        batch.map((r) => ({ id: r.id, ciphertext: Uint8Array.from([9]) })),
        2,
      );
      return batch;
    });
    expect(row?.key).toBe('openbao-prod');
    const found = await t.store.backends.find('openbao-prod');
    expect([found?.keyVersion, Array.from(found?.configCiphertext ?? [])]).toEqual([2, [9]]);
    expect(await t.store.backends.remove('openbao-prod')).toBe(true);
    expect(await t.store.backends.listDiscovered('openbao-prod')).toEqual([]);
  });

  it('prefixes bare scopes with pg: on open, idempotently, never over an existing twin', async () => {
    await t.store.db.execute(sql`insert into scoped_secrets (org_id, scope, key, ciphertext, key_version, created_by, updated_by)
      values ('legacy', 'production', 'A', '\\x01', 1, 't', 't'), ('legacy', 'production', 'B', '\\x01', 1, 't', 't'),
             ('legacy', 'pg:production', 'B', '\\x02', 1, 't', 't')`);
    await t.store.db.execute(sql`insert into variables (org_id, scope, key, value, created_by, updated_by)
      values ('legacy', 'production', 'REGION', 'eu', 't', 't')`);
    const env = await t.store.environments.create(
      'legacy',
      'prod',
      {
        rules: { branches: [], triggers: [], repositories: [], allowForks: false },
        allowLocalExecution: false,
        scopes: ['production'],
      },
      't',
    );
    expect(env?.scopes).toEqual(['production']);
    for (let run = 0; run < 2; run++) {
      if (t.database.databaseUrl) {
        // On PostgreSQL a second store opens the same database: the step runs on every open.
        await (await openStore({ databaseUrl: t.database.databaseUrl })).close();
      } else {
        // PGlite's directory belongs to the open store: run the same step through it.
        await prefixBareScopes(t.store.db);
      }
    }
    const scopes = await t.store.db.execute(
      sql`select scope, key from scoped_secrets where org_id = 'legacy' order by scope, key`,
    );
    const rows = (Array.isArray(scopes) ? scopes : (scopes as { rows: unknown[] }).rows) as {
      scope: string;
      key: string;
    }[];
    expect(rows.map((r) => `${r.scope}/${r.key}`)).toEqual([
      'pg:production/A',
      'pg:production/B',
      'production/B',
    ]);
    expect((await t.store.variables.list('legacy'))[0]?.scope).toBe('pg:production');
    expect((await t.store.environments.find('legacy', 'prod'))?.scopes).toEqual(['pg:production']);
  });
});
