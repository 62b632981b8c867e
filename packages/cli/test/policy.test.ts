// `kici-admin policy show|set` as a real process against a real kici-server: the
// dashboard-write policy per operation, and what it does to writes from each surface (the CLI's
// admin token is `cli`; a token issued with --surface dashboard is the dashboard).
import { ApiError, createAdminClient } from '@kici/contracts';
import { startTestServer, type TestServer, testDrivers } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, json } from './helpers.js';

type Policy = { policy: Record<string, string[]> };

describe.each(testDrivers())('kici-admin policy (%s)', (driver) => {
  let server: TestServer;
  let run: ReturnType<typeof cli>;
  const policy = async () => {
    const result = await run(['policy', 'show', '--json']);
    expect(result.code, result.stderr).toBe(0);
    return json<Policy>(result).policy;
  };
  const set = async (operation: string, surfaces: string) => {
    const result = await run(['policy', 'set', operation, surfaces]);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
  };

  beforeAll(async () => {
    server = await startTestServer({ driver });
    run = cli(server);
  }, 120_000);
  afterAll(() => server?.dispose());

  it('shows the permissive first-boot policy as a table and as JSON', async () => {
    const table = await run(['policy', 'show']);
    expect([table.code, table.stderr]).toEqual([0, '']);
    expect(table.stdout).toBe(
      [
        'OPERATION                     ACCEPTED FROM',
        'secrets.set                   dashboard, cli',
        'variables.set                 dashboard, cli',
        'environments.test_access.set  dashboard, cli',
        '',
      ].join('\n'),
    );
    expect(await policy()).toEqual({
      'secrets.set': ['dashboard', 'cli'],
      'variables.set': ['dashboard', 'cli'],
      'environments.test_access.set': ['dashboard', 'cli'],
    });
  });

  it('secrets.set from the CLI only: the CLI still writes, the dashboard is refused', async () => {
    expect(await set('secrets.set', 'cli')).toBe(
      'secrets.set: accepted from cli; refused from dashboard\n',
    );
    expect((await policy())['secrets.set']).toEqual(['cli']);

    const written = await run(
      ['secret', 'set', 'acme', 'production', 'DB_PASSWORD', '--from-stdin'],
      {
        input: 'cli-only-value',
      },
    );
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toMatch(
      /^Set DB_PASSWORD in pg:production of org acme \(14 bytes, updated_at /,
    );

    // The dashboard's credential: a token issued for the dashboard surface.
    const issued = await run([
      'token',
      'create',
      'dashboard',
      '--role',
      'owner',
      '--surface',
      'dashboard',
      '--json',
    ]);
    expect(issued.code, issued.stderr).toBe(0);
    const dashboard = createAdminClient({
      baseUrl: server.url,
      token: (JSON.parse(issued.stdout) as { token: string }).token,
    });
    const refused = await dashboard.secrets
      .set('acme', 'production', 'DB_PASSWORD', 'from-the-dashboard')
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({
      status: 403,
      message:
        'The dashboard-write policy refuses secrets.set from the dashboard: allowed from cli',
    });
    const revealed = await run(['secret', 'reveal', 'acme', 'production', 'DB_PASSWORD']);
    expect(revealed.stdout).toBe('cli-only-value\n');

    expect(await set('secrets.set', 'dashboard,cli')).toBe(
      'secrets.set: accepted from dashboard, cli\n',
    );
  });

  it('environments.test_access.set from the dashboard only refuses the CLI set-policy', async () => {
    const created = await run(['environment', 'create', 'acme', 'test-database']);
    expect(created.code, created.stderr).toBe(0);
    expect(await set('environments.test_access.set', 'dashboard')).toBe(
      'environments.test_access.set: accepted from dashboard; refused from cli\n',
    );
    const refused = await run(
      ['environment', 'set-policy', '--env', 'test-database', '--allow-local-execution', 'true'],
      { env: { KICI_ORG_ID: 'acme' } },
    );
    expect([refused.code, refused.stdout, refused.stderr]).toEqual([
      1,
      '',
      'Error: The dashboard-write policy refuses environments.test_access.set from the cli: allowed from dashboard\n',
    ]);
    // Rules are not test access: they still change from the CLI.
    const rules = await run([
      'environment',
      'set-policy',
      'acme',
      'test-database',
      '--branches',
      'main',
    ]);
    expect(rules.code, rules.stderr).toBe(0);

    expect(await set('environments.test_access.set', 'cli')).toBe(
      'environments.test_access.set: accepted from cli; refused from dashboard\n',
    );
    const allowed = await run(
      ['environment', 'set-policy', '--env', 'test-database', '--allow-local-execution', 'true'],
      { env: { KICI_ORG_ID: 'acme' } },
    );
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(await set('environments.test_access.set', 'none')).toBe(
      'environments.test_access.set: accepted from none; refused from dashboard, cli\n',
    );
    expect((await policy())['environments.test_access.set']).toEqual([]);
    await set('environments.test_access.set', 'cli,dashboard');
    expect((await policy())['environments.test_access.set']).toEqual(['cli', 'dashboard']);
  });

  it('refuses unknown operations and surfaces with exit 2, and answers --help', async () => {
    const before = await policy();
    const cases: [string[], string][] = [
      [
        ['policy', 'set', 'secrets.delete', 'cli'],
        'operation: expected one of secrets.set, variables.set, environments.test_access.set',
      ],
      [
        ['policy', 'set', 'secrets.set', 'web'],
        'surfaces: expected dashboard, cli or both comma-separated (cli,dashboard), or none',
      ],
      [['policy', 'set', 'secrets.set', 'cli,cli'], 'surfaces: expected each surface once'],
      [
        ['policy', 'set', 'secrets.set'],
        'missing required args for command `set <operation> <surfaces>`',
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => run(args)));
    results.forEach((result, i) => {
      const [args, message] = cases[i] as [string[], string];
      expect([result.code, result.stdout, result.stderr.split('\n')[0]], args.join(' ')).toEqual([
        2,
        '',
        `Error: ${message}`,
      ]);
    });
    expect(await policy()).toEqual(before);

    const pages = [['policy'], ['policy', 'show'], ['policy', 'set']];
    const helps = await Promise.all(pages.map((page) => run([...page, '--help'])));
    helps.forEach((help, i) => {
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`$ kici-admin ${(pages[i] as string[]).join(' ')}`);
    });
    expect(helps[2]?.stdout).toContain('$ kici-admin policy set secrets.set cli');
  });
});
