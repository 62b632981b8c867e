// The first tables of backends.test.ts: for each step of the backends' life, the command lines
// run in order and what each must give (a function of the fixture: URLs and tokens are known
// only once the servers run). Adding backends, listing, testing and syncing them; linking,
// failures while Vault is sealed and removal: backends-steps-later.ts.
import { expect } from 'vitest';
import { ARGV_WARNING, type BackendFixture } from './backends-fixture.js';
import { type Case, words } from './cases.js';

const basePath = 'kici/secrets';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `backend add`'s answer: the added line, then the check it makes at once (green here). */
const added = (name: string, url: string, auth: string) =>
  new RegExp(
    `^Added backend ${name} \\(type vault, url ${escaped(url)}, auth ${auth}\\)\\nHealth: ● green reachable \\([\\d.]+ ms\\)\\n$`,
  );

export function addApprole(f: BackendFixture): readonly Case[] {
  const { vault } = f;
  const add = words`backend add --name openbao-prod --type vault --url ${vault.url} --auth-method approle`;
  return [
    {
      args: [...add, ...words`--role-id ${vault.roleId} --secret-id ${vault.secretId}`],
      code: 0,
      stdout: added('openbao-prod', vault.url, 'approle'),
      stderr: ARGV_WARNING('--role-id, --secret-id', '--role-id-env / --secret-id-env'),
      after: async () =>
        expect(await f.backend('openbao-prod')).toMatchObject({
          type: 'vault',
          source: 'api',
          summary: { url: vault.url, authMethod: 'approle', mountPath: 'secret', basePath },
          scopePatterns: ['**'],
          syncIntervalSeconds: 300,
          health: 'yellow',
          lastSyncAt: null,
        }),
    },
    {
      args: [...add, ...words`--role-id-env VAULT_ROLE_ID --secret-id-env VAULT_SECRET_ID`],
      options: { env: { VAULT_ROLE_ID: vault.roleId, VAULT_SECRET_ID: vault.secretId } },
      code: 1,
      stderr: 'Error: Backend openbao-prod already exists\n',
    },
  ];
}

export function addToken(f: BackendFixture): readonly Case[] {
  const { vault, tlsVault, certificates } = f;
  return [
    {
      args: words`backend add --name vault-dev --type vault --url ${vault.url}/
          --auth-method token --token-env VAULT_TOKEN --scope-pattern aws/** --scope-pattern db/*
          --sync-interval 3600 --timeout-ms 2000 --mount-path /secret/ --base-path kici/secrets`,
      options: { env: { VAULT_TOKEN: vault.rootToken } },
      code: 0,
      stderr: '',
      stdout: added('vault-dev', vault.url, 'token'),
      after: async () =>
        expect(await f.backend('vault-dev')).toMatchObject({
          summary: { url: vault.url, authMethod: 'token', mountPath: 'secret', basePath },
          scopePatterns: ['aws/**', 'db/*'],
          syncIntervalSeconds: 3600,
        }),
    },
    // https with a CA of our own, read from a PEM file; the Vault token typed in argv.
    {
      args: words`backend add --name vault-tls --type vault --url ${tlsVault.url}
          --auth-method token --token ${tlsVault.rootToken} --ca-cert ${certificates.caFile}
          --base-path team --json`,
      code: 0,
      stderr: ARGV_WARNING('--token', '--token-env'),
      json: {
        name: 'vault-tls',
        summary: { url: tlsVault.url, authMethod: 'token', basePath: 'team' },
        health: 'yellow',
        connectivity: { ok: true, health: 'green' },
      },
      after: () => expect(tlsVault.url).toMatch(/^https:/),
    },
    // Nothing listens on port 9: still added (exit 0), shown red with the reason, warned.
    {
      args: words`backend add --name vault-down --type vault --url http://127.0.0.1:9
          --auth-method token --token-env VAULT_TOKEN`,
      options: { env: { VAULT_TOKEN: vault.rootToken } },
      code: 0,
      stdout: /^Added backend vault-down .*\nHealth: ● red unreachable: .+\n$/,
      stderr: /^Warning: backend vault-down was added but is unreachable: .+\n$/,
      after: async () =>
        expect(await f.backend('vault-down')).toMatchObject({ name: 'vault-down' }),
    },
    { args: words`backend remove --name vault-down --yes`, code: 0 },
  ];
}

