// Crash safety of rotate-key: SIGKILL the server in the middle of re-encrypting many rows,
// restart it, and show that every value still decrypts and a second rotation completes.

import { join } from 'node:path';
import { createAdminClient } from '@kici/contracts';
import { configAad } from '@kici/core';
import { secretAad } from '@kici/crypto';
import { createKeyring } from '@kici/crypto/node';
import { openStore, schema } from '@kici/store-pg';
import { describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';

const OLD = 'ab'.repeat(32);
const NEW = 'cd'.repeat(32);
const ROWS = 20_000;
const CONFIGS = 50;
const hexKey = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));

/** Opens the server's database directly (the server must be stopped for PGlite). */
const openDirect = (server: Pick<TestServer, 'database' | 'dataDir'>) =>
  openStore({ databaseUrl: server.database.databaseUrl, dataDir: join(server.dataDir, 'pgdata') });

describe.each(testDrivers())('rotate-key crash safety (%s)', (driver) => {
  it('survives SIGKILL mid-rotation', async () => {
    const first = await startTestServer({ driver, env: { KICI_SECRET_KEY: OLD } });
    await first.stop();

    // Seed many rows sealed with the old key, straight into the database.
    const seed = await openDirect(first);
    const old = createKeyring({ current: hexKey(OLD), version: 1 });
    for (let start = 0; start < ROWS; start += 1000) {
      const rows = Array.from({ length: Math.min(1000, ROWS - start) }, (_, i) => {
        const key = `KEY_${start + i}`;
        const location = { orgId: 'acme', scope: 'pg:bulk', key };
        return {
          ...location,
          ciphertext: old.seal(Buffer.from(`value-${start + i}`), secretAad(location)),
          keyVersion: 1,
          createdBy: 'test',
          updatedBy: 'test',
        };
      });
      await seed.db.insert(schema.scopedSecrets).values(rows);
    }
    for (let version = 1; version <= CONFIGS; version++) {
      const ciphertext = old.seal(
        Buffer.from(JSON.stringify(version)),
        configAad('setting', version),
      );
      await seed.db
        .insert(schema.configVersions)
        .values({ key: 'setting', version, ciphertext, keyVersion: 1, createdBy: 'test' });
    }
    await seed.close();

    const dual = { KICI_SECRET_KEY: NEW, KICI_SECRET_KEY_OLD: OLD };
    const rotating = await startTestServer({ driver, env: dual, reuse: first, token: first.token });
    const client = createAdminClient({
      baseUrl: rotating.url,
      token: rotating.token,
      timeoutMs: 120_000,
    });
    client.rotateKey().catch(() => {}); // the process dies under it
    await waitFor(() => /rotate-key: \d+ scoped_secrets rows re-encrypted/.test(rotating.output()));
    rotating.process.kill('SIGKILL');
    await new Promise((resolve) => rotating.process.once('exit', resolve));

    // Every secret and config value still opens with the keys configured.
    const check = await openDirect(first);
    const ring = createKeyring({ current: hexKey(NEW), previous: hexKey(OLD), version: 1 });
    const rows = await check.db.select().from(schema.scopedSecrets);
    expect(rows).toHaveLength(ROWS);
    const moved = rows.filter((row) => row.keyVersion > 1).length;
    expect(moved).toBeGreaterThan(0); // it was killed in the middle...
    expect(moved).toBeLessThan(ROWS); // ...not after the end
    for (const row of rows) {
      const opened = ring.open(row.ciphertext, secretAad(row));
      expect(Buffer.from(opened.plaintext).toString()).toBe(`value-${row.key.slice(4)}`);
    }
    for (const row of await check.db.select().from(schema.configVersions)) {
      if (row.key !== 'setting') continue; // the seeded writePolicy is checked by the rotation below
      expect(
        JSON.parse(
          Buffer.from(
            ring.open(row.ciphertext, configAad(row.key, row.version)).plaintext,
          ).toString(),
        ),
      ).toBe(row.version);
    }
    await check.close();

    // A second rotation completes: everything moves to the new key.
    const again = await startTestServer({ driver, env: dual, reuse: first, token: first.token });
    try {
      const result = await createAdminClient({
        baseUrl: again.url,
        token: again.token,
        timeoutMs: 120_000,
      }).rotateKey();
      // CONFIGS plus the writePolicy version seeded at first boot.
      expect(result.message).toBe(`Re-encrypted ${ROWS} secrets, ${CONFIGS + 1} config versions`);
    } finally {
      await again.stop();
    }
    const after = await openDirect(first);
    const newOnly = createKeyring({ current: hexKey(NEW), version: 1 });
    const sample = await after.db.select().from(schema.scopedSecrets).limit(500);
    for (const row of sample)
      expect(newOnly.open(row.ciphertext, secretAad(row)).usedPrevious).toBe(false);
    await after.close();
    await first.dispose();
  }, 300_000);
});

async function waitFor(condition: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
