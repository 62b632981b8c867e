import { describe, expect, it } from 'vitest';
import {
  generateWebhookSecret,
  parseWebhookSecret,
  signWebhook,
  verifyWebhook,
  WebhookSecretError,
  WebhookVerificationError,
  webhookHeaders,
} from '../src/index.js';

// The vector of the Standard Webhooks reference libraries (their README and tests).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const NOW = VECTOR.timestamp;
const OTHER = 'whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX'; // 24 bytes 0..23

function refusal(run: () => unknown): WebhookVerificationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return error as WebhookVerificationError;
  }
  throw new Error('expected verifyWebhook to throw');
}

const vectorHeaders = () => ({
  'webhook-id': VECTOR.id,
  'webhook-timestamp': String(VECTOR.timestamp),
  'webhook-signature': VECTOR.signature,
});

describe('Standard Webhooks: the published vector', () => {
  it('signs to the published signature, from a string or bytes, with or without whsec_', () => {
    const base = { id: VECTOR.id, timestamp: VECTOR.timestamp };
    expect(signWebhook({ ...base, body: VECTOR.body, secrets: [VECTOR.secret] })).toBe(
      VECTOR.signature,
    );
    const bytes = new TextEncoder().encode(VECTOR.body);
    expect(signWebhook({ ...base, body: bytes, secrets: VECTOR.secret.slice(6) })).toBe(
      VECTOR.signature,
    );
    expect(
      signWebhook({ ...base, body: VECTOR.body, secrets: parseWebhookSecret(VECTOR.secret) }),
    ).toBe(VECTOR.signature);
  });

  it('verifies the published signature, and headers in any case or as fetch Headers', () => {
    const verified = { id: VECTOR.id, timestamp: VECTOR.timestamp };
    const opts = { body: VECTOR.body, secrets: [VECTOR.secret], now: NOW };
    expect(verifyWebhook({ ...opts, headers: vectorHeaders() })).toEqual(verified);
    const upper = Object.fromEntries(
      Object.entries(vectorHeaders()).map(([k, v]) => [k.toUpperCase(), v]),
    );
    expect(verifyWebhook({ ...opts, headers: upper })).toEqual(verified);
    expect(verifyWebhook({ ...opts, headers: new Headers(vectorHeaders()) })).toEqual(verified);
  });

  it('webhookHeaders gives the three headers, timestamp defaulting to now', () => {
    const { timestamp, ...rest } = VECTOR;
    const headers = webhookHeaders({
      id: rest.id,
      body: rest.body,
      secrets: [rest.secret],
      timestamp,
    });
    expect(headers).toEqual(vectorHeaders());
    const fresh = webhookHeaders({ id: 'msg_1', body: '{}', secrets: [rest.secret] });
    expect(Math.abs(Number(fresh['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    expect(verifyWebhook({ headers: fresh, body: '{}', secrets: rest.secret })).toEqual({
      id: 'msg_1',
      timestamp: Number(fresh['webhook-timestamp']),
    });
  });
});

describe('rotation', () => {
  it('signs once per secret, in order, and a receiver holding either one accepts', () => {
    const signature = signWebhook({ ...VECTOR, secrets: [OTHER, VECTOR.secret] });
    const [first, second] = signature.split(' ');
    expect(second).toBe(VECTOR.signature);
    expect(first).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    const headers = { ...vectorHeaders(), 'webhook-signature': signature };
    for (const secrets of [[OTHER], [VECTOR.secret], [generateWebhookSecret(), OTHER]]) {
      expect(verifyWebhook({ headers, body: VECTOR.body, secrets, now: NOW }).id).toBe(VECTOR.id);
    }
  });

  it('a receiver holding two secrets accepts a message signed with either', () => {
    const secrets = [VECTOR.secret, OTHER];
    for (const signer of secrets) {
      const headers = {
        ...vectorHeaders(),
        'webhook-signature': signWebhook({ ...VECTOR, secrets: [signer] }),
      };
      expect(verifyWebhook({ headers, body: VECTOR.body, secrets, now: NOW }).id).toBe(VECTOR.id);
    }
  });

  it('ignores other versions and empty entries', () => {
    const headers = { ...vectorHeaders(), 'webhook-signature': `v1a,abc  ${VECTOR.signature} ` };
    expect(verifyWebhook({ headers, body: VECTOR.body, secrets: VECTOR.secret, now: NOW }).id).toBe(
      VECTOR.id,
    );
  });
});

describe('refusals', () => {
  const verify = (over: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    refusal(() =>
      verifyWebhook({
        headers: { ...vectorHeaders(), ...headers },
        body: VECTOR.body,
        secrets: [VECTOR.secret],
        now: NOW,
        ...over,
      }),
    );

  it('accepts timestamps exactly at the tolerance either way, refuses one second beyond', () => {
    const ok = (now: number, toleranceSeconds?: number) =>
      verifyWebhook({
        headers: vectorHeaders(),
        body: VECTOR.body,
        secrets: VECTOR.secret,
        now,
        toleranceSeconds,
      });
    expect(ok(NOW + 300).id).toBe(VECTOR.id);
    expect(ok(NOW - 300).id).toBe(VECTOR.id);
    expect(ok(NOW + 10, 10).id).toBe(VECTOR.id);
    expect(verify({ now: NOW + 301 }).code).toBe('TIMESTAMP_TOO_OLD');
    expect(verify({ now: NOW - 301 }).code).toBe('TIMESTAMP_TOO_NEW');
    expect(verify({ now: NOW + 11, toleranceSeconds: 10 }).code).toBe('TIMESTAMP_TOO_OLD');
    expect(verify({ now: NOW - 1, toleranceSeconds: 0 }).code).toBe('TIMESTAMP_TOO_NEW');
    expect(verify({ now: undefined }).message).toMatch(/in the past \(tolerance 300 s\)/);
  });

  it('refuses a tampered body, id or timestamp, and a wrong secret', () => {
    expect(verify({ body: '{"test": 2432232315}' }).code).toBe('NO_MATCHING_SIGNATURE');
    expect(verify({ body: `${VECTOR.body} ` }).code).toBe('NO_MATCHING_SIGNATURE');
    expect(verify({}, { 'webhook-id': `${VECTOR.id}x` }).code).toBe('NO_MATCHING_SIGNATURE');
    const later = String(VECTOR.timestamp + 1);
    expect(verify({}, { 'webhook-timestamp': later }).code).toBe('NO_MATCHING_SIGNATURE');
    expect(verify({ secrets: [OTHER] }).code).toBe('NO_MATCHING_SIGNATURE');
    const truncated = VECTOR.signature.slice(0, -2);
    expect(verify({}, { 'webhook-signature': truncated }).code).toBe('NO_MATCHING_SIGNATURE');
  });

  it('names a missing header, a duplicate and a malformed timestamp', () => {
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const error = verify({}, { [name]: '' });
      expect(error.code).toBe('MISSING_HEADER');
      expect(error.message).toContain(name);
    }
    const duplicated = { ...vectorHeaders(), 'webhook-id': [VECTOR.id, 'msg_2'] };
    expect(verify({ headers: duplicated }).code).toBe('DUPLICATE_HEADER');
    for (const bad of ['1614265330.5', '-1614265330', '1e9', 'abc', '0x60377ff2']) {
      expect(verify({}, { 'webhook-timestamp': bad }).code).toBe('INVALID_TIMESTAMP');
    }
  });

  it('never puts a secret or a signature in a message', () => {
    const errors = [
      verify({ body: 'x' }),
      verify({ now: 0 }),
      verify({}, { 'webhook-signature': `${VECTOR.signature.slice(0, -1)}A` }),
    ];
    for (const error of errors) {
      expect(error.message).not.toContain(VECTOR.signature.slice(3, 15));
      expect(error.message).not.toContain(VECTOR.secret.slice(6, 18));
    }
  });
});

describe('secrets', () => {
  it('generates whsec_ and base64 of 32 bytes, different every time', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(parseWebhookSecret(a)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it('parses with or without the prefix and padding, trimming whitespace', () => {
    const bytes = Uint8Array.from({ length: 24 }, (_, i) => i);
    expect(parseWebhookSecret(OTHER)).toEqual(bytes);
    expect(parseWebhookSecret(` ${OTHER.slice(6)}\n`)).toEqual(bytes);
    const padded = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    expect(parseWebhookSecret(padded.replace(/=+$/, ''))).toEqual(new Uint8Array(32).fill(9));
  });

  const bad: Record<string, unknown> = {
    empty: '',
    'only the prefix': 'whsec_',
    'base64 of 23 bytes': `whsec_${Buffer.alloc(23, 1).toString('base64')}`,
    'base64 of 65 bytes': `whsec_${Buffer.alloc(65, 1).toString('base64')}`,
    'URL-safe base64': `whsec_${Buffer.alloc(30, 0xfb).toString('base64url')}`,
    'non-canonical base64': `whsec_${Buffer.alloc(32, 1).toString('base64').slice(0, 42)}B=`,
    'a passphrase': 'whsec_correct horse battery staple',
    'a number': 42,
  };
  for (const [shape, input] of Object.entries(bad)) {
    it(`refuses ${shape} with a WebhookSecretError naming what was expected, not the input`, () => {
      expect(() => parseWebhookSecret(input as string)).toThrow(WebhookSecretError);
      try {
        parseWebhookSecret(input as string);
      } catch (error) {
        const message = (error as Error).message;
        expect(message).toMatch(/expected "whsec_" followed by standard base64 of 24 to 64 bytes/);
        if (typeof input === 'string' && input.length > 10)
          expect(message).not.toContain(input.slice(6, 14));
      }
    });
  }

  it('refuses raw key bytes outside 24 to 64 bytes, and an empty secret list', () => {
    const sign = (secrets: Uint8Array[]) => signWebhook({ ...VECTOR, secrets });
    expect(() => sign([new Uint8Array(16)])).toThrow(/received 16 bytes/);
    expect(() => sign([])).toThrow(/at least one secret/);
  });
});
