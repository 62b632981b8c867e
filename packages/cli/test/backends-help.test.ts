// The help pages of `kici-admin backend …` and `secret link`: usage, flags and examples, one
// row per page (and what that page alone must show).
import { describe, expect, it } from 'vitest';
import { kiciAdmin } from './helpers.js';

const PAGES: readonly { readonly page: readonly string[]; readonly shows: readonly string[] }[] = [
  {
    page: ['backend'],
    shows: [
      'kici-admin backend add --name openbao-prod --type vault --url https://vault.example.com:8200 --auth-method approle --role-id "$VAULT_ROLE_ID" --secret-id "$VAULT_SECRET_ID"',
    ],
  },
  { page: ['backend', 'add'], shows: ['--token-env <VAR>'] },
  ...['list', 'test', 'sync', 'scopes', 'remove'].map((c) => ({ page: ['backend', c], shows: [] })),
  { page: ['secret', 'link'], shows: [] },
];

describe('kici-admin backend help', () => {
  it.concurrent.each(PAGES)('shows usage, flags and examples: $page', async ({ page, shows }) => {
    const result = await kiciAdmin(undefined, [...page, '--help']);
    const name = page.join(' ');
    expect([result.code, result.stderr], name).toEqual([0, '']);
    expect(result.stdout).toContain(`$ kici-admin ${name}`);
    expect(result.stdout).toMatch(/Options:\n {2}--/);
    expect(result.stdout).toContain('--json');
    expect(result.stdout).toMatch(/Examples:\n {2}\$ kici-admin /);
    for (const part of shows) expect(result.stdout).toContain(part);
  });

  it('lists the backend group in the top-level help', async () => {
    const top = await kiciAdmin(undefined, ['--help']);
    expect(top.stdout).toContain('backend <command>');
  });
});