export const listing = (f: BackendFixture): readonly Case[] => [
  {
    args: words`backend list`,
    code: 0,
    stdoutHas: [
      '  openbao-prod (yellow): not synced yet: kici-admin backend sync --name openbao-prod',
    ],
    after: (result) => {
      const [header, ...rest] = result.stdout.trimEnd().split('\n');
      expect(header).toMatch(
        /^NAME\s+TYPE\s+SOURCE\s+HEALTH\s+URL\s+AUTH\s+SCOPES\s+LAST SYNC\s+P50\/P95$/,
      );
      const rows = rest.filter((line) => /^\S/.test(line)).map((line) => line.split(/\s{2,}/));
      const prod = ['openbao-prod', 'vault', 'api', 'yellow', f.vault.url, 'approle', '0'];
      // The check `backend add` makes at once is the first latency sample.
      expect(rows).toContainEqual([...prod, 'never', expect.stringMatching(/^[\d.]+\/[\d.]+ ms$/)]);
      expect(rows.map((row) => row[0])).toEqual(
        expect.arrayContaining(['openbao-prod', 'vault-dev', 'vault-tls']),
      );
    },
  },
];

export const testing: readonly Case[] = [
  {
    args: words`backend test --name openbao-prod`,
    code: 0,
    stderr: '',
    stdout: /^Backend openbao-prod is reachable and the credentials are valid \([\d.]+ ms\)\n$/,
  },
  { args: words`backend test vault-tls --json`, json: { name: 'vault-tls', ok: true } },
  {
    args: words`backend test --name nowhere`,
    code: 1,
    stderr: 'Error: Backend nowhere not found\n',
  },
];

export const syncing = (f: BackendFixture): readonly Case[] => [
  {
    args: words`backend sync --name openbao-prod`,
    code: 0,
    stderr: '',
    stdout: 'openbao-prod: ok — Discovered 2 scopes (2 new, 0 gone)\n',
  },
  {
    args: words`backend sync`,
    code: 0,
    stderr: '',
    after: (all) =>
      expect(all.stdout.trimEnd().split('\n').sort()).toEqual([
        'openbao-prod: ok — Discovered 2 scopes (0 new, 0 gone)',
        'vault-dev: ok — Discovered 2 scopes (2 new, 0 gone)',
        'vault-tls: ok — Discovered 1 scope (1 new, 0 gone)',
      ]),
  },
  {
    args: words`backend sync --name vault-tls --json`,
    jsonEquals: {
      results: [{ name: 'vault-tls', status: 'ok', message: expect.any(String), discovered: 1 }],
    },
  },
  {
    args: words`backend scopes --name openbao-prod`,
    code: 0,
    stdout: 'openbao-prod:aws/credentials\nopenbao-prod:db/prod\n',
  },
  { args: words`backend scopes vault-tls`, stdout: 'vault-tls:kv/app\n' },
  {
    args: words`backend scopes --name vault-dev --json`,
    jsonEquals: {
      name: 'vault-dev',
      scopes: ['vault-dev:aws/credentials', 'vault-dev:db/prod'],
    },
  },
  {
    args: words`backend list`,
    after: async (list) => {
      const prod = await f.backend('openbao-prod');
      expect(prod).toMatchObject({ health: 'green', scopeCount: 2, lastSyncStatus: 'ok' });
      expect(prod?.latency.samples).toBeGreaterThan(0);
      const row = list.stdout.split('\n').find((line) => line.startsWith('openbao-prod '));
      expect(row).toMatch(
        /^openbao-prod\s+vault\s+api\s+green\s+\S+\s+approle\s+2\s+\d{4}-\d\d-\d\dT\S+Z ok\s+[\d.]+\/[\d.]+ ms$/,
      );
    },
  },
];
