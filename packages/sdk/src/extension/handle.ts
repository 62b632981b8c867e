import {
  verifyWebhook,
  type WebhookHeaderSource,
  WebhookVerificationError,
} from '@kici/crypto/webhooks';
import { createContext } from './context.js';
import { consoleSink, payloadMasker } from './logger.js';
import { installationKey, MemoStore } from './memo.js';
import { MalformedPayloadError, parseInvocation, ROTATION_EVENT, rotationOf } from './payload.js';
import type { ExtensionOptions, LogSink } from './types.js';

/** An answer before it is put on the wire by an adapter. */
export interface Answer {
  readonly status: number;
  /** JSON text. */
  readonly body: string;
}

export interface Delivery {
  readonly method: string;
  readonly headers: WebhookHeaderSource;
  readonly body: Uint8Array;
}

export const answer = (status: number, body: Record<string, unknown>): Answer => ({
  status,
  body: JSON.stringify(body),
});

export const TOO_LARGE = (limit: number): Answer =>
  answer(413, { error: 'body_too_large', message: `body: larger than ${limit} bytes` });

const TIMESTAMP_CODES = new Set(['TIMESTAMP_TOO_OLD', 'TIMESTAMP_TOO_NEW']);

/** A handler's return value as the JSON body of the 200: `{ ok: true, ... }`. */
function success(result: unknown): Record<string, unknown> {
  if (result === undefined || result === null) return { ok: true };
  if (typeof result === 'object' && !Array.isArray(result)) return { ok: true, ...result };
  return { ok: true, result };
}

export interface Handler {
  (delivery: Delivery): Promise<Answer>;
  readonly memos: MemoStore;
}

/**
 * The runtime-neutral pipeline every adapter shares: verify the signature and timestamp,
 * parse the invocation, then run `handleEvent` (or drop the rotated memos and run `onRotation`).
 */
export function createHandler(
  options: ExtensionOptions,
  secrets: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Handler {
  const memos = new MemoStore();
  const sink: LogSink = options.logger ?? consoleSink;
  const handle = async (delivery: Delivery): Promise<Answer> => {
    if (delivery.method.toUpperCase() !== 'POST') {
      return answer(405, { error: 'method_not_allowed', message: 'method: expected POST' });
    }
    let deliveryId: string;
    try {
      deliveryId = verifyWebhook({
        headers: delivery.headers,
        body: delivery.body,
        secrets,
        toleranceSeconds: options.toleranceSeconds,
      }).id;
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      const code = TIMESTAMP_CODES.has(error.code)
        ? 'timestamp_out_of_tolerance'
        : 'invalid_signature';
      return answer(401, { error: code, message: error.message });
    }

    let payload: ReturnType<typeof parseInvocation>;
    let rotation: ReturnType<typeof rotationOf> | undefined;
    try {
      payload = parseInvocation(delivery.body);
      if (payload.event.type === ROTATION_EVENT) rotation = rotationOf(payload);
    } catch (error) {
      if (!(error instanceof MalformedPayloadError)) throw error;
      return answer(400, { error: 'malformed', message: error.message });
    }

    const masker = payloadMasker(payload.secrets);
    const context = createContext(payload, { env, memos, masker, sink, deliveryId });
    // What a handler returns is masked too: no secret value leaves in an answer.
    const ok = (body: Record<string, unknown>): Answer => ({
      status: 200,
      body: masker.mask(JSON.stringify(body)),
    });
    try {
      if (rotation !== undefined) {
        memos.drop(installationKey(payload.installation), rotation.keys);
        const result = await options.onRotation?.(rotation, context);
        return ok({ ...success(result), rotated: [...rotation.keys] });
      }
      return ok(success(await options.handleEvent(payload, context)));
    } catch (error) {
      // The orchestrator retries a 500; the message is masked like a log line.
      const message = masker.mask(error instanceof Error ? error.message : String(error));
      context.logger.error(`handler failed for delivery ${deliveryId}:`, error);
      return answer(500, { error: 'handler_failed', message });
    }
  };
  return Object.assign(handle, { memos });
}
