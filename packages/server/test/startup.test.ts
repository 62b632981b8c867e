// Start-up as an operator meets it: keys, the development key, the bootstrap token, messages.
import { statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdminClient } from '@kici/contracts';
import { openStore } from '@kici/store-pg';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startTestServer, testDrivers } from '../src/testing.js';
import { apiError, startFailure } from './helpers.js';

const NO_KEY = { KICI_SECRET_KEY: '' };
const mkdtempDir = () => mkdtemp(join(tmpdir(), 'kici-startup-'));

describe('start-up', () => {
  it('embedded: generates a development key (mode 0600) and a bootstrap token printed once', async () => {
    const first = await startTestServer({
      driver: 'pglite',
      env: { ...NO_KEY, KICI_BOOTSTRAP_ADMIN_TOKEN: '' },
    });
    try {
      const keyFile = join(first.dataDir, 'secret.key');
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(first.output()).toContain(
        `Generated a development master key at ${keyFile} (mode 0600)`,
      );
      const token = /KICI Admin Token: (kici_[0-9a-f]{64})/.exec(first.output())?.[1];
      expect(token).toBeDefined();
      const client = createAdminClient({ baseUrl: first.url, token: token as string });
      await client.secrets.set('acme', 'production', 'API_KEY', 'value-1');
      expect(await first.stop()).toBe(0);

      const second = await startTestServer({
        driver: 'pglite',
        env: { ...NO_KEY, KICI_BOOTSTRAP_ADMIN_TOKEN: '' },
        reuse: first,
      });
      try {
        expect(second.output()).not.toContain('KICI Admin Token');
        expect(second.output()).toContain('Using the development master key');
        const again = createAdminClient({ baseUrl: second.url, token: token as string });
        expect((await again.secrets.reveal('acme', 'production', 'API_KEY')).value).toBe('value-1');
      } finally {
        await second.stop();
      }
    } finally {
      await first.dispose();
    }
  }, 120_000);

  it('with KICI_SECRET_KEY_FILE and a data directory that does not exist yet: creates it (0700)', async () => {
    const parent = await mkdtempDir();
    const keyFile = join(parent, 'secret.key');
    await writeFile(keyFile, `${'ef'.repeat(32)}\n`, { mode: 0o600 });
    const dataDir = join(parent, 'not', 'yet', '.kici');
    const server = await startTestServer({
      driver: 'pglite',
      env: { KICI_SECRET_KEY: '', KICI_SECRET_KEY_FILE: keyFile, KICI_DATA_DIR: dataDir },
    });
    try {
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dataDir, 'pgdata')).isDirectory()).toBe(true);
      expect(server.output()).toContain(`Created the data directory ${dataDir} (mode 0700)`);
      expect(server.output()).not.toContain('development master key');
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      await server.dispose();
      await rm(parent, { recursive: true, force: true });
    }
  }, 120_000);

  it.runIf(testDrivers().includes('postgres'))(
    'with DATABASE_URL and no key: exits non-zero, "Secret encryption key not found"',
    async () => {
      const failure = await startTestServer({ driver: 'postgres', env: NO_KEY }).then(
        () => undefined,
        (error: Error) => error,
      );
      expect(failure?.message).toMatch(/exited with 1/);
      expect(failure?.message).toContain('Secret encryption key not found');
      expect(failure?.message).toContain('The key file exists and is readable');
    },
    120_000,
  );

  it.each(testDrivers())(
    '%s: announces dual-key decrypt when an old key is configured',
    async (driver) => {
      const server = await startTestServer({
        driver,
        env: { KICI_SECRET_KEY_OLD: 'cd'.repeat(32) },
      });
      try {
        expect(server.output()).toContain(
          'Old master key configured — dual-key decrypt and true rotation enabled',
        );
      } finally {
        await server.dispose();
      }
    },
    120_000,
  );

  it.each(testDrivers())(
    '%s: KICI_MAX_SECRET_BYTES sets the value limit, for the typed client as well',
    async (driver) => {
      const server = await startTestServer({ driver, env: { KICI_MAX_SECRET_BYTES: '131072' } });
      try {
        const client = createAdminClient({ baseUrl: server.url, token: server.token });
        const set = await client.secrets.set('acme', 'production', 'BIG', 'v'.repeat(100_000));
        expect(set.valueLength).toBe(100_000);
        const refused = await apiError(
          client.secrets.set('acme', 'production', 'BIGGER', 'v'.repeat(131_073)),
        );
        expect([refused.status, refused.message]).toEqual([
          400,
          'value: expected at most 131072 bytes',
        ]);
      } finally {
        await server.dispose();
      }
    },
    120_000,
  );

  it.runIf(testDrivers().includes('postgres'))(
    'KICI_DB_STATEMENT_CONNECTIONS sets how many connections carry the hot statements',
    async () => {
      const server = await startTestServer({
        driver: 'postgres',
        env: { KICI_DB_STATEMENT_CONNECTIONS: '3' },
      });
      const observer = await openStore({
        databaseUrl: server.database.databaseUrl,
        migrate: false,
      });
      try {
        const client = createAdminClient({ baseUrl: server.url, token: server.token });
        await Promise.all(
          Array.from({ length: 30 }, () => client.secrets.keys('acme', 'production')),
        );
        const rows = (await observer.db.execute(
          sql`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and application_name = 'kici-statements'`,
        )) as unknown as { n: number }[];
        expect(rows[0]?.n).toBe(3);
      } finally {
        await observer.close();
        await server.dispose();
      }
    },
    120_000,
  );

  it('refuses a connection count out of range, naming the variable', async () => {
    const failure = await startTestServer({
      driver: 'pglite',
      env: { KICI_DB_STATEMENT_CONNECTIONS: '0' },
    }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toContain(
      'KICI_DB_STATEMENT_CONNECTIONS: expected an integer from 1 to 1000',
    );
  }, 120_000);

  it('refuses a run limit, credential lifetime or cleanup timing out of range, naming it', async () => {
    const cases: [string, string, string][] = [
      ['KICI_RUN_MAX_OUTPUTS_PER_JOB', '0', 'an integer from 1 to 100000'],
      ['KICI_RUN_MAX_OUTPUT_BYTES', '1048577', 'an integer from 1 to 1048576'],
      ['KICI_RUN_MAX_OUTPUT_TOTAL_BYTES', 'lots', 'an integer from 1 to 268435456'],
      ['KICI_JOB_CREDENTIAL_TTL_MS', '999', 'an integer from 1000 to 86400000'],
      ['KICI_RUN_CLEANUP_INTERVAL_MS', '-5', 'an integer from 100 to 86400000'],
      ['KICI_RUN_CLEANUP_TICK_MS', '50', 'an integer from 100 to 3600000'],
    ];
    for (const [name, value, expected] of cases) {
      const failure = await startFailure({ [name]: value });
      expect(failure?.message).toContain(`Invalid configuration: ${name}: expected ${expected}`);
    }
  }, 120_000);

  it('names an invalid variable without echoing it', async () => {
    const failure = await startTestServer({
      driver: 'pglite',
      env: { PORT: 'eighty', KICI_SECRET_KEY: 'zz-not-a-key' },
    }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toContain('PORT: expected an integer');
    expect(failure?.message).not.toContain('eighty');
  }, 120_000);
});
