import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '@kici/core';
import { verifyWebhook } from '@kici/crypto/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificates, testDrivers } from '../src/testing.js';
import {
  drain,
  EXT,
  installMailer,
  mailerManifest,
  ORG,
  openCore,
  owner,
  ref,
} from './delivery-fixture.js';
import { useTestStore } from './use-test-store.js';

describe.each(testDrivers())('mutual TLS deliveries on %s', (driver) => {
  const t = useTestStore(driver);
  let core: Core;
  let server: Server;
  let dir: string;
  let pems: ReturnType<typeof makeCertificates>;
  const received: { body: string; headers: Record<string, unknown>; subject: string }[] = [];
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kici-mtls-'));
    pems = makeCertificates(dir);
    server = createServer(
      {
        cert: pems.serverCert,
        key: pems.serverKey,
        ca: pems.ca,
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const peer = (req.socket as import('node:tls').TLSSocket).getPeerCertificate();
          received.push({
            body: Buffer.concat(chunks).toString('utf8'),
            headers: req.headers,
            subject: String(peer.subject?.CN),
          });
          res.writeHead(200).end('{"ok":true}');
        });
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/kiket/events`;
    core = await openCore(t.store, { delivery: { maxAttempts: 1, timeoutMs: 2000 } });
  }, 120_000);
  afterAll(async () => {
    core?.deliveries.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const mtls = { certificate_key: 'TLS_CERT', private_key_key: 'TLS_KEY', ca_key: 'TLS_CA' };
  const event = { type: 'issue.created' };

  it('presents the client certificate from the secret store, and keeps it out of the body', async () => {
    await installMailer(
      core,
      mailerManifest(url, { callback: { url, secret_keys: ['EXTRA_KEY'], mtls } }),
    );
    // A required mTLS key that does not resolve stops the invoke, named.
    await expect(core.deliveries.invoke(owner, ref, { type: 'issue.created' })).rejects.toThrow(
      /required secrets missing: TLS_CA, TLS_CERT, TLS_KEY/,
    );
    await core.extensions.secrets.set(
      owner,
      { orgId: ORG, scope: 'installation', id: `OPS/${EXT}` },
      {
        TLS_CERT: pems.clientCert,
        TLS_KEY: pems.clientKey,
      },
    );
    await core.extensions.secrets.set(
      owner,
      { orgId: ORG, scope: 'organization' },
      { TLS_CA: pems.ca },
    );
    const queued = await core.deliveries.invoke(owner, ref, { type: 'issue.created' });
    const done = await drain(core, queued.id);
    expect(done).toMatchObject({ status: 'delivered', lastStatusCode: 200 });
    expect(received).toHaveLength(1);
    const [got] = received;
    expect(got?.subject).toBe('kici-orchestrator');
    const { secret } = await core.deliveries.signingSecret.reveal(owner, ref);
    expect(() =>
      verifyWebhook({ headers: got?.headers as never, body: got?.body ?? '', secrets: secret }),
    ).not.toThrow();
    const body = JSON.parse(got?.body ?? '{}');
    expect(Object.keys(body.secrets).sort()).toEqual(['EXTRA_KEY', 'SMTP_HOST', 'SMTP_PASSWORD']);
    for (const pem of [pems.clientKey, pems.clientCert, 'PRIVATE KEY', 'CERTIFICATE']) {
      expect(got?.body).not.toContain(pem);
    }
  });

  it('is refused by the server with a certificate it does not trust, and not sent without one', async () => {
    // A client certificate of another CA: the server ends the handshake.
    const rogueDir = mkdtempSync(join(tmpdir(), 'kici-mtls-rogue-'));
    try {
      const rogue = makeCertificates(rogueDir);
      const install = { orgId: ORG, scope: 'installation' as const, id: `OPS/${EXT}` };
      await core.extensions.secrets.set(owner, install, {
        TLS_CERT: rogue.clientCert,
        TLS_KEY: rogue.clientKey,
      });
      const before = received.length;
      const refused = await drain(core, (await core.deliveries.invoke(owner, ref, event)).id);
      expect(refused).toMatchObject({ status: 'failed', lastStatusCode: null });
      expect(refused.lastError).toMatch(/^(TLS|connection) error [A-Z0-9_]+ \(127\.0\.0\.1:\d+\)/);
      expect(refused.lastError).not.toContain('PRIVATE');
      expect(received.length).toBe(before);
      // Without the mTLS secrets nothing is sent at all: the delivery fails fast, named.
      const queued = await core.deliveries.invoke(owner, ref, event);
      await core.extensions.secrets.delete(owner, install, 'TLS_KEY');
      const unsent = await drain(core, queued.id);
      expect(unsent).toMatchObject({
        status: 'failed',
        lastError: 'required secret TLS_KEY is missing',
      });
      expect(received.length).toBe(before);
    } finally {
      rmSync(rogueDir, { recursive: true, force: true });
    }
  });
});
