// What the `kici-admin environment` tests share: a kici-server, and reading environments
// back through the CLI (the list, one environment, the rows `environment show` prints).
import { startTestServer, type TestDriver, type TestServer } from '@kici/server/testing';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Runner } from './cases.js';
import { cli, json, type Result } from './helpers.js';

export interface Environment {
  orgId: string;
  name: string;
  rules: { branches: string[]; triggers: string[]; repositories: string[]; allowForks: boolean };
  allowLocalExecution: boolean;
  scopes: string[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** The rows of `describeEnvironment`: label → value. */
export function described(result: Result): Record<string, string> {
  const rows: Record<string, string> = {};
  let last = '';
  for (const line of result.stdout.trimEnd().split('\n').slice(1)) {
    const match = /^ {2}(\S[\w ]*?)? {2,}(.*)$/.exec(line);
    if (!match) throw new Error(`not a row: ${line}`);
    last = match[1] ?? last;
    rows[last] = rows[last] === undefined ? (match[2] as string) : `${rows[last]}; ${match[2]}`;
  }
  return rows;
}

export interface EnvironmentFixture {
  server: TestServer;
  run: Runner;
  /** The org's environments, through the CLI. */
  listed(org: string): Promise<Environment[]>;
  show(org: string, name: string): Promise<Environment>;
}

/** Starts the server before the describe's tests, stops it after; fields set in beforeAll. */
export function useEnvironmentFixture(driver: TestDriver): EnvironmentFixture {
  const f = {} as EnvironmentFixture;
  f.listed = async (org) => {
    const result = await f.run(['environment', 'list', org, '--json']);
    expect(result.code, result.stderr).toBe(0);
    return json<{ orgId: string; environments: Environment[] }>(result).environments;
  };
  f.show = async (org, name) => {
    const result = await f.run(['environment', 'show', org, name, '--json']);
    expect(result.code, result.stderr).toBe(0);
    return json<Environment>(result);
  };
  beforeAll(async () => {
    f.server = await startTestServer({ driver });
    f.run = cli(f.server);
  }, 120_000);
  afterAll(() => f.server?.dispose());
  return f;
}
