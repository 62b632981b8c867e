// `kiket` refusals without a server: usage errors name the flag (exit 2), a bad --env-file
// names its line (exit 1), all before any request; no value is ever quoted. The connection
// points at the discard port: a command that tried to reach it would exit 1 ("Cannot reach").
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIKET_BIN, kiket } from './helpers.js';

const nowhere = { url: 'http://127.0.0.1:9', token: 'kici_unused_token_0123' };
const run = (args: string[], env: Record<string, string | undefined> = {}) =>
  kiket(nowhere, args, { env: { KICI_ORG_ID: 'acme', ...env } });

describe('kiket refusals', () => {
  const cases: [string[], number, string][] = [
    [
      ['extensions', 'secrets', 'list', '--id', 'OPS'],
      2,
      'Error: --scope is required: organization, project, extension, product_installation, installation',
    ],
    [
      ['extensions', 'secrets', 'list', '--scope', 'team', '--id', 'x'],
      2,
      'Error: --scope: expected one of organization, project, extension, product_installation, installation',
    ],
    [
      ['extensions', 'secrets', 'list', '--scope', 'extension'],
      2,
      'Error: --id is required for scope extension: an extension id (e.g. com.example.mailchimp)',
    ],
    [
      ['extensions', 'secrets', 'list', '--scope', 'project', '--id', 'ops'],
      2,
      'Error: --id: expected a project key (e.g. OPS) for scope project',
    ],
    [
      ['extensions', 'secrets', 'list', '--scope', 'installation', '--id', 'OPS'],
      2,
      'Error: --id: expected PROJECT_KEY/extension.id (e.g. OPS/com.example.mailchimp) for scope installation',
    ],
    [
      ['extensions', 'secrets', 'set', '--scope', 'project', '--id', 'OPS', '--value', 'x'],
      2,
      'Error: --key is required with a value (or give --env-file for every key of a dotenv file)',
    ],
    [
      [
        'extensions',
        'secrets',
        'set',
        '--scope',
        'project',
        '--id',
        'OPS',
        '--key',
        'api_key',
        '--value',
        'x',
      ],
      2,
      'Error: --key: expected',
    ],
    [
      [
        'extensions',
        'secrets',
        'set',
        '--scope',
        'project',
        '--id',
        'OPS',
        '--env-file',
        '.env',
        '--value',
        'hunter2',
      ],
      2,
      'Error: --env-file and --value both give values',
    ],
    [
      [
        'extensions',
        'secrets',
        'set',
        '--scope',
        'project',
        '--id',
        'OPS',
        '--key',
        'A',
        '--value',
        'x',
        '--prompt',
      ],
      2,
      'Error: conflicting input modes',
    ],
    [
      [
        'extensions',
        'secrets',
        'rotate',
        '--scope',
        'project',
        '--id',
        'OPS',
        '--env-file',
        '.env',
      ],
      2,
      'Error: --key is required',
    ],
    [
      ['extensions', 'secrets', 'link', '--scope', 'project', '--id', 'OPS', '--key', 'A'],
      2,
      'Error: --external is required',
    ],
    [
      [
        'extensions',
        'secrets',
        'link',
        '--scope',
        'project',
        '--id',
        'OPS',
        '--key',
        'A',
        '--external',
        '../x',
      ],
      2,
      'Error: --external: expected',
    ],
    [
      ['extensions', 'secrets', 'delete', '--scope', 'project', '--id', 'OPS', '--key', 'A'],
      2,
      'Error: stdin is not a terminal, so nobody can confirm: pass --yes to delete',
    ],
    [['extensions', 'projects', 'create', 'ops'], 2, 'Error: KEY: expected a project key'],
    [
      ['extensions', 'projects', 'delete', 'OPS'],
      2,
      'Error: stdin is not a terminal, so nobody can confirm: pass --yes to delete',
    ],
    [['extensions', 'catalog', 'add', 'com.example.zoom'], 2, 'Error: --manifest is required'],
    [['extensions', 'catalog', 'show', 'Zoom'], 2, 'Error: id: expected a reverse-DNS id'],
    [
      ['marketplace', 'install', 'com.example.zoom', '--enable'],
      2,
      'Error: --enable applies to a project install: add --project <KEY>',
    ],
    [
      ['marketplace', 'install', 'com.example.zoom', '--product', 'com.example.suite'],
      2,
      'Error: --product applies to a project install',
    ],
    [['marketplace', 'enable', 'com.example.zoom'], 2, 'Error: --project is required'],
    [
      ['marketplace', 'uninstall', 'com.example.zoom', '--project', 'OPS'],
      2,
      'Error: stdin is not a terminal, so nobody can confirm: pass --yes to uninstall',
    ],
    [['marketplace', 'status', '--project', 'ops'], 2, 'Error: --project: expected a project key'],
    [['marketplace', 'bogus'], 2, 'Error: unknown command "bogus"'],
    [['secret', 'list'], 2, 'Error: unknown command "secret"'],
  ];

  it.each(cases)('%j exits %i: %s', async (args, code, message) => {
    const result = await run(args);
    expect(result.code, result.stderr).toBe(code);
    expect(result.stderr.startsWith(message), result.stderr).toBe(true);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toContain('hunter2');
  });

  it('refuses a bad --env-file before any request (exit 1), naming the line, never a value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiket-env-'));
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const set = [
      'extensions',
      'secrets',
      'set',
      '--scope',
      'extension',
      '--id',
      'com.example.mailchimp',
    ];
    const lower = write('.env.lower', 'MAILCHIMP_API_KEY=hunter2\nmailchimp_list=hunter3\n');
    const empty = write('.env.empty', '# nothing yet\n');
    const [bad, none, absent] = await Promise.all([
      run([...set, '--env-file', lower]),
      run([...set, '--env-file', empty]),
      run([...set, '--env-file', lower, '--key', 'OTHER_KEY']),
    ]);
    expect([bad.code, bad.stderr]).toEqual([
      1,
      `Error: --env-file ${lower} line 2: key "mailchimp_list" is not upper snake case (A-Z, 0-9 and _, starting with a letter, at most 128); nothing was written\n`,
    ]);
    expect([none.code, none.stderr]).toEqual([
      1,
      `Error: --env-file ${empty} holds no KEY=value line; nothing was written\n`,
    ]);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toMatch(/line 2: key "mailchimp_list"/);
    for (const result of [bad, none, absent]) expect(result.stderr).not.toMatch(/hunter/);
  });

  it('keeps --env-file its own when run through its shebang (Node 20 would take it)', async () => {
    const env = { PATH: process.env.PATH ?? '', KICI_ORG_ID: 'acme', ...nowhere };
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        KIKET_BIN,
        ['extensions', 'secrets', 'set', '--scope', 'organization', '--env-file', '.env.absent'],
        { env: { ...env, KICI_ADMIN_URL: nowhere.url, KICI_ADMIN_TOKEN: nowhere.token } },
        (error, _stdout, stderr) => resolve({ code: Number(error?.code ?? 0), stderr }),
      );
    });
    expect(result).toEqual({
      code: 1,
      stderr: 'Error: --env-file: cannot read .env.absent (ENOENT); nothing was written\n',
    });
  });
});
