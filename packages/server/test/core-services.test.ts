// @kici/core's services wired to the real store, on both drivers: the business rules that
// the HTTP and CLI tests then reach from outside.

import { type Actor, type Core, createCore, KiciError, TOKEN_CACHE_MS } from '@kici/core';
import {
  encodeAad,
  generateRunKeyPair,
  openForRun,
  sealForRun,
  testRunBundleAad,
} from '@kici/crypto';
import { createKeyring } from '@kici/crypto/node';
import type { PgStore } from '@kici/store-pg';
import { openTestStore, type TestDatabase, testDrivers } from '@kici/store-pg/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const KEY_1 = new Uint8Array(32).fill(1);
const KEY_2 = new Uint8Array(32).fill(2);
const owner: Actor = { tokenId: 'bootstrap', label: 'bootstrap', role: 'owner', surface: 'cli' };
const admin: Actor = { tokenId: 'tok_admin', label: 'ops', role: 'admin', surface: 'cli' };
const auditor: Actor = {
  tokenId: 'tok_auditor',
  label: 'compliance',
  role: 'auditor',
  surface: 'cli',
};

async function failure(promise: Promise<unknown>): Promise<KiciError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KiciError);
  return error as KiciError;
}

describe.each(testDrivers())('core services on %s', (driver) => {
  let store: PgStore;
  let database: TestDatabase;
  let core: Core;

  beforeAll(async () => {
    ({ store, database } = await openTestStore(driver));
    core = await createCore({
      store,
      keyring: createKeyring({ current: KEY_1, version: 1 }),
      rotationBatchSize: 7,
    });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('sets, lists, reveals and deletes a secret, auditing each step without the value', async () => {
    const value = 'postgresql://user:pass@host:5432/db';
    const set = await core.secrets.set(admin, 'acme', 'pg:production', 'KICI_DATABASE_URL', value);
    expect(set).toMatchObject({
      orgId: 'acme',
      scope: 'pg:production',
      key: 'KICI_DATABASE_URL',
      valueLength: value.length,
      created: true,
    });
    expect(
      (await core.secrets.set(admin, 'acme', 'pg:production', 'KICI_DATABASE_URL', `${value}2`))
        .created,
    ).toBe(false);

    const keys = await core.secrets.listKeys(admin, 'acme', 'pg:production');
    expect(keys.map((k) => [k.key, k.rotationCount])).toEqual([['KICI_DATABASE_URL', 1]]);
    expect(JSON.stringify(keys)).not.toContain('pass@host');
    expect(
      (await core.secrets.reveal(owner, 'acme', 'pg:production', 'KICI_DATABASE_URL')).value,
    ).toBe(`${value}2`);

    await core.secrets.delete(admin, 'acme', 'pg:production', 'KICI_DATABASE_URL');
    expect(
      (await failure(core.secrets.delete(admin, 'acme', 'pg:production', 'KICI_DATABASE_URL')))
        .code,
    ).toBe('not_found');

    const log = await store.audit.query({ contextName: 'pg:production', limit: 50, offset: 0 });
    expect(log.map((e) => `${e.action}:${e.outcome}`).reverse()).toEqual([
      'secret.set:success',
      'secret.set:success',
      'secret.list:success',
      'secret.reveal:success',
      'secret.delete:success',
      'secret.delete:failure',
    ]);
    expect(JSON.stringify(log)).not.toContain('pass@host');
  });

  it('refuses values over the limit and scopes on unregistered backends, writing nothing', async () => {
    const big = 'x'.repeat(64 * 1024 + 1);
    const tooBig = await failure(core.secrets.set(admin, 'acme', 'pg:limits', 'BIG', big));
    expect(tooBig).toMatchObject({ code: 'payload_too_large', field: 'value' });
    expect(tooBig.message).not.toContain('xxxx');
    expect((await failure(core.secrets.set(admin, 'acme', 'vault:x', 'K', 'v'))).field).toBe(
      'scope',
    );
    expect(await store.secrets.listScopes('acme')).not.toContainEqual(
      expect.objectContaining({ scope: 'pg:limits' }),
    );
  });

  it('denies by role with a 403 naming the permission, and audits the denial', async () => {
    const denied = await failure(core.secrets.reveal(auditor, 'acme', 'pg:production', 'ANY'));
    expect(denied.code).toBe('forbidden');
    expect(denied.message).toContain('secret.reveal');
    expect((await failure(core.rotation.rotateKey(admin))).message).toContain('key.rotate');
    const [entry] = await store.audit.query({ action: 'rotateKey', limit: 1, offset: 0 });
    expect(entry).toMatchObject({
      outcome: 'denied',
      actor: 'token:tok_admin',
      metadata: { permission: 'key.rotate' },
    });
  });

  it('bootstraps an owner token once, verifies it, and honours a fixed token', async () => {
    const { generated } = await core.tokens.ensureBootstrap();
    expect(generated).toMatch(/^kici_[0-9a-f]{64}$/);
    expect(await core.tokens.ensureBootstrap()).toEqual({});
    expect(await core.tokens.authenticate(generated)).toMatchObject({
      tokenId: 'bootstrap',
      role: 'owner',
    });

    await core.tokens.ensureBootstrap('my-fixed-admin-token');
    expect((await failure(core.tokens.authenticate(generated))).message).toBe(
      'Invalid or expired token',
    );
    expect((await core.tokens.authenticate('my-fixed-admin-token')).role).toBe('owner');
    for (const bad of [undefined, '', 'kici_nope']) {
      expect((await failure(core.tokens.authenticate(bad))).code).toBe('unauthorized');
    }
    const [entry] = await store.audit.query({ action: 'auth.failed', limit: 1, offset: 0 });
    expect(entry).toMatchObject({ outcome: 'denied', metadata: { reason: 'unknown' } });
    expect(JSON.stringify(entry)).not.toContain('kici_nope');
  });

  it('creates, lists and revokes tokens; refuses to revoke the last active owner', async () => {
    const created = await core.tokens.create(owner, { label: 'ci-operator', role: 'admin' });
    expect(created.token).toMatch(/^kici_/);
    const actor = await core.tokens.authenticate(created.token);
    expect(actor).toMatchObject({ label: 'ci-operator', role: 'admin' });
    const listed = await core.tokens.list(owner);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(listed.find((t) => t.id === created.id)?.status).toBe('active');

    await core.tokens.revoke(owner, created.id);
    expect((await failure(core.tokens.authenticate(created.token))).code).toBe('unauthorized');
    const last = await failure(core.tokens.revoke(owner, 'bootstrap'));
    expect(last).toMatchObject({ code: 'conflict' });
    expect(last.message).toMatch(/last active owner/);
    const [refused] = await store.audit.query({ action: 'token.revoke', limit: 1, offset: 0 });
    expect(refused).toMatchObject({
      outcome: 'failure',
      metadata: { tokenId: 'bootstrap', reason: 'conflict' },
    });

    const soon = await core.tokens.create(owner, {
      label: 'short',
      role: 'owner',
      expiresAt: new Date(Date.now() + 300),
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await failure(core.tokens.authenticate(soon.token))).code).toBe('unauthorized');
    expect(
      (await failure(core.tokens.create(admin, { label: 'x', role: 'owner' }))).message,
    ).toContain('token.manage');
  });

  it('honours a revocation made by another instance within the token cache window', async () => {
    const created = await core.tokens.create(owner, { label: 'elsewhere', role: 'admin' });
    const other = await createCore({
      store,
      keyring: createKeyring({ current: KEY_1, version: 1 }),
    });
    await other.tokens.authenticate(created.token); // first use: records last_used_at
    await other.tokens.authenticate(created.token); // now cached on the other instance
    await core.tokens.revoke(owner, created.id);
    expect((await failure(core.tokens.authenticate(created.token))).code).toBe('unauthorized');
    // The documented window: the other instance may still accept it briefly...
    expect((await other.tokens.authenticate(created.token)).label).toBe('elsewhere');
    await new Promise((resolve) => setTimeout(resolve, TOKEN_CACHE_MS + 100));
    expect((await failure(other.tokens.authenticate(created.token))).code).toBe('unauthorized');
  });

  it('versions config values, reads history and rolls back as a new version', async () => {
    await core.config.set(owner, 'pgCustomerSecrets', true);
    await core.config.set(owner, 'pgCustomerSecrets', false);
    expect((await core.config.get(auditor, 'pgCustomerSecrets')).value).toBe(false);
    const rolled = await core.config.rollback(owner, 'pgCustomerSecrets', 1);
    expect(rolled).toMatchObject({ version: 3, rolledBackTo: 1 });
    expect((await core.config.get(owner, 'pgCustomerSecrets')).value).toBe(true);
    expect((await core.config.history(owner, 'pgCustomerSecrets')).map((h) => h.version)).toEqual([
      3, 2, 1,
    ]);
    expect((await failure(core.config.get(owner, 'missing'))).code).toBe('not_found');
    const [missing] = await store.audit.query({ action: 'config.get', limit: 1, offset: 0 });
    expect(missing).toMatchObject({
      outcome: 'failure',
      metadata: { key: 'missing', reason: 'not_found' },
    });
    expect((await failure(core.config.set(auditor, 'x', 1))).message).toContain('context.update');
  });

  it('rotates to a new master key: re-encrypts secrets and config history, then the old key can go', async () => {
    for (let i = 0; i < 20; i++)
      await core.secrets.set(owner, 'acme', 'pg:rotation', `KEY_${i}`, `value-${i}`);
    // A test run in flight across the rotation: its private key must open with the new key.
    await core.environments.create(owner, 'acme', 'rotation-test', { allowLocalExecution: true });
    const { publicKey } = await core.testRuns.runKey('acme', 'run-rotation');
    const local = sealForRun(
      publicKey,
      new TextEncoder().encode(JSON.stringify({ LOCAL_KEY: 'from-laptop' })),
      encodeAad('kici/test-run-local/v1', ['acme', 'run-rotation', 'db']),
    );
    const secrets = await store.secrets.count();
    const configs = await store.config.count();

    const rotated = await createCore({
      store,
      keyring: createKeyring({ current: KEY_2, previous: KEY_1, version: 1 }),
      rotationBatchSize: 7,
    });
    expect((await rotated.secrets.reveal(owner, 'acme', 'pg:rotation', 'KEY_3')).value).toBe(
      'value-3',
    );
    const result = await rotated.rotation.rotateKey(owner);
    expect(result).toMatchObject({ reEncrypted: secrets, reEncryptedConfigs: configs });
    expect(result.message).toBe(`Re-encrypted ${secrets} secrets, ${configs} config versions`);
    expect(await store.secrets.maxKeyVersion()).toBe(result.keyVersion);

    const newKeyOnly = await createCore({
      store,
      keyring: createKeyring({ current: KEY_2, version: 1 }),
    });
    expect((await newKeyOnly.secrets.reveal(owner, 'acme', 'pg:rotation', 'KEY_19')).value).toBe(
      'value-19',
    );
    expect((await newKeyOnly.config.get(owner, 'pgCustomerSecrets')).value).toBe(true);
    const [entry] = await store.audit.query({ action: 'rotateKey', limit: 1, offset: 0 });
    expect(entry?.metadata).toMatchObject({
      reEncrypted: secrets,
      reEncryptedConfigs: configs,
      reEncryptedRunKeys: 1,
    });
    const agent = generateRunKeyPair();
    const testRun = await newKeyOnly.testRuns.resolve({
      orgId: 'acme',
      runId: 'run-rotation',
      fixture: { db: 'rotation-test' },
      local: { db: local },
      agentPublicKey: agent.publicKey,
    });
    if (!testRun.allowed) throw new Error(testRun.reason);
    // The contexts come sealed to the agent's key.
    const opened = JSON.parse(
      new TextDecoder().decode(
        openForRun(agent.privateKey, testRun.bundle, testRunBundleAad('run-rotation')),
      ),
    );
    expect(opened).toMatchObject({
      contexts: { db: { secrets: { LOCAL_KEY: { value: 'from-laptop' } } } },
    });

    // Same-key re-encryption: no old key, a new key version all the same.
    const again = await newKeyOnly.rotation.rotateKey(owner);
    expect(again.keyVersion).toBe(result.keyVersion + 1);
    expect(again.reEncrypted).toBe(secrets);
  });
});
