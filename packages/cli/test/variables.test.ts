// `kici-admin variable set|list|delete` as a real process against a real kici-server: the five
// input modes of `secret set` (the prompt on a pseudo-terminal), --locked, keys-only listings
// unless --values, and deletions confirmed by --yes or a prompt.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer, testDrivers } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, json, kiciAdminOnTty, type Result } from './helpers.js';

const WARNING = 'value visible in shell history — prefer --prompt / --from-stdin / --from-env';
const CONFIRMATION =
  /^Set ([A-Z_]+) in (\S+) \((\d+) bytes(, locked)?, updated_at (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\)\n$/;

interface Listed {
  orgId: string;
  scope?: string;
  variables: { key: string; scope: string; locked: boolean; value?: string }[];
}

describe.each(testDrivers())('kici-admin variable commands (%s)', (driver) => {
  let server: TestServer;
  let run: ReturnType<typeof cli>;
  let dir: string;
  /** The org's variables with their values, through the CLI. */
  const stored = async (org: string) => {
    const result = await run(['variable', 'list', org, '--values', '--json']);
    expect(result.code, result.stderr).toBe(0);
    return json<Listed>(result).variables;
  };
  const valuesOf = async (org: string) =>
    Object.fromEntries((await stored(org)).map((v) => [`${v.scope}/${v.key}`, v.value]));

  beforeAll(async () => {
    [server, dir] = await Promise.all([
      startTestServer({ driver }),
      mkdtemp(join(tmpdir(), 'kici-cli-variables-')),
    ]);
    run = cli(server);
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads each input mode as secret set does and prints the one-line confirmation', async () => {
    await writeFile(join(dir, 'region.txt'), '\n  eu-west-1  \n\n');
    await writeFile(join(dir, 'raw.txt'), '  eu-west-1\n');
    const results = await Promise.all([
      run(['variable', 'set', 'modes', 'production', 'FROM_STDIN', '--from-stdin'], {
        input: 'stdin-value\n',
      }),
      run([
        'variable',
        'set',
        'modes',
        'production',
        'FROM_FILE',
        '--from-file',
        join(dir, 'region.txt'),
      ]),
      run([
        'variable',
        'set',
        'modes',
        'production',
        'RAW_FILE',
        '--from-file',
        join(dir, 'raw.txt'),
        '--no-trim',
      ]),
      run(['variable', 'set', 'modes', 'production', 'FROM_ENV', '--from-env', 'CI_REGION'], {
        env: { CI_REGION: 'env-value' },
      }),
      run(['variable', 'set', 'modes', 'production', 'FROM_ARGV', '--value', '0042']),
      // Not a TTY and no mode flag: --from-stdin.
      run(['variable', 'set', 'modes', 'production', 'DEFAULT_PIPE'], { input: 'piped' }),
    ]);
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect(results.map((r) => CONFIRMATION.exec(r.stdout)?.slice(1, 5))).toEqual([
      ['FROM_STDIN', 'pg:production', '12', undefined],
      ['FROM_FILE', 'pg:production', '9', undefined],
      ['RAW_FILE', 'pg:production', '12', undefined],
      ['FROM_ENV', 'pg:production', '9', undefined],
      ['FROM_ARGV', 'pg:production', '4', undefined],
      ['DEFAULT_PIPE', 'pg:production', '5', undefined],
    ]);
    expect(results.map((r) => r.stderr)).toEqual(['', '', '', '', `Warning: ${WARNING}\n`, '']);
    expect(await valuesOf('modes')).toEqual({
      'pg:production/DEFAULT_PIPE': 'piped',
      'pg:production/FROM_ARGV': '0042',
      'pg:production/FROM_ENV': 'env-value',
      'pg:production/FROM_FILE': 'eu-west-1',
      'pg:production/FROM_STDIN': 'stdin-value\n',
      'pg:production/RAW_FILE': '  eu-west-1\n',
    });
  });

  it('stores what is typed at the --prompt, and prompts by default on a terminal', async () => {
    const [explicit, byDefault] = await Promise.all([
      kiciAdminOnTty(
        server,
        ['variable', 'set', 'tty', 'production', 'API_BASE', '--prompt'],
        'Value for API_BASE',
        'https://typed.example',
      ),
      kiciAdminOnTty(
        server,
        ['variable', 'set', '--scope', 'staging', 'API_BASE', '--locked'],
        'Value for API_BASE',
        'https://typed-2.example',
        { KICI_ORG_ID: 'tty' },
      ),
    ]);
    for (const result of [explicit, byDefault]) {
      expect(result.prompted).toBe(true);
      expect(result.code, result.stdout).toBe(0);
      expect(result.stdout).not.toContain('typed');
    }
    expect(explicit.stdout).toMatch(/Set API_BASE in pg:production \(21 bytes, updated_at /);
    expect(byDefault.stdout).toMatch(/Set API_BASE in pg:staging \(23 bytes, locked, updated_at /);
    expect(await valuesOf('tty')).toEqual({
      'pg:production/API_BASE': 'https://typed.example',
      'pg:staging/API_BASE': 'https://typed-2.example',
    });
  });

  it('refuses combined modes, empty values and conflicting lock flags, writing nothing', async () => {
    const results = await Promise.all([
      run(['variable', 'set', 'combo', 'production', 'KEY', '--from-stdin', '--value', 'v'], {
        input: 'stdin-value',
      }),
      run(['variable', 'set', 'combo', 'production', 'KEY', '--value', 'v', '--no-trim']),
      run([
        'variable',
        'set',
        'combo',
        'production',
        'KEY',
        '--value',
        'v',
        '--locked',
        '--unlock',
      ]),
      run(['variable', 'set', 'combo', 'production', 'lower', '--value', 'v']),
      run(['variable', 'set', 'combo', 'production', 'KEY', '--from-stdin'], { input: '' }),
    ]);
    expect(results.map((r) => [r.code, r.stdout])).toEqual([
      [2, ''],
      [2, ''],
      [2, ''],
      [2, ''],
      [1, ''],
    ]);
    expect(results.map((r) => r.stderr.split('\n')[0])).toEqual([
      'Error: conflicting input modes --from-stdin, --value: choose exactly one of --prompt, --from-stdin, --from-file, --from-env, --value',
      'Error: --no-trim applies to --from-file only',
      'Error: --locked and --unlock: choose one',
      'Error: key: expected upper snake case, e.g. DB_PASSWORD',
      'Error: stdin is empty: nothing was written',
    ]);
    expect(await stored('combo')).toEqual([]);
  });

  it('--dry-run validates, prints the documented line and writes nothing', async () => {
    const [human, asJson] = await Promise.all([
      run(['variable', 'set', '--scope', 'production', 'REGION', '--value', 'x', '--dry-run'], {
        env: { KICI_ORG_ID: 'dry' },
      }),
      run(
        [
          'variable',
          'set',
          'dry',
          'aws/prod',
          'REGION',
          '--from-env',
          'V',
          '--dry-run',
          '--json',
          '--locked',
        ],
        {
          env: { V: 'eu' },
        },
      ),
    ]);
    expect(human.stdout).toBe(
      '[dry-run] would set REGION in scope pg:production sha256=2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881\n',
    );
    expect(json(asJson)).toEqual({
      dryRun: true,
      orgId: 'dry',
      scope: 'pg:aws/prod',
      key: 'REGION',
      valueLength: 2,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      locked: true,
    });
    expect(await stored('dry')).toEqual([]);
  });

  it('--locked locks; a set without it keeps the lock; --unlock clears it', async () => {
    const locked = await run([
      'variable',
      'set',
      'lock',
      'production',
      'REGION',
      '--value',
      'eu-west-1',
      '--locked',
      '--json',
    ]);
    expect(locked.code, locked.stderr).toBe(0);
    expect(json(locked)).toMatchObject({ key: 'REGION', locked: true, created: true });
    const kept = await run(['variable', 'set', 'lock', 'production', 'REGION', '--value', 'eu-2']);
    expect(kept.stdout).toMatch(/\(4 bytes, locked, updated_at /);
    expect((await stored('lock')).map((v) => [v.key, v.locked, v.value])).toEqual([
      ['REGION', true, 'eu-2'],
    ]);
    const unlocked = await run([
      'variable',
      'set',
      'lock',
      'production',
      'REGION',
      '--value',
      'eu-2',
      '--unlock',
      '--json',
    ]);
    expect(json(unlocked)).toMatchObject({ locked: false, created: false });
  });

  it('lists keys only by default, values with --values, one scope or all', async () => {
    const writes = await Promise.all(
      [
        ['list', 'production', 'REGION', 'eu-west-1'],
        ['list', 'production', 'ARCH', 'arm64'],
        ['list', 'staging', 'REGION', 'us-east-1'],
      ].map(([org, scope, key, value]) =>
        run([
          'variable',
          'set',
          org as string,
          scope as string,
          key as string,
          '--value',
          value as string,
        ]),
      ),
    );
    for (const write of writes) expect(write.code, write.stderr).toBe(0);
    await run(['variable', 'set', 'list', 'staging', 'REGION', '--value', 'us-east-1', '--locked']);

    const [keys, withValues, all, fromEnv, asJson, empty] = await Promise.all([
      run(['variable', 'list', 'list', 'production']),
      run(['variable', 'list', 'list', 'production', '--values']),
      run(['variable', 'list', 'list']),
      run(['variable', 'list', 'staging', '--values'], { env: { KICI_ORG_ID: 'list' } }),
      run(['variable', 'list', '--org', 'list', '--scope', 'production', '--json']),
      run(['variable', 'list', 'list', 'nothing']),
    ]);
    const cells = (result: Result, columns: number) =>
      result.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split(/\s{2,}/).slice(0, columns));
    expect(keys.code, keys.stderr).toBe(0);
    expect(cells(keys, 3)).toEqual([
      ['KEY', 'SCOPE', 'LOCKED'],
      ['ARCH', 'pg:production', 'no'],
      ['REGION', 'pg:production', 'no'],
    ]);
    expect(keys.stdout).not.toMatch(/eu-west-1|arm64|VALUE/);
    expect(withValues.stdout.split('\n')[0]).toMatch(
      /^KEY +SCOPE +LOCKED +UPDATED +UPDATED BY +VALUE$/,
    );
    expect(
      withValues.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split(/\s+/).at(-1)),
    ).toEqual(['VALUE', 'arm64', 'eu-west-1']);
    expect(cells(all, 3)).toEqual([
      ['KEY', 'SCOPE', 'LOCKED'],
      ['ARCH', 'pg:production', 'no'],
      ['REGION', 'pg:production', 'no'],
      ['REGION', 'pg:staging', 'yes'],
    ]);
    expect(fromEnv.stdout).toMatch(/REGION +pg:staging +yes .* us-east-1\n$/);
    const listed = json<Listed>(asJson);
    expect(listed.scope).toBe('pg:production');
    expect(listed.variables.map((v) => v.key)).toEqual(['ARCH', 'REGION']);
    for (const variable of listed.variables) expect(variable).not.toHaveProperty('value');
    expect(empty.stdout).toBe('No variables in pg:nothing for org list\n');
  });

  it('deletes with --yes; without it asks on a terminal and refuses on a pipe (exit 2)', async () => {
    for (const key of ['ONE', 'TWO', 'THREE']) {
      const write = await run(['variable', 'set', 'del', 'production', key, '--value', 'x']);
      expect(write.code, write.stderr).toBe(0);
    }
    const [yes, short, refused] = await Promise.all([
      run(['variable', 'delete', 'del', 'production', 'ONE', '--yes']),
      run(['variable', 'delete', '--scope', 'production', 'TWO', '-y', '--json'], {
        env: { KICI_ORG_ID: 'del' },
      }),
      run(['variable', 'delete', 'del', 'production', 'THREE']),
    ]);
    expect([yes.code, yes.stdout]).toEqual([0, 'Deleted ONE from pg:production (org del)\n']);
    expect(json(short)).toEqual({
      orgId: 'del',
      scope: 'pg:production',
      key: 'TWO',
      deleted: true,
    });
    expect([refused.code, refused.stdout, refused.stderr]).toEqual([
      2,
      '',
      'Error: stdin is not a terminal, so nobody can confirm: pass --yes to delete\nRun `kici-admin variable delete --help` for usage.\n',
    ]);
    expect((await stored('del')).map((v) => v.key)).toEqual(['THREE']);

    const declined = await kiciAdminOnTty(
      server,
      ['variable', 'delete', 'del', 'production', 'THREE'],
      'Delete variable THREE',
      'n',
    );
    expect([declined.prompted, declined.code]).toEqual([true, 1]);
    expect(declined.stdout).toContain('cancelled: nothing was deleted');
    expect((await stored('del')).map((v) => v.key)).toEqual(['THREE']);
    const confirmed = await kiciAdminOnTty(
      server,
      ['variable', 'delete', 'del', 'production', 'THREE'],
      'Delete variable THREE',
      'y',
    );
    expect([confirmed.prompted, confirmed.code], confirmed.stdout).toEqual([true, 0]);
    expect(confirmed.stdout).toContain('Deleted THREE from pg:production (org del)');
    expect(await stored('del')).toEqual([]);

    const missing = await run(['variable', 'delete', 'del', 'production', 'THREE', '--yes']);
    expect([missing.code, missing.stderr]).toEqual([
      1,
      'Error: Variable THREE in scope pg:production not found\n',
    ]);
  });

  it('shows help for the group and every command', async () => {
    const pages = [['variable'], ['variable', 'set'], ['variable', 'list'], ['variable', 'delete']];
    const results = await Promise.all(pages.map((page) => run([...page, '--help'])));
    results.forEach((result, i) => {
      const page = (pages[i] as string[]).join(' ');
      expect(result.code, page).toBe(0);
      expect(result.stdout).toContain(`$ kici-admin ${page}`);
      expect(result.stdout).toContain('--json');
    });
    expect(results[1]?.stdout).toContain('--locked');
    expect(results[1]?.stdout).toContain('--from-env <VAR>');
    expect(results[2]?.stdout).toContain('--values');
    expect(results[3]?.stdout).toContain('-y, --yes');
    const top = await run(['--help']);
    expect(top.stdout).toContain('variable <command>');
  });
});
