// The command line itself, without a server: help everywhere, usage errors (exit 2) found
// before any I/O. The connection points at a closed port: a command that tried to reach it
// would fail with exit 1 ("Cannot reach"), so exit 2 also shows no request was attempted.
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Connection, kiciAdmin } from './helpers.js';

/** A port that was free a moment ago: nothing listens there. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let nowhere: Connection;
const run = (args: string[], env?: Record<string, string | undefined>) =>
  kiciAdmin(nowhere, args, env ? { env } : {});

beforeAll(async () => {
  nowhere = { url: `http://127.0.0.1:${await closedPort()}`, token: 'kici_unused_token_0123' };
});

const COMMANDS = [
  ['secret', 'scopes'],
  ['secret', 'list'],
  ['secret', 'set'],
  ['secret', 'delete'],
  ['secret', 'reveal'],
  ['token', 'create'],
  ['token', 'list'],
  ['token', 'revoke'],
  ['rotate-key'],
  ['audit'],
  ['config', 'get'],
  ['config', 'set'],
  ['config', 'list'],
  ['config', 'history'],
  ['config', 'rollback'],
  ['config', 'unset'],
  ['completion'],
  ['help'],
];

describe('kici-admin usage', () => {
  it('shows usage, flags and an example for every command, group and the top level', async () => {
    const pages = [[], ['secret'], ['token'], ['config'], ...COMMANDS];
    const results = await Promise.all(pages.map((page) => run([...page, '--help'])));
    results.forEach((result, i) => {
      const page = pages[i] as string[];
      expect(result.code, page.join(' ')).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain(`$ kici-admin ${page.join(' ')}`.trimEnd());
      expect(result.stdout).toMatch(/Options:\n {2}--/);
      expect(result.stdout).toContain('--json');
      expect(result.stdout).toMatch(/Examples:\n {2}\$ (export |kici-admin )/);
    });
    const top = results[0]?.stdout ?? '';
    for (const name of [
      'secret <command>',
      'token <command>',
      'config <command>',
      'rotate-key',
      'audit',
    ]) {
      expect(top).toContain(name);
    }
    const set = results[4 + COMMANDS.findIndex((c) => c.join(' ') === 'secret set')]?.stdout;
    expect(set).toContain('Create or replace a secret');
    expect(set).toContain('--from-file <path>');
    expect(set).not.toContain('--no-trim (default');
  });

  it('prints its version', async () => {
    const result = await run(['--version']);
    expect([result.code, result.stdout]).toEqual([
      0,
      expect.stringMatching(/^kici-admin\/\d+\.\d+\.\d+/),
    ]);
  });

  it('exits 2 for unknown commands and flags, naming them, with a pointer to --help', async () => {
    const [command, flag, groupless, nothing] = await Promise.all([
      run(['frobnicate']),
      run(['secret', 'scopes', 'acme', '--frob']),
      run(['secret']),
      run([]),
    ]);
    expect([command.code, command.stderr]).toEqual([
      2,
      'Error: unknown command "frobnicate"\nRun `kici-admin --help` for usage.\n',
    ]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('Error: Unknown option `--frob`');
    expect(flag.stderr).toContain('Run `kici-admin secret scopes --help` for usage.');
    expect(groupless.code).toBe(2);
    expect(groupless.stderr).toContain('Error: missing command');
    expect(groupless.stderr).toContain('$ kici-admin secret <command>');
    expect(nothing.code).toBe(2);
    expect([command, flag, groupless, nothing].every((r) => r.stdout === '')).toBe(true);
  });

  it('exits 2 for missing and surplus arguments without quoting them', async () => {
    const results = await Promise.all([
      run(['secret', 'set', '--value', 'x']),
      // No URL: no server to ask for its default org, so the org must be given.
      run(['secret', 'list', 'acme'], { KICI_ADMIN_URL: undefined }),
      run(['token', 'revoke']),
      run(['config', 'set', 'onlyKey']),
      run(['token', 'create', 'ci']),
      run(['config', 'rollback', 'k']),
      run(['secret', 'delete', 'acme', 'production', 'KEY', 'hunter2-surplus']),
      run(['secret', 'set', 'acme', 'production', 'KEY', '--from-file']),
    ]);
    expect(results.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
    const errors = results.map((r) => r.stderr.split('\n')[0]);
    expect(errors).toEqual([
      'Error: missing the org id (first argument, --org or KICI_ORG_ID), the scope (argument or --scope), the key',
      'Error: missing the org id (first argument, --org or KICI_ORG_ID)',
      'Error: missing required args for command `revoke <id>`',
      'Error: missing required args for command `set <key> <value>`',
      'Error: --role is required: owner, admin or auditor',
      'Error: --version is required',
      'Error: too many arguments',
      'Error: option `--from-file <path>` value is missing',
    ]);
    expect(results.map((r) => r.stderr).join('')).not.toContain('hunter2');
  });

  it('refuses malformed inputs with the contracts’ messages before any request', async () => {
    const results = await Promise.all([
      run(['secret', 'list', 'acme', 'pg:../etc']),
      run(['secret', 'reveal', 'acme', 'production', 'lower_case']),
      run(['secret', 'scopes', 'bad org!']),
      run(['token', 'create', 'ci', '--role', 'root']),
      run(['token', 'create', 'ci', '--role', 'admin', '--expires-at', '2020-01-01T00:00:00Z']),
      run(['audit', '--limit', '0']),
      run(['audit', '--from', 'yesterday']),
      run(['config', 'rollback', 'k', '--version', 'two']),
      run([
        'secret',
        'set',
        'acme',
        'production',
        'KEY',
        '--value',
        'v',
        '--confirm-fingerprint',
        'abc',
      ]),
    ]);
    expect(results.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(results.map((r) => r.stderr.split('\n')[0])).toEqual([
      'Error: scope: expected path segments of letters, digits, "_", "." or "-" joined by "/", none empty, "." or ".."',
      'Error: key: expected upper snake case, e.g. DB_PASSWORD',
      'Error: orgId: expected letters, digits, ".", "_" or "-", starting with a letter or digit',
      'Error: role: expected one of owner, admin, auditor',
      'Error: expiresAt: expected a date-time in the future',
      'Error: limit: expected an integer from 1 to 1000',
      'Error: from: expected an ISO 8601 date-time with a time zone, e.g. 2025-01-31T09:00:00Z',
      'Error: --version: expected a version number (an integer >= 1)',
      'Error: --confirm-fingerprint: expected 64 hexadecimal characters, the SHA-256 of the value',
    ]);
  });

  it('exits 2 for conflicting input modes before reading anything, naming the flags', async () => {
    const results = await Promise.all([
      run(['secret', 'set', 'acme', 'production', 'KEY', '--prompt', '--from-stdin']),
      run([
        'secret',
        'set',
        'acme',
        'production',
        'KEY',
        '--from-file',
        '/nonexistent',
        '--value',
        'v',
      ]),
      run([
        'secret',
        'set',
        'acme',
        'production',
        'KEY',
        '--from-env',
        'HOME',
        '--from-stdin',
        '--dry-run',
      ]),
      run(['secret', 'set', 'acme', 'production', 'KEY', '--value', 'v', '--no-trim']),
      run(['secret', 'set', 'acme', 'production', 'KEY', '--prompt']),
    ]);
    expect(results.map((r) => [r.code, r.stdout, r.stderr.split('\n')[0]])).toEqual([
      [
        2,
        '',
        expect.stringContaining(
          'conflicting input modes --prompt, --from-stdin: choose exactly one',
        ),
      ],
      [2, '', expect.stringContaining('conflicting input modes --from-file, --value:')],
      [2, '', expect.stringContaining('conflicting input modes --from-stdin, --from-env:')],
      [2, '', 'Error: --no-trim applies to --from-file only'],
      [2, '', 'Error: --prompt needs a terminal on stdin; pipe the value with --from-stdin'],
    ]);
    // No file was opened, no warning about --value printed: nothing happened before the check.
    expect(results.map((r) => r.stderr).join('')).not.toMatch(/ENOENT|Warning/);
  });

  it('needs a URL and a token (flags or environment), and never prints the token', async () => {
    const [noUrl, noToken, badUrl, badToken] = await Promise.all([
      run(['token', 'list'], { KICI_ADMIN_URL: undefined }),
      run(['token', 'list'], { KICI_ADMIN_TOKEN: undefined }),
      run(['token', 'list', '--url', 'ftp://example.com']),
      run(['token', 'list', '--token', 'two words']),
    ]);
    expect([noUrl.code, noUrl.stderr.split('\n')[0]]).toEqual([
      2,
      'Error: no admin API URL: set KICI_ADMIN_URL or pass --url',
    ]);
    expect([noToken.code, noToken.stderr.split('\n')[0]]).toEqual([
      2,
      'Error: no admin token: set KICI_ADMIN_TOKEN or pass --token',
    ]);
    expect([badUrl.code, badUrl.stderr.split('\n')[0]]).toEqual([
      2,
      'Error: baseUrl: expected an absolute http or https URL',
    ]);
    expect(badToken.code).toBe(2);
    expect(badToken.stderr).not.toContain('two words');
  });

  it('exits 1 when the orchestrator cannot be reached', async () => {
    const result = await run(['rotate-key']);
    expect([result.code, result.stdout, result.stderr]).toEqual([
      1,
      '',
      `Error: Cannot reach the admin API at ${nowhere.url} (ECONNREFUSED)\n`,
    ]);
  });

  it('takes option values as typed, even when they start with a dash', async () => {
    const [dash, twice] = await Promise.all([
      kiciAdmin(undefined, [
        'secret',
        'set',
        'acme',
        'production',
        'KEY',
        '--value=-0042',
        '--dry-run',
      ]),
      run(['secret', 'set', 'acme', 'production', 'KEY', '--value', 'a', '--value', 'b']),
    ]);
    expect([dash.code, dash.stdout]).toEqual([
      0,
      `[dry-run] would set KEY in scope pg:production sha256=${createHash('sha256').update('-0042').digest('hex')}\n`,
    ]);
    expect([twice.code, twice.stderr.split('\n')[0]]).toEqual([
      2,
      'Error: --value was given more than once',
    ]);
  });

  it('checks a dry run without any connection', async () => {
    const result = await kiciAdmin(
      undefined,
      [
        'secret',
        'set',
        '--org',
        'acme',
        '--scope',
        'production',
        'DB_PASSWORD',
        '--from-env',
        'V',
        '--dry-run',
      ],
      { env: { V: 'hello' } },
    );
    expect([result.code, result.stdout]).toEqual([
      0,
      '[dry-run] would set DB_PASSWORD in scope pg:production sha256=2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\n',
    ]);
  });
});
