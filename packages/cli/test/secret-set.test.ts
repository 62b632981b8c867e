// `kici-admin secret set` against a real kici-server: the five input modes of the product
// documentation, the default mode by TTY, the org from an argument, --org or KICI_ORG_ID,
// --json, and that the value never shows on the command's own output. Each test runs a
// table of command lines (cases.ts). Refusals, fingerprints, dry runs:
// secret-set-refusals.test.ts.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testDrivers } from '@kici/server/testing';
import { describe, expect, it } from 'vitest';
import { runCases, runCasesAtOnce, words } from './cases.js';
import { kiciAdminOnTty, type Result, type RunOptions } from './helpers.js';
import { CONFIRMATION, expectNoValue, useSecretSetFixture, WARNING } from './secret-set-fixture.js';

describe.each(testDrivers())('kici-admin secret set (%s)', (driver) => {
  const f = useSecretSetFixture(driver);

  it('reads each mode exactly as documented and prints the one-line confirmation', async () => {
    const values = {
      stdin: 'stdin-s3cret-value\n', // piped bytes are kept as they are
      file: 'file-s3cret-value',
      env: 'env-s3cret-value',
      argv: '007-argv',
    };
    await writeFile(join(f.dir, 'prod-db.txt'), `\n  ${values.file}  \n\n`);
    await writeFile(join(f.dir, 'raw.txt'), `  ${values.file}\n`);
    const set = (key: string, ...flags: string[]) => [
      ...words`secret set modes production ${key}`,
      ...flags,
    ];
    // The key, its mode flags, stdin or environment, what is stored, the length confirmed.
    const rows: {
      key: string;
      flags: string[];
      options?: RunOptions;
      stored: string;
      bytes: number;
      stderr?: string;
    }[] = [
      {
        key: 'FROM_STDIN',
        flags: ['--from-stdin'],
        options: { input: values.stdin },
        stored: values.stdin,
        bytes: values.stdin.length,
      },
      {
        key: 'FROM_FILE',
        flags: ['--from-file', join(f.dir, 'prod-db.txt')],
        stored: values.file,
        bytes: values.file.length,
      },
      {
        key: 'RAW_FILE',
        flags: ['--from-file', join(f.dir, 'raw.txt'), '--no-trim'],
        stored: `  ${values.file}\n`,
        bytes: values.file.length + 3,
      },
      {
        key: 'FROM_ENV',
        flags: ['--from-env', 'CI_DB_PASSWORD'],
        options: { env: { CI_DB_PASSWORD: values.env } },
        stored: values.env,
        bytes: values.env.length,
      },
      // "007-argv", and below "0042": never read as a number
      {
        key: 'FROM_ARGV',
        flags: ['--value', values.argv],
        stored: values.argv,
        bytes: values.argv.length,
        stderr: `Warning: ${WARNING}\n`,
      },
      // Not a TTY and no mode flag: --from-stdin.
      {
        key: 'DEFAULT_PIPE',
        flags: [],
        options: { input: 'piped-by-default' },
        stored: 'piped-by-default',
        bytes: 16,
      },
    ];
    // The org's first write says that it created the org; the writes below find it there.
    await runCases(f.run, [
      {
        args: words`secret set modes staging SEED --from-stdin`,
        options: { input: 'seed' },
        code: 0,
        stderr: 'Note: org modes did not exist; it was created by this write\n',
      },
    ]);
    const results = await runCasesAtOnce(
      f.run,
      rows.map(({ key, flags, options = {}, bytes, stderr = '' }) => ({
        args: set(key, ...flags),
        options,
        code: 0,
        stderr,
        after: (result: Result) =>
          expect(CONFIRMATION.exec(result.stdout)?.slice(1, 4)).toEqual([
            key,
            'pg:production',
            String(bytes),
          ]),
      })),
    );
    for (const value of [...Object.values(values), 'piped-by-default']) {
      expectNoValue(results, value.trim());
    }
    const stored = await Promise.all(rows.map(({ key }) => f.reveal('modes', 'production', key)));
    expect(stored).toEqual(rows.map((row) => row.stored));
    await runCases(f.run, [{ args: set('NUMERIC', '--value', '0042'), code: 0 }]);
    expect(await f.reveal('modes', 'production', 'NUMERIC')).toBe('0042');
  });

  it('stores what is typed at the --prompt, and prompts by default on a terminal', async () => {
    const typed = 'typed-s3cret-at-the-prompt';
    const [explicit, byDefault] = await Promise.all([
      kiciAdminOnTty(
        f.server,
        words`secret set tty production KICI_DATABASE_URL --prompt`,
        'Value for KICI_DATABASE_URL',
        typed,
      ),
      // The seed's second spelling, without a mode flag: a terminal means --prompt.
      kiciAdminOnTty(
        f.server,
        words`secret set --scope production DB_PASSWORD`,
        'Value for DB_PASSWORD',
        `${typed}-2`,
        { KICI_ORG_ID: 'tty' },
      ),
    ]);
    for (const result of [explicit, byDefault]) {
      expect(result.prompted).toBe(true);
      expect(result.code, result.stdout).toBe(0);
      expect(result.stdout).toContain('(input hidden)');
      // The terminal shows the confirmation, never what was typed (no echo, no mask).
      expect(result.stdout).not.toContain(typed);
    }
    expect(explicit.stdout).toMatch(
      /Set KICI_DATABASE_URL in pg:production of org [\w.-]+ \(26 bytes, updated_at /,
    );
    expect(await f.reveal('tty', 'production', 'KICI_DATABASE_URL')).toBe(typed);
    expect(await f.reveal('tty', 'production', 'DB_PASSWORD')).toBe(`${typed}-2`);
  });

  it('takes the org as an argument, from --org or from KICI_ORG_ID', async () => {
    // command line, environment or stdin, then where the value must be found and what it is
    const rows: [string[], RunOptions, [string, string, string], string][] = [
      [
        words`secret set org-a production KICI_DATABASE_URL --from-env V`,
        { env: { V: 'one' } },
        ['org-a', 'pg:production', 'KICI_DATABASE_URL'],
        'one',
      ],
      [
        words`secret set --scope production DB_PASSWORD --from-env V`,
        { env: { V: 'two', KICI_ORG_ID: 'org-b' } },
        ['org-b', 'production', 'DB_PASSWORD'],
        'two',
      ],
      [
        words`secret set --org org-c --scope pg:aws/prod DB_PASSWORD --from-stdin`,
        { input: 'three' },
        ['org-c', 'pg:aws/prod', 'DB_PASSWORD'],
        'three',
      ],
      [
        words`secret set staging DB_PASSWORD --from-env V`,
        { env: { V: 'four', KICI_ORG_ID: 'org-d' } },
        ['org-d', 'staging', 'DB_PASSWORD'],
        'four',
      ],
      // A positional org wins over KICI_ORG_ID.
      [
        words`secret set org-e staging DB_PASSWORD --from-env V`,
        { env: { V: 'five', KICI_ORG_ID: 'org-d' } },
        ['org-e', 'staging', 'DB_PASSWORD'],
        'five',
      ],
    ];
    await runCasesAtOnce(
      f.run,
      rows.map(([args, options]) => ({ args, options, code: 0 })),
    );
    expect(await Promise.all(rows.map(([, , at]) => f.reveal(...at)))).toEqual(
      rows.map(([, , , value]) => value),
    );
    await runCases(f.run, [
      {
        args: words`secret set org-a production KEY --org org-a --value x`,
        code: 2,
        stderr: /^Error: too many arguments \(the org id came from a flag\)(\n|$)/,
      },
    ]);
  });

  it('--json prints the API response only, and replacing reports created: false', async () => {
    const set = words`secret set json production API_KEY --from-stdin --json`;
    const results = await runCases(f.run, [
      {
        args: set,
        options: { input: 'first-s3cret' },
        code: 0,
        // On stderr, so --json output stays the API response alone.
        stderr: 'Note: org json did not exist; it was created by this write\n',
        jsonEquals: {
          orgId: 'json',
          scope: 'pg:production',
          key: 'API_KEY',
          valueLength: 12,
          updatedAt: expect.stringMatching(/Z$/),
          created: true,
        },
      },
      {
        args: set,
        options: { input: 'second-s3cret!' },
        code: 0,
        stderr: '',
        json: { valueLength: 14, created: false },
      },
    ]);
    expectNoValue(results, 's3cret');
  });
});
