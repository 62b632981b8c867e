// What the delivery e2e tests share: the mailer's manifest, the values they write (none may
// show up in an answer, an output, a log or a table) and polling a delivery to its end.
import type { AdminClient, DeliveryDetail } from '@kici/contracts';
import { startMailer } from './mailer.js';

export const EXT = 'com.example.mailer';
export const INSTALLATION_ID = `OPS/${EXT}`;

export const VALUES = {
  orgHost: 'org-smtp.mail.example.net',
  extHost: 'ext-smtp.mail.example.net',
  instHost: 'inst-smtp.mail.example.net',
  envPassword: 'env-fallback-password-4242',
  passwordOne: 'first-smtp-password-7171',
  passwordTwo: 'second-smtp-password-9393',
  apiToken: 'mailer-api-token-5151',
  extra: 'extra-key-value-2626',
};

/**
 * The mailer: SMTP_HOST org-wide (required), SMTP_PASSWORD optional (the env fallback until it
 * is set), API_TOKEN required per project, EXTRA_KEY asked by the callback; rotation webhooks.
 */
export const deliveryManifest = (url: string) => `extension:
  name: Mailer
  configuration:
    SMTP_HOST: {secret: true, required: true, scope: extension}
    SMTP_PASSWORD: {secret: true}
    API_TOKEN: {secret: true, required: true}
  delivery:
    callback:
      url: ${url}
      secret_keys: [EXTRA_KEY]
      timeout_ms: 5000
    subscribe: [secret.rotated]
`;

/** Polls a delivery until it is delivered or failed. */
export async function settle(admin: AdminClient, id: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const detail: DeliveryDetail = await admin.deliveries.show(id);
    if (detail.status !== 'pending') return detail;
    if (Date.now() > deadline) throw new Error(`delivery ${id} is still pending`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Polls a delivery until `attempts` attempts are recorded (still pending or not). */
export async function attempted(admin: AdminClient, id: string, attempts = 1) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const detail = await admin.deliveries.show(id);
    if (detail.attempt_log.length >= attempts) return detail;
    if (Date.now() > deadline) throw new Error(`delivery ${id} has no attempt ${attempts}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The mailer installed on OPS through the API: its signing secret revealed, the extension
 * started with it, the callback pointed at it, its keys set at three scopes, enabled.
 */
export async function installMailer(owner: AdminClient, mailerEnv: Record<string, string> = {}) {
  const at = { orgId: 'acme', projectKey: 'OPS', extensionId: EXT };
  await owner.extensions.catalog.put(EXT, deliveryManifest('http://127.0.0.1:9/kiket/events'));
  await owner.extensions.projects.put('acme', 'OPS');
  await owner.extensions.installations.put('acme', 'OPS', EXT);
  const { secret } = await owner.deliveries.signingSecret.show(at);
  const mailer = await startMailer({ KIKET_SIGNING_SECRET: secret, ...mailerEnv });
  await owner.extensions.catalog.put(EXT, deliveryManifest(mailer.url));
  await owner.extensions.secrets.set(
    { orgId: 'acme', scope: 'organization' },
    { SMTP_HOST: VALUES.orgHost, EXTRA_KEY: VALUES.extra },
  );
  await owner.extensions.secrets.set(
    { orgId: 'acme', scope: 'extension', id: EXT },
    { SMTP_HOST: VALUES.extHost, SMTP_PASSWORD: VALUES.passwordOne },
  );
  await owner.extensions.secrets.set(
    { orgId: 'acme', scope: 'installation', id: INSTALLATION_ID },
    { API_TOKEN: VALUES.apiToken },
  );
  await owner.extensions.installations.enable('acme', 'OPS', EXT);
  return { at, secret, mailer };
}
