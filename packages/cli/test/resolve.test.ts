// `kici-admin resolve` as a real process against a real kici-server: every gate with its
// verdict, the scope chain and which scope supplies (and shadows) each key, never a value;
// exit 1 with the failing gate on the last line when the job would be denied. An unreachable
// backend, malformed job flags and the help page: resolve-errors.test.ts.
import { testDrivers } from '@kici/server/testing';
import { describe, expect, it } from 'vitest';
import { json } from './helpers.js';
import {
  type Explanation,
  gateRows,
  job,
  jobIn,
  useResolveFixture,
  VALUES,
} from './resolve-fixture.js';

describe.each(testDrivers())('kici-admin resolve (%s)', (driver) => {
  const f = useResolveFixture(driver);

  it('explains an allowed job: gates, chain, the scope of each key, no values', async () => {
    const result = await f.run(job('main', 'push'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'Environment production (org acme)',
        '',
        'GATE        RESULT  DETAIL',
        'branch      pass    refs/heads/main matches main',
        'trigger     pass    trigger push is allowed',
        'repository  pass    acme/api matches acme/*',
        'fork        pass    not from a fork',
        '',
        'Scopes, in order (per key, the first scope that holds it supplies it):',
        '  1. pg:production',
        '  2. pg:shared',
        '',
        'SECRET       FROM SCOPE     BACKEND  SHADOWS',
        'API_TOKEN    pg:shared      pg       -',
        'DB_PASSWORD  pg:production  pg       pg:shared',
        '',
        'VARIABLE  FROM SCOPE     SHADOWS',
        'ARCH      pg:production  -',
        'REGION    pg:shared      -',
        '',
        'Allowed: every gate passes; the job gets 2 secrets and 2 variables.',
        '',
      ].join('\n'),
    );
    for (const value of VALUES) expect(result.stdout).not.toContain(value);

    const asJson = await f.run([...job('main', 'push'), '--json']);
    expect(asJson.code, asJson.stderr).toBe(0);
    for (const value of VALUES) expect(asJson.stdout).not.toContain(value);
    expect(json<Explanation>(asJson)).toEqual({
      allowed: true,
      environment: 'production',
      gates: [
        { gate: 'branch', passed: true, detail: 'refs/heads/main matches main' },
        { gate: 'trigger', passed: true, detail: 'trigger push is allowed' },
        { gate: 'repository', passed: true, detail: 'acme/api matches acme/*' },
        { gate: 'fork', passed: true, detail: 'not from a fork' },
      ],
      scopes: ['pg:production', 'pg:shared'],
      secrets: [
        { key: 'API_TOKEN', backend: 'pg', scope: 'pg:shared', shadowed: [] },
        { key: 'DB_PASSWORD', backend: 'pg', scope: 'pg:production', shadowed: ['pg:shared'] },
      ],
      variables: [
        { key: 'ARCH', backend: 'pg', scope: 'pg:production', shadowed: [] },
        { key: 'REGION', backend: 'pg', scope: 'pg:shared', shadowed: [] },
      ],
      unreachable: [],
    });
  });

  it('denies a tag named like a protected branch: exit 1, the branch gate on the last line', async () => {
    const [full, bare, asJson] = await Promise.all([
      f.run(job('refs/tags/main', 'tag')),
      f.run(job('main', 'tag')),
      f.run([...job('refs/tags/main', 'tag'), '--json']),
    ]);
    const denied =
      'Error: denied: the branch gate fails (refs/tags/main matches none of the allowed branches (main)); the job gets no secrets or variables\n';
    for (const result of [full, bare]) {
      expect([result.code, result.stderr]).toEqual([1, denied]);
      expect(gateRows(result)).toEqual([
        ['branch', 'FAIL', 'refs/tags/main matches none of the allowed branches (main)'],
        ['trigger', 'pass', 'trigger tag is allowed'],
        ['repository', 'pass', 'acme/api matches acme/*'],
        ['fork', 'pass', 'not from a fork'],
      ]);
      // What would resolve once the gate passes is still shown, and no "Allowed" line.
      expect(result.stdout).toContain('What the job would get once every gate passes:');
      expect(result.stdout).toMatch(/^DB_PASSWORD +pg:production +pg +pg:shared$/m);
      expect(result.stdout).not.toContain('Allowed');
      for (const value of VALUES) expect(result.stdout).not.toContain(value);
    }
    expect([asJson.code, asJson.stderr]).toEqual([1, denied]);
    expect(json<Explanation>(asJson)).toMatchObject({
      allowed: false,
      reason: 'branch rule: refs/tags/main matches none of the allowed branches (main)',
    });
  });

  it('denies a fork pull request unless the environment allows forks', async () => {
    const pr = job('main', 'pull_request', '--fork');
    const [fork, sameRepo] = await Promise.all([f.run(pr), f.run(job('main', 'pull_request'))]);
    expect([fork.code, fork.stderr]).toEqual([
      1,
      'Error: denied: the fork gate fails (pull requests from forks are not allowed in this environment); the job gets no secrets or variables\n',
    ]);
    expect(gateRows(fork).at(-1)).toEqual([
      'fork',
      'FAIL',
      'pull requests from forks are not allowed in this environment',
    ]);
    expect(sameRepo.code, sameRepo.stderr).toBe(0);

    await f.ok(['environment', 'set-policy', 'acme', 'production', '--allow-forks', 'true']);
    const allowed = await f.run(pr);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(gateRows(allowed).at(-1)).toEqual(['fork', 'pass', 'forks are allowed']);
    await f.ok(['environment', 'set-policy', 'acme', 'production', '--allow-forks', 'false']);
  });

  it('names every failing gate, a missing environment and an empty chain', async () => {
    const [several, missing, empty] = await Promise.all([
      f.run(
        [
          'resolve',
          '--env',
          'production',
          '--repo',
          'other/api',
          '--branch',
          'dev',
          '--trigger',
          'schedule',
        ],
        { env: { KICI_ORG_ID: 'acme' } },
      ),
      f.run(jobIn('nope', 'main', 'push')),
      f.run(jobIn('empty', 'main', 'push')),
    ]);
    expect([several.code, several.stderr]).toEqual([
      1,
      'Error: denied: the branch, trigger and repository gates fail; the job gets no secrets or variables\n',
    ]);
    expect(gateRows(several).map(([gate, verdict]) => `${gate} ${verdict}`)).toEqual([
      'branch FAIL',
      'trigger FAIL',
      'repository FAIL',
      'fork pass',
    ]);
    expect([missing.code, missing.stdout, missing.stderr]).toEqual([
      1,
      'Environment nope (org acme)\n\nGATE         RESULT  DETAIL\nenvironment  FAIL    environment nope does not exist in org acme\n',
      'Error: denied: the environment gate fails (environment nope does not exist in org acme); the job gets no secrets or variables\n',
    ]);
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toContain(
      'No scopes are bound to empty: a job gets no secrets from it (bind one with `kici-admin environment bind --env empty --scope <scope>`).',
    );
    expect(empty.stdout.trimEnd().split('\n').at(-1)).toBe(
      'Allowed: every gate passes; the job gets 0 secrets and 0 variables.',
    );
  });
});
