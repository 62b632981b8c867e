// `kici-admin variable set` as a real process against a real kici-server: the five input
// modes of `secret set` (the prompt on a pseudo-terminal), refusals, dry runs and --locked.
// Each test runs a table of command lines and what each must give (cases.ts). Listings,
// deletions and help: variables-list.test.ts.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testDrivers } from '@kici/server/testing';
import { describe, expect, it } from 'vitest';
import { firstLine, runCases, runCasesAtOnce, words } from './cases.js';
import { kiciAdminOnTty, type RunOptions } from './helpers.js';
import { useVariableFixture } from './variables-fixture.js';

const WARNING = 'value visible in shell history — prefer --prompt / --from-stdin / --from-env';
const CONFIRMATION =
  /^Set ([A-Z_]+) in (\S+) of org [\w.-]+ \((\d+) bytes(, locked)?, updated_at (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\)\n$/;

describe.each(testDrivers())('kici-admin variable set (%s)', (driver) => {
  const f = useVariableFixture(driver);

  it('reads each input mode as secret set does and prints the one-line confirmation', async () => {
    await writeFile(join(f.dir, 'region.txt'), '\n  eu-west-1  \n\n');
    await writeFile(join(f.dir, 'raw.txt'), '  eu-west-1\n');
    // The key, its mode flags, stdin or environment, the length confirmed.
    const rows: { key: string; flags: string[]; options?: RunOptions; bytes: string }[] = [
      {
        key: 'FROM_STDIN',
        flags: ['--from-stdin'],
        options: { input: 'stdin-value\n' },
        bytes: '12',
      },
      { key: 'FROM_FILE', flags: ['--from-file', join(f.dir, 'region.txt')], bytes: '9' },
      { key: 'RAW_FILE', flags: ['--from-file', join(f.dir, 'raw.txt'), '--no-trim'], bytes: '12' },
      {
        key: 'FROM_ENV',
        flags: ['--from-env', 'CI_REGION'],
        options: { env: { CI_REGION: 'env-value' } },
        bytes: '9',
      },
      { key: 'FROM_ARGV', flags: ['--value', '0042'], bytes: '4' },
      // Not a TTY and no mode flag: --from-stdin.
      { key: 'DEFAULT_PIPE', flags: [], options: { input: 'piped' }, bytes: '5' },
    ];
    // The org's first object (a secret) notes that it created the org; these find it there.
    await runCases(f.run, [
      {
        args: words`secret set modes production SEED --from-stdin`,
        options: { input: 'seed' },
        code: 0,
        stderr: 'Note: org modes did not exist; it was created by this write\n',
      },
    ]);
    await runCasesAtOnce(
      f.run,
      rows.map(({ key, flags, options = {}, bytes }) => ({
        args: [...words`variable set modes production ${key}`, ...flags],
        options,
        code: 0,
        stderr: key === 'FROM_ARGV' ? `Warning: ${WARNING}\n` : '',
        after: (result: { stdout: string }) =>
          expect(CONFIRMATION.exec(result.stdout)?.slice(1, 5)).toEqual([
            key,
            'pg:production',
            bytes,
            undefined,
          ]),
      })),
    );
    expect(await f.valuesOf('modes')).toEqual({
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
        f.server,
        words`variable set tty production API_BASE --prompt`,
        'Value for API_BASE',
        'https://typed.example',
      ),
      kiciAdminOnTty(
        f.server,
        words`variable set --scope staging API_BASE --locked`,
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
    expect(explicit.stdout).toMatch(
      /Set API_BASE in pg:production of org [\w.-]+ \(21 bytes, updated_at /,
    );
    expect(byDefault.stdout).toMatch(
      /Set API_BASE in pg:staging of org [\w.-]+ \(23 bytes, locked, updated_at /,
    );
    expect(await f.valuesOf('tty')).toEqual({
      'pg:production/API_BASE': 'https://typed.example',
      'pg:staging/API_BASE': 'https://typed-2.example',
    });
  });

  it('refuses combined modes, empty values and conflicting lock flags, writing nothing', async () => {
    const set = words`variable set combo production`;
    // The rest of the command line, stdin, the exit code, the first line of stderr.
    const rows: [string[], RunOptions, number, string][] = [
      [
        words`KEY --from-stdin --value v`,
        { input: 'stdin-value' },
        2,
        'Error: conflicting input modes --from-stdin, --value: choose exactly one of --prompt, --from-stdin, --from-file, --from-env, --value',
      ],
      [words`KEY --value v --no-trim`, {}, 2, 'Error: --no-trim applies to --from-file only'],
      [words`KEY --value v --locked --unlock`, {}, 2, 'Error: --locked and --unlock: choose one'],
      [words`lower --value v`, {}, 2, 'Error: key: expected upper snake case, e.g. DB_PASSWORD'],
      [words`KEY --from-stdin`, { input: '' }, 1, 'Error: stdin is empty: nothing was written'],
    ];
    await runCasesAtOnce(
      f.run,
      rows.map(([rest, options, code, error]) => ({
        args: [...set, ...rest],
        options,
        code,
        stdout: '',
        stderr: firstLine(error),
      })),
    );
    expect(await f.stored('combo')).toEqual([]);
  });

  it('--dry-run validates, prints the documented line and writes nothing', async () => {
    await runCasesAtOnce(f.run, [
      {
        args: words`variable set --scope production REGION --value x --dry-run`,
        options: { env: { KICI_ORG_ID: 'dry' } },
        stdout:
          '[dry-run] would set REGION in scope pg:production sha256=2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881\n',
      },
      {
        args: words`variable set dry aws/prod REGION --from-env V --dry-run --json --locked`,
        options: { env: { V: 'eu' } },
        jsonEquals: {
          dryRun: true,
          orgId: 'dry',
          scope: 'pg:aws/prod',
          key: 'REGION',
          valueLength: 2,
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          locked: true,
        },
      },
    ]);
    expect(await f.stored('dry')).toEqual([]);
  });

  it('--locked locks; a set without it keeps the lock; --unlock clears it', async () => {
    const set = words`variable set lock production REGION`;
    await runCases(f.run, [
      {
        args: [...set, ...words`--value eu-west-1 --locked --json`],
        code: 0,
        json: { key: 'REGION', locked: true, created: true },
      },
      {
        args: [...set, ...words`--value eu-2`],
        stdout: /\(4 bytes, locked, updated_at /,
        after: async () =>
          expect((await f.stored('lock')).map((v) => [v.key, v.locked, v.value])).toEqual([
            ['REGION', true, 'eu-2'],
          ]),
      },
      {
        args: [...set, ...words`--value eu-2 --unlock --json`],
        json: { locked: false, created: false },
      },
    ]);
  });
});
