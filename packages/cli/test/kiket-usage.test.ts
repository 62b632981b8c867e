// `kiket` without a server: help on every page, the same commands under kici-admin, nested
// completion. The connection points at the discard port: nothing is asked of a server.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kiciAdmin, kiket } from './helpers.js';

const nowhere = { url: 'http://127.0.0.1:9', token: 'kici_unused_token_0123' };
const run = (args: string[], env: Record<string, string | undefined> = {}) =>
  kiket(nowhere, args, { env: { KICI_ORG_ID: 'acme', ...env } });

const SECRETS = ['list', 'set', 'link', 'rotate', 'delete'].map((c) => [
  'extensions',
  'secrets',
  c,
]);
const PAGES = [
  [],
  ['extensions'],
  ['extensions', 'secrets'],
  ['extensions', 'projects'],
  ['extensions', 'catalog'],
  ['marketplace'],
  ['marketplace', 'products'],
  ...SECRETS,
  ...['list', 'create', 'delete'].map((c) => ['extensions', 'projects', c]),
  ...['list', 'show', 'add', 'remove'].map((c) => ['extensions', 'catalog', c]),
  ...['install', 'status', 'enable', 'disable', 'uninstall'].map((c) => ['marketplace', c]),
  ...['list', 'install', 'remove'].map((c) => ['marketplace', 'products', c]),
  ['whoami'],
  ['completion'],
];

describe('kiket help', () => {
  it('shows usage, flags and kiket examples on every page', async () => {
    const results = await Promise.all(PAGES.map((page) => run([...page, '--help'])));
    results.forEach((result, i) => {
      const page = (PAGES[i] as string[]).join(' ');
      expect([result.code, result.stderr], page).toEqual([0, '']);
      expect(result.stdout, page).toContain(`$ kiket ${page}`.trimEnd());
      expect(result.stdout, page).toMatch(/Options:\n {2}-/);
      expect(result.stdout, page).toMatch(/Examples:\n {2}\$ (export |kiket )/);
      expect(result.stdout, page).not.toContain('kici-admin');
    });
    expect(results[0]?.stdout).toMatch(/extensions <command>[\s\S]*marketplace <command>/);
    expect(results[0]?.stdout).not.toMatch(/^ {2}secret </m);
  });

  it('is the same under kici-admin, with kici-admin examples', async () => {
    const [viaKiket, viaAdmin, top] = await Promise.all([
      run(['extensions', 'secrets', 'set', '--help']),
      kiciAdmin(nowhere, ['extensions', 'secrets', 'set', '--help']),
      kiciAdmin(nowhere, ['--help']),
    ]);
    expect(viaAdmin.code).toBe(0);
    expect(viaAdmin.stdout).toBe(viaKiket.stdout.replaceAll('kiket', 'kici-admin'));
    expect(top.stdout).toMatch(/^ {2}extensions <command>/m);
    expect(top.stdout).toMatch(/^ {2}marketplace <command>/m);
    const viaHelp = await run(['help', 'extensions', 'secrets', 'set']);
    expect(viaHelp.stdout).toBe(viaKiket.stdout);
  });

  it('completes nested groups, their commands and options (bash)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiket-completion-'));
    const file = join(dir, 'kiket.bash');
    writeFileSync(file, (await run(['completion', 'bash'])).stdout);
    execFileSync('bash', ['-n', file]);
    const complete = (line: string) =>
      execFileSync('bash', [
        '-c',
        `source '${file}'; COMP_WORDS=(${line}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _kiket; echo "\${COMPREPLY[*]}"`,
      ])
        .toString()
        .trim();
    expect(complete(`kiket ''`)).toBe('extensions marketplace whoami completion help');
    expect(complete(`kiket extensions ''`)).toBe(
      'secrets projects catalog deliveries signing-secret rotation-policy rotation-audit invoke access-log',
    );
    expect(complete(`kiket extensions deliveries ''`)).toBe('list show retry');
    expect(complete(`kiket extensions signing-secret ''`)).toBe('show rotate');
    expect(complete(`kiket extensions secrets ''`)).toBe('list set link rotate delete');
    expect(complete(`kiket --org acme extensions secrets set --env`)).toBe('--env-file');
    expect(complete(`kiket marketplace ''`)).toBe(
      'products install status enable disable uninstall',
    );
    expect(complete(`kiket marketplace install com.example.zoom --pro`)).toBe(
      '--project --product',
    );
    for (const shell of ['zsh', 'fish']) {
      const script = await run(['completion', shell]);
      expect([script.code, script.stderr]).toEqual([0, '']);
      expect(script.stdout).toContain(
        shell === 'zsh' ? '"extensions secrets set")' : '__fish_seen_subcommand_from secrets',
      );
    }
  });
});
