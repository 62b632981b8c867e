// Day-two behaviour against a real kici-server: progress on a terminal only, the request
// timeout, Ctrl-C at a prompt, the token hint, and config set/unset of known keys.
import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { startTestServer, type TestServer, testDrivers } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli, json, kiciAdmin } from './helpers.js';
import { onTty } from './pty.js';

/** A server that accepts connections and never answers. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('the request timeout', () => {
  let silent: Awaited<ReturnType<typeof silentServer>>;
  beforeAll(async () => {
    silent = await silentServer();
  });
  afterAll(() => silent?.close());

  it('comes from --timeout, else KICI_ADMIN_TIMEOUT, and says how to wait longer', async () => {
    const at = { url: silent.url, token: 'kici_some_token_0123' };
    const [flag, variable, both] = await Promise.all([
      kiciAdmin(at, ['audit', '--timeout', '0.3']),
      kiciAdmin(at, ['rotate-key'], { env: { KICI_ADMIN_TIMEOUT: '0.4' } }),
      kiciAdmin(at, ['backend', 'sync', '--timeout', '0.2'], { env: { KICI_ADMIN_TIMEOUT: '5' } }),
    ]);
    for (const [result, ms] of [
      [flag, 300],
      [variable, 400],
      [both, 200],
    ] as const) {
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `Error: The admin API at ${silent.url} did not answer within ${ms} ms\n` +
          'Wait longer with --timeout <seconds> or KICI_ADMIN_TIMEOUT (the server may still finish the operation).\n',
      );
    }
  });

  it('lets rotate-key wait longer than the usual 30 s by default', async () => {
    const child = spawn(process.execPath, [BIN, 'rotate-key'], {
      env: {
        PATH: process.env.PATH ?? '',
        KICI_ADMIN_URL: silent.url,
        KICI_ADMIN_TOKEN: 'kici_t_0123',
      },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const early = await Promise.race([
      exited,
      new Promise((r) => setTimeout(() => r('waiting'), 1500)),
    ]);
    // Still waiting for the server (an hour by default): the help tells the numbers.
    expect(early).toBe('waiting');
    child.kill();
    await exited;
  });
});

describe.each(testDrivers())('kici-admin day two (%s)', (driver) => {
  let server: TestServer;
  let run: ReturnType<typeof cli>;

  beforeAll(async () => {
    server = await startTestServer({ driver });
    run = cli(server);
  }, 120_000);
  afterAll(() => server?.dispose());

  it('shows progress of rotate-key and backend sync on a terminal, nothing on a pipe or with --json', async () => {
    const tty = await onTty(server, ['rotate-key']);
    expect(tty.code, tty.stdout).toBe(0);
    expect(tty.stdout).toMatch(/⠋ Re-encrypting… 0s/);
    expect(tty.stdout).toMatch(/Re-encrypted \d+ secrets, \d+ config versions/);
    const sync = await onTty(server, ['backend', 'sync']);
    expect(sync.stdout).toContain('Syncing every backend…');
    const ttyJson = await onTty(server, ['rotate-key', '--json']);
    expect(ttyJson.code).toBe(0);
    expect(ttyJson.stdout).not.toContain('Re-encrypting');
    expect(ttyJson.stdout).toContain('"reEncrypted"');
    const piped = await run(['rotate-key']);
    expect([piped.code, piped.stderr]).toEqual([0, '']);
    expect(piped.stdout).toMatch(/^Re-encrypted \d+ secrets, \d+ config versions\n$/);
  });

  it('exits 130 on Ctrl-C at a prompt, writing nothing', async () => {
    const prompt = await onTty(
      server,
      ['secret', 'set', 'acme', 'production', 'CTRL_C', '--prompt'],
      {
        keys: { when: 'Value for CTRL_C', send: '\x03' },
      },
    );
    expect(prompt.code, prompt.stdout).toBe(130);
    expect(prompt.stdout).toContain('Error: cancelled: nothing was written');
    // And at a confirmation: Ctrl-C is not "no" (exit 1) but an interruption.
    const kept = await run(['variable', 'set', 'acme', 'production', 'KEEP', '--value', 'v']);
    expect(kept.code, kept.stderr).toBe(0);
    const confirm = await onTty(server, ['variable', 'delete', 'acme', 'production', 'KEEP'], {
      keys: { when: 'Delete variable KEEP', send: '\x03' },
    });
    expect(confirm.code, confirm.stdout).toBe(130);
    expect(confirm.stdout).toContain('Error: cancelled: nothing was deleted');
    const [secrets, variables] = await Promise.all([
      run(['secret', 'list', 'acme', 'production']),
      run(['variable', 'list', 'acme', 'production']),
    ]);
    expect(secrets.stdout).not.toContain('CTRL_C');
    expect(variables.stdout).toContain('KEEP');
  });

  it('adds what to check to "Invalid or expired token", keeping the message', async () => {
    const result = await kiciAdmin({ url: server.url, token: 'kici_not_a_real_token_0123' }, [
      'audit',
    ]);
    expect(result.code).toBe(1);
    const [first, ...rest] = result.stderr.trimEnd().split('\n');
    expect(first).toBe('Error: Invalid or expired token');
    const hint = rest.join('\n');
    expect(hint).toMatch(/^Check:/);
    for (const cause of ['revoked', 'expired', 'KICI_ADMIN_URL', 'KICI_BOOTSTRAP_ADMIN_TOKEN']) {
      expect(hint).toContain(cause);
    }
  });

  it('refuses an unknown config key with the known ones, and unsets a key', async () => {
    const refused = await run(['config', 'set', 'pgCustomerSecret', 'false']);
    expect([refused.code, refused.stderr]).toEqual([
      1,
      'Error: key: unknown config key pgCustomerSecret (known keys: pgCustomerSecrets, writePolicy)\n',
    ]);
    expect((await run(['config', 'set', 'pgCustomerSecrets', 'false'])).code).toBe(0);
    const unset = await run(['config', 'unset', 'pgCustomerSecrets']);
    expect([unset.code, unset.stderr]).toEqual([0, '']);
    expect(unset.stdout).toMatch(/^Unset pgCustomerSecrets at version (\d+) \(updated_at .+Z\)\n$/);
    const [get, history] = await Promise.all([
      run(['config', 'get', 'pgCustomerSecrets']),
      run(['config', 'history', 'pgCustomerSecrets']),
    ]);
    expect([get.code, get.stderr]).toEqual([1, 'Error: Config key pgCustomerSecrets not found\n']);
    const [header, latest] = history.stdout.split('\n');
    expect(header).toMatch(/CURRENT\s+UNSET$/);
    expect(latest).toMatch(/\syes\s+yes$/);
    const again = await run(['config', 'unset', 'pgCustomerSecrets', '--json']);
    expect([again.code, again.stdout]).toEqual([1, '']);
    const versions = json<{ versions: { version: number; unset: boolean }[] }>(
      await run(['config', 'history', 'pgCustomerSecrets', '--json']),
    ).versions;
    const before = versions.find((v) => !v.unset)?.version ?? 0;
    const back = await run([
      'config',
      'rollback',
      'pgCustomerSecrets',
      '--version',
      String(before),
    ]);
    expect(back.code, back.stderr).toBe(0);
    expect(json(await run(['config', 'get', 'pgCustomerSecrets', '--json']))).toMatchObject({
      value: false,
    });
  });
});
