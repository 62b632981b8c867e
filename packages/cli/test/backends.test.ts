// `kici-admin backend add|list|test|sync|scopes|remove` and `secret link` as a real process
// against a real kici-server and the Vault-compatible test server of tests-e2e (plain http and
// https with a throw-away CA): the product documentation's command lines, credentials that
// never come back on stdout or stderr, failures that name the backend, and usage errors (exit 2)
// that name the flag.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startTestServer, type TestServer, testDrivers } from '@kici/server/testing';
import { makeTestCertificates, type TestCertificates } from '@kici/vault-test-server/certificates';
import { startVaultTestServer, type VaultTestServer } from '@kici/vault-test-server/start';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, json, kiciAdmin, kiciAdminOnTty, type Result, type RunOptions } from './helpers.js';

const ARGV_WARNING = (flags: string, instead: string) =>
  `Warning: ${flags} visible in shell history and the process list — prefer ${instead}\n`;

interface Backend {
  name: string;
  type: string;
  source: string;
  summary: Record<string, unknown>;
  scopePatterns: string[];
  syncIntervalSeconds: number;
  health: 'green' | 'yellow' | 'red';
  lastSyncAt: string | null;
  lastSyncStatus: string | null;
  errors: { at: string; message: string }[];
  scopeCount: number;
  latency: { p50Ms: number | null; p95Ms: number | null; samples: number };
}

