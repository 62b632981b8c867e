/**
 * The master key text was not 64 hex characters or base64 of 32 bytes.
 * The message says what was expected and never contains the input.
 */
export class MasterKeyError extends Error {
  override readonly name = 'MasterKeyError';
}

/**
 * An envelope could not be opened. One message for every cause (wrong key, changed AAD,
 * changed byte, truncated or unknown format), so a caller learns nothing it could use as
 * an oracle.
 */
export class DecryptError extends Error {
  override readonly name = 'DecryptError';
  constructor() {
    super('Decryption failed: wrong key, wrong context, or corrupted data');
  }
}

/**
 * A webhook signing secret was not `whsec_` and base64 of 24 to 64 bytes. The message says
 * what was expected and never contains the input.
 */
export class WebhookSecretError extends Error {
  override readonly name = 'WebhookSecretError';
}

/** Why `verifyWebhook` refused a request. */
export type WebhookVerificationCode =
  | 'MISSING_HEADER'
  | 'DUPLICATE_HEADER'
  | 'INVALID_TIMESTAMP'
  | 'TIMESTAMP_TOO_OLD'
  | 'TIMESTAMP_TOO_NEW'
  | 'NO_MATCHING_SIGNATURE';

/**
 * A webhook failed verification. `code` names the reason; the message never contains a
 * secret or a signature.
 */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  readonly code: WebhookVerificationCode;
  constructor(code: WebhookVerificationCode, message: string) {
    super(message);
    this.code = code;
  }
}
