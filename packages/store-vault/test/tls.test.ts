// https with a custom CA given as PEM text (caCert): trusted when given, refused without.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approleBackend,
  failure,
  makeTestCertificates,
  startVaultTestServer,
  type TestCertificates,
  tokenBackend,
  type VaultTestServer,
} from './helpers.js';

let certificates: TestCertificates;
let server: VaultTestServer;
beforeAll(async () => {
  certificates = await makeTestCertificates();
  server = await startVaultTestServer({
    tls: { certFile: certificates.certFile, keyFile: certificates.keyFile },
  });
  await server.seed('kici/secrets/tls/app', { KEY: 'over-tls' });
});
afterAll(async () => {
  await server.stop();
  await certificates.dispose();
});

describe('https with a custom CA', () => {
  it('reads, lists and checks when caCert is the signing CA', async () => {
    expect(server.url.startsWith('https://')).toBe(true);
    const backend = tokenBackend(server, { caCert: certificates.caPem });
    expect(await backend.readScope('tls/app')).toEqual({ KEY: 'over-tls' });
    expect(await backend.listPaths()).toEqual(['tls/app']);
    await backend.check();
    await backend.close();
  });

  it('logs in with AppRole over https', async () => {
    const backend = approleBackend(server, { caCert: certificates.caPem });
    expect(await backend.readScope('tls/app')).toEqual({ KEY: 'over-tls' });
    await backend.close();
  });

  it('without caCert the certificate is not trusted: unreachable, saying why', async () => {
    const backend = tokenBackend(server);
    const error = await failure(backend.readScope('tls/app'));
    expect(error.reason).toBe('unreachable');
    expect(error.message).toMatch(
      /TLS certificate of 127\.0\.0\.1:\d+ not trusted \([A-Z_]+\) while reading "tls\/app"; set caCert/,
    );
    await backend.close();
  });

  it('another CA is not trusted either', async () => {
    const other = await makeTestCertificates();
    try {
      const backend = tokenBackend(server, { caCert: other.caPem });
      expect((await failure(backend.check())).reason).toBe('unreachable');
      await backend.close();
    } finally {
      await other.dispose();
    }
  });
});
