// What the `kici-admin resolve` tests share (resolve.test.ts, resolve-errors.test.ts): a
// kici-server with environments production (main; push, tag, pull_request; acme/*; scopes
// production then shared) and empty, secrets and variables in both scopes, the values that
// must never be printed, and readers for the command line and the GATE table.
import { startTestServer, type TestDriver, type TestServer } from '@kici/server/testing';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Runner } from './cases.js';
import { cli, type Result } from './helpers.js';

export const VALUES = [
  'prod-db-value',
  'shared-db-value',
  'shared-token-value',
  'eu-west-1',
  'arm64',
];

export interface Explanation {
  allowed: boolean;
  environment: string;
  reason?: string;
  gates: { gate: string; passed: boolean; detail: string }[];
  scopes: string[];
  secrets: { key: string; backend: string; scope: string; shadowed: string[] }[];
  variables: { key: string; backend: string; scope: string; shadowed: string[] }[];
  unreachable: { scope: string; backend: string; message: string }[];
}

/** `resolve` for a job of acme/api in `env`. */
export const jobIn = (env: string, branch: string, trigger: string, ...more: string[]) => [
  'resolve',
  'acme',
  '--env',
  env,
  '--repo',
  'acme/api',
  '--branch',
  branch,
  '--trigger',
  trigger,
  ...more,
];
export const job = (branch: string, trigger: string, ...more: string[]) =>
  jobIn('production', branch, trigger, ...more);

/** The GATE table's rows: gate, result, detail. */
export const gateRows = (result: Result) =>
  result.stdout
    .split('\n')
    .filter((line) => /^(environment|branch|trigger|repository|fork) +(pass|FAIL) /.test(line))
    .map((line) => line.split(/\s{2,}/));

export interface ResolveFixture {
  server: TestServer;
  run: Runner;
  /** Runs a command line (with `input` on stdin) that must exit 0. */
  ok(args: string[], input?: string): Promise<void>;
}

/** Starts the server and seeds it before the describe's tests, stops it after. */
export function useResolveFixture(driver: TestDriver): ResolveFixture {
  const f = {} as ResolveFixture;
  f.ok = async (args, input) => {
    const result = await f.run(args, input === undefined ? {} : { input });
    expect(result.code, result.stderr).toBe(0);
  };
  beforeAll(async () => {
    f.server = await startTestServer({ driver });
    f.run = cli(f.server);
    await f.ok([
      'environment',
      'create',
      'acme',
      'production',
      '--branches',
      'main',
      '--triggers',
      'push,tag,pull_request',
      '--repos',
      'acme/*',
      '--scope',
      'production,shared',
    ]);
    await f.ok(['environment', 'create', 'acme', 'empty']);
    await f.ok(
      ['secret', 'set', 'acme', 'production', 'DB_PASSWORD', '--from-stdin'],
      'prod-db-value',
    );
    await f.ok(
      ['secret', 'set', 'acme', 'shared', 'DB_PASSWORD', '--from-stdin'],
      'shared-db-value',
    );
    await f.ok(
      ['secret', 'set', 'acme', 'shared', 'API_TOKEN', '--from-stdin'],
      'shared-token-value',
    );
    await f.ok(['variable', 'set', 'acme', 'shared', 'REGION', '--from-stdin'], 'eu-west-1');
    await f.ok(['variable', 'set', 'acme', 'production', 'ARCH', '--from-stdin'], 'arm64');
  }, 120_000);
  afterAll(() => f.server?.dispose());
  return f;
}
