// What the kiket tests against a real server share: a kici-server, a Vault-compatible test
// server registered as the only external backend, a working directory for env files and
// manifests, and a runner whose every output is checked for every secret value written.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestDriver, type TestServer } from '@kici/server/testing';
import { startVaultTestServer, type VaultTestServer } from '@kici/vault-test-server/start';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Runner } from './cases.js';
import { type Connection, kiciAdmin, kiket, type Result, type RunOptions } from './helpers.js';

/** The seed's Zoom manifest: one org-wide credential, one per-project field. */
export const ZOOM_MANIFEST = `extension:
  name: Zoom
  configuration:
    ZOOM_CLIENT_ID:
      type: string
      secret: true
      required: true
      scope: extension
      label: Zoom Client ID
    CHANNEL_ID:
      type: string
      required: true
      scope: installation
      label: Default Channel
`;

export const MAILCHIMP_MANIFEST = JSON.stringify({
  extension: {
    name: 'Mailchimp',
    configuration: {
      MAILCHIMP_API_KEY: { secret: true, required: true, scope: 'extension' },
      MAILCHIMP_LIST: { required: true },
    },
  },
});

export interface KiketFixture {
  server: TestServer;
  vault: VaultTestServer;
  /** Where relative paths point (`--env-file .env.mailchimp`). */
  dir: string;
  /** `kiket …` with KICI_ORG_ID=acme, in `dir`; no output may hold a value written. */
  run: Runner;
  /** `kici-admin …`, the same way. */
  admin: Runner;
  /** Writes a file in `dir`; each value of an env file is remembered as a secret. */
  file(name: string, text: string): string;
  /** Remembers values that must never be printed. */
  secret(...values: string[]): void;
}

/** Parses `KEY=value` lines of a simple env file (the tests' own files), for the value check. */
const valuesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => /^(?:export )?[A-Z_0-9]+=(.{6,})$/.exec(line)?.[1]?.replace(/^"|"$/g, ''))
    .filter((v): v is string => v !== undefined);

/** Starts the servers before the describe's tests, stops them after; fields set in beforeAll. */
export function useKiketFixture(driver: TestDriver): KiketFixture {
  const f = {} as KiketFixture;
  const values: string[] = [];
  const clean = (result: Result) => {
    for (const value of values) {
      expect(result.stdout, 'a value on stdout').not.toContain(value);
      expect(result.stderr, 'a value on stderr').not.toContain(value);
    }
    return result;
  };
  f.secret = (...more) => values.push(...more);
  f.file = (name, text) => {
    if (name.startsWith('.env')) values.push(...valuesOf(text));
    writeFileSync(join(f.dir, name), text);
    return join(f.dir, name);
  };
  const options = (extra: RunOptions = {}): RunOptions => ({
    ...extra,
    cwd: f.dir,
    env: { KICI_ORG_ID: 'acme', ...extra.env },
  });

  beforeAll(async () => {
    f.dir = mkdtempSync(join(tmpdir(), 'kiket-test-'));
    [f.vault, f.server] = await Promise.all([
      startVaultTestServer(),
      startTestServer({ driver, env: { KICI_BACKEND_SYNC_TICK_MS: '3600000' } }),
    ]);
    const connection: Connection = f.server;
    f.run = async (args, extra) => clean(await kiket(connection, args, options(extra)));
    f.admin = async (args, extra) => clean(await kiciAdmin(connection, args, options(extra)));
    const added = await f.admin(
      [
        ...['backend', 'add', '--name', 'openbao-prod', '--type', 'vault'],
        ...['--url', f.vault.url, '--auth-method', 'token', '--token-env', 'VAULT_TOKEN'],
      ],
      { env: { VAULT_TOKEN: f.vault.rootToken } },
    );
    expect(added.code, added.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await f.server?.dispose();
    await f.vault?.stop();
    for (const value of values) expect(f.server?.output() ?? '').not.toContain(value);
  });
  return f;
}
