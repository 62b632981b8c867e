// What the delivery suites share: a core over a test store, an installation with secrets at
// several levels of its chain, and a real node:http receiver that records what it gets.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Actor,
  type Core,
  type CoreOptions,
  createCore,
  type DeliveryRecord,
  KiciError,
} from '@kici/core';
import { createKeyring } from '@kici/crypto/node';
import { expect } from 'vitest';
import type { PgStore } from '../src/index.js';

export const KEY = new Uint8Array(32).fill(7);
export const owner: Actor = { tokenId: 'bootstrap', label: 'owner', role: 'owner', surface: 'cli' };
export const EXT = 'com.example.mailer';
export const ORG = 'acme';
export const ref = { orgId: ORG, projectKey: 'OPS', extensionId: EXT };

export const openCore = (store: PgStore, options: Partial<CoreOptions> = {}): Promise<Core> =>
  createCore({
    store,
    keyring: createKeyring({ current: KEY, version: 1 }),
    instanceId: 'test-1',
    delivery: { retryBaseMs: 20, retryMaxMs: 200, timeoutMs: 2000, maxAttempts: 4 },
    ...options,
  });

/** The manifest of the seed's mailer, its callback at `url`. */
export function mailerManifest(url: string, delivery: Record<string, unknown> = {}) {
  return {
    extension: {
      name: 'Mailer',
      configuration: {
        SMTP_HOST: { secret: true, required: true, scope: 'extension' },
        SMTP_PASSWORD: { secret: true, required: true },
        SMTP_TLS: { secret: true },
        CHANNEL_ID: { required: true },
        FOOTER: {},
      },
      delivery: {
        callback: { url, secret_keys: ['EXTRA_KEY'] },
        subscribe: ['secret.rotated'],
        ...delivery,
      },
    },
  };
}

/**
 * The mailer installed on OPS of acme, enabled, with secrets at four levels: SMTP_HOST at the
 * extension scope (and a shadowed one at the organization), SMTP_PASSWORD and CHANNEL_ID at
 * the installation, EXTRA_KEY at the project. SMTP_TLS and FOOTER are left unset.
 */
export async function installMailer(
  core: Core,
  manifest: Record<string, unknown>,
  extensionId = EXT,
  projectKey = 'OPS',
) {
  const { model, secrets, gate } = core.extensions;
  const at = { orgId: ORG, projectKey, extensionId };
  await model.putProject(owner, ORG, projectKey, undefined);
  await model.putCatalog(owner, extensionId, manifest);
  await model.putInstallation(owner, at, null);
  await secrets.set(owner, { orgId: ORG, scope: 'organization' }, { SMTP_HOST: 'org.example.com' });
  await secrets.set(
    owner,
    { orgId: ORG, scope: 'extension', id: extensionId },
    { SMTP_HOST: 'smtp.example.com' },
  );
  await secrets.set(
    owner,
    { orgId: ORG, scope: 'project', id: projectKey },
    { EXTRA_KEY: 'extra-value-1' },
  );
  await secrets.set(
    owner,
    { orgId: ORG, scope: 'installation', id: `${projectKey}/${extensionId}` },
    { SMTP_PASSWORD: 'hunter2-password-value', CHANNEL_ID: 'C123' },
  );
  await gate.enable(owner, at);
  return at;
}

export interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A real HTTP receiver: answers each request with the next status of `plan` (then the last). */
export async function startReceiver(
  plan: (number | 'hang')[] = [200],
): Promise<{ url: string; received: Received[]; server: Server; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = plan[Math.min(received.length - 1, plan.length - 1)] as number | 'hang';
      if (status === 'hang') return; // never answers: the sender times out
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: status < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/kiket/events`,
    received,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs worker ticks until the delivery leaves `pending` (or the time runs out). */
export async function drain(core: Core, id: string, timeoutMs = 15_000): Promise<DeliveryRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await core.deliveries.work();
    const shown = await core.deliveries.show(owner, id);
    if (shown.status !== 'pending' || Date.now() > deadline) return shown;
    await sleep(10);
  }
}

/** The KiciError a core call rejects with (the test fails if it resolves). */
export async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KiciError);
  return error as KiciError;
}

export const event = { type: 'issue.created', payload: { issue: 42 } };
