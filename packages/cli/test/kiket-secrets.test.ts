// `kiket extensions secrets …` as a real process against a real kici-server: the seed's command
// lines verbatim, --env-file (all keys in one request, a bad key writes nothing), rotation,
// external links, --json, --yes, and the same commands under kici-admin. No value is printed.
import { testDrivers } from '@kici/server/testing';
import { describe, expect, it } from 'vitest';
import { json } from './helpers.js';
import { MAILCHIMP_MANIFEST, useKiketFixture } from './kiket-fixture.js';

interface SecretInfo {
  key: string;
  masked_value_present: boolean;
  external: boolean;
  external_backend?: string;
  external_secret_name?: string;
  rotation_count: number;
  last_rotated_at: string | null;
}
type Listing = { org_id: string; scope: string; id: string; secrets: SecretInfo[] };

const words = (line: string) => line.trim().split(/\s+/).slice(1);

describe.each(testDrivers())('kiket extensions secrets (%s)', (driver) => {
  const f = useKiketFixture(driver);
  const list = async (scope: string, id: string) => {
    const result = await f.run([
      'extensions',
      'secrets',
      'list',
      '--scope',
      scope,
      '--id',
      id,
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    return json<Listing>(result).secrets;
  };

  it('runs the seed’s command lines verbatim', async () => {
    f.file('mailchimp.json', MAILCHIMP_MANIFEST);
    const setup = await Promise.all([
      f.run(words('kiket extensions catalog add com.example.mailchimp --manifest mailchimp.json')),
      f.run(words('kiket extensions projects create PROJECT_KEY --name Project')),
    ]);
    for (const result of setup) expect(result.code, result.stderr).toBe(0);
    f.file('.env.mailchimp', '# Mailchimp\nMAILCHIMP_API_KEY="mc-0123456789abcdef-us21"\n');

    const set = await f.run(
      words(
        `kiket extensions secrets set \\
        --scope extension \\
        --id com.example.mailchimp \\
        --key MAILCHIMP_API_KEY \\
        --env-file .env.mailchimp`.replaceAll('\\', ''),
      ),
    );
    expect([set.code, set.stderr]).toEqual([0, '']);
    expect(set.stdout).toBe(
      'Set MAILCHIMP_API_KEY in extension com.example.mailchimp (org acme)\n',
    );

    const listed = await f.run(
      words('kiket extensions secrets list --scope extension --id com.example.mailchimp'),
    );
    expect(listed.code, listed.stderr).toBe(0);
    const rows = listed.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split(/\s{2,}/));
    expect(rows.map((row) => row.slice(0, 3))).toEqual([
      ['KEY', 'VALUE', 'ROTATIONS'],
      ['MAILCHIMP_API_KEY', 'stored', '0'],
    ]);

    const linked = await f.run(
      words(
        'kiket extensions secrets link --scope project --id PROJECT_KEY --key CRM_WEBHOOK_SECRET --external secrets/kiket/projects/project_key/crm_webhook',
      ),
    );
    expect([linked.code, linked.stderr]).toEqual([0, '']);
    expect(linked.stdout).toBe(
      'Linked CRM_WEBHOOK_SECRET in project PROJECT_KEY (org acme) to openbao-prod:secrets/kiket/projects/project_key/crm_webhook\n',
    );
    expect(await list('project', 'PROJECT_KEY')).toEqual([
      expect.objectContaining({
        key: 'CRM_WEBHOOK_SECRET',
        masked_value_present: false,
        external: true,
        external_backend: 'openbao-prod',
        external_secret_name: 'secrets/kiket/projects/project_key/crm_webhook',
      }),
    ]);

    // "Rotate secrets … run `kiket extensions secrets set --key FOO --value ...`": without
    // --scope and --id, the organization's org-wide default; setting it again is a rotation.
    for (const value of ['first', 'second']) {
      const rotated = await f.run(words(`kiket extensions secrets set --key FOO --value ${value}`));
      expect([rotated.code, rotated.stderr]).toEqual([
        0,
        'Warning: value visible in shell history — prefer --prompt / --from-stdin / --from-env\n',
      ]);
      expect(rotated.stdout).toBe('Set FOO in organization acme (org acme)\n');
    }
    expect(await list('organization', 'acme')).toEqual([
      expect.objectContaining({ key: 'FOO', masked_value_present: true, rotation_count: 1 }),
    ]);
    const removed = await f.run(words('kiket extensions secrets delete --key FOO --yes'));
    expect(removed.code, removed.stderr).toBe(0);
  });

  it('writes every key of an env file in one request, and nothing when one key is bad', async () => {
    f.file(
      '.env.org',
      [
        '# organization defaults',
        'export SMTP_HOST=smtp.example.com',
        "SMTP_PASSWORD='p@ss word # not a comment'",
        'SMTP_GREETING="Hello,\\nWorld"',
        'SMTP_PEM="-----BEGIN KEY-----',
        'abcdefghijkl',
        '-----END KEY-----"',
        '',
      ].join('\n'),
    );
    const set = await f.run(
      words('kiket extensions secrets set --scope organization --env-file .env.org'),
    );
    expect([set.code, set.stderr]).toEqual([0, '']);
    expect(set.stdout).toBe(
      'Set 4 keys (SMTP_HOST, SMTP_PASSWORD, SMTP_GREETING, SMTP_PEM) in organization acme (org acme)\n',
    );
    expect((await list('organization', 'acme')).map((s) => s.key).sort()).toEqual([
      'SMTP_GREETING',
      'SMTP_HOST',
      'SMTP_PASSWORD',
      'SMTP_PEM',
    ]);

    f.file(
      '.env.bad',
      'NEW_GOOD_KEY=good-value-1\nnew-bad-key=bad-value-1\nNEW_LATER=later-value\n',
    );
    const bad = await f.run(
      words('kiket extensions secrets set --scope organization --env-file .env.bad'),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'Error: --env-file .env.bad line 2: key "new-bad-key" is not upper snake case (A-Z, 0-9 and _, starting with a letter, at most 128); nothing was written\n',
    );
    const keys = (await list('organization', 'acme')).map((s) => s.key);
    expect(keys).not.toContain('NEW_GOOD_KEY');
    expect(keys).not.toContain('NEW_LATER');

    // The server refuses the whole request (an unknown project): no key of it is written.
    f.file('.env.two', 'FIRST_KEY=first-value\nSECOND_KEY=second-value\n');
    const refused = await f.run(
      words('kiket extensions secrets set --scope project --id NOPE --env-file .env.two'),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Error: .*NOPE/);
  });

  it('rotates a stored key (count and time), refuses a linked one, and answers --json', async () => {
    f.secret('mc-rotated-value-2');
    const rotated = await f.run(
      [
        ...words(
          'kiket extensions secrets rotate --scope extension --id com.example.mailchimp --key MAILCHIMP_API_KEY --from-stdin',
        ),
        '--json',
      ],
      { input: 'mc-rotated-value-2' },
    );
    expect(rotated.code, rotated.stderr).toBe(0);
    const answer = json<{ secret: SecretInfo }>(rotated).secret;
    expect(answer).toMatchObject({ key: 'MAILCHIMP_API_KEY', rotation_count: 1 });
    expect(answer.last_rotated_at).toEqual(expect.any(String));
    // `set` over an existing key is a rotation too.
    const again = await f.run(
      words(
        'kiket extensions secrets set --scope extension --id com.example.mailchimp --key MAILCHIMP_API_KEY --env-file .env.mailchimp',
      ),
    );
    expect(again.code, again.stderr).toBe(0);
    const [info] = await list('extension', 'com.example.mailchimp');
    expect(info?.rotation_count).toBe(2);

    const linked = await f.run(
      words(
        'kiket extensions secrets rotate --scope project --id PROJECT_KEY --key CRM_WEBHOOK_SECRET --value other-value-3',
      ),
    );
    expect(linked.code).toBe(1);
    expect(linked.stderr).toContain('openbao-prod');
    const absent = await f.run(
      words(
        'kiket extensions secrets rotate --scope project --id PROJECT_KEY --key NO_SUCH_KEY --value other-value-3',
      ),
    );
    expect(absent.code).toBe(1);
  });

  it('deletes with --yes only on a pipe, and is the same under kici-admin', async () => {
    const args = words('kiket extensions secrets delete --scope organization --key SMTP_HOST');
    const refused = await f.run(args);
    expect([refused.code, refused.stderr.split('\n')[0]]).toEqual([
      2,
      'Error: stdin is not a terminal, so nobody can confirm: pass --yes to delete',
    ]);
    const deleted = await f.run([...args, '--yes']);
    expect([deleted.code, deleted.stdout]).toEqual([
      0,
      'Deleted SMTP_HOST from organization acme (org acme)\n',
    ]);

    const viaAdmin = await f.admin(
      words(
        'kici-admin extensions secrets list --scope extension --id com.example.mailchimp --json',
      ),
    );
    const viaKiket = await f.run(
      words('kiket extensions secrets list --scope extension --id com.example.mailchimp --json'),
    );
    expect(viaAdmin.code).toBe(0);
    expect(json(viaAdmin)).toEqual(json(viaKiket));
  });
});
