// A server with no backends to list or sync; `kici-admin backend …` and `secret link`
// refusing a bad command line with exit 2 and a message naming the flag, before any request
// (one row per command line); and the two errors that are not usage errors. A real
// kici-server and Vault test servers, as in backends.test.ts, whose runner checks every
// output for every Vault credential.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testDrivers } from '@kici/server/testing';
import { describe, expect, it } from 'vitest';
import { useBackendFixture } from './backends-fixture.js';
import { expectCase, runCasesAtOnce, words } from './cases.js';
import { kiciAdmin } from './helpers.js';

/** `backend add --name bad --type vault` and the rest of the command line, given the URL. */
const add = (rest: (url: string) => string[]) => (url: string) => [
  ...words`backend add --name bad --type vault`,
  ...rest(url),
];
/** The same with token auth from `$T`, all well but the flags that follow. */
const addToken = (...flags: string[]) =>
  add((url) => [...words`--url ${url} --auth-method token --token-env T`, ...flags]);

/** A command line (given the Vault test server's URL) and what its error must say. */
const BAD_FLAGS: readonly { readonly error: string; readonly args: (url: string) => string[] }[] = [
  {
    error: '--url is required',
    args: add(() => words`--auth-method approle --role-id r --secret-id s`),
  },
  {
    error: '--auth-method: expected token or approle',
    args: add((url) => words`--url ${url} --auth-method ldap`),
  },
  { error: '--auth-method is required', args: add((url) => words`--url ${url}`) },
  {
    error: '--role-id or --role-id-env is required with --auth-method approle',
    args: add((url) => words`--url ${url} --auth-method approle --secret-id s`),
  },
  {
    error: '--secret-id or --secret-id-env is required with --auth-method approle',
    args: add((url) => words`--url ${url} --auth-method approle --role-id r`),
  },
  {
    error: '--token or --token-env is required with --auth-method token',
    args: add((url) => words`--url ${url} --auth-method token`),
  },
  {
    error: '--token applies to --auth-method token only',
    args: add(
      (url) => words`--url ${url} --auth-method approle --role-id r --secret-id s --token t`,
    ),
  },
  {
    error: '--token and --token-env: choose one',
    args: add((url) => words`--url ${url} --auth-method token --token t --token-env T`),
  },
  {
    error: '--token-env: expected an environment variable name',
    args: add((url) => words`--url ${url} --auth-method token --token-env 1NVALID`),
  },
  {
    error: '--type: expected vault',
    args: (url) => words`backend add --name bad --type consul --url ${url}`,
  },
  { error: '--name is required', args: (url) => words`backend add --type vault --url ${url}` },
  {
    error: '--name: expected 1-63 lowercase letters',
    args: () => words`backend add --name Bad_Name --type vault`,
  },
  {
    error: '--url: expected an http:// or https:// URL',
    args: add(() => words`--url ftp://vault.example.com`),
  },
  {
    error: '--url: expected an http:// or https:// URL',
    args: add(() => words`--url https://user:pw@vault.example.com`),
  },
  { error: '--ca-cert applies to an https:// --url', args: addToken('--ca-cert', 'ca.pem') },
  {
    error: '--timeout-ms: expected a whole number of milliseconds from 100 to 120000',
    args: addToken('--timeout-ms', '5'),
  },
  {
    error: '--sync-interval: expected a whole number of seconds from 1 to 86400',
    args: addToken('--sync-interval', '0'),
  },
  { error: '--scope-pattern: expected globs', args: addToken('--scope-pattern', 'a b') },
  { error: '--mount-path: expected a non-empty path', args: addToken('--mount-path', 'a/../b') },
  { error: '--name is required', args: () => words`backend test` },
  { error: '--name is required', args: () => words`backend remove --yes` },
  { error: 'too many arguments', args: () => words`backend scopes --name x y` },
  { error: '--name: expected', args: () => words`backend sync --name UPPER` },
  { error: '--backend is required', args: () => words`secret link acme production K --path a/b` },
  {
    error: '--path is required',
    args: () => words`secret link acme production K --backend openbao-prod`,
  },
  {
    error: '--path: expected segments',
    args: () => words`secret link acme production K --backend openbao-prod --path ${'a b'}`,
  },
  {
    error: '--path: expected a path without "." or ".." segments',
    args: () => words`secret link acme production K --backend x --path a/../../etc`,
  },
  {
    error: '--backend: expected',
    args: () => words`secret link acme production K --backend Bad --path a`,
  },
];

describe.each(testDrivers())('kici-admin backend usage errors (%s)', (driver) => {
  const f = useBackendFixture(driver);

  it('has no backends to list or sync at first', async () => {
    await runCasesAtOnce(f.run, [
      {
        args: words`backend list`,
        code: 0,
        stdout: 'No external backends (pg is built in): add one with kici-admin backend add\n',
      },
      { args: words`backend sync`, code: 0, stdout: 'No external backends to sync\n', stderr: '' },
    ]);
  });

  it.concurrent.each(BAD_FLAGS)('refuses with exit 2 naming the flag: $error', async (row) => {
    const args = row.args(f.vault.url);
    const result = expectCase(await f.run(args), {
      args,
      code: 2,
      stdout: '',
      stderrHas: [`Error: ${row.error}`],
    });
    expect(result.stderr).not.toContain('pw@');
  });

  it('reads a --token-env variable once the command line is right: not a usage error', async () => {
    const args = words`backend add --name bad --type vault --url ${f.vault.url}
      --auth-method token --token-env NOT_SET`;
    expectCase(await f.run(args), {
      args,
      code: 1,
      stderr: 'Error: environment variable NOT_SET is not set\n',
    });
    // None of the command lines above added a backend.
    expect(await f.listed()).toEqual([]);
  });

  it('reads the admin API from the environment only in backend add', async () => {
    const args = words`backend add --name x --type vault --url ${f.vault.url} --auth-method token --token-env T`;
    const noUrl = await kiciAdmin(undefined, args, {
      env: { KICI_ADMIN_TOKEN: f.server.token, T: 'x' },
    });
    expect([noUrl.code, noUrl.stderr.split('\n')[0]]).toEqual([
      2,
      "Error: no admin API URL: set KICI_ADMIN_URL (in backend add, --url is the backend's address)",
    ]);
    const caFile = join(f.certificates.caFile, '..', 'not-pem.txt');
    await writeFile(caFile, 'not a certificate\n');
    const notPem = words`backend add --name x --type vault --url https://vault.example.com
      --auth-method token --token-env T --ca-cert ${caFile}`;
    expectCase(await f.run(notPem, { env: { T: 'x' } }), {
      args: notPem,
      code: 1,
      stderr: `Error: ${caFile}: expected PEM certificates (-----BEGIN CERTIFICATE-----)\n`,
    });
  });
});
