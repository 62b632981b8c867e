// `kici-admin secret scopes|list|delete|reveal` against a real kici-server, and how failures
// reach the operator: the server's message on stderr, exit 1, never a token or a value.
import { startTestServer, type TestServer, testDrivers } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, json } from './helpers.js';

const VALUE = 'postgresql://user:s3cr3t-pass@db:5432/app';

describe.each(testDrivers())('kici-admin secret commands (%s)', (driver) => {
  let server: TestServer;
  let run: ReturnType<typeof cli>;
  let auditorToken: string;

  /** The error body the server answers a request with, to compare with what the CLI prints. */
  async function serverMessage(path: string, token: string, init: RequestInit = {}) {
    const response = await fetch(`${server.url}/api/v1/admin${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
    });
    return ((await response.json()) as { error: { message: string } }).error.message;
  }

  beforeAll(async () => {
    server = await startTestServer({ driver });
    run = cli(server);
    const created = await run(['token', 'create', 'compliance', '--role', 'auditor', '--json']);
    auditorToken = json<{ token: string }>(created).token;
    const writes = await Promise.all(
      [
        ['acme', 'production', 'KICI_DATABASE_URL'],
        ['acme', 'production', 'DB_PASSWORD'],
        ['acme', 'pg:aws/prod', 'AWS_SECRET_ACCESS_KEY'],
        ['other', 'staging', 'DB_PASSWORD'],
      ].map((target) => run(['secret', 'set', ...target, '--from-stdin'], { input: VALUE })),
    );
    for (const write of writes) expect(write.code, write.stderr).toBe(0);
  }, 120_000);
  afterAll(() => server?.dispose());

  it('lists scopes with their secret counts, in both spellings of the org', async () => {
    const [human, fromEnv, asJson] = await Promise.all([
      run(['secret', 'scopes', 'acme']),
      run(['secret', 'scopes'], { env: { KICI_ORG_ID: 'acme' } }),
      run(['secret', 'scopes', '--org', 'acme', '--json']),
    ]);
    expect(human.code).toBe(0);
    expect(human.stdout.split('\n').map((line) => line.split(/\s{2,}/).slice(0, 2))).toEqual([
      ['SCOPE', 'SECRETS'],
      ['pg:aws/prod', '1'],
      ['pg:production', '2'],
      [''],
    ]);
    expect(fromEnv.stdout).toBe(human.stdout);
    expect(json(asJson)).toEqual({
      orgId: 'acme',
      scopes: [
        expect.objectContaining({
          scope: 'pg:aws/prod',
          backend: 'pg',
          path: 'aws/prod',
          secretCount: 1,
        }),
        expect.objectContaining({
          scope: 'pg:production',
          backend: 'pg',
          path: 'production',
          secretCount: 2,
        }),
      ],
    });
    const none = await run(['secret', 'scopes', 'nobody']);
    expect(none.stdout).toBe('No scopes for org nobody\n');
  });

  it('lists keys with metadata and never a value', async () => {
    const [human, flags, asJson] = await Promise.all([
      run(['secret', 'list', 'acme', 'production']),
      run(['secret', 'list', '--scope', 'production'], { env: { KICI_ORG_ID: 'acme' } }),
      run(['secret', 'list', 'acme', 'production', '--json']),
    ]);
    expect(human.code).toBe(0);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^KEY\s+UPDATED\s+UPDATED BY\s+ROTATIONS\s+KEY VERSION$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual([
      'DB_PASSWORD',
      'KICI_DATABASE_URL',
    ]);
    expect(lines[1]).toContain('token:bootstrap');
    expect(flags.stdout).toBe(human.stdout);
    const body = json<{ orgId: string; scope: string; keys: Record<string, unknown>[] }>(asJson);
    expect([body.orgId, body.scope, body.keys.length]).toEqual(['acme', 'pg:production', 2]);
    expect(Object.keys(body.keys[0] ?? {}).sort()).toEqual(
      [
        'backendType',
        'createdAt',
        'createdBy',
        'key',
        'keyVersion',
        'lastRotatedAt',
        'rotationCount',
        'scope',
        'updatedAt',
        'updatedBy',
      ].sort(),
    );
    for (const result of [human, flags, asJson]) expect(result.stdout).not.toContain('s3cr3t');
  });

  it('reveals the value alone on stdout (pipeable), or the API response with --json', async () => {
    const [plain, byFlags, asJson] = await Promise.all([
      run(['secret', 'reveal', 'acme', 'production', 'KICI_DATABASE_URL']),
      run(['secret', 'reveal', '--org', 'acme', '--scope', 'pg:aws/prod', 'AWS_SECRET_ACCESS_KEY']),
      run(['secret', 'reveal', 'other', 'staging', 'DB_PASSWORD', '--json']),
    ]);
    expect([plain.code, plain.stdout, plain.stderr]).toEqual([0, `${VALUE}\n`, '']);
    expect(byFlags.stdout).toBe(`${VALUE}\n`);
    expect(json(asJson)).toEqual({
      orgId: 'other',
      scope: 'pg:staging',
      key: 'DB_PASSWORD',
      value: VALUE,
      updatedAt: expect.any(String),
    });
  });

  it('deletes a secret, then reports 404 with the server message and exit 1', async () => {
    const deleted = await run(['secret', 'delete', 'other', 'staging', 'DB_PASSWORD']);
    expect([deleted.code, deleted.stdout]).toEqual([
      0,
      'Deleted DB_PASSWORD from pg:staging (org other)\n',
    ]);
    const [again, reveal] = await Promise.all([
      run(['secret', 'delete', 'other', 'staging', 'DB_PASSWORD', '--json']),
      run(['secret', 'reveal', 'other', 'staging', 'DB_PASSWORD']),
    ]);
    const message = await serverMessage(
      '/secrets/other/pg%3Astaging/DB_PASSWORD/reveal',
      server.token,
      {
        method: 'POST',
      },
    );
    expect(message).toBe('Secret DB_PASSWORD in scope pg:staging not found');
    for (const result of [again, reveal]) {
      expect([result.code, result.stdout, result.stderr]).toEqual([1, '', `Error: ${message}\n`]);
    }
  });

  it('exits 1 with the server message on 403 (auditor) and 401 (bad token), quoting neither token', async () => {
    const badToken = 'kici_this-token-does-not-exist';
    const [denied, deniedList, unauthorized] = await Promise.all([
      run(['secret', 'set', 'acme', 'production', 'DB_PASSWORD', '--from-stdin'], {
        input: 'new-s3cret',
        env: { KICI_ADMIN_TOKEN: auditorToken },
      }),
      run(['secret', 'list', 'acme', 'production', '--token', auditorToken]),
      run(['secret', 'scopes', 'acme', '--token', badToken]),
    ]);
    const [denial, listDenial, invalid] = await Promise.all([
      serverMessage('/secrets/acme/production/DB_PASSWORD', auditorToken, {
        method: 'PUT',
        body: JSON.stringify({ value: 'x' }),
      }),
      serverMessage('/secrets/keys?orgId=acme&scope=production', auditorToken),
      serverMessage('/secrets/scopes?orgId=acme', badToken),
    ]);
    expect(denial).toBe("Permission denied: this token's role lacks secret.write");
    expect(invalid).toBe('Invalid or expired token');
    expect([denied.code, denied.stdout, denied.stderr]).toEqual([1, '', `Error: ${denial}\n`]);
    expect([deniedList.code, deniedList.stderr]).toEqual([1, `Error: ${listDenial}\n`]);
    // The server's message as it is, then what to check (day-two hint).
    expect([unauthorized.code, unauthorized.stderr.split('\n')[0]]).toEqual([
      1,
      `Error: ${invalid}`,
    ]);
    expect(unauthorized.stderr).toContain('\nCheck:\n');
    for (const result of [denied, deniedList, unauthorized]) {
      expect(result.stderr).not.toContain(auditorToken);
      expect(result.stderr).not.toContain(badToken);
      expect(result.stderr).not.toContain('s3cret');
    }
    // Nothing was written by the denied set.
    const reveal = await run(['secret', 'reveal', 'acme', 'production', 'DB_PASSWORD']);
    expect(reveal.stdout).toBe(`${VALUE}\n`);
  });

  it('answers an invalid scope from the server (unknown backend) with exit 1', async () => {
    const result = await run(['secret', 'set', 'acme', 'vault:kv/app', 'TOKEN', '--value', 'v']);
    expect([result.code, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toContain('Error: scope: backend "vault" is not registered');
  });
});
