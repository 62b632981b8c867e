// `kici-admin` against a kici-server that speaks HTTPS with a private CA: --ca and
// KICI_ADMIN_CA_FILE trust it; without them the TLS failure is named, with what to do.
import { writeFileSync } from 'node:fs';
import { startTestServer, type TestServer } from '@kici/server/testing';
import { makeTestCertificates, type TestCertificates } from '@kici/vault-test-server/certificates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, json } from './helpers.js';

describe('kici-admin over HTTPS', () => {
  let certs: TestCertificates;
  let server: TestServer;
  let run: ReturnType<typeof cli>;

  beforeAll(async () => {
    certs = await makeTestCertificates();
    server = await startTestServer({
      driver: 'pglite',
      env: { KICI_TLS_CERT_FILE: certs.certFile, KICI_TLS_KEY_FILE: certs.keyFile },
    });
    run = cli(server);
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
    await certs?.dispose();
  });

  it('--ca <file> trusts the server: token list works', async () => {
    expect(server.url).toMatch(/^https:/);
    const result = await run(['--ca', certs.caFile, 'token', 'list', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(json<{ tokens: unknown[] }>(result).tokens.length).toBeGreaterThan(0);
  });

  it('KICI_ADMIN_CA_FILE does the same, for writes and reveals too', async () => {
    const env = { KICI_ADMIN_CA_FILE: certs.caFile };
    const set = await run(['secret', 'set', 'acme', 'shared', 'API_KEY', '--from-stdin'], {
      env,
      input: 'value-1',
    });
    expect(set.code, set.stderr).toBe(0);
    const reveal = await run(['secret', 'reveal', 'acme', 'shared', 'API_KEY', '--json'], {
      env,
    });
    expect(reveal.code, reveal.stderr).toBe(0);
    expect(json<{ value: string }>(reveal).value).toBe('value-1');
  });

  it('without the CA it fails with the TLS error and says how to trust the server', async () => {
    const result = await run(['token', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Cannot reach the admin API at ${server.url} (UNABLE_TO_VERIFY_LEAF_SIGNATURE)`,
    );
    expect(result.stderr).toContain('pass --ca <file> or set KICI_ADMIN_CA_FILE');
    const wrongCa = await run(['token', 'list'], { env: { KICI_ADMIN_CA_FILE: certs.certFile } });
    expect(wrongCa.code).toBe(1);
    expect(wrongCa.stderr).toContain('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('a CA file that is missing or holds no certificate is a usage error naming it', async () => {
    const missing = `${certs.caFile}.missing`;
    const flag = await run(['--ca', missing, 'token', 'list']);
    expect([flag.code, flag.stderr]).toEqual([
      2,
      expect.stringContaining(`--ca: cannot read ${missing} (ENOENT)`),
    ]);
    const garbage = `${certs.caFile}.garbage`;
    writeFileSync(garbage, 'not a certificate\n');
    const variable = await run(['token', 'list'], { env: { KICI_ADMIN_CA_FILE: garbage } });
    expect([variable.code, variable.stderr]).toEqual([
      2,
      expect.stringContaining(`KICI_ADMIN_CA_FILE: ${garbage} holds no PEM certificate`),
    ]);
  });
});
