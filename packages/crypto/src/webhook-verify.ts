import { utf8ToBytes } from '@noble/hashes/utils.js';
import { equalBytes } from './bytes.js';
import { WebhookVerificationError } from './errors.js';
import type { WebhookSecret } from './webhook-secret.js';
import { webhookSecretBytes } from './webhook-secret.js';
import {
  bodyBytes,
  secretList,
  signatureEntry,
  signedContent,
  WEBHOOK_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  type WebhookBody,
} from './webhook-sign.js';

/** Five minutes, in either direction, as Standard Webhooks recommends. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * Request headers: a fetch `Headers` (anything with `get`), or a record such as Node's
 * `IncomingHttpHeaders`, looked up case-insensitively.
 */
export type WebhookHeaderSource =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyWebhookOptions {
  headers: WebhookHeaderSource;
  /** The raw body as received, before any JSON parsing. */
  body: WebhookBody;
  /** The endpoint's secret, or several during a rotation; any one matching is enough. */
  secrets: WebhookSecret | readonly WebhookSecret[];
  /** How far `webhook-timestamp` may be from `now`, either way. Default 300. */
  toleranceSeconds?: number | undefined;
  /** The current time in Unix seconds. Default: the clock. */
  now?: number | undefined;
}

export interface VerifiedWebhook {
  id: string;
  timestamp: number;
}

const TIMESTAMP = /^[0-9]{1,15}$/;

/**
 * Returns the message id and timestamp if one `v1` signature in `webhook-signature` matches
 * one of the secrets (compared in constant time) and the timestamp is within tolerance.
 * @throws {WebhookVerificationError} with a `code`; the message names no secret or signature.
 */
export function verifyWebhook(options: VerifyWebhookOptions): VerifiedWebhook {
  const tolerance = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new TypeError('toleranceSeconds: expected a non-negative number');
  }
  const keys = secretList(options.secrets).map(webhookSecretBytes);
  const body = bodyBytes(options.body);
  const id = header(options.headers, WEBHOOK_ID_HEADER);
  const timestampText = header(options.headers, WEBHOOK_TIMESTAMP_HEADER);
  const signatures = header(options.headers, WEBHOOK_SIGNATURE_HEADER);

  if (!TIMESTAMP.test(timestampText)) {
    throw new WebhookVerificationError(
      'INVALID_TIMESTAMP',
      `Webhook refused: ${WEBHOOK_TIMESTAMP_HEADER} must be an integer number of Unix seconds`,
    );
  }
  const timestamp = Number(timestampText);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (now - timestamp > tolerance) {
    throw new WebhookVerificationError(
      'TIMESTAMP_TOO_OLD',
      `Webhook refused: ${WEBHOOK_TIMESTAMP_HEADER} is ${now - timestamp} s in the past (tolerance ${tolerance} s)`,
    );
  }
  if (timestamp - now > tolerance) {
    throw new WebhookVerificationError(
      'TIMESTAMP_TOO_NEW',
      `Webhook refused: ${WEBHOOK_TIMESTAMP_HEADER} is ${timestamp - now} s in the future (tolerance ${tolerance} s)`,
    );
  }

  const content = signedContent(id, timestampText, body);
  const received = signatures
    .split(' ')
    .filter((entry) => entry.length > 0)
    .map((entry) => utf8ToBytes(entry));
  let matched = false;
  for (const key of keys) {
    const expected = utf8ToBytes(signatureEntry(key, content));
    for (const entry of received) if (equalBytes(entry, expected)) matched = true;
  }
  if (!matched) {
    throw new WebhookVerificationError(
      'NO_MATCHING_SIGNATURE',
      `Webhook refused: no signature in ${WEBHOOK_SIGNATURE_HEADER} matches ` +
        `(${received.length} received, ${keys.length} secret${keys.length === 1 ? '' : 's'} tried)`,
    );
  }
  return { id, timestamp };
}

function header(source: WebhookHeaderSource, name: string): string {
  const value = lookup(source, name);
  const values = typeof value === 'string' ? [value] : (value ?? []);
  if (values.length > 1) {
    throw new WebhookVerificationError(
      'DUPLICATE_HEADER',
      `Webhook refused: ${name} appears ${values.length} times`,
    );
  }
  const text = values[0]?.trim() ?? '';
  if (text.length === 0) {
    throw new WebhookVerificationError('MISSING_HEADER', `Webhook refused: missing header ${name}`);
  }
  return text;
}

function lookup(source: WebhookHeaderSource, name: string): string | readonly string[] | undefined {
  if (typeof (source as { get?: unknown }).get === 'function') {
    return (source as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const record = source as Readonly<Record<string, string | readonly string[] | undefined>>;
  if (record[name] !== undefined) return record[name];
  for (const key of Object.keys(record)) if (key.toLowerCase() === name) return record[key];
  return undefined;
}
