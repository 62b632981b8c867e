import { randomBytes } from '@noble/hashes/utils.js';
import { base64ToBytes, bytesToBase64 } from './base64.js';
import { isBytes } from './bytes.js';
import { WebhookSecretError } from './errors.js';

/** The prefix Standard Webhooks puts before the base64 of a signing secret. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** Secret lengths Standard Webhooks recommends (bytes). */
export const WEBHOOK_SECRET_MIN_BYTES = 24;
export const WEBHOOK_SECRET_MAX_BYTES = 64;
const GENERATED_BYTES = 32;

/** A signing secret as text (`whsec_…`, or the bare base64) or as its raw key bytes. */
export type WebhookSecret = string | Uint8Array;

/** A new signing secret: `whsec_` and base64 of 32 bytes from the platform CSPRNG. */
export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + bytesToBase64(randomBytes(GENERATED_BYTES));
}

/**
 * The key bytes of a signing secret given as `whsec_` and standard base64 of 24 to 64 bytes
 * (the prefix and the padding may be left off). Surrounding whitespace is ignored.
 * @throws {WebhookSecretError} whose message never contains the input.
 */
export function parseWebhookSecret(text: string): Uint8Array {
  if (typeof text !== 'string') throw new WebhookSecretError(expected('a non-string value'));
  const trimmed = text.trim();
  const body = trimmed.startsWith(WEBHOOK_SECRET_PREFIX)
    ? trimmed.slice(WEBHOOK_SECRET_PREFIX.length)
    : trimmed;
  const bytes = base64ToBytes(body);
  if (bytes === undefined) {
    throw new WebhookSecretError(
      expected(
        body.length === 0 ? 'no base64' : `${body.length} characters that are not canonical base64`,
      ),
    );
  }
  return checkLength(bytes);
}

/** The key bytes of a secret given as text or bytes (bytes are checked, not copied). */
export function webhookSecretBytes(secret: WebhookSecret): Uint8Array {
  if (typeof secret === 'string') return parseWebhookSecret(secret);
  if (!isBytes(secret)) throw new WebhookSecretError(expected('neither a string nor a Uint8Array'));
  return checkLength(secret);
}

function checkLength(bytes: Uint8Array): Uint8Array {
  if (bytes.length < WEBHOOK_SECRET_MIN_BYTES || bytes.length > WEBHOOK_SECRET_MAX_BYTES) {
    throw new WebhookSecretError(expected(`${bytes.length} bytes`));
  }
  return bytes;
}

function expected(received: string): string {
  return (
    `Invalid webhook secret: expected "${WEBHOOK_SECRET_PREFIX}" followed by standard base64 of ` +
    `${WEBHOOK_SECRET_MIN_BYTES} to ${WEBHOOK_SECRET_MAX_BYTES} bytes (generate one with ` +
    `generateWebhookSecret()); received ${received}`
  );
}
