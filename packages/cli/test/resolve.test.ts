// `kici-admin resolve` as a real process against a real kici-server: every gate with its
// verdict, the scope chain and which scope supplies (and shadows) each key, never a value;
// exit 1 with the failing gate on the last line when the job would be denied.
import { startTestServer, type TestServer, testDrivers } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, json, kiciAdmin, type Result } from './helpers.js';

const VALUES = ['prod-db-value', 'shared-db-value', 'shared-token-value', 'eu-west-1', 'arm64'];

interface Explanation {
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
const jobIn = (env: string, branch: string, trigger: string, ...more: string[]) => [
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
const job = (branch: string, trigger: string, ...more: string[]) =>
  jobIn('production', branch, trigger, ...more);

/** The GATE table's rows: gate, result, detail. */
const gateRows = (result: Result) =>
  result.stdout
    .split('\n')
    .filter((line) => /^(environment|branch|trigger|repository|fork) +(pass|FAIL) /.test(line))
    .map((line) => line.split(/\s{2,}/));

describe.each(testDrivers())('kici-admin resolve (%s)', (driver) => {
  let server: TestServer;
  let run: ReturnType<typeof cli>;
  const ok = async (args: string[], input?: string) => {
    const result = await run(args, input === undefined ? {} : { input });
    expect(result.code, result.stderr).toBe(0);
  };

  beforeAll(async () => {
    server = await startTestServer({ driver });
    run = cli(server);
    await ok([
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
    await ok(['environment', 'create', 'acme', 'empty']);
    await ok(
      ['secret', 'set', 'acme', 'production', 'DB_PASSWORD', '--from-stdin'],
      'prod-db-value',
    );
    await ok(['secret', 'set', 'acme', 'shared', 'DB_PASSWORD', '--from-stdin'], 'shared-db-value');
    await ok(
      ['secret', 'set', 'acme', 'shared', 'API_TOKEN', '--from-stdin'],
      'shared-token-value',
    );
    await ok(['variable', 'set', 'acme', 'shared', 'REGION', '--from-stdin'], 'eu-west-1');
    await ok(['variable', 'set', 'acme', 'production', 'ARCH', '--from-stdin'], 'arm64');
  }, 120_000);
  afterAll(() => server?.dispose());

  it('explains an allowed job: gates, chain, the scope of each key, no values', async () => {
    const result = await run(job('main', 'push'));
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

    const asJson = await run([...job('main', 'push'), '--json']);
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
      run(job('refs/tags/main', 'tag')),
      run(job('main', 'tag')),
      run([...job('refs/tags/main', 'tag'), '--json']),
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
    const [fork, sameRepo] = await Promise.all([run(pr), run(job('main', 'pull_request'))]);
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

    await ok(['environment', 'set-policy', 'acme', 'production', '--allow-forks', 'true']);
    const allowed = await run(pr);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(gateRows(allowed).at(-1)).toEqual(['fork', 'pass', 'forks are allowed']);
    await ok(['environment', 'set-policy', 'acme', 'production', '--allow-forks', 'false']);
  });

  it('names every failing gate, a missing environment and an empty chain', async () => {
    const [several, missing, empty] = await Promise.all([
      run(
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
      run(jobIn('nope', 'main', 'push')),
      run(jobIn('empty', 'main', 'push')),
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

  it('names a bound scope whose backend does not answer: exit 1, naming the backend', async () => {
    // Nothing listens on port 1: the backend is registered but unreachable.
    const added = await run(
      [
        'backend',
        'add',
        '--name',
        'dead-vault',
        '--type',
        'vault',
        '--url',
        'http://127.0.0.1:1',
      ].concat(['--auth-method', 'token', '--token-env', 'VAULT_TOKEN', '--timeout-ms', '1000']),
      { env: { VAULT_TOKEN: 'hvs.not-used' } },
    );
    expect(added.code, added.stderr).toBe(0);
    await ok(['environment', 'create', 'acme', 'external', '--scope', 'dead-vault:app,shared']);
    const result = await run(jobIn('external', 'main', 'push'));
    expect([result.code, result.stderr]).toEqual([
      1,
      'Error: every gate passes, but the job would fail: backend dead-vault did not answer\n',
    ]);
    const unreachable = result.stdout.split('\n').find((line) => line.startsWith('dead-vault:app'));
    expect(unreachable?.split(/\s{2,}/).slice(0, 2)).toEqual(['dead-vault:app', 'dead-vault']);
    // The reachable scope still shows where its keys come from.
    expect(result.stdout).toMatch(/API_TOKEN +pg:shared +pg/);
    const asJson = json<Explanation>(await run(jobIn('external', 'main', 'push', '--json')));
    expect(asJson.unreachable).toMatchObject([{ scope: 'dead-vault:app', backend: 'dead-vault' }]);
  });

  it('refuses a missing or malformed job flag with exit 2 naming the flag', async () => {
    const base = ['resolve', 'acme', '--env', 'production'];
    const cases: [string[], string][] = [
      [
        [...base, '--branch', 'main', '--trigger', 'push'],
        '--repo is required: the repository, owner/name',
      ],
      [
        [...base, '--repo', 'acme', '--branch', 'main', '--trigger', 'push'],
        '--repo: expected owner/name',
      ],
      [
        [...base, '--repo', 'acme/api', '--branch', 'main', '--trigger', 'Push'],
        '--trigger: expected trigger types such as push, pull_request, schedule, manual, tag',
      ],
      [
        [...base, '--repo', 'acme/api', '--branch', 'has space', '--trigger', 'push'],
        '--branch: expected a branch name or a full ref such as refs/heads/main',
      ],
      [
        [
          'resolve',
          '--env',
          'production',
          '--repo',
          'acme/api',
          '--branch',
          'main',
          '--trigger',
          'push',
        ],
        'missing the org id (first argument, --org or KICI_ORG_ID)',
      ],
    ];
    // The last case has no server to ask for a default org (no KICI_ADMIN_URL): the org must
    // be given. With a server, its default org would be used (org-default.test.ts).
    const results = await Promise.all(
      cases.map(([args], i) => (i === cases.length - 1 ? kiciAdmin(undefined, args) : run(args))),
    );
    results.forEach((result, i) => {
      const [args, message] = cases[i] as [string[], string];
      expect([result.code, result.stdout, result.stderr.split('\n')[0]], args.join(' ')).toEqual([
        2,
        '',
        `Error: ${message}`,
      ]);
    });
    const help = await run(['resolve', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--env <name>', '--repo <owner/name>', '--branch', '--trigger', '--fork']) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toContain('$ kici-admin resolve acme --env production');
  });
});
