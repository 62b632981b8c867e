// `kici-admin rotate-key` with a row that fails its integrity check: stops naming the row and
// the way past it; `--skip-unreadable` completes and lists the row it left.
import {
  openServerDatabase,
  startTestServer,
  type TestServer,
  testDrivers,
} from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

describe.each(testDrivers())('kici-admin rotate-key --skip-unreadable (%s)', (driver) => {
  let first: TestServer;
  let server: TestServer;
  let run: ReturnType<typeof cli>;

  beforeAll(async () => {
    first = await startTestServer({ driver });
    const seed = cli(first);
    for (const key of ['DAMAGED', 'FINE']) {
      const set = await seed(['secret', 'set', 'acme', 'production', key, '--from-stdin'], {
        input: `${key}-value`,
      });
      expect(set.code, set.stderr).toBe(0);
    }
    await first.stop();
    const direct = await openServerDatabase(first);
    await direct.db.execute(`update scoped_secrets
      set ciphertext = set_byte(ciphertext, length(ciphertext) - 1,
        get_byte(ciphertext, length(ciphertext) - 1) # 255)
      where key = 'DAMAGED'`);
    await direct.close();
    server = await startTestServer({ driver, reuse: first, token: first.token });
    run = cli(server);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await first?.dispose();
  });

  it('stops by default, naming the row; completes with --skip-unreadable', async () => {
    const stopped = await run(['rotate-key']);
    expect(stopped.code).not.toBe(0);
    expect(stopped.stderr).toContain('scoped_secrets (org acme, scope pg:production, key DAMAGED)');
    expect(stopped.stderr).toContain('--skip-unreadable');
    expect(stopped.stderr).not.toContain('DAMAGED-value');

    const skipped = await run(['rotate-key', '--skip-unreadable']);
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stdout).toBe(
      'Re-encrypted 1 secrets, 1 config versions\nSkipped (failed its integrity check): scoped_secrets acme / pg:production / DAMAGED\n',
    );
  });
});
