// Mutual TLS end to end: a real kici-server delivers to a real node:https receiver that requires
// a client certificate. The certificate, its key and the CA come from the extension store
// (written by `kiket extensions secrets set --env-file` with multi-line PEMs), are used for the
// handshake only, and appear in no payload, answer or output.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import type { TestServer } from '@kici/server/testing';
import { makeCertificates } from '@kici/store-pg/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from './cli-process.js';
import {
  type Cluster,
  clientOf,
  createCluster,
  createRecorder,
  singleDriver,
} from './orchestrator.js';

const EXT = 'com.example.secure-mailer';
const manifest = (url: string) => `extension:
  configuration:
    SMTP_HOST: {secret: true, required: true}
  delivery:
    callback:
      url: ${url}
      mtls: {certificate_key: TLS_CERT, private_key_key: TLS_KEY, ca_key: TLS_CA}
`;

describe('mutual TLS deliveries end to end', () => {
  const recorder = createRecorder();
  const outputs: string[] = [];
  const received: { body: string; subject: string }[] = [];
  let cluster: Cluster;
  let server: TestServer;
  let receiver: Server;
  let dir: string;
  let pems: ReturnType<typeof makeCertificates>;
  const env = () => ({
    KICI_ADMIN_URL: server.url,
    KICI_ADMIN_TOKEN: server.token,
    KICI_ORG_ID: 'acme',
  });
  const kiket = cliRunner('kiket', env, outputs, () => dir);
  const admin = cliRunner('kici-admin', env, outputs, () => dir);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kici-e2e-mtls-'));
    pems = makeCertificates(dir);
    receiver = createServer(
      { cert: pems.serverCert, key: pems.serverKey, ca: pems.ca, requestCert: true },
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const peer = (req.socket as TLSSocket).getPeerCertificate();
          received.push({
            body: Buffer.concat(chunks).toString(),
            subject: String(peer.subject?.CN),
          });
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        });
      },
    );
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(receiver.address() as AddressInfo).port}/kiket/events`;
    cluster = createCluster(singleDriver(), { KICI_DELIVERY_MAX_ATTEMPTS: '1' });
    server = await cluster.start();
    const owner = clientOf(server, recorder);
    await owner.extensions.catalog.put(EXT, manifest(url));
    await owner.extensions.projects.put('acme', 'OPS');
    await owner.extensions.installations.put('acme', 'OPS', EXT);
  }, 180_000);

  afterAll(async () => {
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
    await cluster?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('presents the client certificate from the store; the PEMs stay out of the body', async () => {
    const quoted = (pem: string) => `"${pem.trim()}"`;
    await writeFile(
      join(dir, '.env.mtls'),
      `SMTP_HOST=smtp.internal.example\nTLS_CERT=${quoted(pems.clientCert)}\nTLS_KEY=${quoted(pems.clientKey)}\nTLS_CA=${quoted(pems.ca)}\n`,
    );
    const set = await kiket(
      ...['extensions', 'secrets', 'set', '--scope', 'installation', '--id', `OPS/${EXT}`],
      ...['--env-file', '.env.mtls'],
    );
    expect(set.code, set.stderr).toBe(0);
    const enabled = await kiket('marketplace', 'enable', EXT, '--project', 'OPS');
    expect(enabled.code, enabled.stderr).toBe(0);
    const run = await admin('extensions', 'invoke', EXT, '--project', 'OPS', '--wait');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/attempt 1: HTTP 200 after \d+ ms, delivered/);
    expect(received).toHaveLength(1);
    expect(received[0]?.subject).toBe('kici-orchestrator');
    const body = JSON.parse(received[0]?.body ?? '{}');
    expect(body.secrets).toEqual({ SMTP_HOST: 'smtp.internal.example' });
    expect(body.secret_status).toEqual({ missing: [] });
    const leaks = [pems.clientKey.trim(), pems.clientCert.trim(), 'PRIVATE KEY'];
    for (const text of [received[0]?.body ?? '', ...recorder.texts, ...outputs, server.output()]) {
      for (const leak of leaks) expect(text).not.toContain(leak);
    }
  });

  it('fails without sending when the receiver does not trust the client certificate', async () => {
    const rogueDir = await mkdtemp(join(tmpdir(), 'kici-e2e-mtls-rogue-'));
    try {
      const rogue = makeCertificates(rogueDir);
      const owner = clientOf(server, recorder);
      await owner.extensions.secrets.set(
        { orgId: 'acme', scope: 'installation', id: `OPS/${EXT}` },
        { TLS_CERT: rogue.clientCert, TLS_KEY: rogue.clientKey },
      );
      const run = await admin('extensions', 'invoke', EXT, '--project', 'OPS', '--wait');
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        /attempt 1: no answer after \d+ ms, failed \((TLS|connection) error/,
      );
      expect(run.stderr).toMatch(/^Error: delivery msg_\w{26} failed after 1 attempt: /);
      expect(received).toHaveLength(1);
      expect(run.stdout + run.stderr).not.toContain('PRIVATE KEY');
    } finally {
      await rm(rogueDir, { recursive: true, force: true });
    }
  });
});
