// What the `kici-admin variable` tests share: a kici-server, a scratch folder, and reading
// an org's variables back through the CLI.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestDriver, type TestServer } from '@kici/server/testing';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Runner } from './cases.js';
import { cli, json } from './helpers.js';

export interface Listed {
  orgId: string;
  scope?: string;
  variables: { key: string; scope: string; locked: boolean; value?: string }[];
}

export interface VariableFixture {
  server: TestServer;
  run: Runner;
  /** A scratch folder, removed after the tests. */
  dir: string;
  /** The org's variables with their values, through the CLI. */
  stored(org: string): Promise<Listed['variables']>;
  /** The same as `scope/key` → value. */
  valuesOf(org: string): Promise<Record<string, string | undefined>>;
}

/** Starts the server before the describe's tests, stops it after; fields set in beforeAll. */
export function useVariableFixture(driver: TestDriver): VariableFixture {
  const f = {} as VariableFixture;
  f.stored = async (org) => {
    const result = await f.run(['variable', 'list', org, '--values', '--json']);
    expect(result.code, result.stderr).toBe(0);
    return json<Listed>(result).variables;
  };
  f.valuesOf = async (org) =>
    Object.fromEntries((await f.stored(org)).map((v) => [`${v.scope}/${v.key}`, v.value]));
  beforeAll(async () => {
    [f.server, f.dir] = await Promise.all([
      startTestServer({ driver }),
      mkdtemp(join(tmpdir(), 'kici-cli-variables-')),
    ]);
    f.run = cli(f.server);
  }, 120_000);
  afterAll(async () => {
    await f.server?.dispose();
    if (f.dir) await rm(f.dir, { recursive: true, force: true });
  });
  return f;
}
