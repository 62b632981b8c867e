// `kici-server --help`, `--version` and a stray argument: print (or refuse) and exit, never
// start a server, whatever the environment says.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_BIN } from '../src/testing.js';

const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  .version as string;
// An environment that would start a server at once if the arguments were ignored.
const env = {
  PATH: process.env.PATH,
  PORT: '0',
  HOST: '127.0.0.1',
  KICI_SECRET_KEY: 'ab'.repeat(32),
};
const run = (...args: string[]) =>
  spawnSync(SERVER_BIN, args, { env, encoding: 'utf8', timeout: 20_000 });

// Every variable the server's own configuration reads (env.ts), the key and Vault ones too.
const sourceVariables = (path: string) =>
  new Set(
    readFileSync(new URL(path, import.meta.url), 'utf8').match(
      /\b(KICI_[A-Z_]*[A-Z]|PORT|HOST|DATABASE_URL)\b/g,
    ),
  );

describe('kici-server arguments', () => {
  it('--version prints the package version and exits 0', () => {
    for (const flag of ['--version', '-v']) {
      const result = run(flag);
      expect([result.status, result.stdout, result.stderr]).toEqual([0, `${version}\n`, '']);
    }
  });

  it('--help lists every variable the server reads and exits 0 without listening', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: kici-server');
    expect(result.stdout).not.toContain('Listening');
    const variables = new Set([
      ...sourceVariables('../src/env.ts'),
      ...sourceVariables('../src/env-delivery.ts'),
      ...sourceVariables('../src/env-access.ts'),
      ...sourceVariables('../../store-vault/src/env.ts'),
      'KICI_SECRET_KEY',
      'KICI_SECRET_KEY_FILE',
      'KICI_SECRET_KEY_OLD',
      'KICI_SECRET_KEY_FILE_OLD',
    ]);
    const missing = [...variables].filter(
      (name) => !new RegExp(`\\b${name}\\b`).test(result.stdout),
    );
    expect(missing).toEqual([]);
  });

  it('an unknown argument exits 2 naming it, without starting', () => {
    for (const args of [['--bogus'], ['start'], ['--help', 'extra']]) {
      const result = run(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`unknown argument '${args.at(-1)}'`);
      expect(result.stdout).toBe('');
    }
  });
});
