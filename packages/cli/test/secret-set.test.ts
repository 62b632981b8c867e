// `kici-admin secret set` against a real kici-server: the five input modes of the product
// documentation, the default mode by TTY, fingerprints, dry runs, and that the value never
// shows on the command's own output.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer, testDrivers } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, json, kiciAdminOnTty, type Result } from './helpers.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const WARNING = 'value visible in shell history — prefer --prompt / --from-stdin / --from-env';
const CONFIRMATION =
  /^Set ([A-Z_]+) in (\S+) \((\d+) bytes, updated_at (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\)\n$/;

function expectNoValue(results: readonly Result[], value: string) {
  for (const result of results) {
    expect(result.stdout).not.toContain(value);
    expect(result.stderr).not.toContain(value);
  }
}

describe.each(testDrivers())('kici-admin secret set (%s)', (driver) => {
  let server: TestServer;
  let run: ReturnType<typeof cli>;
  let dir: string;
  const reveal = async (org: string, scope: string, key: string) => {
    const result = await run(['secret', 'reveal', org, scope, key]);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout.slice(0, -1); // the value and one newline
  };
  /** Every audit row but the audit reads themselves. */
  const auditRows = async () => {
    const entries = json<{ entries: { id: number; action: string }[] }>(
      await run(['audit', '--limit', '1000', '--json']),
    ).entries;
    return entries.filter((e) => e.action !== 'audit.query');
  };

  beforeAll(async () => {
    [server, dir] = await Promise.all([
      startTestServer({ driver }),
      mkdtemp(join(tmpdir(), 'kici-cli-test-')),
    ]);
    run = cli(server);
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads each mode exactly as documented and prints the one-line confirmation', async () => {
    const values = {
      stdin: 'stdin-s3cret-value\n', // piped bytes are kept as they are
      file: 'file-s3cret-value',
      env: 'env-s3cret-value',
      argv: '007-argv',
    };
    await writeFile(join(dir, 'prod-db.txt'), `\n  ${values.file}  \n\n`);
    await writeFile(join(dir, 'raw.txt'), `  ${values.file}\n`);
    const results = await Promise.all([
      run(['secret', 'set', 'modes', 'production', 'FROM_STDIN', '--from-stdin'], {
        input: values.stdin,
      }),
      run([
        'secret',
        'set',
        'modes',
        'production',
        'FROM_FILE',
        '--from-file',
        join(dir, 'prod-db.txt'),
      ]),
      run([
        'secret',
        'set',
        'modes',
        'production',
        'RAW_FILE',
        '--from-file',
        join(dir, 'raw.txt'),
        '--no-trim',
      ]),
      run(['secret', 'set', 'modes', 'production', 'FROM_ENV', '--from-env', 'CI_DB_PASSWORD'], {
        env: { CI_DB_PASSWORD: values.env },
      }),
      run(['secret', 'set', 'modes', 'production', 'FROM_ARGV', '--value', values.argv]),
      // Not a TTY and no mode flag: --from-stdin.
      run(['secret', 'set', 'modes', 'production', 'DEFAULT_PIPE'], { input: 'piped-by-default' }),
    ]);
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect(results.map((r) => CONFIRMATION.exec(r.stdout)?.slice(1, 4))).toEqual([
      ['FROM_STDIN', 'pg:production', String(values.stdin.length)],
      ['FROM_FILE', 'pg:production', String(values.file.length)],
      ['RAW_FILE', 'pg:production', String(values.file.length + 3)],
      ['FROM_ENV', 'pg:production', String(values.env.length)],
      ['FROM_ARGV', 'pg:production', String(values.argv.length)],
      ['DEFAULT_PIPE', 'pg:production', '16'],
    ]);
    expect(results.map((r) => r.stderr)).toEqual(['', '', '', '', `Warning: ${WARNING}\n`, '']);
    for (const value of [...Object.values(values), 'piped-by-default']) {
      expectNoValue(results, value.trim());
    }

    const stored = await Promise.all(
      ['FROM_STDIN', 'FROM_FILE', 'RAW_FILE', 'FROM_ENV', 'FROM_ARGV', 'DEFAULT_PIPE'].map((key) =>
        reveal('modes', 'production', key),
      ),
    );
    expect(stored).toEqual([
      values.stdin,
      values.file,
      `  ${values.file}\n`,
      values.env,
      values.argv, // "007-argv", and below "0042": never read as a number
      'piped-by-default',
    ]);
    const numeric = await run([
      'secret',
      'set',
      'modes',
      'production',
      'NUMERIC',
      '--value',
      '0042',
    ]);
    expect(numeric.code).toBe(0);
    expect(await reveal('modes', 'production', 'NUMERIC')).toBe('0042');
  });

  it('stores what is typed at the --prompt, and prompts by default on a terminal', async () => {
    const typed = 'typed-s3cret-at-the-prompt';
    const [explicit, byDefault] = await Promise.all([
      kiciAdminOnTty(
        server,
        ['secret', 'set', 'tty', 'production', 'KICI_DATABASE_URL', '--prompt'],
        'Value for KICI_DATABASE_URL',
        typed,
      ),
      // The seed's second spelling, without a mode flag: a terminal means --prompt.
      kiciAdminOnTty(
        server,
        ['secret', 'set', '--scope', 'production', 'DB_PASSWORD'],
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
      /Set KICI_DATABASE_URL in pg:production \(26 bytes, updated_at /,
    );
    expect(await reveal('tty', 'production', 'KICI_DATABASE_URL')).toBe(typed);
    expect(await reveal('tty', 'production', 'DB_PASSWORD')).toBe(`${typed}-2`);
  });

  it('takes the org as an argument, from --org or from KICI_ORG_ID', async () => {
    const results = await Promise.all([
      run(['secret', 'set', 'org-a', 'production', 'KICI_DATABASE_URL', '--from-env', 'V'], {
        env: { V: 'one' },
      }),
      run(['secret', 'set', '--scope', 'production', 'DB_PASSWORD', '--from-env', 'V'], {
        env: { V: 'two', KICI_ORG_ID: 'org-b' },
      }),
      run(
        [
          'secret',
          'set',
          '--org',
          'org-c',
          '--scope',
          'pg:aws/prod',
          'DB_PASSWORD',
          '--from-stdin',
        ],
        {
          input: 'three',
        },
      ),
      run(['secret', 'set', 'staging', 'DB_PASSWORD', '--from-env', 'V'], {
        env: { V: 'four', KICI_ORG_ID: 'org-d' },
      }),
      // A positional org wins over KICI_ORG_ID.
      run(['secret', 'set', 'org-e', 'staging', 'DB_PASSWORD', '--from-env', 'V'], {
        env: { V: 'five', KICI_ORG_ID: 'org-d' },
      }),
    ]);
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect(
      await Promise.all([
        reveal('org-a', 'pg:production', 'KICI_DATABASE_URL'),
        reveal('org-b', 'production', 'DB_PASSWORD'),
        reveal('org-c', 'pg:aws/prod', 'DB_PASSWORD'),
        reveal('org-d', 'staging', 'DB_PASSWORD'),
        reveal('org-e', 'staging', 'DB_PASSWORD'),
      ]),
    ).toEqual(['one', 'two', 'three', 'four', 'five']);
    const both = await run([
      'secret',
      'set',
      'org-a',
      'production',
      'KEY',
      '--org',
      'org-a',
      '--value',
      'x',
    ]);
    expect([both.code, both.stderr.split('\n')[0]]).toEqual([
      2,
      'Error: too many arguments (the org id came from a flag)',
    ]);
  });

  it('refuses combined modes before any I/O or request: nothing written, nothing audited', async () => {
    await writeFile(join(dir, 'never-read.txt'), 'file-value');
    const before = await auditRows();
    const results = await Promise.all([
      run(
        ['secret', 'set', 'combo', 'production', 'KEY', '--from-stdin', '--value', 'argv-value'],
        {
          input: 'stdin-value',
        },
      ),
      run(
        [
          'secret',
          'set',
          'combo',
          'production',
          'KEY',
          '--from-file',
          join(dir, 'never-read.txt'),
          '--from-env',
          'V',
        ],
        {
          env: { V: 'env-value' },
        },
      ),
      run([
        'secret',
        'set',
        'combo',
        'production',
        'KEY',
        '--prompt',
        '--from-stdin',
        '--from-file',
        'x',
        '--from-env',
        'V',
        '--value',
        'v',
      ]),
    ]);
    expect(results.map((r) => [r.code, r.stdout])).toEqual([
      [2, ''],
      [2, ''],
      [2, ''],
    ]);
    expect(results.map((r) => r.stderr.split('\n')[0])).toEqual([
      expect.stringContaining('conflicting input modes --from-stdin, --value'),
      expect.stringContaining('conflicting input modes --from-file, --from-env'),
      expect.stringContaining(
        'conflicting input modes --prompt, --from-stdin, --from-file, --from-env, --value',
      ),
    ]);
    expect(results.map((r) => r.stderr).join('')).not.toContain('Warning');
    expect(await auditRows()).toEqual(before);
    const keys = json<{ keys: unknown[] }>(
      await run(['secret', 'list', 'combo', 'production', '--json']),
    );
    expect(keys.keys).toEqual([]);
  });

  it('checks --confirm-fingerprint and writes nothing on a mismatch', async () => {
    const value = 'fingerprinted-s3cret';
    const [mismatch, wrongCase] = await Promise.all([
      run(
        [
          'secret',
          'set',
          'fp',
          'production',
          'MISMATCH',
          '--from-stdin',
          '--confirm-fingerprint',
          sha256(`${value}\n`),
        ],
        {
          input: value,
        },
      ),
      run(
        [
          'secret',
          'set',
          'fp',
          'production',
          'MATCH',
          '--from-stdin',
          '--confirm-fingerprint',
          sha256(value).toUpperCase(),
        ],
        {
          input: value,
        },
      ),
    ]);
    expect([mismatch.code, mismatch.stdout, mismatch.stderr]).toEqual([
      1,
      '',
      "Error: fingerprint mismatch: the value's SHA-256 differs from --confirm-fingerprint; nothing was written\n",
    ]);
    expect(wrongCase.code, wrongCase.stderr).toBe(0);
    expect(wrongCase.stdout).toMatch(CONFIRMATION);
    const keys = json<{ keys: { key: string }[] }>(
      await run(['secret', 'list', 'fp', 'production', '--json']),
    );
    expect(keys.keys.map((k) => k.key)).toEqual(['MATCH']);
    expectNoValue([mismatch, wrongCase], value);
  });

  it('--dry-run validates, prints the documented line and writes nothing', async () => {
    const value = 'dry-s3cret';
    const results = await Promise.all([
      run(
        [
          'secret',
          'set',
          '--scope',
          'production',
          'DB_PASSWORD',
          '--from-stdin',
          '--dry-run',
          '--confirm-fingerprint',
          sha256(value),
        ],
        {
          input: value,
          env: { KICI_ORG_ID: 'dry' },
        },
      ),
      run(
        [
          'secret',
          'set',
          'dry',
          'pg:aws/prod',
          'DB_PASSWORD',
          '--from-env',
          'V',
          '--dry-run',
          '--json',
        ],
        {
          env: { V: value },
        },
      ),
      run(
        [
          'secret',
          'set',
          'dry',
          'production',
          'DB_PASSWORD',
          '--from-env',
          'V',
          '--dry-run',
          '--confirm-fingerprint',
          sha256('other'),
        ],
        {
          env: { V: value },
        },
      ),
    ]);
    expect(results.map((r) => r.code)).toEqual([0, 0, 1]);
    expect(results[0]?.stdout).toBe(
      `[dry-run] would set DB_PASSWORD in scope pg:production sha256=${sha256(value)}\n`,
    );
    expect(json(results[1] as Result)).toEqual({
      dryRun: true,
      orgId: 'dry',
      scope: 'pg:aws/prod',
      key: 'DB_PASSWORD',
      valueLength: value.length,
      sha256: sha256(value),
    });
    expect(results[2]?.stderr).toContain('fingerprint mismatch');
    const scopes = json<{ scopes: unknown[] }>(await run(['secret', 'scopes', 'dry', '--json']));
    expect(scopes.scopes).toEqual([]);
    expectNoValue(results, value);
  });

  it('fails (exit 1) on an empty or unreadable value, and warns about an empty file', async () => {
    await writeFile(join(dir, 'blank.txt'), ' \n\t\n');
    const results = await Promise.all([
      run(['secret', 'set', 'empty', 'production', 'BLANK', '--from-file', join(dir, 'blank.txt')]),
      run([
        'secret',
        'set',
        'empty',
        'production',
        'MISSING',
        '--from-file',
        join(dir, 'nope.txt'),
      ]),
      run(['secret', 'set', 'empty', 'production', 'UNSET', '--from-env', 'CI_DB_PASSWORD']),
      run(['secret', 'set', 'empty', 'production', 'NOTHING', '--from-stdin'], { input: '' }),
      run(['secret', 'set', 'empty', 'production', 'BINARY', '--from-stdin'], {
        input: Buffer.from([0xff, 0xfe, 0x00]),
      }),
    ]);
    expect(results.map((r) => [r.code, r.stdout])).toEqual(Array(5).fill([1, '']));
    expect(results.map((r) => r.stderr)).toEqual([
      `Warning: ${join(dir, 'blank.txt')} is empty after trimming\nError: an empty value cannot be stored: nothing was written\n`,
      `Error: cannot read ${join(dir, 'nope.txt')} (ENOENT)\n`,
      'Error: environment variable CI_DB_PASSWORD is not set\n',
      'Error: stdin is empty: nothing was written\n',
      'Error: stdin: expected UTF-8 text\n',
    ]);
    const scopes = json<{ scopes: unknown[] }>(await run(['secret', 'scopes', 'empty', '--json']));
    expect(scopes.scopes).toEqual([]);
  });

  it('--json prints the API response only, and replacing reports created: false', async () => {
    const first = await run(
      ['secret', 'set', 'json', 'production', 'API_KEY', '--from-stdin', '--json'],
      {
        input: 'first-s3cret',
      },
    );
    const second = await run(
      ['secret', 'set', 'json', 'production', 'API_KEY', '--from-stdin', '--json'],
      {
        input: 'second-s3cret!',
      },
    );
    expect([first.code, second.code, first.stderr, second.stderr]).toEqual([0, 0, '', '']);
    const [a, b] = [json(first), json(second)];
    expect(a).toEqual({
      orgId: 'json',
      scope: 'pg:production',
      key: 'API_KEY',
      valueLength: 12,
      updatedAt: expect.stringMatching(/Z$/),
      created: true,
    });
    expect(b).toMatchObject({ valueLength: 14, created: false });
    expectNoValue([first, second], 's3cret');
  });
});
