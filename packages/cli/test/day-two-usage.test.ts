// Day-two command line without a server: help <command>, completion scripts, unknown options
// as typed with a "did you mean", and the request timeout's validation (exit 2, no I/O).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kiciAdmin } from './helpers.js';

// Port 9 (discard): nothing listens, so a command that tried to connect would exit 1.
const nowhere = { url: 'http://127.0.0.1:9', token: 'kici_unused_token_0123' };
const run = (args: string[], env?: Record<string, string | undefined>) =>
  kiciAdmin(nowhere, args, env ? { env } : {});

/** Every command as typed: `secret set`, `rotate-key`, … read from the top-level help. */
async function everyCommand(): Promise<string[][]> {
  const top = (await run(['--help'])).stdout;
  const groups = [...top.matchAll(/^ {2}(\S+) <command>/gm)].map((m) => m[1] as string);
  const singles = [...top.matchAll(/^ {2}([a-z][\w-]*)(?: \[[^\]]*\])? {2,}/gm)]
    .map((m) => m[1] as string)
    .filter((name) => !groups.includes(name));
  const nested = await Promise.all(
    groups.map(async (group) => {
      const page = (await run([group, '--help'])).stdout;
      const names = [...page.matchAll(/^ {2}([a-z][\w-]*)(?: [<[][^\n]*?)? {2,}\S/gm)];
      return names.map((m) => [group, m[1] as string]);
    }),
  );
  return [...singles.map((s) => [s]), ...nested.flat()];
}

describe('kici-admin help <command>', () => {
  it('prints the same page as <command> --help, and help alone the top level', async () => {
    const pairs = [
      [
        ['help', 'secret', 'set'],
        ['secret', 'set', '--help'],
      ],
      [
        ['help', 'backend'],
        ['backend', '--help'],
      ],
      [
        ['help', 'rotate-key'],
        ['rotate-key', '--help'],
      ],
      [['help'], ['--help']],
    ];
    for (const [viaHelp, viaFlag] of pairs) {
      const [a, b] = await Promise.all([run(viaHelp as string[]), run(viaFlag as string[])]);
      expect([a.code, a.stderr], viaHelp?.join(' ')).toEqual([0, '']);
      expect(a.stdout).toBe(b.stdout);
      expect(a.stdout).toMatch(/Usage:/);
    }
    expect((await run(['help'])).stdout).toContain('help [...command]');
    const unknown = await run(['help', 'bogus']);
    expect([unknown.code, unknown.stdout]).toEqual([2, '']);
    expect(unknown.stderr).toBe(
      'Error: unknown command "bogus"\nRun `kici-admin --help` for usage.\n',
    );
  });
});

describe('kici-admin completion', () => {
  it('names every command in each script, and the bash one is valid bash', async () => {
    const commands = await everyCommand();
    expect(commands.map((c) => c.join(' '))).toEqual(
      expect.arrayContaining(['secret set', 'config unset', 'rotate-key', 'completion', 'help']),
    );
    for (const shell of ['bash', 'zsh', 'fish']) {
      const script = await run(['completion', shell]);
      expect([script.code, script.stderr], shell).toEqual([0, '']);
      for (const words of commands) {
        for (const word of words)
          expect(script.stdout, `${shell}: ${words.join(' ')}`).toContain(word);
      }
    }
    const dir = mkdtempSync(join(tmpdir(), 'kici-completion-'));
    const file = join(dir, 'kici-admin.bash');
    writeFileSync(file, (await run(['completion', 'bash'])).stdout);
    execFileSync('bash', ['-n', file]);
    // And it completes: commands of a group, a command's options, after a global option.
    const complete = (line: string) =>
      execFileSync('bash', [
        '-c',
        `source '${file}'; COMP_WORDS=(${line}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _kici_admin; echo "\${COMPREPLY[*]}"`,
      ])
        .toString()
        .trim();
    expect(complete(`kici-admin config un`)).toBe('unset');
    expect(complete(`kici-admin --url x secret set --from`)).toBe(
      '--from-stdin --from-file --from-env',
    );
    expect(complete(`kici-admin rotate-key --ti`)).toBe('--timeout');
    expect(complete(`kici-admin completion ''`)).toBe('bash zsh fish');
  });

  it('refuses a missing or unknown shell', async () => {
    for (const args of [['completion'], ['completion', 'tcsh']]) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^Error: expected one shell: bash, zsh, fish\n/);
    }
  });
});

describe('unknown options', () => {
  it('are reported as typed, with a did-you-mean for a near miss (exit 2)', async () => {
    const cases: [string[], string][] = [
      [['secret', 'list', 'acme', 'production', '--bogus-flag'], 'Unknown option `--bogus-flag`\n'],
      [
        ['secret', 'set', '--scpoe', 'production', 'KEY'],
        'Unknown option `--scpoe`; did you mean `--scope`?\n',
      ],
      [['audit', '--limt', '5'], 'Unknown option `--limt`; did you mean `--limit`?\n'],
      [['rotate-key', '--jsno'], 'Unknown option `--jsno`; did you mean `--json`?\n'],
      [['token', 'create', 'x', '--rol=admin'], 'Unknown option `--rol`; did you mean `--role`?\n'],
    ];
    const results = await Promise.all(cases.map(([args]) => run(args)));
    results.forEach((result, i) => {
      const [args, message] = cases[i] as [string[], string];
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe(`Error: ${message.trimEnd()}`);
    });
  });
});

describe('--timeout and KICI_ADMIN_TIMEOUT', () => {
  it('refuse what is not a positive number of seconds, naming the source (exit 2)', async () => {
    const expected = 'expected a positive number of seconds, at most 86400 (e.g. 120)';
    const cases: [string[], Record<string, string> | undefined, string][] = [
      [['audit', '--timeout', '0'], undefined, '--timeout'],
      [['audit', '--timeout=-5'], undefined, '--timeout'],
      [['audit', '--timeout', 'ten'], undefined, '--timeout'],
      [['rotate-key', '--timeout', '100000'], undefined, '--timeout'],
      [['audit'], { KICI_ADMIN_TIMEOUT: '0' }, 'KICI_ADMIN_TIMEOUT'],
      [['token', 'list'], { KICI_ADMIN_TIMEOUT: '30s' }, 'KICI_ADMIN_TIMEOUT'],
    ];
    const results = await Promise.all(cases.map(([args, env]) => run(args, env)));
    results.forEach((result, i) => {
      const [args, , source] = cases[i] as (typeof cases)[number];
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe(`Error: ${source}: ${expected}`);
    });
  });

  it('is documented in the help, with the longer defaults of rotate-key and backend sync', async () => {
    const [top, rotate] = await Promise.all([run(['--help']), run(['rotate-key', '--help'])]);
    expect(top.stdout).toMatch(/--timeout <seconds> +Seconds to wait for the server/);
    expect(rotate.stdout).toContain('rotate-key 3600, backend sync 300');
    expect(rotate.stdout).toContain('waits up to an hour unless --timeout');
  });
});
