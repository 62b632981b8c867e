// Environments, scope chains and run keys against every driver (PGlite always, PostgreSQL
// when KICI_TEST_DATABASE_URL is set).
import type { EnvironmentWrite } from '@kici/core';
import { describe, expect, it } from 'vitest';
import { testDrivers } from '../src/testing.js';
import { useTestStore } from './use-test-store.js';

const write = (over: Partial<EnvironmentWrite> = {}): EnvironmentWrite => ({
  rules: {
    branches: ['main', 'release/*'],
    triggers: ['push'],
    repositories: [],
    allowForks: false,
  },
  allowLocalExecution: false,
  scopes: ['pg:a', 'pg:b'],
  ...over,
});

describe.each(testDrivers())('environments, chains and run keys on %s', (driver) => {
  const t = useTestStore(driver);

  it('creates an environment once per org and name, keeping the binding order', async () => {
    const created = await t.store.environments.create('acme', 'production', write(), 'token:t');
    expect(created).toMatchObject({ name: 'production', scopes: ['pg:a', 'pg:b'] });
    expect(
      await t.store.environments.create('acme', 'production', write(), 'token:t'),
    ).toBeUndefined();
    expect(
      await t.store.environments.create('other', 'production', write(), 'token:t'),
    ).toBeDefined();
    const found = await t.store.environments.find('acme', 'production');
    expect(found).toMatchObject({
      orgId: 'acme',
      rules: { branches: ['main', 'release/*'], triggers: ['push'], allowForks: false },
      scopes: ['pg:a', 'pg:b'],
      createdBy: 'token:t',
    });
    expect(found?.createdAt).toBeInstanceOf(Date);
  });

  it('replaces rules and reorders bindings in an update; removal drops the bindings too', async () => {
    const updated = await t.store.environments.update(
      'acme',
      'production',
      write({ scopes: ['pg:c', 'pg:a'], allowLocalExecution: true }),
      'token:u',
    );
    expect(updated).toMatchObject({
      scopes: ['pg:c', 'pg:a'],
      allowLocalExecution: true,
      updatedBy: 'token:u',
    });
    expect((await t.store.environments.find('acme', 'production'))?.scopes).toEqual([
      'pg:c',
      'pg:a',
    ]);
    expect(
      await t.store.environments.update('acme', 'missing', write(), 'token:u'),
    ).toBeUndefined();
    expect((await t.store.environments.list('acme')).map((e) => e.name)).toEqual(['production']);
    expect(await t.store.environments.remove('other', 'production')).toBe(true);
    expect(await t.store.environments.remove('other', 'production')).toBe(false);
  });

  it('reads a chain of scopes with its audit row in one statement, names but no values', async () => {
    for (const [scope, key] of [
      ['pg:a', 'K1'],
      ['pg:b', 'K1'],
      ['pg:b', 'K2'],
      ['pg:z', 'K3'],
    ] as const) {
      await t.store.secrets.upsert({
        orgId: 'acme',
        scope,
        key,
        ciphertext: Uint8Array.from([1, 2, 3]),
        keyVersion: 1,
        backendType: 'pg',
        actor: 'token:t',
      });
    }
    await t.store.variables.upsert({
      orgId: 'acme',
      scope: 'pg:b',
      key: 'REGION',
      value: 'eu',
      locked: false,
      actor: 'token:t',
    });
    const rows = await t.store.chains.read('acme', ['pg:a', 'pg:b'], {
      actor: 'dispatcher',
      action: 'secret.resolve',
      outcome: 'success',
      orgId: 'acme',
      contextName: 'production',
      routingKey: null,
      metadata: { runId: 'r1' },
    });
    expect(rows.secrets.map((s) => `${s.scope}/${s.key}`).sort()).toEqual([
      'pg:a/K1',
      'pg:b/K1',
      'pg:b/K2',
    ]);
    expect(Array.from(rows.secrets[0]?.ciphertext ?? [])).toEqual([1, 2, 3]);
    expect(rows.variables).toEqual([{ scope: 'pg:b', key: 'REGION', value: 'eu' }]);
    const [entry] = await t.store.audit.query({ action: 'secret.resolve', limit: 1, offset: 0 });
    expect(entry?.metadata).toEqual({ runId: 'r1', keys: ['K1', 'K2'], variables: ['REGION'] });
    expect(await t.store.chains.read('acme', [])).toEqual({ secrets: [], variables: [] });
  });

  it('reads a chain only while the environment is at the revision evaluated', async () => {
    const environment = await t.store.environments.find('acme', 'production');
    if (!environment) throw new Error('missing environment');
    const audit = {
      actor: 'dispatcher',
      action: 'secret.resolve.guarded',
      outcome: 'success' as const,
      orgId: 'acme',
      contextName: 'production',
      routingKey: null,
      metadata: {},
    };
    const current = await t.store.chains.readIfCurrent(
      'acme',
      ['pg:a', 'pg:b'],
      environment,
      audit,
    );
    // Only each key's winner, by binding order: pg:a's K1 shadows pg:b's.
    expect(current?.secrets.map((row) => `${row.scope}/${row.key}`)).toEqual([
      'pg:a/K1',
      'pg:b/K2',
    ]);
    const reversed = await t.store.chains.readIfCurrent('acme', ['pg:b', 'pg:a'], environment);
    expect(reversed?.secrets.map((row) => `${row.scope}/${row.key}`)).toEqual([
      'pg:b/K1',
      'pg:b/K2',
    ]);
    expect(reversed?.variables).toEqual([{ scope: 'pg:b', key: 'REGION', value: 'eu' }]);
    await t.store.environments.update('acme', 'production', write({ scopes: ['pg:a'] }), 'token:u');
    expect((await t.store.environments.find('acme', 'production'))?.revision).toBe(
      environment.revision + 1,
    );
    expect(
      await t.store.chains.readIfCurrent('acme', ['pg:a', 'pg:b'], environment, audit),
    ).toBeUndefined();
    const rows = await t.store.audit.query({
      action: 'secret.resolve.guarded',
      limit: 10,
      offset: 0,
    });
    expect(rows.length).toBe(1); // the stale read wrote no audit row
  });

  it('keeps one key pair per run', async () => {
    const key = {
      runId: 'run-1',
      orgId: 'acme',
      publicKey: Uint8Array.from([9, 9]),
      privateKeyCiphertext: Uint8Array.from([7]),
      keyVersion: 1,
      expiresAt: new Date(Date.now() + 60_000),
    };
    expect(await t.store.runKeys.insert(key)).toBe(true);
    expect(await t.store.runKeys.insert({ ...key, publicKey: Uint8Array.from([1]) })).toBe(false);
    const found = await t.store.runKeys.find('run-1');
    expect(Array.from(found?.publicKey ?? [])).toEqual([9, 9]);
    expect(await t.store.runKeys.find('run-2')).toBeUndefined();
  });
});
