// `kici-admin resolve` as a real process against a real kici-server (resolve-fixture.ts)
// when it has no verdict to give: a bound scope whose backend does not answer (exit 1,
// naming the backend), a missing or malformed job flag (exit 2, naming the flag), and the
// help page. The gates and the scope chain: resolve.test.ts.
import { testDrivers } from '@kici/server/testing';
import { describe, expect, it } from 'vitest';
import { json, kiciAdmin } from './helpers.js';
import { type Explanation, jobIn, useResolveFixture } from './resolve-fixture.js';

describe.each(testDrivers())('kici-admin resolve (%s)', (driver) => {
  const f = useResolveFixture(driver);

  it('names a bound scope whose backend does not answer: exit 1, naming the backend', async () => {
    // Nothing listens on port 1: the backend is registered but unreachable.
    const added = await f.run(
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
    await f.ok(['environment', 'create', 'acme', 'external', '--scope', 'dead-vault:app,shared']);
    const result = await f.run(jobIn('external', 'main', 'push'));
    expect([result.code, result.stderr]).toEqual([
      1,
      'Error: every gate passes, but the job would fail: backend dead-vault did not answer\n',
    ]);
    const unreachable = result.stdout.split('\n').find((line) => line.startsWith('dead-vault:app'));
    expect(unreachable?.split(/\s{2,}/).slice(0, 2)).toEqual(['dead-vault:app', 'dead-vault']);
    // The reachable scope still shows where its keys come from.
    expect(result.stdout).toMatch(/API_TOKEN +pg:shared +pg/);
    const asJson = json<Explanation>(await f.run(jobIn('external', 'main', 'push', '--json')));
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
      cases.map(([args], i) => (i === cases.length - 1 ? kiciAdmin(undefined, args) : f.run(args))),
    );
    results.forEach((result, i) => {
      const [args, message] = cases[i] as [string[], string];
      expect([result.code, result.stdout, result.stderr.split('\n')[0]], args.join(' ')).toEqual([
        2,
        '',
        `Error: ${message}`,
      ]);
    });
    const help = await f.run(['resolve', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--env <name>', '--repo <owner/name>', '--branch', '--trigger', '--fork']) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toContain('$ kici-admin resolve acme --env production');
  });
});
