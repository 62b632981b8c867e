import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { bytesToBase64 } from './base64.js';
import { isBytes } from './bytes.js';
import { type WebhookSecret, webhookSecretBytes } from './webhook-secret.js';

/** The three Standard Webhooks headers, lowercase. */
export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';
/** The version tag of an HMAC-SHA256 signature in `webhook-signature`. */
export const WEBHOOK_SIGNATURE_VERSION = 'v1';

/** A webhook's raw body: exactly the bytes sent (a string is sent as UTF-8). */
export type WebhookBody = string | Uint8Array;

export interface SignWebhookOptions {
  /** The message id (`webhook-id`), the same on every retry of one message. */
  id: string;
  /** When the message was (re)sent, in integer Unix seconds (`webhook-timestamp`). */
  timestamp: number;
  body: WebhookBody;
  /** One or more signing secrets; each adds one `v1,` entry, in this order (rotation). */
  secrets: WebhookSecret | readonly WebhookSecret[];
}

export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/**
 * The `webhook-signature` value: `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`
 * for each secret, separated by single spaces.
 */
export function signWebhook(options: SignWebhookOptions): string {
  const { id, timestamp, body } = options;
  if (typeof id !== 'string' || id.length === 0 || /[\s\p{Cc}]/u.test(id)) {
    throw new TypeError('id: expected a non-empty string without whitespace or control characters');
  }
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new TypeError('timestamp: expected a non-negative integer number of Unix seconds');
  }
  const secrets = secretList(options.secrets);
  const content = signedContent(id, String(timestamp), bodyBytes(body));
  return secrets.map((secret) => signatureEntry(webhookSecretBytes(secret), content)).join(' ');
}

/** The three headers for a message; `timestamp` defaults to now. */
export function webhookHeaders(
  options: Omit<SignWebhookOptions, 'timestamp'> & { timestamp?: number },
): WebhookHeaders {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    [WEBHOOK_ID_HEADER]: options.id,
    [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
    [WEBHOOK_SIGNATURE_HEADER]: signWebhook({ ...options, timestamp }),
  };
}

/** `<id>.<timestamp>.` followed by the body bytes: what the HMAC covers. */
export function signedContent(id: string, timestamp: string, body: Uint8Array): Uint8Array {
  return concatBytes(utf8ToBytes(`${id}.${timestamp}.`), body);
}

/** `v1,` and the base64 HMAC-SHA256 of `content` under `key`. */
export function signatureEntry(key: Uint8Array, content: Uint8Array): string {
  return `${WEBHOOK_SIGNATURE_VERSION},${bytesToBase64(hmac(sha256, key, content))}`;
}

export function bodyBytes(body: WebhookBody): Uint8Array {
  if (typeof body === 'string') return utf8ToBytes(body);
  if (isBytes(body)) return body;
  throw new TypeError('body: expected a string or a Uint8Array (the raw body)');
}

export function secretList(secrets: WebhookSecret | readonly WebhookSecret[]): WebhookSecret[] {
  const list = Array.isArray(secrets) ? [...secrets] : [secrets as WebhookSecret];
  if (list.length === 0) throw new TypeError('secrets: expected at least one secret');
  return list;
}
