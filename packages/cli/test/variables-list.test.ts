// `kici-admin variable list|delete` and the help pages as a real process against a real
// kici-server: keys-only listings unless --values, deletions confirmed by --yes or a prompt.
// Each test runs a table of command lines and what each must give (cases.ts).
import { testDrivers } from '@kici/server/testing';
import { describe, expect, it } from 'vitest';
import { runCases, runCasesAtOnce, words } from './cases.js';
import { json, kiciAdminOnTty, type Result } from './helpers.js';
import { type Listed, useVariableFixture } from './variables-fixture.js';

/** The first `columns` cells of every line of a table. */
const cells = (result: Result, columns: number) =>
  result.stdout
    .trimEnd()
    .split('\n')
    .map((line) => line.split(/\s{2,}/).slice(0, columns));

describe.each(testDrivers())('kici-admin variable list, delete, help (%s)', (driver) => {
  const f = useVariableFixture(driver);

  it('lists keys only by default, values with --values, one scope or all', async () => {
    await runCasesAtOnce(f.run, [
      { args: words`variable set list production REGION --value eu-west-1`, code: 0 },
      { args: words`variable set list production ARCH --value arm64`, code: 0 },
      { args: words`variable set list staging REGION --value us-east-1`, code: 0 },
    ]);
    await f.run(words`variable set list staging REGION --value us-east-1 --locked`);

    const [, , , , asJson] = await runCasesAtOnce(f.run, [
      {
        args: words`variable list list production`,
        code: 0,
        after: (keys) => {
          expect(cells(keys, 3)).toEqual([
            ['KEY', 'SCOPE', 'LOCKED'],
            ['ARCH', 'pg:production', 'no'],
            ['REGION', 'pg:production', 'no'],
          ]);
          expect(keys.stdout).not.toMatch(/eu-west-1|arm64|VALUE/);
        },
      },
      {
        args: words`variable list list production --values`,
        after: (withValues) => {
          expect(withValues.stdout.split('\n')[0]).toMatch(
            /^KEY +SCOPE +LOCKED +UPDATED +UPDATED BY +VALUE$/,
          );
          expect(
            withValues.stdout
              .trimEnd()
              .split('\n')
              .map((line) => line.split(/\s+/).at(-1)),
          ).toEqual(['VALUE', 'arm64', 'eu-west-1']);
        },
      },
      {
        args: words`variable list list`,
        after: (all) =>
          expect(cells(all, 3)).toEqual([
            ['KEY', 'SCOPE', 'LOCKED'],
            ['ARCH', 'pg:production', 'no'],
            ['REGION', 'pg:production', 'no'],
            ['REGION', 'pg:staging', 'yes'],
          ]),
      },
      {
        args: words`variable list staging --values`,
        options: { env: { KICI_ORG_ID: 'list' } },
        stdout: /REGION +pg:staging +yes .* us-east-1\n$/,
      },
      { args: words`variable list --org list --scope production --json` },
      {
        args: words`variable list list nothing`,
        stdout: 'No variables in pg:nothing for org list\n',
      },
    ]);
    const listed = json<Listed>(asJson);
    expect(listed.scope).toBe('pg:production');
    expect(listed.variables.map((v) => v.key)).toEqual(['ARCH', 'REGION']);
    for (const variable of listed.variables) expect(variable).not.toHaveProperty('value');
  });

  it('deletes with --yes; without it asks on a terminal and refuses on a pipe (exit 2)', async () => {
    await runCases(
      f.run,
      ['ONE', 'TWO', 'THREE'].map((key) => ({
        args: words`variable set del production ${key} --value x`,
        code: 0,
      })),
    );
    await runCasesAtOnce(f.run, [
      {
        args: words`variable delete del production ONE --yes`,
        code: 0,
        stdout: 'Deleted ONE from pg:production (org del)\n',
      },
      {
        args: words`variable delete --scope production TWO -y --json`,
        options: { env: { KICI_ORG_ID: 'del' } },
        jsonEquals: { orgId: 'del', scope: 'pg:production', key: 'TWO', deleted: true },
      },
      {
        args: words`variable delete del production THREE`,
        code: 2,
        stdout: '',
        stderr:
          'Error: stdin is not a terminal, so nobody can confirm: pass --yes to delete\nRun `kici-admin variable delete --help` for usage.\n',
      },
    ]);
    expect((await f.stored('del')).map((v) => v.key)).toEqual(['THREE']);

    // On a terminal: the prompt declined, then confirmed; what is left after each.
    const onTty: [string, number, string, string[]][] = [
      ['n', 1, 'cancelled: nothing was deleted', ['THREE']],
      ['y', 0, 'Deleted THREE from pg:production (org del)', []],
    ];
    for (const [answer, code, says, left] of onTty) {
      const result = await kiciAdminOnTty(
        f.server,
        words`variable delete del production THREE`,
        'Delete variable THREE',
        answer,
      );
      expect([result.prompted, result.code], result.stdout).toEqual([true, code]);
      expect(result.stdout).toContain(says);
      expect((await f.stored('del')).map((v) => v.key)).toEqual(left);
    }

    await runCases(f.run, [
      {
        args: words`variable delete del production THREE --yes`,
        code: 1,
        stderr: 'Error: Variable THREE in scope pg:production not found\n',
      },
    ]);
  });

  it('shows help for the group and every command', async () => {
    // Each page and what it alone must show.
    const pages: [string[], string[]][] = [
      [['variable'], []],
      [
        ['variable', 'set'],
        ['--locked', '--from-env <VAR>'],
      ],
      [['variable', 'list'], ['--values']],
      [['variable', 'delete'], ['-y, --yes']],
    ];
    await runCasesAtOnce(f.run, [
      ...pages.map(([page, shows]) => ({
        args: [...page, '--help'],
        code: 0,
        stdoutHas: [`$ kici-admin ${page.join(' ')}`, '--json', ...shows],
      })),
      { args: ['--help'], stdoutHas: ['variable <command>'] },
    ]);
  });
});
