// The later tables of backends.test.ts (after backends-steps.ts): linking secrets to a backend
// path, test and sync failing while Vault is sealed, and removal; for each step, the command
// lines run in order and what each must give (a function of the fixture where it reads it).
import { expect } from 'vitest';
import type { BackendFixture } from './backends-fixture.js';
import { type Case, words } from './cases.js';
import { json } from './helpers.js';

export const linking: readonly Case[] = [
  {
    args: words`secret link acme production AWS_KEY --backend openbao-prod
          --path aws/credentials --key AWS_ACCESS_KEY_ID`,
    code: 0,
    stderr: '',
    stdout:
      /^Linked AWS_KEY in pg:production to openbao-prod:aws\/credentials key AWS_ACCESS_KEY_ID \(updated_at \d{4}-\d\d-\d\dT[\d:.]+Z\)\n$/,
  },
  {
    args: words`secret link --scope production DB_PASSWORD --backend openbao-prod --path db/prod --json`,
    options: { env: { KICI_ORG_ID: 'acme' } },
    json: {
      orgId: 'acme',
      scope: 'pg:production',
      key: 'DB_PASSWORD',
      backend: 'openbao-prod',
      path: 'db/prod',
      linkedKey: 'DB_PASSWORD',
      created: true,
    },
  },
  {
    args: words`secret set acme production LOCAL --from-stdin`,
    options: { input: 'local-value' },
    code: 0,
  },
  {
    args: words`secret list acme production`,
    code: 0,
    after: (list) => {
      const [header, ...rows] = list.stdout.trimEnd().split('\n');
      expect(header).toMatch(/^KEY\s+UPDATED\s+UPDATED BY\s+ROTATIONS\s+KEY VERSION\s+BACKEND$/);
      expect(rows.map((row) => [row.split(/\s+/)[0], row.split(/\s+/).at(-1)])).toEqual([
        ['AWS_KEY', 'openbao-prod'],
        ['DB_PASSWORD', 'openbao-prod'],
        ['LOCAL', 'pg'],
      ]);
      expect(list.stdout).not.toContain('AKIA-from-vault');
    },
  },
  {
    args: words`secret link acme production X --backend nowhere --path a/b`,
    code: 1,
    stderrHas: ['nowhere'],
  },
];

export const sealed = (f: BackendFixture): readonly Case[] => [
  {
    args: words`backend test --name openbao-prod`,
    code: 1,
    stdout: '',
    stderr: /^Error: .*openbao-prod.*\n$/,
  },
  {
    args: words`backend sync --name openbao-prod`,
    code: 1,
    stdout: /^openbao-prod: error — .*openbao-prod.*\n$/,
    stderr: 'Error: sync failed for openbao-prod\n',
  },
  {
    args: words`backend sync --json`,
    code: 1,
    stderr: /^Error: sync failed for (openbao-prod|vault-dev|vault-tls)(, \S+){2}\n$/,
    after: async (all) => {
      const { results } = json<{ results: { name: string; status: string }[] }>(all);
      expect(results.map((r) => [r.name, r.status]).sort()).toEqual([
        ['openbao-prod', 'error'],
        ['vault-dev', 'error'],
        ['vault-tls', 'error'],
      ]);
      const prod = await f.backend('openbao-prod');
      expect(prod).toMatchObject({ health: 'red', lastSyncStatus: 'error' });
      expect(prod?.errors[0]?.message).toContain('openbao-prod');
    },
  },
  {
    args: words`backend list`,
    stdoutHas: [
      /^openbao-prod\s+vault\s+api\s+red\s/m,
      /^ {2}openbao-prod \(red\): .*openbao-prod/m,
    ],
  },
];

export const removeRefused = (f: BackendFixture): readonly Case[] => [
  {
    args: words`backend remove --name vault-dev`,
    code: 2,
    stdout: '',
    stderr:
      'Error: stdin is not a terminal, so nobody can confirm: pass --yes to remove\n' +
      'Run `kici-admin backend remove --help` for usage.\n',
    after: async () => expect(await f.backend('vault-dev')).toBeDefined(),
  },
];

export const removeWithYes: readonly Case[] = [
  {
    args: words`backend remove --name vault-tls --yes`,
    code: 0,
    stdout: 'Removed backend vault-tls\n',
    stderr: '',
  },
  {
    args: words`backend remove -y --name openbao-prod --json`,
    jsonEquals: { name: 'openbao-prod', deleted: true },
  },
];

export const removeGone = (f: BackendFixture): readonly Case[] => [
  {
    args: words`backend remove --name openbao-prod --yes`,
    code: 1,
    stderr: 'Error: Backend openbao-prod not found\n',
    after: async () => expect(await f.listed()).toEqual([]),
  },
];
