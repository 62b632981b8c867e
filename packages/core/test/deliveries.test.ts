// The delivery domain's pure rules: the manifest's delivery section, the delivery plan of a
// stored manifest, backoff and ids.
import { describe, expect, it } from 'vitest';
import { backoffMs } from '../src/deliveries/config.js';
import { DELIVERY_ID, newDeliveryId } from '../src/deliveries/ids.js';
import { missingKeys } from '../src/deliveries/payload.js';
import { deliveryPlan } from '../src/deliveries/plan.js';
import { KiciError, parseManifest } from '../src/index.js';

const ID = 'com.example.mailer';
const withDelivery = (delivery: unknown, configuration: unknown = {}) => ({
  extension: { configuration, delivery },
});

function refused(input: Record<string, unknown>): string {
  try {
    parseManifest(input, ID);
  } catch (error) {
    if (error instanceof KiciError && error.code === 'invalid_input') return error.message;
    throw error;
  }
  throw new Error('expected the manifest to be refused');
}

describe('the manifest delivery section', () => {
  it('is normalized (camelCase, defaults) from the seed’s YAML', () => {
    const manifest = parseManifest(
      `extension:
  configuration:
    SMTP_HOST: { secret: true }
  delivery:
    callback:
      url: https://ext.example.com/kiket/events
      secret_keys: [EXTRA_KEY, EXTRA_KEY]
      mtls:
        certificate_key: TLS_CERT
        private_key_key: TLS_KEY
        ca_key: TLS_CA
      timeout_ms: 10000
    subscribe: [secret.rotated]
`,
      ID,
    );
    expect(manifest.delivery).toEqual({
      callback: {
        url: 'https://ext.example.com/kiket/events',
        secretKeys: ['EXTRA_KEY'],
        mtls: { certificateKey: 'TLS_CERT', privateKeyKey: 'TLS_KEY', caKey: 'TLS_CA' },
        timeoutMs: 10000,
      },
      subscribe: ['secret.rotated'],
    });
    expect(
      parseManifest(withDelivery({ callback: { url: 'http://localhost:8080/x' } }), ID).delivery,
    ).toEqual({ callback: { url: 'http://localhost:8080/x', secretKeys: [] }, subscribe: [] });
  });

  it('names the path of every problem', () => {
    const cb = (callback: unknown) => withDelivery({ callback });
    expect(refused(withDelivery({}))).toBe('manifest: extension.delivery.callback: required');
    expect(refused(cb({}))).toBe('manifest: extension.delivery.callback.url: required');
    expect(refused(cb({ url: 'ftp://x.example.com/' }))).toBe(
      'manifest: extension.delivery.callback.url: expected an http(s) URL',
    );
    expect(refused(cb({ url: 'not a url' }))).toBe(
      'manifest: extension.delivery.callback.url: expected an http(s) URL',
    );
    expect(refused(cb({ url: 'https://x.example.com', secret_keys: ['lower'] }))).toContain(
      'extension.delivery.callback.secret_keys.0: expected an upper snake case key',
    );
    expect(refused(cb({ url: 'https://x.example.com', secret_keys: 'A' }))).toBe(
      'manifest: extension.delivery.callback.secret_keys: expected a list of keys',
    );
    expect(refused(cb({ url: 'https://x.example.com', mtls: { certificate_key: 'C' } }))).toBe(
      'manifest: extension.delivery.callback.mtls.private_key_key: required',
    );
    expect(
      refused(
        cb({
          url: 'https://x.example.com',
          mtls: { certificate_key: 'C', private_key_key: 'K', password_key: 'P' },
        }),
      ),
    ).toBe('manifest: extension.delivery.callback.mtls.password_key: unknown field');
    expect(refused(cb({ url: 'https://x.example.com', timeout_ms: 50 }))).toBe(
      'manifest: extension.delivery.callback.timeout_ms: expected at least 100',
    );
    expect(refused(cb({ url: 'https://x.example.com', timeout_ms: 60001 }))).toBe(
      'manifest: extension.delivery.callback.timeout_ms: expected at most 60000',
    );
    expect(refused(cb({ url: 'https://x.example.com', timeout_ms: 1.5 }))).toBe(
      'manifest: extension.delivery.callback.timeout_ms: expected an integer',
    );
    expect(refused(cb({ url: 'https://x.example.com', retries: 3 }))).toBe(
      'manifest: extension.delivery.callback.retries: unknown field',
    );
    expect(
      refused(withDelivery({ callback: { url: 'https://x.example.com' }, subscribe: ['x.y'] })),
    ).toBe('manifest: extension.delivery.subscribe.0: expected "secret.rotated"');
    expect(refused(withDelivery({ callback: { url: 'https://x.example.com' }, note: 1 }))).toBe(
      'manifest: extension.delivery.note: unknown field',
    );
  });
});

