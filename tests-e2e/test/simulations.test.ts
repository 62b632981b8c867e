// Simulated failures, at start and at run time: sealed, permission denied, slow responses,
// connection refused; and https.
import https from 'node:https';
import net from 'node:net';
import { makeTestCertificates, type TestCertificates } from '@kici/vault-test-server/certificates';
import { startVaultTestServer, type VaultTestServer } from '@kici/vault-test-server/start';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vault } from './vault.js';

let server: VaultTestServer;
beforeAll(async () => {
  server = await startVaultTestServer();
  await server.seed('app/one', { A: '1' });
  await server.seed('private/two', { B: '2' });
});
afterAll(() => server.stop());

describe('sealed', () => {
  it('answers 503 "Vault is sealed" everywhere and the sealed health body', async () => {
    await server.control({ op: 'seal' });
    try {
      expect(
        await vault(server.url, 'GET', 'secret/data/app/one', { token: server.rootToken }),
      ).toEqual({
        status: 503,
        body: { errors: ['Vault is sealed'] },
      });
      expect((await vault(server.url, 'POST', 'auth/approle/login', { body: {} })).status).toBe(
        503,
      );
      const health = await vault(server.url, 'GET', 'sys/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ initialized: true, sealed: true });
      expect(health.body).not.toHaveProperty('cluster_name');
      expect((await vault(server.url, 'GET', 'sys/health?sealedcode=299')).status).toBe(299);
    } finally {
      await server.control({ op: 'unseal' });
    }
    const health = await vault(server.url, 'GET', 'sys/health');
    expect(health).toMatchObject({
      status: 200,
      body: { sealed: false, cluster_name: 'kici-test' },
    });
  });

  it('can start sealed', async () => {
    const sealed = await startVaultTestServer({ sealed: true });
    try {
      expect((await vault(sealed.url, 'GET', 'sys/health')).status).toBe(503);
      expect((await sealed.control({ op: 'state' })).sealed).toBe(true);
    } finally {
      await sealed.stop();
    }
  });
});

describe('permission denied', () => {
  it('denies a path prefix or a token with 403 "permission denied"', async () => {
    await server.control({ op: 'deny', path: 'secret/data/private/*' });
    const token = server.rootToken;
    expect(await vault(server.url, 'GET', 'secret/data/private/two', { token })).toEqual({
      status: 403,
      body: { errors: ['permission denied'] },
    });
    expect((await vault(server.url, 'GET', 'secret/data/app/one', { token })).status).toBe(200);
    await server.control({ op: 'allow' });
    expect((await vault(server.url, 'GET', 'secret/data/private/two', { token })).status).toBe(200);

    await server.control({ op: 'deny', token });
    expect((await vault(server.url, 'GET', 'secret/data/app/one', { token })).status).toBe(403);
    await server.control({ op: 'allow' });
  });
});

describe('slow responses', () => {
  it('delays every /v1 answer by the configured milliseconds', async () => {
    await server.control({ op: 'delay', ms: 300 });
    try {
      const started = performance.now();
      expect((await vault(server.url, 'GET', 'sys/health')).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      await server.control({ op: 'delay', ms: 0 });
    }
  });
});

const connectError = (url: string) =>
  new Promise<string | undefined>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect(Number(port), hostname, () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code));
  });

describe('connection refused', () => {
  it('closes the port on "refuse" (control port stays up) and listens again on "listen"', async () => {
    await server.control({ op: 'refuse' });
    expect(await connectError(server.url)).toBe('ECONNREFUSED');
    expect((await server.control({ op: 'state' })).listening).toBe(false);
    await server.control({ op: 'listen' });
    expect((await vault(server.url, 'GET', 'sys/health')).status).toBe(200);
  });

  it('refuses through /__control on the main port too, after answering', async () => {
    const response = await fetch(`${server.url}/__control`, {
      method: 'POST',
      body: '{"op":"refuse"}',
    });
    expect(await response.json()).toEqual({ ok: true });
    // The port closes once the answer is written: wait for it.
    let code: string | undefined;
    for (let i = 0; i < 100 && code !== 'ECONNREFUSED'; i++) {
      code = await connectError(server.url);
      if (code !== 'ECONNREFUSED') await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(code).toBe('ECONNREFUSED');
    await server.control({ op: 'listen' });
    expect(await connectError(server.url)).toBeUndefined();
  });

  it('rejects unknown control commands', async () => {
    await expect(server.control({ op: 'explode' })).rejects.toThrow(/unknown command/);
  });
});

describe('https', () => {
  let certificates: TestCertificates;
  let tlsServer: VaultTestServer;
  beforeAll(async () => {
    certificates = await makeTestCertificates();
    tlsServer = await startVaultTestServer({
      tls: { certFile: certificates.certFile, keyFile: certificates.keyFile },
    });
  });
  afterAll(async () => {
    await tlsServer.stop();
    await certificates.dispose();
  });

  it('serves https with a certificate signed by the test CA', async () => {
    expect(tlsServer.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    await tlsServer.seed('tls/one', { T: '1' });
    const get = (ca?: string) =>
      new Promise<string>((resolve, reject) => {
        const request = https.get(
          `${tlsServer.url}/v1/secret/data/tls/one`,
          { headers: { 'X-Vault-Token': tlsServer.rootToken }, ...(ca ? { ca } : {}) },
          (response) => {
            let body = '';
            response.on('data', (chunk) => {
              body += chunk;
            });
            response.on('end', () => resolve(body));
          },
        );
        request.on('error', reject);
      });
    expect(JSON.parse(await get(certificates.caPem)).data.data).toEqual({ T: '1' });
    await expect(get()).rejects.toThrow(/self[- ]signed|unable to (get|verify)/i);
  });
});
