// `kici-admin environment create|list|show|bind|unbind|set-policy` as a real process against
// a real kici-server: protection rules and scope bindings in order, the test-run flag spelled
// as the product documentation spells it. Each test runs tables of command lines and what
// each must give (cases.ts). Refused flag values, deletions and help:
// environments-refusals.test.ts.
import { testDrivers } from '@kici/server/testing';
import { describe, expect, it } from 'vitest';
import { firstLine, runCases, runCasesAtOnce, words } from './cases.js';
import {
  described,
  type Environment,
  TIMESTAMP,
  useEnvironmentFixture,
} from './environments-fixture.js';
import { json, type Result } from './helpers.js';

describe.each(testDrivers())('kici-admin environment commands (%s)', (driver) => {
  const f = useEnvironmentFixture(driver);

  it('creates environments with rules, switches and scopes in binding order', async () => {
    await runCasesAtOnce(f.run, [
      {
        args: words`environment create acme production --branches main,release/* --triggers push,tag
          --repos acme/* --scope production --scope pg:shared,overrides`,
        code: 0,
        stdout: firstLine('Created environment production (org acme)'),
        after: (production) =>
          expect(described(production)).toEqual({
            Branches: 'main, release/*',
            Triggers: 'push, tag',
            Repositories: 'acme/*',
            Forks: 'not allowed',
            'Test runs': 'not allowed (allowLocalExecution false)',
            Scopes: '1. pg:production; 2. pg:shared; 3. pg:overrides',
            Created: expect.stringMatching(/^\S+Z by token:bootstrap$/),
            Updated: expect.stringMatching(/^\S+Z by token:bootstrap$/),
          }),
      },
      {
        args: words`environment create acme test-database --allow-local-execution --allow-forks
          --scope test/db --json`,
        code: 0,
        jsonEquals: {
          orgId: 'acme',
          name: 'test-database',
          rules: { branches: [], triggers: [], repositories: [], allowForks: true },
          allowLocalExecution: true,
          scopes: ['pg:test/db'],
          createdAt: expect.stringMatching(TIMESTAMP),
          createdBy: 'token:bootstrap',
          updatedAt: expect.stringMatching(TIMESTAMP),
          updatedBy: 'token:bootstrap',
        },
      },
      // The org from KICI_ORG_ID, the name from --env, a switch spelled with its value.
      {
        args: words`environment create --env staging --allow-forks false -L --json`,
        options: { env: { KICI_ORG_ID: 'acme' } },
        code: 0,
        json: {
          orgId: 'acme',
          name: 'staging',
          rules: { allowForks: false },
          allowLocalExecution: true,
          scopes: [],
        },
      },
    ]);
    await runCases(f.run, [
      {
        args: words`environment create acme production`,
        code: 1,
        stdout: '',
        stderr: 'Error: Environment production already exists in org acme\n',
      },
    ]);
  });

  it('lists (table and --json) and shows by argument or --env', async () => {
    await runCases(f.run, [
      { args: words`environment create list-org web --branches main --scope web,shared`, code: 0 },
      { args: words`environment create list-org api --triggers push --allow-forks`, code: 0 },
    ]);
    const [, asJson, , byFlag, fromEnv] = await runCasesAtOnce(f.run, [
      {
        args: words`environment list list-org`,
        code: 0,
        after: (table) =>
          expect(
            table.stdout
              .trimEnd()
              .split('\n')
              .map((line) => line.split(/\s{2,}/)),
          ).toEqual([
            ['NAME', 'BRANCHES', 'TRIGGERS', 'REPOSITORIES', 'FORKS', 'TEST RUNS', 'SCOPES'],
            ['api', 'any', 'push', 'any', 'yes', 'no', 'none'],
            ['web', 'main', 'any', 'any', 'no', 'no', 'pg:web, pg:shared'],
          ]),
      },
      { args: words`environment list --org list-org --json` },
      {
        args: words`environment show list-org web`,
        stdout: firstLine('Environment web (org list-org)'),
        after: (byArg) => expect(described(byArg).Scopes).toBe('1. pg:web; 2. pg:shared'),
      },
      { args: words`environment show list-org --env web --json` },
      { args: words`environment show web --json`, options: { env: { KICI_ORG_ID: 'list-org' } } },
      { args: words`environment list nobody`, code: 0, stdout: 'No environments for org nobody\n' },
      {
        args: words`environment show list-org nope`,
        code: 1,
        stderr: 'Error: Environment nope not found\n',
      },
    ]);
    const list = json<{ orgId: string; environments: Environment[] }>(asJson);
    expect(list.orgId).toBe('list-org');
    expect(list.environments.map((e) => [e.name, e.scopes])).toEqual([
      ['api', []],
      ['web', ['pg:web', 'pg:shared']],
    ]);
    expect(Object.keys(list.environments[0] ?? {}).sort()).toEqual([
      'allowLocalExecution',
      'createdAt',
      'createdBy',
      'name',
      'orgId',
      'rules',
      'scopes',
      'updatedAt',
      'updatedBy',
    ]);
    expect(json(byFlag)).toEqual(list.environments[1]);
    expect(json(fromEnv)).toEqual(list.environments[1]);
  });

  it('binds last, first or at a position, and unbinds, keeping the order', async () => {
    // Each step's command line (with --json) and the scopes in order after it.
    const steps: [string[], string[]][] = [
      [words`bind bind --env production --scope c`, ['pg:b', 'pg:c']],
      [words`bind bind --env production --scope a --position 0`, ['pg:a', 'pg:b', 'pg:c']],
      [
        words`bind bind production --scope pg:between --position 1`,
        ['pg:a', 'pg:between', 'pg:b', 'pg:c'],
      ],
      [words`unbind bind --env production --scope b`, ['pg:a', 'pg:between', 'pg:c']],
    ];
    await runCases(f.run, [
      { args: words`environment create bind production --scope b`, code: 0 },
      ...steps.map(([step, scopes]) => ({
        args: ['environment', ...step, '--json'],
        code: 0,
        after: (result: Result) => expect(json<Environment>(result).scopes).toEqual(scopes),
      })),
    ]);
    await runCasesAtOnce(f.run, [
      {
        args: words`environment bind --env production --scope z`,
        options: { env: { KICI_ORG_ID: 'bind' } },
        stdout: firstLine('Bound pg:z to environment production (org bind)'),
        after: (human) =>
          expect(described(human).Scopes).toBe('1. pg:a; 2. pg:between; 3. pg:c; 4. pg:z'),
      },
      {
        args: words`environment bind bind --env production --scope a`,
        code: 1,
        stderr: 'Error: Scope pg:a is already bound to environment production\n',
      },
      {
        args: words`environment unbind bind --env production --scope nope`,
        code: 1,
        stderr: 'Error: Scope pg:nope bound to environment production not found\n',
      },
    ]);
  });

  it('set-policy takes --allow-local-execution true|false exactly as documented', async () => {
    const asOrg = { env: { KICI_ORG_ID: 'acme-policy' } };
    await runCases(f.run, [
      { args: words`environment create acme-policy test-database`, code: 0 },
      { args: words`environment create acme-policy production`, code: 0 },
      {
        args: words`environment set-policy --env test-database --allow-local-execution true`,
        options: asOrg,
        code: 0,
        stdout: firstLine('Updated environment test-database (org acme-policy)'),
        after: (enabled) =>
          expect(described(enabled)['Test runs']).toBe('allowed (allowLocalExecution true)'),
      },
      {
        args: words`environment set-policy --env production --allow-local-execution false`,
        options: asOrg,
        code: 0,
      },
    ]);
    expect((await f.show('acme-policy', 'test-database')).allowLocalExecution).toBe(true);
    expect((await f.show('acme-policy', 'production')).allowLocalExecution).toBe(false);

    // Rules: only what is given changes; an empty list lifts the restriction.
    await runCases(f.run, [
      {
        args: words`environment set-policy --org acme-policy --env production --branches main
          --branches release/* --triggers push --repos acme/* --allow-forks true --json`,
        json: {
          rules: { branches: ['main', 'release/*'], triggers: ['push'], repositories: ['acme/*'] },
          allowLocalExecution: false,
        },
        after: (rules) => expect(json<Environment>(rules).rules.allowForks).toBe(true),
      },
      {
        args: words`environment set-policy production --triggers ${''} --allow-forks false`,
        options: asOrg,
        code: 0,
      },
    ]);
    expect((await f.show('acme-policy', 'production')).rules).toEqual({
      branches: ['main', 'release/*'],
      triggers: [],
      repositories: ['acme/*'],
      allowForks: false,
    });
  });
});
