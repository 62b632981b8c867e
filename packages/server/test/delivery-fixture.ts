// What the delivery tests share: a real kici-server, a node:http receiver as the extension's
// callback, and an installation of the mailer whose keys come from four scopes.
import { type AdminClient, createAdminClient, type DeliveryDetail } from '@kici/contracts';
import { expect } from 'vitest';
import { startTestServer, type TestDriver, type TestServer } from '../src/testing.js';
import { type Receiver, startReceiver } from './receiver.js';

export const ORG = 'acme';
export const PROJECT = 'OPS';
export const EXT = 'com.example.mailer';
export const AT = { orgId: ORG, projectKey: PROJECT, extensionId: EXT };

/** Every value the fixture writes: none may appear in an answer, a row or a log line. */
export const VALUES = {
  orgHost: 'org-smtp-host-value',
  extHost: 'ext-smtp-host-value',
  instPassword: 'inst-smtp-password-value',
  extPassword: 'ext-smtp-password-value',
  orgExtra: 'org-extra-key-value',
};

export const manifest = (url: string) => `
extension:
  name: Mailer
  configuration:
    SMTP_HOST: {secret: true, required: true, scope: extension}
    SMTP_PASSWORD: {secret: true, required: true}
    SMTP_PORT: {secret: false}
    OPTIONAL_TOKEN: {secret: true}
  delivery:
    callback:
      url: ${url}
      secret_keys: [EXTRA_KEY]
    subscribe: [secret.rotated]
`;

export interface DeliveryFixture {
  server: TestServer;
  receiver: Receiver;
  owner: AdminClient;
}

/** Starts the server (extra env) and the receiver, and installs and enables the mailer. */
export async function startDeliveryFixture(
  driver: TestDriver,
  env: Record<string, string> = {},
): Promise<DeliveryFixture> {
  const receiver = await startReceiver();
  const server = await startTestServer({ driver, env });
  const owner = createAdminClient({ baseUrl: server.url, token: server.token });
  const ext = owner.extensions;
  await ext.catalog.put(EXT, manifest(receiver.url));
  await ext.projects.put(ORG, PROJECT);
  await ext.installations.put(ORG, PROJECT, EXT);
  // SMTP_HOST: organization and extension (extension wins); SMTP_PASSWORD: extension and
  // installation (installation wins); EXTRA_KEY: organization only; SMTP_PORT: configuration.
  await ext.secrets.set(
    { orgId: ORG, scope: 'organization' },
    { SMTP_HOST: VALUES.orgHost, EXTRA_KEY: VALUES.orgExtra },
  );
  await ext.secrets.set(
    { orgId: ORG, scope: 'extension', id: EXT },
    { SMTP_HOST: VALUES.extHost, SMTP_PASSWORD: VALUES.extPassword },
  );
  await ext.secrets.set(
    { orgId: ORG, scope: 'installation', id: `${PROJECT}/${EXT}` },
    { SMTP_PASSWORD: VALUES.instPassword, SMTP_PORT: '2525' },
  );
  await ext.installations.enable(ORG, PROJECT, EXT);
  return { server, receiver, owner };
}

/** Polls a delivery until it is no longer pending. */
export async function settled(owner: AdminClient, id: string): Promise<DeliveryDetail> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const detail = await owner.deliveries.show(id);
    if (detail.status !== 'pending') return detail;
    if (Date.now() > deadline) throw new Error(`delivery ${id} still pending`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** No value of the fixture in `text` (an answer, a log). */
export function expectNoValue(text: string) {
  for (const value of Object.values(VALUES)) expect(text).not.toContain(value);
}
