// `kici-admin secret set` refusing what it must not store, against a real kici-server:
// combined input modes, a fingerprint that does not match, dry runs, empty or unreadable
// values; nothing is written then. Each test runs a table of command lines (cases.ts).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testDrivers } from '@kici/server/testing';
import { describe, expect, it } from 'vitest';
import { firstLineHas, runCases, runCasesAtOnce, words } from './cases.js';
import { json, type RunOptions } from './helpers.js';
import { CONFIRMATION, expectNoValue, sha256, useSecretSetFixture } from './secret-set-fixture.js';

describe.each(testDrivers())('kici-admin secret set refusals (%s)', (driver) => {
  const f = useSecretSetFixture(driver);

  it('refuses combined modes before any I/O or request: nothing written, nothing audited', async () => {
    await writeFile(join(f.dir, 'never-read.txt'), 'file-value');
    const before = await f.auditRows();
    const set = words`secret set combo production KEY`;
    const results = await runCasesAtOnce(
      f.run,
      [
        [
          [...set, ...words`--from-stdin --value argv-value`],
          { input: 'stdin-value' },
          '--from-stdin, --value',
        ],
        [
          [...set, ...words`--from-file ${join(f.dir, 'never-read.txt')} --from-env V`],
          { env: { V: 'env-value' } },
          '--from-file, --from-env',
        ],
        [
          [...set, ...words`--prompt --from-stdin --from-file x --from-env V --value v`],
          {},
          '--prompt, --from-stdin, --from-file, --from-env, --value',
        ],
      ].map(([args, options, modes]) => ({
        args: args as string[],
        options: options as RunOptions,
        code: 2,
        stdout: '',
        stderr: firstLineHas(`conflicting input modes ${modes as string}`),
      })),
    );
    expect(results.map((r) => r.stderr).join('')).not.toContain('Warning');
    expect(await f.auditRows()).toEqual(before);
    await runCases(f.run, [
      {
        args: words`secret list combo production --json`,
        after: (list) => expect(json<{ keys: unknown[] }>(list).keys).toEqual([]),
      },
    ]);
  });

  it('checks --confirm-fingerprint and writes nothing on a mismatch', async () => {
    const value = 'fingerprinted-s3cret';
    const set = words`secret set fp production`;
    const results = await runCasesAtOnce(f.run, [
      {
        args: [
          ...set,
          ...words`MISMATCH --from-stdin --confirm-fingerprint ${sha256(`${value}\n`)}`,
        ],
        options: { input: value },
        code: 1,
        stdout: '',
        stderr:
          "Error: fingerprint mismatch: the value's SHA-256 differs from --confirm-fingerprint; nothing was written\n",
      },
      {
        args: [
          ...set,
          ...words`MATCH --from-stdin --confirm-fingerprint ${sha256(value).toUpperCase()}`,
        ],
        options: { input: value },
        code: 0,
        stdout: CONFIRMATION,
      },
    ]);
    const keys = json<{ keys: { key: string }[] }>(
      await f.run(['secret', 'list', 'fp', 'production', '--json']),
    );
    expect(keys.keys.map((k) => k.key)).toEqual(['MATCH']);
    expectNoValue(results, value);
  });

  it('--dry-run validates, prints the documented line and writes nothing', async () => {
    const value = 'dry-s3cret';
    const results = await runCasesAtOnce(f.run, [
      {
        args: words`secret set --scope production DB_PASSWORD --from-stdin --dry-run
          --confirm-fingerprint ${sha256(value)}`,
        options: { input: value, env: { KICI_ORG_ID: 'dry' } },
        code: 0,
        stdout: `[dry-run] would set DB_PASSWORD in scope pg:production sha256=${sha256(value)}\n`,
      },
      {
        args: words`secret set dry pg:aws/prod DB_PASSWORD --from-env V --dry-run --json`,
        options: { env: { V: value } },
        code: 0,
        jsonEquals: {
          dryRun: true,
          orgId: 'dry',
          scope: 'pg:aws/prod',
          key: 'DB_PASSWORD',
          valueLength: value.length,
          sha256: sha256(value),
        },
      },
      {
        args: words`secret set dry production DB_PASSWORD --from-env V --dry-run
          --confirm-fingerprint ${sha256('other')}`,
        options: { env: { V: value } },
        code: 1,
        stderrHas: ['fingerprint mismatch'],
      },
    ]);
    await runCases(f.run, [
      {
        args: words`secret scopes dry --json`,
        after: (r) => expect(json<{ scopes: unknown[] }>(r).scopes).toEqual([]),
      },
    ]);
    expectNoValue(results, value);
  });

  it('fails (exit 1) on an empty or unreadable value, and warns about an empty file', async () => {
    await writeFile(join(f.dir, 'blank.txt'), ' \n\t\n');
    const set = words`secret set empty production`;
    const failing: [string[], RunOptions, string][] = [
      [
        [...set, 'BLANK', '--from-file', join(f.dir, 'blank.txt')],
        {},
        `Warning: ${join(f.dir, 'blank.txt')} is empty after trimming\nError: an empty value cannot be stored: nothing was written\n`,
      ],
      [
        [...set, 'MISSING', '--from-file', join(f.dir, 'nope.txt')],
        {},
        `Error: cannot read ${join(f.dir, 'nope.txt')} (ENOENT)\n`,
      ],
      [
        [...set, ...words`UNSET --from-env CI_DB_PASSWORD`],
        {},
        'Error: environment variable CI_DB_PASSWORD is not set\n',
      ],
      [
        [...set, ...words`NOTHING --from-stdin`],
        { input: '' },
        'Error: stdin is empty: nothing was written\n',
      ],
      [
        [...set, ...words`BINARY --from-stdin`],
        { input: Buffer.from([0xff, 0xfe, 0x00]) },
        'Error: stdin: expected UTF-8 text\n',
      ],
    ];
    await runCasesAtOnce(
      f.run,
      failing.map(([args, options, stderr]) => ({ args, options, code: 1, stdout: '', stderr })),
    );
    await runCases(f.run, [
      {
        args: words`secret scopes empty --json`,
        after: (r) => expect(json<{ scopes: unknown[] }>(r).scopes).toEqual([]),
      },
    ]);
  });
});
