// A row whose ciphertext does not open (tampered in the database): rotation names it, audits
// the failure and leaves the instance as it was, or skips it when told to; reveal and resolve
// name it as an integrity failure and audit it; listing keys still works.

import { join } from 'node:path';
import { type AdminClient, createAdminClient } from '@kici/contracts';
import { openStore } from '@kici/store-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { apiError, dispatch } from './helpers.js';

const openDirect = (server: Pick<TestServer, 'database' | 'dataDir'>) =>
  openStore({ databaseUrl: server.database.databaseUrl, dataDir: join(server.dataDir, 'pgdata') });

/** Flips the last byte of the GCM tag: the envelope no longer opens. */
const TAMPER = `update scoped_secrets
  set ciphertext = set_byte(ciphertext, length(ciphertext) - 1,
    get_byte(ciphertext, length(ciphertext) - 1) # 255)
  where org_id = 'acme' and key = 'DAMAGED'`;

describe.each(testDrivers())('unreadable rows (%s)', (driver) => {
  let first: TestServer;
  let server: TestServer;
  let owner: AdminClient;

  beforeAll(async () => {
    first = await startTestServer({ driver });
    const client = createAdminClient({ baseUrl: first.url, token: first.token });
    await client.secrets.set('acme', 'production', 'DAMAGED', 'damaged-value');
    await client.secrets.set('acme', 'production', 'FINE', 'fine-value');
    await client.environments.create('acme', { name: 'production', scopes: ['production'] });
    await first.stop();
    const direct = await openDirect(first);
    await direct.db.execute(TAMPER);
    await direct.close();
    server = await startTestServer({
      driver,
      env: { KICI_SECRET_KEY: 'cd'.repeat(32), KICI_SECRET_KEY_OLD: 'ab'.repeat(32) },
      reuse: first,
      token: first.token,
    });
    owner = createAdminClient({ baseUrl: server.url, token: server.token });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await first?.dispose();
  });

  const lastAudit = async (action: string) => (await owner.audit({ action, limit: 1 })).entries[0];

  it('reveal names the row as an integrity failure and audits it', async () => {
    const error = await apiError(owner.secrets.reveal('acme', 'production', 'DAMAGED'));
    expect(error.status).toBe(500);
    expect(error.message).toContain('Secret DAMAGED in scope pg:production (org acme)');
    expect(error.message).toContain('failed its integrity check');
    expect(await lastAudit('secret.reveal')).toMatchObject({
      outcome: 'failure',
      orgId: 'acme',
      metadata: { reason: 'integrity', key: 'DAMAGED', scope: 'pg:production' },
    });
    // The log names the row too (never the value, never a backend).
    expect(server.output()).toContain('Secret DAMAGED in scope pg:production (org acme)');
    expect(server.output()).not.toContain('damaged-value');
    const keys = await owner.secrets.keys('acme', 'production');
    expect(keys.keys.map((k) => k.key).sort()).toEqual(['DAMAGED', 'FINE']);
    expect((await owner.secrets.reveal('acme', 'production', 'FINE')).value).toBe('fine-value');
  });

  it('resolve names the row as an integrity failure and audits it', async () => {
    const response = await dispatch(server);
    const body = response.body as { error: { message: string } };
    expect(response.status).toBe(500);
    expect(body.error.message).toContain('Secret DAMAGED in scope pg:production (org acme)');
    expect(body.error.message).toContain('failed its integrity check');
    expect(JSON.stringify(body)).not.toContain('fine-value');
    const entries = (await owner.audit({ action: 'secret.resolve', limit: 5 })).entries;
    expect(entries.find((entry) => entry.outcome === 'failure')).toMatchObject({
      metadata: { reason: 'integrity', key: 'DAMAGED', scope: 'pg:production' },
    });
  });

  it('rotation stops before changing anything, names the row, audits, and the instance still works', async () => {
    const error = await apiError(owner.rotateKey());
    expect(error.status).toBe(409);
    expect(error.message).toContain('scoped_secrets (org acme, scope pg:production, key DAMAGED)');
    expect(error.message).toContain('--skip-unreadable');
    expect(error.message).not.toContain('damaged-value');
    expect(await lastAudit('rotateKey')).toMatchObject({
      outcome: 'failure',
      metadata: {
        reason: 'unreadable_rows',
        unreadableCount: 1,
        unreadable: [
          { table: 'scoped_secrets', orgId: 'acme', scope: 'pg:production', key: 'DAMAGED' },
        ],
      },
    });
    // Writes and reads go on, at the key version the instance had.
    await owner.secrets.set('acme', 'production', 'AFTER', 'after-value');
    expect((await owner.secrets.reveal('acme', 'production', 'AFTER')).value).toBe('after-value');
    const direct = driver === 'postgres' ? await openDirect(server) : undefined;
    if (direct) {
      expect(await direct.secrets.maxKeyVersion()).toBe(1);
      await direct.close();
    }
  });

  it('with skipUnreadable: completes and reports the rows it left', async () => {
    const result = await owner.rotateKey({ skipUnreadable: true });
    expect(result.skipped).toEqual([
      { table: 'scoped_secrets', orgId: 'acme', scope: 'pg:production', key: 'DAMAGED' },
    ]);
    expect(result.reEncrypted).toBe(2);
    expect(result.keyVersion).toBe(2);
    expect(await lastAudit('rotateKey')).toMatchObject({
      outcome: 'success',
      metadata: { skippedCount: 1, keyVersion: 2 },
    });
    await owner.secrets.set('acme', 'production', 'LATER', 'later-value');
    expect((await owner.secrets.reveal('acme', 'production', 'FINE')).value).toBe('fine-value');
    expect((await owner.secrets.reveal('acme', 'production', 'LATER')).value).toBe('later-value');
  });
});
