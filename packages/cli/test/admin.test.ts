// `kici-admin token|rotate-key|audit|config` against a real kici-server.
import { startTestServer, type TestServer, testDrivers } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, json } from './helpers.js';

interface Entry {
  id: number;
  at: string;
  action: string;
  outcome: string;
  contextName: string | null;
  routingKey: string | null;
  metadata: Record<string, unknown>;
}

describe.each(testDrivers())('kici-admin tokens, rotation, audit, config (%s)', (driver) => {
  let server: TestServer;
  let run: ReturnType<typeof cli>;
  const audit = async (args: string[]) => {
    const result = await run(['audit', ...args, '--json']);
    expect(result.code, result.stderr).toBe(0);
    return json<{ entries: Entry[]; limit: number; offset: number }>(result);
  };

  beforeAll(async () => {
    server = await startTestServer({ driver });
    run = cli(server);
  }, 120_000);
  afterAll(() => server?.dispose());

  it('creates a token shown once, lists it, revokes it', async () => {
    const created = await run(['token', 'create', 'ci-operator', '--role', 'admin']);
    expect(created.code, created.stderr).toBe(0);
    const [header, tokenLine, note] = created.stdout.trimEnd().split('\n');
    expect(header).toMatch(
      /^Created token (tok_\w+) \(ci-operator, role admin, surface cli, expires never\)$/,
    );
    expect(tokenLine).toMatch(/^Token: \S{32,}$/);
    expect(note).toBe('Store it now: it will not be shown again.');
    const id = /tok_\w+/.exec(header ?? '')?.[0] ?? '';
    const token = tokenLine?.slice('Token: '.length) ?? '';

    // The new token works, and within its role only.
    const [asAdmin, adminDenied, listed, asJson] = await Promise.all([
      run(['secret', 'scopes', 'acme', '--token', token]),
      run(['token', 'list', '--token', token]),
      run(['token', 'list']),
      run([
        'token',
        'create',
        'compliance',
        '--role',
        'auditor',
        '--expires-at',
        '2099-01-31T09:00:00+01:00',
        '--json',
      ]),
    ]);
    expect(asAdmin.code).toBe(0);
    expect([adminDenied.code, adminDenied.stderr]).toEqual([
      1,
      "Error: Permission denied: this token's role lacks token.manage\n",
    ]);
    expect(listed.stdout).toMatch(new RegExp(`${id}\\s+ci-operator\\s+admin\\s+cli\\s+active`));
    expect(listed.stdout).not.toContain(token);
    expect(json(asJson)).toEqual({
      id: expect.stringMatching(/^tok_/),
      label: 'compliance',
      role: 'auditor',
      surface: 'cli',
      token: expect.any(String),
      createdAt: expect.any(String),
      expiresAt: '2099-01-31T08:00:00.000Z',
    });

    const revoked = await run(['token', 'revoke', id]);
    expect([revoked.code, revoked.stdout]).toEqual([
      0,
      expect.stringMatching(new RegExp(`^Revoked token ${id} at \\d{4}-.+Z\\n$`)),
    ]);
    const [after, rejected] = await Promise.all([
      run(['token', 'list', '--json']),
      run(['secret', 'scopes', 'acme', '--token', token]),
    ]);
    const tokens = json<{ tokens: { id: string; status: string }[] }>(after).tokens;
    expect(tokens.find((t) => t.id === id)?.status).toBe('revoked');
    expect([rejected.code, rejected.stderr]).toEqual([
      1,
      expect.stringMatching(/^Error: Invalid or expired token\nCheck:\n/),
    ]);
  });

  it('refuses to revoke the last owner token with the server message', async () => {
    const result = await run(['token', 'revoke', 'bootstrap']);
    expect([result.code, result.stdout, result.stderr]).toEqual([
      1,
      '',
      'Error: Refusing to revoke the last active owner token: create another owner token first\n',
    ]);
    const missing = await run(['token', 'revoke', 'tok_unknown']);
    expect([missing.code, missing.stderr]).toEqual([
      1,
      'Error: Active token tok_unknown not found\n',
    ]);
  });

  it('rotate-key prints the server message exactly', async () => {
    const writes = await Promise.all([
      run(['secret', 'set', 'rot', 'production', 'A', '--from-stdin'], { input: 'a' }),
      run(['secret', 'set', 'rot', 'production', 'B', '--from-stdin'], { input: 'b' }),
      run(['config', 'set', 'writePolicy', '{"secrets.set":["dashboard","cli"]}']),
    ]);
    for (const write of writes) expect(write.code, write.stderr).toBe(0);
    const human = await run(['rotate-key']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^Re-encrypted (\d+) secrets, (\d+) config versions\n$/);
    const [, secrets, configs] = /(\d+) secrets, (\d+)/.exec(human.stdout) ?? [];
    expect(Number(secrets)).toBeGreaterThanOrEqual(2);
    expect(Number(configs)).toBeGreaterThanOrEqual(1);
    const asJson = json<{ message: string; reEncrypted: number; keyVersion: number }>(
      await run(['rotate-key', '--json']),
    );
    expect(asJson.message).toBe(
      `Re-encrypted ${asJson.reEncrypted} secrets, ${configs} config versions`,
    );
    const [latest] = (await audit(['--action', 'rotateKey', '--limit', '5'])).entries;
    expect(latest?.metadata).toMatchObject({
      reEncrypted: asJson.reEncrypted,
      keyVersion: asJson.keyVersion,
    });
  });

  it('filters the audit log and lists it newest first', async () => {
    for (const [scope, key] of [
      ['audit-a', 'FIRST'],
      ['audit-b', 'SECOND'],
      ['audit-a', 'THIRD'],
    ] as const) {
      const result = await run(['secret', 'set', 'aud', scope, key, '--from-stdin'], {
        input: 'v',
      });
      expect(result.code).toBe(0);
    }
    const failed = await run(['token', 'list', '--token', 'kici_wrong_token_for_audit']);
    expect(failed.code).toBe(1);

    const [byContext, limited, offset, routed, future, human] = await Promise.all([
      audit(['--context', 'audit-a', '--action', 'secret.set']),
      audit(['--action', 'secret.set', '--limit', '2']),
      audit(['--action', 'secret.set', '--limit', '1', '--offset', '1']),
      audit(['--routing-key', 'GET /api/v1/admin/tokens']),
      audit(['--from', '2999-01-01T00:00:00Z']),
      run(['audit', '--context', 'audit-a', '--limit', '50']),
    ]);
    expect(byContext.entries.map((e) => [e.contextName, e.metadata.key])).toEqual([
      ['pg:audit-a', 'THIRD'],
      ['pg:audit-a', 'FIRST'],
    ]);
    expect([limited.limit, limited.entries.map((e) => e.metadata.key)]).toEqual([
      2,
      ['THIRD', 'SECOND'],
    ]);
    expect([offset.offset, offset.entries.map((e) => e.metadata.key)]).toEqual([1, ['SECOND']]);
    expect(routed.entries[0]).toMatchObject({ action: 'auth.failed', outcome: 'denied' });
    expect(JSON.stringify(routed)).not.toContain('kici_wrong_token_for_audit');
    expect(future.entries).toEqual([]);
    const times = byContext.entries.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);

    expect(human.code).toBe(0);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^AT\s+ACTOR\s+ACTION\s+OUTCOME\s+ORG\s+CONTEXT\s+DETAILS$/);
    const sets = lines.filter((line) => /\ssecret\.set\s+success\s/.test(line));
    expect(sets.map((line) => /key=(\w+)/.exec(line)?.[1])).toEqual(['THIRD', 'FIRST']);
    expect((await run(['audit', '--from', '2999-01-01T00:00:00Z'])).stdout).toBe(
      'No audit entries match\n',
    );
  });

  it('never shows raw control characters a caller put in a request path', async () => {
    // The server records the path still percent-encoded; the CLI would escape raw ones anyway.
    const response = await fetch(`${server.url}/api/v1/admin/probe%1b%5b2J%1b%5d0;x%07`);
    expect(response.status).toBe(401);
    const [human, asJson] = await Promise.all([
      run(['audit', '--action', 'auth.failed', '--limit', '1']),
      audit(['--action', 'auth.failed', '--limit', '1']),
    ]);
    expect(asJson.entries[0]?.routingKey).toBe('GET /api/v1/admin/probe%1b%5b2J%1b%5d0;x%07');
    expect(human.stdout).toContain('routingKey=GET /api/v1/admin/probe%1b%5b2J%1b%5d0;x%07');
    expect([human.stdout.includes('\u001b'), human.stdout.includes('\u0007')]).toEqual([
      false,
      false,
    ]);
  });

  it('gets, sets (JSON or string), lists, shows history and rolls back config', async () => {
    const set = await run(['config', 'set', 'pgCustomerSecrets', 'false']);
    expect([set.code, set.stdout]).toEqual([
      0,
      expect.stringMatching(/^Set pgCustomerSecrets to version 1 \(updated_at .+Z\)\n$/),
    ]);
    // JSON when it parses (an object arrives as one), else a string (refused by the key's
    // check, which proves it arrived as text); a key nothing reads is refused.
    const values = await Promise.all([
      run(['config', 'set', 'writePolicy', '{"secrets.set":["dashboard","cli"]}']),
      run(['config', 'set', 'pgCustomerSecrets', 'hello world']),
      run(['config', 'set', 'maxJobs', '42']),
    ]);
    expect(values.map((r) => [r.code, r.stderr])).toEqual([
      [0, ''],
      [1, 'Error: value: pgCustomerSecrets expects true or false\n'],
      [1, 'Error: key: unknown config key maxJobs (known keys: pgCustomerSecrets, writePolicy)\n'],
    ]);
    const got = await Promise.all(
      ['pgCustomerSecrets', 'writePolicy'].map(
        async (key) => json<{ value: unknown }>(await run(['config', 'get', key, '--json'])).value,
      ),
    );
    expect(got).toEqual([false, { 'secrets.set': ['dashboard', 'cli'] }]);
    expect((await run(['config', 'get', 'pgCustomerSecrets'])).stdout).toMatch(
      /^pgCustomerSecrets = false \(version 1, updated_at .+Z by token:bootstrap\)\n$/,
    );

    await run(['config', 'set', 'pgCustomerSecrets', 'true']);
    const history = await run(['config', 'history', 'pgCustomerSecrets']);
    expect(
      history.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(['VERSION', '2', '1']);
    expect(history.stdout.split('\n')[1]).toMatch(/\syes$/);
    const rollback = await run(['config', 'rollback', 'pgCustomerSecrets', '--version', '1']);
    expect(rollback.stdout).toMatch(
      /^Rolled back pgCustomerSecrets to version 1: now version 3 \(updated_at .+Z\)\n$/,
    );
    const [current, list, historyJson] = await Promise.all([
      run(['config', 'get', 'pgCustomerSecrets', '--json']),
      run(['config', 'list', '--json']),
      run(['config', 'history', 'pgCustomerSecrets', '--json']),
    ]);
    expect(json(current)).toMatchObject({ key: 'pgCustomerSecrets', value: false, version: 3 });
    const entries = json<{ entries: { key: string; version: number }[] }>(list).entries;
    expect(entries.find((e) => e.key === 'pgCustomerSecrets')?.version).toBe(3);
    expect(
      json<{ versions: { version: number; current: boolean }[] }>(historyJson).versions,
    ).toEqual([
      expect.objectContaining({ version: 3, current: true }),
      expect.objectContaining({ version: 2, current: false }),
      expect.objectContaining({ version: 1, current: false }),
    ]);

    const [missing, badVersion] = await Promise.all([
      run(['config', 'get', 'neverSet']),
      run(['config', 'rollback', 'pgCustomerSecrets', '--version', '99']),
    ]);
    expect([missing.code, missing.stderr]).toEqual([1, 'Error: Config key neverSet not found\n']);
    expect(badVersion.code).toBe(1);
    expect(badVersion.stderr).toMatch(/^Error: .+\n$/);
  });
});
