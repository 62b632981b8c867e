// Config over HTTP: only the keys the orchestrator reads are accepted, and `DELETE
// /config/:key` unsets a key as a new version (history and rollback keep working).
import { createAdminClient } from '@kici/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { apiError } from './helpers.js';

const KNOWN = 'known keys: pgCustomerSecrets, writePolicy';

describe.each(testDrivers())('config keys and unset (%s)', (driver) => {
  let server: TestServer;
  let owner: ReturnType<typeof createAdminClient>;

  beforeAll(async () => {
    server = await startTestServer({ driver });
    owner = createAdminClient({ baseUrl: server.url, token: server.token });
  }, 120_000);
  afterAll(() => server?.dispose());

  it('refuses an unknown key with 400 naming key and listing the known ones', async () => {
    const refused = await apiError(owner.config.set('maxJobs', 42));
    expect([refused.status, refused.code, refused.field]).toEqual([400, 'invalid_input', 'key']);
    expect(refused.message).toBe(`key: unknown config key maxJobs (${KNOWN})`);
    // A typo of a known key is refused too: nothing would ever read it.
    expect((await apiError(owner.config.set('pgCustomerSecret', false))).message).toContain(KNOWN);
    expect((await apiError(owner.config.get('maxJobs'))).status).toBe(404);
  });

  it('unsets a key as a new version: absent, still in history, back by rollback', async () => {
    const first = await owner.config.set('pgCustomerSecrets', false);
    const unset = await owner.config.unset('pgCustomerSecrets');
    expect(unset).toMatchObject({ key: 'pgCustomerSecrets', version: first.version + 1 });
    expect((await apiError(owner.config.get('pgCustomerSecrets'))).status).toBe(404);
    const { entries } = await owner.config.list();
    expect(entries.map((e) => e.key)).not.toContain('pgCustomerSecrets');
    const { versions } = await owner.config.history('pgCustomerSecrets');
    expect(versions.slice(0, 2)).toEqual([
      expect.objectContaining({ version: unset.version, current: true, unset: true }),
      expect.objectContaining({ version: first.version, current: false, unset: false }),
    ]);
    // Nothing left to unset.
    expect((await apiError(owner.config.unset('pgCustomerSecrets'))).status).toBe(404);
    const back = await owner.config.rollback('pgCustomerSecrets', first.version);
    expect(back).toMatchObject({ version: unset.version + 1, rolledBackTo: first.version });
    expect((await owner.config.get('pgCustomerSecrets')).value).toBe(false);
    // Rolling back to the unset version unsets again.
    await owner.config.rollback('pgCustomerSecrets', unset.version);
    expect((await apiError(owner.config.get('pgCustomerSecrets'))).status).toBe(404);
    // Audited: the unset, then the refused second one (newest first).
    const { entries: audited } = await owner.audit({ action: 'config.unset', limit: 2 });
    expect(audited).toEqual([
      expect.objectContaining({
        outcome: 'failure',
        metadata: expect.objectContaining({ key: 'pgCustomerSecrets' }),
      }),
      expect.objectContaining({
        outcome: 'success',
        metadata: expect.objectContaining({ key: 'pgCustomerSecrets' }),
      }),
    ]);
  });

  it('lets only context.update unset, and says so for a key never set', async () => {
    const { token } = await owner.tokens.create({ label: 'config-auditor', role: 'auditor' });
    const auditor = createAdminClient({ baseUrl: server.url, token });
    await owner.config.set('writePolicy', { 'secrets.set': ['dashboard', 'cli'] });
    expect((await apiError(auditor.config.unset('writePolicy'))).status).toBe(403);
    expect((await owner.config.get('writePolicy')).value).toEqual({
      'secrets.set': ['dashboard', 'cli'],
    });
    const never = await apiError(owner.config.unset('neverSet'));
    expect([never.status, never.message]).toEqual([404, 'Config key neverSet not found']);
  });
});
