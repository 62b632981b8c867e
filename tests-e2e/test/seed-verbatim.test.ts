// Every curl and kici-admin example of the product documentation, run as written against a
// fresh orchestrator (only URLs, tokens and ids substituted): the curls as real HTTP requests
// with exactly the seed's headers and bodies, the CLI lines as real processes.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createAdminClient } from '@kici/contracts';
import { startTestServer, type TestServer, testDrivers } from '@kici/server/testing';
import { startVaultTestServer, type VaultTestServer } from '@kici/vault-test-server/start';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShell, type Shell } from './seed/shell.js';
import {
  ADMIN_STEPS,
  BACKEND_STEPS,
  FINAL_STEPS,
  INPUT_STEPS,
  type Step,
  TYPED_VALUE,
} from './seed/steps.js';

const SEED = new URL('../../../shared/seeds/000_519639d47cadef71.txt', import.meta.url);
const ALL_STEPS = [...ADMIN_STEPS, ...INPUT_STEPS, ...BACKEND_STEPS, ...FINAL_STEPS];
const label = (step: Step) => step.seed.replaceAll(' \\ ', ' ').slice(0, 110);

describe('the seed examples are the seed’s', () => {
  it.each(ALL_STEPS.filter((step) => step.lines).map((step) => [label(step), step] as const))(
    '%s: its lines join to the seed’s text',
    (_, step) => {
      expect(step.lines?.join('')).toBe(step.seed);
    },
  );

  // The product documentation sits beside the repository (../shared): where it does, every
  // example above must appear in it word for word, so the two cannot drift apart.
  it.skipIf(!existsSync(SEED))(
    'every example appears verbatim in the product documentation',
    () => {
      const text = readFileSync(SEED, 'utf8');
      const missing = ALL_STEPS.filter((step) => !text.includes(step.seed)).map((s) => s.seed);
      expect(missing).toEqual([]);
    },
  );
});

describe.each(testDrivers())('the seed verbatim (%s)', (driver) => {
  let server: TestServer;
  let vault: VaultTestServer;
  let shell: Shell;
  const context: Record<string, string> = {
    fingerprint: createHash('sha256').update(TYPED_VALUE).digest('hex'),
  };

  beforeAll(async () => {
    [server, vault] = await Promise.all([startTestServer({ driver }), startVaultTestServer()]);
    await vault.seed('kici/secrets/aws/credentials', { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE' });
    Object.assign(context, { vaultUrl: vault.url, roleId: vault.roleId, secretId: vault.secretId });
    shell = await createShell({
      KICI_ADMIN_URL: server.url,
      KICI_ADMIN_TOKEN: server.token,
      VAULT_ROLE_ID: vault.roleId,
      VAULT_SECRET_ID: vault.secretId,
      CI_DB_PASSWORD: TYPED_VALUE,
      SEED_VALUE: TYPED_VALUE,
      TERM: 'xterm',
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([server?.dispose(), vault?.stop()]);
  });

  async function runStep(step: Step) {
    const result = await shell.run(step, context);
    const where = `${shell.commandOf(step, context)}\n→ ${result.output}`;
    if (step.seed.startsWith('curl')) {
      expect(result.code, where).toBe(0);
      expect(result.httpStatus, where).toBe(step.status ?? 200);
    } else {
      expect(result.code, where).toBe(step.status ?? 0);
    }
    if (step.output) expect(result.output, where).toMatch(step.output);
    Object.assign(context, step.capture?.(result.body ?? result.output));
    // No example prints a value back, except the JSON of a created token.
    expect(result.body ?? result.output, where).not.toContain(TYPED_VALUE);
  }

  describe('admin API', () => {
    it.each(ADMIN_STEPS.map((step) => [label(step), step] as const))('%s', async (_, step) => {
      await runStep(step);
    });
  });

  describe('input modes and test-run access', () => {
    beforeAll(async () => {
      // The environments the set-policy examples name, as the README creates them.
      const admin = createAdminClient({ baseUrl: server.url, token: server.token });
      await admin.environments.create('acme', { name: 'production', scopes: ['production'] });
      await admin.environments.create('acme', { name: 'test-database', scopes: ['test-only'] });
    });
    it.each(INPUT_STEPS.map((step) => [label(step), step] as const))('%s', async (_, step) => {
      await runStep(step);
    });
  });

  describe('backend registration', () => {
    it.each(BACKEND_STEPS.map((step) => [label(step), step] as const))('%s', async (_, step) => {
      await runStep(step);
    });
  });

  describe('pg customer secrets', () => {
    it.each(FINAL_STEPS.map((step) => [label(step), step] as const))('%s', async (_, step) => {
      await runStep(step);
    });
  });
});
