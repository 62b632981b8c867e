// `kici-admin backend add --type gsm`: its flags, refused with exit 2 naming the flag before
// any request, and a key file that is unreadable or wrong named by its path and field, never
// quoted. (Adding a GSM backend to a real server: tests-e2e/test/gsm.test.ts.)
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { words } from './cases.js';
import { kiciAdmin } from './helpers.js';

const env = { KICI_ADMIN_URL: 'http://127.0.0.1:9', KICI_ADMIN_TOKEN: 'kici_unused' };
const gsm = (...rest: string[]) => [...words`backend add --name gsm-prod --type gsm`, ...rest];

describe('kici-admin backend add --type gsm', () => {
  it.concurrent.each([
    ['--project is required', gsm('--credentials-file', 'sa.json')],
    ['--credentials-file is required with --type gsm', gsm('--project', 'my-project')],
    [
      '--project: expected a Google Cloud project id',
      gsm('--project', 'My_Project', '--credentials-file', 'sa.json'),
    ],
    [
      '--endpoint: expected an http:// or https:// URL',
      gsm('--project', 'my-project', '--credentials-file', 'sa.json', '--endpoint', 'ftp://x'),
    ],
    [
      '--url applies to --type vault only (a GSM backend takes --endpoint)',
      gsm('--project', 'my-project', '--credentials-file', 'sa.json', '--url', 'https://x'),
    ],
    [
      '--auth-method applies to --type vault only',
      gsm('--project', 'my-project', '--credentials-file', 'sa.json', '--auth-method', 'token'),
    ],
    [
      '--project applies to --type gsm only',
      words`backend add --name v --type vault --url http://x --project my-project`,
    ],
    [
      '--ca-cert applies to an https:// --endpoint',
      gsm(
        ...words`--project my-project --credentials-file sa.json --endpoint http://x --ca-cert c`,
      ),
    ],
    ['--type: expected vault or gsm', words`backend add --name x --type aws`],
  ])('refuses with exit 2: %s', async (error, args) => {
    const result = await kiciAdmin(undefined, args, { env });
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toContain(`Error: ${error}`);
  });

  it('names an unreadable or wrong key file by its path and field, never its contents', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kici-gsm-cli-'));
    const notJson = join(dir, 'not.json');
    const wrong = join(dir, 'wrong.json');
    await writeFile(notJson, 'private_key: secret-material');
    await writeFile(
      wrong,
      JSON.stringify({
        type: 'service_account',
        client_email: 'a@b.c',
        private_key: 'secret-material',
      }),
    );
    const cases = [
      [join(dir, 'missing.json'), `cannot read ${join(dir, 'missing.json')} (ENOENT)`],
      [notJson, `${notJson}: expected a service-account key file (JSON)`],
      [wrong, `${wrong}: credentials.private_key: expected an RSA private key in PEM`],
    ];
    for (const [file, message] of cases) {
      const result = await kiciAdmin(
        undefined,
        gsm('--project', 'my-project', '--credentials-file', file as string),
        { env },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Error: ${message}`);
      expect(result.stderr).not.toContain('secret-material');
    }
  });

  it('shows the gsm flags and examples in its help', async () => {
    const result = await kiciAdmin(undefined, words`backend add --help`);
    for (const part of ['--project <id>', '--credentials-file <file>', '--endpoint <url>']) {
      expect(result.stdout).toContain(part);
    }
    expect(result.stdout).toContain('--type gsm --project my-project --credentials-file');
  });
});
