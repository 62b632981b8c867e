// HTTPS from KICI_TLS_CERT_FILE / KICI_TLS_KEY_FILE, as a client meets it: the certificate
// served, HSTS, a reload on SIGHUP, and the start-up errors that name the file at fault.
import { copyFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { makeTestCertificates, type TestCertificates } from '@kici/vault-test-server/certificates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/testing.js';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** SHA-256 fingerprint of the certificate the server presented. */
  readonly fingerprint: string;
  readonly text: string;
}

interface Sent {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** One request on a fresh connection (no keep-alive), trusting `ca` only; a GET by default. */
function get(url: string, ca: string | undefined, sent: Sent = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const { method = 'GET', headers = {}, body } = sent;
    const req = request(url, { ca, agent: false, method, headers }, (response) => {
      const fingerprint = (response.socket as TLSSocket).getPeerCertificate().fingerprint256;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          fingerprint,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: NodeJS.ErrnoException) => error.code,
  );

async function waitFor(server: TestServer, text: string, from: number): Promise<void> {
  for (let i = 0; i < 200 && !server.output().slice(from).includes(text); i++)
    await new Promise((resolve) => setTimeout(resolve, 25));
  expect(server.output().slice(from)).toContain(text);
}

describe('HTTPS', () => {
  let first: TestCertificates;
  let second: TestCertificates;
  let served: TestCertificates; // the files the server is configured with
  let server: TestServer;

  beforeAll(async () => {
    [first, second, served] = await Promise.all([
      makeTestCertificates(),
      makeTestCertificates(),
      makeTestCertificates(),
    ]);
    copyFileSync(first.certFile, served.certFile);
    copyFileSync(first.keyFile, served.keyFile);
    server = await startTestServer({
      driver: 'pglite',
      env: { KICI_TLS_CERT_FILE: served.certFile, KICI_TLS_KEY_FILE: served.keyFile },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
    await Promise.all([first, second, served].map((c) => c?.dispose()));
  });

  it('serves HTTPS with HSTS and logs the https address; an untrusted client is refused', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.output()).toContain(`Listening on ${server.url}`);
    const answer = await get(`${server.url}/healthz`, first.caPem);
    expect(answer.status).toBe(200);
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(await failure(get(`${server.url}/healthz`, undefined))).toBe(
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    );
  });

  it('keeps the dashboard session in a Secure cookie over HTTPS', async () => {
    const created = await get(`${server.url}/api/v1/admin/tokens`, first.caPem, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'dashboard', role: 'admin', surface: 'dashboard' }),
    });
    expect(created.status).toBe(200);
    const { token } = JSON.parse(created.text) as { token: string };
    const signedIn = await get(`${server.url}/ui/sign-in`, first.caPem, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/ui/secrets');
    const [cookie] = signedIn.headers['set-cookie'] ?? [];
    expect(cookie?.split('; ').slice(1).sort()).toEqual([
      'HttpOnly',
      'Max-Age=43200',
      'Path=/ui',
      'SameSite=Strict',
      'Secure',
    ]);
  });

  it('SIGHUP reloads the certificate: new connections see the new one', async () => {
    const before = await get(`${server.url}/healthz`, first.caPem);
    copyFileSync(second.certFile, served.certFile);
    copyFileSync(second.keyFile, served.keyFile);
    const from = server.output().length;
    server.process.kill('SIGHUP');
    await waitFor(server, `Reloaded the TLS certificate from ${served.certFile}`, from);
    const after = await get(`${server.url}/healthz`, second.caPem);
    expect(after.status).toBe(200);
    expect(after.fingerprint).not.toBe(before.fingerprint);
    expect(await failure(get(`${server.url}/healthz`, first.caPem))).toBe(
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    );
  });

  it('a bad file on reload keeps the current certificate and logs why', async () => {
    const before = await get(`${server.url}/healthz`, second.caPem);
    writeFileSync(served.certFile, 'not a certificate\n');
    const from = server.output().length;
    server.process.kill('SIGHUP');
    await waitFor(server, 'TLS reload failed, keeping the current certificate', from);
    expect(server.output().slice(from)).toContain(
      `KICI_TLS_CERT_FILE: ${served.certFile} holds no PEM certificate`,
    );
    const after = await get(`${server.url}/healthz`, second.caPem);
    expect([after.status, after.fingerprint]).toEqual([200, before.fingerprint]);
    expect(server.process.exitCode).toBeNull();
  });
});

describe('HTTPS configuration refused at start', () => {
  let certs: TestCertificates;
  let other: TestCertificates;
  beforeAll(async () => {
    [certs, other] = await Promise.all([makeTestCertificates(), makeTestCertificates()]);
  });
  afterAll(() => Promise.all([certs?.dispose(), other?.dispose()]));

  const refusal = (env: Record<string, string>) =>
    startTestServer({ driver: 'pglite', env }).then(
      async (server) => {
        await server.dispose();
        throw new Error('kici-server started');
      },
      (error: Error) => error.message,
    );

  it('names the missing half, an unreadable file, a damaged PEM and a key that does not match', async () => {
    const onlyCert = await refusal({ KICI_TLS_CERT_FILE: certs.certFile });
    expect(onlyCert).toMatch(/exited with 1/);
    expect(onlyCert).toContain(
      'KICI_TLS_CERT_FILE is set but KICI_TLS_KEY_FILE is not (HTTPS needs both)',
    );
    expect(await refusal({ KICI_TLS_KEY_FILE: certs.keyFile })).toContain(
      'KICI_TLS_KEY_FILE is set but KICI_TLS_CERT_FILE is not',
    );

    const missing = `${certs.certFile}.missing`;
    expect(
      await refusal({ KICI_TLS_CERT_FILE: missing, KICI_TLS_KEY_FILE: certs.keyFile }),
    ).toContain(`KICI_TLS_CERT_FILE: cannot read ${missing} (ENOENT)`);

    const damaged = `${certs.certFile}.damaged`;
    writeFileSync(damaged, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    expect(
      await refusal({ KICI_TLS_CERT_FILE: damaged, KICI_TLS_KEY_FILE: certs.keyFile }),
    ).toContain(`KICI_TLS_CERT_FILE: ${damaged} is not a valid PEM certificate`);

    expect(
      await refusal({ KICI_TLS_CERT_FILE: certs.certFile, KICI_TLS_KEY_FILE: certs.certFile }),
    ).toContain(`KICI_TLS_KEY_FILE: ${certs.certFile} holds no PEM private key`);
    expect(
      await refusal({ KICI_TLS_CERT_FILE: certs.certFile, KICI_TLS_KEY_FILE: other.keyFile }),
    ).toContain(`KICI_TLS_KEY_FILE: ${other.keyFile} is not a valid PEM private key for`);
  }, 120_000);
});
