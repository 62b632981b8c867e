// `kici-admin environment …` as a real process against a real kici-server: flag values
// refused before any request (exit 2, the flag named), deletions confirmed by --yes or a
// prompt, and the help pages. Each test runs a table of command lines (cases.ts).
import { testDrivers } from '@kici/server/testing';
import { describe, expect, it } from 'vitest';
import { firstLine, runCases, runCasesAtOnce, words } from './cases.js';
import { useEnvironmentFixture } from './environments-fixture.js';
import { kiciAdminOnTty } from './helpers.js';

describe.each(testDrivers())('kici-admin environment refusals, deletions, help (%s)', (driver) => {
  const f = useEnvironmentFixture(driver);

  it('refuses bad flag values with exit 2 naming the flag, before any request', async () => {
    await runCases(f.run, [
      { args: words`environment create bad production --scope keep`, code: 0 },
    ]);
    const before = await f.listed('bad');
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
    await runCasesAtOnce(
      f.run,
      cases.map(([args, message]) => ({
        args: ['environment', ...args],
        // `show bad` with a server would use its default org: with none to ask, one is missing.
        options: { env: { KICI_ADMIN_URL: undefined } },
        code: 2,
        stdout: '',
        stderr: firstLine(`Error: ${message}`),
      })),
    );
    expect(await f.listed('bad')).toEqual(before);
  });

  it('deletes with --yes; without it asks on a terminal and refuses on a pipe (exit 2)', async () => {
    await runCases(
      f.run,
      ['one', 'two', 'three'].map((name) => ({
        args: words`environment create del ${name}`,
        code: 0,
      })),
    );
    await runCasesAtOnce(f.run, [
      {
        args: words`environment delete del one --yes`,
        code: 0,
        stdout: 'Deleted environment one (org del)\n',
      },
      {
        args: words`environment delete --env two -y --json`,
        options: { env: { KICI_ORG_ID: 'del' } },
        jsonEquals: { orgId: 'del', name: 'two', deleted: true },
      },
      {
        args: words`environment delete del three`,
        code: 2,
        stdout: '',
        stderr:
          'Error: stdin is not a terminal, so nobody can confirm: pass --yes to delete\nRun `kici-admin environment delete --help` for usage.\n',
      },
    ]);
    expect((await f.listed('del')).map((e) => e.name)).toEqual(['three']);

    // On a terminal: the prompt declined, then confirmed; what is left after each.
    const onTty: [string[], string, number, string, string[]][] = [
      [words`environment delete del three`, 'n', 1, 'cancelled: nothing was deleted', ['three']],
      [
        words`environment delete del --env three`,
        'y',
        0,
        'Deleted environment three (org del)',
        [],
      ],
    ];
    for (const [args, answer, code, says, left] of onTty) {
      const result = await kiciAdminOnTty(f.server, args, 'Delete environment three', answer);
      expect([result.prompted, result.code], result.stdout).toEqual([true, code]);
      expect(result.stdout).toContain(says);
      expect((await f.listed('del')).map((e) => e.name)).toEqual(left);
    }

    await runCases(f.run, [
      {
        args: words`environment delete del three --yes`,
        code: 1,
        stderr: 'Error: Environment three not found\n',
      },
    ]);
  });

  it('shows help for the group and every command', async () => {
    // Each page and what it alone must show.
    const pages: [string[], string[]][] = [
      [
        ['environment'],
        ['$ kici-admin environment set-policy --env test-database --allow-local-execution true'],
      ],
      [['environment', 'create'], ['--allow-local-execution, -L']],
      [['environment', 'list'], []],
      [['environment', 'show'], []],
      [['environment', 'delete'], ['-y, --yes']],
      [['environment', 'bind'], []],
      [['environment', 'unbind'], []],
      [['environment', 'set-policy'], ['--allow-local-execution <true|false>']],
    ];
    await runCasesAtOnce(f.run, [
      ...pages.map(([page, shows]) => ({
        args: [...page, '--help'],
        code: 0,
        stdoutHas: [`$ kici-admin ${page.join(' ')}`, '--json', ...shows],
      })),
      { args: ['--help'], stdoutHas: ['environment <command>'] },
    ]);
  });
});
