// The product documentation's first start, verbatim: a key file, then
// `KICI_SECRET_KEY_FILE=/etc/kici/secret.key node server.js` from the repository root, in a
// fresh directory (the data directory ./.kici does not exist yet). And `node server.js`'s
// --version / --help, and what it says when the server is not built.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childCommandLines, startListening } from './processes.js';

const SERVER_JS = fileURLToPath(new URL('../../server.js', import.meta.url));
const SERVER_PACKAGE = new URL('../../packages/server/package.json', import.meta.url);
const version = JSON.parse(readFileSync(SERVER_PACKAGE, 'utf8')).version as string;
const baseEnv = { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0' };

describe('node server.js, as the product documentation starts the orchestrator', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kici-first-start-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--version prints the server package version; --help exits 0 without listening', () => {
    const shown = spawnSync(process.execPath, [SERVER_JS, '--version'], {
      env: baseEnv,
      encoding: 'utf8',
    });
    expect([shown.status, shown.stdout.trim()]).toEqual([0, version]);
    const help = spawnSync(process.execPath, [SERVER_JS, '--help'], {
      env: { ...baseEnv, KICI_SECRET_KEY: 'ab'.repeat(32) },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('KICI_SECRET_KEY_FILE');
    expect(help.stdout).not.toContain('Listening');
    const wrong = spawnSync(process.execPath, [SERVER_JS, '--bogus'], { env: baseEnv });
    expect(wrong.status).toBe(2);
  });

  it('with a key file, in a directory without .kici: creates .kici (0700), listens, runs with the semi-space flag', async () => {
    const keyFile = join(dir, 'secret.key');
    // `openssl rand -hex 32 > /etc/kici/secret.key && chmod 600 /etc/kici/secret.key`
    await writeFile(keyFile, `${'5a'.repeat(32)}\n`, { mode: 0o600 });
    const cwd = join(dir, 'fresh');
    await mkdir(cwd);
    const server = await startListening(process.execPath, [SERVER_JS], {
      cwd,
      env: { ...baseEnv, KICI_SECRET_KEY_FILE: keyFile },
    });
    try {
      expect(statSync(join(cwd, '.kici')).mode & 0o777).toBe(0o700);
      expect(server.output()).toContain('KICI Admin Token: kici_');
      expect(server.output()).not.toContain('development master key');
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      // Started without the flag, server.js runs the server as a child that has it.
      const [child] = childCommandLines(server.process.pid as number);
      expect(child).toContain('--max-semi-space-size=32');
      expect(child?.at(-1)).toMatch(/packages\/server\/dist\/main\.js$/);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);

  it('says how to build when the server is not built', async () => {
    const elsewhere = join(dir, 'server.js');
    copyFileSync(SERVER_JS, elsewhere);
    const run = spawnSync(process.execPath, [elsewhere], { env: baseEnv, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('run `npm start` once');
    expect(run.stderr).toContain('pnpm build');
  });
});
