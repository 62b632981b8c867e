// What the `kici-admin secret set` tests share: a kici-server, a scratch folder, reading a
// value back, the audit rows, and the checks that the value never shows.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestDriver, type TestServer } from '@kici/server/testing';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Runner } from './cases.js';
import { cli, json, type Result } from './helpers.js';

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
export const WARNING =
  'value visible in shell history — prefer --prompt / --from-stdin / --from-env';
export const CONFIRMATION =
  /^Set ([A-Z_]+) in (\S+) of org [\w.-]+ \((\d+) bytes, updated_at (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\)\n$/;

export function expectNoValue(results: readonly Result[], value: string) {
  for (const result of results) {
    expect(result.stdout).not.toContain(value);
    expect(result.stderr).not.toContain(value);
  }
}

export interface SecretSetFixture {
  server: TestServer;
  run: Runner;
  /** A scratch folder, removed after the tests. */
  dir: string;
  /** `secret reveal`: the stored value. */
  reveal(org: string, scope: string, key: string): Promise<string>;
  /** Every audit row but the audit reads themselves. */
  auditRows(): Promise<{ id: number; action: string }[]>;
}

/** Starts the server before the describe's tests, stops it after; fields set in beforeAll. */
export function useSecretSetFixture(driver: TestDriver): SecretSetFixture {
  const f = {} as SecretSetFixture;
  f.reveal = async (org, scope, key) => {
    const result = await f.run(['secret', 'reveal', org, scope, key]);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout.slice(0, -1); // the value and one newline
  };
  f.auditRows = async () => {
    const entries = json<{ entries: { id: number; action: string }[] }>(
      await f.run(['audit', '--limit', '1000', '--json']),
    ).entries;
    return entries.filter((e) => e.action !== 'audit.query');
  };
  beforeAll(async () => {
    [f.server, f.dir] = await Promise.all([
      startTestServer({ driver }),
      mkdtemp(join(tmpdir(), 'kici-cli-test-')),
    ]);
    f.run = cli(f.server);
  }, 120_000);
  afterAll(async () => {
    await f.server?.dispose();
    if (f.dir) await rm(f.dir, { recursive: true, force: true });
  });
  return f;
}
