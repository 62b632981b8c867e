// Interoperability with the Standard Webhooks reference library for JavaScript
// (`standardwebhooks` on npm), both ways, for generated ids, timestamps, bodies and secrets.
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signWebhook, verifyWebhook } from '../src/index.js';

const secretBytes = fc.uint8Array({ minLength: 24, maxLength: 64 });
const id = fc.stringMatching(/^[!-~]{1,64}$/);
const timestamp = fc.integer({ min: 0, max: 4_102_444_800 });
const body = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }),
);
const whsec = (bytes: Uint8Array) => `whsec_${Buffer.from(bytes).toString('base64')}`;

afterEach(() => vi.useRealTimers());

describe('interoperability with the standardwebhooks package', () => {
  it('our signature verifies with theirs', () => {
    fc.assert(
      fc.property(secretBytes, id, timestamp, body, (key, msgId, ts, payload) => {
        vi.useFakeTimers({ toFake: ['Date'], now: ts * 1000 });
        const signature = signWebhook({
          id: msgId,
          timestamp: ts,
          body: payload,
          secrets: [whsec(key)],
        });
        const headers = {
          'webhook-id': msgId,
          'webhook-timestamp': String(ts),
          'webhook-signature': signature,
        };
        new Webhook(whsec(key)).verify(payload, headers, { jsonParse: false });
        expect(signature).toBe(new Webhook(whsec(key)).sign(msgId, new Date(ts * 1000), payload));
      }),
    );
  });

  it('their signature verifies with ours', () => {
    fc.assert(
      fc.property(secretBytes, id, timestamp, body, (key, msgId, ts, payload) => {
        const signature = new Webhook(whsec(key)).sign(msgId, new Date(ts * 1000), payload);
        const headers = {
          'webhook-id': msgId,
          'webhook-timestamp': String(ts),
          'webhook-signature': signature,
        };
        expect(verifyWebhook({ headers, body: payload, secrets: [key], now: ts })).toEqual({
          id: msgId.trim(),
          timestamp: ts,
        });
      }),
    );
  });

  it('both refuse a signature made with another secret', () => {
    fc.assert(
      fc.property(secretBytes, secretBytes, id, body, (signer, receiver, msgId, payload) => {
        fc.pre(Buffer.compare(signer, receiver) !== 0);
        const ts = 1_700_000_000;
        vi.useFakeTimers({ toFake: ['Date'], now: ts * 1000 });
        const signature = signWebhook({ id: msgId, timestamp: ts, body: payload, secrets: signer });
        const headers = {
          'webhook-id': msgId,
          'webhook-timestamp': String(ts),
          'webhook-signature': signature,
        };
        expect(() =>
          new Webhook(whsec(receiver)).verify(payload, headers, { jsonParse: false }),
        ).toThrow();
        expect(() => verifyWebhook({ headers, body: payload, secrets: receiver, now: ts })).toThrow(
          /no signature in webhook-signature matches/,
        );
      }),
      { numRuns: 50 },
    );
  });
});
