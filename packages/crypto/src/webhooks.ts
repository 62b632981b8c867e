/**
 * `@kici/crypto/webhooks`: Standard Webhooks v1 (https://www.standardwebhooks.com) signing
 * and verification, HMAC-SHA256 on @noble/hashes. Imports no `node:` module.
 * @module
 */
export {
  WebhookSecretError,
  type WebhookVerificationCode,
  WebhookVerificationError,
} from './errors.js';
export {
  generateWebhookSecret,
  parseWebhookSecret,
  WEBHOOK_SECRET_MAX_BYTES,
  WEBHOOK_SECRET_MIN_BYTES,
  WEBHOOK_SECRET_PREFIX,
  type WebhookSecret,
} from './webhook-secret.js';
export {
  type SignWebhookOptions,
  signWebhook,
  WEBHOOK_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_SIGNATURE_VERSION,
  WEBHOOK_TIMESTAMP_HEADER,
  type WebhookBody,
  type WebhookHeaders,
  webhookHeaders,
} from './webhook-sign.js';
export {
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  type VerifiedWebhook,
  type VerifyWebhookOptions,
  verifyWebhook,
  type WebhookHeaderSource,
} from './webhook-verify.js';
