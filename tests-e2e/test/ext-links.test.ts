// Extension secrets linked to external stores, end to end: a real kici-server beside the Vault-
// and GSM-compatible test servers, driven by the built `kiket`. A link stores only the
// reference: the install gate reads the value live (a placeholder in GSM blocks the install, a
// new GSM version unblocks it, nothing was copied), and an outage of either store makes the
// field unreadable, naming the backend and the path — never a stale or empty value.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GsmTestServer, startGsmTestServer } from '@kici/gsm-test-server/start';
import type { TestServer } from '@kici/server/testing';
import { startVaultTestServer, type VaultTestServer } from '@kici/vault-test-server/start';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, cliRunner } from './cli-process.js';
import {
  type Cluster,
  clientOf,
  createCluster,
  createRecorder,
  singleDriver,
} from './orchestrator.js';

const EXT = 'com.example.crm';
const MANIFEST = JSON.stringify({
  extension: {
    configuration: {
      CRM_WEBHOOK_SECRET: { secret: true, required: true },
      CRM_API_TOKEN: { secret: true, required: true, scope: 'extension' },
    },
  },
});
const VAULT_VALUE = 'whsec-from-vault-9f8e7d';
const GSM_VALUE = 'crm-token-from-gsm-1a2b3c';

describe('extension secrets linked to Vault and GSM', () => {
  const recorder = createRecorder();
  const outputs: string[] = [];
  let gsm: GsmTestServer;
  let vault: VaultTestServer;
  let cluster: Cluster;
  let server: TestServer;
  let dir: string;

  /** `kiket <args>` (or kici-admin) as a process in `dir`, org acme. */
  const env = () => ({
    KICI_ADMIN_URL: server.url,
    KICI_ADMIN_TOKEN: server.token,
    KICI_ORG_ID: 'acme',
    VAULT_TOKEN: vault.rootToken,
  });
  const kiket = cliRunner('kiket', env, outputs, () => dir);
  const admin = cliRunner('kici-admin', env, outputs, () => dir);
  const ok = async (run: Promise<CliRun>) => {
    const result = await run;
    expect(result.code, result.stderr).toBe(0);
    return result;
  };
  const status = async () => {
    const result = await kiket('marketplace', 'status', '--project', 'PROJECT_KEY', '--json');
    return { code: result.code, stderr: result.stderr, body: JSON.parse(result.stdout) };
  };

  beforeAll(async () => {
    [gsm, vault] = await Promise.all([startGsmTestServer(), startVaultTestServer()]);
    await gsm.addVersion('crm-api-token', 'changeme');
    await vault.seed('kici/secrets/secrets/kiket/projects/project_key/crm_webhook', {
      CRM_WEBHOOK_SECRET: VAULT_VALUE,
    });
    dir = await mkdtemp(join(tmpdir(), 'kici-e2e-ext-links-'));
    await writeFile(join(dir, 'crm.json'), MANIFEST);
    await writeFile(join(dir, 'sa.json'), JSON.stringify(gsm.credentials));
    await chmod(join(dir, 'sa.json'), 0o600);
    cluster = createCluster(singleDriver());
    server = await cluster.start();
    await ok(
      admin(
        ...['backend', 'add', '--name', 'openbao-prod', '--type', 'vault', '--url', vault.url],
        ...['--auth-method', 'token', '--token-env', 'VAULT_TOKEN'],
      ),
    );
    await ok(
      admin(
        ...['backend', 'add', '--name', 'gsm-prod', '--type', 'gsm', '--project', gsm.project],
        ...['--credentials-file', 'sa.json', '--endpoint', gsm.url],
      ),
    );
    await ok(kiket('extensions', 'catalog', 'add', EXT, '--manifest', 'crm.json'));
    await ok(kiket('extensions', 'projects', 'create', 'PROJECT_KEY'));
  }, 180_000);

  afterAll(async () => {
    await cluster?.dispose();
    await Promise.all([gsm?.stop(), vault?.stop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('links a project key to Vault (the seed line) and an extension key to GSM', async () => {
    // Two external backends are registered: the seed's line names which with --backend.
    const vaultLink = await ok(
      kiket(
        ...['extensions', 'secrets', 'link', '--scope', 'project', '--id', 'PROJECT_KEY'],
        ...['--key', 'CRM_WEBHOOK_SECRET'],
        ...[
          '--external',
          'secrets/kiket/projects/project_key/crm_webhook',
          '--backend',
          'openbao-prod',
        ],
      ),
    );
    expect(vaultLink.stdout).toContain(
      'openbao-prod:secrets/kiket/projects/project_key/crm_webhook',
    );
    const gsmLink = await ok(
      kiket(
        ...['extensions', 'secrets', 'link', '--scope', 'extension', '--id', EXT],
        ...[
          '--key',
          'CRM_API_TOKEN',
          '--external',
          'crm-api-token',
          '--backend',
          'gsm-prod',
          '--json',
        ],
      ),
    );
    expect(JSON.parse(gsmLink.stdout).secret).toMatchObject({
      key: 'CRM_API_TOKEN',
      masked_value_present: false,
      external: true,
      external_backend: 'gsm-prod',
      external_secret_name: 'crm-api-token',
    });
  });

  it('reads linked values live: a GSM placeholder blocks the install until GSM has a real value', async () => {
    await ok(kiket('marketplace', 'install', EXT, '--project', 'PROJECT_KEY'));
    const blocked = await status();
    expect(blocked.code).toBe(1);
    expect(JSON.stringify(blocked.body)).toContain('CRM_API_TOKEN');
    const refused = await kiket('marketplace', 'enable', EXT, '--project', 'PROJECT_KEY');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('CRM_API_TOKEN');

    await gsm.addVersion('crm-api-token', GSM_VALUE);
    const ready = await status();
    expect([ready.code, ready.stderr]).toEqual([0, '']);
    await ok(kiket('marketplace', 'enable', EXT, '--project', 'PROJECT_KEY'));
    const sources = await clientOf(server, recorder).extensions.installations.sources(
      'acme',
      'PROJECT_KEY',
      EXT,
    );
    expect(JSON.stringify(sources)).toContain('gsm-prod');
    expect(JSON.stringify(sources)).toContain('openbao-prod');
  });

  it('an outage of either store makes the field unreadable, naming backend and path', async () => {
    await gsm.control({ op: 'fail', status: 503 });
    try {
      const down = await status();
      expect(down.code).toBe(1);
      const text = JSON.stringify(down.body);
      expect(text).toContain('gsm-prod');
      expect(text).toContain('crm-api-token');
      expect(text).not.toContain(GSM_VALUE);
    } finally {
      await gsm.control({ op: 'fail', status: 0 });
    }
    await vault.control({ op: 'seal' });
    try {
      const down = await status();
      expect(down.code).toBe(1);
      const text = JSON.stringify(down.body);
      expect(text).toContain('openbao-prod');
      expect(text).toContain('secrets/kiket/projects/project_key/crm_webhook');
    } finally {
      await vault.control({ op: 'unseal' });
    }
    expect((await status()).code).toBe(0);
  });

  it('never prints or audits a linked value', async () => {
    const audit = JSON.stringify(await clientOf(server, recorder).audit({ limit: 1000 }));
    const texts = [...outputs, ...recorder.texts, server.output(), audit];
    for (const text of texts) {
      expect(text).not.toContain(VAULT_VALUE);
      expect(text).not.toContain(GSM_VALUE);
    }
  });
});
