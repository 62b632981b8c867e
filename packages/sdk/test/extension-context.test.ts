// context.secret(), secrets.get/getMeta/keys, secretStatus.missing and the rest of the
// context, through each adapter over real HTTP (the fetch one with Request objects).
import { afterEach, describe, expect, it } from 'vitest';
import { type Context, createExtension, type KiketEvent } from '../src/extension/index.js';
import {
  adapters,
  collectingSink,
  invocation,
  type Served,
  SIGNING_SECRET,
  signed,
} from './extension-helpers.js';

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

describe.each(adapters)('context through %o', (serve) => {
  it('resolves payload secrets first, then the environment, and exposes the rest', async () => {
    const seen: Array<{ payload: KiketEvent; context: Context; reads: Record<string, unknown> }> =
      [];
    const extension = createExtension({
      signingSecret: SIGNING_SECRET,
      env: { SMTP_HOST: 'env-host.example.com', SMTP_PASSWORD: 'env-password-1' },
      logger: collectingSink().sink,
      handleEvent(payload, context) {
        seen.push({
          payload,
          context,
          reads: {
            host: context.secret('SMTP_HOST'),
            password: context.secret('SMTP_PASSWORD'),
            nowhere: context.secret('NOT_ANYWHERE'),
            legacy: context.secrets.get('SMTP_HOST'),
            legacyPassword: context.secrets.get('SMTP_PASSWORD'),
            meta: context.secrets.getMeta('SMTP_HOST'),
            metaPassword: context.secrets.getMeta('SMTP_PASSWORD'),
            keys: context.secrets.keys(),
            json: JSON.stringify(context.secrets),
          },
        });
        return { handled: context.event.type };
      },
    });
    served = await serve(extension);
    const body = invocation({
      attempt: 3,
      secrets: { SMTP_HOST: 'smtp.acme.example', API_TOKEN: 'tok-123456' },
      secret_meta: {
        SMTP_HOST: {
          backend: 'pg',
          scope: { scope: 'installation', id: 'OPS/com.example.mailer' },
        },
        API_TOKEN: { backend: 'vault', scope: { scope: 'organization', id: 'acme' } },
      },
      missing: ['SMTP_PASSWORD'],
      installation: { product_id: 'prod-7' },
      configuration: { CHANNEL_ID: 'C123', RETRIES: 2 },
    });
    const res = await served.post(signed(body));
    expect(res).toEqual({ status: 200, json: { ok: true, handled: 'issue.created' } });

    const [{ payload, context, reads }] = seen as [(typeof seen)[number]];
    expect(reads).toEqual({
      host: 'smtp.acme.example', // the payload wins over the environment
      password: 'env-password-1', // missing from the payload: the environment's
      nowhere: undefined,
      legacy: 'smtp.acme.example',
      legacyPassword: undefined, // secrets.get is the payload only
      meta: {
        value: 'smtp.acme.example',
        backend: 'pg',
        scope: { scope: 'installation', id: 'OPS/com.example.mailer' },
      },
      metaPassword: undefined,
      keys: ['API_TOKEN', 'SMTP_HOST'],
      json: '{"keys":["API_TOKEN","SMTP_HOST"]}',
    });
    expect(context.secretStatus.missing).toEqual(['SMTP_PASSWORD']);
    expect(context.configuration).toEqual({ CHANNEL_ID: 'C123', RETRIES: 2 });
    expect(context.event).toEqual({ type: 'issue.created', payload: { any: 'json' } });
    expect(context.installation).toEqual({
      orgId: 'acme',
      projectKey: 'OPS',
      extensionId: 'com.example.mailer',
      productId: 'prod-7',
    });
    expect(context.deliveryId).toBe(body.id);
    expect(context.attempt).toBe(3);
    expect(payload.secrets.API_TOKEN).toBe('tok-123456');
    expect(payload.installation.product_id).toBe('prod-7');
  });

  it('treats a key named like an Object member as just a key', async () => {
    const reads: unknown[] = [];
    const extension = createExtension({
      signingSecret: SIGNING_SECRET,
      env: {},
      logger: collectingSink().sink,
      handleEvent(_payload, context) {
        reads.push(
          context.secret('toString'),
          context.secret('__proto__'),
          context.secrets.has('constructor'),
        );
      },
    });
    served = await serve(extension);
    const res = await served.post(
      signed(invocation({ secrets: { ['__proto__']: 'proto-value' } })),
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
    expect(reads).toEqual([undefined, 'proto-value', false]);
  });
});

describe('createExtension options', () => {
  it('refuses a missing or malformed signing secret at startup, without echoing it', () => {
    const handleEvent = () => undefined;
    expect(() => createExtension({ signingSecret: undefined, handleEvent })).toThrow(
      /signingSecret: expected the installation signing secret/,
    );
    expect(() => createExtension({ signingSecret: [], handleEvent })).toThrow(/signingSecret/);
    expect(() => createExtension({ signingSecret: 'whsec_not-base64!!', handleEvent })).toThrow(
      /^(?!.*not-base64).*Invalid webhook secret/,
    );
    expect(() =>
      createExtension({ signingSecret: SIGNING_SECRET, handleEvent, maxBodyBytes: 0 }),
    ).toThrow(/maxBodyBytes/);
    expect(() =>
      createExtension({ signingSecret: SIGNING_SECRET, handleEvent, toleranceSeconds: -1 }),
    ).toThrow(/toleranceSeconds/);
  });

  it('falls back to process.env when no env is given', async () => {
    process.env.KICI_SDK_TEST_FALLBACK = 'from-process-env';
    try {
      let read: string | undefined;
      const extension = createExtension({
        signingSecret: SIGNING_SECRET,
        logger: collectingSink().sink,
        handleEvent(_p, context) {
          read = context.secret('KICI_SDK_TEST_FALLBACK');
        },
      });
      const res = await extension.fetch(
        new Request('http://x/', { method: 'POST', ...signed(invocation()) }),
      );
      expect(res.status).toBe(200);
      expect(read).toBe('from-process-env');
    } finally {
      delete process.env.KICI_SDK_TEST_FALLBACK;
    }
  });
});
