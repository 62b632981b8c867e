// `kici-admin environment create|list|show|delete|bind|unbind|set-policy` as a real process
// against a real kici-server: protection rules and scope bindings in order, the test-run flag
// spelled as the product documentation spells it, flag values refused before any request
// (exit 2, the flag named), and deletions confirmed by --yes or a prompt.
import { startTestServer, type TestServer, testDrivers } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, json, kiciAdminOnTty, type Result } from './helpers.js';

interface Environment {
  orgId: string;
  name: string;
  rules: { branches: string[]; triggers: string[]; repositories: string[]; allowForks: boolean };
  allowLocalExecution: boolean;
  scopes: string[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** The rows of `describeEnvironment`: label → value. */
function described(result: Result): Record<string, string> {
  const rows: Record<string, string> = {};
  let last = '';
  for (const line of result.stdout.trimEnd().split('\n').slice(1)) {
    const match = /^ {2}(\S[\w ]*?)? {2,}(.*)$/.exec(line);
    if (!match) throw new Error(`not a row: ${line}`);
    last = match[1] ?? last;
    rows[last] = rows[last] === undefined ? (match[2] as string) : `${rows[last]}; ${match[2]}`;
  }
  return rows;
}

describe.each(testDrivers())('kici-admin environment commands (%s)', (driver) => {
  let server: TestServer;
  let run: ReturnType<typeof cli>;
  /** The org's environments, through the CLI. */
  const listed = async (org: string) => {
    const result = await run(['environment', 'list', org, '--json']);
    expect(result.code, result.stderr).toBe(0);
    return json<{ orgId: string; environments: Environment[] }>(result).environments;
  };
  const show = async (org: string, name: string) => {
    const result = await run(['environment', 'show', org, name, '--json']);
    expect(result.code, result.stderr).toBe(0);
    return json<Environment>(result);
  };

  beforeAll(async () => {
    server = await startTestServer({ driver });
    run = cli(server);
  }, 120_000);
  afterAll(() => server?.dispose());

  it('creates environments with rules, switches and scopes in binding order', async () => {
    const [production, testDb, fromEnv] = await Promise.all([
      run([
        'environment',
        'create',
        'acme',
        'production',
        '--branches',
        'main,release/*',
        '--triggers',
        'push,tag',
        '--repos',
        'acme/*',
        '--scope',
        'production',
        '--scope',
        'pg:shared,overrides',
      ]),
      run([
        'environment',
        'create',
        'acme',
        'test-database',
        '--allow-local-execution',
        '--allow-forks',
        '--scope',
        'test/db',
        '--json',
      ]),
      // The org from KICI_ORG_ID, the name from --env, a switch spelled with its value.
      run(['environment', 'create', '--env', 'staging', '--allow-forks', 'false', '-L', '--json'], {
        env: { KICI_ORG_ID: 'acme' },
      }),
    ]);
    for (const result of [production, testDb, fromEnv]) expect(result.code, result.stderr).toBe(0);
    expect(production.stdout.split('\n')[0]).toBe('Created environment production (org acme)');
    expect(described(production)).toEqual({
      Branches: 'main, release/*',
      Triggers: 'push, tag',
      Repositories: 'acme/*',
      Forks: 'not allowed',
      'Test runs': 'not allowed (allowLocalExecution false)',
      Scopes: '1. pg:production; 2. pg:shared; 3. pg:overrides',
      Created: expect.stringMatching(/^\S+Z by token:bootstrap$/),
      Updated: expect.stringMatching(/^\S+Z by token:bootstrap$/),
    });
    expect(json<Environment>(testDb)).toEqual({
      orgId: 'acme',
      name: 'test-database',
      rules: { branches: [], triggers: [], repositories: [], allowForks: true },
      allowLocalExecution: true,
      scopes: ['pg:test/db'],
      createdAt: expect.stringMatching(TIMESTAMP),
      createdBy: 'token:bootstrap',
      updatedAt: expect.stringMatching(TIMESTAMP),
      updatedBy: 'token:bootstrap',
    });
    expect(json<Environment>(fromEnv)).toMatchObject({
      orgId: 'acme',
      name: 'staging',
      rules: { allowForks: false },
      allowLocalExecution: true,
      scopes: [],
    });

    const again = await run(['environment', 'create', 'acme', 'production']);
    expect([again.code, again.stdout, again.stderr]).toEqual([
      1,
      '',
      'Error: Environment production already exists in org acme\n',
    ]);
  });

  it('lists (table and --json) and shows by argument or --env', async () => {
    for (const args of [
      ['list-org', 'web', '--branches', 'main', '--scope', 'web,shared'],
      ['list-org', 'api', '--triggers', 'push', '--allow-forks'],
    ]) {
      const created = await run(['environment', 'create', ...args]);
      expect(created.code, created.stderr).toBe(0);
    }
    const [table, asJson, byArg, byFlag, fromEnv, empty, missing] = await Promise.all([
      run(['environment', 'list', 'list-org']),
      run(['environment', 'list', '--org', 'list-org', '--json']),
      run(['environment', 'show', 'list-org', 'web']),
      run(['environment', 'show', 'list-org', '--env', 'web', '--json']),
      run(['environment', 'show', 'web', '--json'], { env: { KICI_ORG_ID: 'list-org' } }),
      run(['environment', 'list', 'nobody']),
      run(['environment', 'show', 'list-org', 'nope']),
    ]);
    expect(table.code, table.stderr).toBe(0);
    expect(
      table.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split(/\s{2,}/)),
    ).toEqual([
      ['NAME', 'BRANCHES', 'TRIGGERS', 'REPOSITORIES', 'FORKS', 'TEST RUNS', 'SCOPES'],
      ['api', 'any', 'push', 'any', 'yes', 'no', 'none'],
      ['web', 'main', 'any', 'any', 'no', 'no', 'pg:web, pg:shared'],
    ]);
    const list = json<{ orgId: string; environments: Environment[] }>(asJson);
    expect(list.orgId).toBe('list-org');
    expect(list.environments.map((e) => [e.name, e.scopes])).toEqual([
      ['api', []],
      ['web', ['pg:web', 'pg:shared']],
    ]);
    expect(Object.keys(list.environments[0] ?? {}).sort()).toEqual([
      'allowLocalExecution',
      'createdAt',
      'createdBy',
      'name',
      'orgId',
      'rules',
      'scopes',
      'updatedAt',
      'updatedBy',
    ]);
    expect(byArg.stdout.split('\n')[0]).toBe('Environment web (org list-org)');
    expect(described(byArg).Scopes).toBe('1. pg:web; 2. pg:shared');
    expect(json(byFlag)).toEqual(list.environments[1]);
    expect(json(fromEnv)).toEqual(list.environments[1]);
    expect([empty.code, empty.stdout]).toEqual([0, 'No environments for org nobody\n']);
    expect([missing.code, missing.stderr]).toEqual([1, 'Error: Environment nope not found\n']);
  });

  it('binds last, first or at a position, and unbinds, keeping the order', async () => {
    const created = await run(['environment', 'create', 'bind', 'production', '--scope', 'b']);
    expect(created.code, created.stderr).toBe(0);
    const steps = [
      ['bind', 'bind', '--env', 'production', '--scope', 'c'],
      ['bind', 'bind', '--env', 'production', '--scope', 'a', '--position', '0'],
      ['bind', 'bind', 'production', '--scope', 'pg:between', '--position', '1'],
      ['unbind', 'bind', '--env', 'production', '--scope', 'b'],
    ];
    const orders: string[][] = [];
    for (const step of steps) {
      const result = await run(['environment', ...step, '--json']);
      expect(result.code, result.stderr).toBe(0);
      orders.push(json<Environment>(result).scopes);
    }
    expect(orders).toEqual([
      ['pg:b', 'pg:c'],
      ['pg:a', 'pg:b', 'pg:c'],
      ['pg:a', 'pg:between', 'pg:b', 'pg:c'],
      ['pg:a', 'pg:between', 'pg:c'],
    ]);
    const [human, twice, notBound] = await Promise.all([
      run(['environment', 'bind', '--env', 'production', '--scope', 'z'], {
        env: { KICI_ORG_ID: 'bind' },
      }),
      run(['environment', 'bind', 'bind', '--env', 'production', '--scope', 'a']),
      run(['environment', 'unbind', 'bind', '--env', 'production', '--scope', 'nope']),
    ]);
    expect(human.stdout.split('\n')[0]).toBe('Bound pg:z to environment production (org bind)');
    expect(described(human).Scopes).toBe('1. pg:a; 2. pg:between; 3. pg:c; 4. pg:z');
    expect([twice.code, twice.stderr]).toEqual([
      1,
      'Error: Scope pg:a is already bound to environment production\n',
    ]);
    expect([notBound.code, notBound.stderr]).toEqual([
      1,
      'Error: Scope pg:nope bound to environment production not found\n',
    ]);
  });

  it('set-policy takes --allow-local-execution true|false exactly as documented', async () => {
    for (const name of ['test-database', 'production']) {
      const created = await run(['environment', 'create', 'acme-policy', name]);
      expect(created.code, created.stderr).toBe(0);
    }
    const asOrg = { env: { KICI_ORG_ID: 'acme-policy' } };
    const enabled = await run(
      ['environment', 'set-policy', '--env', 'test-database', '--allow-local-execution', 'true'],
      asOrg,
    );
    expect(enabled.code, enabled.stderr).toBe(0);
    expect(enabled.stdout.split('\n')[0]).toBe(
      'Updated environment test-database (org acme-policy)',
    );
    expect(described(enabled)['Test runs']).toBe('allowed (allowLocalExecution true)');
    const lockedDown = await run(
      ['environment', 'set-policy', '--env', 'production', '--allow-local-execution', 'false'],
      asOrg,
    );
    expect(lockedDown.code, lockedDown.stderr).toBe(0);
    expect((await show('acme-policy', 'test-database')).allowLocalExecution).toBe(true);
    expect((await show('acme-policy', 'production')).allowLocalExecution).toBe(false);

    // Rules: only what is given changes; an empty list lifts the restriction.
    const rules = await run([
      'environment',
      'set-policy',
      '--org',
      'acme-policy',
      '--env',
      'production',
      '--branches',
      'main',
      '--branches',
      'release/*',
      '--triggers',
      'push',
      '--repos',
      'acme/*',
      '--allow-forks',
      'true',
      '--json',
    ]);
    expect(json<Environment>(rules)).toMatchObject({
      rules: { branches: ['main', 'release/*'], triggers: ['push'], repositories: ['acme/*'] },
      allowLocalExecution: false,
    });
    expect(json<Environment>(rules).rules.allowForks).toBe(true);
    const lifted = await run(
      ['environment', 'set-policy', 'production', '--triggers', '', '--allow-forks', 'false'],
      asOrg,
    );
    expect(lifted.code, lifted.stderr).toBe(0);
    expect((await show('acme-policy', 'production')).rules).toEqual({
      branches: ['main', 'release/*'],
      triggers: [],
      repositories: ['acme/*'],
      allowForks: false,
    });
  });

  it('refuses bad flag values with exit 2 naming the flag, before any request', async () => {
    const created = await run(['environment', 'create', 'bad', 'production', '--scope', 'keep']);
    expect(created.code, created.stderr).toBe(0);
    const before = await listed('bad');
    const cases: [string[], string][] = [
      [
        ['set-policy', 'bad', '--env', 'production', '--allow-local-execution', 'yes'],
        '--allow-local-execution: expected true or false',
      ],
      [
        ['set-policy', 'bad', '--env', 'production', '--allow-forks', 'TRUE'],
        '--allow-forks: expected true or false',
      ],
      [
        ['set-policy', 'bad', '--env', 'production', '--allow-local-execution'],
        'option `--allow-local-execution <true|false>` value is missing',
      ],
      [
        ['set-policy', 'bad', '--env', 'production'],
        'nothing to change: give --allow-local-execution, --branches, --triggers, --repos or --allow-forks',
      ],
      [
        ['set-policy', 'bad', '--env', 'production', '--triggers', 'push,Tag'],
        '--triggers: expected trigger types such as push, pull_request, schedule, manual, tag',
      ],
      [
        ['create', 'bad', 'other', '--repos', 'acme/*,has space'],
        '--repos: expected a glob of 1-200 printable characters without spaces (e.g. main, release/*)',
      ],
      [
        ['create', 'bad', 'other', '--allow-forks', 'maybe'],
        '--allow-forks: expected no value, or true or false',
      ],
      [
        ['create', 'bad', 'other', '--scope', 'ok,../up'],
        '--scope: expected path segments of letters, digits, "_", "." or "-" joined by "/", none empty, "." or ".."',
      ],
      [
        ['create', 'bad', 'no spaces'],
        'name: expected 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
      ],
      [
        ['show', 'bad', '--env', '.hidden'],
        '--env: expected 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
      ],
      [
        ['bind', 'bad', '--env', 'production', '--scope', 'x', '--position', '1.5'],
        '--position: expected an integer >= 0 (0 puts the scope first)',
      ],
      [['bind', 'bad', '--env', 'production'], '--scope is required: the scope to bind'],
      [['unbind', 'bad', 'production'], '--scope is required: the scope to unbind'],
      [['show', 'bad'], 'missing the org id (first argument, --org or KICI_ORG_ID)'],
      [['show'], 'missing the environment name (argument or --env)'],
      [
        ['show', 'bad', 'production', '--env', 'production'],
        'too many arguments (the environment name came from --env)',
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => run(['environment', ...args])));
    results.forEach((result, i) => {
      const [args, message] = cases[i] as [string[], string];
      expect([result.code, result.stdout, result.stderr.split('\n')[0]], args.join(' ')).toEqual([
        2,
        '',
        `Error: ${message}`,
      ]);
    });
    expect(await listed('bad')).toEqual(before);
  });

  it('deletes with --yes; without it asks on a terminal and refuses on a pipe (exit 2)', async () => {
    for (const name of ['one', 'two', 'three']) {
      const created = await run(['environment', 'create', 'del', name]);
      expect(created.code, created.stderr).toBe(0);
    }
    const [yes, short, refused] = await Promise.all([
      run(['environment', 'delete', 'del', 'one', '--yes']),
      run(['environment', 'delete', '--env', 'two', '-y', '--json'], {
        env: { KICI_ORG_ID: 'del' },
      }),
      run(['environment', 'delete', 'del', 'three']),
    ]);
    expect([yes.code, yes.stdout]).toEqual([0, 'Deleted environment one (org del)\n']);
    expect(json(short)).toEqual({ orgId: 'del', name: 'two', deleted: true });
    expect([refused.code, refused.stdout, refused.stderr]).toEqual([
      2,
      '',
      'Error: stdin is not a terminal, so nobody can confirm: pass --yes to delete\nRun `kici-admin environment delete --help` for usage.\n',
    ]);
    expect((await listed('del')).map((e) => e.name)).toEqual(['three']);

    const declined = await kiciAdminOnTty(
      server,
      ['environment', 'delete', 'del', 'three'],
      'Delete environment three',
      'n',
    );
    expect([declined.prompted, declined.code]).toEqual([true, 1]);
    expect(declined.stdout).toContain('cancelled: nothing was deleted');
    expect((await listed('del')).map((e) => e.name)).toEqual(['three']);
    const confirmed = await kiciAdminOnTty(
      server,
      ['environment', 'delete', 'del', '--env', 'three'],
      'Delete environment three',
      'y',
    );
    expect([confirmed.prompted, confirmed.code], confirmed.stdout).toEqual([true, 0]);
    expect(confirmed.stdout).toContain('Deleted environment three (org del)');
    expect(await listed('del')).toEqual([]);

    const missing = await run(['environment', 'delete', 'del', 'three', '--yes']);
    expect([missing.code, missing.stderr]).toEqual([1, 'Error: Environment three not found\n']);
  });

  it('shows help for the group and every command', async () => {
    const commands = ['create', 'list', 'show', 'delete', 'bind', 'unbind', 'set-policy'];
    const pages = [['environment'], ...commands.map((c) => ['environment', c])];
    const results = await Promise.all(pages.map((page) => run([...page, '--help'])));
    results.forEach((result, i) => {
      const page = (pages[i] as string[]).join(' ');
      expect(result.code, page).toBe(0);
      expect(result.stdout).toContain(`$ kici-admin ${page}`);
      expect(result.stdout).toContain('--json');
    });
    expect(results[0]?.stdout).toContain(
      '$ kici-admin environment set-policy --env test-database --allow-local-execution true',
    );
    expect(results[1]?.stdout).toContain('--allow-local-execution, -L');
    expect(results[7]?.stdout).toContain('--allow-local-execution <true|false>');
    expect(results[4]?.stdout).toContain('-y, --yes');
    const top = await run(['--help']);
    expect(top.stdout).toContain('environment <command>');
  });
});