describe('the delivery plan of a stored manifest', () => {
  const stored = parseManifest(
    withDelivery(
      {
        callback: {
          url: 'https://x.example.com',
          secret_keys: ['EXTRA', 'TLS_KEY'],
          mtls: { certificate_key: 'TLS_CERT', private_key_key: 'TLS_KEY' },
        },
        subscribe: ['secret.rotated'],
      },
      {
        HOST: { secret: true, required: true },
        OPTIONAL: { secret: true },
        CHANNEL: { required: true },
        FOOTER: {},
        TLS_CERT: { secret: true },
      },
    ),
    ID,
  );

  it('sends secret fields and secret_keys, never the mTLS keys, and requires them all', () => {
    const plan = deliveryPlan(stored);
    expect(plan.url).toBe('https://x.example.com');
    expect([...plan.secretKeys].sort()).toEqual(['EXTRA', 'HOST', 'OPTIONAL']);
    expect([...plan.configKeys].sort()).toEqual(['CHANNEL', 'FOOTER']);
    expect(plan.requiredKeys).toEqual(['CHANNEL', 'EXTRA', 'HOST', 'TLS_CERT', 'TLS_KEY']);
    expect([...plan.deliveredKeys].sort()).toEqual([
      'CHANNEL',
      'EXTRA',
      'FOOTER',
      'HOST',
      'OPTIONAL',
      'TLS_CERT',
      'TLS_KEY',
    ]);
    const found = { value: 'v', backend: 'pg', scope: { scope: 'extension', id: ID } } as const;
    expect(missingKeys(plan, { HOST: found, CHANNEL: found, TLS_CERT: found })).toEqual({
      required: ['EXTRA', 'TLS_KEY'],
      missing: ['EXTRA', 'FOOTER', 'OPTIONAL'],
    });
  });

  it('reads an old, loosely typed manifest without a callback', () => {
    const plan = deliveryPlan({ configuration: {}, delivery: { note: 'later' } });
    expect(plan.url).toBeUndefined();
    expect(plan.subscribe).toEqual([]);
    expect(deliveryPlan(undefined).url).toBeUndefined();
  });
});

describe('backoff and ids', () => {
  it('doubles from the base, capped, within ±20%', () => {
    const config = { retryBaseMs: 1000, retryMaxMs: 300_000 };
    expect(backoffMs(1, config, () => 0.5)).toBe(1000);
    expect(backoffMs(4, config, () => 0.5)).toBe(8000);
    expect(backoffMs(20, config, () => 0.5)).toBe(300_000);
    expect(backoffMs(3, config, () => 0)).toBe(3200);
    expect(backoffMs(3, config, () => 1)).toBe(4800);
  });

  it('makes msg_ ids of 26 Crockford base32 characters that sort by time', () => {
    const a = newDeliveryId(1_700_000_000_000);
    const b = newDeliveryId(1_700_000_000_001);
    expect(a).toMatch(DELIVERY_ID);
    expect(a.length).toBe(30);
    expect(a < b).toBe(true);
    expect(newDeliveryId()).not.toBe(newDeliveryId());
  });
});
