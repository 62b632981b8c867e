// Verification before the handler, and every refusal, through each adapter over real HTTP.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateWebhookSecret } from '@kici/crypto/webhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createExtension } from '../src/extension/index.js';
import {
  adapters,
  collectingSink,
  invocation,
  OLD_SIGNING_SECRET,
  type Served,
  SIGNING_SECRET,
  signed,
} from './extension-helpers.js';

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

function extensionWith(options: { signingSecret?: string | string[]; maxBodyBytes?: number } = {}) {
  const calls: string[] = [];
  const log = collectingSink();
  const extension = createExtension({
    signingSecret: options.signingSecret ?? SIGNING_SECRET,
    env: {},
    logger: log.sink,
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
    handleEvent(payload, context) {
      calls.push(payload.event.type);
      if (payload.event.type === 'boom') {
        throw new Error(`could not log in with ${context.secret('SMTP_PASSWORD')} at smtp`);
      }
      return { echoed: context.secret('SMTP_PASSWORD') ?? null };
    },
  });
  return { extension, calls, log };
}

const now = () => Math.floor(Date.now() / 1000);

describe.each(adapters)('verification through %o', (serve) => {
  it('answers 200 for a good signature, and 401 invalid_signature before the handler otherwise', async () => {
    const { extension, calls } = extensionWith();
    served = await serve(extension);
    expect((await served.post(signed(invocation()))).status).toBe(200);

    const wrongKey = signed(invocation(), { secrets: generateWebhookSecret() });
    expect(await served.post(wrongKey)).toMatchObject({
      status: 401,
      json: { error: 'invalid_signature' },
    });
    const tampered = signed(invocation());
    tampered.body = tampered.body.replace('issue.created', 'issue.deleted');
    expect((await served.post(tampered)).json.error).toBe('invalid_signature');
    const unsigned = signed(invocation());
    delete (unsigned.headers as Record<string, string>)['webhook-signature'];
    expect(await served.post(unsigned)).toMatchObject({
      status: 401,
      json: { error: 'invalid_signature' },
    });
    const noId = signed(invocation());
    delete (noId.headers as Record<string, string>)['webhook-id'];
    expect((await served.post(noId)).status).toBe(401);
    expect(calls).toEqual(['issue.created']);
  });

  it('answers 401 timestamp_out_of_tolerance outside the tolerance, either way', async () => {
    const { extension, calls } = extensionWith();
    served = await serve(extension);
    const old = signed(invocation(), { timestamp: now() - 301 });
    expect(await served.post(old)).toMatchObject({
      status: 401,
      json: { error: 'timestamp_out_of_tolerance' },
    });
    const future = signed(invocation(), { timestamp: now() + 600 });
    expect((await served.post(future)).json.error).toBe('timestamp_out_of_tolerance');
    const withinTolerance = signed(invocation(), { timestamp: now() - 200 });
    expect((await served.post(withinTolerance)).status).toBe(200);
    expect(calls).toEqual(['issue.created']);
  });

  it('accepts a rotation window delivery whose second signature is the only one that verifies', async () => {
    // The orchestrator signs with the new secret first, then the old one; this receiver
    // still has only the old one configured.
    const { extension } = extensionWith({ signingSecret: OLD_SIGNING_SECRET });
    served = await serve(extension);
    const both = signed(invocation(), { secrets: [SIGNING_SECRET, OLD_SIGNING_SECRET] });
    expect(both.headers['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    expect((await served.post(both)).status).toBe(200);
    // A receiver that was given both secrets takes a delivery signed by either.
    await served.close();
    served = await serve(
      extensionWith({ signingSecret: [SIGNING_SECRET, OLD_SIGNING_SECRET] }).extension,
    );
    expect((await served.post(signed(invocation(), { secrets: OLD_SIGNING_SECRET }))).status).toBe(
      200,
    );
    expect((await served.post(signed(invocation(), { secrets: SIGNING_SECRET }))).status).toBe(200);
  });

  it('answers 400 malformed naming the field, after verification', async () => {
    const { extension, calls } = extensionWith();
    served = await serve(extension);
    const notJson = await served.post(signed('{"type":', { id: 'msg_x' }));
    expect(notJson).toEqual({
      status: 400,
      json: { error: 'malformed', message: 'body: expected UTF-8 JSON' },
    });
    const body = invocation() as Record<string, unknown>;
    delete body.installation;
    expect((await served.post(signed(body))).json).toEqual({
      error: 'malformed',
      message: 'installation: expected an object',
    });
    const badSecret = invocation({ secrets: { SMTP_HOST: 5 as unknown as string } });
    expect((await served.post(signed(badSecret))).json.message).toBe(
      'secrets.SMTP_HOST: expected a string',
    );
    const badRotation = invocation({ event: { type: 'secret.rotated', payload: { keys: 'X' } } });
    expect((await served.post(signed(badRotation))).json.message).toBe(
      'event.payload.keys: expected an array of strings',
    );
    // An unsigned malformed body is refused as unsigned: nothing is parsed before verification.
    const forged = signed('{"type":');
    forged.headers['webhook-signature'] = 'v1,AAAA';
    expect((await served.post(forged)).status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('answers 413 for a body over the limit and 405 for a method other than POST', async () => {
    const { extension, calls } = extensionWith({ maxBodyBytes: 2048 });
    served = await serve(extension);
    const big = signed(invocation({ configuration: { PAD: 'x'.repeat(4096) } }));
    expect(await served.post(big)).toMatchObject({
      status: 413,
      json: { error: 'body_too_large' },
    });
    const justFits = signed(invocation({ configuration: { PAD: 'x'.repeat(1500) } }));
    expect(new TextEncoder().encode(justFits.body).length).toBeLessThanOrEqual(2048);
    expect((await served.post(justFits)).status).toBe(200);
    expect((await served.post(signed(invocation()), 'GET')).status).toBe(405);
    expect(calls).toEqual(['issue.created']);
  });

  it('answers 500 handler_failed with the message masked, and masks what the handler returns', async () => {
    const { extension, log } = extensionWith();
    served = await serve(extension);
    const secrets = { SMTP_PASSWORD: 'hunter2-smtp-password' };
    const res = await served.post(signed(invocation({ event: { type: 'boom' }, secrets })));
    expect(res).toEqual({
      status: 500,
      json: { error: 'handler_failed', message: 'could not log in with *** at smtp' },
    });
    expect(log.lines.join('\n')).toContain('could not log in with *** at smtp');
    expect(log.lines.join('\n')).not.toContain('hunter2');
    const echoed = await served.post(signed(invocation({ secrets })));
    expect(echoed).toEqual({ status: 200, json: { ok: true, echoed: '***' } });
  });
});

describe('node adapter behind a framework that read the raw body', () => {
  it('verifies req.body when it is the raw bytes (express.raw)', async () => {
    const { extension, calls } = extensionWith({ maxBodyBytes: 4096 });
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      // What express.raw() leaves: the stream consumed, the bytes on req.body.
      void extension.node(Object.assign(req, { body: Buffer.concat(chunks) }), res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const good = signed(invocation());
      expect((await fetch(url, { method: 'POST', ...good })).status).toBe(200);
      const big = signed(invocation({ configuration: { PAD: 'x'.repeat(5000) } }));
      expect((await fetch(url, { method: 'POST', ...big })).status).toBe(413);
      expect(calls).toEqual(['issue.created']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('default body limit', () => {
  it('is 1 MiB', async () => {
    const { extension } = extensionWith();
    const pad = (n: number) => invocation({ configuration: { PAD: 'x'.repeat(n) } });
    const base = JSON.stringify(pad(0)).length;
    const at = (size: number) =>
      extension.fetch(new Request('http://x/', { method: 'POST', ...signed(pad(size - base)) }));
    expect((await at(1024 * 1024)).status).toBe(200);
    expect((await at(1024 * 1024 + 1)).status).toBe(413);
  });
});