describe.each(testDrivers())('kici-admin backend commands (%s)', (driver) => {
  let vault: VaultTestServer;
  let tlsVault: VaultTestServer;
  let certificates: TestCertificates;
  let server: TestServer;
  let runRaw: ReturnType<typeof cli>;
  /** Every credential the Vault servers accept: none may ever be printed. */
  let credentials: string[];

  const noCredential = (result: Result) => {
    for (const credential of credentials) {
      expect(result.stdout).not.toContain(credential);
      expect(result.stderr).not.toContain(credential);
    }
    return result;
  };
  /** `kici-admin …` against the server; its output is checked for every credential. */
  const run = async (args: readonly string[], options?: RunOptions) =>
    noCredential(await runRaw(args, options));
  const listed = async () => {
    const result = await run(['backend', 'list', '--json']);
    expect(result.code, result.stderr).toBe(0);
    return json<{ backends: Backend[] }>(result).backends;
  };
  const backend = async (name: string) => (await listed()).find((b) => b.name === name);

  beforeAll(async () => {
    certificates = await makeTestCertificates();
    [vault, tlsVault, server] = await Promise.all([
      startVaultTestServer(),
      startVaultTestServer({
        tls: { certFile: certificates.certFile, keyFile: certificates.keyFile },
      }),
      // No periodic sync during the tests: they show a backend before and after a manual sync.
      startTestServer({ driver, env: { KICI_BACKEND_SYNC_TICK_MS: '3600000' } }),
    ]);
    credentials = [vault, tlsVault].flatMap((v) => [v.roleId, v.secretId, v.rootToken]);
    await Promise.all([
      vault.seed('kici/secrets/aws/credentials', { AWS_ACCESS_KEY_ID: 'AKIA-from-vault' }),
      vault.seed('kici/secrets/db/prod', { DB_PASSWORD: 'vault-db' }),
      tlsVault.seed('team/kv/app', { TOKEN: 'x' }, { mount: 'secret' }),
    ]);
    runRaw = cli(server);
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
    await Promise.all([vault?.stop(), tlsVault?.stop()]);
    await certificates?.dispose();
    for (const credential of credentials ?? []) {
      expect(server?.output() ?? '').not.toContain(credential);
    }
  });

  it('has no backends to list or sync at first', async () => {
    const [list, sync] = await Promise.all([run(['backend', 'list']), run(['backend', 'sync'])]);
    expect([list.code, list.stdout]).toEqual([
      0,
      'No external backends (pg is built in): add one with kici-admin backend add\n',
    ]);
    expect([sync.code, sync.stdout, sync.stderr]).toEqual([
      0,
      'No external backends to sync\n',
      '',
    ]);
  });

  it("adds a backend with the product documentation's AppRole command line", async () => {
    const added = await run([
      'backend',
      'add',
      '--name',
      'openbao-prod',
      '--type',
      'vault',
      '--url',
      vault.url,
      '--auth-method',
      'approle',
      '--role-id',
      vault.roleId,
      '--secret-id',
      vault.secretId,
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toBe(
      `Added backend openbao-prod (type vault, url ${vault.url}, auth approle)\n`,
    );
    expect(added.stderr).toBe(
      ARGV_WARNING('--role-id, --secret-id', '--role-id-env / --secret-id-env'),
    );
    expect(await backend('openbao-prod')).toMatchObject({
      type: 'vault',
      source: 'api',
      summary: {
        url: vault.url,
        authMethod: 'approle',
        mountPath: 'secret',
        basePath: 'kici/secrets',
      },
      scopePatterns: ['**'],
      syncIntervalSeconds: 300,
      health: 'yellow',
      lastSyncAt: null,
    });

    const again = await run(
      [
        'backend',
        'add',
        '--name',
        'openbao-prod',
        '--type',
        'vault',
        '--url',
        vault.url,
        '--auth-method',
        'approle',
        '--role-id-env',
        'VAULT_ROLE_ID',
        '--secret-id-env',
        'VAULT_SECRET_ID',
      ],
      { env: { VAULT_ROLE_ID: vault.roleId, VAULT_SECRET_ID: vault.secretId } },
    );
    expect([again.code, again.stderr]).toEqual([1, 'Error: Backend openbao-prod already exists\n']);
  });

  it('adds backends with token auth (from the environment or argv) and every option', async () => {
    const fromEnv = await run(
      [
        'backend',
        'add',
        '--name',
        'vault-dev',
        '--type',
        'vault',
        '--url',
        `${vault.url}/`,
        '--auth-method',
        'token',
        '--token-env',
        'VAULT_TOKEN',
        '--scope-pattern',
        'aws/**',
        '--scope-pattern',
        'db/*',
        '--sync-interval',
        '3600',
        '--timeout-ms',
        '2000',
        '--mount-path',
        '/secret/',
        '--base-path',
        'kici/secrets',
      ],
      { env: { VAULT_TOKEN: vault.rootToken } },
    );
    expect([fromEnv.code, fromEnv.stderr]).toEqual([0, '']);
    expect(fromEnv.stdout).toBe(
      `Added backend vault-dev (type vault, url ${vault.url}, auth token)\n`,
    );
    expect(await backend('vault-dev')).toMatchObject({
      summary: {
        url: vault.url,
        authMethod: 'token',
        mountPath: 'secret',
        basePath: 'kici/secrets',
      },
      scopePatterns: ['aws/**', 'db/*'],
      syncIntervalSeconds: 3600,
    });

    // https with a CA of our own, read from a PEM file; the Vault token typed in argv.
    const tls = await run([
      'backend',
      'add',
      '--name',
      'vault-tls',
      '--type',
      'vault',
      '--url',
      tlsVault.url,
      '--auth-method',
      'token',
      '--token',
      tlsVault.rootToken,
      '--ca-cert',
      certificates.caFile,
      '--base-path',
      'team',
      '--json',
    ]);
    expect(tls.code, tls.stderr).toBe(0);
    expect(tls.stderr).toBe(ARGV_WARNING('--token', '--token-env'));
    expect(json<Backend>(tls)).toMatchObject({
      name: 'vault-tls',
      summary: { url: tlsVault.url, authMethod: 'token', basePath: 'team' },
      health: 'yellow',
    });
    expect(tlsVault.url).toMatch(/^https:/);
  });

  it('lists health, masked URL, auth, scopes, last sync and latency, never a credential', async () => {
    const result = await run(['backend', 'list']);
    expect(result.code, result.stderr).toBe(0);
    const [header, ...rest] = result.stdout.trimEnd().split('\n');
    expect(header).toMatch(
      /^NAME\s+TYPE\s+SOURCE\s+HEALTH\s+URL\s+AUTH\s+SCOPES\s+LAST SYNC\s+P50\/P95$/,
    );
    const rows = rest.filter((line) => /^\S/.test(line)).map((line) => line.split(/\s{2,}/));
    expect(rows).toContainEqual([
      'openbao-prod',
      'vault',
      'api',
      'yellow',
      vault.url,
      'approle',
      '0',
      'never',
      '-',
    ]);
    expect(rows.map((row) => row[0])).toEqual(
      expect.arrayContaining(['openbao-prod', 'vault-dev', 'vault-tls']),
    );
    expect(result.stdout).toContain(
      '  openbao-prod (yellow): not synced yet: kici-admin backend sync --name openbao-prod',
    );
  });

  it('tests a backend: exit 0 and the message', async () => {
    const [plain, tls] = await Promise.all([
      run(['backend', 'test', '--name', 'openbao-prod']),
      run(['backend', 'test', 'vault-tls', '--json']),
    ]);
    expect([plain.code, plain.stderr]).toEqual([0, '']);
    expect(plain.stdout).toMatch(
      /^Backend openbao-prod is reachable and the credentials are valid \([\d.]+ ms\)\n$/,
    );
    expect(json(tls)).toMatchObject({ name: 'vault-tls', ok: true });
    const missing = await run(['backend', 'test', '--name', 'nowhere']);
    expect([missing.code, missing.stderr]).toEqual([1, 'Error: Backend nowhere not found\n']);
  });

  it('syncs one backend, then all, and lists the discovered scopes', async () => {
    const one = await run(['backend', 'sync', '--name', 'openbao-prod']);
    expect([one.code, one.stderr]).toEqual([0, '']);
    expect(one.stdout).toBe('openbao-prod: ok — Discovered 2 scopes (2 new, 0 gone)\n');

    const all = await run(['backend', 'sync']);
    expect([all.code, all.stderr]).toEqual([0, '']);
    const lines = all.stdout.trimEnd().split('\n').sort();
    expect(lines).toEqual([
      'openbao-prod: ok — Discovered 2 scopes (0 new, 0 gone)',
      'vault-dev: ok — Discovered 2 scopes (2 new, 0 gone)',
      'vault-tls: ok — Discovered 1 scope (1 new, 0 gone)',
    ]);
    const asJson = await run(['backend', 'sync', '--name', 'vault-tls', '--json']);
    expect(json(asJson)).toEqual({
      results: [{ name: 'vault-tls', status: 'ok', message: expect.any(String), discovered: 1 }],
    });

    const [scopes, tlsScopes, scopesJson] = await Promise.all([
      run(['backend', 'scopes', '--name', 'openbao-prod']),
      run(['backend', 'scopes', 'vault-tls']),
      run(['backend', 'scopes', '--name', 'vault-dev', '--json']),
    ]);
    expect([scopes.code, scopes.stdout]).toEqual([
      0,
      'openbao-prod:aws/credentials\nopenbao-prod:db/prod\n',
    ]);
    expect(tlsScopes.stdout).toBe('vault-tls:kv/app\n');
    expect(json(scopesJson)).toEqual({
      name: 'vault-dev',
      scopes: ['vault-dev:aws/credentials', 'vault-dev:db/prod'],
    });

    const prod = await backend('openbao-prod');
    expect(prod).toMatchObject({ health: 'green', scopeCount: 2, lastSyncStatus: 'ok' });
    expect(prod?.latency.samples).toBeGreaterThan(0);
    const list = await run(['backend', 'list']);
    const row = list.stdout.split('\n').find((line) => line.startsWith('openbao-prod '));
    expect(row).toMatch(
      /^openbao-prod\s+vault\s+api\s+green\s+\S+\s+approle\s+2\s+\d{4}-\d\d-\d\dT\S+Z ok\s+[\d.]+\/[\d.]+ ms$/,
    );
  });

  it('links a secret to a backend path, and secret list names the backend', async () => {
    const linked = await run([
      'secret',
      'link',
      'acme',
      'production',
      'AWS_KEY',
      '--backend',
      'openbao-prod',
      '--path',
      'aws/credentials',
      '--key',
      'AWS_ACCESS_KEY_ID',
    ]);
    expect([linked.code, linked.stderr]).toEqual([0, '']);
    expect(linked.stdout).toMatch(
      /^Linked AWS_KEY in pg:production to openbao-prod:aws\/credentials key AWS_ACCESS_KEY_ID \(updated_at \d{4}-\d\d-\d\dT[\d:.]+Z\)\n$/,
    );
    const byEnv = await run(
      [
        'secret',
        'link',
        '--scope',
        'production',
        'DB_PASSWORD',
        '--backend',
        'openbao-prod',
        '--path',
        'db/prod',
        '--json',
      ],
      { env: { KICI_ORG_ID: 'acme' } },
    );
    expect(json(byEnv)).toMatchObject({
      orgId: 'acme',
      scope: 'pg:production',
      key: 'DB_PASSWORD',
      backend: 'openbao-prod',
      path: 'db/prod',
      linkedKey: 'DB_PASSWORD',
      created: true,
    });
    const set = await run(['secret', 'set', 'acme', 'production', 'LOCAL', '--from-stdin'], {
      input: 'local-value',
    });
    expect(set.code, set.stderr).toBe(0);

    const list = await run(['secret', 'list', 'acme', 'production']);
    expect(list.code, list.stderr).toBe(0);
    const [header, ...rows] = list.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^KEY\s+UPDATED\s+UPDATED BY\s+ROTATIONS\s+KEY VERSION\s+BACKEND$/);
    expect(rows.map((row) => [row.split(/\s+/)[0], row.split(/\s+/).at(-1)])).toEqual([
      ['AWS_KEY', 'openbao-prod'],
      ['DB_PASSWORD', 'openbao-prod'],
      ['LOCAL', 'pg'],
    ]);
    expect(list.stdout).not.toContain('AKIA-from-vault');

    const unknown = await run([
      'secret',
      'link',
      'acme',
      'production',
      'X',
      '--backend',
      'nowhere',
      '--path',
      'a/b',
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('nowhere');
  });

  it('fails test and sync with a message naming the backend while Vault is sealed', async () => {
    await Promise.all([vault.control({ op: 'seal' }), tlsVault.control({ op: 'seal' })]);
    try {
      const tested = await run(['backend', 'test', '--name', 'openbao-prod']);
      expect([tested.code, tested.stdout]).toEqual([1, '']);
      expect(tested.stderr).toMatch(/^Error: .*openbao-prod.*\n$/);

      const one = await run(['backend', 'sync', '--name', 'openbao-prod']);
      expect(one.code).toBe(1);
      expect(one.stdout).toMatch(/^openbao-prod: error — .*openbao-prod.*\n$/);
      expect(one.stderr).toBe('Error: sync failed for openbao-prod\n');

      const all = await run(['backend', 'sync', '--json']);
      expect(all.code).toBe(1);
      const { results } = json<{ results: { name: string; status: string }[] }>(all);
      expect(results.map((r) => [r.name, r.status]).sort()).toEqual([
        ['openbao-prod', 'error'],
        ['vault-dev', 'error'],
        ['vault-tls', 'error'],
      ]);
      expect(all.stderr).toMatch(
        /^Error: sync failed for (openbao-prod|vault-dev|vault-tls)(, \S+){2}\n$/,
      );

      const prod = await backend('openbao-prod');
      expect(prod).toMatchObject({ health: 'red', lastSyncStatus: 'error' });
      expect(prod?.errors[0]?.message).toContain('openbao-prod');
      const list = await run(['backend', 'list']);
      expect(list.stdout).toMatch(/^openbao-prod\s+vault\s+api\s+red\s/m);
      expect(list.stdout).toMatch(/^ {2}openbao-prod \(red\): .*openbao-prod/m);
    } finally {
      await Promise.all([vault.control({ op: 'unseal' }), tlsVault.control({ op: 'unseal' })]);
    }
    const back = await run(['backend', 'test', '--name', 'openbao-prod']);
    expect(back.code, back.stderr).toBe(0);
  });

  it('removes a backend: a prompt on a terminal, --yes otherwise, refused on a pipe', async () => {
    const refused = await run(['backend', 'remove', '--name', 'vault-dev']);
    expect([refused.code, refused.stdout]).toEqual([2, '']);
    expect(refused.stderr).toBe(
      'Error: stdin is not a terminal, so nobody can confirm: pass --yes to remove\n' +
        'Run `kici-admin backend remove --help` for usage.\n',
    );
    expect(await backend('vault-dev')).toBeDefined();

    const declined = await kiciAdminOnTty(
      server,
      ['backend', 'remove', '--name', 'vault-dev'],
      'Remove backend vault-dev',
      'n',
    );
    expect([declined.prompted, declined.code]).toEqual([true, 1]);
    expect(declined.stdout).toContain('cancelled: nothing was removed');
    const confirmed = await kiciAdminOnTty(
      server,
      ['backend', 'remove', 'vault-dev'],
      'Remove backend vault-dev',
      'y',
    );
    expect([confirmed.prompted, confirmed.code], confirmed.stdout).toEqual([true, 0]);
    expect(confirmed.stdout).toContain('Removed backend vault-dev');

    const [yes, json_] = await Promise.all([
      run(['backend', 'remove', '--name', 'vault-tls', '--yes']),
      run(['backend', 'remove', '-y', '--name', 'openbao-prod', '--json']),
    ]);
    expect([yes.code, yes.stdout, yes.stderr]).toEqual([0, 'Removed backend vault-tls\n', '']);
    expect(json(json_)).toEqual({ name: 'openbao-prod', deleted: true });
    expect(await listed()).toEqual([]);
    const gone = await run(['backend', 'remove', '--name', 'openbao-prod', '--yes']);
    expect([gone.code, gone.stderr]).toEqual([1, 'Error: Backend openbao-prod not found\n']);
  });

  it('refuses bad flags with exit 2 naming the flag, before any request', async () => {
    const base = ['backend', 'add', '--name', 'bad', '--type', 'vault'];
    const approle = ['--auth-method', 'approle'];
    const cases: [string[], string][] = [
      [[...base, ...approle, '--role-id', 'r', '--secret-id', 's'], '--url is required'],
      [
        [...base, '--url', vault.url, '--auth-method', 'ldap'],
        '--auth-method: expected token or approle',
      ],
      [[...base, '--url', vault.url], '--auth-method is required'],
      [
        [...base, '--url', vault.url, ...approle, '--secret-id', 's'],
        '--role-id or --role-id-env is required with --auth-method approle',
      ],
      [
        [...base, '--url', vault.url, ...approle, '--role-id', 'r'],
        '--secret-id or --secret-id-env is required with --auth-method approle',
      ],
      [
        [...base, '--url', vault.url, '--auth-method', 'token'],
        '--token or --token-env is required with --auth-method token',
      ],
      [
        [
          ...base,
          '--url',
          vault.url,
          ...approle,
          '--role-id',
          'r',
          '--secret-id',
          's',
          '--token',
          't',
        ],
        '--token applies to --auth-method token only',
      ],
      [
        [...base, '--url', vault.url, '--auth-method', 'token', '--token', 't', '--token-env', 'T'],
        '--token and --token-env: choose one',
      ],
      [
        [...base, '--url', vault.url, '--auth-method', 'token', '--token-env', '1NVALID'],
        '--token-env: expected an environment variable name',
      ],
      [
        ['backend', 'add', '--name', 'bad', '--type', 'consul', '--url', vault.url],
        '--type: expected vault',
      ],
      [['backend', 'add', '--type', 'vault', '--url', vault.url], '--name is required'],
      [
        ['backend', 'add', '--name', 'Bad_Name', '--type', 'vault'],
        '--name: expected 1-63 lowercase letters',
      ],
      [[...base, '--url', 'ftp://vault.example.com'], '--url: expected an http:// or https:// URL'],
      [
        [...base, '--url', 'https://user:pw@vault.example.com'],
        '--url: expected an http:// or https:// URL',
      ],
      [
        [
          ...base,
          '--url',
          vault.url,
          '--auth-method',
          'token',
          '--token-env',
          'T',
          '--ca-cert',
          'ca.pem',
        ],
        '--ca-cert applies to an https:// --url',
      ],
      [
        [
          ...base,
          '--url',
          vault.url,
          '--auth-method',
          'token',
          '--token-env',
          'T',
          '--timeout-ms',
          '5',
        ],
        '--timeout-ms: expected a whole number of milliseconds from 100 to 120000',
      ],
      [
        [
          ...base,
          '--url',
          vault.url,
          '--auth-method',
          'token',
          '--token-env',
          'T',
          '--sync-interval',
          '0',
        ],
        '--sync-interval: expected a whole number of seconds from 1 to 86400',
      ],
      [
        [
          ...base,
          '--url',
          vault.url,
          '--auth-method',
          'token',
          '--token-env',
          'T',
          '--scope-pattern',
          'a b',
        ],
        '--scope-pattern: expected globs',
      ],
      [
        [
          ...base,
          '--url',
          vault.url,
          '--auth-method',
          'token',
          '--token-env',
          'T',
          '--mount-path',
          'a/../b',
        ],
        '--mount-path: expected a non-empty path',
      ],
      [['backend', 'test'], '--name is required'],
      [['backend', 'remove', '--yes'], '--name is required'],
      [['backend', 'scopes', '--name', 'x', 'y'], 'too many arguments'],
      [['backend', 'sync', '--name', 'UPPER'], '--name: expected'],
      [['secret', 'link', 'acme', 'production', 'K', '--path', 'a/b'], '--backend is required'],
      [
        ['secret', 'link', 'acme', 'production', 'K', '--backend', 'openbao-prod'],
        '--path is required',
      ],
      [
        ['secret', 'link', 'acme', 'production', 'K', '--backend', 'openbao-prod', '--path', 'a b'],
        '--path: expected segments',
      ],
      [
        ['secret', 'link', 'acme', 'production', 'K', '--backend', 'x', '--path', 'a/../../etc'],
        '--path: expected a path without "." or ".." segments',
      ],
      [
        ['secret', 'link', 'acme', 'production', 'K', '--backend', 'Bad', '--path', 'a'],
        '--backend: expected',
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => run(args)));
    results.forEach((result, i) => {
      const [args, message] = cases[i] as [string[], string];
      expect([result.code, result.stdout], args.join(' ')).toEqual([2, '']);
      expect(result.stderr, args.join(' ')).toContain(`Error: ${message}`);
      expect(result.stderr).not.toContain('pw@');
    });
    // Not a usage error: the variable is read once the command line is right.
    const unset = await run([
      ...base,
      '--url',
      vault.url,
      '--auth-method',
      'token',
      '--token-env',
      'NOT_SET',
    ]);
    expect([unset.code, unset.stderr]).toEqual([
      1,
      'Error: environment variable NOT_SET is not set\n',
    ]);
    expect(await listed()).toEqual([]);
  });

  it('reads the admin API from the environment only in backend add', async () => {
    const args = ['backend', 'add', '--name', 'x', '--type', 'vault', '--url', vault.url];
    const noUrl = await kiciAdmin(
      undefined,
      [...args, '--auth-method', 'token', '--token-env', 'T'],
      { env: { KICI_ADMIN_TOKEN: server.token, T: 'x' } },
    );
    expect([noUrl.code, noUrl.stderr.split('\n')[0]]).toEqual([
      2,
      "Error: no admin API URL: set KICI_ADMIN_URL (in backend add, --url is the backend's address)",
    ]);
    const caFile = join(certificates.caFile, '..', 'not-pem.txt');
    await writeFile(caFile, 'not a certificate\n');
    const notPem = await run(
      [
        ...[
          'backend',
          'add',
          '--name',
          'x',
          '--type',
          'vault',
          '--url',
          'https://vault.example.com',
        ],
        ...['--auth-method', 'token', '--token-env', 'T', '--ca-cert', caFile],
      ],
      { env: { T: 'x' } },
    );
    expect([notPem.code, notPem.stderr]).toEqual([
      1,
      `Error: ${caFile}: expected PEM certificates (-----BEGIN CERTIFICATE-----)\n`,
    ]);
  });
});

describe('kici-admin backend help', () => {
  it('shows usage, flags and examples for the group and every command', async () => {
    const pages = [
      ['backend'],
      ...['add', 'list', 'test', 'sync', 'scopes', 'remove'].map((c) => ['backend', c]),
      ['secret', 'link'],
    ];
    const results = await Promise.all(
      pages.map((page) => kiciAdmin(undefined, [...page, '--help'])),
    );
    results.forEach((result, i) => {
      const page = (pages[i] as string[]).join(' ');
      expect([result.code, result.stderr], page).toEqual([0, '']);
      expect(result.stdout).toContain(`$ kici-admin ${page}`);
      expect(result.stdout).toMatch(/Options:\n {2}--/);
      expect(result.stdout).toContain('--json');
      expect(result.stdout).toMatch(/Examples:\n {2}\$ kici-admin /);
    });
    expect(results[0]?.stdout).toContain(
      'kici-admin backend add --name openbao-prod --type vault --url https://vault.example.com:8200 --auth-method approle --role-id "$VAULT_ROLE_ID" --secret-id "$VAULT_SECRET_ID"',
    );
    expect(results[1]?.stdout).toContain('--token-env <VAR>');
    const top = await kiciAdmin(undefined, ['--help']);
    expect(top.stdout).toContain('backend <command>');
  });
});
