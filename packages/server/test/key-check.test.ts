// Key checks: a server started with a master key that cannot open the database refuses to
// start (naming the likely causes) instead of answering every read with a 500.

import { join } from 'node:path';
import { createAdminClient } from '@kici/contracts';
import { openStore } from '@kici/store-pg';
import { describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';

const KEY_A = 'ab'.repeat(32);
const KEY_B = 'cd'.repeat(32);

const openDirect = (server: Pick<TestServer, 'database' | 'dataDir'>) =>
  openStore({ databaseUrl: server.database.databaseUrl, dataDir: join(server.dataDir, 'pgdata') });

const startFailure = (options: Parameters<typeof startTestServer>[0]) =>
  startTestServer(options).then(
    async (server) => {
      await server.stop();
      return undefined;
    },
    (error: Error) => error,
  );

describe.each(testDrivers())('key checks at start-up (%s)', (driver) => {
  it('refuses a key that opens no key check, starts with the old key beside it', async () => {
    const first = await startTestServer({ driver, env: { KICI_SECRET_KEY: KEY_A } });
    try {
      const owner = createAdminClient({ baseUrl: first.url, token: first.token });
      await owner.secrets.set('acme', 'production', 'DB_PASSWORD', 'from-key-a');
      await first.stop();

      const wrong = await startFailure({
        driver,
        env: { KICI_SECRET_KEY: KEY_B },
        reuse: first,
        token: first.token,
      });
      expect(wrong?.message).toMatch(/exited with 1/);
      expect(wrong?.message).toContain('The configured master key cannot open this database');
      expect(wrong?.message).toContain('KICI_SECRET_KEY_OLD');
      expect(wrong?.message).toContain('KICI_SECRET_KEY_FILE');
      expect(wrong?.message).toContain('.kici/secret.key');
      expect(wrong?.message).not.toContain('Listening on');

      const dual = await startTestServer({
        driver,
        env: { KICI_SECRET_KEY: KEY_B, KICI_SECRET_KEY_OLD: KEY_A },
        reuse: first,
        token: first.token,
      });
      try {
        const client = createAdminClient({ baseUrl: dual.url, token: dual.token });
        expect((await client.secrets.reveal('acme', 'production', 'DB_PASSWORD')).value).toBe(
          'from-key-a',
        );
        // After the rotation the new key alone opens the latest check; the old one alone does not.
        await client.rotateKey();
      } finally {
        await dual.stop();
      }
      const newOnly = await startTestServer({
        driver,
        env: { KICI_SECRET_KEY: KEY_B },
        reuse: first,
        token: first.token,
      });
      await newOnly.stop();
      const oldOnly = await startFailure({
        driver,
        env: { KICI_SECRET_KEY: KEY_A },
        reuse: first,
        token: first.token,
      });
      expect(oldOnly?.message).toContain('the key check of key version 2');
    } finally {
      await first.dispose();
    }
  }, 240_000);

  it('records a check for a database written before key checks, without refusing', async () => {
    const first = await startTestServer({ driver, env: { KICI_SECRET_KEY: KEY_A } });
    try {
      await first.stop();
      const direct = await openDirect(first);
      await direct.db.execute('delete from key_checks');
      await direct.close();
      const again = await startTestServer({
        driver,
        env: { KICI_SECRET_KEY: KEY_A },
        reuse: first,
        token: first.token,
      });
      await again.stop();
      const check = await openDirect(first);
      expect(await check.keyChecks.list()).toHaveLength(1);
      await check.close();
      // Now checked: another key is refused.
      const wrong = await startFailure({
        driver,
        env: { KICI_SECRET_KEY: KEY_B },
        reuse: first,
        token: first.token,
      });
      expect(wrong?.message).toContain('cannot open this database');
    } finally {
      await first.dispose();
    }
  }, 240_000);
});
