// `kici-admin run list|show|cancel` without a server: help, completion, and every refusal
// found before any I/O (exit 2). Port 9 (discard): a command that tried to connect exits 1.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kiciAdmin } from './helpers.js';

const nowhere = { url: 'http://127.0.0.1:9', token: 'kici_unused_token_0123' };
const run = (args: string[]) => kiciAdmin(nowhere, args);

describe('kici-admin run (no server)', () => {
  it('documents the group and each command with flags and examples', async () => {
    const pages = [['run'], ['run', 'list'], ['run', 'show'], ['run', 'cancel']];
    const [top, ...results] = await Promise.all([
      run(['--help']),
      ...pages.map((page) => run([...page, '--help'])),
    ]);
    expect(top?.stdout).toContain('run <command>');
    results.forEach((result, i) => {
      const page = (pages[i] as string[]).join(' ');
      expect([result.code, result.stderr], page).toEqual([0, '']);
      expect(result.stdout).toContain(`$ kici-admin ${page}`);
      expect(result.stdout).toContain('--json');
    });
    const [, list, show, cancel] = results.map((r) => r.stdout);
    for (const flag of ['--org <org-id>', '--state <state>', '--limit <n>']) {
      expect(list).toContain(flag);
    }
    expect(show).toContain('kici-admin run show <run-id>');
    expect(cancel).toContain('-y, --yes');
    expect(cancel).toContain('asks first unless --yes');
    // The help text is the same through `help`.
    const viaHelp = await run(['help', 'run', 'cancel']);
    expect(viaHelp.stdout).toBe(cancel);
  });

  it('is listed by every completion script, with its options', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const script = (await run(['completion', shell])).stdout;
      for (const word of ['run', 'list', 'show', 'cancel', '--state', '--limit', '--yes']) {
        // fish spells an option `-l state`.
        const spelled = shell === 'fish' ? word.replace(/^--/, '-l ') : word;
        expect(script, `${shell}: ${word}`).toContain(spelled);
      }
    }
    const dir = mkdtempSync(join(tmpdir(), 'kici-completion-'));
    const file = join(dir, 'kici-admin.bash');
    writeFileSync(file, (await run(['completion', 'bash'])).stdout);
    const complete = (line: string) =>
      execFileSync('bash', [
        '-c',
        `source '${file}'; COMP_WORDS=(${line}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _kici_admin; echo "\${COMPREPLY[*]}"`,
      ])
        .toString()
        .trim();
    expect(complete(`kici-admin run ''`)).toBe('list show cancel');
    expect(complete(`kici-admin run list --st`)).toBe('--state');
    expect(complete(`kici-admin run cancel x --y`)).toBe('--yes');
  });

  it('refuses missing and malformed input before any request (exit 2)', async () => {
    const cases: [string[], string][] = [
      [['run', 'show'], 'Error: missing required args for command `show <run-id>`'],
      [['run', 'cancel'], 'Error: missing required args for command `cancel <run-id>`'],
      [
        ['run', 'show', 'a/b'],
        'Error: runId: expected 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit',
      ],
      [
        ['run', 'list', '--state', 'bogus'],
        'Error: state: expected one of running, completed, cancelled, expired',
      ],
      [['run', 'list', '--limit', '0'], 'Error: limit: expected a number from 1 to 1000'],
      [['run', 'list', '--limit', '1001'], 'Error: limit: expected a number from 1 to 1000'],
      [['run', 'list', '--org', 'bad org!'], 'Error: orgId:'],
      // Nobody can answer on a pipe: refused before the client is even made.
      [
        ['run', 'cancel', 'r-1'],
        'Error: stdin is not a terminal, so nobody can confirm: pass --yes to cancel',
      ],
      [['run', 'show', 'r-1', 'surplus'], 'Error: too many arguments'],
    ];
    const results = await Promise.all(cases.map(([args]) => run(args)));
    results.forEach((result, i) => {
      const [args, message] = cases[i] as [string[], string];
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')[0], args.join(' ')).toContain(message);
    });
  });

  it('reaches for the server once the input is valid (exit 1: nothing listens)', async () => {
    const result = await run(['run', 'cancel', 'r-1', '--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('127.0.0.1:9');
  });
});
